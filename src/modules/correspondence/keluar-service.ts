// Use cases of naskah keluar (issue 15 item 5): drafting from a template with attachments, the routing list
// (defaults per kind and unit, edited by the drafter within keluar-rules.ts), acting on a step (paraf, pendapat,
// return with a comment), versions and their diff, queues and counters. Signing and dispatch: keluar-sign.ts.
// A return ends the round; the drafter's new version starts a new round from the FIRST verifier (every verifier
// sees the text that will be signed — chosen over resuming at the returning step, documented in ARCHITECTURE.md).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { conflict, fieldError, forbidden, invalid, notFound, type FieldError } from '../../lib/errors.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import type { FileStorage } from '../../kernel/files/storage.js';
import type { ClassificationReader } from '../catalogue/service.js';
import { cityOfScope, type EmployeesService } from '../employees/service.js';
import type { ActingAs } from '../employees/index.js';
import { canRegisterFor, type Viewer } from './policy.js';
import type { NaskahReference } from './reference.js';
import type { CorrespondenceRepo, NaskahRow } from './repo.js';
import { KEY, type RetentionRow, type SecurityClass, type Urgency } from './rules.js';
import { diffText } from './keluar-diff.js';
import { createKeluarRepo, type StepRow } from './keluar-repo.js';
import { actAllowed, currentStep, routingProblems, type RouteStep, type StepAct } from './keluar-rules.js';
import type { Addressee } from './keluar-tables.js';

export const BODY_MAX = 20000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TEMPLATES = JSON.parse(
  readFileSync(new URL('../../../reference/naskah-keluar-templat.json', import.meta.url), 'utf8'),
) as Record<string, string>;
/** The starting text of a kind (reference/naskah-keluar-templat.json; `_umum` for a kind without one). */
export const templateOf = (kind: string) => TEMPLATES[kind] ?? TEMPLATES._umum ?? '';

/** '35.74/1/2' → ['35.74/1', '35.74/1/2']: the unit and every unit above it (paths start with the city). */
export function pathsAlong(unitPath: string) {
  const parts = unitPath.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 2).join('/'));
}

export type AddresseeInput =
  | { type: 'internal'; unitId: number }
  | { type: 'external'; name: string; address?: string | undefined; email: string };

export interface DraftInput {
  idempotencyKey: string;
  unitId: number;
  kindCode: string;
  perihal: string;
  classificationCode: string;
  securityClass: string;
  urgency: string;
  addressees: AddresseeInput[];
  body: string;
  replyToId?: number | null | undefined;
  /** Omitted: the unit's configured default for the kind. */
  routing?: RouteStep[] | undefined;
  attachments: { name: string; content: Buffer }[];
}

export interface KeluarCore {
  viewer(ctx: Ctx): Promise<Viewer>;
  visible(ctx: Ctx, id: number): Promise<NaskahRow & { viewer: Viewer }>;
  checkPdf(pdf: Buffer | undefined): FieldError | Buffer;
  retentionOf(city: string, code: string): Promise<(RetentionRow & { source: 'kota' | 'bawaan' }) | null>;
}

export interface KeluarDeps {
  db: Db;
  clock: Clock;
  audit: AuditRepo;
  files: FileStorage;
  employees: EmployeesService;
  classifications: ClassificationReader;
  reference: NaskahReference;
  repo: CorrespondenceRepo;
  core: KeluarCore;
}

class Replayed extends Error {}

