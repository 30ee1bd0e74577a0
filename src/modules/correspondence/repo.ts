// SQL of E-Surat. Every list and by-id read of naskah goes through `visibleTo` — the one place the access rule
// (policy.ts canSeeNaskah) is written as SQL. Reads units and employees (the staff register's tables) only to join.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Viewer } from './policy.js';
import type { FinalDisposition, SecurityClass, Urgency } from './rules.js';
import type { CorrespondenceTables } from './tables.js';

const x = (db: Db) => db.withTables<CorrespondenceTables>();

/** SQL of canSeeNaskah over `n.security_class`, `u.path` (the naskah's unit) and its dispositions (`n.id`). */
export function visibleTo(v: Viewer, restricted: ReadonlySet<SecurityClass>): Expression<SqlBool> {
  const path = sql.ref('u.path');
  const cls = sql.ref('n.security_class');
  const closed = [...restricted];
  const isClosed = closed.length ? sql<SqlBool>`${cls} in (${sql.join(closed)})` : sql<SqlBool>`false`;
  const keepers = [...v.headOf, ...v.tuOf];
  const closedRule = keepers.length ? sql<SqlBool>`${path} in (${sql.join(keepers)})` : sql<SqlBool>`false`;
  let open: Expression<SqlBool>;
  if (v.role === 'admin_kota') open = sql<SqlBool>`${path} like ${v.city + '/%'}`;
  else if (v.role !== 'pegawai') open = sql<SqlBool>`false`;
  else {
    const parts = [
      ...(v.unitPath ? [sql<SqlBool>`${path} = ${v.unitPath}`] : []),
      ...v.headOf.map((h) => sql<SqlBool>`(${path} = ${h} or ${path} like ${h + '/%'})`),
      ...(v.tuOf.length ? [sql<SqlBool>`${path} in (${sql.join([...v.tuOf])})`] : []),
    ];
    open = parts.length ? sql<SqlBool>`(${sql.join(parts, sql` or `)})` : sql<SqlBool>`false`;
  }
  // Disposisi: a person a disposition (not withdrawn) names sees the naskah, whatever its unit and class; so does
  // their Plh./Plt. in force (v.actsFor).
  const ids = v.employeeId === null ? [] : [v.employeeId, ...(v.actsFor ?? [])];
  const named =
    v.role === 'pegawai' && ids.length
      ? sql<SqlBool>`exists (select 1 from naskah_dispositions dv where dv.naskah_id = n.id and dv.to_employee_id in (${sql.join(ids)}) and dv.withdrawn_at is null)`
      : sql<SqlBool>`false`;
  // Naskah keluar: a person a routing step names (or whose Plt./Plh. the viewer is today) sees it.
  const people = v.employeeId !== null ? [v.employeeId, ...(v.actsFor ?? [])] : [];
  const routed =
    v.role === 'pegawai' && people.length
      ? sql<SqlBool>`exists (select 1 from naskah_routing_steps rv where rv.naskah_id = n.id and rv.employee_id in (${sql.join(people)}))`
      : sql<SqlBool>`false`;
  return sql<SqlBool>`((${isClosed} and ${closedRule}) or (not ${isClosed} and ${open}) or ${named} or ${routed})`;
}

export interface IncomingRow {
  regionCode: string;
  unitId: number;
  kindCode: string;
  agendaYear: number;
  agendaSeq: number;
  agendaNumber: string;
  senderInstansi: string;
  senderName: string | null;
  senderNumber: string;
  senderDate: string;
  receivedDate: string;
  perihal: string;
  classificationCode: string;
  classificationName: string;
  retention: {
    activeYears: number;
    inactiveYears: number;
    final: FinalDisposition;
    source: 'kota' | 'bawaan';
    verified: boolean;
  } | null;
  securityClass: SecurityClass;
  urgency: Urgency;
  fileId: number;
  fileSha256: string;
  duplicateOfId: number | null;
  /** An outgoing naskah arriving as the reply to one this unit sent (naskah keluar dispatch). */
  replyToId?: number | null;
  key: string;
  createdBy: number;
  at: Date;
}

const day = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;

