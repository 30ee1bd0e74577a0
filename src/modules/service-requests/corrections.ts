// Use cases of the citizen's side of a returned request: correct it (fields,
// purpose, photos) and send it back to the stage that returned it, keeping the
// replaced content as a version; and the retention of attachments (UU 27/2022
// PDP), run by the background job. Part of the requests service.
import { randomBytes } from 'node:crypto';
import type { LetterTypeSnapshot } from '../../db/schema.js';
import { AppError, notFound, type FieldError } from '../../lib/errors.js';
import type { Ctx } from '../../kernel/context.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { PrivacyPolicy } from '../../config.js';
import type { AuditRepo } from '../../kernel/audit.js';
import type { FileStorage } from '../../kernel/files/storage.js';
import type { NotifyService } from '../notifications/service.js';
import type { RequestsRepo, TransitionItem, VisibleRequest } from './repo.js';
import { decide, stageBudget, STAGE_ROLES } from './rules.js';
import type { ServiceTimes } from './service-time.js';
import { diffVersions, retentionCutoffs } from './rules-versions.js';
import type { Uploads } from './uploads.js';

export interface CorrectInput {
  /** Like a submission's: a retry with the same key changes nothing and answers the same. */
  idempotencyKey: string;
  /** The request's version the form was built on: a stale form is refused (409) and says what happened. */
  expectedVersion: number;
  purpose: string;
  fields: Record<string, string>;
  /** New photos: each replaces the current one of its kind (kept in the trail) or adds a kind it lacked. */
  attachments: { kind: string; content: Buffer }[];
  pending?: Record<string, string> | undefined;
  note: string;
}

export interface CorrectOptions {
  formErrors?: FieldError[];
  keepAccepted?: boolean;
}

/** What the corrections need of the requests service's dependencies (service.ts passes its own). */
export interface CorrectionsDeps {
  db: Db;
  clock: Clock;
  requests: RequestsRepo;
  audit: AuditRepo;
  files: FileStorage;
  notify: Pick<NotifyService, 'rolesNotice' | 'noticeCtes'>;
  privacy: PrivacyPolicy;
  /** The stage's clock on service hours (service-time.ts). */
  times: Pick<ServiceTimes, 'clockFrom' | 'modeOf'>;
}

interface Helpers {
  loadVisible(ctx: Ctx, id: number): Promise<VisibleRequest>;
  checkFields(
    type: LetterTypeSnapshot,
    values: Record<string, string>,
  ): { clean: Record<string, string>; errors: FieldError[] };
  uploads: Uploads;
  stageLink(id: number): string;
}

const BATCH = 200;
const SYSTEM = { actorUserId: null, actorName: 'sistem', actorRole: null, ip: null } as const;

