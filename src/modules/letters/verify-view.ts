// What the public verification page shows of a letter: all of its signed
// content a verifier needs to compare with the paper, with the person's name
// and every NIK/KK-like number masked (UU 27/2022: the full numbers are not
// needed to compare). Read defensively: payloads of every version (v1, and v2
// with structured signer and identity rows), and a tampered record missing
// parts, all present without failing. Pure.
import type { MessageKey } from '../../i18n/index.js';
import { maskName, maskNumber } from '../residents/index.js';

export type ContentRow = { key: MessageKey; value: string } | { label: string; value: string };

type Obj = Record<string, unknown>;
const obj = (x: unknown): Obj => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Obj) : {});
const str = (x: unknown): string => (typeof x === 'string' ? x.trim() : typeof x === 'number' ? String(x) : '');
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Runs of 16 digits (NIK, No. KK) become "3574********0001", wherever they are. */
export function maskLongNumbers(s: string): string {
  return s.replace(/(?<!\d)\d{16}(?!\d)/g, (n) => maskNumber(n));
}

/** "nama_usaha" → "Nama usaha": a field's key as a label when the payload gives none. */
export function labelOfKey(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}

export interface LetterContent {
  rows: ContentRow[];
  /** The statement as signed, with the person's name and any NIK masked. */
  text: string;
}

/** `date` formats an ISO date or timestamp in the reader's language (Indonesian by default). */
export function letterContent(payload: unknown, date: (iso: string) => string): LetterContent {
  const p = obj(payload);
  const type = obj(p.type);
  const unit = obj(p.unit);
  const resident = obj(p.resident);
  const signer = obj(p.signer);
  const fullName = str(resident.name);
  // v1 statements carry ISO dates ("1991-06-13"); a page never shows one (dates as "13 Juni 1991").
  const mask = (s: string) => {
    let out = maskLongNumbers(s).replace(/(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])/g, (iso) =>
      /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(iso) ? date(iso) : iso,
    );
    if (fullName.length > 1) out = out.replace(new RegExp(escapeRegExp(fullName), 'gi'), maskName(fullName));
    return out;
  };

  const rows: ContentRow[] = [];
  const add = (key: MessageKey, value: string) => {
    if (value) rows.push({ key, value: mask(value) });
  };
  const dateOf = (x: unknown) => (str(x) ? date(str(x)) : '');

  add('letters.f_type', str(type.name));
  add('letters.f_number', str(p.number));
  add('letters.f_issued_at', dateOf(p.issuedAt));
  add('letters.f_valid_until', dateOf(p.validUntil));
  add('letters.f_unit', [str(unit.name), str(unit.cityName)].filter(Boolean).join(', '));
  add('letters.f_resident_name', maskName(fullName));
  add('letters.f_nik', str(resident.nikMasked));
  add('letters.f_birth', [str(resident.birthPlace), dateOf(resident.birthDate)].filter(Boolean).join(', '));
  add('letters.f_sex', str(resident.sex));
  add('letters.f_address', [str(resident.address), str(resident.rtRw)].filter(Boolean).join(', '));
  // v2 identity rows ({ label, value }) as the letter prints them.
  for (const row of Array.isArray(p.identity) ? p.identity : []) {
    const r = obj(row);
    if (str(r.label) && str(r.value)) rows.push({ label: str(r.label), value: mask(str(r.value)) });
  }
  add('letters.f_purpose', str(p.purpose));
  const fields = p.fields;
  if (Array.isArray(fields)) {
    for (const f of fields) {
      const r = obj(f);
      const label = str(r.label) || labelOfKey(str(r.key));
      if (label && str(r.value)) rows.push({ label, value: mask(str(r.value)) });
    }
  } else {
    for (const [k, v] of Object.entries(obj(fields)))
      if (str(v)) rows.push({ label: labelOfKey(k), value: mask(str(v)) });
  }
  add('letters.f_signer', str(signer.name));
  add('letters.f_signer_position', str(signer.jabatan) || str(signer.position));
  add('letters.f_signer_rank', str(signer.pangkat) || str(signer.golongan));
  add('letters.f_signer_nip', str(signer.nip));
  return { rows, text: mask(str(p.text)) };
}
