// Kinerja JSON API (and the page registrations, so the app wires one call):
// the ranking of the caller's region and a head's own scorecard, per month.
import { Type } from 'typebox';
import { ErrorBody, RegionCode, type App } from '../../http/types.js';
import type { Services } from '../../wiring.js';
import { addMenu } from '../../kernel/menu.js';
import { registerKinerjaPages } from './pages.js';
import { HEAD_ROLES, RANKING_ROLES, type HeadRow } from './service.js';

const tags = ['kinerja'];
const Month = Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', maxLength: 7 }));
const MonthQuery = Type.Object({ bulan: Month });
/** `wilayah`: a kecamatan, kelurahan or RW within the caller's region (drill-down). */
const RankingQuery = Type.Object({ bulan: Month, wilayah: Type.Optional(RegionCode) });
const errors = { 400: ErrorBody, 404: ErrorBody };
const N = Type.Number();
const NullNum = Type.Union([Type.Number(), Type.Null()]);
const HeadOut = Type.Object({
  userId: Type.Integer(),
  name: Type.String(),
  role: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  kelurahan: Type.String(),
  kelurahanName: Type.Union([Type.String(), Type.Null()]),
  kecamatanName: Type.Union([Type.String(), Type.Null()]),
  kecamatan: Type.String(),
  handled: N,
  within: N,
  returns: N,
  medianSeconds: NullNum,
  medianRatio: NullNum,
  withinShare: NullNum,
  returnShare: NullNum,
  overdue: N,
  pactSigned: Type.Boolean(),
  trainingsDone: N,
  activitiesDone: N,
  activityPoints: N,
  score: N,
  rank: N,
  rankInKelurahan: N,
});
const Weights = Type.Object({
  withinBudget: N,
  speed: N,
  returns: N,
  pact: N,
  training: N,
  overduePenalty: N,
  trainingsRequired: N,
  activity: N,
  activitiesRequired: N,
});
const RankingOut = Type.Object({ month: Type.String(), weights: Weights, heads: Type.Array(HeadOut) });
const MineOut = Type.Object({ month: Type.String(), weights: Weights, head: Type.Union([HeadOut, Type.Null()]) });

/** What the API shows of a head: figures, score and rank (no personal data beyond the head's name). */
export function presentHead(h: HeadRow) {
  return {
    userId: h.userId,
    name: h.name,
    role: h.role,
    regionCode: h.regionCode,
    regionName: h.regionName,
    kelurahan: h.kelurahan,
    kelurahanName: h.kelurahanName,
    kecamatanName: h.kecamatanName,
    kecamatan: h.kecamatan,
    handled: h.handled,
    within: h.within,
    returns: h.returns,
    medianSeconds: h.medianSeconds,
    medianRatio: h.medianRatio,
    withinShare: h.withinShare,
    returnShare: h.returnShare,
    overdue: h.overdue,
    pactSigned: h.pactSigned,
    trainingsDone: h.trainingsDone,
    activitiesDone: h.activitiesDone,
    activityPoints: h.parts.activity,
    score: h.score,
    rank: h.rank,
    rankInKelurahan: h.rankInKelurahan,
  };
}

export function registerKinerjaRoutes(app: App, s: Services) {
  app.get(
    '/api/v1/kinerja',
    {
      config: { access: RANKING_ROLES },
      schema: { tags, querystring: RankingQuery, response: { 200: RankingOut, ...errors } },
    },
    async (req) => {
      const r = await s.kinerja.ranking(req.ctx(), req.query.bulan, req.query.wilayah);
      return { month: r.month, weights: r.weights, heads: r.heads.map(presentHead) };
    },
  );
  app.get(
    '/api/v1/kinerja/saya',
    {
      config: { access: HEAD_ROLES },
      schema: { tags, querystring: MonthQuery, response: { 200: MineOut, ...errors } },
    },
    async (req) => {
      const r = await s.kinerja.mine(req.ctx(), req.query.bulan);
      return { month: r.month, weights: r.weights, head: r.head ? presentHead(r.head) : null };
    },
  );
  registerKinerjaPages(app, s);
  addMenu(
    app,
    { href: '/kinerja', key: 'kin.nav', roles: RANKING_ROLES, order: 66 },
    { href: '/kinerja/saya', key: 'kin.nav_mine', roles: HEAD_ROLES, order: 66 },
  );
}
