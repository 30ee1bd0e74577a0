// Use cases of disposisi (issue 15 item 4): dispose (top, by the head of the naskah's unit; or passing on, by a
// holder heading units), open (the read receipt), withdraw (only while unread: the database decides the race),
// report (closes a branch; parents close by themselves, dispositions-rules.ts), "tidak perlu disposisi", the tree,
// my list and the counters. Every write commits with its audit record; every read goes through the naskah's one
// access rule (`core.visible`: 404 otherwise). Due-date warnings and escalation: deadlines-service.ts.
// Queues follow the delegate (issue 15 item 1): a Plh./Plt. in force opens, passes on and reports the dispositions
// addressed to the person they stand in for; each such act is recorded with both names (employees' recordAct).
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, conflict, invalid, notFound, type FieldError } from '../../lib/errors.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import type { FileStorage } from '../../kernel/files/storage.js';
import type { ActingAs } from '../employees/index.js';
import type { Viewer } from './policy.js';
import type { NaskahReference } from './reference.js';
import type { NaskahRow } from './repo.js';
import type { DispositionRow, DispositionsRepo } from './dispositions-repo.js';
import {
  ancestorsToClose,
  DISPOSITION_NOTE_MAX,
  dispositionProblems,
  isOverdue,
  mayDisposeTo,
  mayReport,
  reachOf,
  reportProblems,
  treeDone,
  type TreeNode,
} from './dispositions-rules.js';

export interface DispositionsDeps {
  db: Db;
  clock: Clock;
  audit: AuditRepo;
  files: FileStorage;
  reference: NaskahReference;
  pdfMaxBytes: number;
  offsetMinutes: number;
  repo: DispositionsRepo;
  core: {
    viewer: (ctx: Ctx) => Promise<Viewer>;
    visible: (ctx: Ctx, id: number) => Promise<NaskahRow & { viewer: Viewer }>;
    today: () => string;
    checkPdf: (pdf: Buffer | undefined) => FieldError | Buffer;
  };
  /** The employees' acting service: whom the caller stands in for today, and the record of an act with both names. */
  acting: {
    holders: (ctx: Ctx, meId: number) => Promise<Map<number, ActingAs>>;
    record: (trx: Db, act: ActingAs, on: { entityType: string; entityId: number; step: string }) => Promise<unknown>;
    actsOn: (ids: number[]) => Promise<ActingAct[]>;
  };
}

export interface ActingAct {
  entity_id: string;
  step: string;
  kind: string;
  post_title: string;
  acted_at: Date;
  actor_name: string;
  holder_name: string | null;
}

export interface DisposeInput {
  /** The disposition passed on, or null for a top disposition. */
  parentId: number | null;
  to: number[];
  instructions: string[];
  dueDate: string;
  note: string;
}

const forbiddenWith = (key: Parameters<typeof conflict>[0]) => new AppError(403, key);
const asNode = (r: DispositionRow): TreeNode => ({
  id: r.id,
  parentId: r.parent_id,
  closed: r.closed_at !== null,
  withdrawn: r.withdrawn_at !== null,
});

