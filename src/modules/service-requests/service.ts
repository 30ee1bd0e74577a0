// Use cases of layanan warga: submit a request (idempotent), act on it at
// each stage (exactly one transition however many people press at once),
// issue the signed letter at the end, and keep the clocks.
import type { Db } from '../../db/database.js';
import { GROUP_BATCH, groupTransactions } from '../../db/group.js';
import type { LetterTypeSnapshot } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, fieldError, notFound, type FieldError } from '../../lib/errors.js';
import { assertCovers, type Scope } from '../../kernel/scope.js';
import { batcher, HOT_BATCH } from '../../lib/batch.js';
import type { AuditRepo } from '../../kernel/audit.js';
import type { AccountsPort } from '../accounts/service.js';
import type { CatalogueReader } from '../catalogue/service.js';
import { fieldValueProblem, snapshotOf } from '../catalogue/index.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import type { FileStorage } from '../../kernel/files/storage.js';
import { normalizePublicCode, publicCode } from '../../kernel/codes.js';
import type { LettersService } from '../letters/service.js';
import type { NotifyService } from '../notifications/service.js';
import type { ResidentsReader } from '../residents/service.js';
import type { RequestsRepo, TransitionItem } from './repo.js';
import type { PrivacyPolicy } from '../../config.js';
import { createUploads } from './uploads.js';
import { createCorrections } from './corrections.js';
import { attachmentsDueAt } from './rules-versions.js';
import { AlreadyDecided, type Decided } from './decided.js';
import { makeThumbnail } from '../../kernel/files/thumbnail.js';
import {
  decide,
  stageBudget,
  STAGE_ROLES,
  SUPERVISOR_ROLES,
  totalClockMode,
  type Action,
  type ClockMode,
  type Stage,
} from './rules.js';
import type { ServiceTimes } from './service-time.js';
export {
  clockSettingsFromConfig,
  createServiceTimes,
  defaultClockSettings,
  type CalendarRead,
  type ClockSettings,
  type ServiceTimes,
} from './service-time.js';

export interface RequestsDeps {
  db: Db;
  clock: Clock;
  requests: RequestsRepo;
  catalogue: CatalogueReader;
  residents: ResidentsReader;
  audit: AuditRepo;
  files: FileStorage;
  letters: LettersService;
  notify: NotifyService;
  accounts: Pick<AccountsPort, 'bumpThrottle'>;
  /** The clocks on service hours (service-time.ts). */
  times: ServiceTimes;
  /** The city's zone, for times written in notifications. */
  timeZone: string;
  /** Largest attachment accepted (config UPLOAD_MAX_BYTES). */
  uploadMaxBytes: number;
  /** Retention and contact of the privacy notice (config RETENTION_*, PENDING_UPLOAD_HOURS, PRIVACY_CONTACT). */
  privacy: PrivacyPolicy;
}

export interface SubmitInput {
  idempotencyKey: string;
  letterType: string;
  residentId?: number | undefined;
  purpose?: string | undefined;
  fields: Record<string, string>;
  attachments: { kind: string; content: Buffer }[];
  /** Uploads kept from an earlier refused round of the same form: kind → token. */
  pending?: Record<string, string> | undefined;
}

export interface SubmitOptions {
  /** Errors the form found itself (e.g. a required purpose), answered with the service's in one round. */
  formErrors?: FieldError[];
  /** Keep the accepted files of a refused form as pending uploads (pages; the API resends them). */
  keepAccepted?: boolean;
}

/** Thumbnails kept in memory per instance (about 1 KB each). */
const THUMB_CACHE = 2000;

const ACTION_KEYS = { approve: 'approve', return: 'return', reject: 'reject', resubmit: 'resubmit' } as const;

