// Use cases of pemberkasan and penyusutan (issue 15 item 6): open a berkas for a unit and a classification code,
// file the unit's naskah into it, close it (retention fixed from the naskah's JRA snapshots, berkas-rules.ts), the
// lists of berkas due for transfer or final disposition, and decisions — the only way a berkas moves on (the DB
// ties the state to a decision row, migration 0030). Each write commits with its audit record.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, conflict, fieldError, forbidden, invalid, notFound, type FieldError } from '../../lib/errors.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import type { FileStorage } from '../../kernel/files/storage.js';
import type { ClassificationReader } from '../catalogue/service.js';
import { cityOfScope } from '../employees/service.js';
import { berkasPolicy, canManageBerkas, canSeeBerkas } from './berkas-policy.js';
import { createBerkasRepo, type BerkasRow } from './berkas-repo.js';
import {
  berkasRetention,
  decisionProblem,
  dueOf,
  fitsClassification,
  retentionDates,
  STATE_AFTER,
  type RetentionSnapshot,
} from './berkas-rules.js';
import type { DecisionKind } from './berkas-tables.js';
import { canSeeNaskah, type Viewer } from './policy.js';
import type { NaskahReference } from './reference.js';
import type { NaskahRow } from './repo.js';
import { KEY, type Retention } from './rules.js';

