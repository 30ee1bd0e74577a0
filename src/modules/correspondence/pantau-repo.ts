// SQL of the per-unit counters for heads (/surat/pantau, issue 15 item 8) and of the lists each number links to.
// A count and its list are built from the same condition (`stateOf`), and both go through the naskah's one access
// rule (repo.ts visibleTo), so a number always equals the length of its list. Reads employees, users and org_units
// only to join.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Viewer } from './policy.js';
import { visibleTo } from './repo.js';
import type { SecurityClass } from './rules.js';
import type { CorrespondenceTables } from './tables.js';

const x = (db: Db) => db.withTables<CorrespondenceTables>();

/** The four states a head follows per unit. */
export const PANTAU_STATES = ['unread', 'pending', 'disp_unread', 'disp_overdue'] as const;
export type PantauState = (typeof PANTAU_STATES)[number];
export const isNaskahState = (s: PantauState) => s === 'unread' || s === 'pending';

/**
 * The conditions, over `n` (naskah), `u` (its unit) and, for disposition states, `d` (the disposition):
 * - unread: an incoming naskah of the unit its head has not opened yet (the head disposes it);
 * - pending: an incoming naskah registered and neither disposed nor closed ("belum ditindaklanjuti");
 * - disp_unread: an open disposition (not withdrawn, not closed) its recipient has not opened;
 * - disp_overdue: an open disposition whose due date is before today (the city's date).
 */
function stateOf(s: PantauState, today: string): Expression<SqlBool> {
  switch (s) {
    case 'unread':
      return sql<SqlBool>`not exists (select 1 from naskah_reads pr join employees ph on ph.user_id = pr.user_id where pr.naskah_id = n.id and ph.id = u.head_employee_id)`;
    case 'pending':
      return sql<SqlBool>`(n.status = 'diterima' and n.closed_at is null)`;
    case 'disp_unread':
      return sql<SqlBool>`(d.read_at is null)`;
    case 'disp_overdue':
      return sql<SqlBool>`(d.due_date < ${today}::date)`;
  }
}

export function createPantauRepo() {
  return {
    /** Per unit id: the four counts (units with none are absent). Naskah by their unit; dispositions by the recipient's. */
    async counts(db: Db, v: Viewer, restricted: ReadonlySet<SecurityClass>, unitIds: number[], today: string) {
      if (!unitIds.length) return new Map<number, Record<PantauState, number>>();
      const naskah = await x(db)
        .selectFrom('naskah as n')
        .innerJoin('org_units as u', 'u.id', 'n.unit_id')
        .select([
          'n.unit_id as unit_id',
          sql<number>`count(*) filter (where ${stateOf('unread', today)})::int`.as('unread'),
          sql<number>`count(*) filter (where ${stateOf('pending', today)})::int`.as('pending'),
        ])
        .where('n.direction', '=', 'masuk')
        .where('n.unit_id', 'in', unitIds)
        .where(visibleTo(v, restricted))
        .groupBy('n.unit_id')
        .execute();
      const disp = await x(db)
        .selectFrom('naskah_dispositions as d')
        .innerJoin('naskah as n', 'n.id', 'd.naskah_id')
        .innerJoin('org_units as u', 'u.id', 'n.unit_id')
        .innerJoin('employees as te', 'te.id', 'd.to_employee_id')
        .select([
          'te.unit_id as unit_id',
          sql<number>`count(*) filter (where ${stateOf('disp_unread', today)})::int`.as('disp_unread'),
          sql<number>`count(*) filter (where ${stateOf('disp_overdue', today)})::int`.as('disp_overdue'),
        ])
        .where('te.unit_id', 'in', unitIds)
        .where('d.withdrawn_at', 'is', null)
        .where('d.closed_at', 'is', null)
        .where(visibleTo(v, restricted))
        .groupBy('te.unit_id')
        .execute();
      const out = new Map<number, Record<PantauState, number>>();
      const at = (id: number) => {
        let r = out.get(id);
        if (!r) out.set(id, (r = { unread: 0, pending: 0, disp_unread: 0, disp_overdue: 0 }));
        return r;
      };
      for (const r of naskah) Object.assign(at(r.unit_id), { unread: r.unread, pending: r.pending });
      for (const r of disp) Object.assign(at(r.unit_id), { disp_unread: r.disp_unread, disp_overdue: r.disp_overdue });
      return out;
    },

    /** The personal "belum ditindaklanjuti": pending incoming naskah of the units the person heads (they dispose them). */
    pendingOfHeaded: async (db: Db, v: Viewer, restricted: ReadonlySet<SecurityClass>) =>
      v.headOf.length
        ? (
            await x(db)
              .selectFrom('naskah as n')
              .innerJoin('org_units as u', 'u.id', 'n.unit_id')
              .select(sql<number>`count(*)::int`.as('n'))
              .where('n.direction', '=', 'masuk')
              .where('u.path', 'in', [...v.headOf])
              .where(stateOf('pending', ''))
              .where(visibleTo(v, restricted))
              .executeTakeFirstOrThrow()
          ).n
        : 0,

    /** The incoming naskah of a unit in a naskah state, newest first. */
    naskahIn: (
      db: Db,
      v: Viewer,
      restricted: ReadonlySet<SecurityClass>,
      unitId: number,
      s: PantauState,
      today: string,
      limit: number,
    ) =>
      x(db)
        .selectFrom('naskah as n')
        .innerJoin('org_units as u', 'u.id', 'n.unit_id')
        .select([
          'n.id',
          'n.agenda_number',
          'n.perihal',
          'n.sender_instansi',
          'n.urgency',
          sql<string>`to_char(n.received_date, 'YYYY-MM-DD')`.as('received_date'),
        ])
        .where('n.direction', '=', 'masuk')
        .where('n.unit_id', '=', unitId)
        .where(stateOf(s, today))
        .where(visibleTo(v, restricted))
        .orderBy('n.created_at', 'desc')
        .orderBy('n.id', 'desc')
        .limit(limit)
        .execute(),

    /** The open dispositions to people of a unit in a disposition state, oldest due first. */
    dispositionsIn: (
      db: Db,
      v: Viewer,
      restricted: ReadonlySet<SecurityClass>,
      unitId: number,
      s: PantauState,
      today: string,
      limit: number,
    ) =>
      x(db)
        .selectFrom('naskah_dispositions as d')
        .innerJoin('naskah as n', 'n.id', 'd.naskah_id')
        .innerJoin('org_units as u', 'u.id', 'n.unit_id')
        .innerJoin('employees as te', 'te.id', 'd.to_employee_id')
        .innerJoin('users as tu', 'tu.id', 'te.user_id')
        .select([
          'd.id',
          'n.id as naskah_id',
          'n.agenda_number',
          'n.perihal',
          'tu.full_name as to_name',
          sql<string>`to_char(d.due_date, 'YYYY-MM-DD')`.as('due_date'),
        ])
        .where('te.unit_id', '=', unitId)
        .where('d.withdrawn_at', 'is', null)
        .where('d.closed_at', 'is', null)
        .where(stateOf(s, today))
        .where(visibleTo(v, restricted))
        .orderBy('d.due_date')
        .orderBy('d.id')
        .limit(limit)
        .execute(),
  };
}
export type PantauRepo = ReturnType<typeof createPantauRepo>;
