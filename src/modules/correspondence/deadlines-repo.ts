// SQL of the disposition deadlines (migration 0031). The sweep reads open dispositions still owing a warning or an
// escalation, and claims each threshold with one conditional UPDATE: of two sweeps at once exactly one wins it.
// Reads employees, users and org_units only to join (who to notify: the recipient, the sender, the sender's head).
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { CorrespondenceTables } from './tables.js';

const x = (db: Db) => db.withTables<CorrespondenceTables>();

export function createDeadlinesRepo() {
  return {
    /**
     * Open dispositions (not withdrawn, not closed, not yet escalated) owing a warning, or due before `today`
     * (the city's local date), oldest first. The sender's head: the head of the sender's unit, or of the unit
     * above when the sender heads their own.
     */
    candidates: (db: Db, today: string, limit: number) =>
      x(db)
        .selectFrom('naskah_dispositions as d')
        .innerJoin('naskah as n', 'n.id', 'd.naskah_id')
        .innerJoin('employees as te', 'te.id', 'd.to_employee_id')
        .innerJoin('users as tu', 'tu.id', 'te.user_id')
        .innerJoin('employees as fe', 'fe.id', 'd.from_employee_id')
        .innerJoin('users as fu', 'fu.id', 'fe.user_id')
        .innerJoin('org_units as fo', 'fo.id', 'fe.unit_id')
        .leftJoin('org_units as po', 'po.id', 'fo.parent_id')
        .leftJoin('employees as he', (j) =>
          j.on(
            'he.id',
            '=',
            sql<number>`case when fo.head_employee_id = d.from_employee_id then po.head_employee_id else fo.head_employee_id end`,
          ),
        )
        .select([
          'd.id',
          'd.naskah_id',
          'd.created_at',
          sql<string>`to_char(d.due_date, 'YYYY-MM-DD')`.as('due_date'),
          'd.warned_at',
          'n.region_code',
          'n.perihal',
          'n.agenda_number',
          'tu.id as to_user_id',
          'tu.full_name as to_name',
          'fu.id as from_user_id',
          'fu.full_name as from_name',
          'he.user_id as head_user_id',
        ])
        .where('d.withdrawn_at', 'is', null)
        .where('d.closed_at', 'is', null)
        .where('d.escalated_at', 'is', null)
        .where((eb) => eb.or([eb('d.warned_at', 'is', null), eb('d.due_date', '<', today)]))
        .orderBy('d.due_date')
        .orderBy('d.id')
        .limit(limit)
        .execute(),

    /** Claims a threshold of an open disposition: true for the one caller that set it. */
    claim: async (trx: Db, id: number, threshold: 'warn' | 'overdue', at: Date) => {
      const col = threshold === 'warn' ? 'warned_at' : 'escalated_at';
      return !!(await x(trx)
        .updateTable('naskah_dispositions')
        .set({ [col]: at })
        .where('id', '=', id)
        .where(col, 'is', null)
        .where('closed_at', 'is', null)
        .where('withdrawn_at', 'is', null)
        .returning('id')
        .executeTakeFirst());
    },
  };
}
export type DeadlinesRepo = ReturnType<typeof createDeadlinesRepo>;
export type DeadlineRow = Awaited<ReturnType<DeadlinesRepo['candidates']>>[number];
