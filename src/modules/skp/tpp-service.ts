// TPP inputs per employee per month (issue 16, item 6): the figure is computed from the month's predikat (SKP
// evaluation of that month), the E-Presensi cuts and working days (attendance's recap), the job class's basic
// amount and the absence kinds that stop TPP (the city's data file), by the pure formula of tpp-rules.ts. At month
// close the city admin locks the rows — every input kept with the figure — and only locked rows are exported for the
// finance office, each export recorded with the SHA-256 of its bytes. An employee sees how their figure was made.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import { toCsv, toXlsx, type Sheet } from '../../kernel/export.js';
import type { Clock } from '../../lib/clock.js';
import { conflict, fieldError, forbidden, notFound } from '../../lib/errors.js';
import type { EmployeesService } from '../employees/service.js';
import type { Predikat } from './rules.js';
import { computeTpp, type TppData } from './tpp-rules.js';
import { createSkpTppRepo, type SkpTppRepo } from './tpp-repo.js';

/** What the skp module needs of E-Presensi: the month's recap of a unit (attendance service `recap`). */
export interface AttendanceRecap {
  recap(
    ctx: Ctx,
    unitId: number,
    month: string,
  ): Promise<{
    unit: { id: number; name: string; path: string };
    rows: {
      employee: { id: number; full_name: string; nip: string | null; position: string };
      summary: { workDays: number; cutPercent: number; absences: Partial<Record<string, number>> };
    }[];
  }>;
  /** The caller's own month (employeeId null): their summary. */
  month(
    ctx: Ctx,
    employeeId: null,
    month: string,
  ): Promise<{ summary: { workDays: number; cutPercent: number; absences: Partial<Record<string, number>> } }>;
}

