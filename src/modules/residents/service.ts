// Use cases for the resident register: kept by the kelurahan, read by the
// RT/RW heads of the area, every full view audited (UU 27/2022).
import type { Db } from '../../db/database.js';
import type { MessageKey } from '../../i18n/index.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, fieldError, invalid, isUniqueViolation, notFound, type FieldError } from '../../lib/errors.js';
import type { PiiCipher } from '../../lib/pii.js';
import { assertCovers } from '../../kernel/scope.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import type { RegionsReader } from '../regions/service.js';
import type { ResidentsRepo } from './repo.js';
import {
  checkNikAgainstPerson,
  maskNumber,
  parseDateInput,
  parseKk,
  parseNik,
  RESIDENT_STATUSES,
  type NikWarning,
  type ResidentStatus,
} from './rules.js';
import { importResidents, type ImportReport, type ImportSource } from './import.js';
import { checkForeignDocuments, CODED_FIELD_PARSERS, type CodedField } from './register-rules.js';

export interface ResidentsDeps {
  db: Db;
  clock: Clock;
  pii: PiiCipher;
  residents: ResidentsRepo;
  regions: RegionsReader;
  audit: AuditRepo;
}

export interface ResidentInput {
  nik: string;
  kk: string;
  fullName: string;
  sex: 'L' | 'P';
  birthPlace?: string | undefined;
  birthDate: string;
  relationship: string;
  religion?: string | undefined;
  occupation?: string | undefined;
  address?: string | undefined;
  maritalStatus?: string | undefined;
  citizenship?: string | undefined;
  passportNo?: string | undefined;
  kitasNo?: string | undefined;
  education?: string | undefined;
  fatherName?: string | undefined;
  motherName?: string | undefined;
  bloodType?: string | undefined;
  rtCode: string;
}

export type ResidentEdit = Omit<ResidentInput, 'nik' | 'kk' | 'rtCode'>;

/**
 * The SIAK-coded fields of a form or API body as codes (labels and SIAK codes
 * are accepted too), and the other register fields trimmed; every problem is
 * reported at once, by field.
 */
export function registerFields(input: ResidentEdit): { errors: FieldError[]; row: RegisterRow } {
  const errors: FieldError[] = [];
  const coded = (field: CodedField): string => {
    const raw = input[field] ?? '';
    const v = CODED_FIELD_PARSERS[field](raw);
    if (v === null) errors.push({ field, key: 'reg.invalid_value', params: { field: `f.${field}` } });
    return v ?? '';
  };
  const row: RegisterRow = {
    religion: coded('religion'),
    marital_status: coded('maritalStatus'),
    education: coded('education'),
    blood_type: coded('bloodType'),
    citizenship: coded('citizenship'),
    passport_no: (input.passportNo ?? '').trim(),
    kitas_no: (input.kitasNo ?? '').trim(),
    father_name: (input.fatherName ?? '').trim(),
    mother_name: (input.motherName ?? '').trim(),
  };
  const docs = checkForeignDocuments({
    citizenship: row.citizenship,
    passportNo: row.passport_no,
    kitasNo: row.kitas_no,
  });
  if (docs) errors.push({ field: docs.field, key: docs.key });
  return { errors, row };
}
interface RegisterRow {
  religion: string;
  marital_status: string;
  education: string;
  blood_type: string;
  citizenship: string;
  passport_no: string;
  kitas_no: string;
  father_name: string;
  mother_name: string;
}

export const warningKey = (w: NikWarning): MessageKey =>
  w === 'nik_birthdate_mismatch' ? 'residents.nik_birthdate_mismatch' : 'residents.nik_sex_mismatch';

