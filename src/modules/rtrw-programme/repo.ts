// SQL for the RT/RW programme. The tables live in 0004_rtrw_programme.sql;
// their Kysely types are declared here (added to the shared DB type with
// withTables) so this module owns them without touching db/schema.ts.
import { sql, type ColumnType, type Generated, type SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import { inScope, onRegionLine, withinRegion, type Scope } from '../../kernel/scope.js';
import { HEAD_ROLES, type ClaimStatus } from './rules.js';

type DateCol = ColumnType<Date, string, string>;
type Ts = ColumnType<Date, Date | string | undefined, Date | string>;

export type ProgrammeTables = {
  trainings: {
    id: Generated<number>;
    region_code: string;
    topic: string;
    title: string;
    place: string;
    starts_at: Ts;
    attendance_token: string;
    created_by: number;
    created_at: Ts;
  };
  training_attendance: { training_id: number; user_id: number; method: 'qr' | 'manual'; at: Ts };
  bpjs_enrolments: {
    user_id: number;
    membership_number: string;
    start_date: DateCol;
    paid_by_city: boolean;
    monthly_contribution: number;
    status: 'aktif' | 'nonaktif';
    updated_at: Ts;
  };
  bpjs_claims: {
    id: Generated<number>;
    user_id: number;
    kind: 'kecelakaan' | 'kematian';
    reported_at: Ts;
    description: string;
    status: ColumnType<ClaimStatus, ClaimStatus | undefined, ClaimStatus>;
    /** 0007: the day the accident or death happened. */
    occurred_on: ColumnType<string | null, string | null | undefined, string | null>;
    /** 0019: where it happened, what happened, and whether on the road (a police report is then required). */
    incident_place: Generated<string>;
    chronology: Generated<string>;
    road_accident: Generated<boolean>;
  };
  /** 0007: each status move of a claim, never overwritten. */
  bpjs_claim_events: {
    id: Generated<number>;
    claim_id: number;
    from_status: ClaimStatus;
    to_status: ClaimStatus;
    effective_on: ColumnType<string, string, string>;
    note: string;
    recorded_at: Ts;
    recorded_by: number;
  };
  data_allocations: {
    month: string;
    user_id: number;
    quota_mb: Generated<number>;
    portal_mb: Generated<number>;
    phone: string | null;
    operator: string | null;
    distributed_at: Ts | null;
    distributed_by: number | null;
    receipt_note: string | null;
  };
  portal_usage: { user_id: number; day: string; bytes: ColumnType<string, number, number> };
  allowance_rates: {
    id: Generated<number>;
    region_code: string;
    role: string;
    amount: number;
    period: 'bulanan' | 'triwulan';
    valid_from: DateCol;
  };
  allowance_payments: {
    period: string;
    user_id: number;
    /** Gross. */
    amount: number;
    paid_at: Ts;
    paid_by: number;
    /** 0019: PPh 21 withheld (tax base, tax, net and the rule's snapshot) and the non-cash transfer proof. */
    id: Generated<number>;
    dpp: Generated<number>;
    tax: Generated<number>;
    net: number;
    tax_rule: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
    transfer_ref: string | null;
    proof_file_id: number | null;
    transferred_at: Ts | null;
    transferred_by: number | null;
  };
};

const q = (db: Db) => db.withTables<ProgrammeTables>();

const claimColumns = [
  'id',
  'user_id',
  'kind',
  'reported_at',
  'description',
  'status',
  sql<string | null>`occurred_on::text`.as('occurred_on'),
] as const;

export interface Head {
  id: number;
  full_name: string;
  role: string;
  region_code: string;
  region_name: string;
  kelurahan_name: string | null;
}

export function createProgrammeRepo() {
  /** Active head accounts in scope, under a region (the scope check is inScope; `under` only narrows). */
  function headsQuery(db: Db, scope: Scope, under: string) {
    return (
      q(db)
        .selectFrom('users')
        .innerJoin('regions', 'regions.code', 'users.region_code')
        // The kelurahan an RW/RT lies in (its code is the first 13 characters), to tell RT 001 of one from another's.
        .leftJoin('regions as kel', (j) =>
          j.on(sql<SqlBool>`kel.code = left(users.region_code, 13) and kel.level = 'kelurahan'`),
        )
        .select([
          'users.id',
          'users.full_name',
          'users.role',
          'users.region_code',
          'regions.name as region_name',
          'kel.name as kelurahan_name',
        ])
        .where('users.role', 'in', [...HEAD_ROLES])
        .where('users.active', '=', true)
        .where(inScope(scope, 'users.region_code'))
        .where(withinRegion('users.region_code', under))
        .orderBy('users.region_code')
        .orderBy('users.id')
    );
  }
  /** Claims with their head's name and region; the scope check is inScope on the head's region. */
  function claimsQuery(db: Db, scope: Scope) {
    return q(db)
      .selectFrom('bpjs_claims as c')
      .innerJoin('users', 'users.id', 'c.user_id')
      .innerJoin('regions', 'regions.code', 'users.region_code')
      .leftJoin('regions as kel', (j) =>
        j.on(sql<SqlBool>`kel.code = left(users.region_code, 13) and kel.level = 'kelurahan'`),
      )
      .select([
        'c.id',
        'c.user_id',
        'c.kind',
        'c.reported_at',
        'c.description',
        'c.status',
        sql<string | null>`c.occurred_on::text`.as('occurred_on'),
      ])
      .select(['users.full_name', 'users.region_code', 'regions.name as region_name', 'kel.name as kelurahan_name'])
      .where(inScope(scope, 'users.region_code'));
  }
  return {
    /** Training sessions each of these accounts attended before `end` (the kinerja score reads it). */
    async trainingsDoneBy(db: Db, userIds: number[], end: Date) {
      if (!userIds.length) return new Map<number, number>();
      const r = await sql<{ user_id: number; n: number }>`
        select user_id, count(*)::int as n from training_attendance
        where user_id = any(${sql.val(userIds)}::int[]) and at < ${end}::timestamptz group by user_id`.execute(db);
      return new Map(r.rows.map((x) => [x.user_id, x.n]));
    },
    heads: (db: Db, scope: Scope, under: string): Promise<Head[]> => headsQuery(db, scope, under).execute(),
    findHead: (db: Db, scope: Scope, userId: number): Promise<Head | undefined> =>
      headsQuery(db, scope, scope.regionCode).where('users.id', '=', userId).executeTakeFirst(),

    insertTraining: (
      db: Db,
      t: {
        region_code: string;
        topic: string;
        title: string;
        place: string;
        starts_at: Date;
        attendance_token: string;
        created_by: number;
      },
    ) => q(db).insertInto('trainings').values(t).returningAll().executeTakeFirstOrThrow(),
    findTraining: (db: Db, scope: Scope, id: number) =>
      q(db)
        .selectFrom('trainings')
        .selectAll()
        .where('id', '=', id)
        .where(inScope(scope, 'region_code'))
        .executeTakeFirst(),
    /** By its QR token: the token itself is the capability; the service checks the head is invited. */
    findTrainingByToken: (db: Db, token: string) =>
      q(db).selectFrom('trainings').selectAll().where('attendance_token', '=', token).executeTakeFirst(),
    trainings: (db: Db, scope: Scope, under: string) =>
      q(db)
        .selectFrom('trainings')
        .selectAll()
        .where(inScope(scope, 'region_code'))
        // Sessions organised by this region, below it, or above it (a city training invites everyone).
        .where(onRegionLine('region_code', under))
        .orderBy('starts_at', 'desc')
        .limit(200)
        .execute(),
    /** The soonest session not yet started on a head's region line (their invitations: see attendByToken). */
    upcomingTraining: (db: Db, regionCode: string, from: Date) =>
      q(db)
        .selectFrom('trainings')
        .select(['id', 'title', 'place', 'starts_at', 'topic', 'region_code'])
        .where(onRegionLine('region_code', regionCode))
        .where('starts_at', '>=', from)
        .orderBy('starts_at')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst(),
    markAttended: async (db: Db, trainingId: number, userId: number, method: 'qr' | 'manual', at: Date) => {
      const r = await q(db)
        .insertInto('training_attendance')
        .values({ training_id: trainingId, user_id: userId, method, at })
        .onConflict((oc) => oc.columns(['training_id', 'user_id']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    attendance: (db: Db, trainingId: number) =>
      q(db).selectFrom('training_attendance').selectAll().where('training_id', '=', trainingId).execute(),
    /** Topics and trainings attended by the given heads. */
    attendedBy: (db: Db, userIds: number[]) =>
      userIds.length
        ? q(db)
            .selectFrom('training_attendance')
            .innerJoin('trainings', 'trainings.id', 'training_attendance.training_id')
            .select([
              'training_attendance.user_id',
              'training_attendance.method',
              'training_attendance.at',
              'trainings.id',
              'trainings.topic',
              'trainings.title',
              'trainings.place',
              'trainings.starts_at',
            ])
            .where('training_attendance.user_id', 'in', userIds)
            .orderBy('trainings.starts_at')
            .execute()
        : Promise.resolve([]),

    upsertEnrolment: (
      db: Db,
      e: {
        user_id: number;
        membership_number: string;
        start_date: string;
        paid_by_city: boolean;
        monthly_contribution: number;
        status: 'aktif' | 'nonaktif';
      },
      now: Date,
    ) =>
      q(db)
        .insertInto('bpjs_enrolments')
        .values({ ...e, updated_at: now })
        .onConflict((oc) =>
          oc.column('user_id').doUpdateSet({
            membership_number: e.membership_number,
            start_date: e.start_date,
            paid_by_city: e.paid_by_city,
            monthly_contribution: e.monthly_contribution,
            status: e.status,
            updated_at: now,
          }),
        )
        .execute(),
    enrolments: (db: Db, userIds: number[]) =>
      userIds.length
        ? q(db).selectFrom('bpjs_enrolments').selectAll().where('user_id', 'in', userIds).execute()
        : Promise.resolve([]),
    insertClaim: (
      db: Db,
      c: {
        user_id: number;
        kind: 'kecelakaan' | 'kematian';
        description: string;
        reported_at: Date;
        occurred_on: string | null;
      },
    ) => q(db).insertInto('bpjs_claims').values(c).returning(claimColumns).executeTakeFirstOrThrow(),
    claims: (db: Db, userIds: number[]) =>
      userIds.length
        ? q(db)
            .selectFrom('bpjs_claims')
            .select(claimColumns)
            .where('user_id', 'in', userIds)
            .orderBy('reported_at', 'desc')
            .orderBy('id', 'desc')
            .execute()
        : Promise.resolve([]),
    /** Claims of heads under a region, newest first. A deactivated account (a head who died) keeps its claims. */
    claimsUnder: (db: Db, scope: Scope, under: string) =>
      claimsQuery(db, scope)
        .where(withinRegion('users.region_code', under))
        .orderBy('c.reported_at', 'desc')
        .orderBy('c.id', 'desc')
        .limit(500)
        .execute(),
    /** One claim of a head in scope. */
    findClaim: (db: Db, scope: Scope, id: number) => claimsQuery(db, scope).where('c.id', '=', id).executeTakeFirst(),
    /** Moves a claim only from the status it was read in: a second person pressing at once changes nothing. */
    async moveClaim(trx: Db, id: number, from: ClaimStatus, to: ClaimStatus) {
      const r = await q(trx)
        .updateTable('bpjs_claims')
        .set({ status: to })
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    insertClaimEvent: (
      trx: Db,
      e: {
        claim_id: number;
        from_status: ClaimStatus;
        to_status: ClaimStatus;
        effective_on: string;
        note: string;
        recorded_at: Date;
        recorded_by: number;
      },
    ) => q(trx).insertInto('bpjs_claim_events').values(e).execute(),
    claimEvents: (db: Db, claimIds: number[]) =>
      claimIds.length
        ? q(db)
            .selectFrom('bpjs_claim_events as e')
            .innerJoin('users', 'users.id', 'e.recorded_by')
            .select([
              'e.claim_id',
              'e.from_status',
              'e.to_status',
              sql<string>`e.effective_on::text`.as('effective_on'),
              'e.note',
              'e.recorded_at',
              'users.full_name as recorded_by_name',
            ])
            .where('e.claim_id', 'in', claimIds)
            .orderBy('e.id')
            .execute()
        : Promise.resolve([]),

    /** Hand-out of a month's package: idempotent per (month, head); a second call updates the receipt details. */
    upsertAllocation: (
      db: Db,
      a: {
        month: string;
        user_id: number;
        phone: string;
        operator: string;
        receipt_note: string | null;
        distributed_by: number;
        distributed_at: Date;
      },
    ) =>
      q(db)
        .insertInto('data_allocations')
        .values(a)
        .onConflict((oc) =>
          oc
            .columns(['month', 'user_id'])
            .doUpdateSet({ phone: a.phone, operator: a.operator, receipt_note: a.receipt_note }),
        )
        .execute(),
    allocations: (db: Db, month: string | null, userIds: number[]) => {
      if (!userIds.length) return Promise.resolve([]);
      let qq = q(db).selectFrom('data_allocations').selectAll().where('user_id', 'in', userIds);
      if (month) qq = qq.where('month', '=', month);
      return qq.orderBy('month', 'desc').execute();
    },
    usageByUser: async (db: Db, month: string, userIds: number[]) => {
      if (!userIds.length) return new Map<number, number>();
      const rows = await q(db)
        .selectFrom('portal_usage')
        .select(['user_id', (eb) => eb.fn.sum<string>('bytes').as('bytes')])
        .where('user_id', 'in', userIds)
        .where('day', '>=', `${month}-01`)
        .where('day', '<', sql<string>`(${month + '-01'}::date + interval '1 month')::date`)
        .groupBy('user_id')
        .execute();
      return new Map(rows.map((r) => [r.user_id, Number(r.bytes)]));
    },
    /** Adds buffered counts; concurrent instances add, never overwrite. */
    addUsage: async (db: Db, rows: { userId: number; day: string; bytes: number }[]) => {
      if (!rows.length) return;
      await q(db)
        .insertInto('portal_usage')
        .values(rows.map((r) => ({ user_id: r.userId, day: r.day, bytes: r.bytes })))
        .onConflict((oc) =>
          oc.columns(['user_id', 'day']).doUpdateSet({ bytes: sql`portal_usage.bytes + excluded.bytes` }),
        )
        .execute();
    },

    insertRate: (
      db: Db,
      r: { region_code: string; role: string; amount: number; period: 'bulanan' | 'triwulan'; valid_from: string },
    ) =>
      q(db)
        .insertInto('allowance_rates')
        .values(r)
        .onConflict((oc) =>
          oc.columns(['region_code', 'role', 'valid_from']).doUpdateSet({ amount: r.amount, period: r.period }),
        )
        .execute(),
    /** Rates set for the region, above it (a head's rate may come from the city) or below it. */
    rates: async (db: Db, regionCode: string) =>
      (await q(db)
        .selectFrom('allowance_rates')
        .where(onRegionLine('region_code', regionCode))
        .select([
          'region_code',
          'role',
          'amount',
          'period',
          sql<string>`to_char(valid_from, 'YYYY-MM-DD')`.as('valid_from'),
        ])
        .execute()) as {
        region_code: string;
        role: string;
        amount: number;
        period: 'bulanan' | 'triwulan';
        valid_from: string;
      }[],
    /** Marks paid once: a second press finds the row and changes nothing. */
    markPaid: async (
      db: Db,
      p: {
        period: string;
        user_id: number;
        amount: number;
        dpp: number;
        tax: number;
        net: number;
        tax_rule: string;
        paid_by: number;
        paid_at: Date;
      },
    ) => {
      const r = await q(db)
        .insertInto('allowance_payments')
        .values(p)
        .onConflict((oc) => oc.columns(['period', 'user_id']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    payments: (db: Db, period: string | null, userIds: number[]) => {
      if (!userIds.length) return Promise.resolve([]);
      let qq = q(db).selectFrom('allowance_payments').selectAll().where('user_id', 'in', userIds);
      if (period) qq = qq.where('period', '=', period);
      return qq.orderBy('period', 'desc').execute();
    },
  };
}
export type ProgrammeRepo = ReturnType<typeof createProgrammeRepo>;
