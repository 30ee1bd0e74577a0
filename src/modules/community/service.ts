// Community activity use cases: a head reports (idempotent by the phone's
// key), the kelurahan confirms or refuses (guarded by the status), everyone
// in scope lists. `activityReader` hands the kinerja score its count.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { Ctx } from '../../kernel/context.js';
import { auditFrom } from '../../kernel/context.js';
import type { AuditRepo } from '../../kernel/audit.js';
import type { FileStorage } from '../../kernel/files/storage.js';
import { checkUpload } from '../../kernel/files/rules.js';
import { AppError, conflict, forbidden, invalid, notFound, type FieldError } from '../../lib/errors.js';
import { covers } from '../../kernel/scope.js';
import { createCommunityRepo, type ActivityRow, type CommunityRepo } from './repo.js';
import { canDecideRole, isReporter } from './policy.js';
import {
  DESCRIPTION_MAX,
  KEY,
  PHOTO_MAX_BYTES,
  REASON_MAX,
  dayProblem,
  isKind,
  parseParticipants,
  type ActivityStatus,
} from './rules.js';

export interface CommunityDeps {
  db: Db;
  clock: Clock;
  audit: AuditRepo;
  files: FileStorage;
  /** The city's offset from UTC in minutes (config timeZone), for "today". */
  offsetMinutes: number;
  /** ACTIVITY_REPORT_DAYS */
  windowDays: number;
  repo?: CommunityRepo;
}

export interface ReportInput {
  idempotencyKey: string;
  heldOn: string;
  kind: string;
  description: string;
  participants: string | number;
  photo?: Buffer | undefined;
}

/** A rollback that is not an error: the same key won in another transaction. */
class Replayed extends Error {}

export const localDay = (at: Date, offsetMinutes: number) =>
  new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);

