// SQL of disposisi (naskah_dispositions, migration 0028). The races are settled here, each by one conditional
// UPDATE: opening sets read_at only while not withdrawn; withdrawing only while unread, not withdrawn and not
// closed — so an open racing a withdraw has exactly one winner. Reads employees, users and org_units only to join.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { NaskahStatus, CorrespondenceTables } from './tables.js';

const x = (db: Db) => db.withTables<CorrespondenceTables>();
const day = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;

export interface NewDisposition {
  naskahId: number;
  parentId: number | null;
  fromEmployeeId: number;
  toEmployeeId: number;
  instructions: string[];
  note: string;
  dueDate: string;
  createdBy: number;
  at: Date;
}

export function createDispositionsRepo() {
  const nodes = (db: Db) =>
    x(db)
      .selectFrom('naskah_dispositions as d')
      .innerJoin('employees as fe', 'fe.id', 'd.from_employee_id')
      .innerJoin('users as fu', 'fu.id', 'fe.user_id')
      .innerJoin('employees as te', 'te.id', 'd.to_employee_id')
      .innerJoin('users as tu', 'tu.id', 'te.user_id')
      .innerJoin('org_units as to_unit', 'to_unit.id', 'te.unit_id')
      .select([
        'd.id',
        'd.naskah_id',
        'd.parent_id',
        'd.from_employee_id',
        'fu.full_name as from_name',
        'd.to_employee_id',
        'tu.full_name as to_name',
        'to_unit.name as to_unit_name',
        'd.instructions',
        'd.note',
        day('d.due_date').as('due_date'),
        'd.created_at',
        'd.read_at',
        'd.withdrawn_at',
        'd.closed_at',
        'd.closed_kind',
        'd.report_text',
        'd.report_file_id',
        'd.report_sha256',
      ]);

  return {
    /** Serialises the disposition writes of one naskah (create, withdraw, report, close): its row, locked. */
    lockNaskah: (trx: Db, id: number) =>
      x(trx)
        .selectFrom('naskah')
        .select(['id', 'status', 'closed_at'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirstOrThrow(),

    tree: (db: Db, naskahId: number) => nodes(db).where('d.naskah_id', '=', naskahId).orderBy('d.id').execute(),

    byId: (db: Db, id: number) => nodes(db).where('d.id', '=', id).executeTakeFirst(),

    /** Employees a disposition of the naskah names (not withdrawn): they see the naskah (policy.ts). */
    recipients: async (db: Db, naskahId: number) =>
      (
        await x(db)
          .selectFrom('naskah_dispositions')
          .select('to_employee_id')
          .where('naskah_id', '=', naskahId)
          .where('withdrawn_at', 'is', null)
          .execute()
      ).map((r) => r.to_employee_id),

    insert: async (trx: Db, r: NewDisposition) =>
      (
        await x(trx)
          .insertInto('naskah_dispositions')
          .values({
            naskah_id: r.naskahId,
            parent_id: r.parentId,
            from_employee_id: r.fromEmployeeId,
            to_employee_id: r.toEmployeeId,
            instructions: r.instructions,
            note: r.note,
            due_date: r.dueDate,
            created_by: r.createdBy,
            created_at: r.at,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,

    /** The read receipt: only the recipient, only while not withdrawn; true when this call recorded it. */
    open: async (db: Db, id: number, employeeId: number, at: Date) =>
      !!(await x(db)
        .updateTable('naskah_dispositions')
        .set({ read_at: at })
        .where('id', '=', id)
        .where('to_employee_id', '=', employeeId)
        .where('read_at', 'is', null)
        .where('withdrawn_at', 'is', null)
        .returning('id')
        .executeTakeFirst()),

    /** Opening the naskah opens every unread disposition of it addressed to this person. */
    openAllOf: async (db: Db, naskahId: number, employeeId: number, at: Date) =>
      (
        await x(db)
          .updateTable('naskah_dispositions')
          .set({ read_at: at })
          .where('naskah_id', '=', naskahId)
          .where('to_employee_id', '=', employeeId)
          .where('read_at', 'is', null)
          .where('withdrawn_at', 'is', null)
          .returning('id')
          .execute()
      ).map((r) => r.id),

    /** Withdraws only while unread and open: the guard of the race with `open`. */
    withdraw: async (trx: Db, id: number, by: number, at: Date) =>
      !!(await x(trx)
        .updateTable('naskah_dispositions')
        .set({ withdrawn_at: at, withdrawn_by: by })
        .where('id', '=', id)
        .where('read_at', 'is', null)
        .where('withdrawn_at', 'is', null)
        .where('closed_at', 'is', null)
        .returning('id')
        .executeTakeFirst()),

    close: async (
      trx: Db,
      id: number,
      c: { kind: 'laporan' | 'otomatis'; by: number; at: Date; text?: string; fileId?: number; sha256?: string },
    ) =>
      !!(await x(trx)
        .updateTable('naskah_dispositions')
        .set({
          closed_at: c.at,
          closed_kind: c.kind,
          closed_by: c.by,
          read_at: sql`coalesce(read_at, ${c.at})`,
          ...(c.kind === 'laporan'
            ? { report_text: c.text ?? null, report_file_id: c.fileId ?? null, report_sha256: c.sha256 ?? null }
            : {}),
        })
        .where('id', '=', id)
        .where('closed_at', 'is', null)
        .where('withdrawn_at', 'is', null)
        .returning('id')
        .executeTakeFirst()),

    setStatus: (trx: Db, naskahId: number, status: NaskahStatus, at: Date) =>
      x(trx)
        .updateTable('naskah')
        .set({ status, updated_at: at, version: sql`version + 1` })
        .where('id', '=', naskahId)
        .execute(),

    /** "Tidak perlu disposisi": only a naskah still diterima. */
    closeNaskah: async (trx: Db, naskahId: number, by: number, at: Date, note: string) =>
      !!(await x(trx)
        .updateTable('naskah')
        .set({
          status: 'selesai',
          closed_at: at,
          closed_by: by,
          closed_note: note,
          updated_at: at,
          version: sql`version + 1`,
        })
        .where('id', '=', naskahId)
        .where('status', '=', 'diterima')
        .returning('id')
        .executeTakeFirst()),

    /** Active employees under a unit path (the naskah's unit subtree): whom a form may offer. */
    employeesUnder: (db: Db, unitPath: string) =>
      x(db)
        .selectFrom('employees as e')
        .innerJoin('users as u', 'u.id', 'e.user_id')
        .innerJoin('org_units as o', 'o.id', 'e.unit_id')
        .select(['e.id', 'u.full_name', 'o.name as unit_name', 'o.path as unit_path'])
        .where('e.active', '=', true)
        .where((eb) => eb.or([eb('o.path', '=', unitPath), eb('o.path', 'like', `${unitPath}/%`)]))
        .orderBy('o.path')
        .orderBy('u.full_name')
        .execute(),

    employeesByIds: (db: Db, ids: number[]) =>
      ids.length
        ? x(db)
            .selectFrom('employees as e')
            .innerJoin('org_units as o', 'o.id', 'e.unit_id')
            .select(['e.id', 'o.path as unit_path'])
            .where('e.id', 'in', ids)
            .where('e.active', '=', true)
            .execute()
        : Promise.resolve([]),

    /** Dispositions addressed to or sent by a person (not withdrawn), with their naskah, newest first. */
    mine: (db: Db, employeeId: number, limit: number) =>
      nodes(db)
        .innerJoin('naskah as n', 'n.id', 'd.naskah_id')
        .select(['n.perihal', 'n.agenda_number', 'n.security_class'])
        .where('d.withdrawn_at', 'is', null)
        .where((eb) => eb.or([eb('d.to_employee_id', '=', employeeId), eb('d.from_employee_id', '=', employeeId)]))
        .orderBy('d.created_at', 'desc')
        .orderBy('d.id', 'desc')
        .limit(limit)
        .execute(),

    /** Unread (addressed to them, open) and overdue (to or from them, open, due day before today). */
    counters: async (db: Db, employeeId: number, today: string) => {
      const r = await x(db)
        .selectFrom('naskah_dispositions as d')
        .select([
          sql<number>`count(*) filter (where d.to_employee_id = ${employeeId} and d.read_at is null)::int`.as('unread'),
          sql<number>`count(*) filter (where d.due_date < ${today}::date)::int`.as('overdue'),
        ])
        .where('d.withdrawn_at', 'is', null)
        .where('d.closed_at', 'is', null)
        .where((eb) => eb.or([eb('d.to_employee_id', '=', employeeId), eb('d.from_employee_id', '=', employeeId)]))
        .executeTakeFirstOrThrow();
      return { unread: r.unread, overdue: r.overdue };
    },
  };
}
export type DispositionsRepo = ReturnType<typeof createDispositionsRepo>;
export type DispositionRow = NonNullable<Awaited<ReturnType<DispositionsRepo['byId']>>>;
export type MyDispositionRow = Awaited<ReturnType<DispositionsRepo['mine']>>[number];
