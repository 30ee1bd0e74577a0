// CSV import of residents: every row checked first, then written in one
// transaction — all of them, or (on request) only the rows that passed.
// Nothing is ever half-imported: a failure while writing rolls back the lot.
import { parse } from 'csv-parse/sync';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { CONTROL_CHARS, hasInvisible, stripInvisible } from '../../lib/text.js';
import { conflict, fieldError, isUniqueViolation } from '../../lib/errors.js';
import type { MessageKey } from '../../i18n/index.js';
import type { PiiCipher } from '../../lib/pii.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import type { RegionsReader } from '../regions/service.js';
import { childCode, parseRtRwNumber } from '../../kernel/regions.js';
import type { NewResidentRow, ResidentsRepo } from './repo.js';
import {
  checkNikAgainstPerson,
  maskNumber,
  normalizeRelationship,
  parseDateInput,
  parseKk,
  parseNik,
} from './rules.js';

export const MAX_IMPORT_ROWS = 5000;
const REQUIRED = ['nik', 'no_kk', 'nama', 'jenis_kelamin', 'tanggal_lahir', 'hubungan', 'rw', 'rt'];

export interface ImportRowProblem {
  row: number;
  key: MessageKey;
  params?: Record<string, string | number>;
}
export interface ImportReport {
  total: number;
  imported: number;
  refused: ImportRowProblem[];
  warnings: ImportRowProblem[];
  written: boolean;
}

interface Args {
  db: Db;
  clock: Clock;
  pii: PiiCipher;
  residents: ResidentsRepo;
  regions: RegionsReader;
  audit: AuditRepo;
  ctx: Ctx;
  kelurahan: string;
  csv: string;
  validOnly: boolean;
}

interface Candidate {
  row: number;
  nik: string;
  kk: string;
  rtCode: string;
  resident: Omit<NewResidentRow, 'nik_hash' | 'nik_enc' | 'nik_masked' | 'family_id' | 'region_code'>;
}

