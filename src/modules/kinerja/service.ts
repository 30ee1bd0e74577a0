// Kinerja use cases: the figures and score of each RT/RW head for a month,
// ranked within the caller's region, and a head's own scorecard.
//
// Pact signatures and trainings belong to rt-rw and rtrw-programme; wiring.ts
// hands their readers in as `KinerjaExtras`. Without them (the default) every
// head counts as not signed, 0 trainings and 0 activities. Community
// activities come from the community module (activityReader) the same way.
import { ConfigError } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { Role } from '../../kernel/roles.js';
import type { Ctx } from '../../kernel/context.js';
import { covers } from '../../kernel/scope.js';
import { notFound } from '../../lib/errors.js';
import { createKinerjaRepo, type KinerjaRepo } from './repo.js';
import {
  DEFAULT_WEIGHTS,
  isMonth,
  kecamatanOf,
  kelurahanOf,
  monthOf,
  monthRange,
  parseWeightsText,
  rank,
  score,
  scoreParts,
  shares,
  type HeadFigures,
  type ScoreWeights,
} from './rules.js';

/** Who sees the ranking of their region. */
export const RANKING_ROLES: readonly Role[] = ['lurah', 'staf_kelurahan', 'camat', 'staf_kecamatan', 'admin_kota'];
/** Who has a scorecard of their own. */
export const HEAD_ROLES: readonly Role[] = ['ketua_rt', 'ketua_rw'];

/** Optional facts from the pact and training modules, per head account and month. */
export interface KinerjaExtras {
  pactSigned(db: Db, userIds: number[], month: { start: Date; end: Date }): Promise<Set<number>>;
  trainingsDone(db: Db, userIds: number[], month: { start: Date; end: Date }): Promise<Map<number, number>>;
  /** Confirmed community activities per head held in the month (`month.month` = 'YYYY-MM'). */
  activitiesConfirmed?(
    db: Db,
    userIds: number[],
    month: { start: Date; end: Date; month: string },
  ): Promise<Map<number, number>>;
}

export interface KinerjaDeps {
  db: Db;
  clock: Clock;
  timeZone: string;
  weights?: ScoreWeights;
  repo?: KinerjaRepo;
  extras?: KinerjaExtras;
}

export interface HeadRow extends HeadFigures {
  userId: number;
  name: string;
  role: string;
  regionCode: string;
  regionName: string;
  kelurahanName: string | null;
  kecamatanName: string | null;
  kelurahan: string;
  kecamatan: string;
  withinShare: number | null;
  returnShare: number | null;
  score: number;
  parts: ReturnType<typeof scoreParts>;
  rank: number;
  rankInKelurahan: number;
}

const num = (x: unknown) => (x === null || x === undefined ? null : Number(x));

export function createKinerjaService(d: KinerjaDeps) {
  const { db, clock } = d;
  const repo = d.repo ?? createKinerjaRepo();
  const weights = d.weights ?? DEFAULT_WEIGHTS;

  /** `bulan` when valid, else the current month in the configured time zone. */
  const monthOrNow = (bulan: string | undefined) =>
    bulan && isMonth(bulan) ? bulan : monthOf(clock.now(), d.timeZone);

  async function compute(ctx: Ctx, bulan: string | undefined, onlyUserId?: number, under?: string) {
    const month = monthOrNow(bulan);
    const range = monthRange(month, d.timeZone);
    const s = ctx.scope;
    // A drill-down region must lie in the caller's scope: outside it, 404 as for any id.
    if (under !== undefined && !covers(s, under)) throw notFound();
    const [heads, actions, overdue] = await Promise.all([
      repo.heads(db, s, onlyUserId, under),
      repo.actions(db, s, range.start, range.end, onlyUserId),
      repo.overdue(db, s, range.start, range.end, clock.now()),
    ]);
    const ids = heads.map((h) => h.id);
    const none = new Map<number, number>();
    const [signed, trained, active] =
      d.extras && ids.length
        ? await Promise.all([
            d.extras.pactSigned(db, ids, range),
            d.extras.trainingsDone(db, ids, range),
            d.extras.activitiesConfirmed?.(db, ids, { ...range, month }) ?? none,
          ])
        : [new Set<number>(), none, none];
    const byUser = new Map(actions.map((a) => [a.user_id, a]));
    // Overdue per RT code and stage; an RW head sums the RW stage over the RTs below it.
    const lateRt = new Map<string, number>();
    const lateRw = new Map<string, number>();
    for (const o of overdue) {
      if (o.stage === 'rt') lateRt.set(o.regionCode, (lateRt.get(o.regionCode) ?? 0) + o.n);
      else if (o.stage === 'rw') {
        const rw = o.regionCode.split('.').slice(0, 5).join('.');
        lateRw.set(rw, (lateRw.get(rw) ?? 0) + o.n);
      }
    }
    const rows = heads.map((h) => {
      const a = h.id !== null ? byUser.get(h.id) : undefined;
      const f: HeadFigures = {
        handled: Number(a?.handled ?? 0),
        within: Number(a?.within ?? 0),
        returns: Number(a?.returns ?? 0),
        medianSeconds: num(a?.median_seconds),
        medianRatio: num(a?.median_ratio),
        overdue: (h.role === 'ketua_rt' ? lateRt.get(h.region_code) : lateRw.get(h.region_code)) ?? 0,
        pactSigned: signed.has(h.id),
        trainingsDone: trained.get(h.id) ?? 0,
        activitiesDone: active.get(h.id) ?? 0,
      };
      return {
        userId: h.id,
        name: h.full_name,
        role: h.role,
        regionCode: h.region_code,
        regionName: h.region_name,
        kelurahanName: h.kelurahan_name,
        kecamatanName: h.kecamatan_name,
        kelurahan: kelurahanOf(h.region_code),
        kecamatan: kecamatanOf(h.region_code),
        ...f,
        ...shares(f),
        score: score(f, weights),
        parts: scoreParts(f, weights),
      };
    });
    return { month, start: range.start, end: range.end, weights, heads: rank(rows) as HeadRow[] };
  }

  return {
    weights,
    monthOrNow,
    /** The ranking of every head in the caller's region (or a region within it: drill-down) for a month. */
    ranking: (ctx: Ctx, bulan?: string, under?: string) => compute(ctx, bulan, undefined, under),
    /** A head's own scorecard (their scope is their own RT/RW; only their account). */
    async mine(ctx: Ctx, bulan?: string) {
      const r = await compute(ctx, bulan, ctx.scope.userId);
      return { month: r.month, weights: r.weights, head: r.heads[0] ?? null };
    },
  };
}
export type KinerjaService = ReturnType<typeof createKinerjaService>;

/** The score's weights from KINERJA_WEIGHTS; a bad value stops the start with a clear message. */
export function weightsFromConfig(text: string): ScoreWeights {
  const weights = parseWeightsText(text);
  if (!weights.ok) throw new ConfigError([`KINERJA_WEIGHTS: ${weights.problem}`]);
  return weights.weights;
}