export function createResidentsService(d: ResidentsDeps) {
  const { db, clock, pii } = d;

  async function loadInScope(ctx: Ctx, id: number) {
    const r = await d.residents.findInScope(db, ctx.scope, id);
    if (!r) throw notFound();
    return r;
  }

  async function activeRt(ctx: Ctx, code: string, field = 'rtCode') {
    assertCovers(ctx.scope, code);
    const rt = await d.regions.findActive(db, ctx.scope, code);
    if (!rt || rt.level !== 'rt') throw fieldError(field, 'residents.not_rt');
    return rt;
  }

  const service = {
    async search(
      ctx: Ctx,
      s: { q?: string | undefined; under?: string | undefined; status?: string | undefined; page: number },
    ) {
      const q = s.q?.trim();
      const digits = q && /^\d{16}$/.test(q) ? pii.blindIndex(q) : undefined;
      const limit = 50;
      const rows = await d.residents.search(db, ctx.scope, {
        q: digits ? undefined : q,
        hash: digits,
        under: s.under,
        status: s.status && (RESIDENT_STATUSES as readonly string[]).includes(s.status) ? s.status : undefined,
        limit: limit + 1,
        offset: (s.page - 1) * limit,
      });
      return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
    },

    counts: (ctx: Ctx) => d.residents.counts(db, ctx.scope),

    /** Full record with NIK and KK in clear: written to the audit trail. */
    async viewFull(ctx: Ctx, id: number) {
      const r = await loadInScope(ctx, id);
      await d.audit.append(
        db,
        auditFrom(ctx, {
          action: 'resident.viewed_full',
          entityType: 'resident',
          entityId: id,
          regionCode: r.region_code,
        }),
      );
      return { ...r, nik: pii.decrypt(r.nik_enc), kk: pii.decrypt(r.kk_enc) };
    },

    /** Summary without the full numbers: no audit entry needed. */
    async view(ctx: Ctx, id: number) {
      const r = await loadInScope(ctx, id);
      const members = ctx.scope.role === 'warga' ? [] : await d.residents.familyMembers(db, ctx.scope, r.family_id);
      const { nik_enc: _n, kk_enc: _k, nik_hash: _h, ...safe } = r;
      return { resident: safe, members };
    },

    async create(ctx: Ctx, input: ResidentInput) {
      const errors: FieldError[] = [];
      const nik = parseNik(input.nik);
      if (!nik.ok) errors.push({ field: 'nik', key: 'residents.nik_format' });
      const kk = parseKk(input.kk);
      if (!kk.ok) errors.push({ field: 'kk', key: 'residents.kk_format' });
      const birthDate = parseDateInput(input.birthDate);
      if (!birthDate) errors.push({ field: 'birthDate', key: 'residents.import_bad_date' });
      const reg = registerFields(input);
      errors.push(...reg.errors);
      if (errors.length || !nik.ok || !kk.ok || !birthDate) throw invalid(errors);
      const rt = await activeRt(ctx, input.rtCode);
      const warnings = checkNikAgainstPerson(nik.nik, { birthDate, sex: input.sex });
      try {
        const id = await db.transaction().execute(async (trx) => {
          const kkHash = pii.blindIndex(kk.kk);
          const family = await d.residents.findFamilyByHash(trx, kkHash);
          if (family && family.region_code !== rt.code) throw fieldError('kk', 'residents.family_elsewhere');
          const familyId =
            family?.id ??
            (await d.residents.insertFamily(trx, {
              kk_hash: kkHash,
              kk_enc: pii.encrypt(kk.kk),
              kk_masked: maskNumber(kk.kk),
              region_code: rt.code,
              address: input.address ?? '',
            }));
          const rid = await d.residents.insertResident(trx, {
            nik_hash: pii.blindIndex(nik.nik),
            nik_enc: pii.encrypt(nik.nik),
            nik_masked: maskNumber(nik.nik),
            family_id: familyId,
            relationship: input.relationship,
            full_name: input.fullName.trim(),
            sex: input.sex,
            birth_place: input.birthPlace ?? '',
            birth_date: birthDate,
            occupation: input.occupation ?? '',
            region_code: rt.code,
            address: input.address ?? '',
            ...reg.row,
          });
          await d.audit.append(
            trx,
            auditFrom(ctx, {
              action: 'resident.created',
              entityType: 'resident',
              entityId: rid,
              regionCode: rt.code,
              details: { warnings },
            }),
          );
          return rid;
        });
        return { id, warnings: warnings.map(warningKey) };
      } catch (err) {
        if (isUniqueViolation(err, 'residents_nik_hash_key')) throw fieldError('nik', 'residents.nik_taken');
        if (isUniqueViolation(err, 'residents_one_head_idx')) throw fieldError('relationship', 'residents.head_exists');
        throw err;
      }
    },

    async update(ctx: Ctx, id: number, input: ResidentEdit) {
      const r = await loadInScope(ctx, id);
      const birthDate = parseDateInput(input.birthDate);
      const reg = registerFields(input);
      const errors: FieldError[] = [
        ...(birthDate ? [] : [{ field: 'birthDate', key: 'residents.import_bad_date' as const }]),
        ...reg.errors,
      ];
      if (errors.length || !birthDate) throw invalid(errors);
      const warnings = checkNikAgainstPerson(pii.decrypt(r.nik_enc), { birthDate, sex: input.sex });
      try {
        await db.transaction().execute(async (trx) => {
          await d.residents.update(trx, id, {
            full_name: input.fullName.trim(),
            sex: input.sex,
            birth_place: input.birthPlace ?? '',
            birth_date: birthDate,
            relationship: input.relationship,
            occupation: input.occupation ?? '',
            address: input.address ?? '',
            ...reg.row,
            updated_at: clock.now(),
          });
          await d.audit.append(
            trx,
            auditFrom(ctx, {
              action: 'resident.updated',
              entityType: 'resident',
              entityId: id,
              regionCode: r.region_code,
            }),
          );
        });
      } catch (err) {
        if (isUniqueViolation(err, 'residents_one_head_idx')) throw fieldError('relationship', 'residents.head_exists');
        throw err;
      }
      return { warnings: warnings.map(warningKey) };
    },

    async changeStatus(
      ctx: Ctx,
      id: number,
      input: { status: ResidentStatus; date?: string | undefined; note?: string | undefined },
    ) {
      const r = await loadInScope(ctx, id);
      const date = input.date ? parseDateInput(input.date) : null;
      if (input.date && !date) throw fieldError('date', 'field.invalid', { field: 'f.status_date' });
      await db.transaction().execute(async (trx) => {
        await d.residents.update(trx, id, {
          status: input.status,
          status_date: date,
          status_note: input.note ?? '',
          updated_at: clock.now(),
        });
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'resident.status_changed',
            entityType: 'resident',
            entityId: id,
            regionCode: r.region_code,
            details: { from: r.status, to: input.status },
          }),
        );
      });
    },

    /** Moving is per family card: the KK's household moves together. */
    async moveFamily(ctx: Ctx, id: number, rtCode: string) {
      const r = await loadInScope(ctx, id);
      const rt = await activeRt(ctx, rtCode);
      if (rt.code === r.region_code) return;
      await db.transaction().execute(async (trx) => {
        await d.residents.moveFamily(trx, r.family_id, rt.code, clock.now());
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'resident.family_moved',
            entityType: 'family',
            entityId: r.family_id,
            regionCode: rt.code,
            details: { from: r.region_code, to: rt.code },
          }),
        );
      });
    },

    /** A SIAK extract or the register's CSV, as CSV text or XLSX bytes (columns: siak-rules.ts). */
    async importFile(ctx: Ctx, kelurahan: string, source: ImportSource, validOnly: boolean): Promise<ImportReport> {
      assertCovers(ctx.scope, kelurahan);
      const kel = await d.regions.findActive(db, ctx.scope, kelurahan);
      if (!kel || kel.level !== 'kelurahan') throw fieldError('kelurahan', 'residents.import_need_kelurahan');
      return importResidents({ ...d, ctx, kelurahan: kel.code, source, validOnly });
    },
  };
  return service;
}
export type ResidentsService = ReturnType<typeof createResidentsService>;
export { AppError };

