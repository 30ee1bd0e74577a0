// Daily logs (issue 16, items 2 and 3): the employee logs work against a result (and indicator) of their agreed SKP
// from the phone — a photo shrunk on the phone or a PDF as evidence, the form queued offline and replayed with the
// same key (public/app.js) — and the superior approves or returns, one by one or in bulk. The month's realisation
// per indicator is computed from approved logs against the monthly plan proposed at agreement.
import type { Db } from '../../db/database.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import type { FileStorage } from '../../kernel/files/storage.js';
import { checkUpload } from '../../kernel/files/rules.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, conflict, fieldError, forbidden, invalid, notFound, type FieldError } from '../../lib/errors.js';
import type { EmployeesService } from '../employees/service.js';
import { createSkpLogsRepo, type LogRow, type SkpLogsRepo } from './logs-repo.js';
import { createSkpRepo, type SkpRepo } from './repo.js';
import { realisationPercent } from './rules.js';

export interface SkpLogsDeps {
  db: Db;
  clock: Clock;
  audit: AuditRepo;
  files: FileStorage;
  employees: EmployeesService;
  offsetMinutes: number;
  /** How many days back a log may be written (SKP_LOG_DAYS; the city's choice). */
  windowDays: number;
  repo?: SkpLogsRepo;
  plans?: SkpRepo;
}

