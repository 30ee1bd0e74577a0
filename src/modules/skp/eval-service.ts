// Evaluation (issue 16, item 5): the appraiser rates each result and each behaviour of an agreed SKP for a period
// (a month or the year), the overall ratings are proposed from the items and may be set otherwise, the predikat
// follows the regulation's matrix (rules.ts predikatOf). The leader above enters the organisation's rating; the
// distribution of the unit's annual predikat is checked against the curve for it — warnings, never refusals.
import type { Db } from '../../db/database.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import type { Clock } from '../../lib/clock.js';
import { conflict, fieldError, forbidden, invalid, notFound, type FieldError } from '../../lib/errors.js';
import type { EmployeesService } from '../employees/service.js';
import { createSkpEvalRepo, type SkpEvalRepo } from './eval-repo.js';
import { BERAKHLAK, canAgreeSkp } from './policy.js';
import {
  checkDistribution,
  isOrgRating,
  isRating,
  predikatOf,
  proposedResultRating,
  type CurveRule,
  type Rating,
} from './rules.js';
import type { SkpService } from './service.js';

export interface SkpEvalDeps {
  db: Db;
  clock: Clock;
  audit: AuditRepo;
  skp: SkpService;
  employees: EmployeesService;
  curve: readonly CurveRule[];
  repo?: SkpEvalRepo;
}

const PERIOD = /^(\d{4})(-(0[1-9]|1[0-2]))?$/;

export interface EvaluationInput {
  /** resultId → rating; behaviour code → rating. */
  results: Record<string, string>;
  behaviours: Record<string, string>;
  /** Overall ratings; empty: the proposal from the items. */
  resultRating?: string | undefined;
  behaviourRating?: string | undefined;
  note?: string | undefined;
}

export function createSkpEvalService(d: SkpEvalDeps) {
  const { db, clock, audit } = d;
  const repo = d.repo ?? createSkpEvalRepo();

  async function rater(ctx: Ctx, skpId: number) {
    const { p, v } = await d.skp.visiblePlan(ctx, skpId);
    if (!canAgreeSkp(v, { employeeId: p.employee_id, appraiserId: p.appraiser_id, unitPath: p.unit_path }))
      throw forbidden();
    if (p.status !== 'disetujui') throw conflict('skp.eval.err.not_agreed');
    return { p, v };
  }

  /**
   * The distribution of a unit's annual predikat against its organisation rating. Heads of the unit and above and
   * the city admin read it; the leader above (head of a unit above, or the city admin) sets the rating.
   */
  async function distribution(ctx: Ctx, unitId: number, year: number) {
    const v = await d.skp.viewer(ctx);
    const unit = (await d.employees.units(ctx)).find((u) => u.id === unitId);
    if (!unit) throw notFound();
    const within = (h: string) => unit.path === h || unit.path.startsWith(h + '/');
    const reads = !!v.cityPrefix || v.headOf.some(within);
    if (!reads) throw notFound();
    const mayRate = !!v.cityPrefix || v.headOf.some((h) => h !== unit.path && within(h));
    const [rows, org] = await Promise.all([repo.predikatUnder(db, unit.path, year), repo.orgRating(db, unit.id, year)]);
    const warnings = org
      ? checkDistribution(
          org.rating,
          rows.map((r) => r.predikat),
          d.curve,
        )
      : [];
    return { unit, rows, org: org ?? null, warnings, mayRate };
  }

  return {
    /** Evaluations of an SKP, for whoever may see it. */
    async list(ctx: Ctx, skpId: number) {
      await d.skp.visiblePlan(ctx, skpId);
      return repo.evaluations(db, skpId);
    },

    /** The form: the results and behaviours, the saved ratings of the period if any. */
    async form(ctx: Ctx, skpId: number, period: string) {
      const { p } = await rater(ctx, skpId);
      if (!PERIOD.test(period) || !period.startsWith(String(p.year))) throw notFound();
      const content = await d.skp.contentOf(p.id);
      const saved = (await repo.evaluations(db, p.id)).find((e) => e.period === period) ?? null;
      const items = saved ? await repo.items(db, saved.id) : [];
      return { p, ...content, saved, items };
    },

    async evaluate(ctx: Ctx, skpId: number, period: string, input: EvaluationInput) {
      const { p, v } = await rater(ctx, skpId);
      if (!PERIOD.test(period) || !period.startsWith(String(p.year))) throw fieldError('period', 'skp.eval.err.period');
      const { results } = await d.skp.contentOf(p.id);
      const errors: FieldError[] = [];
      const items: { resultId: number | null; behaviour: string | null; rating: Rating }[] = [];
      for (const r of results) {
        const rating = input.results[String(r.id)] ?? '';
        if (!isRating(rating))
          errors.push({ field: `r_${r.id}`, key: 'skp.eval.err.rate_result', params: { result: r.text } });
        else items.push({ resultId: r.id, behaviour: null, rating });
      }
      for (const c of BERAKHLAK) {
        const rating = input.behaviours[c] ?? '';
        if (!isRating(rating)) errors.push({ field: `b_${c}`, key: 'skp.eval.err.rate_behaviour' });
        else items.push({ resultId: null, behaviour: c, rating });
      }
      const note = (input.note ?? '').trim();
      if (note.length > 1000) errors.push({ field: 'note', key: 'skp.eval.err.note', params: { max: 1000 } });
      if (input.resultRating && !isRating(input.resultRating))
        errors.push({ field: 'resultRating', key: 'skp.eval.err.overall' });
      if (input.behaviourRating && !isRating(input.behaviourRating))
        errors.push({ field: 'behaviourRating', key: 'skp.eval.err.overall' });
      if (errors.length) throw invalid(errors);
      const main = results.filter((r) => r.kind === 'utama').map((r) => input.results[String(r.id)] as Rating);
      const resultRating = (input.resultRating as Rating | undefined) || proposedResultRating(main) || 'sesuai';
      const behaviourRating =
        (input.behaviourRating as Rating | undefined) ||
        proposedResultRating(BERAKHLAK.map((c) => input.behaviours[c] as Rating)) ||
        'sesuai';
      const predikat = predikatOf(resultRating, behaviourRating);
      await db.transaction().execute(async (trx) => {
        const id = await repo.save(trx, {
          skpId: p.id,
          period,
          resultRating,
          behaviourRating,
          predikat,
          note,
          ratedBy: v.employeeId!,
          now: clock.now(),
          items,
        });
        if (id === null) throw conflict('skp.eval.err.signed');
        await audit.append(
          trx,
          auditFrom(ctx, {
            action: 'skp.evaluated',
            entityType: 'skp_evaluation',
            entityId: id,
            regionCode: ctx.scope.regionCode,
            details: { skpId: p.id, period, resultRating, behaviourRating, predikat },
          }),
        );
      });
      return predikat;
    },

    distribution,

    async setOrgRating(ctx: Ctx, unitId: number, year: number, rating: string) {
      const dist = await distribution(ctx, unitId, year);
      if (!dist.mayRate) throw forbidden();
      if (!isOrgRating(rating)) throw fieldError('rating', 'skp.eval.err.org_rating');
      await db.transaction().execute(async (trx) => {
        await repo.setOrgRating(trx, { unitId, year, rating, by: ctx.scope.userId, now: clock.now() });
        await audit.append(
          trx,
          auditFrom(ctx, {
            action: 'skp.org_rated',
            entityType: 'org_unit',
            entityId: unitId,
            regionCode: ctx.scope.regionCode,
            details: { year, rating },
          }),
        );
      });
    },
  };
}
export type SkpEvalService = ReturnType<typeof createSkpEvalService>;
