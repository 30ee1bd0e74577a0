// Pure rules of a BPJS Ketenagakerjaan claim's file: the documents each kind
// of claim needs (data, not code), which are still missing, the heirs of a
// death claim, and the children's scholarship (BPJS_SCHOLARSHIP).

/**
 * The document checklist per kind of claim, as BPJS Ketenagakerjaan lists it
 * for JKK (work accident) and JKM (death) claims (DOMAIN.md, RT/RW heads).
 * `when: 'road'`: only for an accident on the road (kecelakaan lalu lintas).
 */
export const CLAIM_DOCUMENTS = {
  kematian: [
    { item: 'surat_kematian', required: true },
    { item: 'kk', required: true },
    { item: 'ktp_ahli_waris', required: true },
    { item: 'kartu_peserta', required: true },
    { item: 'buku_rekening_ahli_waris', required: false },
  ],
  kecelakaan: [
    { item: 'kronologi', required: true },
    { item: 'laporan_polisi', required: true, when: 'road' },
    { item: 'dokumen_medis', required: true },
    { item: 'kartu_peserta', required: false },
  ],
} as const satisfies Record<string, readonly { item: string; required: boolean; when?: 'road' }[]>;

export type ClaimKind = keyof typeof CLAIM_DOCUMENTS;
export type DocItem = (typeof CLAIM_DOCUMENTS)[ClaimKind][number]['item'];
export const ALL_DOC_ITEMS: readonly string[] = [
  ...new Set(Object.values(CLAIM_DOCUMENTS).flatMap((l) => l.map((d) => d.item))),
];

/** The checklist of one claim: each item, whether it is required for this claim, and whether a file is in. */
export function checklist(
  claim: { kind: string; road_accident: boolean },
  uploaded: readonly string[],
): { item: string; required: boolean; done: boolean }[] {
  const list = CLAIM_DOCUMENTS[claim.kind as ClaimKind] ?? [];
  const have = new Set(uploaded);
  return list
    .filter((d) => !('when' in d) || (d.when === 'road' && claim.road_accident))
    .map((d) => ({ item: d.item, required: d.required, done: have.has(d.item) }));
}

/** Items a claim's kind accepts (whatever the road flag: a police report may be added anyway). */
export const itemsFor = (kind: string): readonly string[] =>
  (CLAIM_DOCUMENTS[kind as ClaimKind] ?? []).map((d) => d.item);

/** Required documents not yet uploaded: a claim with any cannot be taken up (diproses). */
export const missingDocuments = (claim: { kind: string; road_accident: boolean }, uploaded: readonly string[]) =>
  checklist(claim, uploaded)
    .filter((d) => d.required && !d.done)
    .map((d) => d.item);

export const HEIR_RELATIONSHIPS = ['suami', 'istri', 'anak', 'orang_tua', 'saudara', 'lainnya'] as const;
export type HeirRelationship = (typeof HEIR_RELATIONSHIPS)[number];

/** What else a claim needs before it is taken up, besides documents: a death claim names at least one heir. */
export function claimReadiness(
  claim: { kind: string; road_accident: boolean },
  uploaded: readonly string[],
  heirs: number,
): { missing: string[]; needsHeir: boolean } {
  return { missing: missingDocuments(claim, uploaded), needsHeir: claim.kind === 'kematian' && heirs === 0 };
}

/**
 * The scholarship for children of a JKK/JKM beneficiary (PP 82/2019, unverified):
 * at most `maxChildren` children per claim, at the `levels` listed.
 */
export interface ScholarshipConfig {
  maxChildren: number;
  levels: string[];
}
export const DEFAULT_SCHOLARSHIP: ScholarshipConfig = { maxChildren: 2, levels: ['TK', 'SD', 'SMP', 'SMA', 'PT'] };
export const SCHOLARSHIP_STATUSES = ['diajukan', 'aktif', 'selesai', 'dihentikan'] as const;

export function parseScholarship(
  text: string,
): { ok: true; config: ScholarshipConfig } | { ok: false; problem: string } {
  if (!text.trim()) return { ok: true, config: DEFAULT_SCHOLARSHIP };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'bukan JSON yang sah' };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, problem: 'harus objek JSON {…}' };
  const c = { ...DEFAULT_SCHOLARSHIP, ...(raw as Partial<ScholarshipConfig>) };
  if (!Number.isInteger(c.maxChildren) || c.maxChildren < 0 || c.maxChildren > 20)
    return { ok: false, problem: 'maxChildren harus 0–20' };
  if (!Array.isArray(c.levels) || !c.levels.length || !c.levels.every((l) => /^[A-Z]{1,10}$/.test(String(l))))
    return { ok: false, problem: 'levels harus daftar kode huruf kapital (TK, SD, …)' };
  return { ok: true, config: c };
}

/** A school year "2026/2027": consecutive years. */
export const isSchoolYear = (s: string) => {
  const m = /^(\d{4})\/(\d{4})$/.exec(s);
  return !!m && Number(m[2]) === Number(m[1]) + 1;
};

/** Whether another child may be added: distinct child names on the claim within the maximum. */
export function scholarshipProblem(
  cfg: ScholarshipConfig,
  existing: readonly { child_name: string }[],
  child: { name: string; level: string; schoolYear: string },
): 'bad_level' | 'bad_year' | 'too_many' | null {
  if (!cfg.levels.includes(child.level)) return 'bad_level';
  if (!isSchoolYear(child.schoolYear)) return 'bad_year';
  const names = new Set(existing.map((e) => e.child_name.trim().toLowerCase()));
  names.add(child.name.trim().toLowerCase());
  return names.size > cfg.maxChildren ? 'too_many' : null;
}
