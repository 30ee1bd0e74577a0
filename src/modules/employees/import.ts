// CSV import of employees: every row checked first (NIP, unit, supervisor,
// duplicates in the file and in the database), then the accepted rows are
// written in one transaction — all of them, or only the valid ones when asked.
// Each new account gets a temporary password, shown once in the report.
import { parse } from 'csv-parse/sync';
import type { MessageKey } from '../../i18n/index.js';
import { fieldError } from '../../lib/errors.js';
import { CONTROL_CHARS, hasInvisible, stripInvisible } from '../../lib/text.js';
import { hashPassword, temporaryPassword } from '../accounts/service.js';
import type { Ctx } from '../../kernel/context.js';
import { hasNip, kindFromText } from './rules.js';
import type { EmployeesService } from './service.js';
import type { EmployeeKind } from './tables.js';

export const MAX_EMPLOYEE_ROWS = 2000;
const REQUIRED = ['nip', 'nama', 'jenis', 'jabatan', 'unit'];

export interface EmployeeImportReport {
  total: number;
  imported: number;
  refused: { row: number; key: MessageKey; params?: Record<string, string | number> }[];
  accounts: { nip: string; name: string; password: string }[];
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
  if (missing.length) throw fieldError('csv', 'pegawai.err.csv_columns', { columns: missing.join(', ') });

  const { units, locations, taken } = await svc.importLookups(
    ctx,
    records.map((r) => svc.readNip(r.nip ?? '')?.nip ?? '').filter(Boolean),
  );
  const inFile = new Map<string, number>();
  const refused: EmployeeImportReport['refused'] = [];
  const accepted: {
    row: number;
    nip: string;
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
    if (!kind || !hasNip(kind)) {
      refuse('pegawai.err.kind');
      continue;
    }
    const nip = svc.readNip(r.nip ?? '', kind);
    if (!nip) {
      refuse(kind === 'PNS' ? 'pegawai.err.nip' : 'pegawai.err.ni_pppk');
      continue;
    }
    if (taken.has(nip.nip)) {
      refuse('pegawai.err.nip_taken');
      continue;
    }
    if (inFile.has(nip.nip)) {
      refuse('pegawai.err.nip_twice', { row: inFile.get(nip.nip)! });
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
    const supervisorNip = r.atasan_nip ? (svc.readNip(r.atasan_nip)?.nip ?? 'x') : null;
    if (supervisorNip === 'x') {
      refuse('pegawai.err.supervisor_unknown');
      continue;
    }
    inFile.set(nip.nip, row);
    accepted.push({
      row,
      nip: nip.nip,
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
      const s = existing.get(a.supervisorNip) ?? (await svc.findByNip(ctx, a.supervisorNip))?.id;
      if (!s) {
        refused.push({ row: a.row, key: 'pegawai.err.supervisor_unknown' });
        continue;
      }
      existing.set(a.supervisorNip, s);
      supervisorId = s;
    }
    earlier.add(a.nip);
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
    accounts: ready.map((r, i) => ({ nip: r.nip, name: r.fullName, password: passwords[i]! })),
  };
}
