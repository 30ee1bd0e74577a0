// The letter catalogue: what citizens can ask for, who approves, how fast.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, fieldError, notFound } from '../../lib/errors.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import { STAGES } from './rules.js';
import { DEFAULT_LETTER_TYPES } from './defaults.js';
import { createCatalogueRepo, type CatalogueRepo, type LetterTypeInput } from './repo.js';

export interface CatalogueDeps {
  db: Db;
  clock: Clock;
  catalogue: CatalogueRepo;
  audit: AuditRepo;
}

/** Route stages must keep the chain's order (RT before RW before kelurahan before kecamatan). */
export function checkLetterType(t: LetterTypeInput) {
  const order = t.route.map((s) => STAGES.indexOf(s));
  if (!t.route.length || order.some((i, k) => i < 0 || (k > 0 && i <= order[k - 1]!)))
    throw fieldError('route', 'catalogue.bad_route');
  const sum = t.route.reduce((acc, s) => acc + (t.stage_budgets[s] ?? 0), 0);
  if (sum > t.total_budget_minutes)
    throw fieldError('total_budget_minutes', 'catalogue.budget_exceeds_total', { sum, total: t.total_budget_minutes });
}

export function createCatalogueService(d: CatalogueDeps) {
  const { db } = d;
  return {
    /** Loads the default letter types into an empty catalogue (idempotent by code). */
    async seedDefaults() {
      const existing = await d.catalogue.list(db, { activeOnly: false });
      if (existing.length) return 0;
      let n = 0;
      for (const t of DEFAULT_LETTER_TYPES) if (await d.catalogue.insert(db, t)) n++;
      return n;
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
