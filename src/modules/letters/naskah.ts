// The naskah dinas as an office writes it (Permendagri 1/2023 tata naskah dinas
// di lingkungan pemerintah daerah): kop, title and number, an opening that names
// the signer's office, the identity block, the RT/RW pengantar it rests on, the
// statement, a closing per kind and the signature block with jabatan, pangkat
// and NIP. Pure: every value arrives as an argument. The wording is Indonesian
// whatever the reader's interface language: an official document is written in
// Bahasa Indonesia (UU 24/2009 art. 27).
import type { IdentityField } from '../../db/schema.js';
import { formatIndonesianDate } from '../../lib/text.js';
import { DEFAULT_IDENTITY_FIELDS, IDENTITY_FIELDS } from '../catalogue/index.js';

export type LetterKind = 'keterangan' | 'pengantar' | 'rekomendasi';
export type DelegationMode = 'an' | 'ub' | 'plt' | 'plh';

/** The identity rows a letter type may print: the catalogue's list, in the order the type gives them. */
type IdentityKey = IdentityField;
const IDENTITY_KEYS: readonly string[] = IDENTITY_FIELDS;
export const DEFAULT_IDENTITY: readonly IdentityKey[] = DEFAULT_IDENTITY_FIELDS;

const IDENTITY_LABEL: Record<IdentityKey | 'nama', string> = {
  nama: 'Nama',
  nik: 'NIK',
  ttl: 'Tempat/tanggal lahir',
  jenis_kelamin: 'Jenis kelamin',
  agama: 'Agama',
  status_perkawinan: 'Status perkawinan',
  kewarganegaraan: 'Kewarganegaraan',
  pekerjaan: 'Pekerjaan',
  alamat: 'Alamat',
  no_kk: 'No. KK',
};

export interface Row {
  label: string;
  value: string;
}

/** What the register says about the person the letter is about; '' where unknown. */
export interface PersonFacts {
  name: string;
  nik: string;
  birthPlace: string;
  birthDate: string; // YYYY-MM-DD
  sex: 'L' | 'P' | string;
  religion: string;
  maritalStatus: string;
  citizenship: string;
  occupation: string;
  address: string;
  rtRw: string;
  kelurahan: string;
  kecamatan: string;
  kk: string;
}

/** "Ketapang" from "Kelurahan Ketapang" or "Ketapang": names sometimes carry their level. */
export const bareName = (name: string) => name.replace(/^(kelurahan|kecamatan|desa|kota|kabupaten)\s+/i, '').trim();

/** "Belum tercatat" rather than an empty line: an empty "Pekerjaan :" reads as a mistake. */
const orUnknown = (v: string) => (v.trim() ? v.trim() : '-');

export function identityRows(p: PersonFacts, keys: readonly string[]): Row[] {
  const value: Record<IdentityKey, string> = {
    nik: p.nik,
    ttl: [p.birthPlace.trim(), p.birthDate ? formatIndonesianDate(p.birthDate) : ''].filter(Boolean).join(', '),
    jenis_kelamin: p.sex === 'L' ? 'Laki-laki' : p.sex === 'P' ? 'Perempuan' : p.sex,
    agama: p.religion,
    status_perkawinan: p.maritalStatus,
    kewarganegaraan: p.citizenship,
    pekerjaan: p.occupation,
    alamat: [
      p.address.trim(),
      p.rtRw,
      p.kelurahan && `Kelurahan ${bareName(p.kelurahan)}`,
      p.kecamatan && `Kecamatan ${bareName(p.kecamatan)}`,
    ]
      .filter(Boolean)
      .join(', '),
    no_kk: p.kk,
  };
  const rows: Row[] = [{ label: IDENTITY_LABEL.nama, value: orUnknown(p.name) }];
  for (const k of keys)
    if (IDENTITY_KEYS.includes(k))
      rows.push({ label: IDENTITY_LABEL[k as IdentityKey], value: orUnknown(value[k as IdentityKey]) });
  return rows;
}

/** "Lurah Ketapang", "Camat Kademangan": the head of the issuing office. */
export function headTitle(level: string, unitName: string): string {
  const name = bareName(unitName);
  return level === 'kecamatan' ? `Camat ${name}` : level === 'kelurahan' ? `Lurah ${name}` : name;
}

/** "Yang bertanda tangan di bawah ini, Lurah Ketapang Kecamatan Kademangan Kota Probolinggo, menerangkan …" */
export function openingOf(a: { kind: LetterKind; level: string; unitName: string; kecamatan: string; city: string }) {
  const office = [
    headTitle(a.level, a.unitName),
    a.level === 'kelurahan' && a.kecamatan ? `Kecamatan ${bareName(a.kecamatan)}` : '',
    a.city.trim(),
  ]
    .filter(Boolean)
    .join(' ');
  const verb: Record<LetterKind, string> = {
    keterangan: 'menerangkan dengan sebenarnya bahwa',
    pengantar: 'memberikan pengantar kepada',
    rekomendasi: 'memberikan rekomendasi kepada',
  };
  return `Yang bertanda tangan di bawah ini, ${office}, ${verb[a.kind]}:`;
}

export function closingOf(kind: LetterKind): string {
  switch (kind) {
    case 'keterangan':
      return 'Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.';
    case 'pengantar':
      return 'Demikian surat pengantar ini dibuat untuk dipergunakan sebagaimana mestinya.';
    case 'rekomendasi':
      return 'Demikian rekomendasi ini diberikan untuk dipergunakan sebagaimana mestinya.';
  }
}

