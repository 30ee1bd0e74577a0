/**
 * Pure identity rules for residents (NIK, KK, masking, enum vocabularies).
 *
 * No I/O and no project imports, so these can be shared by HTTP handlers,
 * importers and the UI without dragging in the database layer.
 */

export const SEXES = ['L', 'P'] as const;
export type Sex = (typeof SEXES)[number];

export const RELATIONSHIPS = [
  'kepala_keluarga',
  'suami',
  'istri',
  'anak',
  'menantu',
  'cucu',
  'orang_tua',
  'mertua',
  'famili_lain',
  'pembantu',
  'lainnya',
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const RESIDENT_STATUSES = ['hidup', 'meninggal', 'pindah', 'hilang'] as const;
export type ResidentStatus = (typeof RESIDENT_STATUSES)[number];

export type NikParseResult =
  | {
      ok: true;
      nik: string;
      /** Region of first registration, 'PP.KK.CC'. Not the current address. */
      regionCode: string;
      birthDate: { year2: number; month: number; day: number };
      sex: Sex;
      serial: string;
    }
  | { ok: false; error: 'nik_format' };

export type KkParseResult = { ok: true; kk: string; regionCode: string } | { ok: false; error: 'kk_format' };

export type NikWarning = 'nik_birthdate_mismatch' | 'nik_sex_mismatch';

const SIXTEEN_DIGITS = /^[0-9]{16}$/;

// Women's NIKs carry day + 40, so 41..71 are legitimate day fields.
const FEMALE_DAY_OFFSET = 40;

function validProvince(digits: string): boolean {
  const province = Number(digits.slice(0, 2));
  return province >= 11 && province <= 99;
}

function regionOf(digits: string): string {
  return `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}`;
}

export function parseNik(input: string): NikParseResult {
  const fail = { ok: false, error: 'nik_format' } as const;
  if (typeof input !== 'string') return fail;
  const nik = input.trim();
  if (!SIXTEEN_DIGITS.test(nik) || !validProvince(nik)) return fail;

  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const year2 = Number(nik.slice(10, 12));
  const serial = nik.slice(12, 16);

  const sex: Sex = rawDay > FEMALE_DAY_OFFSET ? 'P' : 'L';
  const day = sex === 'P' ? rawDay - FEMALE_DAY_OFFSET : rawDay;

  // Only range checks: the century is unknown, so e.g. 29 Feb cannot be
  // validated against a leap year, and the month/day pairing is left to
  // checkNikAgainstPerson rather than rejecting a lifelong identifier.
  if (day < 1 || day > 31) return fail;
  if (month < 1 || month > 12) return fail;
  if (serial === '0000') return fail;

  return { ok: true, nik, regionCode: regionOf(nik), birthDate: { year2, month, day }, sex, serial };
}

/**
 * Reads calendar components from a Date. node-pg materialises SQL DATE as
 * local midnight while `new Date('YYYY-MM-DD')` yields UTC midnight; picking
 * whichever representation is at midnight gets the intended day in both cases
 * regardless of the server's time zone.
 */
function dateParts(d: Date): { year: number; month: number; day: number } | null {
  if (Number.isNaN(d.getTime())) return null;
  const localMidnight = d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0 && d.getMilliseconds() === 0;
  if (localMidnight) return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * A NIK is never reissued when registry data is corrected, so disagreement
 * with the person's recorded data is reported as warnings, never as errors.
 * An unparseable NIK yields no warnings here; parseNik reports that.
 */
export function checkNikAgainstPerson(nik: string, person: { birthDate: Date | string; sex: Sex }): NikWarning[] {
  const parsed = parseNik(nik);
  if (!parsed.ok) return [];
  const warnings: NikWarning[] = [];

  let parts: { year: number; month: number; day: number } | null = null;
  if (person.birthDate instanceof Date) {
    parts = dateParts(person.birthDate);
  } else {
    const iso = parseDateInput(person.birthDate);
    if (iso !== null) {
      parts = { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) };
    }
  }
  // An unknown birth date cannot contradict the NIK, so it is not flagged.
  if (parts !== null) {
    const b = parsed.birthDate;
    if (b.day !== parts.day || b.month !== parts.month || b.year2 !== parts.year % 100) {
      warnings.push('nik_birthdate_mismatch');
    }
  }
  if (parsed.sex !== person.sex) warnings.push('nik_sex_mismatch');
  return warnings;
}

/**
 * KK numbers in the field often have date parts that are not real dates
 * (legacy issuance, re-numbering), so only the shape and province are checked.
 */
export function parseKk(input: string): KkParseResult {
  const fail = { ok: false, error: 'kk_format' } as const;
  if (typeof input !== 'string') return fail;
  const kk = input.trim();
  if (!SIXTEEN_DIGITS.test(kk) || !validProvince(kk)) return fail;
  return { ok: true, kk, regionCode: regionOf(kk) };
}

/** '3574********0001' for 16-char numbers; anything else keeps only its last 4. */
export function maskNumber(n: string): string {
  const chars = Array.from(n.trim());
  if (chars.length === 16) {
    return chars.slice(0, 4).join('') + '*'.repeat(8) + chars.slice(12).join('');
  }
  // Very short values would be fully revealed by "all but the last 4".
  if (chars.length <= 4) return '*'.repeat(chars.length);
  return '*'.repeat(chars.length - 4) + chars.slice(-4).join('');
}

/**
 * 'Budi Santoso' → 'B*** S******'. Used on public verification pages, so
 * whitespace is normalised to avoid leaking layout quirks of the stored name.
 * Works on code points so non-ASCII letters are not split.
 */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map((word) => {
      const chars = Array.from(word);
      return (chars[0] ?? '') + '*'.repeat(chars.length - 1);
    })
    .join(' ');
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Indonesian forms write day first; both separators appear on paper forms.
const DMY_DATE = /^(\d{2})([-/])(\d{2})\2(\d{4})$/;

/** Accepts 'YYYY-MM-DD', 'DD-MM-YYYY', 'DD/MM/YYYY'; returns 'YYYY-MM-DD' or null. */
export function parseDateInput(s: string): string | null {
  if (typeof s !== 'string') return null;
  const t = s.trim();
  let y: string, m: string, d: string;
  const iso = ISO_DATE.exec(t);
  const dmy = iso ? null : DMY_DATE.exec(t);
  if (iso) {
    [y, m, d] = [iso[1] ?? '', iso[2] ?? '', iso[3] ?? ''];
  } else if (dmy) {
    [d, m, y] = [dmy[1] ?? '', dmy[3] ?? '', dmy[4] ?? ''];
  } else {
    return null;
  }
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${y}-${m}-${d}`;
}

/** 'Kepala Keluarga', 'KEPALA_KELUARGA', 'orang tua', 'orang-tua' → canonical value. */
export function normalizeRelationship(s: string): Relationship | null {
  if (typeof s !== 'string') return null;
  const key = s
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_');
  return (RELATIONSHIPS as readonly string[]).includes(key) ? (key as Relationship) : null;
}
