// Use cases of hourly permits (izin terlambat datang, meninggalkan kantor,
// pulang cepat): asked by the civil servant (idempotent by key, within the
// city's limits), decided once by the direct superior — the same superior an
// absence request goes to (employees' supervisorOf) — or by the city's admin;
// cancelled by the asker while pending. An approval recomputes the day if it
// was already closed, keeping the old value in the history (`permit:<id>`).
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { conflict, fieldError, notFound } from '../../lib/errors.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import { pathAndAncestors, supervisorOf } from '../employees/index.js';
import { actingQueues } from './acting.js';
import { cityOfScope, type EmployeesService } from '../employees/service.js';
import { addDays, localDateOf, localInstant } from '../work-schedule/index.js';
import type { PermitsRepo } from './permits-repo.js';
import {
  permitLimitProblem,
  type ApprovedPermit,
  type PermitKind,
  type PermitLimits,
  type PermitStatus,
} from './permits-rules.js';
import type { DayStatus } from './rules.js';

export interface PermitInput {
  idempotencyKey: string;
  permitKind: PermitKind;
  permitDate: string;
  startTime: string;
  endTime: string;
  reason: string;
}

interface Person {
  id: number;
  unit_path: string;
  schedule_id: number | null;
  shift_offset: number;
}

/** A stored permit's window as instants in the city's zone. */
export function permitWindow(
  r: { id: number; kind: PermitKind; date: string; start_time: string; end_time: string },
  offsetMinutes: number,
): ApprovedPermit {
  return {
    id: r.id,
    kind: r.kind,
    from: localInstant(r.date, r.start_time, offsetMinutes),
    to: localInstant(r.date, r.end_time, offsetMinutes),
  };
}

export interface PermitDeps {
  db: Db;
  clock: Clock;
  audit: AuditRepo;
  employees: EmployeesService;
  offsetMinutes: number;
  limits: PermitLimits;
  repo: PermitsRepo;
  meOrFail: (ctx: Ctx) => Promise<NonNullable<Awaited<ReturnType<EmployeesService['me']>>>>;
  computeDays: (
    ctx: Ctx,
    people: readonly Person[],
    from: string,
    to: string,
    opts: { extraPermit?: ApprovedPermit & { employee_id: number } },
  ) => Promise<{ days: Map<number, DayStatus[]> }>;
  storeDays: (trx: Db, employeeId: number, days: DayStatus[], reason: string, onlyExisting: boolean) => Promise<number>;
}

const monthOf = (date: string) => {
  const from = `${date.slice(0, 7)}-01`;
  return { from, to: addDays(addDays(from, 31).slice(0, 7) + '-01', -1) };
};

