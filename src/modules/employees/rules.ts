// Pure rules of the staff side: NIP, unit codes and paths, who supervises
// whom. No I/O.
import type { EmployeeKind, UnitKind } from './tables.js';

export const UNIT_KINDS: readonly UnitKind[] = ['opd', 'bidang', 'subbagian', 'uptd', 'kecamatan', 'kelurahan'];
export const EMPLOYEE_KINDS: readonly EmployeeKind[] = ['PNS', 'PPPK'];

function validDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

export interface Nip {
  nip: string;
  birthDate: string;
  /** Year and month of appointment (TMT CPNS / PPPK). */
  appointed: string;
  sex: 'L' | 'P';
}

/**
 * NIP (PNS) and NI PPPK are both 18 digits: birth date (8), year and month
 * of appointment (6), sex (1 = male, 2 = female), serial (3). Spaces and dots
 * people type are tolerated.
 */
export function parseNip(raw: string): Nip | null {
  const nip = raw.replace(/[\s.]/g, '');
  if (!/^\d{18}$/.test(nip)) return null;
  const [by, bm, bd] = [Number(nip.slice(0, 4)), Number(nip.slice(4, 6)), Number(nip.slice(6, 8))];
  const [ay, am] = [Number(nip.slice(8, 12)), Number(nip.slice(12, 14))];
  if (by < 1940 || !validDate(by, bm, bd)) return null;
  if (am < 1 || am > 12 || ay < by + 15 || ay > by + 70) return null;
  const sex = nip[14] === '1' ? 'L' : nip[14] === '2' ? 'P' : null;
  if (!sex || nip.slice(15) === '000') return null;
  return {
    nip,
    birthDate: `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`,
    appointed: `${ay}-${nip.slice(12, 14)}`,
    sex,
  };
}

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