export function createKeluarDrafting(d: KeluarDeps) {
  const { db, clock } = d;
  const repo = createKeluarRepo();
  const kinds = new Set(d.reference.kinds.map((k) => k.code));

  /** Heads of the unit and of every unit above it (a vacant post: its Plt.), and their Plt./Plh. in force. */
  async function entitledSigners(ctx: Ctx, unitPath: string) {
    const paths = pathsAlong(unitPath);
    const heads = await d.employees.read.headsAlong(db, paths);
    const out = new Set<number>(heads.flatMap((h) => (h.head_employee_id ? [h.head_employee_id] : [])));
    for (const u of await repo.unitsAlong(db, paths)) {
      const a = await d.employees.acting.actingFor(ctx, { unitId: u.id });
      if (a) out.add(a.actorId);
    }
    return out;
  }

  /** The person the caller is, or acts for (Plt./Plh.), on this step; null when neither. */
  async function actorFor(ctx: Ctx, v: Viewer, stepEmployeeId: number): Promise<{ self: true } | ActingAs | null> {
    if (v.employeeId === null) return null;
    if (v.employeeId === stepEmployeeId) return { self: true };
    return (await d.employees.acting.queueHolders(ctx, v.employeeId)).get(stepEmployeeId) ?? null;
  }

  async function checkRouting(ctx: Ctx, unitPath: string, steps: RouteStep[]): Promise<FieldError[]> {
    const city = cityOfScope(ctx);
    const errors: FieldError[] = [];
    for (const s of steps) {
      if (!(await repo.employeeInCity(db, s.employeeId, city))) {
        errors.push({ field: 'routing', key: 'keluar.err.routing_person', params: { id: s.employeeId } });
        return errors;
      }
    }
    const problems = routingProblems(steps, await entitledSigners(ctx, unitPath));
    return problems.map((p) => ({ field: 'routing', key: `keluar.err.routing_${p}` as const }));
  }

  async function addresseesOf(ctx: Ctx, input: AddresseeInput[]): Promise<Addressee[] | FieldError> {
    if (!input.length || input.length > 50) return { field: 'addressees', key: 'keluar.err.addressees' };
    const units = await repo.unitsOfCity(db, cityOfScope(ctx));
    const out: Addressee[] = [];
    for (const a of input) {
      if (a.type === 'internal') {
        const u = units.find((x) => x.id === a.unitId);
        if (!u) return { field: 'addressees', key: 'keluar.err.addressee_unit' };
        out.push({ type: 'internal', unitId: u.id, name: u.name });
      } else {
        const email = a.email.trim();
        if (!a.name.trim() || !EMAIL.test(email)) return { field: 'addressees', key: 'keluar.err.addressee_external' };
        out.push({ type: 'external', name: a.name.trim(), address: (a.address ?? '').trim(), email });
      }
    }
    return out;
  }

  function checkAttachments(list: { name: string; content: Buffer }[], errors: FieldError[]) {
    if (list.length > 10) errors.push({ field: 'attachments', key: 'keluar.err.attachments_many' });
    return list.flatMap((a) => {
      const r = d.core.checkPdf(a.content);
      if (!Buffer.isBuffer(r)) {
        errors.push({ ...r, field: 'attachments' });
        return [];
      }
      return [{ name: a.name.trim().slice(0, 200) || 'lampiran.pdf', content: r }];
    });
  }

  async function writeAttachments(
    trx: Db,
    naskahId: number,
    version: number,
    list: { name: string; content: Buffer }[],
  ) {
    for (const a of list) {
      const fileId = await d.files.put(trx, { mime: 'application/pdf', content: a.content });
      const sha256 = createHash('sha256').update(a.content).digest('hex');
      await repo.insertAttachment(trx, { naskahId, version, fileId, sha256, name: a.name });
    }
  }

  async function detail(ctx: Ctx, id: number) {
    const n = await d.core.visible(ctx, id);
    if (n.direction !== 'keluar') throw notFound();
    const [versions, steps, attachments, dispatches] = await Promise.all([
      repo.versions(db, id),
      repo.steps(db, id),
      repo.attachments(db, id),
      repo.dispatches(db, id),
    ]);
    const extra = await keluarOf(id);
    const round = steps.filter((s) => s.round === extra.routing_round);
    const cur = n.status === 'diverifikasi' ? currentStep(round.map(asState)) : null;
    const current = cur ? round.find((s) => s.id === cur.id)! : null;
    const mine = current ? await actorFor(ctx, n.viewer, current.employee_id) : null;
    return { naskah: { ...n, ...extra }, versions, steps, round, attachments, dispatches, current, canAct: !!mine };
  }

  const asState = (s: StepRow) => ({
    id: s.id,
    position: s.position,
    role: s.role,
    status: s.status,
    employeeId: s.employee_id,
  });
  const keluarOf = async (id: number) => (await repo.keluarFields(db, id))!;

  return {
    templateOf,
    entitledSigners,
    actorFor,
    detail,
    keluarOf,
    diff: (before: string, after: string) => diffText(before, after),

    /** Units of the city a naskah may be addressed to. */
    addresseeUnits: (ctx: Ctx) => repo.unitsOfCity(db, cityOfScope(ctx)),
    /** The default routing list of a kind in a unit (empty when none is configured). */
    defaults: (unitId: number, kindCode: string) => repo.defaults(db, unitId, kindCode),

    /** Units the caller may draft for: their own, those they head and those whose TU desk they keep. */
    async draftableUnits(ctx: Ctx) {
      const v = await d.core.viewer(ctx);
      if (v.employeeId === null) return [];
      const units = await d.employees.units(ctx);
      return units
        .filter((u) => u.path === v.unitPath || v.headOf.includes(u.path) || v.tuOf.includes(u.path))
        .map((u) => ({ id: u.id, name: u.name, path: u.path }));
    },

    async draft(ctx: Ctx, input: DraftInput): Promise<{ id: number; replay: boolean }> {
      if (!KEY.test(input.idempotencyKey)) throw fieldError('idempotencyKey', 'surat.err.key');
      const before = await d.repo.idByKey(db, ctx.scope.userId, input.idempotencyKey);
      if (before) return { id: before, replay: true };
      const v = await d.core.viewer(ctx);
      const unit = await d.repo.unitById(db, input.unitId);
      const errors: FieldError[] = [];
      const mayDraft = !!unit && v.employeeId !== null && (v.unitPath === unit.path || canRegisterFor(v, unit.path));
      if (!unit || !mayDraft) errors.push({ field: 'unitId', key: 'surat.err.unit' });
      if (!kinds.has(input.kindCode)) errors.push({ field: 'kindCode', key: 'surat.err.choose' });
      const perihal = input.perihal.trim();
      if (!perihal || perihal.length > 500)
        errors.push({ field: 'perihal', key: 'surat.err.required', params: { max: 500 } });
      const body = input.body.replace(/\r\n/g, '\n').trim();
      if (!body || body.length > BODY_MAX)
        errors.push({ field: 'body', key: 'keluar.err.body', params: { max: BODY_MAX } });
      if (!d.reference.security.some((s) => s.code === input.securityClass))
        errors.push({ field: 'securityClass', key: 'surat.err.choose' });
      if (!d.reference.urgency.some((s) => s.code === input.urgency))
        errors.push({ field: 'urgency', key: 'surat.err.choose' });
      const cls = await d.classifications.byCode(db, input.classificationCode.trim());
      if (!cls?.active)
        errors.push({
          field: 'classificationCode',
          key: 'surat.err.classification_unknown',
          params: { code: input.classificationCode.trim() },
        });
      const addressees = await addresseesOf(ctx, input.addressees);
      if (!Array.isArray(addressees)) errors.push(addressees);
      let replyToId: number | null = null;
      if (input.replyToId) {
        const r = unit ? await d.core.visible(ctx, input.replyToId).catch(() => null) : null;
        if (!r || r.direction !== 'masuk' || r.unit_id !== unit?.id)
          errors.push({ field: 'replyToId', key: 'keluar.err.reply_to' });
        else replyToId = r.id;
      }
      const routing =
        input.routing ??
        (unit
          ? (await repo.defaults(db, unit.id, input.kindCode)).map((s) => ({ role: s.role, employeeId: s.employee_id }))
          : []);
      if (unit && mayDraft) errors.push(...(await checkRouting(ctx, unit.path, routing)));
      const files = checkAttachments(input.attachments, errors);
      if (errors.length || !unit || !cls || !Array.isArray(addressees)) throw invalid(errors);

      const city = cityOfScope(ctx);
      const retention = await d.core.retentionOf(city, cls.code);
      const at = clock.now();
      try {
        return await db.transaction().execute(async (trx) => {
          const id = await repo.insertKeluar(trx, {
            regionCode: city,
            unitId: unit.id,
            kindCode: input.kindCode,
            perihal,
            classificationCode: cls.code,
            classificationName: cls.name,
            retention,
            securityClass: input.securityClass as SecurityClass,
            urgency: input.urgency as Urgency,
            replyToId,
            key: input.idempotencyKey,
            createdBy: ctx.scope.userId,
            at,
          });
          if (id === undefined) throw new Replayed();
          await repo.insertVersion(trx, {
            naskahId: id,
            version: 1,
            perihal,
            body,
            addressees,
            lampiran: files.length,
            by: ctx.scope.userId,
            at,
          });
          await writeAttachments(trx, id, 1, files);
          await repo.insertSteps(trx, id, 1, 1, routing);
          await d.audit.append(
            trx,
            auditFrom(ctx, {
              action: 'naskah.keluar_drafted',
              entityType: 'naskah',
              entityId: id,
              regionCode: city,
              details: { unitId: unit.id, kind: input.kindCode, steps: routing.length, attachments: files.length },
            }),
          );
          return { id, replay: false };
        });
      } catch (err) {
        if (!(err instanceof Replayed)) throw err;
        return { id: (await d.repo.idByKey(db, ctx.scope.userId, input.idempotencyKey))!, replay: true };
      }
    },

    /**
     * Acting on the current step: paraf, pendapat (an opinion, text required) or a return to the drafter (comment
     * required). The step's person or their Plh./Plt. (the act is recorded with both names). One conditional UPDATE
     * decides: a second click, a stale page or a race answers 409.
     */
    async act(
      ctx: Ctx,
      id: number,
      input: { stepId: number; act: Exclude<StepAct, 'tandatangan'>; comment?: string | undefined },
    ) {
      const x = await detail(ctx, id);
      const step = x.steps.find((s) => s.id === input.stepId);
      if (!step) throw notFound();
      const who = await actorFor(ctx, x.naskah.viewer, step.employee_id);
      if (!who) throw forbidden();
      if (!x.current || x.current.id !== step.id) throw conflict('keluar.err.not_current');
      if (!actAllowed(step.role, input.act)) throw fieldError('act', 'keluar.err.act');
      const comment = (input.comment ?? '').trim();
      if ((input.act === 'kembalikan' || input.act === 'pendapat') && !comment)
        throw fieldError(
          'comment',
          input.act === 'kembalikan' ? 'keluar.err.comment_return' : 'keluar.err.comment_opinion',
        );
      if (comment.length > 2000) throw fieldError('comment', 'keluar.err.comment_long');
      const at = clock.now();
      const acting = 'self' in who ? null : who;
      await db.transaction().execute(async (trx) => {
        const ok = await repo.actStep(trx, {
          stepId: step.id,
          status: input.act === 'kembalikan' ? 'dikembalikan' : input.act,
          actorId: x.naskah.viewer.employeeId!,
          actingKind: acting?.kind ?? null,
          comment: comment || null,
          at,
        });
        if (!ok) throw conflict('keluar.err.not_current');
        if (input.act === 'kembalikan') await repo.endRound(trx, id, step.round, at);
        if (acting)
          await d.employees.acting.recordAct(trx, acting, {
            entityType: 'naskah_routing_step',
            entityId: step.id,
            step: step.role,
          });
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: `naskah.keluar_${input.act}`,
            entityType: 'naskah',
            entityId: id,
            regionCode: x.naskah.region_code,
            details: {
              stepId: step.id,
              round: step.round,
              ...(acting ? { for: step.employee_id, kind: acting.kind } : {}),
            },
          }),
        );
      });
    },

    /** The drafter's new version after a return: new text (and routing list); routing restarts at the first step. */
    async revise(
      ctx: Ctx,
      id: number,
      input: {
        fromVersion: number;
        perihal: string;
        body: string;
        routing?: RouteStep[] | undefined;
        attachments: { name: string; content: Buffer }[];
      },
    ) {
      const x = await detail(ctx, id);
      if (x.naskah.created_by !== ctx.scope.userId) throw forbidden();
      if (x.naskah.status !== 'draf') throw conflict('keluar.err.not_returned');
      const errors: FieldError[] = [];
      const perihal = input.perihal.trim();
      if (!perihal || perihal.length > 500)
        errors.push({ field: 'perihal', key: 'surat.err.required', params: { max: 500 } });
      const body = input.body.replace(/\r\n/g, '\n').trim();
      if (!body || body.length > BODY_MAX)
        errors.push({ field: 'body', key: 'keluar.err.body', params: { max: BODY_MAX } });
      const routing = input.routing ?? x.round.map((s) => ({ role: s.role, employeeId: s.employee_id }));
      errors.push(...(await checkRouting(ctx, x.naskah.unit_path, routing)));
      const files = checkAttachments(input.attachments, errors);
      if (errors.length) throw invalid(errors);
      const last = x.versions[x.versions.length - 1]!;
      const at = clock.now();
      await db.transaction().execute(async (trx) => {
        const r = await repo.startRevision(trx, id, input.fromVersion, perihal, at);
        if (!r?.current_version || !r.routing_round) throw conflict('keluar.err.stale_version');
        const addressees = last.addressees;
        await repo.insertVersion(trx, {
          naskahId: id,
          version: r.current_version,
          perihal,
          body,
          addressees,
          lampiran: last.lampiran + files.length,
          by: ctx.scope.userId,
          at,
        });
        await writeAttachments(trx, id, r.current_version, files);
        await repo.insertSteps(trx, id, r.routing_round, r.current_version, routing);
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'naskah.keluar_revised',
            entityType: 'naskah',
            entityId: id,
            regionCode: x.naskah.region_code,
            details: { version: r.current_version },
          }),
        );
      });
    },

    async setDefaults(ctx: Ctx, unitId: number, kindCode: string, steps: RouteStep[]) {
      const unit = await d.employees.read.findUnit(db, ctx.scope, unitId);
      if (!unit) throw notFound();
      const v = await d.core.viewer(ctx);
      if (ctx.scope.role !== 'admin_kota' && !v.headOf.includes(unit.path)) throw forbidden();
      if (!kinds.has(kindCode)) throw fieldError('kindCode', 'surat.err.choose');
      if (steps.length) {
        const errors = await checkRouting(ctx, unit.path, steps);
        if (errors.length) throw invalid(errors);
      }
      await db.transaction().execute(async (trx) => {
        await repo.replaceDefaults(trx, unitId, kindCode, steps, ctx.scope.userId);
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'naskah.routing_defaults_set',
            entityType: 'org_unit',
            entityId: unitId,
            regionCode: cityOfScope(ctx),
            details: { kind: kindCode, steps: steps.length },
          }),
        );
      });
    },

    /** Units whose defaults the caller keeps: the city's for the admin, those they head for a head. */
    async defaultUnits(ctx: Ctx) {
      const units = await d.employees.units(ctx);
      if (ctx.scope.role === 'admin_kota') return units.map((u) => ({ id: u.id, name: u.name }));
      const v = await d.core.viewer(ctx);
      return units.filter((u) => v.headOf.includes(u.path)).map((u) => ({ id: u.id, name: u.name }));
    },

    /** The four queues of the E-Surat home (issue 15 item 8: to sign, to verify, copies unread, signed not sent). */
    async queues(ctx: Ctx) {
      const v = await d.core.viewer(ctx);
      if (v.employeeId === null) return { tandatangan: [], verifikasi: [], tembusan: [], belum_kirim: [] };
      const who = [v.employeeId, ...(v.actsFor ?? [])];
      const [a, b, c, e] = await Promise.all(
        (['tandatangan', 'verifikasi', 'tembusan', 'belum_kirim'] as const).map((k) =>
          repo.queue(db, who, k, ctx.scope.userId),
        ),
      );
      return { tandatangan: a!, verifikasi: b!, tembusan: c!, belum_kirim: e! };
    },
    mine: (ctx: Ctx) => repo.mine(db, ctx.scope.userId),
    /**
     * A routing list as a form writes it, one step a line: "paraf 1987…", "tandatangan 1970…", "tembusan …"
     * (role, then the person's NIP or staff number). Lines that do not read are field errors naming the line.
     */
    async parseRouting(ctx: Ctx, text: string): Promise<RouteStep[]> {
      const steps: RouteStep[] = [];
      const lines = text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
      for (const [i, line] of lines.entries()) {
        const m = /^(paraf|pendapat|tandatangan|tembusan)\s+(\S+)/i.exec(line);
        const e = m ? await repo.employeeByNumber(db, m[2]!, cityOfScope(ctx)) : undefined;
        if (!m || !e) throw fieldError('routing', 'keluar.err.routing_line', { line: i + 1 });
        steps.push({ role: m[1]!.toLowerCase() as RouteStep['role'], employeeId: e.id });
      }
      return steps;
    },
    recordAct: (trx: Db, act: ActingAs, on: { entityType: string; entityId: number; step: string }) =>
      d.employees.acting.recordAct(trx, act, on),
    repo,
  };
}
export type KeluarDrafting = ReturnType<typeof createKeluarDrafting>;