export const EVIDENCE_MAX_BYTES = 1024 * 1024;
const KEY = /^[A-Za-z0-9_-]{8,64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface LogInput {
  idempotencyKey: string;
  logDate: string;
  /** '<resultId>:<indicatorId>' or '<resultId>:' from the form's one select. */
  target: string;
  quantity: string;
  minutes: string;
  description: string;
  evidence?: Buffer | undefined;
}

/** A rollback that is not an error: the same key won in another transaction. */
class Replayed extends Error {}

const localDay = (at: Date, offsetMinutes: number) =>
  new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
const dayDiff = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
const monthRange = (year: number, month: number) => {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, '0');
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(last).padStart(2, '0')}` };
};

export function createSkpLogsService(d: SkpLogsDeps) {
  const { db, clock, audit, files } = d;
  const repo = d.repo ?? createSkpLogsRepo();
  const plans = d.plans ?? createSkpRepo();
  const today = () => localDay(clock.now(), d.offsetMinutes);

  async function me(ctx: Ctx) {
    const e = await d.employees.me(ctx);
    if (!e) throw forbidden();
    return e;
  }

  /** The employee's agreed SKP of a year, with its results and indicators (what a log may attach to). */
  async function agreedPlan(employeeId: number, year: number) {
    const p = await plans.livePlan(db, employeeId, year);
    if (!p || p.status !== 'disetujui') return null;
    const results = await plans.results(db, [p.id]);
    const indicators = await plans.indicators(
      db,
      results.map((r) => r.id),
    );
    return { p, results, indicators };
  }

  async function headOf(ctx: Ctx, employeeId: number) {
    const units = await d.employees.units(ctx);
    return units.filter((u) => u.head_employee_id === employeeId).map((u) => u.path);
  }

  return {
    today,
    windowDays: d.windowDays,

    /** The log page: the agreed SKP to attach to, and the month's logs so far. */
    async mine(ctx: Ctx) {
      const e = await me(ctx);
      const day = today();
      const plan = await agreedPlan(e.id, Number(day.slice(0, 4)));
      const { from, to } = monthRange(Number(day.slice(0, 4)), Number(day.slice(5, 7)));
      return { employee: e, plan, logs: await repo.mine(db, e.id, from, to) };
    },

    /** The caller's own logs of a month ('YYYY-MM'; this month when null), newest first. */
    async own(ctx: Ctx, month: string | null) {
      const e = await me(ctx);
      const m = month ?? today().slice(0, 7);
      const mm = Number(m.slice(5, 7));
      if (!/^\d{4}-\d{2}$/.test(m) || mm < 1 || mm > 12) throw fieldError('month', 'skp.tpp.err.month');
      const { from, to } = monthRange(Number(m.slice(0, 4)), mm);
      return repo.mine(db, e.id, from, to);
    },

    /** Writes a log; the same key again answers with the first log (an offline replay). */
    async submit(ctx: Ctx, input: LogInput): Promise<{ log: LogRow; duplicate: boolean }> {
      const e = await me(ctx);
      if (!KEY.test(input.idempotencyKey)) throw new AppError(400, 'skp.log.err.key');
      if (await repo.hasKey(db, e.id, input.idempotencyKey))
        return { log: (await repo.byKey(db, e.id, input.idempotencyKey))!, duplicate: true };
      const errors: FieldError[] = [];
      const day = input.logDate.trim();
      const back = DAY.test(day) && !Number.isNaN(Date.parse(day)) ? dayDiff(day, today()) : NaN;
      if (Number.isNaN(back) || back < 0 || back > d.windowDays)
        errors.push({ field: 'logDate', key: 'skp.log.err.date', params: { days: d.windowDays } });
      const plan = DAY.test(day) ? await agreedPlan(e.id, Number(day.slice(0, 4))) : null;
      if (!plan) throw new AppError(422, 'skp.log.err.no_plan');
      const [rid, iid] = input.target.split(':');
      const result = plan.results.find((r) => r.id === Number(rid));
      const indicator = iid ? plan.indicators.find((i) => i.id === Number(iid) && i.result_id === result?.id) : null;
      if (!result || (iid && !indicator)) errors.push({ field: 'target', key: 'skp.log.err.target' });
      const quantity = Number(input.quantity.replace(',', '.'));
      if (!(quantity >= 0 && quantity < 1e9)) errors.push({ field: 'quantity', key: 'skp.log.err.quantity' });
      const minutes = Number(input.minutes);
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440)
        errors.push({ field: 'minutes', key: 'skp.log.err.minutes' });
      const description = input.description.trim();
      if (description.length < 3 || description.length > 1000)
        errors.push({ field: 'description', key: 'skp.log.err.description', params: { min: 3, max: 1000 } });
      let mime: ReturnType<typeof checkUpload> | null = null;
      if (input.evidence?.length) {
        mime = checkUpload(input.evidence, EVIDENCE_MAX_BYTES, [
          'image/jpeg',
          'image/png',
          'image/webp',
          'application/pdf',
        ]);
        if (!mime.ok)
          errors.push({
            field: 'evidence',
            key: `skp.log.err.evidence_${mime.reason}`,
            params: { max: `${Math.round(EVIDENCE_MAX_BYTES / 1024)} KB` },
          });
      }
      if (errors.length || !result) throw invalid(errors);
      try {
        await db.transaction().execute(async (trx) => {
          const fileId = mime?.ok ? await files.put(trx, { mime: mime.mime, content: input.evidence! }) : null;
          const id = await repo.insert(trx, {
            employeeId: e.id,
            skpId: plan.p.id,
            resultId: result.id,
            indicatorId: indicator?.id ?? null,
            logDate: day,
            quantity,
            minutes,
            description,
            evidenceFileId: fileId,
            key: input.idempotencyKey,
          });
          if (id === undefined) throw new Replayed();
          await audit.append(
            trx,
            auditFrom(ctx, {
              action: 'skp.log_submitted',
              entityType: 'skp_daily_log',
              entityId: id,
              regionCode: ctx.scope.regionCode,
              details: { skpId: plan.p.id, resultId: result.id, logDate: day, quantity, minutes },
            }),
          );
        });
      } catch (err) {
        if (!(err instanceof Replayed)) throw err;
        const won = await repo.byKey(db, e.id, input.idempotencyKey);
        if (!won) throw conflict('skp.log.err.retry');
        return { log: won, duplicate: true };
      }
      return { log: (await repo.byKey(db, e.id, input.idempotencyKey))!, duplicate: false };
    },

    /** The superior's queue: logs waiting, oldest first, with how long each has waited. */
    async queue(ctx: Ctx) {
      const e = await me(ctx);
      return repo.waitingFor(db, e.id, await headOf(ctx, e.id));
    },

    /**
     * Approves or returns logs in one tap or in bulk: only logs in the reviewer's queue move, each at most once
     * (guarded UPDATE); returns how many moved, and how many had been decided by someone else first.
     */
    async review(ctx: Ctx, ids: readonly number[], decision: 'disetujui' | 'dikembalikan', note = '') {
      const e = await me(ctx);
      const n = note.trim();
      if (decision === 'dikembalikan' && (n.length < 3 || n.length > 500))
        throw fieldError('note', 'skp.log.err.note', { min: 3, max: 500 });
      const heads = await headOf(ctx, e.id);
      const unique = [...new Set(ids)];
      const mayIds = new Set((await repo.waitingFor(db, e.id, heads, unique)).map((l) => l.id));
      const wanted = unique.filter((id) => mayIds.has(id));
      if (!wanted.length && ids.length) {
        // Nothing of theirs waits: decided already (by them or a colleague above), or not theirs at all — a
        // stranger's log answers as if it did not exist.
        const first = await repo.byId(db, ids[0]!);
        const theirs =
          first &&
          first.employee_id !== e.id &&
          (first.appraiser_id === e.id ||
            heads.some((h) => first.unit_path === h || first.unit_path.startsWith(h + '/')));
        if (!theirs) throw notFound();
        throw conflict('skp.review.err.already');
      }
      const moved = await db.transaction().execute(async (trx) => {
        const done = await repo.review(trx, wanted, {
          status: decision,
          reviewerId: e.id,
          note: decision === 'dikembalikan' ? n : null,
          now: clock.now(),
        });
        if (done.length)
          await audit.append(
            trx,
            auditFrom(ctx, {
              action: decision === 'disetujui' ? 'skp.logs_approved' : 'skp.logs_returned',
              entityType: 'skp_daily_log',
              entityId: done.length === 1 ? done[0]! : null,
              regionCode: ctx.scope.regionCode,
              details: { ids: done, ...(n ? { note: n } : {}) },
            }),
          );
        return done;
      });
      return { moved: moved.length, already: ids.length - moved.length };
    },

    /** Realisation of an SKP's indicators in a month: approved quantity against the month's plan. */
    async realisation(ctx: Ctx, skpId: number, year: number, month: number) {
      const indicators = await plans.indicators(
        db,
        (await plans.results(db, [skpId])).map((r) => r.id),
      );
      const { from, to } = monthRange(year, month);
      const [monthly, done] = await Promise.all([
        repo.monthlyPlans(
          db,
          indicators.map((i) => i.id),
          month,
        ),
        repo.approvedPerIndicator(db, skpId, from, to),
      ]);
      return indicators.map((i) => {
        const target = Number(monthly.find((m) => m.indicator_id === i.id)?.target ?? 0);
        const achieved = done.find((x) => x.indicatorId === i.id)?.qty ?? 0;
        return { indicator: i, target, achieved, percent: realisationPercent(achieved, target) };
      });
    },

    /** A log's evidence, for the employee and whoever may review it. */
    async evidence(ctx: Ctx, id: number) {
      const e = await me(ctx);
      const log = await repo.byId(db, id);
      if (!log || !log.evidence_file_id) throw notFound();
      if (log.employee_id !== e.id) {
        const heads = await headOf(ctx, e.id);
        const may =
          log.appraiser_id === e.id || heads.some((h) => log.unit_path === h || log.unit_path.startsWith(h + '/'));
        if (!may) throw notFound();
      }
      const f = await files.get(db, log.evidence_file_id);
      if (!f) throw notFound();
      return f;
    },
  };
}
export type SkpLogsService = ReturnType<typeof createSkpLogsService>;
