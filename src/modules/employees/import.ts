// CSV import of employees: every row checked first (kind and its number —
// NIP, NI PPPK, or a non-ASN's nomor pegawai —, service dates, unit,
// supervisor, duplicates in the file and in the database), then the accepted rows are
// written in one transaction — all of them, or only the valid ones when asked.
// Each new account gets a temporary password, shown once in the report.
import { parse } from 'csv-parse/sync';
import type { MessageKey } from '../../i18n/index.js';
import { fieldError } from '../../lib/errors.js';
import { CONTROL_CHARS, hasInvisible, stripInvisible } from '../../lib/text.js';
import { hashPassword, temporaryPassword } from '../accounts/service.js';
import type { Ctx } from '../../kernel/context.js';
import { kindFromText } from './rules.js';
import type { EmployeesService } from './service.js';
import type { EmployeeKind } from './tables.js';

export const MAX_EMPLOYEE_ROWS = 2000;
const REQUIRED = ['nama', 'jenis', 'jabatan', 'unit'];
/** At least one of the number columns: `nip` (NIP / NI PPPK) or `nomor_pegawai` (non-ASN). */
const NUMBER_COLUMNS = ['nip', 'nomor_pegawai'];

/** A date as spreadsheets write it: 2023-03-01, 01-03-2023 or 01/03/2023 → '2023-03-01'; '' stays ''. */
export function importDate(raw: string): string {
  const t = raw.trim();
  const dmy = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  return dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : t;
}

export interface EmployeeImportReport {
  total: number;
  imported: number;
  refused: { row: number; key: MessageKey; params?: Record<string, string | number> }[];
  accounts: { nip: string | null; username: string; name: string; password: string }[];
  written: boolean;
}

