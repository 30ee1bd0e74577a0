// The letter catalogue: what citizens can ask for, who approves, how fast,
// and the archive classification codes (Permendagri 83/2022) its letters are numbered with.
import { readFileSync } from 'node:fs';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, fieldError, invalid, notFound } from '../../lib/errors.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import { naskahErrors, STAGES } from './rules.js';
import { DEFAULT_LETTER_TYPES } from './defaults.js';
import {
  CLASSIFICATION_FILE,
  CLASSIFICATION_SOURCE,
  importPlan,
  parseClassificationFile,
  type ClassificationFile,
} from './classification.js';
import {
  createCatalogueRepo,
  createClassificationRepo,
  type CatalogueRepo,
  type ClassificationRepo,
  type LetterTypeInput,
} from './repo.js';

export interface CatalogueDeps {
  db: Db;
  clock: Clock;
  catalogue: CatalogueRepo;
  audit: AuditRepo;
  classification?: ClassificationRepo;
  /** The shipped data file; tests point it elsewhere. */
  classificationFile?: URL | string;
}

/** Why a default type that is new in this version arrives switched off in a catalogue already in use. */
export const NEW_DEFAULT_REASON =
  'Jenis surat bawaan baru. Periksa alur, isi dan kode klasifikasinya, lalu centang "Dapat dimohonkan warga".';

/** The shipped classification file, read and checked; a broken file stops the start with its problems listed. */
export function readClassificationFile(file: URL | string = CLASSIFICATION_FILE): ClassificationFile {
  const parsed = parseClassificationFile(readFileSync(file, 'utf8'));
  if (parsed.errors.length)
    throw new Error(`Berkas kode klasifikasi ${String(file)} tidak dapat dipakai:\n- ${parsed.errors.join('\n- ')}`);
  return parsed;
}

/** Route stages must keep the chain's order (RT before RW before kelurahan before kecamatan). */
export function checkLetterType(t: LetterTypeInput) {
  const order = t.route.map((s) => STAGES.indexOf(s));
  if (!t.route.length || order.some((i, k) => i < 0 || (k > 0 && i <= order[k - 1]!)))
    throw fieldError('route', 'catalogue.bad_route');
  const sum = t.route.reduce((acc, s) => acc + (t.stage_budgets[s] ?? 0), 0);
  if (sum > t.total_budget_minutes)
    throw fieldError('total_budget_minutes', 'catalogue.budget_exceeds_total', { sum, total: t.total_budget_minutes });
  const errors = naskahErrors({
    kind: t.kind ?? 'keterangan',
    addressee: t.addressee ?? '',
    identity_fields: t.identity_fields ?? [],
    disabled_reason: t.disabled_reason ?? '',
    effect: t.effect ?? null,
    fields: t.fields,
  });
  if (errors.length) throw invalid(errors);
}