export function createCorrespondenceRepo() {
  const naskah = (db: Db) =>
    x(db)
      .selectFrom('naskah as n')
      .innerJoin('org_units as u', 'u.id', 'n.unit_id')
      .innerJoin('users as c', 'c.id', 'n.created_by');
  const cols = [
    'n.id',
    'n.region_code',
    'n.unit_id',
    'u.name as unit_name',
    'u.path as unit_path',
    'n.direction',
    'n.status',
    'n.kind_code',
    'n.agenda_year',
    'n.agenda_seq',
    'n.agenda_number',
    'n.letter_number',
    'n.sender_instansi',
    'n.sender_name',
    'n.sender_number',
    day('n.sender_date').as('sender_date'),
    day('n.received_date').as('received_date'),
    'n.perihal',
    'n.classification_code',
    'n.classification_name',
    'n.retention_active_years',
    'n.retention_inactive_years',
    'n.retention_final',
    'n.retention_source',
    'n.retention_verified',
    'n.security_class',
    'n.urgency',
    'n.file_id',
    'n.file_sha256',
    'n.duplicate_of_id',
    'n.created_at',
    'n.created_by',
    'c.full_name as created_by_name',
    'n.closed_at',
    'n.closed_note',
  ] as const;

  return {
    /** The next agenda number of a unit's year: the counter row is created or bumped and stays locked until commit. */
    nextAgendaSeq: async (trx: Db, unitId: number, year: number) =>
      (
        await x(trx)
          .insertInto('naskah_agenda_counters')
          .values({ unit_id: unitId, year, last_number: 1 })
          .onConflict((oc) =>
            oc.columns(['unit_id', 'year']).doUpdateSet({ last_number: sql`naskah_agenda_counters.last_number + 1` }),
          )
          .returning('last_number')
          .executeTakeFirstOrThrow()
      ).last_number,

    insertIncoming: async (trx: Db, r: IncomingRow) =>
      (
        await x(trx)
          .insertInto('naskah')
          .values({
            region_code: r.regionCode,
            unit_id: r.unitId,
            direction: 'masuk',
            kind_code: r.kindCode,
            agenda_year: r.agendaYear,
            agenda_seq: r.agendaSeq,
            agenda_number: r.agendaNumber,
            sender_instansi: r.senderInstansi,
            sender_name: r.senderName,
            sender_number: r.senderNumber,
            sender_date: r.senderDate,
            received_date: r.receivedDate,
            perihal: r.perihal,
            classification_code: r.classificationCode,
            classification_name: r.classificationName,
            retention_active_years: r.retention?.activeYears ?? null,
            retention_inactive_years: r.retention?.inactiveYears ?? null,
            retention_final: r.retention?.final ?? null,
            retention_source: r.retention?.source ?? null,
            retention_verified: r.retention?.verified ?? null,
            security_class: r.securityClass,
            urgency: r.urgency,
            file_id: r.fileId,
            file_sha256: r.fileSha256,
            duplicate_of_id: r.duplicateOfId,
            reply_to_id: r.replyToId ?? null,
            idempotency_key: r.key,
            created_by: r.createdBy,
            created_at: r.at,
            updated_at: r.at,
          })
          .onConflict((oc) => oc.columns(['created_by', 'idempotency_key']).doNothing())
          .returning('id')
          .executeTakeFirst()
      )?.id,

    idByKey: async (db: Db, userId: number, key: string) =>
      (
        await x(db)
          .selectFrom('naskah')
          .select('id')
          .where('created_by', '=', userId)
          .where('idempotency_key', '=', key)
          .executeTakeFirst()
      )?.id,

    /** Incoming naskah of a unit from the same date: the likely-duplicate rule (rules.ts) picks among them. */
    sameDay: (db: Db, unitId: number, senderDate: string) =>
      x(db)
        .selectFrom('naskah')
        .select(['id', 'agenda_number', 'sender_instansi', 'sender_number', day('sender_date').as('sender_date')])
        .where('unit_id', '=', unitId)
        .where('direction', '=', 'masuk')
        .where('sender_date', '=', senderDate)
        .orderBy('id')
        .execute(),

    list: (
      db: Db,
      v: Viewer,
      restricted: ReadonlySet<SecurityClass>,
      o: {
        userId: number;
        q?: string | undefined;
        unitId?: number | undefined;
        limit: number;
        offset: number;
        direction?: 'masuk' | 'keluar';
      },
    ) => {
      let q = naskah(db)
        .leftJoin('naskah_reads as r', (j) => j.onRef('r.naskah_id', '=', 'n.id').on('r.user_id', '=', o.userId))
        .select([...cols, 'r.read_at'])
        .where('n.direction', '=', o.direction ?? 'masuk')
        .where(visibleTo(v, restricted));
      if (o.unitId) q = q.where('n.unit_id', '=', o.unitId);
      if (o.q) q = q.where(sql<SqlBool>`n.search @@ websearch_to_tsquery('simple', ${o.q})`);
      return q.orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(o.limit).offset(o.offset).execute();
    },

    byId: (db: Db, v: Viewer, restricted: ReadonlySet<SecurityClass>, id: number) =>
      naskah(db).select(cols).where('n.id', '=', id).where(visibleTo(v, restricted)).executeTakeFirst(),

    /** Visible incoming naskah the person has not opened. */
    unreadCount: async (db: Db, v: Viewer, restricted: ReadonlySet<SecurityClass>, userId: number) =>
      (
        await x(db)
          .selectFrom('naskah as n')
          .innerJoin('org_units as u', 'u.id', 'n.unit_id')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('n.direction', '=', 'masuk')
          .where(visibleTo(v, restricted))
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('naskah_reads as r')
                  .select('r.naskah_id')
                  .whereRef('r.naskah_id', '=', 'n.id')
                  .where('r.user_id', '=', userId),
              ),
            ),
          )
          .executeTakeFirstOrThrow()
      ).n,

    /** Returns true when this is the person's first open. */
    markRead: async (db: Db, naskahId: number, userId: number, at: Date) =>
      !!(await x(db)
        .insertInto('naskah_reads')
        .values({ naskah_id: naskahId, user_id: userId, read_at: at })
        .onConflict((oc) => oc.columns(['naskah_id', 'user_id']).doNothing())
        .returning('naskah_id')
        .executeTakeFirst()),

    readers: (db: Db, naskahId: number) =>
      x(db)
        .selectFrom('naskah_reads as r')
        .innerJoin('users as p', 'p.id', 'r.user_id')
        .select(['p.full_name', 'r.read_at'])
        .where('r.naskah_id', '=', naskahId)
        .orderBy('r.read_at')
        .execute(),

    /** The agenda book: a unit's incoming naskah registered between two instants, in agenda order. */
    agenda: (db: Db, unitId: number, from: Date, to: Date) =>
      naskah(db)
        .select(cols)
        .where('n.unit_id', '=', unitId)
        .where('n.direction', '=', 'masuk')
        .where('n.created_at', '>=', from)
        .where('n.created_at', '<', to)
        .orderBy('n.agenda_year')
        .orderBy('n.agenda_seq')
        .execute(),

    // ── Units and TU desks ──
    unitById: (db: Db, id: number) =>
      x(db)
        .selectFrom('org_units')
        .select(['id', 'path', 'code', 'name', 'region_code'])
        .where('id', '=', id)
        .where('active', '=', true)
        .executeTakeFirst(),
    /** The paths of the active units these employees head (a Plh.'s reach for the head they stand in for). */
    unitsHeadedBy: async (db: Db, employeeIds: number[]) =>
      employeeIds.length
        ? (
            await x(db)
              .selectFrom('org_units')
              .select('path')
              .where('head_employee_id', 'in', employeeIds)
              .where('active', '=', true)
              .execute()
          ).map((u) => u.path)
        : [],
    /** The units whose TU desk this employee keeps. */
    deskUnitsOf: (db: Db, employeeId: number) =>
      x(db)
        .selectFrom('correspondence_tu_desks as d')
        .innerJoin('org_units as u', 'u.id', 'd.unit_id')
        .select(['u.id', 'u.path', 'u.code', 'u.name'])
        .where('d.employee_id', '=', employeeId)
        .where('u.active', '=', true)
        .orderBy('u.path')
        .execute(),
    desksOfCity: (db: Db, city: string) =>
      x(db)
        .selectFrom('correspondence_tu_desks as d')
        .innerJoin('org_units as u', 'u.id', 'd.unit_id')
        .innerJoin('employees as e', 'e.id', 'd.employee_id')
        .innerJoin('users as p', 'p.id', 'e.user_id')
        .select([
          'd.unit_id',
          'd.employee_id',
          'u.name as unit_name',
          'p.full_name',
          'e.nip',
          'e.staff_number',
          'e.kind',
        ])
        .where('u.path', 'like', `${city}/%`)
        .orderBy('u.path')
        .orderBy('p.full_name')
        .execute(),
    addDesk: async (trx: Db, unitId: number, employeeId: number, by: number) =>
      !!(await x(trx)
        .insertInto('correspondence_tu_desks')
        .values({ unit_id: unitId, employee_id: employeeId, added_by: by })
        .onConflict((oc) => oc.columns(['unit_id', 'employee_id']).doNothing())
        .returning('unit_id')
        .executeTakeFirst()),
    removeDesk: async (trx: Db, unitId: number, employeeId: number) =>
      Number(
        (
          await x(trx)
            .deleteFrom('correspondence_tu_desks')
            .where('unit_id', '=', unitId)
            .where('employee_id', '=', employeeId)
            .executeTakeFirst()
        ).numDeletedRows,
      ) > 0,

    /** The city's own JRA rows for these codes. */
    retentionRows: (db: Db, city: string, codes: string[]) =>
      codes.length
        ? x(db)
            .selectFrom('naskah_retention_rules')
            .select(['classification_code', 'active_years', 'inactive_years', 'final_disposition'])
            .where('region_code', '=', city)
            .where('classification_code', 'in', codes)
            .execute()
        : Promise.resolve([]),
  };
}
export type CorrespondenceRepo = ReturnType<typeof createCorrespondenceRepo>;
export type NaskahRow = NonNullable<Awaited<ReturnType<CorrespondenceRepo['byId']>>>;
export type NaskahListRow = Awaited<ReturnType<CorrespondenceRepo['list']>>[number];
export type AgendaRow = Awaited<ReturnType<CorrespondenceRepo['agenda']>>[number];