export interface BerkasDeps {
  db: Db;
  clock: Clock;
  audit: AuditRepo;
  files: FileStorage;
  reference: NaskahReference;
  classifications: ClassificationReader;
  core: {
    viewer(ctx: Ctx): Promise<Viewer>;
    visible(ctx: Ctx, id: number): Promise<NaskahRow & { viewer: Viewer }>;
    today(): string;
    checkPdf(pdf: Buffer | undefined): FieldError | Buffer;
    retentionOf(city: string, code: string): Promise<Retention | null>;
    registerableUnits(ctx: Ctx): Promise<{ id: number; path: string; name: string }[]>;
    unitById(id: number): Promise<{ id: number; path: string } | undefined>;
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const realDay = (s: string) => DAY.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const DECISIONS: readonly DecisionKind[] = ['pindah', 'musnah', 'serah'];
const facts = (b: BerkasRow) => ({
  state: b.state,
  activeUntil: b.active_until,
  inactiveUntil: b.inactive_until,
  final: b.retention_final,
});
const snapshotOf = (n: {
  retention_active_years: number | null;
  retention_inactive_years: number | null;
  retention_final: RetentionSnapshot['final'] | null;
}): RetentionSnapshot | null =>
  n.retention_final === null || n.retention_active_years === null || n.retention_inactive_years === null
    ? null
    : { activeYears: n.retention_active_years, inactiveYears: n.retention_inactive_years, final: n.retention_final };

export function createBerkasService(d: BerkasDeps) {
  const { db, clock, core, reference } = d;
  const repo = createBerkasRepo();

  async function visibleBerkas(ctx: Ctx, id: number) {
    const v = await core.viewer(ctx);
    const b = await repo.byId(db, v, id);
    if (!b || !canSeeBerkas(v, b.unit_path)) throw notFound();
    return { berkas: b, viewer: v };
  }
  const audit = (trx: Db, ctx: Ctx, action: string, id: number, details: Record<string, unknown> = {}) =>
    d.audit.append(
      trx,
      auditFrom(ctx, { action, entityType: 'naskah_berkas', entityId: id, regionCode: cityOfScope(ctx), details }),
    );

  return {
    repo,
    units: core.registerableUnits,
    classificationName: async (code: string) => (await d.classifications.byCode(db, code))?.name ?? '',
    visible: visibleBerkas,

    async create(
      ctx: Ctx,
      i: { key: string; unitId: number; classificationCode: string; title: string; year: number },
    ) {
      if (!KEY.test(i.key)) throw fieldError('idempotencyKey', 'surat.err.key');
      const before = await repo.idByKey(db, ctx.scope.userId, i.key);
      if (before) return { id: before, replay: true };
      const v = await core.viewer(ctx);
      const unit = await core.unitById(i.unitId);
      const errors: FieldError[] = [];
      if (!unit || !canManageBerkas(v, unit.path)) errors.push({ field: 'unitId', key: 'berkas.err.unit' });
      const title = i.title.trim();
      if (!title || title.length > 200) errors.push({ field: 'title', key: 'berkas.err.title', params: { max: 200 } });
      const thisYear = Number(core.today().slice(0, 4));
      if (!Number.isInteger(i.year) || i.year < 2000 || i.year > thisYear)
        errors.push({ field: 'year', key: 'berkas.err.year', params: { max: thisYear } });
      const code = i.classificationCode.trim();
      const cls = /^[0-9]{3}(\.[0-9]{1,3}){0,5}$/.test(code) ? await d.classifications.byCode(db, code) : undefined;
      if (!cls?.active)
        errors.push({ field: 'classificationCode', key: 'berkas.err.classification_unknown', params: { code } });
      if (errors.length || !unit || !cls) throw invalid(errors);
      const id = await db.transaction().execute(async (trx) => {
        const id = await repo.insert(trx, {
          regionCode: cityOfScope(ctx),
          unitId: unit.id,
          classificationCode: cls.code,
          title,
          year: i.year,
          key: i.key,
          createdBy: ctx.scope.userId,
        });
        if (id !== undefined) await audit(trx, ctx, 'berkas.created', id, { unitId: unit.id, code: cls.code });
        return id;
      });
      if (id === undefined) return { id: (await repo.idByKey(db, ctx.scope.userId, i.key))!, replay: true };
      return { id, replay: false };
    },

    async list(ctx: Ctx, o: { unitId?: number | undefined } = {}) {
      const v = await core.viewer(ctx);
      return repo.list(db, v, { unitId: o.unitId, limit: 200 });
    },

    /** Berkas whose active period (→ pindah) or inactive period (→ musnah / serah) is over: per unit or city-wide. */
    async due(ctx: Ctx) {
      const v = await core.viewer(ctx);
      const today = core.today();
      const rows = await repo.list(db, v, { dueBefore: today, limit: 500 });
      return rows.map((b) => ({ ...b, due: dueOf(facts(b), today)! })).filter((b) => b.due !== null);
    },

    /** A berkas with its naskah (one the person may not see shows its number only), decisions and what is due. */
    async detail(ctx: Ctx, id: number) {
      const { berkas: b, viewer: v } = await visibleBerkas(ctx, id);
      const items = (await repo.items(db, id)).map((n) => ({
        ...n,
        masked: !canSeeNaskah(v, { unitPath: n.unit_path, securityClass: n.security_class }, reference.restricted),
      }));
      const today = core.today();
      const due = dueOf(facts(b), today);
      const candidates =
        canManageBerkas(v, b.unit_path) && b.state === 'terbuka'
          ? (await repo.candidates(db, b.unit_id, b.classification_code)).filter((n) =>
              canSeeNaskah(v, { unitPath: n.unit_path, securityClass: n.security_class }, reference.restricted),
            )
          : [];
      return {
        berkas: b,
        candidates,
        classificationName: (await d.classifications.byCode(db, b.classification_code))?.name ?? '',
        items,
        decisions: await repo.decisions(db, id),
        due,
        today,
        can: {
          manage: canManageBerkas(v, b.unit_path) && b.state === 'terbuka',
          decide: berkasPolicy.decide.includes(ctx.scope.role) && due !== null,
        },
      };
    },

    async fileNaskah(ctx: Ctx, berkasId: number, naskahId: number) {
      const { berkas: b, viewer: v } = await visibleBerkas(ctx, berkasId);
      if (!canManageBerkas(v, b.unit_path)) throw forbidden();
      const n = await core.visible(ctx, naskahId).catch((e: unknown) => {
        if (e instanceof AppError && e.status === 404) throw fieldError('naskahId', 'berkas.err.naskah_unknown');
        throw e;
      });
      if (n.unit_id !== b.unit_id) throw fieldError('naskahId', 'berkas.err.other_unit');
      if (!fitsClassification(n.classification_code, b.classification_code))
        throw fieldError('naskahId', 'berkas.err.classification', { code: b.classification_code });
      await db.transaction().execute(async (trx) => {
        const locked = await repo.lock(trx, berkasId);
        if (locked.state !== 'terbuka') throw conflict('berkas.err.closed');
        const filed = await repo.file(trx, {
          naskahId,
          unitId: b.unit_id,
          berkasId,
          by: ctx.scope.userId,
          at: clock.now(),
        });
        if (filed === undefined) {
          const other = await repo.berkasOf(trx, naskahId);
          if (other?.id === berkasId) return; // filed before: a resend
          throw conflict('berkas.err.already_filed', { title: other?.title ?? '' });
        }
        await audit(trx, ctx, 'berkas.naskah_filed', berkasId, { naskahId });
      });
    },

    /** Closes the berkas on `closedOn` (today unless an older file is recorded): its retention and dates are fixed. */
    async close(ctx: Ctx, id: number, closedOn?: string) {
      const { berkas: b, viewer: v } = await visibleBerkas(ctx, id);
      if (!canManageBerkas(v, b.unit_path)) throw forbidden();
      const today = core.today();
      const on = closedOn?.trim() || today;
      if (!realDay(on) || on > today || Number(on.slice(0, 4)) < b.year)
        throw fieldError('closedOn', 'berkas.err.closed_on', { year: b.year });
      // Read before the transaction: core reads go through `db` (one connection on PGlite).
      const fallback = await core.retentionOf(b.region_code, b.classification_code);
      return db.transaction().execute(async (trx) => {
        const locked = await repo.lock(trx, id);
        if (locked.state !== 'terbuka') throw conflict('berkas.err.closed');
        const items = await repo.items(trx, id);
        if (!items.length) throw conflict('berkas.err.empty');
        const r = berkasRetention(items.map(snapshotOf), fallback);
        if (!r) throw conflict('berkas.err.no_retention', { code: b.classification_code });
        const dates = retentionDates(on, r);
        await repo.close(trx, id, { at: clock.now(), on, by: ctx.scope.userId, ...r, ...dates });
        await audit(trx, ctx, 'berkas.closed', id, { closedOn: on, ...r, ...dates });
        return { ...r, ...dates };
      });
    },

    /**
     * Records a decision (transfer, destruction, handing over) with its decree and an optional scanned berita acara,
     * and moves the berkas on in the same transaction. Refused unless it is due and the JRA allows that kind.
     */
    async decide(
      ctx: Ctx,
      id: number,
      i: { kind: string; decree: string; decidedOn: string; note: string; pdf?: Buffer | undefined },
    ) {
      if (!berkasPolicy.decide.includes(ctx.scope.role)) throw forbidden();
      const { berkas: b } = await visibleBerkas(ctx, id);
      const errors: FieldError[] = [];
      const kind = DECISIONS.find((k) => k === i.kind);
      if (!kind) errors.push({ field: 'kind', key: 'berkas.err.kind' });
      const decree = i.decree.trim();
      if (!decree || decree.length > 100)
        errors.push({ field: 'decree', key: 'berkas.err.decree', params: { max: 100 } });
      if (!realDay(i.decidedOn) || i.decidedOn > core.today())
        errors.push({ field: 'decidedOn', key: 'berkas.err.decided_on' });
      if (i.note.length > 1000) errors.push({ field: 'note', key: 'berkas.err.note', params: { max: 1000 } });
      let pdf: Buffer | null = null;
      if (i.pdf?.length) {
        const c = core.checkPdf(i.pdf);
        if (Buffer.isBuffer(c)) pdf = c;
        else errors.push(c);
      }
      if (errors.length || !kind) throw invalid(errors);
      const problem = decisionProblem(facts(b), kind, core.today());
      if (problem) throw new AppError(409, problem as 'berkas.err.not_due_final');
      return db.transaction().execute(async (trx) => {
        await repo.lock(trx, id);
        const fileId = pdf ? await d.files.put(trx, { mime: 'application/pdf', content: pdf }) : null;
        const sha256 = pdf ? createHash('sha256').update(pdf).digest('hex') : null;
        const decisionId = await repo.insertDecision(trx, {
          berkasId: id,
          kind,
          decree,
          on: i.decidedOn,
          by: ctx.scope.userId,
          note: i.note.trim(),
          fileId,
          sha256,
          at: clock.now(),
        });
        if (decisionId === undefined) throw conflict('berkas.err.decided');
        const from = kind === 'pindah' ? (['ditutup'] as const) : (['ditutup', 'dipindahkan'] as const);
        if (!(await repo.applyDecision(trx, id, decisionId, [...from], STATE_AFTER[kind])))
          throw conflict('berkas.err.decided');
        await audit(trx, ctx, 'berkas.decided', id, { kind, decree, decidedOn: i.decidedOn, sha256 });
        return { decisionId, state: STATE_AFTER[kind] };
      });
    },

    /** A naskah in a destroyed berkas: its file is no longer served (nor exported). */
    async destroyed(naskahId: number) {
      return (await repo.berkasOf(db, naskahId))?.state === 'dimusnahkan';
    },
  };
}
export type BerkasService = ReturnType<typeof createBerkasService>;
