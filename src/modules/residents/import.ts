// Import of residents from a SIAK/Dukcapil extract or the register's own CSV
// (columns: siak-rules.ts, docs/SIAK-IMPORT.md), from CSV or XLSX. Every row is
// checked first and reported by its row number; then, in one transaction, new
// people are inserted in batches and registered ones updated where the file
// differs (an unchanged person is skipped), so importing the same file twice
// duplicates nobody. With a bad row nothing is written unless the caller asked
// for the valid rows only; a failure while writing rolls back the lot.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { CONTROL_CHARS } from '../../lib/text.js';
import { conflict, fieldError, isUniqueViolation } from '../../lib/errors.js';
import type { MessageKey } from '../../i18n/index.js';
import type { PiiCipher } from '../../lib/pii.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import type { RegionsReader } from '../regions/service.js';
import type { NewResidentRow, ResidentsRepo } from './repo.js';
import { maskNumber } from './rules.js';
import {
  changedFields,
  mapHeader,
  readImportRow,
  UPDATABLE_FIELDS,
  type ImportColumn,
  type ImportPerson,
  type UpdatableField,
} from './siak-rules.js';

export const MAX_IMPORT_ROWS = 5000;
/** Rows per INSERT: 22 columns × 500 stays far below PostgreSQL's 65,535 parameters. */
const INSERT_BATCH = 500;

export interface ImportRowProblem {
  row: number;
  key: MessageKey;
  params?: Record<string, string | number>;
}
export interface ImportReport {
  total: number;
  /** New people stored. */
  imported: number;
  /** Registered people whose data the file changed, and their rows. */
  updated: number;
  updatedRows: number[];
  /** Registered people the file repeats unchanged: skipped. */
  unchanged: number;
  refused: ImportRowProblem[];
  warnings: ImportRowProblem[];
  written: boolean;
}

/** The file as sent: CSV text, or the bytes of an XLSX workbook. */
export type ImportSource = { csv: string } | { xlsx: Buffer };

interface Args {
  db: Db;
  clock: Clock;
  pii: PiiCipher;
  residents: ResidentsRepo;
  regions: RegionsReader;
  audit: AuditRepo;
  ctx: Ctx;
  kelurahan: string;
  source: ImportSource;
  validOnly: boolean;
}

type Rec = Partial<Record<ImportColumn, string>>;
interface SheetRow {
  row: number;
  rec: Rec;
}

function toRecords(header: string[], body: { row: number; cells: string[] }[]): SheetRow[] {
  const { columns, missing } = mapHeader(header);
  if (missing.length) throw fieldError('csv', 'siak.missing_columns', { columns: missing.join(', ') });
  const out: SheetRow[] = [];
  for (const { row, cells } of body) {
    if (cells.every((c) => c.trim() === '')) continue;
    const rec: Rec = {};
    columns.forEach((col, i) => {
      if (col && rec[col] === undefined) rec[col] = cells[i] ?? '';
    });
    out.push({ row, rec });
  }
  if (!out.length) throw fieldError('csv', 'siak.import_empty');
  if (out.length > MAX_IMPORT_ROWS) throw fieldError('csv', 'residents.import_too_many', { limit: MAX_IMPORT_ROWS });
  return out;
}

