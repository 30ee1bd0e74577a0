// Pure rules of pemberkasan and penyusutan (issue 15 item 6): which retention a closed berkas keeps, its dates,
// what is due, and which decision may be recorded when. No I/O; `today` is passed in (the city's date).
//
// Regulation: UU 43/2009 tentang Kearsipan and PP 28/2012 (its implementing regulation) make the JRA the basis of
// penyusutan — moving inactive records to the records centre (pemindahan arsip inaktif), destroying records whose
// retention has ended (pemusnahan, only with a decision and a berita acara) and handing permanent records to the
// archive (penyerahan arsip statis); Peraturan ANRI on JRA guidance sets the retention as active years, inactive
// years and a final disposition (musnah / permanen / dinilai kembali). Counting from the end of the year the file
// was closed is the usual reading (the retention runs from when the file's business is finished); it is an
// assumption to confirm with the city's archive (docs/SRIKANDI-EXPORT.md).
import type { FinalDisposition } from './rules.js';
import type { BerkasState, DecisionKind } from './berkas-tables.js';

export interface RetentionSnapshot {
  activeYears: number;
  inactiveYears: number;
  final: FinalDisposition;
}

/** The order of protection: a file keeps the most protective final disposition of its naskah. */
const FINAL_RANK: Record<FinalDisposition, number> = { musnah: 0, dinilai_kembali: 1, permanen: 2 };

/**
 * The retention of a berkas from the JRA snapshots of its naskah: the longest active and inactive periods and the
 * most protective final disposition (a file is kept as long as its longest-kept naskah). Naskah without a snapshot
 * are ignored; with none at all the berkas's own code's JRA (`fallback`) applies; null when neither is known.
 */
export function berkasRetention(
  snapshots: readonly (RetentionSnapshot | null)[],
  fallback: RetentionSnapshot | null,
): RetentionSnapshot | null {
  const known = snapshots.filter((s): s is RetentionSnapshot => s !== null);
  if (!known.length) return fallback;
  return known.reduce((a, b) => ({
    activeYears: Math.max(a.activeYears, b.activeYears),
    inactiveYears: Math.max(a.inactiveYears, b.inactiveYears),
    final: FINAL_RANK[b.final] > FINAL_RANK[a.final] ? b.final : a.final,
  }));
}

/** Active until the end of (closing year + active years); inactive until the end of that + inactive years. */
export function retentionDates(closedOn: string, r: RetentionSnapshot): { activeUntil: string; inactiveUntil: string } {
  const year = Number(closedOn.slice(0, 4));
  return {
    activeUntil: `${year + r.activeYears}-12-31`,
    inactiveUntil: `${year + r.activeYears + r.inactiveYears}-12-31`,
  };
}

export interface BerkasFacts {
  state: BerkasState;
  activeUntil: string | null;
  inactiveUntil: string | null;
  final: FinalDisposition | null;
}

/** The decisions a final disposition allows when the inactive period is over ('dinilai_kembali': either, after appraisal). */
export const FINAL_DECISIONS: Record<FinalDisposition, readonly DecisionKind[]> = {
  musnah: ['musnah'],
  permanen: ['serah'],
  dinilai_kembali: ['musnah', 'serah'],
};

/** What is due for a berkas today: 'pindah' (active period over), 'akhir' (inactive period over), or null. */
export function dueOf(b: BerkasFacts, today: string): 'pindah' | 'akhir' | null {
  if (!b.activeUntil || !b.inactiveUntil) return null;
  if ((b.state === 'ditutup' || b.state === 'dipindahkan') && today > b.inactiveUntil) return 'akhir';
  if (b.state === 'ditutup' && today > b.activeUntil) return 'pindah';
  return null;
}

/** Why a decision cannot be recorded now (a message key), or null when it can. */
export function decisionProblem(b: BerkasFacts, kind: DecisionKind, today: string): string | null {
  const due = dueOf(b, today);
  if (b.state === 'terbuka') return 'berkas.err.still_open';
  if (kind === 'pindah') return due === 'pindah' ? null : 'berkas.err.not_due_transfer';
  if (due !== 'akhir' || !b.final) return 'berkas.err.not_due_final';
  return FINAL_DECISIONS[b.final].includes(kind) ? null : 'berkas.err.wrong_final';
}

/** The state a decision moves a berkas into (the DB's generated column says the same). */
export const STATE_AFTER: Record<DecisionKind, BerkasState> = {
  pindah: 'dipindahkan',
  musnah: 'dimusnahkan',
  serah: 'diserahkan',
};

/** A naskah belongs in a berkas of its code or of an ancestor of its code. */
export const fitsClassification = (naskahCode: string, berkasCode: string) =>
  naskahCode === berkasCode || naskahCode.startsWith(berkasCode + '.');
