// SQL for monthly plans and daily logs (migration 0034). Types here, handed to withTables with the SKP tables.
import { sql, type ColumnType, type Generated } from 'kysely';
import type { Db } from '../../db/database.js';
import { prepared } from '../../db/prepared.js';
import type { SkpTables } from './repo.js';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;
export type LogStatus = 'diajukan' | 'disetujui' | 'dikembalikan';

export type SkpLogTables = SkpTables & {
  skp_monthly_plans: {
    id: Generated<number>;
    indicator_id: number;
    month: number;
    target: ColumnType<string, string | number, string | number>;
    action: ColumnType<string, string | undefined, string>;
    updated_at: Ts;
  };
  skp_daily_logs: {
    id: Generated<number>;
    employee_id: number;
    skp_id: number;
    result_id: number;
    indicator_id: number | null;
    /** 'YYYY-MM-DD', read through ::text. */
    log_date: ColumnType<string, string, string>;
    quantity: ColumnType<string, string | number, string | number>;
    minutes: number;
    description: string;
    evidence_file_id: number | null;
    idempotency_key: string;
    status: ColumnType<LogStatus, LogStatus | undefined, LogStatus>;
    reviewer_id: number | null;
    reviewed_at: Date | null;
    return_note: string | null;
    created_at: Ts;
  };
};

const x = (db: Db) => db.withTables<SkpLogTables>();

export interface LogRow {
  id: number;
  employee_id: number;
  employee_name: string;
  skp_id: number;
  result_text: string;
  indicator_text: string | null;
  unit_label: string | null;
  log_date: string;
  quantity: string;
  minutes: number;
  description: string;
  evidence_file_id: number | null;
  status: LogStatus;
  return_note: string | null;
  created_at: Date;
  unit_path: string;
  appraiser_id: number | null;
}