/** One RT or RW approval the letter rests on. */
export interface PengantarRef {
  level: 'rt' | 'rw';
  /** "RT 001", "RW 002". */
  unit: string;
  number: string;
  /** ISO instant of the approval. */
  at: string;
  headName: string;
}

/** The pengantar's number: the request's tracking code, the RT/RW and the year — unique, never reused. */
export function pengantarNumber(trackingCode: string, unit: string, year: number): string {
  return `${trackingCode}/${unit.replace(/\s+/g, '.')}/${year}`;
}

export function pengantarSentence(refs: readonly PengantarRef[], timeZone: string): string {
  if (refs.length === 0) return '';
  const parts = refs.map(
    (r) => `Ketua ${r.unit} (${r.headName}) Nomor ${r.number} tanggal ${formatIndonesianDate(r.at, timeZone)}`,
  );
  return `Berdasarkan surat pengantar ${parts.join(' dan ')}.`;
}

export interface SignerIdentity {
  name: string;
  nip: string;
  jabatan: string;
  pangkat: string;
}

/** The lines above the name in the signature block, per Permendagri 1/2023 (a.n., u.b., Plt., Plh.). */
export function signatureHeading(a: { head: string; mode: DelegationMode | null; jabatan: string; via: string }) {
  const HEAD = a.head.toUpperCase();
  switch (a.mode) {
    case null:
      return [`${HEAD},`];
    case 'an':
      return [`a.n. ${HEAD}`, `${a.jabatan},`];
    case 'ub':
      return [`a.n. ${HEAD}`, a.via, 'u.b.', `${a.jabatan},`];
    case 'plt':
      return [`Plt. ${HEAD},`];
    case 'plh':
      return [`Plh. ${HEAD},`];
  }
}

/** Name, pangkat/golongan and NIP under the signature. */
export function signatureFoot(s: SignerIdentity): string[] {
  return [s.name, s.pangkat, s.nip ? `NIP. ${s.nip}` : ''].filter(Boolean);
}

/** Which roles sign for their office in their own right, and who may sign only by delegation. */
export const HEAD_ROLES = ['lurah', 'camat'] as const;
export const DELEGABLE_ROLES = ['staf_kelurahan', 'staf_kecamatan', 'lurah', 'camat'] as const;

export type SignRight = { ok: true; mode: DelegationMode | null } | { ok: false; reason: 'not_official' | 'no_nip' };

/**
 * May this person sign for the office? The head signs in their own right; anyone else only with a
 * delegation in force (plain staff do not sign). Everyone who signs needs a NIP on record.
 */
export function signRight(a: {
  role: string;
  isHeadOfUnit: boolean;
  delegation: { mode: DelegationMode } | null;
  nip: string | null;
}): SignRight {
  const mode = a.isHeadOfUnit ? null : (a.delegation?.mode ?? undefined);
  if (mode === undefined) return { ok: false, reason: 'not_official' };
  if (!a.nip) return { ok: false, reason: 'no_nip' };
  return { ok: true, mode };
}

/** A delegation is in force on a local date when it started, has not ended and was not revoked. */
export function delegationInForce(
  d: { valid_from: string; valid_to: string | null; revoked: boolean },
  localDate: string,
): boolean {
  return !d.revoked && d.valid_from <= localDate && (d.valid_to === null || localDate <= d.valid_to);
}

/** "Jalan Mastrip 12, Telepon (0335) 421 000, Kode Pos 67211" and "Laman … Pos-el …" (the kop's small lines). */
export function kopContactLines(o: {
  address: string;
  phone: string;
  postalCode: string;
  website: string;
  email: string;
}): string[] {
  const first = [o.address, o.phone && `Telepon ${o.phone}`, o.postalCode && `Kode Pos ${o.postalCode}`]
    .filter(Boolean)
    .join(', ');
  const second = [o.website && `Laman ${o.website}`, o.email && `Pos-el ${o.email}`].filter(Boolean).join(', ');
  return [first, second].filter(Boolean);
}

/** The kop's heading lines: PEMERINTAH KOTA …, KECAMATAN …, KELURAHAN …. */
export function kopHeading(a: { city: string; kecamatan: string; kelurahan: string | null }): string[] {
  return [
    `PEMERINTAH ${a.city.trim().toUpperCase()}`,
    `KECAMATAN ${bareName(a.kecamatan).toUpperCase()}`,
    ...(a.kelurahan ? [`KELURAHAN ${bareName(a.kelurahan).toUpperCase()}`] : []),
  ];
}

/** Fills a date-typed field as people write dates; other values as typed. */
export function displayFieldValues(
  fields: readonly { name: string; type: string; label?: string }[],
  values: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = { ...values };
  for (const f of fields) {
    const v = values[f.name];
    if (f.type !== 'date' || !v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) continue;
    // "Hari/tanggal" fields name the day too: "Senin, 30 November 2026".
    out[f.name] = /^hari/i.test(f.label ?? '')
      ? `${weekdayOf(v)}, ${formatIndonesianDate(v)}`
      : formatIndonesianDate(v);
  }
  return out;
}

const WEEKDAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const weekdayOf = (isoDate: string) => WEEKDAYS[new Date(`${isoDate}T00:00:00Z`).getUTCDay()]!;