export function createCommunityService(d: CommunityDeps) {
  const { db, clock, audit, files } = d;
  const repo = d.repo ?? createCommunityRepo();
  const today = () => localDay(clock.now(), d.offsetMinutes);

  /** A head sees only their own reports; everyone else what their scope covers. */
  async function visible(ctx: Ctx, id: number): Promise<ActivityRow> {
    const a = await repo.byId(db, ctx.scope, id);
    if (!a || (isReporter(ctx.scope.role) && a.reported_by !== ctx.scope.userId)) throw notFound();
    return a;
  }

  function check(input: ReportInput) {
    const errors: FieldError[] = [];
    const day = dayProblem(input.heldOn, today(), d.windowDays);
    if (day) errors.push({ field: 'heldOn', key: `community.err.day_${day}`, params: { days: d.windowDays } });
    if (!isKind(input.kind)) errors.push({ field: 'kind', key: 'community.err.kind' });
    const description = input.description.trim();
    if (!description || description.length > DESCRIPTION_MAX)
      errors.push({ field: 'description', key: 'community.err.description', params: { max: DESCRIPTION_MAX } });
    const participants = parseParticipants(input.participants);
    if (participants === null) errors.push({ field: 'participants', key: 'community.err.participants' });
    let mime: ReturnType<typeof checkUpload> | null = null;
    if (!input.photo?.length) errors.push({ field: 'photo', key: 'community.err.photo_missing' });
    else {
      mime = checkUpload(input.photo, PHOTO_MAX_BYTES, ['image/jpeg', 'image/png', 'image/webp']);
      if (!mime.ok)
        errors.push({
          field: 'photo',
          key: `community.err.photo_${mime.reason}`,
          params: { max: `${Math.round(PHOTO_MAX_BYTES / 1024)} KB` },
        });
    }
    if (errors.length || !mime?.ok || participants === null || !isKind(input.kind)) throw invalid(errors);
    return { description, participants, kind: input.kind, mime: mime.mime };
  }

  return {
    today,
    windowDays: d.windowDays,

    /** Reports an activity of the head's own RT/RW. The same key again answers with the first report. */
    async report(ctx: Ctx, input: ReportInput): Promise<{ activity: ActivityRow; duplicate: boolean }> {
      if (!isReporter(ctx.scope.role)) throw forbidden();
      if (!KEY.test(input.idempotencyKey)) throw new AppError(400, 'community.err.key');
      const userId = ctx.scope.userId;
      const before = await repo.byKey(db, userId, input.idempotencyKey);
      if (before) return { activity: before, duplicate: true };
      const ok = check(input);
      const at = clock.now();
      try {
        await db.transaction().execute(async (trx) => {
          const photoFileId = await files.put(trx, { mime: ok.mime, content: input.photo! });
          const id = await repo.insert(trx, {
            regionCode: ctx.scope.regionCode,
            reportedBy: userId,
            key: input.idempotencyKey,
            heldOn: input.heldOn,
            kind: ok.kind,
            description: ok.description,
            participants: ok.participants,
            photoFileId,
            at,
          });
          if (id === undefined) throw new Replayed();
          await audit.append(
            trx,
            auditFrom(ctx, {
              action: 'community.activity_reported',
              entityType: 'community_activity',
              entityId: id,
              regionCode: ctx.scope.regionCode,
              details: { kind: ok.kind, heldOn: input.heldOn, participants: ok.participants },
            }),
          );
        });
      } catch (err) {
        if (!(err instanceof Replayed)) throw err;
        const won = await repo.byKey(db, userId, input.idempotencyKey);
        if (!won) throw conflict('community.err.retry');
        return { activity: won, duplicate: true };
      }
      return { activity: (await repo.byKey(db, userId, input.idempotencyKey))!, duplicate: false };
    },

    /** The caller's list: a head their own reports, the kelurahan and above what their scope covers. */
    list(ctx: Ctx, o: { under?: string | undefined; status?: ActivityStatus | undefined } = {}) {
      if (o.under && !covers(ctx.scope, o.under)) throw notFound();
      return repo.list(db, ctx.scope, {
        under: o.under,
        status: o.status,
        ...(isReporter(ctx.scope.role) ? { onlyReporter: ctx.scope.userId } : {}),
        limit: 200,
      });
    },

    get: visible,

    /** Confirms or refuses a waiting report; a second decision (or a double click) changes nothing and says so. */
    async decide(ctx: Ctx, id: number, decision: 'confirm' | 'reject', reasonRaw = '') {
      if (!canDecideRole(ctx.scope.role)) throw forbidden();
      const a = await visible(ctx, id);
      const reason = reasonRaw.trim();
      if (decision === 'reject' && (!reason || reason.length > REASON_MAX))
        throw invalid([{ field: 'reason', key: 'community.err.reason', params: { max: REASON_MAX } }]);
      if (a.status !== 'dilaporkan') throw conflict('community.err.decided');
      const status = decision === 'confirm' ? 'dikonfirmasi' : 'ditolak';
      await db.transaction().execute(async (trx) => {
        const done = await repo.decide(trx, id, {
          status,
          by: ctx.scope.userId,
          at: clock.now(),
          reason: decision === 'reject' ? reason : null,
        });
        if (done === undefined) throw conflict('community.err.decided');
        await audit.append(
          trx,
          auditFrom(ctx, {
            action: decision === 'confirm' ? 'community.activity_confirmed' : 'community.activity_rejected',
            entityType: 'community_activity',
            entityId: id,
            regionCode: a.region_code,
            details: decision === 'reject' ? { reason } : {},
          }),
        );
      });
      return { ...a, status };
    },

    /** The activity's photo (as stored, judged by content at upload). */
    async photo(ctx: Ctx, id: number) {
      const a = await visible(ctx, id);
      const f = await files.get(db, a.photo_file_id);
      if (!f) throw notFound();
      return f;
    },
  };
}
export type CommunityService = ReturnType<typeof createCommunityService>;

/** For the kinerja score: confirmed activities per head held in a month 'YYYY-MM'. */
export function activityReader(repo: CommunityRepo = createCommunityRepo()) {
  return {
    confirmedIn(db: Db, userIds: number[], month: string) {
      const [y, m] = month.split('-').map(Number) as [number, number];
      const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
      return repo.confirmedCounts(db, userIds, `${month}-01`, `${next}-01`);
    },
  };
}
