// Pure rules of the staff side: NIP, unit codes and paths, who supervises
// whom. No I/O.
import type { EmployeeKind, UnitKind } from './tables.js';

export const UNIT_KINDS: readonly UnitKind[] = ['opd', 'bidang', 'subbagian', 'uptd', 'kecamatan', 'kelurahan'];
/**
 * The kinds of staff who clock in: PNS (UU 20/2023 on ASN), PPPK and PPPK
 * Paruh Waktu (part-time PPPK since 2025, KepmenPANRB 16/2025 — unverified),
 * and non-ASN staff (outsourced, honorary) who have no NIP but an identifier
 * of their own.
 */
export const EMPLOYEE_KINDS: readonly EmployeeKind[] = ['PNS', 'PPPK', 'PPPK_PW', 'NON_ASN'];
export type AsnKind = Exclude<EmployeeKind, 'NON_ASN'>;
/** Kinds that carry a NIP or NI PPPK issued by BKN. */
export const hasNip = (kind: EmployeeKind): kind is AsnKind => kind !== 'NON_ASN';
/** The message key of a kind's name. */
export const employeeKindLabelKey = (kind: EmployeeKind) => `pegawai.kind.${kind}` as const;
/** A kind as people write it in a spreadsheet ("pppk paruh waktu", "Non ASN", "honorer"), or null. */
export function kindFromText(raw: string): EmployeeKind | null {
  const t = raw
    .trim()
    .toUpperCase()
    .replace(/[\s._-]+/g, ' ');
  if (t === 'PNS' || t === 'CPNS') return 'PNS';
  if (t === 'PPPK') return 'PPPK';
  if (t === 'PPPK PW' || t === 'PPPK PARUH WAKTU') return 'PPPK_PW';
  if (t === 'NON ASN' || t === 'NONASN' || t === 'HONORER' || t === 'OUTSOURCING' || t === 'PPNPN') return 'NON_ASN';
  return null;
}

function validDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

export interface Nip {
  nip: string;
  kind: AsnKind;
  birthDate: string;
  /** Year and month of appointment (TMT CPNS) for a PNS; the year alone for a PPPK ("2025"). */
  appointed: string;
  sex: 'L' | 'P';
}

/**
 * The two digits after the appointment year in an NI PPPK, per kind. BKN
 * issues NI PPPK with `21` there (e.g. 199312282025212001); the code of
 * PPPK Paruh Waktu is not confirmed (DOMAIN.md), so both are configuration
 * (NI_PPPK_CODES, NI_PPPK_PW_CODES).
 */
export interface NiPppkCodes {
  PPPK: readonly string[];
  PPPK_PW: readonly string[];
}
export const DEFAULT_NI_PPPK_CODES: NiPppkCodes = { PPPK: ['21'], PPPK_PW: ['21'] };

/**
 * NIP (PNS, PP 11/2017 and BKN's numbering) and NI PPPK are both 18 digits:
 * birth date YYYYMMDD (8); then for a PNS the year and month of the TMT CPNS
 * (6, month 01–12), for a PPPK the year of appointment (4) and the PPPK code
 * (2, `21`); then sex (1 = male, 2 = female) and a serial (3, not 000).
 * Spaces and dots people type are tolerated. Which kinds a number may be is
 * checked against `kind` (default PNS).
 */
export function parseNip(raw: string, kind: AsnKind = 'PNS', codes: NiPppkCodes = DEFAULT_NI_PPPK_CODES): Nip | null {
  const nip = raw.replace(/[\s.]/g, '');
  if (!/^\d{18}$/.test(nip)) return null;
  const [by, bm, bd] = [Number(nip.slice(0, 4)), Number(nip.slice(4, 6)), Number(nip.slice(6, 8))];
  const ay = Number(nip.slice(8, 12));
  const mid = nip.slice(12, 14);
  if (by < 1940 || !validDate(by, bm, bd)) return null;
  if (ay < by + 15 || ay > by + 70) return null;
  if (kind === 'PNS') {
    const am = Number(mid);
    if (am < 1 || am > 12) return null;
  } else if (!codes[kind].includes(mid)) return null;
  const sex = nip[14] === '1' ? 'L' : nip[14] === '2' ? 'P' : null;
  if (!sex || nip.slice(15) === '000') return null;
  return {
    nip,
    kind,
    birthDate: `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`,
    appointed: kind === 'PNS' ? `${ay}-${mid}` : String(ay),
    sex,
  };
}

/** Which ASN kinds a number can be read as (a PNS NIP, an NI PPPK, or none). */
export const nipKinds = (raw: string, codes: NiPppkCodes = DEFAULT_NI_PPPK_CODES): AsnKind[] =>
  (['PNS', 'PPPK', 'PPPK_PW'] as const).filter((k) => parseNip(raw, k, codes));

