// SQL for feedback and behaviour notes (migration 0037). Types here, handed to withTables with the log tables.
import { type ColumnType, type Generated } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { SkpLogTables } from './logs-repo.js';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;
export type FeedbackTone = 'positif' | 'perlu_perbaikan';
export const FEEDBACK_TONES: readonly FeedbackTone[] = ['positif', 'perlu_perbaikan'];

export type SkpFeedbackTables = SkpLogTables & {
  skp_feedback: {
    id: Generated<number>;
    employee_id: number;
    skp_id: number;
    author_id: number;
    log_id: number | null;
    behaviour: string | null;
    tone: FeedbackTone | null;
    message: string;
    created_at: Ts;
    read_at: Date | null;
  };
};

const x = (db: Db) => db.withTables<SkpFeedbackTables>();

export interface FeedbackRow {
  id: number;
  employee_id: number;
  skp_id: number;
  author_id: number;
  author_name: string;
  log_id: number | null;
  log_date: string | null;
  log_description: string | null;
  behaviour: string | null;
  tone: FeedbackTone | null;
  message: string;
  created_at: Date;
  read_at: Date | null;
}

export function createSkpFeedbackRepo() {
  const rows = (db: Db) =>
    x(db)
      .selectFrom('skp_feedback as f')
      .innerJoin('employees as ae', 'ae.id', 'f.author_id')
      .innerJoin('users as au', 'au.id', 'ae.user_id')
      .leftJoin('skp_daily_logs as l', 'l.id', 'f.log_id')
      .select([
        'f.id',
        'f.employee_id',
        'f.skp_id',
        'f.author_id',
        'au.full_name as author_name',
        'f.log_id',
        sql<string | null>`l.log_date::text`.as('log_date'),
        'l.description as log_description',
        'f.behaviour',
        'f.tone',
        'f.message',
        'f.created_at',
        'f.read_at',
      ]);

  return {
    byId: (db: Db, id: number): Promise<FeedbackRow | undefined> => rows(db).where('f.id', '=', id).executeTakeFirst(),

    /** An employee's feedback written within [from, to) (instants), newest first; at most `limit`. */
    ofEmployee: (db: Db, employeeId: number, from: Date, to: Date, limit = 200): Promise<FeedbackRow[]> =>
      rows(db)
        .where('f.employee_id', '=', employeeId)
        .where('f.created_at', '>=', from)
        .where('f.created_at', '<', to)
        .orderBy('f.created_at', 'desc')
        .orderBy('f.id', 'desc')
        .limit(limit)
        .execute(),

    insert: async (
      trx: Db,
      v: {
        employeeId: number;
        skpId: number;
        authorId: number;
        logId: number | null;
        behaviour: string | null;
        tone: FeedbackTone | null;
        message: string;
        now: Date;
      },
    ) =>
      (
        await x(trx)
          .insertInto('skp_feedback')
          .values({
            employee_id: v.employeeId,
            skp_id: v.skpId,
            author_id: v.authorId,
            log_id: v.logId,
            behaviour: v.behaviour,
            tone: v.tone,
            message: v.message,
            created_at: v.now,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,

    /** The employee's read mark: only their own, only once (a second tap changes nothing). */
    markRead: async (trx: Db, id: number, employeeId: number, now: Date) => {
      const r = await x(trx)
        .updateTable('skp_feedback')
        .set({ read_at: now })
        .where('id', '=', id)
        .where('employee_id', '=', employeeId)
        .where('read_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    unreadCount: async (db: Db, employeeId: number) =>
      Number(
        (
          await x(db)
            .selectFrom('skp_feedback')
            .select(sql<number>`count(*)::int`.as('n'))
            .where('employee_id', '=', employeeId)
            .where('read_at', 'is', null)
            .executeTakeFirstOrThrow()
        ).n,
      ),
  };
}
export type SkpFeedbackRepo = ReturnType<typeof createSkpFeedbackRepo>;
