// SQL of naskah keluar (migration 0029). Step actions are single conditional UPDATEs: the step is still waiting,
// belongs to the round in force of a naskah under verification, and no acting step before it waits — so of many
// simultaneous clicks exactly one changes the row. Numbers come from a counter row per series and year, created
// or bumped by one upsert whose row lock is held until the signing transaction ends (never max()+1).
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import type { SecurityClass, Urgency, FinalDisposition } from './rules.js';
import type { Addressee, KeluarTables, StepRole, StepStatus } from './keluar-tables.js';

const x = (db: Db) => db.withTables<KeluarTables>();

export interface KeluarInsert {
  regionCode: string;
  unitId: number;
  kindCode: string;
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
  replyToId: number | null;
  key: string;
  createdBy: number;
  at: Date;
}

/** A waiting acting step that is the current one of its naskah (SQL twin of keluar-rules.ts currentStep). */
const isCurrent = sql<SqlBool>`s.status = 'menunggu' and s.role <> 'tembusan' and n.status = 'diverifikasi'
  and s.round = n.routing_round and not exists (select 1 from naskah_routing_steps p where p.naskah_id = s.naskah_id
  and p.round = s.round and p.position < s.position and p.status = 'menunggu' and p.role <> 'tembusan')`;

export function createKeluarRepo() {
  return {
    insertKeluar: async (trx: Db, r: KeluarInsert) =>
      (
        await x(trx)
          .insertInto('naskah')
          .values({
            region_code: r.regionCode,
            unit_id: r.unitId,
            direction: 'keluar',
            status: 'diverifikasi',
            kind_code: r.kindCode,
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
            reply_to_id: r.replyToId,
            idempotency_key: r.key,
            created_by: r.createdBy,
            created_at: r.at,
            updated_at: r.at,
            current_version: 1,
            routing_round: 1,
          })
          .onConflict((oc) => oc.columns(['created_by', 'idempotency_key']).doNothing())
          .returning('id')
          .executeTakeFirst()
      )?.id,

    insertVersion: (
      trx: Db,
      v: {
        naskahId: number;
        version: number;
        perihal: string;
        body: string;
        addressees: Addressee[];
        lampiran: number;
        by: number;
        at: Date;
      },
    ) =>
      x(trx)
        .insertInto('naskah_versions')
        .values({
          naskah_id: v.naskahId,
          version: v.version,
          perihal: v.perihal,
          body: v.body,
          addressees: JSON.stringify(v.addressees),
          lampiran: v.lampiran,
          created_by: v.by,
          created_at: v.at,
        })
        .execute(),

    insertAttachment: (
      trx: Db,
      a: { naskahId: number; version: number; fileId: number; sha256: string; name: string },
    ) =>
      x(trx)
        .insertInto('naskah_attachments')
        .values({ naskah_id: a.naskahId, version: a.version, file_id: a.fileId, sha256: a.sha256, name: a.name })
        .execute(),

    insertSteps: (
      trx: Db,
      naskahId: number,
      round: number,
      version: number,
      steps: { role: StepRole; employeeId: number }[],
    ) =>
      x(trx)
        .insertInto('naskah_routing_steps')
        .values(
          steps.map((s, i) => ({
            naskah_id: naskahId,
            round,
            position: i + 1,
            role: s.role,
            employee_id: s.employeeId,
            version,
          })),
        )
        .execute(),

    versions: (db: Db, naskahId: number) =>
      x(db)
        .selectFrom('naskah_versions as v')
        .innerJoin('users as u', 'u.id', 'v.created_by')
        .select([
          'v.version',
          'v.perihal',
          'v.body',
          'v.addressees',
          'v.lampiran',
          'v.created_at',
          'u.full_name as by_name',
        ])
        .where('v.naskah_id', '=', naskahId)
        .orderBy('v.version')
        .execute(),

    attachments: (db: Db, naskahId: number) =>
      x(db)
        .selectFrom('naskah_attachments')
        .select(['id', 'version', 'file_id', 'sha256', 'name'])
        .where('naskah_id', '=', naskahId)
        .orderBy('id')
        .execute(),

    /** Every step of every round, with the person's and the actor's names and posts. */
    steps: (db: Db, naskahId: number) =>
      x(db)
        .selectFrom('naskah_routing_steps as s')
        .innerJoin('employees as e', 'e.id', 's.employee_id')
        .innerJoin('users as pu', 'pu.id', 'e.user_id')
        .leftJoin('employees as a', 'a.id', 's.actor_employee_id')
        .leftJoin('users as au', 'au.id', 'a.user_id')
        .select([
          's.id',
          's.round',
          's.position',
          's.role',
          's.status',
          's.version',
          's.employee_id',
          's.acted_at',
          's.actor_employee_id',
          's.acting_kind',
          's.comment',
          'pu.full_name as person_name',
          'e.position as person_position',
          'e.nip as person_nip',
          'au.full_name as actor_name',
        ])
        .where('s.naskah_id', '=', naskahId)
        .orderBy('s.round')
        .orderBy('s.position')
        .execute(),

    /** Employees named in a step: acting steps (they see the naskah) and copies (they read it): policy.ts. */
    participants: async (db: Db, naskahId: number) => {
      const rows = await x(db)
        .selectFrom('naskah_routing_steps')
        .select(['employee_id', 'role'])
        .distinct()
        .where('naskah_id', '=', naskahId)
        .execute();
      return {
        acting: rows.filter((r) => r.role !== 'tembusan').map((r) => r.employee_id),
        copies: rows.filter((r) => r.role === 'tembusan').map((r) => r.employee_id),
      };
    },

    /** The one guarded state change of a step: returns false when it was not (or no longer) the current step. */
    actStep: async (
      trx: Db,
      a: {
        stepId: number;
        status: StepStatus;
        actorId: number;
        actingKind: 'plt' | 'plh' | 'an' | 'ub' | null;
        comment: string | null;
        at: Date;
      },
    ) => {
      const r = await sql<{ id: number }>`update naskah_routing_steps s set status = ${a.status}, acted_at = ${a.at},
          actor_employee_id = ${a.actorId}, acting_kind = ${a.actingKind}, comment = ${a.comment}
        from naskah n where n.id = s.naskah_id and s.id = ${a.stepId} and ${isCurrent} returning s.id`.execute(trx);
      return r.rows.length === 1;
    },

    /** A return ends the round: the steps still waiting are cancelled, the naskah goes back to its drafter. */
    endRound: async (trx: Db, naskahId: number, round: number, at: Date) => {
      await x(trx)
        .updateTable('naskah_routing_steps')
        .set({ status: 'batal' })
        .where('naskah_id', '=', naskahId)
        .where('round', '=', round)
        .where('status', '=', 'menunggu')
        .execute();
      await x(trx).updateTable('naskah').set({ status: 'draf', updated_at: at }).where('id', '=', naskahId).execute();
    },

    /** The drafter's new version: only from 'draf' and the version they saw (two editors: one wins). */
    startRevision: async (trx: Db, naskahId: number, fromVersion: number, perihal: string, at: Date) =>
      await x(trx)
        .updateTable('naskah')
        .set((eb) => ({
          status: 'diverifikasi',
          current_version: eb('current_version', '+', 1),
          routing_round: eb('routing_round', '+', 1),
          perihal,
          updated_at: at,
        }))
        .where('id', '=', naskahId)
        .where('status', '=', 'draf')
        .where('current_version', '=', fromVersion)
        .returning(['current_version', 'routing_round'])
        .executeTakeFirst(),

    /** No acting step left waiting in the round: the naskah stays 'diverifikasi' until the signer signs. */
    nextNumber: async (trx: Db, series: string, year: number) =>
      (
        await x(trx)
          .insertInto('naskah_number_counters')
          .values({ series, year, last_number: 1 })
          .onConflict((oc) =>
            oc.columns(['series', 'year']).doUpdateSet({ last_number: sql`naskah_number_counters.last_number + 1` }),
          )
          .returning('last_number')
          .executeTakeFirstOrThrow()
      ).last_number,

    markSigned: async (
      trx: Db,
      s: {
        naskahId: number;
        series: string;
        year: number;
        seq: number;
        number: string;
        at: Date;
        signerId: number;
        fileId: number;
        sha256: string;
        verifyCode: string;
      },
    ) =>
      Number(
        (
          await x(trx)
            .updateTable('naskah')
            .set({
              status: 'ditandatangani',
              number_series: s.series,
              number_year: s.year,
              number_seq: s.seq,
              letter_number: s.number,
              signed_at: s.at,
              signed_by: s.signerId,
              file_id: s.fileId,
              file_sha256: s.sha256,
              verify_code: s.verifyCode,
              updated_at: s.at,
            })
            .where('id', '=', s.naskahId)
            .where('status', '=', 'diverifikasi')
            .executeTakeFirst()
        ).numUpdatedRows,
      ) === 1,

    /** Signed → sent, once: the guard of a dispatch (a retry or a second click finds it done). */
    markSent: async (trx: Db, naskahId: number, at: Date) =>
      Number(
        (
          await x(trx)
            .updateTable('naskah')
            .set({ status: 'dikirim', sent_at: at, updated_at: at })
            .where('id', '=', naskahId)
            .where('status', '=', 'ditandatangani')
            .executeTakeFirst()
        ).numUpdatedRows,
      ) === 1,

    insertDispatch: (
      trx: Db,
      d: {
        naskahId: number;
        kind: 'internal' | 'external';
        targetUnitId: number | null;
        incomingId: number | null;
        name: string | null;
        address: string | null;
        email: string | null;
        status: 'terkirim' | 'antre';
        by: number;
        at: Date;
      },
    ) =>
      x(trx)
        .insertInto('naskah_dispatches')
        .values({
          naskah_id: d.naskahId,
          kind: d.kind,
          target_unit_id: d.targetUnitId,
          incoming_naskah_id: d.incomingId,
          name: d.name,
          address: d.address,
          email: d.email,
          status: d.status,
          created_by: d.by,
          created_at: d.at,
          sent_at: d.status === 'terkirim' ? d.at : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),

    /** External e-mails waiting, locked for this run (another instance skips them): the outbox worker's batch. */
    queuedMail: (trx: Db, limit: number) =>
      x(trx)
        .selectFrom('naskah_dispatches as d')
        .innerJoin('naskah as n', 'n.id', 'd.naskah_id')
        .select([
          'd.id',
          'd.email',
          'd.name',
          'd.attempts',
          'n.id as naskah_id',
          'n.letter_number',
          'n.perihal',
          'n.file_id',
        ])
        .where('d.kind', '=', 'external')
        .where('d.status', '=', 'antre')
        .orderBy('d.id')
        .limit(limit)
        .forUpdate('d')
        .skipLocked()
        .execute(),

    /** The outcome of one send: sent, or one more failed attempt (failed for good after `maxAttempts`). */
    markMail: (trx: Db, id: number, r: { ok: boolean; at: Date; maxAttempts: number }) =>
      x(trx)
        .updateTable('naskah_dispatches')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          status: r.ok
            ? 'terkirim'
            : sql<'antre' | 'gagal'>`case when attempts + 1 >= ${r.maxAttempts} then 'gagal' else 'antre' end`,
          sent_at: r.ok ? r.at : null,
        }))
        .where('id', '=', id)
        .where('status', '=', 'antre')
        .execute(),

    dispatches: (db: Db, naskahId: number) =>
      x(db)
        .selectFrom('naskah_dispatches as d')
        .leftJoin('org_units as u', 'u.id', 'd.target_unit_id')
        .leftJoin('naskah as m', 'm.id', 'd.incoming_naskah_id')
        .select([
          'd.id',
          'd.kind',
          'd.target_unit_id',
          'u.name as unit_name',
          'd.incoming_naskah_id',
          'm.agenda_number',
          'd.name',
          'd.email',
          'd.status',
          'd.created_at',
        ])
        .where('d.naskah_id', '=', naskahId)
        .orderBy('d.id')
        .execute(),

    /** The keluar naskah an incoming one came from, when it arrived by dispatch (to link a reply back to it). */
    sourceOfIncoming: async (db: Db, incomingId: number) =>
      (await x(db)
        .selectFrom('naskah_dispatches')
        .select(['naskah_id', 'target_unit_id'])
        .where('incoming_naskah_id', '=', incomingId)
        .executeTakeFirst()) ?? null,

    /** The keluar columns of a naskah (migration 0029), beside the common ones repo.ts reads. */
    keluarFields: (db: Db, id: number) =>
      x(db)
        .selectFrom('naskah')
        .select([
          'current_version',
          'routing_round',
          'letter_number',
          'number_seq',
          'signed_at',
          'signed_by',
          'verify_code',
          'sent_at',
          'reply_to_id',
        ])
        .where('id', '=', id)
        .executeTakeFirst(),

    /** A person of the staff register in the city, with what a signature block prints. */
    employeeInCity: (db: Db, id: number, city: string) =>
      x(db)
        .selectFrom('employees as e')
        .innerJoin('users as u', 'u.id', 'e.user_id')
        .innerJoin('org_units as o', 'o.id', 'e.unit_id')
        .select(['e.id', 'e.nip', 'e.position', 'e.grade', 'u.full_name', 'o.path as unit_path', 'o.name as unit_name'])
        .where('e.id', '=', id)
        .where('e.active', '=', true)
        .where('o.path', 'like', `${city}/%`)
        .executeTakeFirst(),

    /** A person of the city by the number people type (NIP, NI PPPK, nomor pegawai). */
    employeeByNumber: (db: Db, number: string, city: string) =>
      x(db)
        .selectFrom('employees as e')
        .innerJoin('org_units as o', 'o.id', 'e.unit_id')
        .select(['e.id'])
        .where((eb) => eb.or([eb('e.nip', '=', number), eb('e.staff_number', '=', number)]))
        .where('e.active', '=', true)
        .where('o.path', 'like', `${city}/%`)
        .executeTakeFirst(),

    /** The active units of a city, in tree order. */
    unitsOfCity: (db: Db, city: string) =>
      x(db)
        .selectFrom('org_units')
        .select(['id', 'name', 'path'])
        .where('path', 'like', `${city}/%`)
        .where('active', '=', true)
        .orderBy('path')
        .execute(),

    /** The units along a path (the naskah's unit and those above it), top first. */
    unitsAlong: (db: Db, paths: string[]) =>
      paths.length
        ? x(db)
            .selectFrom('org_units')
            .select(['id', 'path', 'name', 'kind', 'code', 'head_employee_id'])
            .where('path', 'in', paths)
            .orderBy('path')
            .execute()
        : Promise.resolve([]),

    // ── Defaults per kind and unit ──
    defaults: (db: Db, unitId: number, kindCode: string) =>
      x(db)
        .selectFrom('naskah_routing_defaults as d')
        .innerJoin('employees as e', 'e.id', 'd.employee_id')
        .innerJoin('users as u', 'u.id', 'e.user_id')
        .select(['d.position', 'd.role', 'd.employee_id', 'e.nip', 'e.staff_number', 'u.full_name'])
        .where('d.unit_id', '=', unitId)
        .where('d.kind_code', '=', kindCode)
        .orderBy('d.position')
        .execute(),
    replaceDefaults: async (
      trx: Db,
      unitId: number,
      kindCode: string,
      steps: { role: StepRole; employeeId: number }[],
      by: number,
    ) => {
      await x(trx)
        .deleteFrom('naskah_routing_defaults')
        .where('unit_id', '=', unitId)
        .where('kind_code', '=', kindCode)
        .execute();
      if (steps.length)
        await x(trx)
          .insertInto('naskah_routing_defaults')
          .values(
            steps.map((s, i) => ({
              unit_id: unitId,
              kind_code: kindCode,
              position: i + 1,
              role: s.role,
              employee_id: s.employeeId,
              updated_by: by,
            })),
          )
          .execute();
    },

    // ── Queues and counters: the caller's employee id and those they act for (Plt./Plh.) ──
    queue: (db: Db, who: number[], kind: 'tandatangan' | 'verifikasi' | 'tembusan' | 'belum_kirim', userId: number) => {
      let q = x(db)
        .selectFrom('naskah as n')
        .innerJoin('org_units as u', 'u.id', 'n.unit_id')
        .select([
          'n.id',
          'n.perihal',
          'n.status',
          'n.letter_number',
          'n.kind_code',
          'n.updated_at',
          'u.name as unit_name',
        ])
        .where('n.direction', '=', 'keluar');
      if (kind === 'tandatangan' || kind === 'verifikasi')
        q = q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('naskah_routing_steps as s')
              .select('s.id')
              .whereRef('s.naskah_id', '=', 'n.id')
              .where('s.employee_id', 'in', who)
              .where(
                kind === 'tandatangan'
                  ? sql<SqlBool>`s.role = 'tandatangan'`
                  : sql<SqlBool>`s.role in ('paraf', 'pendapat')`,
              )
              .where(isCurrent),
          ),
        );
      else if (kind === 'tembusan')
        q = q
          .where('n.status', 'in', ['ditandatangani', 'dikirim'])
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('naskah_routing_steps as s')
                .select('s.id')
                .whereRef('s.naskah_id', '=', 'n.id')
                .whereRef('s.round', '=', 'n.routing_round')
                .where('s.role', '=', 'tembusan')
                .where('s.employee_id', 'in', who),
            ),
          )
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
          );
      else
        q = q
          .where('n.status', '=', 'ditandatangani')
          .where((eb) => eb.or([eb('n.created_by', '=', userId), eb('n.signed_by', 'in', who)]));
      return q.orderBy('n.updated_at', 'desc').limit(200).execute();
    },

    /** The caller's own drafts and naskah keluar still in progress (not yet signed), newest first. */
    mine: (db: Db, userId: number) =>
      x(db)
        .selectFrom('naskah as n')
        .innerJoin('org_units as u', 'u.id', 'n.unit_id')
        .select([
          'n.id',
          'n.perihal',
          'n.status',
          'n.letter_number',
          'n.kind_code',
          'n.updated_at',
          'u.name as unit_name',
        ])
        .where('n.direction', '=', 'keluar')
        .where('n.created_by', '=', userId)
        .orderBy('n.updated_at', 'desc')
        .limit(200)
        .execute(),
  };
}
export type KeluarRepo = ReturnType<typeof createKeluarRepo>;
export type StepRow = Awaited<ReturnType<KeluarRepo['steps']>>[number];