/** Row numbers as a spreadsheet shows them: the header is row 1. */
function readCsv(csv: string): SheetRow[] {
  if (CONTROL_CHARS.test(csv)) throw fieldError('csv', 'error.control_characters');
  const firstLine = csv.slice(0, csv.search(/\r?\n|$/));
  // Extracts opened and saved in an Indonesian-locale spreadsheet come back separated by ';'.
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const delimiter = count(';') > count(',') ? ';' : count('\t') > count(',') ? '\t' : ',';
  let records: string[][];
  try {
    records = parse(csv, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch {
    throw fieldError('csv', 'error.bad_request');
  }
  const [header, ...rest] = records;
  if (!header) throw fieldError('csv', 'siak.import_empty');
  return toRecords(
    header,
    rest.map((cells, i) => ({ row: i + 2, cells })),
  );
}

/** Dates as the calendar day Excel shows (exceljs gives them at UTC midnight). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  // A 16-digit number typed into a numeric cell is already rounded: refused as a malformed NIK.
  if (typeof v === 'number') return Number.isInteger(v) && !Number.isSafeInteger(v) ? '' : String(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date)
    return Number.isNaN(v.getTime())
      ? ''
      : `${v.getUTCFullYear()}-${String(v.getUTCMonth() + 1).padStart(2, '0')}-${String(v.getUTCDate()).padStart(2, '0')}`;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('text' in v && typeof v.text === 'string') return v.text;
  if ('result' in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
  return '';
}

async function readXlsx(bytes: Buffer): Promise<SheetRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw fieldError('csv', 'siak.xlsx_unreadable');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw fieldError('csv', 'siak.import_empty');
  let header: string[] | null = null;
  const body: { row: number; cells: string[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const values = Array.isArray(r.values) ? r.values.slice(1) : [];
    const cells = Array.from({ length: values.length }, (_, i) => cellText(values[i] as ExcelJS.CellValue).trim());
    if (header === null) header = cells;
    else body.push({ row: rowNumber, cells });
  });
  if (header === null) throw fieldError('csv', 'siak.import_empty');
  if (body.length > MAX_IMPORT_ROWS) throw fieldError('csv', 'residents.import_too_many', { limit: MAX_IMPORT_ROWS });
  return toRecords(header, body);
}

/** A `date` column (local midnight, as node-pg reads it) as YYYY-MM-DD. */
function dayOf(d: Date | string): string {
  if (typeof d === 'string') return d.slice(0, 10);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface Good {
  row: number;
  person: ImportPerson;
  nikHash: Buffer;
  kkHash: Buffer;
}

export async function importResidents(a: Args): Promise<ImportReport> {
  const rows = 'csv' in a.source ? readCsv(a.source.csv) : await readXlsx(a.source.xlsx);
  const rts = new Set(
    (await a.regions.subtree(a.db, a.ctx.scope, ['rt'], { activeOnly: true, under: a.kelurahan })).map((r) => r.code),
  );
  const today = dayOf(a.clock.now());
  const refused: ImportRowProblem[] = [];
  const warnings: ImportRowProblem[] = [];
  const good: Good[] = [];
  const firstRowOfNik = new Map<string, number>();
  for (const { row, rec } of rows) {
    const r = readImportRow(rec, { kelurahan: a.kelurahan, rts, today });
    if (!r.ok) {
      for (const p of r.problems) refused.push({ row, ...p });
      continue;
    }
    const first = firstRowOfNik.get(r.person.nik);
    if (first !== undefined) {
      refused.push({ row, key: 'siak.duplicate_in_file', params: { first } });
      continue;
    }
    firstRowOfNik.set(r.person.nik, row);
    for (const w of r.warnings) warnings.push({ row, ...w });
    good.push({
      row,
      person: r.person,
      nikHash: a.pii.blindIndex(r.person.nik),
      kkHash: a.pii.blindIndex(r.person.kk),
    });
  }

  // Against the register: two queries for the whole file.
  const hex = (b: Buffer) => b.toString('hex');
  const stored = new Map(
    (
      await a.residents.residentsForImport(
        a.db,
        good.map((g) => g.nikHash),
      )
    ).map((r) => [hex(r.nik_hash), r]),
  );
  const families = new Map(
    (
      await a.residents.familiesForImport(
        a.db,
        [...new Set(good.map((g) => hex(g.kkHash)))].map((h) => Buffer.from(h, 'hex')),
      )
    ).map((f) => [hex(f.kk_hash), f]),
  );
  const inserts: Good[] = [];
  const updates: { id: number; row: number; patch: Record<string, string> }[] = [];
  let unchanged = 0;
  const headsPerKk = new Map<string, number>();
  const rtPerKk = new Map<string, string>();
  for (const g of good) {
    const refuse = (key: MessageKey) => refused.push({ row: g.row, key });
    const kkHex = hex(g.kkHash);
    const ex = stored.get(hex(g.nikHash));
    if (ex) {
      if (!ex.region_code.startsWith(`${a.kelurahan}.`)) refuse('siak.nik_elsewhere');
      else if (hex(ex.kk_hash) !== kkHex || ex.region_code !== g.person.rtCode) refuse('siak.nik_other_family');
      else {
        const now = Object.fromEntries(
          UPDATABLE_FIELDS.map((f) => [f, f === 'birth_date' ? dayOf(ex.birth_date) : ex[f]]),
        ) as Record<UpdatableField, string>;
        const patch: Record<string, string> = changedFields(now, g.person);
        if (ex.relationship !== g.person.relationship) {
          // Who heads a family is changed on the resident page, where the one-head rule is shown.
          const head = ex.relationship === 'kepala_keluarga' || g.person.relationship === 'kepala_keluarga';
          if (head) warnings.push({ row: g.row, key: 'siak.relationship_kept' });
          else patch.relationship = g.person.relationship;
        }
        if (Object.keys(patch).length) updates.push({ id: ex.id, row: g.row, patch });
        else unchanged++;
      }
      continue;
    }
    const family = families.get(kkHex);
    const familyRt = family?.region_code ?? rtPerKk.get(kkHex);
    if (familyRt && familyRt !== g.person.rtCode) {
      refuse('residents.family_elsewhere');
      continue;
    }
    if (g.person.relationship === 'kepala_keluarga') {
      const n = (headsPerKk.get(kkHex) ?? (family?.has_head ? 1 : 0)) + 1;
      headsPerKk.set(kkHex, n);
      if (n > 1) {
        refuse('residents.head_exists');
        continue;
      }
    }
    rtPerKk.set(kkHex, g.person.rtCode);
    inserts.push(g);
  }
  refused.sort((x, y) => x.row - y.row);
  warnings.sort((x, y) => x.row - y.row);

  const report: ImportReport = {
    total: rows.length,
    imported: 0,
    updated: 0,
    updatedRows: [],
    unchanged,
    refused,
    warnings,
    written: false,
  };
  if ((refused.length && !a.validOnly) || (!inserts.length && !updates.length)) return report;

  const now = a.clock.now();
  try {
    await a.db.transaction().execute(async (trx) => {
      const familyIds = new Map<string, number>([...families].map(([k, f]) => [k, f.id]));
      const newFamilies = new Map<string, Good>();
      for (const g of inserts) {
        const k = hex(g.kkHash);
        if (!familyIds.has(k) && !newFamilies.has(k)) newFamilies.set(k, g);
      }
      const created = await a.residents.insertFamilies(
        trx,
        [...newFamilies.values()].map((g) => ({
          kk_hash: g.kkHash,
          kk_enc: a.pii.encrypt(g.person.kk),
          kk_masked: maskNumber(g.person.kk),
          region_code: g.person.rtCode,
          address: g.person.address,
        })),
      );
      for (const f of created) familyIds.set(hex(f.kk_hash), f.id);
      for (let i = 0; i < inserts.length; i += INSERT_BATCH) {
        await a.residents.insertResidents(
          trx,
          inserts.slice(i, i + INSERT_BATCH).map((g): NewResidentRow => {
            const { nik: _n, kk: _k, rtCode, ...p } = g.person;
            return {
              ...p,
              citizenship: p.citizenship || 'WNI',
              nik_hash: g.nikHash,
              nik_enc: a.pii.encrypt(g.person.nik),
              nik_masked: maskNumber(g.person.nik),
              family_id: familyIds.get(hex(g.kkHash))!,
              region_code: rtCode,
            };
          }),
        );
      }
      for (const u of updates) await a.residents.update(trx, u.id, { ...u.patch, updated_at: now });
      await a.audit.append(
        trx,
        auditFrom(a.ctx, {
          action: 'resident.imported',
          entityType: 'region',
          entityId: a.kelurahan,
          regionCode: a.kelurahan,
          details: {
            imported: inserts.length,
            updated: updates.map((u) => u.id),
            unchanged,
            refused: refused.length,
          },
        }),
      );
    });
  } catch (err) {
    // Someone added one of these people meanwhile (or a family head): nothing was written.
    if (isUniqueViolation(err)) throw conflict('error.conflict');
    throw err;
  }
  return {
    ...report,
    imported: inserts.length,
    updated: updates.length,
    updatedRows: updates.map((u) => u.row),
    written: true,
  };
}
