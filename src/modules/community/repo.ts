// SQL for community activities (migration 0020). The table is typed here and
// added to the shared DB type with withTables: this module alone writes it.
// Regional reads filter with inScope; a head's own list is narrowed to their
// account.
import { sql, type ColumnType, type Generated } from 'kysely';
import type { Db } from '../../db/database.js';
import { inScope, withinRegion, type Scope } from '../../kernel/scope.js';
import type { ActivityKind, ActivityStatus } from './rules.js';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;

export type CommunityTables = {
  community_activities: {
    id: Generated<number>;
    region_code: string;
    reported_by: number;
    idempotency_key: string;
    /** A calendar day, written and compared as 'YYYY-MM-DD', read through ::text. */
    held_on: ColumnType<string, string, string>;
    kind: ActivityKind;
    description: string;
    participants: number;
    photo_file_id: number;
    status: ColumnType<ActivityStatus, ActivityStatus | undefined, ActivityStatus>;
    reported_at: Ts;
    decided_by: number | null;
    decided_at: Date | null;
    decision_reason: string | null;
  };
};

const x = (db: Db) => db.withTables<CommunityTables>();

export interface ActivityRow {
  id: number;
  region_code: string;
  region_name: string;
  kelurahan_name: string | null;
  reported_by: number;
  reporter_name: string;
  held_on: string;
  kind: ActivityKind;
  description: string;
  participants: number;
  photo_file_id: number;
  status: ActivityStatus;
  reported_at: Date;
  decided_at: Date | null;
  decision_reason: string | null;
}

/** The kelurahan code of an RT/RW code column, in SQL (first four segments). */
const kelurahanOfCol = sql<string>`array_to_string((string_to_array(a.region_code, '.'))[1:4], '.')`;

function selectRows(db: Db) {
  return x(db)
    .selectFrom('community_activities as a')
    .innerJoin('users as u', 'u.id', 'a.reported_by')
    .innerJoin('regions as r', 'r.code', 'a.region_code')
    .leftJoin('regions as k', (j) => j.on(sql.ref('k.code'), '=', kelurahanOfCol))
    .select([
      'a.id',
      'a.region_code',
      'r.name as region_name',
      'k.name as kelurahan_name',
      'a.reported_by',
      'u.full_name as reporter_name',
      sql<string>`a.held_on::text`.as('held_on'),
      'a.kind',
      'a.description',
      'a.participants',
      'a.photo_file_id',
      'a.status',
      'a.reported_at',
      'a.decided_at',
      'a.decision_reason',
    ]);
}

export function createCommunityRepo() {
  return {
    /** Inserts a report; a second report with the same (reporter, key) inserts nothing and gives undefined. */
    async insert(
      db: Db,
      v: {
        regionCode: string;
        reportedBy: number;
        key: string;
        heldOn: string;
        kind: ActivityKind;
        description: string;
        participants: number;
        photoFileId: number;
        at: Date;
      },
    ): Promise<number | undefined> {
      const row = await x(db)
        .insertInto('community_activities')
        .values({
          region_code: v.regionCode,
          reported_by: v.reportedBy,
          idempotency_key: v.key,
          held_on: v.heldOn,
          kind: v.kind,
          description: v.description,
          participants: v.participants,
          photo_file_id: v.photoFileId,
          reported_at: v.at,
        })
        .onConflict((oc) => oc.columns(['reported_by', 'idempotency_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },

    byKey: (db: Db, reportedBy: number, key: string) =>
      selectRows(db).where('a.reported_by', '=', reportedBy).where('a.idempotency_key', '=', key).executeTakeFirst(),

    /** One activity in the caller's region (undefined outside it). */
    byId: (db: Db, scope: Scope, id: number) =>
      selectRows(db).where('a.id', '=', id).where(inScope(scope, 'a.region_code')).executeTakeFirst(),

    /** Activities in scope, newest day first; a head sees only their own reports. */
    list(
      db: Db,
      scope: Scope,
      o: { under?: string | undefined; status?: ActivityStatus | undefined; onlyReporter?: number; limit: number },
    ): Promise<ActivityRow[]> {
      let q = selectRows(db).where(inScope(scope, 'a.region_code'));
      if (o.under) q = q.where(withinRegion('a.region_code', o.under));
      if (o.status) q = q.where('a.status', '=', o.status);
      if (o.onlyReporter !== undefined) q = q.where('a.reported_by', '=', o.onlyReporter);
      return q.orderBy('a.held_on', 'desc').orderBy('a.id', 'desc').limit(o.limit).execute();
    },

    /** The guarded decision: only a report still waiting moves; a second click changes nothing (undefined). */
    async decide(
      db: Db,
      id: number,
      d: { status: 'dikonfirmasi' | 'ditolak'; by: number; at: Date; reason: string | null },
    ): Promise<number | undefined> {
      const row = await x(db)
        .updateTable('community_activities')
        .set({ status: d.status, decided_by: d.by, decided_at: d.at, decision_reason: d.reason })
        .where('id', '=', id)
        .where('status', '=', 'dilaporkan')
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },

    /** Confirmed activities per reporter held on days [from, to) ('YYYY-MM-DD'). */
    async confirmedCounts(db: Db, userIds: number[], from: string, to: string): Promise<Map<number, number>> {
      if (!userIds.length) return new Map();
      const rows = await x(db)
        .selectFrom('community_activities')
        .select(['reported_by', sql<number>`count(*)::int`.as('n')])
        .where('reported_by', 'in', userIds)
        .where('status', '=', 'dikonfirmasi')
        .where('held_on', '>=', from)
        .where('held_on', '<', to)
        .groupBy('reported_by')
        .execute();
      return new Map(rows.map((r) => [r.reported_by, Number(r.n)]));
    },
  };
}
export type CommunityRepo = ReturnType<typeof createCommunityRepo>;