export function createCatalogueService(d: CatalogueDeps) {
  const { db } = d;
  const codes = d.classification ?? createClassificationRepo();
  const file = d.classificationFile ?? CLASSIFICATION_FILE;

  /** Every letter type points at an active code of the table (the form explains which to choose). */
  async function checkClassification(trx: Db, code: string) {
    const row = await codes.byCode(trx, code);
    if (!row) throw fieldError('classification', 'cat.unknown_classification', { code });
    if (!row.active) throw fieldError('classification', 'cat.inactive_classification', { code, name: row.name });
  }

  /**
   * Loads the data file into classification_codes: codes added or changed, codes the file no longer has switched
   * off (never deleted: letter types may point at them), one classification_imports row per run. At start only a
   * version newer than the last import is loaded, once across instances.
   */
  async function importClassifications(trigger: 'start' | 'admin', ctx?: Ctx) {
    const shipped = readClassificationFile(file);
    if (trigger === 'start') {
      const last = await codes.lastImport(db);
      if (last && last.source_version >= shipped.version) return null;
    }
    return db.transaction().execute(async (trx) => {
      const id = trigger === 'start' ? await codes.claimStart(trx, shipped.version, CLASSIFICATION_SOURCE) : null;
      if (trigger === 'start' && id === null) return null; // another instance imported this version
      const plan = importPlan(await codes.list(trx), shipped.rows);
      const now = d.clock.now();
      await codes.upsert(trx, [...plan.added, ...plan.changed], shipped.version, now);
      await codes.deactivate(trx, plan.deactivated, now);
      const counts = {
        total: shipped.rows.length,
        added: plan.added.length,
        changed: plan.changed.length,
        deactivated: plan.deactivated.length,
      };
      await codes.record(
        trx,
        { id, version: shipped.version, source: CLASSIFICATION_SOURCE, trigger, actor: ctx?.scope.userId ?? null },
        counts,
      );
      if (ctx)
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'catalogue.classification_imported',
            entityType: 'classification_codes',
            entityId: String(shipped.version),
            regionCode: ctx.scope.regionCode,
            details: { version: shipped.version, ...counts },
          }),
        );
      return { sourceVersion: shipped.version, ...counts };
    });
  }

  return {
    /**
     * At start: the classification codes when the shipped file is newer, then the default letter types — all of
     * them into an empty catalogue; into one already in use only the defaults new in this version, switched off
     * with a reason for the admin (idempotent by code).
     */
    async seedDefaults() {
      await importClassifications('start');
      const existing = await d.catalogue.list(db, { activeOnly: false });
      const inUse = existing.length > 0;
      let n = 0;
      for (const t of DEFAULT_LETTER_TYPES) {
        if (existing.some((e) => e.code === t.code)) continue;
        const row = inUse ? { ...t, active: false, disabled_reason: NEW_DEFAULT_REASON } : t;
        if (await d.catalogue.insert(db, row)) n++;
      }
      return n;
    },
    /** The city admin loads the shipped file again (after adding codes to it); `expectedVersion` is the one they saw. */
    async reimportClassifications(ctx: Ctx, expectedVersion: number) {
      const shipped = readClassificationFile(file);
      if (expectedVersion !== shipped.version)
        throw fieldError('expectedVersion', 'cat.import_version_mismatch', { version: shipped.version });
      return (await importClassifications('admin', ctx))!;
    },
    /** The codes, the shipped file's version and the last import, for the admin page. */
    async classifications() {
      return {
        codes: await codes.list(db),
        shippedVersion: readClassificationFile(file).version,
        lastImport: (await codes.lastImport(db)) ?? null,
      };
    },
    /** code → name, for showing names beside codes. */
    async classificationNames(list: string[]) {
      const rows = await codes.namesOf(db, [...new Set(list)]);
      return new Map(rows.map((r) => [r.code, r.name]));
    },
    list: (activeOnly = true) => d.catalogue.list(db, { activeOnly }),
    async get(id: number) {
      const t = await d.catalogue.byId(db, id);
      if (!t) throw notFound();
      return t;
    },
    byCode: (code: string) => d.catalogue.byCode(db, code),
    async create(ctx: Ctx, t: LetterTypeInput) {
      checkLetterType(t);
      return db.transaction().execute(async (trx) => {
        await checkClassification(trx, t.classification);
        const row = await d.catalogue.insert(trx, t);
        if (!row) throw new AppError(409, 'catalogue.code_taken');
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'catalogue.created',
            entityType: 'letter_type',
            entityId: row.id,
            regionCode: ctx.scope.regionCode,
            details: { code: t.code },
          }),
        );
        return row;
      });
    },
    /** Requests already submitted keep the snapshot they were made with. */
    async update(ctx: Ctx, id: number, t: LetterTypeInput, expectedVersion: number) {
      checkLetterType(t);
      return db.transaction().execute(async (trx) => {
        await checkClassification(trx, t.classification);
        const row = await d.catalogue.update(trx, id, t, expectedVersion, d.clock.now());
        if (!row) throw new AppError(409, 'error.conflict');
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'catalogue.updated',
            entityType: 'letter_type',
            entityId: id,
            regionCode: ctx.scope.regionCode,
            details: { version: row.version },
          }),
        );
        return row;
      });
    },
  };
}
export type CatalogueService = ReturnType<typeof createCatalogueService>;

/** What layanan warga reads of the catalogue: a letter type by code and the list (only this module writes it). */
export type CatalogueReader = Pick<CatalogueRepo, 'byCode' | 'list'>;
export function catalogueReader(repo: CatalogueRepo = createCatalogueRepo()): CatalogueReader {
  return { byCode: repo.byCode, list: repo.list };
}

/**
 * What other modules read of the classification codes (Permendagri 83/2022): one code, and the active list for a
 * form. Only this module writes them; E-Surat snapshots a code's name on each naskah.
 */
export interface ClassificationReader {
  byCode(db: Db, code: string): Promise<{ code: string; name: string; active: boolean } | undefined>;
  active(db: Db): Promise<{ code: string; name: string }[]>;
}
export function classificationReader(repo: ClassificationRepo = createClassificationRepo()): ClassificationReader {
  return {
    byCode: repo.byCode,
    active: async (db) => (await repo.list(db)).filter((c) => c.active).map((c) => ({ code: c.code, name: c.name })),
  };
}
