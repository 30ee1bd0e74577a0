// Pact and training inputs to the score, read from the RT/RW programme's
// tables (migrations 0003 and 0004). A head counts as having signed when a
// signature of theirs existed by the end of the month; trainings count the
// sessions attended by then.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { KinerjaExtras } from './service.js';

export function createProgrammeExtras(): KinerjaExtras {
  return {
    async pactSigned(db, userIds, month) {
      if (!userIds.length) return new Set();
      const r = await sql<{ user_id: number }>`
        select distinct t.user_id from pact_signatures s join rtrw_terms t on t.id = s.term_id
        where t.user_id = any(${sql.val(userIds)}::int[]) and s.signed_at < ${month.end}::timestamptz`.execute(
        db as Db,
      );
      return new Set(r.rows.map((x) => x.user_id));
    },
    async trainingsDone(db, userIds, month) {
      if (!userIds.length) return new Map();
      const r = await sql<{ user_id: number; n: number }>`
        select user_id, count(*)::int as n from training_attendance
        where user_id = any(${sql.val(userIds)}::int[]) and at < ${month.end}::timestamptz group by user_id`.execute(
        db as Db,
      );
      return new Map(r.rows.map((x) => [x.user_id, x.n]));
    },
  };
}
