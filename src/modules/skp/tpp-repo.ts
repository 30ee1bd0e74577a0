// SQL for TPP inputs (migration 0036). Types here, handed to withTables.
import { sql, type ColumnType } from 'kysely';
import type { Db } from '../../db/database.js';
import type { SkpTables } from './repo.js';
import type { Predikat } from './rules.js';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;

export type SkpTppTables = SkpTables & {
  skp_tpp_classes: { employee_id: number; kelas: number; set_by: number; set_at: Ts };
  skp_tpp_months: {
    employee_id: number;
    month: string;
    unit_id: number;
    kelas: number | null;
    basic: ColumnType<string, number, number>;
    predikat: Predikat | null;
    cut_percent: ColumnType<string, number, number>;
    working_days: number;
    stopped_days: number;
    amount: ColumnType<string, number, number>;
    inputs: ColumnType<unknown, string, string>;
    locked_by: number;
    locked_at: Ts;
  };
  skp_tpp_exports: {
    id: ColumnType<number, never, never>;
    unit_id: number;
    month: string;
    format: 'csv' | 'xlsx';
    sha256: string;
    rows: number;
    created_by: number;
    created_at: Ts;
  };
};

const x = (db: Db) => db.withTables<SkpTppTables>();

export interface LockedRow {
  employee_id: number;
  kelas: number | null;
  basic: string;
  predikat: Predikat | null;
  cut_percent: string;
  working_days: number;
  stopped_days: number;
  amount: string;
  inputs: unknown;
  locked_at: Date;
}

export function createSkpTppRepo() {
  return {
    classes: async (db: Db, employeeIds: readonly number[]) =>
      employeeIds.length === 0
        ? new Map<number, number>()
        : new Map(
            (
              await x(db)
                .selectFrom('skp_tpp_classes')
                .select(['employee_id', 'kelas'])
                .where('employee_id', 'in', employeeIds)
                .execute()
            ).map((r) => [r.employee_id, r.kelas]),
          ),

    setClass: (trx: Db, employeeId: number, kelas: number, by: number, now: Date) =>
      x(trx)
        .insertInto('skp_tpp_classes')
        .values({ employee_id: employeeId, kelas, set_by: by, set_at: now })
        .onConflict((oc) => oc.column('employee_id').doUpdateSet({ kelas, set_by: by, set_at: now }))
        .execute(),

    /** The month's predikat per employee: the evaluation of that month on their live SKP of the year. */
    monthPredikat: async (db: Db, employeeIds: readonly number[], month: string) =>
      employeeIds.length === 0
        ? new Map<number, Predikat>()
        : new Map(
            (
              await sql<{ employee_id: number; predikat: Predikat }>`
                select p.employee_id, v.predikat from skp_evaluations v join skp_plans p on p.id = v.skp_id
                 where p.status <> 'diganti' and v.period = ${month} and p.year = ${Number(month.slice(0, 4))}
                   and p.employee_id in (${sql.join(employeeIds)})`.execute(db)
            ).rows.map((r) => [r.employee_id, r.predikat]),
          ),

    locked: (db: Db, employeeIds: readonly number[], month: string): Promise<LockedRow[]> =>
      employeeIds.length === 0
        ? Promise.resolve([])
        : x(db)
            .selectFrom('skp_tpp_months')
            .select([
              'employee_id',
              'kelas',
              'basic',
              'predikat',
              'cut_percent',
              'working_days',
              'stopped_days',
              'amount',
              'inputs',
              'locked_at',
            ])
            .where('employee_id', 'in', employeeIds)
            .where('month', '=', month)
            .execute(),

    /** Locks rows; a row already locked stays as it was (the first close wins). Returns how many were written. */
    lock: async (
      trx: Db,
      rows: readonly {
        employeeId: number;
        month: string;
        unitId: number;
        kelas: number | null;
        basic: number;
        predikat: Predikat | null;
        cutPercent: number;
        workingDays: number;
        stoppedDays: number;
        amount: number;
        inputs: unknown;
        by: number;
      }[],
    ) =>
      rows.length === 0
        ? 0
        : (
            await x(trx)
              .insertInto('skp_tpp_months')
              .values(
                rows.map((r) => ({
                  employee_id: r.employeeId,
                  month: r.month,
                  unit_id: r.unitId,
                  kelas: r.kelas,
                  basic: r.basic,
                  predikat: r.predikat,
                  cut_percent: r.cutPercent,
                  working_days: r.workingDays,
                  stopped_days: r.stoppedDays,
                  amount: r.amount,
                  inputs: JSON.stringify(r.inputs),
                  locked_by: r.by,
                })),
              )
              .onConflict((oc) => oc.columns(['employee_id', 'month']).doNothing())
              .returning('employee_id')
              .execute()
          ).length,

    recordExport: (
      trx: Db,
      e: { unitId: number; month: string; format: 'csv' | 'xlsx'; sha256: string; rows: number; by: number },
    ) =>
      x(trx)
        .insertInto('skp_tpp_exports')
        .values({
          unit_id: e.unitId,
          month: e.month,
          format: e.format,
          sha256: e.sha256,
          rows: e.rows,
          created_by: e.by,
        })
        .execute(),
  };
}
export type SkpTppRepo = ReturnType<typeof createSkpTppRepo>;