export function createPermitUseCases(d: PermitDeps) {
  const { db, clock, repo } = d;
  const off = d.offsetMinutes;
  // Queues follow a Plh./Plt. during the window (acting.ts).
  const acting = actingQueues(d.employees);

  return {
    /** The city's limits, for the form's hints. */
    permitLimits: () => d.limits,

    async requestPermit(ctx: Ctx, input: PermitInput) {
      const me = await d.meOrFail(ctx);
      const existing = await repo.permitByKey(db, me.id, input.idempotencyKey);
      if (existing) return { id: existing.id, duplicate: true };
      const month = monthOf(input.permitDate);
      const problem = permitLimitProblem({
        date: input.permitDate,
        startTime: input.startTime,
        endTime: input.endTime,
        today: localDateOf(clock.now(), off),
        sameMonth: await repo.countHeld(db, me.id, month.from, month.to),
        limits: d.limits,
      });
      if (problem) throw fieldError(problem.field, problem.key as 'permit.err.time', problem.params ?? {});
      const heads = await d.employees.read.headsAlong(db, pathAndAncestors(me.unit_path));
      const approverId = supervisorOf(me, heads);
      const row = await db.transaction().execute(async (trx) => {
        const r = await repo.insertPermit(trx, {
          employeeId: me.id,
          key: input.idempotencyKey,
          kind: input.permitKind,
          date: input.permitDate,
          startTime: input.startTime,
          endTime: input.endTime,
          reason: input.reason.trim(),
          approverId,
        });
        if (r)
          await d.audit.append(
            trx,
            auditFrom(ctx, {
              action: 'permit.requested',
              entityType: 'hourly_permit',
              entityId: r.id,
              regionCode: cityOfScope(ctx),
              details: { kind: input.permitKind, date: input.permitDate, from: input.startTime, to: input.endTime },
            }),
          );
        return r;
      });
      if (!row) return { id: (await repo.permitByKey(db, me.id, input.idempotencyKey))!.id, duplicate: true };
      return { id: row.id, duplicate: false };
    },

    /** 'mine': the caller's own; 'to_decide': pending ones waiting for the caller (a city admin: the city's pending); 'unit': all the caller oversees. */
    async permits(ctx: Ctx, which: 'mine' | 'to_decide' | 'unit') {
      const me = await d.employees.me(ctx);
      if (which === 'mine') return me ? repo.permits(db, ctx.scope, { employeeId: me.id }) : [];
      if (which === 'to_decide') {
        if (ctx.scope.role === 'admin_kota') return repo.permits(db, ctx.scope, { status: 'diajukan' });
        const st = await acting.standing(ctx, me?.id);
        return acting.each(st.ids, (approverId) => repo.permits(db, ctx.scope, { approverId, status: 'diajukan' }));
      }
      return repo.permits(db, ctx.scope, {});
    },

    /** The caller's approved permits of a month, for their own pages. */
    myPermitsBetween: async (ctx: Ctx, from: string, to: string) => {
      const me = await d.employees.me(ctx);
      return me ? repo.permits(db, ctx.scope, { employeeId: me.id, from, to }) : [];
    },

    /** The approver (or a city admin) decides once; a refusal needs a reason; an approval recomputes a closed day. */
    async decidePermit(ctx: Ctx, id: number, decision: 'disetujui' | 'ditolak', note: string | null) {
      const p = await repo.permitForDecision(db, id);
      const me = await d.employees.me(ctx);
      const answer = (await acting.standing(ctx, me?.id)).for(p?.approver_id);
      const isApprover = !!answer;
      const isAdmin = ctx.scope.role === 'admin_kota' && !!p && p.unit_path.startsWith(cityOfScope(ctx) + '/');
      if (!p || !(isApprover || isAdmin) || p.user_id === ctx.scope.userId) throw notFound();
      if (decision === 'ditolak' && !note) throw fieldError('note', 'permit.err.refusal_reason');
      acting.refuseIfRestricted(answer, 'permit.decide', p.kind);
      if (p.status !== 'diajukan') throw conflict('presensi.err.already_decided');
      const person: Person = {
        id: p.employee_id,
        unit_path: p.unit_path,
        schedule_id: p.schedule_id,
        shift_offset: p.shift_offset,
      };
      // The days as they will be once approved (the permit's date and, for a night shift, the day before).
      const after =
        decision === 'disetujui'
          ? (
              await d.computeDays(ctx, [person], addDays(p.date, -1), p.date, {
                extraPermit: { employee_id: p.employee_id, ...permitWindow(p, off) },
              })
            ).days.get(p.employee_id)!
          : [];
      return db.transaction().execute(async (trx) => {
        const r = await repo.decidePermit(trx, id, decision, ctx.scope.userId, note, clock.now());
        if (!r) throw conflict('presensi.err.already_decided');
        await acting.record(trx, answer, { entityType: 'hourly_permit', entityId: id, step: 'decide' });
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: `permit.${decision}`,
            entityType: 'hourly_permit',
            entityId: id,
            regionCode: cityOfScope(ctx),
            ...(note ? { details: { note } } : {}),
          }),
        );
        const recomputedDays = await d.storeDays(trx, p.employee_id, after, `permit:${id}`, true);
        return { id, status: decision as PermitStatus, recomputedDays };
      });
    },

    async cancelPermit(ctx: Ctx, id: number) {
      const p = await repo.permitForDecision(db, id);
      if (!p || p.user_id !== ctx.scope.userId) throw notFound();
      const r = await db.transaction().execute(async (trx) => {
        const r = await repo.decidePermit(trx, id, 'dibatalkan', ctx.scope.userId, null, clock.now());
        if (r)
          await d.audit.append(
            trx,
            auditFrom(ctx, {
              action: 'permit.cancelled',
              entityType: 'hourly_permit',
              entityId: id,
              regionCode: cityOfScope(ctx),
            }),
          );
        return r;
      });
      if (!r) throw conflict('presensi.err.already_decided');
    },
  };
}