export interface MarkDeceasedInput {
  /** The deceased, by register id or by NIK (16 digits, looked up by its blind index). */
  residentId?: number | undefined;
  nik?: string | undefined;
  /** Date of death, YYYY-MM-DD (or DD-MM-YYYY). */
  date: string;
  note?: string | undefined;
  actorUserId: number | null;
  actorName?: string | null | undefined;
  actorRole?: string | null | undefined;
}

/**
 * What other modules may read and do in the register: the registration lookup,
 * a resident in scope, what a letter prints (`byId` with every register field
 * and the masked No. KK; the full NIK and No. KK only through `nikEncOf` and
 * `kkEncOf`, decrypted at print time), and `markDeceased` for a death letter.
 */
export interface ResidentsReader extends Pick<
  ResidentsRepo,
  'findForRegistration' | 'findInScope' | 'byId' | 'nikEncOf' | 'kkEncOf' | 'search'
> {
  /**
   * Marks a resident deceased (status 'meninggal', the date and a note) in the
   * caller's transaction, with its audit record. Idempotent: a resident already
   * deceased is left as recorded ({ changed: false }). Refused (409) for a
   * resident who has moved away; 404 for an unknown resident or NIK.
   */
  markDeceased(trx: Db, input: MarkDeceasedInput): Promise<{ residentId: number; changed: boolean }>;
}

export function residentsReader(
  repo: ResidentsRepo,
  deps: { audit: AuditRepo; pii: PiiCipher; clock: Clock },
): ResidentsReader {
  return {
    findForRegistration: repo.findForRegistration,
    findInScope: repo.findInScope,
    search: repo.search,
    byId: repo.byId,
    nikEncOf: repo.nikEncOf,
    kkEncOf: repo.kkEncOf,
    async markDeceased(trx, input) {
      let by: { id: number } | { nikHash: Buffer };
      if (input.residentId !== undefined) by = { id: input.residentId };
      else {
        const nik = parseNik(input.nik ?? '');
        if (!nik.ok) throw fieldError('nik', 'residents.nik_format');
        by = { nikHash: deps.pii.blindIndex(nik.nik) };
      }
      const date = parseDateInput(input.date);
      // A death can be dated today anywhere in Indonesia's time zones (up to UTC+9): allow a day ahead of UTC.
      const latest = new Date(deps.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10);
      if (!date || date > latest) throw fieldError('date', 'reg.deceased_date');
      const r = await repo.forStatusChange(trx, by);
      if (!r) throw notFound();
      if (r.status === 'meninggal') return { residentId: r.id, changed: false };
      if (r.status === 'pindah') throw new AppError(409, 'reg.deceased_moved');
      const note = (input.note ?? '').trim().slice(0, 200);
      await repo.update(trx, r.id, {
        status: 'meninggal',
        status_date: date,
        status_note: note,
        updated_at: deps.clock.now(),
      });
      await deps.audit.append(trx, {
        actorUserId: input.actorUserId,
        actorName: input.actorName ?? null,
        actorRole: input.actorRole ?? null,
        ip: null,
        action: 'resident.marked_deceased',
        entityType: 'resident',
        entityId: r.id,
        regionCode: r.region_code,
        details: { from: r.status, date },
      });
      return { residentId: r.id, changed: true };
    },
  };
}