/** The latest approval of each stage (after a return the stage approves again): the pengantar a letter rests on. */
function lastApprovals(trail: { action: string; from_stage: string | null; actor_name: string | null; at: Date }[]) {
  const last = new Map<string, { stage: string; actorName: string; at: Date }>();
  for (const t of trail)
    if (t.action === 'approve' && t.from_stage)
      last.set(t.from_stage, { stage: t.from_stage, actorName: t.actor_name ?? '', at: t.at });
  return [...last.values()];
}

/** "Senin, 30 November 2026 pukul 07.55 WIB": a due time as a notification says it. */
export function formatDueTime(at: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat('id-ID', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(at);
  const hm = new Intl.DateTimeFormat('id-ID', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone })
    .format(at)
    .replace(':', '.');
  const zone = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' }[timeZone] ?? timeZone;
  return `${day} pukul ${hm} ${zone}`;
}

/** How a stage budget reads in a notice: "25 menit jam layanan" or "10 menit". */
const budgetText = (minutes: number, mode: ClockMode) =>
  `${minutes} menit${mode === 'service_hours' ? ' jam layanan' : ''}`;

export function createRequestsService(d: RequestsDeps) {
  const { db, clock } = d;
  // Decisions that write more than the transition (a letter, the submitter's
  // notice) share one transaction and one commit with those in flight (db/group.ts).
  const inGroup = groupTransactions(db, GROUP_BATCH);
  // The hottest two statements serve many requests at once (lib/batch.ts): the
  // read of a request its reader may see, and the decision that only moves a
  // request on to its next stage (guarded update, trail, audit and the next
  // stage's notices: one statement, so one round trip and one commit for all).
  const visible = batcher((asks: { scope: Scope; id: number }[]) => d.requests.findVisibleMany(db, asks), HOT_BATCH);
  const moveOn = batcher(
    (items: TransitionItem[]) => d.requests.applyTransitions(db, items, d.notify.noticeCtes),
    HOT_BATCH,
  );

  function checkFields(
    type: LetterTypeSnapshot,
    values: Record<string, string>,
  ): { clean: Record<string, string>; errors: FieldError[] } {
    const clean: Record<string, string> = {};
    const errors: FieldError[] = [];
    for (const f of type.fields) {
      const v = (values[f.name] ?? '').trim();
      if (!v && f.required)
        errors.push({ field: `field_${f.name}`, key: 'field.required', params: { field: f.label } });
      else if (v.length > (f.maxLength ?? 500))
        errors.push({
          field: `field_${f.name}`,
          key: 'field.too_long',
          params: { field: f.label, limit: f.maxLength ?? 500 },
        });
      else if (v && f.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(v))
        errors.push({ field: `field_${f.name}`, key: 'field.invalid', params: { field: f.label } });
      else if (v && f.type === 'number' && !/^-?\d+([.,]\d+)?$/.test(v))
        errors.push({ field: `field_${f.name}`, key: 'field.not_number', params: { field: f.label } });
      else if (v && (f.type === 'time' || f.type === 'nik') && fieldValueProblem(f.type, v))
        errors.push({ field: `field_${f.name}`, key: fieldValueProblem(f.type, v)!, params: { field: f.label } });
      if (v) clean[f.name] = v;
    }
    return { clean, errors };
  }

  async function loadVisible(ctx: Ctx, id: number) {
    const r = await visible({ scope: ctx.scope, id });
    if (!r) throw notFound();
    return r;
  }

  const stageLink = (id: number) => `/layanan/${id}`;
  const uploads = createUploads({ ...d, pendingHours: d.privacy.pendingHours });
  const corrections = createCorrections(d, { loadVisible, checkFields, uploads, stageLink });
  const thumbs = new Map<number, Buffer | null>();

  /** Nothing is written: the answer names the decision that took `version` (or the latest one). */
  async function alreadyDecided(id: number, version: number): Promise<never> {
    const t = await d.requests.decisionFrom(db, id, version);
    const decided: Decided | null = t
      ? {
          actorName: t.actor_name ?? '',
          actorRole: t.actor_role,
          action: t.action as Decided['action'],
          at: t.at,
          fromStage: t.from_stage,
          fromVersion: t.from_version,
        }
      : null;
    throw new AlreadyDecided(decided);
  }

  return {
    ...corrections,
    uploadLimit: () => ({ bytes: d.uploadMaxBytes, label: uploads.limitLabel() }),
    privacy: () => d.privacy,

    listTypes: () => d.catalogue.list(db, { activeOnly: true }),

    /** A citizen for themself, or an RT head for a resident of their RT. Retrying with the same key returns the same request. */
    async submit(ctx: Ctx, input: SubmitInput, opts: SubmitOptions = {}) {
      const existing = await d.requests.findByIdempotencyKey(db, ctx.scope.userId, input.idempotencyKey);
      if (existing) return { id: existing.id, trackingCode: existing.tracking_code, duplicate: true };

      const typeRow = await d.catalogue.byCode(db, input.letterType);
      if (!typeRow || !typeRow.active)
        throw fieldError('letterType', 'field.invalid_choice', { field: 'f.letter_type' });
      const type = snapshotOf(typeRow);
      // A citizen asks only for themself; naming someone else is refused, not silently redirected.
      if (ctx.scope.role === 'warga' && input.residentId !== undefined && input.residentId !== ctx.scope.residentId)
        throw notFound();
      const residentId = ctx.scope.role === 'warga' ? ctx.scope.residentId : input.residentId;
      // Every error of the form in one answer: the form's own, the resident, the fields, the attachments.
      const errors: FieldError[] = [...(opts.formErrors ?? [])];
      const resident =
        residentId && (ctx.scope.role === 'warga' || ctx.scope.role === 'ketua_rt')
          ? await d.residents.findInScope(db, ctx.scope, residentId)
          : null;
      if (!residentId) {
        if (!errors.some((e) => e.field === 'residentId'))
          errors.push({ field: 'residentId', key: 'field.required', params: { field: 'f.resident' } });
      } else if (!resident || resident.status !== 'hidup')
        errors.push({ field: 'residentId', key: 'requests.resident_not_found' });
      else assertCoversOrOwn(ctx, resident.region_code);

      const { clean, errors: fieldErrors } = checkFields(type, input.fields);
      errors.push(...fieldErrors);
      const files = await uploads.judge(ctx.scope.userId, type, input.attachments, input.pending ?? {});
      errors.push(...files.errors);
      if (errors.length || !resident)
        throw await uploads.refuse(ctx.scope.userId, errors, files.accepted, opts.keepAccepted ?? false);

      const now = clock.now();
      const byRtHead = ctx.scope.role === 'ketua_rt';
      // An RT head filing for a neighbour has already vouched for them: the RT stage is approved at submission.
      const startIndex = byRtHead && type.route[0] === 'rt' ? 1 : 0;
      const completedAtSubmit = startIndex >= type.route.length;
      const stage = completedAtSubmit ? null : type.route[startIndex]!;
      // Both clocks as instants, counted on each one's clock (service hours of the request's city, or round the clock).
      const clockOf = stage
        ? await d.times.clockFrom(resident.region_code, now, stageBudget(type, stage), d.times.modeOf(stage))
        : null;
      const totalMode = totalClockMode(type.route, d.times.settings.stages);
      const total = await d.times.clockFrom(resident.region_code, now, type.total_budget_minutes, totalMode);
      const trackingCode = publicCode();

      const created = await db.transaction().execute(async (trx) => {
        const id = await d.requests.insert(trx, {
          tracking_code: trackingCode,
          idempotency_key: input.idempotencyKey,
          submitted_by: ctx.scope.userId,
          resident_id: resident.id,
          region_code: resident.region_code,
          letter_type_id: type.id,
          type_snapshot: JSON.stringify(type),
          field_values: JSON.stringify(clean),
          purpose: input.purpose ?? '',
          stage_index: startIndex,
          stage,
          stage_started_at: now,
          stage_warn_at: clockOf?.warnAt ?? null,
          stage_due_at: clockOf?.dueAt ?? null,
          stage_clock: clockOf?.mode ?? null,
          submitted_at: now,
          due_at: total.dueAt,
          total_clock: totalMode,
        });
        if (id === null) return null; // a concurrent retry won the race: answer with its request
        for (const f of files.accepted) await uploads.attach(trx, ctx.scope.userId, id, f);
        const base = {
          request_id: id,
          actor_id: ctx.scope.userId,
          actor_name: ctx.actorName,
          actor_role: ctx.scope.role,
          at: now,
        };
        await d.requests.insertTransition(trx, {
          ...base,
          action: 'submit',
          from_stage: null,
          to_stage: type.route[0]!,
          stage_budget_minutes: null,
          elapsed_seconds: null,
          within_budget: null,
        });
        if (startIndex === 1) {
          await d.requests.insertTransition(trx, {
            ...base,
            action: 'approve',
            from_stage: 'rt',
            to_stage: stage,
            stage_budget_minutes: stageBudget(type, 'rt'),
            elapsed_seconds: 0,
            within_budget: true,
            stage_clock: d.times.modeOf('rt'),
            wall_seconds: 0,
          });
        }
        if (stage) {
          await d.notify.toRoles(trx, STAGE_ROLES[stage], resident.region_code, {
            requestId: id,
            kind: 'request.waiting',
            eventKey: `wait:${id}:${startIndex}:${now.getTime()}`,
            title: `${type.name} menunggu tindakan Anda`,
            body: `Permohonan ${trackingCode} untuk ${resident.full_name}. Batas waktu tahap: ${budgetText(clockOf!.budgetMinutes, clockOf!.mode)}.`,
            link: stageLink(id),
          });
        }
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'request.submitted',
            entityType: 'service_request',
            entityId: id,
            regionCode: resident.region_code,
            details: { type: type.code },
          }),
        );
        return id;
      });
      if (created === null) {
        const again = await d.requests.findByIdempotencyKey(db, ctx.scope.userId, input.idempotencyKey);
        if (!again) throw new AppError(409, 'error.conflict');
        return { id: again.id, trackingCode: again.tracking_code, duplicate: true };
      }
      return { id: created, trackingCode, duplicate: false };
    },

    async get(ctx: Ctx, id: number) {
      const r = await loadVisible(ctx, id);
      const [transitions, attachments, letter] = await Promise.all([
        d.requests.transitions(db, id),
        d.requests.attachments(db, id),
        d.letters.forRequest(id),
      ]);
      // The versions a correction replaced, and every photo still kept (replaced ones too) for them.
      const [versions, allAttachments] = await Promise.all([
        d.requests.versions(db, id),
        d.requests.allAttachments(db, id),
      ]);
      const returnedAt = transitions.findLast((x) => x.action === 'return')?.at ?? null;
      const attachmentsDue = attachmentsDueAt({ ...r, returned_at: returnedAt }, d.privacy);
      return { request: r, transitions, attachments, letter, versions, allAttachments, attachmentsDue };
    },

    async attachment(ctx: Ctx, id: number, attachmentId: number) {
      await loadVisible(ctx, id);
      // A photo a correction replaced stays viewable to whoever may see the request.
      const a = (await d.requests.allAttachments(db, id)).find((x) => x.id === attachmentId);
      if (!a) throw notFound();
      const f = await d.files.get(db, a.file_id);
      if (!f) throw notFound();
      await d.audit.append(
        db,
        auditFrom(ctx, {
          action: 'request.attachment_viewed',
          entityType: 'service_request',
          entityId: id,
          regionCode: ctx.scope.regionCode,
          details: { attachmentId },
        }),
      );
      return f;
    },

    /**
     * Approve, return for revision, reject, or resubmit after a return. With
     * `expectedVersion` (and optionally `expectedStage`) the decision applies
     * only to the request as it was then; otherwise, and whenever someone
     * else's decision came first, it throws AlreadyDecided naming that one.
     */
    async act(
      ctx: Ctx,
      id: number,
      action: Action,
      reason = '',
      expectedVersion?: number,
      expectedStage?: Stage | undefined,
    ) {
      // Resubmitting is a correction that changes nothing but the note (and keeps a version like any).
      if (action === 'resubmit') return corrections.resubmitAsIs(ctx, id, reason, expectedVersion);
      const r = await loadVisible(ctx, id);
      if (
        (expectedVersion !== undefined && expectedVersion !== r.version) ||
        (expectedStage !== undefined && expectedStage !== r.stage)
      )
        return alreadyDecided(id, expectedVersion ?? r.version - 1);
      const type = r.type_snapshot;
      const isSubmitter = r.submitted_by === ctx.scope.userId;
      const decision = decide(
        { status: r.status, stageIndex: r.stage_index, route: type.route },
        action,
        { role: ctx.scope.role, isSubmitter },
        reason,
      );
      if (!decision.ok) {
        if (decision.reason === 'reason_required') throw fieldError('reason', 'requests.reason_required');
        if (decision.reason === 'wrong_role') throw new AppError(403, 'requests.not_your_stage');
        return alreadyDecided(id, r.version - 1);
      }
      const now = clock.now();
      const fromStage = r.stage;
      const budget = fromStage ? stageBudget(type, fromStage) : null;
      // Time at the stage, counted on the clock its due time was set on (older requests: round the clock).
      const fromClock: ClockMode = r.stage_clock ?? 'round_the_clock';
      const timed = budget !== null;
      const elapsed = timed
        ? Math.round((await d.times.countedMillis(r.region_code, fromClock, r.stage_started_at, now)) / 1000)
        : null;
      const next = decision.next;
      // Resuming after a return gives the stage a fresh budget; the end-to-end clock keeps running.
      const nextStage =
        next.status === 'in_progress' && next.stage
          ? {
              stage: next.stage,
              clock: await d.times.clockFrom(
                r.region_code,
                now,
                stageBudget(type, next.stage),
                d.times.modeOf(next.stage),
              ),
            }
          : null;
      const state = nextStage
        ? {
            stage_index: next.stageIndex,
            stage: nextStage.stage,
            stage_started_at: now,
            warn_at: nextStage.clock.warnAt,
            due_at: nextStage.clock.dueAt,
            clock: nextStage.clock.mode,
            advance: true,
            completed_at: null,
          }
        : {
            stage_index: null,
            stage: next.status === 'returned' ? r.stage : null,
            stage_started_at: null,
            warn_at: null,
            due_at: null,
            clock: null,
            advance: false,
            completed_at: next.status === 'completed' || next.status === 'rejected' ? now : null,
          };
      const base = {
        actor_id: ctx.scope.userId,
        actor_name: ctx.actorName,
        actor_role: ctx.scope.role,
        at: now,
        reason: reason.trim(),
      };
      const times =
        timed && elapsed !== null && budget !== null
          ? {
              stage_budget_minutes: budget,
              elapsed_seconds: elapsed,
              within_budget: elapsed <= budget * 60,
              stage_clock: fromClock,
              wall_seconds: Math.max(0, Math.round((now.getTime() - r.stage_started_at.getTime()) / 1000)),
            }
          : { stage_budget_minutes: null, elapsed_seconds: null, within_budget: null };
      const item: TransitionItem = {
        id,
        version: r.version,
        status: next.status,
        ...state,
        trail: { ...base, ...times, action: ACTION_KEYS[action], from_stage: fromStage, to_stage: next.stage },
        audit: {
          action: `request.${action}`,
          ip: ctx.ip,
          details: { from: fromStage, to: next.stage, status: next.status },
        },
        // The next stage's people hear of it in the same statement as the change.
        notice: nextStage
          ? d.notify.rolesNotice(STAGE_ROLES[nextStage.stage], r.region_code, {
              requestId: id,
              kind: 'request.waiting',
              eventKey: `wait:${id}:${r.version + 1}`,
              title: `${type.name} menunggu tindakan Anda`,
              body: `Permohonan ${r.tracking_code} untuk ${r.resident_name}. Batas waktu tahap: ${budgetText(nextStage.clock.budgetMinutes, nextStage.clock.mode)}.`,
              link: stageLink(id),
            })
          : null,
      };

      // The kelurahan numbers its own letter when the request goes on to the kecamatan ("Mengetahui").
      const endorses = action === 'approve' && fromStage === 'kelurahan' && next.stage === 'kecamatan';
      const signer = {
        id: ctx.scope.userId,
        name: ctx.actorName,
        role: ctx.scope.role,
        regionCode: ctx.scope.regionCode,
      };
      const result =
        item.notice && !decision.issuesLetter && !endorses
          ? await moveOn(item)
          : await inGroup(async (trx) => {
              if (!(await d.requests.applyTransitions(trx, [item], d.notify.noticeCtes))[0]) return false;
              if (endorses) await d.letters.endorse(trx, { request: { ...r, type_snapshot: type }, signer, now });
              if (decision.issuesLetter) {
                const letter = await d.letters.issue(trx, {
                  request: { ...r, type_snapshot: type },
                  signer,
                  now,
                  approvals: lastApprovals(await d.requests.transitions(trx, id)),
                });
                await d.requests.insertTransition(trx, {
                  ...base,
                  request_id: id,
                  action: 'issue',
                  from_stage: null,
                  to_stage: null,
                  reason: letter.number,
                  stage_budget_minutes: null,
                  elapsed_seconds: null,
                  within_budget: null,
                });
              }
              if (!item.notice) {
                const kinds = {
                  returned: 'dikembalikan untuk diperbaiki',
                  rejected: 'ditolak',
                  completed: 'selesai: surat dapat diunduh',
                  in_progress: '',
                } as const;
                {
                  await d.notify.toUserId(trx, r.submitted_by, {
                    requestId: id,
                    kind: `request.${next.status}`,
                    eventKey: `done:${id}:${r.version + 1}`,
                    title: `Permohonan ${r.tracking_code} ${kinds[next.status]}`,
                    body: reason ? `Alasan: ${reason}` : type.name,
                    link: stageLink(id),
                  });
                }
              }
              return true;
            });
      if (!result) return alreadyDecided(id, r.version);
      return { status: next.status, stage: next.stage };
    },

    /** The work in front of this person: the late ones first, then the oldest. */
    queue(ctx: Ctx) {
      const stages = (Object.keys(STAGE_ROLES) as Stage[]).filter((s) => STAGE_ROLES[s].includes(ctx.scope.role));
      return d.requests.queue(db, ctx.scope, stages, clock.now());
    },

    /** The queue with each request's attachments (for thumbnails beside the buttons). */
    async approverQueue(ctx: Ctx) {
      const stages = (Object.keys(STAGE_ROLES) as Stage[]).filter((s) => STAGE_ROLES[s].includes(ctx.scope.role));
      const rows = await d.requests.queue(db, ctx.scope, stages, clock.now());
      const atts = await d.requests.attachmentsOf(
        db,
        rows.map((r) => r.id),
      );
      return rows.map((r) => ({ ...r, attachments: atts.filter((a) => a.request_id === r.id) }));
    },

    /**
     * A small preview of a picture attachment, for those who may see the
     * request. Not audited like the full view: at THUMB_PX no line of a KTP/KK
     * is legible (the full photo, one tap away, is audited). Null when the file
     * is not a picture this can shrink (PDF, WebP, an unusual JPEG).
     */
    async thumbnail(ctx: Ctx, id: number, attachmentId: number) {
      await loadVisible(ctx, id);
      const a = (await d.requests.attachments(db, id)).find((x) => x.id === attachmentId);
      if (!a) throw notFound();
      const kept = thumbs.get(a.file_id);
      if (kept !== undefined) return kept;
      const f = await d.files.get(db, a.file_id);
      if (!f) throw notFound();
      const made = makeThumbnail(f.mime, f.content);
      // Stored files never change: a thumbnail made once serves every later view (bounded, oldest out first).
      if (thumbs.size >= THUMB_CACHE) thumbs.delete(thumbs.keys().next().value!);
      thumbs.set(a.file_id, made);
      return made;
    },
    mine: (ctx: Ctx) => d.requests.mine(db, ctx.scope),
    list: (ctx: Ctx, f: { status?: string | undefined; overdue?: boolean | undefined; page: number }) =>
      d.requests.listInScope(db, ctx.scope, { ...f, limit: 50, offset: (f.page - 1) * 50 }),

    /** Tracking codes are short: limit lookups per address so they cannot be guessed. */
    async allowTrackingLookup(ip: string) {
      return (await d.accounts.bumpThrottle(db, `track:${ip}`, clock.now(), 15 * 60_000)) <= 120;
    },

    /** Public tracking: stage and status only, never personal data. */
    async track(code: string) {
      // Any case, stray spaces or hyphens: the code as the person typed it.
      const normalized = normalizePublicCode(code);
      const r = normalized ? await d.requests.byTrackingCode(db, normalized) : undefined;
      if (!r) throw notFound();
      return {
        trackingCode: r.tracking_code,
        type: r.type_snapshot.name,
        status: r.status,
        stage: r.stage,
        route: r.type_snapshot.route,
        stageIndex: r.stage_index,
        submittedAt: r.submitted_at,
        completedAt: r.completed_at,
        overdue: r.overdue,
      };
    },

    /** Background: 75 % reminders and 100 % escalations. Each is claimed once, whatever runs it. */
    async sweepClocks(): Promise<{ warned: number; escalated: number }> {
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const warned = await d.requests.claimWarnings(trx, now);
        for (const w of warned) {
          if (!w.stage) continue;
          await d.notify.toRoles(trx, STAGE_ROLES[w.stage], w.region_code, {
            requestId: w.id,
            kind: 'request.reminder',
            eventKey: `warn:${w.id}:${w.stage_index}:${w.stage_started_at.getTime()}`,
            title: `Pengingat: ${w.type_snapshot.name} hampir melewati batas waktu`,
            body: `Permohonan ${w.tracking_code} harus ditindaklanjuti sebelum ${w.stage_due_at ? formatDueTime(w.stage_due_at, d.timeZone) : ''}.`,
            link: stageLink(w.id),
          });
        }
        const escalated = await d.requests.claimEscalations(trx, now);
        for (const e of escalated) {
          if (!e.stage) continue;
          await d.notify.toRoles(trx, SUPERVISOR_ROLES[e.stage], e.region_code, {
            requestId: e.id,
            kind: 'request.escalation',
            eventKey: `breach:${e.id}:${e.stage_index}:${e.stage_started_at.getTime()}`,
            title: `Terlambat: ${e.type_snapshot.name} melewati batas waktu tahap ${e.stage.toUpperCase()}`,
            body: `Permohonan ${e.tracking_code} belum ditindaklanjuti di tahap ${e.stage.toUpperCase()}. Mohon dibantu.`,
            link: stageLink(e.id),
          });
        }
        await d.requests.markEndToEndOverdue(trx, now);
        return { warned: warned.length, escalated: escalated.length };
      });
    },
  };

  function assertCoversOrOwn(ctx: Ctx, regionCode: string) {
    if (ctx.scope.role !== 'warga') assertCovers(ctx.scope, regionCode);
  }
}
export type RequestsService = ReturnType<typeof createRequestsService>;