export function createSkpLogsRepo() {
  const logs = (db: Db) =>
    x(db)
      .selectFrom('skp_daily_logs as l')
      .innerJoin('skp_plans as p', 'p.id', 'l.skp_id')
      .innerJoin('skp_results as r', 'r.id', 'l.result_id')
      .leftJoin('skp_indicators as i', 'i.id', 'l.indicator_id')
      .innerJoin('employees as e', 'e.id', 'l.employee_id')
      .innerJoin('users as u', 'u.id', 'e.user_id')
      .select([
        'l.id',
        'l.employee_id',
        'u.full_name as employee_name',
        'l.skp_id',
        'r.text as result_text',
        'i.text as indicator_text',
        'i.unit_label',
        sql<string>`l.log_date::text`.as('log_date'),
        'l.quantity',
        'l.minutes',
        'l.description',
        'l.evidence_file_id',
        'l.status',
        'l.return_note',
        'l.created_at',
        'p.unit_path',
        'p.appraiser_id',
      ]);

  return {
    // The month-end peak sends every log through these two (bench/skp-peak.ts): named prepared statements, so the
    // six-table join is planned once per connection, not on every call.
    byKey: (db: Db, employeeId: number, key: string): Promise<LogRow | undefined> =>
      logs(db)
        .modifyFront(prepared('skp_log_by_key'))
        .where('l.employee_id', '=', employeeId)
        .where('l.idempotency_key', '=', key)
        .executeTakeFirst(),

    /** Whether the employee's key is stored already (the replay check, on the table alone). */
    hasKey: async (db: Db, employeeId: number, key: string): Promise<boolean> =>
      !!(await x(db)
        .selectFrom('skp_daily_logs')
        .modifyFront(prepared('skp_log_has_key'))
        .select('id')
        .where('employee_id', '=', employeeId)
        .where('idempotency_key', '=', key)
        .executeTakeFirst()),

    byId: (db: Db, id: number): Promise<LogRow | undefined> => logs(db).where('l.id', '=', id).executeTakeFirst(),

    mine: (db: Db, employeeId: number, from: string, to: string): Promise<LogRow[]> =>
      logs(db)
        .where('l.employee_id', '=', employeeId)
        .where('l.log_date', '>=', from)
        .where('l.log_date', '<=', to)
        .orderBy('l.log_date', 'desc')
        .orderBy('l.id', 'desc')
        .execute(),

    /** Logs waiting for a reviewer: of SKP they appraise, or below the units they head; never their own. */
    waitingFor: (
      db: Db,
      reviewerId: number,
      headOf: readonly string[],
      /** Only these logs (the review's check), instead of the whole queue. */
      among?: readonly number[],
    ): Promise<LogRow[]> =>
      logs(db)
        .$if(!!among, (q) => q.where('l.id', 'in', among!.length ? among! : [0]))
        .where('l.status', '=', 'diajukan')
        .where('l.employee_id', '<>', reviewerId)
        .where((eb) =>
          eb.or([
            eb('p.appraiser_id', '=', reviewerId),
            ...headOf.flatMap((h) => [eb('p.unit_path', '=', h), eb('p.unit_path', 'like', `${h}/%`)]),
          ]),
        )
        .orderBy('l.created_at')
        .limit(500)
        .execute(),

    /** Inserts a log; a replay of the same key writes nothing and answers undefined. */
    insert: async (
      trx: Db,
      v: {
        employeeId: number;
        skpId: number;
        resultId: number;
        indicatorId: number | null;
        logDate: string;
        quantity: number;
        minutes: number;
        description: string;
        evidenceFileId: number | null;
        key: string;
      },
    ) =>
      (
        await x(trx)
          .insertInto('skp_daily_logs')
          .values({
            employee_id: v.employeeId,
            skp_id: v.skpId,
            result_id: v.resultId,
            indicator_id: v.indicatorId,
            log_date: v.logDate,
            quantity: v.quantity,
            minutes: v.minutes,
            description: v.description,
            evidence_file_id: v.evidenceFileId,
            idempotency_key: v.key,
          })
          .onConflict((oc) => oc.columns(['employee_id', 'idempotency_key']).doNothing())
          .returning('id')
          .executeTakeFirst()
      )?.id,

    /** Approves or returns logs still waiting; only those named and still 'diajukan' move. Returns the moved ids. */
    review: async (
      trx: Db,
      ids: readonly number[],
      v: { status: 'disetujui' | 'dikembalikan'; reviewerId: number; note: string | null; now: Date },
    ) =>
      ids.length === 0
        ? []
        : (
            await x(trx)
              .updateTable('skp_daily_logs')
              .set({ status: v.status, reviewer_id: v.reviewerId, reviewed_at: v.now, return_note: v.note })
              .where('id', 'in', ids)
              .where('status', '=', 'diajukan')
              .returning('id')
              .execute()
          ).map((r) => r.id),

    /** One row per indicator and month, from the proposals; existing rows are kept (a replay changes nothing). */
    insertMonthlyPlans: (trx: Db, rows: readonly { indicatorId: number; month: number; target: number }[]) =>
      rows.length === 0
        ? Promise.resolve()
        : x(trx)
            .insertInto('skp_monthly_plans')
            .values(rows.map((r) => ({ indicator_id: r.indicatorId, month: r.month, target: r.target })))
            .onConflict((oc) => oc.columns(['indicator_id', 'month']).doNothing())
            .execute()
            .then(() => undefined),

    monthlyPlans: (db: Db, indicatorIds: readonly number[], month: number) =>
      indicatorIds.length === 0
        ? Promise.resolve([])
        : x(db)
            .selectFrom('skp_monthly_plans')
            .select(['indicator_id', 'target', 'action'])
            .where('indicator_id', 'in', indicatorIds)
            .where('month', '=', month)
            .execute(),

    /** Approved quantity per indicator within [from, to]. */
    approvedPerIndicator: async (db: Db, skpId: number, from: string, to: string) =>
      (
        await x(db)
          .selectFrom('skp_daily_logs')
          .select(['indicator_id', sql<string>`sum(quantity)`.as('qty'), sql<number>`count(*)::int`.as('n')])
          .where('skp_id', '=', skpId)
          .where('status', '=', 'disetujui')
          .where('log_date', '>=', from)
          .where('log_date', '<=', to)
          .groupBy('indicator_id')
          .execute()
      ).map((r) => ({ indicatorId: r.indicator_id, qty: Number(r.qty), n: r.n })),
  };
}
export type SkpLogsRepo = ReturnType<typeof createSkpLogsRepo>;