export async function importResidents(a: Args): Promise<ImportReport> {
  if (CONTROL_CHARS.test(a.csv)) throw fieldError('csv', 'error.control_characters');
  let records: Record<string, string>[];
  try {
    records = parse(a.csv, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      relax_column_count: true,
    });
  } catch {
    throw fieldError('csv', 'error.bad_request');
  }
  if (!records.length) throw fieldError('csv', 'residents.import_empty');
  if (records.length > MAX_IMPORT_ROWS)
    throw fieldError('csv', 'residents.import_too_many', { limit: MAX_IMPORT_ROWS });
  const missing = REQUIRED.filter((c) => !(c in records[0]!));
  if (missing.length) throw fieldError('csv', 'residents.import_missing_columns', { columns: missing.join(', ') });

  const rts = new Set(
    (await a.regions.subtree(a.db, a.ctx.scope, ['rt'], { activeOnly: true, under: a.kelurahan })).map((r) => r.code),
  );
  const refused: ImportRowProblem[] = [];
  const warnings: ImportRowProblem[] = [];
  const candidates: Candidate[] = [];
  const seenNik = new Set<string>();

  records.forEach((rec, i) => {
    const row = i + 2; // header is row 1
    const refuse = (key: MessageKey, params?: Record<string, string | number>) =>
      refused.push({ row, key, ...(params ? { params } : {}) });
    const nik = parseNik(rec.nik ?? '');
    const kk = parseKk(rec.no_kk ?? '');
    const name = (rec.nama ?? '').trim();
    const sex = (rec.jenis_kelamin ?? '').trim().toUpperCase();
    const birthDate = parseDateInput(rec.tanggal_lahir ?? '');
    const rel = normalizeRelationship(rec.hubungan ?? '');
    const rw = parseRtRwNumber(rec.rw ?? '');
    const rt = parseRtRwNumber(rec.rt ?? '');
    if (!nik.ok) return refuse('residents.nik_format');
    if (seenNik.has(nik.nik)) return refuse('residents.import_duplicate_in_file');
    seenNik.add(nik.nik);
    if (!kk.ok) return refuse('residents.kk_format');
    if (!name) return refuse('field.required', { field: 'f.full_name' });
    // As in the forms (http/sanitize.ts): a name with invisible characters is refused, other text cleaned.
    if (hasInvisible(name)) return refuse('field.invisible_chars', { field: 'f.full_name' });
    if (name.length > 120) return refuse('field.too_long', { field: 'f.full_name', limit: 120 });
    if (sex !== 'L' && sex !== 'P') return refuse('residents.import_bad_sex');
    if (!birthDate) return refuse('residents.import_bad_date');
    if (!rel) return refuse('residents.import_bad_relationship');
    const rtCode = rw && rt ? childCode(childCode(a.kelurahan, rw), rt) : null;
    if (!rtCode || !rts.has(rtCode))
      return refuse('residents.import_unknown_rt', { rt: rec.rt ?? '', rw: rec.rw ?? '' });
    for (const w of checkNikAgainstPerson(nik.nik, { birthDate, sex })) {
      warnings.push({
        row,
        key: w === 'nik_birthdate_mismatch' ? 'residents.nik_birthdate_mismatch' : 'residents.nik_sex_mismatch',
      });
    }
    candidates.push({
      row,
      nik: nik.nik,
      kk: kk.kk,
      rtCode,
      resident: {
        full_name: name,
        sex,
        birth_date: birthDate,
        relationship: rel,
        birth_place: stripInvisible(rec.tempat_lahir ?? '').slice(0, 80),
        religion: stripInvisible(rec.agama ?? '').slice(0, 40),
        occupation: stripInvisible(rec.pekerjaan ?? '').slice(0, 80),
        address: stripInvisible(rec.alamat ?? '').slice(0, 200),
      },
    });
  });

  // Checks against what is already stored and across rows.
  const existing = await a.residents.existingNikHashes(
    a.db,
    candidates.map((c) => a.pii.blindIndex(c.nik)),
  );
  const headsPerKk = new Map<string, number>();
  const rtPerKk = new Map<string, string>();
  const accepted: Candidate[] = [];
  for (const c of candidates) {
    if (existing.has(a.pii.blindIndex(c.nik).toString('hex'))) {
      refused.push({ row: c.row, key: 'residents.nik_taken' });
      continue;
    }
    const family = await a.residents.findFamilyByHash(a.db, a.pii.blindIndex(c.kk));
    const familyRt = family?.region_code ?? rtPerKk.get(c.kk);
    if (familyRt && familyRt !== c.rtCode) {
      refused.push({ row: c.row, key: 'residents.family_elsewhere' });
      continue;
    }
    if (c.resident.relationship === 'kepala_keluarga') {
      // A family already in the register may have its head: count it, or the
      // whole import would fail on the unique index while writing.
      if (!headsPerKk.has(c.kk))
        headsPerKk.set(c.kk, family && (await a.residents.hasLivingHead(a.db, family.id)) ? 1 : 0);
      const n = headsPerKk.get(c.kk)! + 1;
      headsPerKk.set(c.kk, n);
      if (n > 1) {
        refused.push({ row: c.row, key: 'residents.head_exists' });
        continue;
      }
    }
    rtPerKk.set(c.kk, c.rtCode);
    accepted.push(c);
  }
  refused.sort((x, y) => x.row - y.row);

  const report = { total: records.length, imported: 0, refused, warnings, written: false };
  if ((refused.length && !a.validOnly) || !accepted.length) return report;

  try {
    await a.db.transaction().execute(async (trx) => {
      const families = new Map<string, number>();
      for (const c of accepted) {
        let familyId = families.get(c.kk);
        if (familyId === undefined) {
          const kkHash = a.pii.blindIndex(c.kk);
          familyId =
            (await a.residents.findFamilyByHash(trx, kkHash))?.id ??
            (await a.residents.insertFamily(trx, {
              kk_hash: kkHash,
              kk_enc: a.pii.encrypt(c.kk),
              kk_masked: maskNumber(c.kk),
              region_code: c.rtCode,
              address: c.resident.address,
            }));
          families.set(c.kk, familyId);
        }
        await a.residents.insertResident(trx, {
          ...c.resident,
          nik_hash: a.pii.blindIndex(c.nik),
          nik_enc: a.pii.encrypt(c.nik),
          nik_masked: maskNumber(c.nik),
          family_id: familyId,
          region_code: c.rtCode,
        });
      }
      await a.audit.append(
        trx,
        auditFrom(a.ctx, {
          action: 'resident.imported',
          entityType: 'region',
          entityId: a.kelurahan,
          regionCode: a.kelurahan,
          details: { imported: accepted.length, refused: refused.length },
        }),
      );
    });
  } catch (err) {
    // Someone added one of these people meanwhile (or a family head): nothing was written.
    if (isUniqueViolation(err)) throw conflict('error.conflict');
    throw err;
  }
  return { ...report, imported: accepted.length, written: true };
}
