// Continuous feedback and behaviour notes (issue 16, item 4): whoever may approve an employee's daily logs (the
// appraiser of their SKP, a head of their unit or above — policy.ts canAgreeSkp) writes feedback to them, optionally
// about one log (from the approval queue) and optionally as a note on one BerAKHLAK behaviour, positive or needing
// improvement. The employee reads it on their SKP and daily-log pages and marks it read; the appraiser sees the
// period's behaviour notes again next to the behaviour ratings when evaluating. Every write is audited.
import type { Db } from '../../db/database.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import type { Clock } from '../../lib/clock.js';
import { conflict, forbidden, invalid, notFound, type FieldError } from '../../lib/errors.js';
import type { EmployeesService } from '../employees/service.js';
import { localInstant } from '../work-schedule/index.js';
import { createSkpFeedbackRepo, FEEDBACK_TONES, type FeedbackTone, type SkpFeedbackRepo } from './feedback-repo.js';
import { createSkpLogsRepo } from './logs-repo.js';
import { BERAKHLAK, canAgreeSkp } from './policy.js';
import type { PlanRow } from './repo.js';
import type { SkpService } from './service.js';

export interface SkpFeedbackDeps {
  db: Db;
  clock: Clock;
  audit: AuditRepo;
  skp: SkpService;
  employees: EmployeesService;
  offsetMinutes: number;
  repo?: SkpFeedbackRepo;
}

export interface FeedbackInput {
  message: string;
  logId?: string | undefined;
  behaviour?: string | undefined;
  tone?: string | undefined;
}

const PERIOD = /^(\d{4})(?:-(0[1-9]|1[0-2]))?$/;
const access = (p: PlanRow) => ({ employeeId: p.employee_id, appraiserId: p.appraiser_id, unitPath: p.unit_path });

/** A period ('2026' or '2026-03') as the instants [from, to) of the city's days. */
export function periodInstants(period: string, offsetMinutes: number): { from: Date; to: Date } | null {
  const m = PERIOD.exec(period);
  if (!m) return null;
  const y = Number(m[1]);
  const mm = m[2] ? Number(m[2]) : null;
  const day = (yy: number, mo: number) => `${yy}-${String(mo).padStart(2, '0')}-01`;
  const from = day(y, mm ?? 1);
  const to = mm === null ? day(y + 1, 1) : mm === 12 ? day(y + 1, 1) : day(y, mm + 1);
  return { from: localInstant(from, '00:00', offsetMinutes), to: localInstant(to, '00:00', offsetMinutes) };
}

export function createSkpFeedbackService(d: SkpFeedbackDeps) {
  const { db, clock, audit } = d;
  const repo = d.repo ?? createSkpFeedbackRepo();
  const logs = createSkpLogsRepo();
  const yearRange = (year: number) => periodInstants(String(year), d.offsetMinutes)!;

  return {
    /** The feedback of the SKP's owner in the SKP's year, for whoever may see the SKP; what the viewer may do. */
    async ofPlan(ctx: Ctx, skpId: number) {
      const { p, v } = await d.skp.visiblePlan(ctx, skpId);
      const { from, to } = yearRange(p.year);
      const items = await repo.ofEmployee(db, p.employee_id, from, to);
      return {
        p,
        items,
        mayGive: p.status !== 'diganti' && canAgreeSkp(v, access(p)),
        isOwner: v.employeeId === p.employee_id,
      };
    },

    /** The caller's own feedback of a year (their daily-log page), with the number still unread. */
    async mine(ctx: Ctx, year: number) {
      const me = await d.employees.me(ctx);
      if (!me) throw forbidden();
      const { from, to } = yearRange(year);
      const [items, unread] = await Promise.all([
        repo.ofEmployee(db, me.id, from, to, 50),
        repo.unreadCount(db, me.id),
      ]);
      return { items, unread };
    },

    /** Behaviour notes of a period (the evaluation page), for whoever may see the SKP. */
    async notesOfPeriod(ctx: Ctx, skpId: number, period: string) {
      const { p } = await d.skp.visiblePlan(ctx, skpId);
      const range = periodInstants(period, d.offsetMinutes);
      if (!range) return [];
      return (await repo.ofEmployee(db, p.employee_id, range.from, range.to, 500)).filter((f) => f.behaviour);
    },

    async give(ctx: Ctx, skpId: number, input: FeedbackInput) {
      const { p, v } = await d.skp.visiblePlan(ctx, skpId);
      if (!canAgreeSkp(v, access(p))) throw forbidden();
      if (p.status === 'diganti') throw conflict('skp.fb.err.replaced');
      const errors: FieldError[] = [];
      const message = input.message.trim();
      if (message.length < 3 || message.length > 2000)
        errors.push({ field: 'message', key: 'skp.fb.err.message', params: { min: 3, max: 2000 } });
      const behaviour = (input.behaviour ?? '').trim();
      const tone = (input.tone ?? '').trim();
      if (behaviour && !(BERAKHLAK as readonly string[]).includes(behaviour))
        errors.push({ field: 'behaviour', key: 'skp.fb.err.behaviour' });
      if (tone && !(FEEDBACK_TONES as readonly string[]).includes(tone))
        errors.push({ field: 'tone', key: 'skp.fb.err.tone' });
      else if (behaviour && !tone) errors.push({ field: 'tone', key: 'skp.fb.err.tone' });
      else if (tone && !behaviour) errors.push({ field: 'behaviour', key: 'skp.fb.err.behaviour_for_tone' });
      let logId: number | null = null;
      const rawLog = (input.logId ?? '').trim();
      if (rawLog) {
        const log = /^\d{1,10}$/.test(rawLog) ? await logs.byId(db, Number(rawLog)) : undefined;
        if (!log || log.employee_id !== p.employee_id) errors.push({ field: 'logId', key: 'skp.fb.err.log' });
        else logId = log.id;
      }
      if (errors.length) throw invalid(errors);
      return db.transaction().execute(async (trx) => {
        const id = await repo.insert(trx, {
          employeeId: p.employee_id,
          skpId: p.id,
          authorId: v.employeeId!,
          logId,
          behaviour: behaviour || null,
          tone: (tone || null) as FeedbackTone | null,
          message,
          now: clock.now(),
        });
        await audit.append(
          trx,
          auditFrom(ctx, {
            action: 'skp.feedback_given',
            entityType: 'skp_feedback',
            entityId: id,
            regionCode: ctx.scope.regionCode,
            details: {
              skpId: p.id,
              employeeId: p.employee_id,
              logId,
              behaviour: behaviour || null,
              tone: tone || null,
            },
          }),
        );
        return id;
      });
    },

    /** The employee marks a feedback read; someone else's answers as if it did not exist. */
    async markRead(ctx: Ctx, id: number) {
      const me = await d.employees.me(ctx);
      if (!me) throw forbidden();
      const row = await repo.byId(db, id);
      if (!row || row.employee_id !== me.id) throw notFound();
      if (row.read_at) return { changed: false, skpId: row.skp_id };
      await db.transaction().execute(async (trx) => {
        if (!(await repo.markRead(trx, id, me.id, clock.now()))) return;
        await audit.append(
          trx,
          auditFrom(ctx, {
            action: 'skp.feedback_read',
            entityType: 'skp_feedback',
            entityId: id,
            regionCode: ctx.scope.regionCode,
            details: { skpId: row.skp_id },
          }),
        );
      });
      return { changed: true, skpId: row.skp_id };
    },
  };
}
export type SkpFeedbackService = ReturnType<typeof createSkpFeedbackService>;