export async function importEmployees(
  svc: EmployeesService,
  ctx: Ctx,
  csv: string,
  validOnly: boolean,
): Promise<EmployeeImportReport> {
  let records: Record<string, string>[];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      delimiter: [',', ';'],
    });
  } catch {
    throw fieldError('csv', 'pegawai.err.csv_unreadable');
  }
  if (!records.length) throw fieldError('csv', 'pegawai.err.csv_empty');
  if (records.length > MAX_EMPLOYEE_ROWS)
    throw fieldError('csv', 'pegawai.err.csv_too_many', { max: MAX_EMPLOYEE_ROWS });
  const missing = REQUIRED.filter((c) => !(c in records[0]!));
  if (!NUMBER_COLUMNS.some((c) => c in records[0]!)) missing.unshift(NUMBER_COLUMNS.join(' / '));
  if (missing.length) throw fieldError('csv', 'pegawai.err.csv_columns', { columns: missing.join(', ') });

  const { units, locations, taken } = await svc.importLookups(
    ctx,
    records
      .flatMap((r) => [r.nip, r.nomor_pegawai].map((n) => (n ? svc.readNumber(n) : null)))
      .filter((n) => n !== null),
  );
  const inFile = new Map<string, number>();
  const refused: EmployeeImportReport['refused'] = [];
  const accepted: {
    row: number;
    identity: { nip: string | null; staff_number: string | null; username: string };
    dates: { start_date: string | null; end_date: string | null };
    fullName: string;
    kind: EmployeeKind;
    position: string;
    grade: string | undefined;
    unitId: number;
    supervisorNip: string | null;
    locationIds: number[];
    email: string | undefined;
    phone: string | undefined;
  }[] = [];

  for (const [i, r] of records.entries()) {
    const row = i + 2; // the header is row 1
    const refuse = (key: MessageKey, params?: Record<string, string | number>) =>
      refused.push({ row, key, ...(params ? { params } : {}) });
    if (Object.values(r).some((v) => CONTROL_CHARS.test(v) || v.length > 200)) {
      refuse('pegawai.err.row_text');
      continue;
    }
    const kind = kindFromText(r.jenis ?? '');
    if (!kind) {
      refuse('pegawai.err.kind');
      continue;
    }
    const read = svc.readIdentity(kind, r.nip ?? '', r.nomor_pegawai ?? '');
    if (!read.ok) {
      refuse(read.key, read.params);
      continue;
    }
    const number = read.identity.nip ?? read.identity.staff_number!;
    const asn = read.identity.nip !== null;
    if (taken.has(number)) {
      refuse(asn ? 'pegawai.err.nip_taken' : 'pegawai.err.staff_number_taken');
      continue;
    }
    if (inFile.has(number)) {
      refuse(asn ? 'pegawai.err.nip_twice' : 'pegawai.err.staff_number_twice', { row: inFile.get(number)! });
      continue;
    }
    const dates = svc.readServiceDates(importDate(r.tmt ?? ''), importDate(r.akhir_tugas ?? ''));
    if (!dates.ok) {
      refuse(dates.key, dates.params);
      continue;
    }
    // Each message names its own field; a name or a position with invisible characters is refused, as in the forms.
    const fullName = r.nama ?? '';
    const position = r.jabatan ?? '';
    if (!fullName || !position) {
      refuse('field.required', { field: fullName ? 'pegawai.f.position' : 'pegawai.f.full_name' });
      continue;
    }
    if (hasInvisible(fullName) || hasInvisible(position)) {
      refuse('field.invisible_chars', { field: hasInvisible(fullName) ? 'pegawai.f.full_name' : 'pegawai.f.position' });
      continue;
    }
    const unitId = units.get((r.unit ?? '').toUpperCase());
    if (!unitId) {
      refuse('pegawai.err.unit_unknown_named', { unit: r.unit ?? '' });
      continue;
    }
    const locationNames = (r.lokasi ?? '')
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean);
    const locationIds = locationNames.map((n) => locations.get(n.toLowerCase()));
    if (locationIds.some((l) => l === undefined)) {
      refuse('pegawai.err.location_unknown', { names: locationNames.join(', ') });
      continue;
    }
    const supervisorNip = r.atasan_nip ? (svc.readNumber(r.atasan_nip) ?? 'x') : null;
    if (supervisorNip === 'x') {
      refuse('pegawai.err.supervisor_unknown');
      continue;
    }
    inFile.set(number, row);
    accepted.push({
      row,
      identity: read.identity,
      dates: dates.dates,
      fullName,
      kind,
      position,
      grade: stripInvisible(r.golongan ?? '') || undefined,
      unitId,
      supervisorNip,
      locationIds: locationIds as number[],
      email: r.email || undefined,
      phone: r.telepon || undefined,
    });
  }

  // Supervisors: an existing employee, or one earlier in this file.
  const earlier = new Set<string>();
  const existing = new Map<string, number>();
  const ready: ((typeof accepted)[number] & { supervisorId: number | null })[] = [];
  for (const a of accepted) {
    let supervisorId: number | null = null;
    if (a.supervisorNip && !earlier.has(a.supervisorNip)) {
      const s = existing.get(a.supervisorNip) ?? (await svc.findByNumber(ctx, a.supervisorNip))?.id;
      if (!s) {
        refused.push({ row: a.row, key: 'pegawai.err.supervisor_unknown' });
        continue;
      }
      existing.set(a.supervisorNip, s);
      supervisorId = s;
    }
    earlier.add(a.identity.nip ?? a.identity.staff_number!);
    ready.push({ ...a, supervisorId });
  }
  refused.sort((a, b) => a.row - b.row);
  const report: EmployeeImportReport = { total: records.length, imported: 0, refused, accounts: [], written: false };
  if (!ready.length || (refused.length && !validOnly)) return report;

  const passwords = ready.map(() => temporaryPassword());
  const hashes = await Promise.all(passwords.map(hashPassword));
  await svc.insertImported(ctx, ready, hashes);
  return {
    ...report,
    imported: ready.length,
    written: true,
    accounts: ready.map((r, i) => ({
      nip: r.identity.nip,
      username: r.identity.username,
      name: r.fullName,
      password: passwords[i]!,
    })),
  };
}
