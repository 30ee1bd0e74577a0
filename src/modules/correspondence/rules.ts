// Pure rules of E-Surat: the fixed levels (their names are data: reference/), the agenda number,
// the likely-duplicate rule, which JRA row applies to a code, and the checks of a registration.
import type { FieldError } from '../../lib/errors.js';

/** SKKAAD levels (Peraturan ANRI 4/2021): fixed by a CHECK in migration 0026; names in reference/naskah-keamanan.csv. */
export const SECURITY_CLASSES = ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'] as const;
export type SecurityClass = (typeof SECURITY_CLASSES)[number];
/** Derajat kecepatan (Permendagri 1/2023): fixed by a CHECK; names in reference/naskah-urgensi.csv. */
export const URGENCIES = ['biasa', 'segera', 'sangat_segera', 'kilat'] as const;
export type Urgency = (typeof URGENCIES)[number];
/** What happens to a file when its inactive years end (JRA). */
export const FINAL_DISPOSITIONS = ['musnah', 'permanen', 'dinilai_kembali'] as const;
export type FinalDisposition = (typeof FINAL_DISPOSITIONS)[number];

export const isSecurityClass = (s: string): s is SecurityClass => (SECURITY_CLASSES as readonly string[]).includes(s);
export const isUrgency = (s: string): s is Urgency => (URGENCIES as readonly string[]).includes(s);

/** Default agenda pattern (NASKAH_AGENDA_TEMPLATE); `{urut:4}` pads to four digits. */
export const DEFAULT_AGENDA_TEMPLATE = '{urut}/{kode_unit}/{tahun}';
const PLACEHOLDER = /\{(urut|kode_unit|tahun)(?::(\d))?\}/g;

/** A template is usable when it holds {urut} and nothing but known placeholders. */
export function agendaTemplateProblem(template: string): string | null {
  if (!/\{urut(?::\d)?\}/.test(template)) return 'harus memuat {urut} (nomor urut)';
  const unknown = template.replace(PLACEHOLDER, '').match(/\{[^}]*\}/);
  if (unknown) return `memuat ${unknown[0]} yang tidak dikenal (pakai {urut}, {urut:4}, {kode_unit}, {tahun})`;
  if (template.length > 80) return 'paling panjang 80 karakter';
  return null;
}

export function formatAgendaNumber(template: string, v: { urut: number; kode_unit: string; tahun: number }): string {
  return template.replace(PLACEHOLDER, (_m, name: string, width?: string) => {
    const raw = String(v[name as keyof typeof v]);
    return width && name === 'urut' ? raw.padStart(Number(width), '0') : raw;
  });
}

/** Sender and number as compared for duplicates: case, spaces and punctuation runs do not matter. */
export const duplicateKey = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[\s.,;:'"()-]+/g, ' ')
    .trim();

export interface DuplicateFacts {
  senderInstansi: string;
  senderNumber: string;
  senderDate: string;
}
/** Likely the same letter registered twice: same sender, same number and same date (in the same unit: the caller's filter). */
export function isLikelyDuplicate(a: DuplicateFacts, b: DuplicateFacts): boolean {
  return (
    a.senderDate === b.senderDate &&
    duplicateKey(a.senderNumber) === duplicateKey(b.senderNumber) &&
    duplicateKey(a.senderInstansi) === duplicateKey(b.senderInstansi)
  );
}

export interface RetentionRow {
  code: string;
  activeYears: number;
  inactiveYears: number;
  final: FinalDisposition;
  verified: boolean;
}
export interface Retention extends RetentionRow {
  source: 'kota' | 'bawaan';
}
/** `400.12.3.1` → [`400.12.3.1`, `400.12.3`, `400.12`, `400`]. */
export const codeAndAncestors = (code: string) =>
  code.split('.').map((_p, i, all) => all.slice(0, all.length - i).join('.'));

/**
 * The JRA row that applies to a code: the nearest code along its ancestry that has a row; at the same code the
 * city's own row wins over the shipped default. None: no retention known (the snapshot stays empty).
 */
export function retentionFor(
  code: string,
  city: ReadonlyMap<string, RetentionRow>,
  defaults: ReadonlyMap<string, RetentionRow>,
): Retention | null {
  for (const c of codeAndAncestors(code)) {
    const own = city.get(c);
    if (own) return { ...own, source: 'kota' };
    const d = defaults.get(c);
    if (d) return { ...d, source: 'bawaan' };
  }
  return null;
}

export const PERIHAL_MAX = 500;
export const SENDER_MAX = 200;
export const NUMBER_MAX = 100;
export const SEARCH_MAX = 200;
export const KEY = /^[A-Za-z0-9_-]{8,64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const realDay = (s: string) => DAY.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

export interface IncomingFields {
  senderInstansi: string;
  senderName: string;
  senderNumber: string;
  senderDate: string;
  receivedDate: string;
  perihal: string;
  urgency: string;
  securityClass: string;
  kindCode: string;
  classificationCode: string;
}

/** Every problem of the typed fields at once (the file and the code's existence are the service's). */
export function incomingProblems(f: IncomingFields, today: string, kinds: ReadonlySet<string>): FieldError[] {
  const e: FieldError[] = [];
  const text = (field: string, v: string, max: number, optional = false) => {
    const s = v.trim();
    if (!s && !optional) e.push({ field, key: 'surat.err.required', params: { max } });
    else if (s.length > max) e.push({ field, key: 'surat.err.too_long', params: { max } });
  };
  text('senderInstansi', f.senderInstansi, SENDER_MAX);
  text('senderName', f.senderName, SENDER_MAX, true);
  text('senderNumber', f.senderNumber, NUMBER_MAX);
  text('perihal', f.perihal, PERIHAL_MAX);
  if (!realDay(f.senderDate)) e.push({ field: 'senderDate', key: 'surat.err.date' });
  if (!realDay(f.receivedDate)) e.push({ field: 'receivedDate', key: 'surat.err.date' });
  else if (f.receivedDate > today) e.push({ field: 'receivedDate', key: 'surat.err.received_future' });
  else if (realDay(f.senderDate) && f.senderDate > f.receivedDate)
    e.push({ field: 'senderDate', key: 'surat.err.sent_after_received' });
  if (!isUrgency(f.urgency)) e.push({ field: 'urgency', key: 'surat.err.choose' });
  if (!isSecurityClass(f.securityClass)) e.push({ field: 'securityClass', key: 'surat.err.choose' });
  if (!kinds.has(f.kindCode)) e.push({ field: 'kindCode', key: 'surat.err.choose' });
  if (!/^[0-9]{3}(\.[0-9]{1,3}){0,5}$/.test(f.classificationCode.trim()))
    e.push({ field: 'classificationCode', key: 'surat.err.classification' });
  return e;
}