export interface SkpTppDeps {
  db: Db;
  clock: Clock;
  audit: AuditRepo;
  employees: EmployeesService;
  attendance: () => AttendanceRecap;
  data: TppData;
  repo?: SkpTppRepo;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface TppRow {
  employeeId: number;
  name: string;
  nip: string | null;
  position: string;
  kelas: number | null;
  basic: number;
  predikat: Predikat | null;
  cutPercent: number;
  workingDays: number;
  stoppedDays: number;
  amount: number;
  performancePart: number;
  disciplinePart: number;
  locked: boolean;
}

export function createSkpTppService(d: SkpTppDeps) {
  const { db, clock, audit, data } = d;
  const repo = d.repo ?? createSkpTppRepo();

  async function isAdmin(ctx: Ctx) {
    return ctx.scope.role === 'admin_kota';
  }

  /** The unit's rows for a month: locked rows as locked, the others computed now. Heads of the unit and the admin. */
  async function rows(
    ctx: Ctx,
    unitId: number,
    month: string,
  ): Promise<{ unit: { id: number; name: string }; rows: TppRow[] }> {
    if (!MONTH.test(month)) throw fieldError('month', 'skp.tpp.err.month');
    if (!(await isAdmin(ctx))) {
      const me = await d.employees.me(ctx);
      const units = await d.employees.units(ctx);
      const unit = units.find((u) => u.id === unitId);
      const heads = units.filter((u) => u.head_employee_id === me?.id).map((u) => u.path);
      if (!me || !unit || !heads.some((h) => unit.path === h || unit.path.startsWith(h + '/'))) throw notFound();
    }
    const recap = await d.attendance().recap(ctx, unitId, month);
    const ids = recap.rows.map((r) => r.employee.id);
    const [classes, predikat, locked] = await Promise.all([
      repo.classes(db, ids),
      repo.monthPredikat(db, ids, month),
      repo.locked(db, ids, month),
    ]);
    const lockedOf = new Map(locked.map((l) => [l.employee_id, l]));
    return {
      unit: recap.unit,
      rows: recap.rows.map(({ employee: e, summary: s }) => {
        const l = lockedOf.get(e.id);
        if (l) {
          const inputs = l.inputs as { performancePart?: number; disciplinePart?: number };
          return {
            employeeId: e.id,
            name: e.full_name,
            nip: e.nip,
            position: e.position,
            kelas: l.kelas,
            basic: Number(l.basic),
            predikat: l.predikat,
            cutPercent: Number(l.cut_percent),
            workingDays: l.working_days,
            stoppedDays: l.stopped_days,
            amount: Number(l.amount),
            performancePart: inputs.performancePart ?? 0,
            disciplinePart: inputs.disciplinePart ?? 0,
            locked: true,
          };
        }
        const kelas = classes.get(e.id) ?? null;
        const basic = kelas ? (data.basicPerClass.get(kelas) ?? 0) : 0;
        const stoppedDays = data.stopAbsences.reduce((n, k) => n + (s.absences[k] ?? 0), 0);
        const p = predikat.get(e.id) ?? null;
        const r = computeTpp(
          { basic, predikat: p, disciplineCutPercent: s.cutPercent, workingDays: s.workDays, stoppedDays },
          data.scheme,
        );
        return {
          employeeId: e.id,
          name: e.full_name,
          nip: e.nip,
          position: e.position,
          kelas,
          basic,
          predikat: p,
          cutPercent: s.cutPercent,
          workingDays: s.workDays,
          stoppedDays,
          amount: r.amount,
          performancePart: r.performancePart,
          disciplinePart: r.disciplinePart,
          locked: false,
        };
      }),
    };
  }

  return {
    data,
    rows,

    /** Month close: every row of the unit written with its inputs; a row locked already is kept as it was. */
    async lock(ctx: Ctx, unitId: number, month: string) {
      if (!(await isAdmin(ctx))) throw forbidden();
      const r = await rows(ctx, unitId, month);
      const open = r.rows.filter((x) => !x.locked);
      const written = await db.transaction().execute(async (trx) => {
        const n = await repo.lock(
          trx,
          open.map((x) => ({
            employeeId: x.employeeId,
            month,
            unitId,
            kelas: x.kelas,
            basic: x.basic,
            predikat: x.predikat,
            cutPercent: x.cutPercent,
            workingDays: x.workingDays,
            stoppedDays: x.stoppedDays,
            amount: x.amount,
            inputs: {
              scheme: data.scheme,
              stopAbsences: data.stopAbsences,
              performancePart: x.performancePart,
              disciplinePart: x.disciplinePart,
            },
            by: ctx.scope.userId,
          })),
        );
        await audit.append(
          trx,
          auditFrom(ctx, {
            action: 'skp.tpp_locked',
            entityType: 'org_unit',
            entityId: unitId,
            regionCode: ctx.scope.regionCode,
            details: { month, rows: n },
          }),
        );
        return n;
      });
      return { written, already: r.rows.length - open.length };
    },

    /** The finance office's file: locked rows only, the SHA-256 of the bytes recorded and returned. */
    async export(ctx: Ctx, unitId: number, month: string, format: 'csv' | 'xlsx', sheetText: (r: TppRow[]) => Sheet) {
      if (!(await isAdmin(ctx))) throw forbidden();
      const r = await rows(ctx, unitId, month);
      if (!r.rows.length || r.rows.some((x) => !x.locked)) throw conflict('skp.tpp.err.not_locked');
      const sheet = sheetText(r.rows);
      const body = format === 'csv' ? Buffer.from('\ufeff' + toCsv(sheet), 'utf8') : await toXlsx(sheet);
      const sha256 = createHash('sha256').update(body).digest('hex');
      await db.transaction().execute(async (trx) => {
        await repo.recordExport(trx, { unitId, month, format, sha256, rows: r.rows.length, by: ctx.scope.userId });
        await audit.append(
          trx,
          auditFrom(ctx, {
            action: 'skp.tpp_exported',
            entityType: 'org_unit',
            entityId: unitId,
            regionCode: ctx.scope.regionCode,
            details: { month, format, sha256 },
          }),
        );
      });
      return { body, sha256, unit: r.unit };
    },

    /** The employee's own figure for a month and how it was made (their unit's recap, their row only). */
    async mine(ctx: Ctx, month: string) {
      const me = await d.employees.me(ctx);
      if (!me) throw forbidden();
      if (!MONTH.test(month)) throw fieldError('month', 'skp.tpp.err.month');
      const { summary: s } = await d.attendance().month(ctx, null, month);
      const [classes, predikat, locked] = await Promise.all([
        repo.classes(db, [me.id]),
        repo.monthPredikat(db, [me.id], month),
        repo.locked(db, [me.id], month),
      ]);
      const kelas = locked[0]?.kelas ?? classes.get(me.id) ?? null;
      const basic = locked[0] ? Number(locked[0].basic) : kelas ? (data.basicPerClass.get(kelas) ?? 0) : 0;
      const p = locked[0] ? locked[0].predikat : (predikat.get(me.id) ?? null);
      const cut = locked[0] ? Number(locked[0].cut_percent) : s.cutPercent;
      const workingDays = locked[0]?.working_days ?? s.workDays;
      const stoppedDays = locked[0]?.stopped_days ?? data.stopAbsences.reduce((n, k) => n + (s.absences[k] ?? 0), 0);
      const r = computeTpp({ basic, predikat: p, disciplineCutPercent: cut, workingDays, stoppedDays }, data.scheme);
      return {
        kelas,
        basic,
        predikat: p,
        cutPercent: cut,
        workingDays,
        stoppedDays,
        result: locked[0] ? { ...r, amount: Number(locked[0].amount) } : r,
        locked: !!locked[0],
        scheme: data.scheme,
      };
    },

    async setClass(ctx: Ctx, employeeId: number, kelas: number) {
      if (!(await isAdmin(ctx))) throw forbidden();
      if (!Number.isInteger(kelas) || kelas < 1 || kelas > 17) throw fieldError('kelas', 'skp.tpp.err.kelas');
      const e = await d.employees.employee(ctx, employeeId);
      await db.transaction().execute(async (trx) => {
        await repo.setClass(trx, e.id, kelas, ctx.scope.userId, clock.now());
        await audit.append(
          trx,
          auditFrom(ctx, {
            action: 'skp.tpp_class_set',
            entityType: 'employee',
            entityId: e.id,
            regionCode: ctx.scope.regionCode,
            details: { kelas },
          }),
        );
      });
    },
  };
}
export type SkpTppService = ReturnType<typeof createSkpTppService>;