export function createDispositionsService(d: DispositionsDeps) {
  const { db, clock, repo, core } = d;
  const codes = new Set(d.reference.instructions.map((i) => i.code));

  /** Whether the caller answers for a disposition addressed to `to`: themselves, as Plh./Plt. of its holder, or not. */
  async function answerFor(ctx: Ctx, v: Viewer, to: number): Promise<'self' | ActingAs | null> {
    if (v.employeeId === null) return null;
    if (to === v.employeeId) return 'self';
    if (!v.actsFor?.includes(to)) return null;
    return (await d.acting.holders(ctx, v.employeeId)).get(to) ?? null;
  }
  const actingDetails = (a: 'self' | ActingAs | null) =>
    a && a !== 'self' ? { actingFor: a.holderId, actingKind: a.kind, actingAssignment: a.assignmentId } : {};
  async function recordIfActing(trx: Db, a: 'self' | ActingAs | null, id: number, step: string) {
    if (a && a !== 'self') await d.acting.record(trx, a, { entityType: 'naskah_disposition', entityId: id, step });
  }
  const mine = (v: Viewer) => (v.employeeId === null ? [] : [v.employeeId, ...(v.actsFor ?? [])]);

  /** After a child closed or was withdrawn: close the parents that now close, and move the naskah's status. */
  async function settle(trx: Db, ctx: Ctx, n: { id: number; region_code: string }, parentId: number | null, at: Date) {
    const rows = await repo.tree(trx, n.id);
    const nodes = rows.map(asNode);
    for (const id of ancestorsToClose(nodes, parentId)) {
      await repo.close(trx, id, { kind: 'otomatis', by: ctx.scope.userId, at });
      nodes.find((x) => x.id === id)!.closed = true;
      await d.audit.append(
        trx,
        auditFrom(ctx, {
          action: 'naskah.disposition_closed',
          entityType: 'naskah_disposition',
          entityId: id,
          regionCode: n.region_code,
          details: { naskahId: n.id, kind: 'otomatis' },
        }),
      );
    }
    const live = nodes.filter((x) => !x.withdrawn);
    const status = treeDone(nodes) ? 'selesai' : live.length ? 'didisposisi' : 'diterima';
    await repo.setStatus(trx, n.id, status, at);
  }

  /** Which dispositions the person may act on, and whom they may name (the form's choices). */
  async function choices(v: Viewer, n: NaskahRow, rows: DispositionRow[]) {
    const me = v.employeeId;
    const nodes = rows.map(asNode);
    const open = n.status !== 'selesai' && n.direction === 'masuk';
    const top = me !== null && open && reachOf('top', v.headOf, n.unit_path).length > 0;
    const ids = mine(v);
    const held =
      me === null ? [] : rows.filter((r) => ids.includes(r.to_employee_id) && !r.closed_at && !r.withdrawn_at);
    const subReach = reachOf('sub', [...v.headOf, ...(v.actsForHeadOf ?? [])], n.unit_path);
    const passOn = open && subReach.length ? held : [];
    const reach = [...(top ? [n.unit_path] : []), ...(passOn.length ? subReach : [])];
    const people =
      me !== null && reach.length
        ? (await repo.employeesUnder(db, n.unit_path)).filter((e) =>
            mayDisposeTo(
              { reach, naskahUnitPath: n.unit_path, fromEmployeeId: me },
              { employeeId: e.id, unitPath: e.unit_path },
            ),
          )
        : [];
    return {
      top,
      passOn: passOn.map((r) => ({ id: r.id, fromName: r.from_name })),
      people,
      withdrawable: rows
        .filter((r) => r.from_employee_id === me && !r.read_at && !r.withdrawn_at && !r.closed_at)
        .map((r) => r.id),
      reportable: held.filter((r) => mayReport(nodes, r.id)).map((r) => r.id),
      /** Held for someone else (a.n.): the page marks them with the holder's name. */
      onBehalf: held.filter((r) => r.to_employee_id !== me).map((r) => r.id),
      closable: top && n.status === 'diterima' && !nodes.some((x) => !x.withdrawn),
    };
  }

  async function dispositionOrFail(ctx: Ctx, id: number) {
    const r = await repo.byId(db, id);
    if (!r) throw notFound();
    const n = await core.visible(ctx, r.naskah_id);
    return { r, n, v: n.viewer };
  }

  return {
    instructions: d.reference.instructions,
    pdfMaxBytes: d.pdfMaxBytes,

    /** The tree of a naskah (every node, withdrawn ones too) and what the person may do on it. */
    async tree(ctx: Ctx, naskahId: number) {
      const n = await core.visible(ctx, naskahId);
      const rows = await repo.tree(db, naskahId);
      const acts = await d.acting.actsOn(rows.map((r) => r.id));
      const can = await choices(n.viewer, n, rows);
      const holders =
        can.onBehalf.length && n.viewer.employeeId !== null
          ? await d.acting.holders(ctx, n.viewer.employeeId)
          : new Map<number, ActingAs>();
      // Held for someone else: which kind of standing in (Plh./Plt.), for the "a.n." mark.
      const behalf = rows
        .filter((r) => can.onBehalf.includes(r.id) && holders.has(r.to_employee_id))
        .map((r) => ({ id: r.id, kind: holders.get(r.to_employee_id)!.kind }));
      return { naskah: n, nodes: rows, acts, behalf, today: core.today(), can };
    },

    async dispose(ctx: Ctx, naskahId: number, input: DisposeInput) {
      const n = await core.visible(ctx, naskahId);
      const v = n.viewer;
      const me = v.employeeId;
      if (n.direction !== 'masuk') throw conflict('disposisi.err.not_incoming');
      if (n.status === 'selesai') throw conflict('disposisi.err.naskah_closed');
      if (me === null) throw forbiddenWith('disposisi.err.not_head');
      let reach: readonly string[];
      // Passing on a disposition held for someone else (Plh./Plt.): it goes out from them, a.n.
      let from = me;
      let answer: 'self' | ActingAs | null = 'self';
      if (input.parentId === null) {
        reach = reachOf('top', v.headOf, n.unit_path);
        if (!reach.length) throw forbiddenWith('disposisi.err.not_head');
      } else {
        const parent = await repo.byId(db, input.parentId);
        answer = parent && parent.naskah_id === naskahId ? await answerFor(ctx, v, parent.to_employee_id) : null;
        if (!parent || !answer) throw invalid([{ field: 'parentId', key: 'disposisi.err.parent' }]);
        if (parent.closed_at || parent.withdrawn_at) throw conflict('disposisi.err.closed');
        from = parent.to_employee_id;
        reach = reachOf('sub', answer === 'self' ? v.headOf : (v.actsForHeadOf ?? []), n.unit_path);
      }
      const errors = dispositionProblems(
        { to: input.to, instructions: input.instructions, dueDate: input.dueDate, note: input.note },
        core.today(),
        codes,
      );
      if (!errors.some((e) => e.field === 'to')) {
        const found = new Map((await repo.employeesByIds(db, input.to)).map((e) => [e.id, e.unit_path]));
        const ok = input.to.every((id) => {
          const path = found.get(id);
          return (
            path !== undefined &&
            mayDisposeTo(
              { reach, naskahUnitPath: n.unit_path, fromEmployeeId: from },
              { employeeId: id, unitPath: path },
            )
          );
        });
        if (!ok) errors.unshift({ field: 'to', key: 'disposisi.err.to_outside' });
      }
      if (errors.length) throw invalid(errors);
      const at = clock.now();
      return db.transaction().execute(async (trx) => {
        const locked = await repo.lockNaskah(trx, naskahId);
        if (locked.status === 'selesai') throw conflict('disposisi.err.naskah_closed');
        if (input.parentId !== null) {
          const parent = await repo.byId(trx, input.parentId);
          if (!parent || parent.closed_at || parent.withdrawn_at) throw conflict('disposisi.err.closed');
          // Passing a disposition on is acting on it: it counts as read.
          if (await repo.open(trx, parent.id, from, at)) await recordIfActing(trx, answer, parent.id, 'baca');
        }
        const ids: number[] = [];
        for (const to of input.to) {
          const id = await repo.insert(trx, {
            naskahId,
            parentId: input.parentId,
            fromEmployeeId: from,
            toEmployeeId: to,
            instructions: input.instructions,
            note: input.note.trim(),
            dueDate: input.dueDate,
            createdBy: ctx.scope.userId,
            at,
          });
          ids.push(id);
          await d.audit.append(
            trx,
            auditFrom(ctx, {
              action: 'naskah.disposed',
              entityType: 'naskah_disposition',
              entityId: id,
              regionCode: n.region_code,
              details: {
                naskahId,
                parentId: input.parentId,
                toEmployeeId: to,
                instructions: input.instructions,
                dueDate: input.dueDate,
                ...actingDetails(answer),
              },
            }),
          );
          await recordIfActing(trx, answer, id, 'disposisi');
        }
        if (locked.status === 'diterima') await repo.setStatus(trx, naskahId, 'didisposisi', at);
        return { ids };
      });
    },

    /** Opening a disposition: its recipient's read receipt (once; never after a withdrawal). */
    async open(ctx: Ctx, id: number) {
      const { r, n, v } = await dispositionOrFail(ctx, id);
      const answer = r.read_at ? null : await answerFor(ctx, v, r.to_employee_id);
      if (answer) {
        // The read receipt is the holder's disposition's; a Plh./Plt. opening it is recorded with both names.
        await db.transaction().execute(async (trx) => {
          if (!(await repo.open(trx, id, r.to_employee_id, clock.now()))) return;
          await recordIfActing(trx, answer, id, 'baca');
          await d.audit.append(
            trx,
            auditFrom(ctx, {
              action: 'naskah.disposition_read',
              entityType: 'naskah_disposition',
              entityId: id,
              regionCode: n.region_code,
              details: { naskahId: n.id, ...actingDetails(answer) },
            }),
          );
        });
      }
      return (await repo.byId(db, id))!;
    },

    /** Withdraws a disposition its sender sent, only while unread: the loser of a race with `open` gets 409. */
    async withdraw(ctx: Ctx, id: number) {
      const { r, n, v } = await dispositionOrFail(ctx, id);
      if (v.employeeId === null || r.from_employee_id !== v.employeeId) throw forbiddenWith('disposisi.err.not_sender');
      const at = clock.now();
      await db.transaction().execute(async (trx) => {
        await repo.lockNaskah(trx, n.id);
        if (!(await repo.withdraw(trx, id, ctx.scope.userId, at))) {
          const now = (await repo.byId(trx, id))!;
          if (now.withdrawn_at) throw conflict('disposisi.err.already_withdrawn');
          if (now.closed_at) throw conflict('disposisi.err.closed');
          throw conflict('disposisi.err.already_read');
        }
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'naskah.disposition_withdrawn',
            entityType: 'naskah_disposition',
            entityId: id,
            regionCode: n.region_code,
            details: { naskahId: n.id },
          }),
        );
        await settle(trx, ctx, n, r.parent_id, at);
      });
    },

    /** The follow-up report of the recipient: closes the branch (a parent waits for its children). */
    async report(ctx: Ctx, id: number, input: { text: string; pdf: Buffer | undefined }) {
      const { r, n, v } = await dispositionOrFail(ctx, id);
      const answer = await answerFor(ctx, v, r.to_employee_id);
      if (!answer) throw forbiddenWith('disposisi.err.not_holder');
      const errors = reportProblems(input.text);
      const pdf = input.pdf?.length ? core.checkPdf(input.pdf) : undefined;
      if (pdf && !Buffer.isBuffer(pdf)) errors.push(pdf);
      if (errors.length) throw invalid(errors);
      const at = clock.now();
      await db.transaction().execute(async (trx) => {
        await repo.lockNaskah(trx, n.id);
        const nodes = (await repo.tree(trx, n.id)).map(asNode);
        const me = nodes.find((x) => x.id === id)!;
        if (me.withdrawn) throw conflict('disposisi.err.already_withdrawn');
        if (me.closed) throw conflict('disposisi.err.closed');
        if (!mayReport(nodes, id)) throw conflict('disposisi.err.children_open');
        const file = Buffer.isBuffer(pdf)
          ? {
              fileId: await d.files.put(trx, { mime: 'application/pdf', content: pdf }),
              sha256: createHash('sha256').update(pdf).digest('hex'),
            }
          : {};
        await repo.close(trx, id, { kind: 'laporan', by: ctx.scope.userId, at, text: input.text.trim(), ...file });
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'naskah.disposition_reported',
            entityType: 'naskah_disposition',
            entityId: id,
            regionCode: n.region_code,
            details: { naskahId: n.id, ...(file.sha256 ? { sha256: file.sha256 } : {}), ...actingDetails(answer) },
          }),
        );
        await recordIfActing(trx, answer, id, 'lapor');
        await settle(trx, ctx, n, r.parent_id, at);
      });
    },

    /** The naskah of a disposition the person may see (404 otherwise); opens nothing. */
    naskahOf: async (ctx: Ctx, id: number) => (await dispositionOrFail(ctx, id)).n.id,

    /** A report's PDF, under the naskah's access rule. */
    async reportFile(ctx: Ctx, id: number) {
      const { r, n } = await dispositionOrFail(ctx, id);
      const f = r.report_file_id ? await d.files.get(db, r.report_file_id) : undefined;
      if (!f) throw notFound();
      await d.audit.append(
        db,
        auditFrom(ctx, {
          action: 'naskah.disposition_report_viewed',
          entityType: 'naskah_disposition',
          entityId: id,
          regionCode: n.region_code,
        }),
      );
      return { ...f, name: `laporan-disposisi-${id}` };
    },

    /** "Tidak perlu disposisi": the head of the naskah's unit closes a naskah not disposed, with the reason. */
    async closeWithoutDisposition(ctx: Ctx, naskahId: number, note: string) {
      const n = await core.visible(ctx, naskahId);
      if (!reachOf('top', n.viewer.headOf, n.unit_path).length) throw forbiddenWith('disposisi.err.not_head');
      const text = note.trim();
      if (!text || text.length > DISPOSITION_NOTE_MAX)
        throw invalid([{ field: 'note', key: 'disposisi.err.close_note', params: { max: DISPOSITION_NOTE_MAX } }]);
      const at = clock.now();
      await db.transaction().execute(async (trx) => {
        await repo.lockNaskah(trx, naskahId);
        const live = (await repo.tree(trx, naskahId)).filter((x) => !x.withdrawn_at);
        if (live.length || !(await repo.closeNaskah(trx, naskahId, ctx.scope.userId, at, text)))
          throw conflict('disposisi.err.close_not_allowed');
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'naskah.closed_no_disposition',
            entityType: 'naskah',
            entityId: naskahId,
            regionCode: n.region_code,
          }),
        );
      });
    },

    /** Dispositions to or from the person, newest first, with overdue marked (the city's today). */
    async mine(ctx: Ctx) {
      const v = await core.viewer(ctx);
      if (v.employeeId === null) return [];
      const today = core.today();
      const holders = v.actsFor?.length ? await d.acting.holders(ctx, v.employeeId) : new Map<number, ActingAs>();
      // The open dispositions addressed to the people the caller stands in for join their queue, marked a.n.
      const forOthers = (await Promise.all([...holders.keys()].map((h) => repo.mine(db, h, 200))))
        .flat()
        .filter((r) => holders.has(r.to_employee_id) && !r.closed_at);
      const own = await repo.mine(db, v.employeeId, 200);
      const seen = new Set(own.map((r) => r.id));
      return [...own, ...forOthers.filter((r) => !seen.has(r.id) && !!seen.add(r.id))]
        .sort((a, b) => new Date(b.created_at).getTime() - new Date(a.created_at).getTime() || b.id - a.id)
        .map((r) => {
          const acting = r.to_employee_id === v.employeeId ? undefined : holders.get(r.to_employee_id);
          return {
            ...r,
            mineToAct: r.to_employee_id === v.employeeId || !!acting,
            onBehalfOf: acting ? { name: r.to_name, kind: acting.kind } : null,
            overdue: isOverdue({ dueDate: r.due_date, closed: !!r.closed_at, withdrawn: !!r.withdrawn_at }, today),
          };
        });
    },

    /**
     * The counters of /surat: dispositions unread (to the person) and overdue (to or from them, not closed), with
     * those of the people they stand in for as Plh./Plt. added.
     */
    async counters(ctx: Ctx) {
      const v = await core.viewer(ctx);
      if (v.employeeId === null) return { unread: 0, overdue: 0 };
      // A Plh./Plt. in force counts the queues of the people they stand in for too.
      const all = await Promise.all(mine(v).map((id) => repo.counters(db, id, core.today())));
      return all.reduce((a, c) => ({ unread: a.unread + c.unread, overdue: a.overdue + c.overdue }));
    },
  };
}
export type DispositionsService = ReturnType<typeof createDispositionsService>;
