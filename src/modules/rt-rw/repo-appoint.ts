// SQL for appointing a head by choosing a person: the post's history (for the
// consecutive-terms rule), the head account a person already has, login names
// taken, and the lurah who countersigns. Reads only; accounts are written
// through the accounts module's port.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { escapeLike } from '../../db/like.js';
import type { RtRwTables } from './repo.js';
import type { Position } from './rules.js';

const x = (db: Db) => db.withTables<RtRwTables>();

export function createAppointRepo() {
  return {
    /** Who held a post and from when, for the consecutive-terms rule. */
    postHistory: (db: Db, code: string, position: Position) =>
      x(db)
        .selectFrom('rtrw_terms')
        .select(['resident_id', sql<string>`start_date::text`.as('start_date')])
        .where('region_code', '=', code)
        .where('position', '=', position)
        .execute(),

    /**
     * The head account a resident already has for this post: the account of the person's
     * latest term here, or one registered to the resident; active, with the role and region.
     */
    async accountOfResident(db: Db, residentId: number, code: string, role: string) {
      const viaTerm = await x(db)
        .selectFrom('rtrw_terms as t')
        .innerJoin('users as u', 'u.id', 't.user_id')
        .select(['u.id', 'u.username'])
        .where('t.resident_id', '=', residentId)
        .where('u.region_code', '=', code)
        .where('u.role', '=', role)
        .where('u.active', '=', true)
        .orderBy('t.id', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (viaTerm) return viaTerm;
      return db
        .selectFrom('users')
        .select(['id', 'username'])
        .where('resident_id', '=', residentId)
        .where('region_code', '=', code)
        .where('role', '=', role)
        .where('active', '=', true)
        .executeTakeFirst();
    },

    /** Login names already taken that start like a proposed one. */
    async usernamesLike(db: Db, base: string) {
      const rows = await db
        .selectFrom('users')
        .select('username')
        .where('username', 'like', `${escapeLike(base)}%`)
        .execute();
      return new Set(rows.map((r) => r.username));
    },

    /** The active lurah of a kelurahan (the pact's countersigner when none has signed yet). */
    lurahOf: (db: Db, kelurahan: string) =>
      db
        .selectFrom('users')
        .select(['id'])
        .where('region_code', '=', kelurahan)
        .where('role', '=', 'lurah')
        .where('active', '=', true)
        .orderBy('id')
        .limit(1)
        .executeTakeFirst(),
  };
}
export type AppointRepo = ReturnType<typeof createAppointRepo>;