/** Unit codes are short upper-case tokens: 'DISKOMINFO', 'BID-APTIKA'. */
export function normalizeUnitCode(raw: string): string | null {
  const code = raw.trim().toUpperCase().replace(/\s+/g, '-');
  return /^[A-Z0-9-]{1,20}$/.test(code) ? code : null;
}

/** A unit's path: the city's code, then each unit's code down the tree. */
export function unitPath(parent: { path: string } | null, cityCode: string, code: string): string {
  return parent ? `${parent.path}/${code}` : `${cityCode}/${code}`;
}

/** Is `path` the unit `ancestor` or below it? */
export const isUnitWithin = (ancestor: string, path: string) => path === ancestor || path.startsWith(ancestor + '/');

/**
 * Who approves an employee's absence and reviews their attendance: their
 * named supervisor; otherwise the head of their unit; and for the head
 * themself, the head of the nearest unit above that has one.
 */
export function supervisorOf(
  employee: { id: number; supervisor_id: number | null; unit_path: string },
  heads: readonly { path: string; head_employee_id: number | null }[],
): number | null {
  if (employee.supervisor_id) return employee.supervisor_id;
  const above = heads
    .filter((u) => u.head_employee_id && u.head_employee_id !== employee.id && isUnitWithin(u.path, employee.unit_path))
    .sort((a, b) => b.path.length - a.path.length);
  return above[0]?.head_employee_id ?? null;
}

/** Ancestor paths of a unit, nearest first, the unit itself included. */
export function pathAndAncestors(path: string): string[] {
  const parts = path.split('/');
  const out: string[] = [];
  for (let i = parts.length; i >= 2; i--) out.push(parts.slice(0, i).join('/'));
  return out;
}

/**
 * The city's own identifier of a non-ASN person (outsourced, honorary: no
 * NIP), also their username. Normalised to upper case without surrounding
 * spaces; it must match the city's pattern (STAFF_NUMBER_PATTERN) and the
 * platform's form (3–40 letters, digits, `.`, `_`, `-`, the username rule).
 */
export const STAFF_NUMBER_FORM = /^[A-Z0-9][A-Z0-9._-]{2,39}$/;
export const DEFAULT_STAFF_NUMBER_PATTERN = /^[A-Z0-9][A-Z0-9._-]{2,29}$/;
export function parseStaffNumber(raw: string, pattern: RegExp = DEFAULT_STAFF_NUMBER_PATTERN): string | null {
  const n = raw.trim().toUpperCase();
  return STAFF_NUMBER_FORM.test(n) && pattern.test(n) ? n : null;
}

/** The number a person carries, by kind: NIP (PNS), NI PPPK (PPPK, PPPK Paruh Waktu) or the city's nomor pegawai (non-ASN). */
export interface EmployeeIdentity {
  labelKey: 'pegawai.id.NIP' | 'pegawai.id.NI_PPPK' | 'pegawai.id.STAFF';
  number: string;
}
export function employeeIdentity(e: {
  kind: EmployeeKind;
  nip: string | null;
  staff_number?: string | null | undefined;
}): EmployeeIdentity {
  switch (e.kind) {
    case 'PNS':
      return { labelKey: 'pegawai.id.NIP', number: e.nip ?? '' };
    case 'PPPK':
    case 'PPPK_PW':
      return { labelKey: 'pegawai.id.NI_PPPK', number: e.nip ?? '' };
    case 'NON_ASN':
      return { labelKey: 'pegawai.id.STAFF', number: e.staff_number ?? '' };
    default: {
      const never: never = e.kind;
      throw new Error(`unknown kind ${String(never)}`);
    }
  }
}
/** The person's number as one would write it after a name: "NIP 1985…", "NI PPPK 1993…", "Nomor pegawai THL-017". */
export function identityText(
  t: (key: EmployeeIdentity['labelKey']) => string,
  e: Parameters<typeof employeeIdentity>[0],
) {
  const id = employeeIdentity(e);
  return `${t(id.labelKey)} ${id.number}`;
}

/**
 * When a person's service began, for rules counted in years of service
 * (annual leave after one year, cuti besar and CLTN after five: PP 11/2017;
 * PPPK annual leave after one year: PP 49/2018): the start date recorded
 * (TMT), else for a PNS the TMT CPNS month their NIP carries (its first day),
 * else the day their record was created. `createdDay` is that day in the
 * city's zone ('YYYY-MM-DD').
 */
export function serviceStart(
  e: { kind: EmployeeKind; nip: string | null; start_date: string | null },
  createdDay: string,
): { date: string; source: 'start_date' | 'nip_tmt' | 'created' } {
  if (e.start_date) return { date: e.start_date, source: 'start_date' };
  if (e.kind === 'PNS' && e.nip) {
    const p = parseNip(e.nip, 'PNS');
    if (p) return { date: `${p.appointed}-01`, source: 'nip_tmt' };
  }
  return { date: createdDay, source: 'created' };
}