export function createCorrections(d: CorrectionsDeps, h: Helpers) {
  const { db, clock } = d;

  async function correct(ctx: Ctx, id: number, input: CorrectInput, opts: CorrectOptions = {}) {
    const r = await h.loadVisible(ctx, id);
    const done = await d.requests.versionByKey(db, id, input.idempotencyKey);
    if (done) return { status: r.status, stage: r.stage, versionNo: done.version_no + 1, duplicate: true };
    if (input.expectedVersion !== r.version) throw new AppError(409, 'requests.already_acted');
    const type = r.type_snapshot;
    const decision = decide({ status: r.status, stageIndex: r.stage_index, route: type.route }, 'resubmit', {
      role: ctx.scope.role,
      isSubmitter: r.submitted_by === ctx.scope.userId,
    });
    if (!decision.ok) {
      if (decision.reason === 'wrong_role') throw new AppError(403, 'requests.not_your_stage');
      throw new AppError(409, 'requests.already_acted');
    }
    const stage = decision.next.stage;
    if (!stage) throw new AppError(409, 'requests.already_acted');

    const errors: FieldError[] = [...(opts.formErrors ?? [])];
    const { clean, errors: fieldErrors } = h.checkFields(type, input.fields);
    errors.push(...fieldErrors);
    const note = input.note.trim();
    if (note.length > 500)
      errors.push({ field: 'note', key: 'field.too_long', params: { field: 'req.detail.note', limit: 500 } });
    const current = await d.requests.attachments(db, id);
    const files = await h.uploads.judge(
      ctx.scope.userId,
      type,
      input.attachments,
      input.pending ?? {},
      current.map((a) => a.kind),
    );
    errors.push(...files.errors);
    if (errors.length)
      throw await h.uploads.refuse(ctx.scope.userId, errors, files.accepted, opts.keepAccepted ?? false);

    const now = clock.now();
    const purpose = input.purpose.trim();
    const replacedKinds = files.accepted.map((a) => a.kind);
    const prev = {
      purpose: r.purpose,
      fields: r.field_values,
      attachments: current.map((a) => ({ id: a.id, kind: a.kind })),
    };
    // The stage starts afresh on its own clock (service hours at the offices).
    const clk = await d.times.clockFrom(r.region_code, now, stageBudget(type, stage), d.times.modeOf(stage));
    const applied = await db.transaction().execute(async (trx) => {
      if (!(await d.requests.updateContent(trx, { id, version: r.version, purpose, field_values: clean }))) return null;
      const replacedNo = await d.requests.insertVersion(trx, {
        request_id: id,
        purpose: prev.purpose,
        field_values: prev.fields,
        attachments: prev.attachments,
        replaced_at: now,
        replaced_by: ctx.scope.userId,
        correction_key: input.idempotencyKey,
      });
      await d.requests.markReplaced(trx, id, replacedKinds, now);
      const added: { id: number; kind: string }[] = [];
      for (const a of files.accepted)
        added.push({ id: await h.uploads.attach(trx, ctx.scope.userId, id, a), kind: a.kind });
      const next = {
        purpose,
        fields: clean,
        attachments: [...prev.attachments.filter((a) => !replacedKinds.includes(a.kind)), ...added],
      };
      // Names of what changed, never the values: the audit holds no personal data.
      const changed = diffVersions(
        prev,
        next,
        type.fields.map((f) => f.name),
      ).map((c) => (c.what === 'purpose' ? 'purpose' : c.what === 'field' ? `field:${c.name}` : `file:${c.kind}`));
      const item: TransitionItem = {
        id,
        version: r.version,
        status: 'in_progress',
        stage_index: decision.next.stageIndex,
        stage,
        stage_started_at: now,
        warn_at: clk.warnAt,
        due_at: clk.dueAt,
        clock: clk.mode,
        advance: true,
        completed_at: null,
        trail: {
          action: 'resubmit',
          from_stage: r.stage,
          to_stage: stage,
          actor_id: ctx.scope.userId,
          actor_name: ctx.actorName,
          actor_role: ctx.scope.role,
          at: now,
          reason: note,
          stage_budget_minutes: null,
          elapsed_seconds: null,
          within_budget: null,
        },
        audit: {
          action: 'request.resubmit',
          ip: ctx.ip,
          details: { from: r.stage, to: stage, status: 'in_progress', version: replacedNo + 1, changed },
        },
        notice: d.notify.rolesNotice(STAGE_ROLES[stage], r.region_code, {
          requestId: id,
          kind: 'request.waiting',
          eventKey: `wait:${id}:${r.version + 1}`,
          title: `${type.name} menunggu tindakan Anda`,
          body: `Permohonan ${r.tracking_code} untuk ${r.resident_name} sudah diperbaiki (versi ${replacedNo + 1}). Batas waktu tahap: ${clk.budgetMinutes} menit.`,
          link: h.stageLink(id),
        }),
      };
      // The version guard above holds the row: this cannot lose, and would roll everything back if it did.
      if (!(await d.requests.applyTransitions(trx, [item], d.notify.noticeCtes))[0])
        throw new AppError(409, 'requests.already_acted');
      return { versionNo: replacedNo + 1 };
    });
    if (!applied) {
      // A retry of this very correction may have won the race.
      const again = await d.requests.versionByKey(db, id, input.idempotencyKey);
      if (again) return { status: 'in_progress', stage, versionNo: again.version_no + 1, duplicate: true };
      throw new AppError(409, 'requests.already_acted');
    }
    return {
      status: 'in_progress' as string,
      stage: stage as string | null,
      versionNo: applied.versionNo,
      duplicate: false,
    };
  }

  return {
    correct,

    /** The old "resubmit with a note": the same correction with the content unchanged. */
    async resubmitAsIs(ctx: Ctx, id: number, note: string, expectedVersion?: number) {
      const r = await h.loadVisible(ctx, id);
      const res = await correct(ctx, id, {
        idempotencyKey: randomBytes(16).toString('hex'),
        expectedVersion: expectedVersion ?? r.version,
        purpose: r.purpose,
        fields: r.field_values,
        attachments: [],
        note,
      });
      return { status: res.status, stage: res.stage };
    },

    /** An upload kept from a refused form, for its owner only (the form shows what was received). */
    async pendingUpload(ctx: Ctx, token: string) {
      if (!/^[0-9a-f]{32}$/.test(token)) throw notFound();
      const p = await d.requests.pendingFile(db, ctx.scope.userId, token, clock.now());
      const f = p ? await d.files.get(db, p.file_id) : undefined;
      if (!f) throw notFound();
      return f;
    },

    /**
     * Background (retention job): removes the attachments of requests that
     * ended longer ago than their retention period, and expired pending
     * uploads, with their files; one audit record per removal (what and why,
     * no personal data). Batches claimed with SKIP LOCKED: several instances
     * may run it at once; a second run finds nothing more to do.
     */
    async applyRetention(): Promise<{ attachments: number; pending: number }> {
      const now = clock.now();
      const cut = retentionCutoffs(now, d.privacy);
      let attachments = 0;
      let pending = 0;
      for (;;) {
        const n = await db.transaction().execute(async (trx) => {
          const gone = await d.requests.removeExpiredAttachments(trx, cut, BATCH);
          await d.files.remove(
            trx,
            gone.map((g) => g.file_id),
          );
          for (const g of gone)
            await d.audit.append(trx, {
              ...SYSTEM,
              action: 'request.attachment_removed',
              entityType: 'service_request',
              entityId: g.request_id,
              regionCode: g.region_code,
              details: { attachmentId: g.id, kind: g.kind, reason: 'retention' },
            });
          return gone.length;
        });
        attachments += n;
        if (n < BATCH) break;
      }
      for (;;) {
        const n = await db.transaction().execute(async (trx) => {
          const gone = await d.requests.removeExpiredPending(trx, now, BATCH);
          await d.files.remove(
            trx,
            gone.map((g) => g.file_id),
          );
          for (const g of gone)
            await d.audit.append(trx, {
              ...SYSTEM,
              action: 'request.pending_upload_removed',
              entityType: 'pending_upload',
              entityId: g.id,
              regionCode: null,
              details: { kind: g.kind, reason: 'expired' },
            });
          return gone.length;
        });
        pending += n;
        if (n < BATCH) break;
      }
      return { attachments, pending };
    },
  };
}
