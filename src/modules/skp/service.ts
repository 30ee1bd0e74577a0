// SKP use cases (issue 16, item 1): an employee drafts their SKP for a year — results (RHK) supporting the
// appraiser's, indicators, the BerAKHLAK behaviours — submits it; the appraiser sets expectations and agrees or
// returns it; a change after agreement is a new version. Every move is a guarded UPDATE with its audit record in
// the same transaction. The cascade is checked by the pure rules (rules.ts cascadeProblem) on the chain of parents.
import type { Db } from '../../db/database.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, conflict, fieldError, forbidden, invalid, notFound, type FieldError } from '../../lib/errors.js';
import type { MessageKey } from '../../i18n/index.js';
import { pathAndAncestors, supervisorOf } from '../employees/index.js';
import type { EmployeesService } from '../employees/service.js';
import { BERAKHLAK, canAgreeSkp, canSeeSkp, type BehaviourCode, type SkpViewer } from './policy.js';
import { createSkpLogsRepo } from './logs-repo.js';
import { createSkpRepo, type PlanRow, type SkpRepo } from './repo.js';
import { cascadeProblem, monthlyTargets, type ResultNode } from './rules.js';

export interface SkpDeps {
  db: Db;
  clock: Clock;
  audit: AuditRepo;
  employees: EmployeesService;
  /** The city's offset from UTC in minutes, for the current year. */
  offsetMinutes: number;
  repo?: SkpRepo;
}

export const ASPECTS = ['kuantitas', 'kualitas', 'waktu', 'biaya'] as const;
export type Aspect = (typeof ASPECTS)[number];
export const RESULT_KINDS = ['utama', 'tambahan'] as const;

const access = (p: PlanRow) => ({ employeeId: p.employee_id, appraiserId: p.appraiser_id, unitPath: p.unit_path });
const field = (f: string, key: MessageKey, params?: Record<string, string | number>) => fieldError(f, key, params);

export function createSkpService(d: SkpDeps) {
  const { db, clock, audit } = d;
  const repo = d.repo ?? createSkpRepo();
  const logsRepo = createSkpLogsRepo();
  const yearNow = () => new Date(clock.now().getTime() + d.offsetMinutes * 60_000).getUTCFullYear();

  async function viewer(ctx: Ctx): Promise<SkpViewer> {
    const city = ctx.scope.regionCode.split('.').slice(0, 2).join('.');
    const base = { role: ctx.scope.role, employeeId: null, headOf: [], cityPrefix: null };
    if (ctx.scope.role === 'admin_kota') return { ...base, cityPrefix: city };
    if (ctx.scope.role !== 'pegawai') return base;
    const me = await d.employees.me(ctx);
    if (!me) return base;
    const units = await d.employees.units(ctx);
    return { ...base, employeeId: me.id, headOf: units.filter((u) => u.head_employee_id === me.id).map((u) => u.path) };
  }

  /** The SKP if the viewer may see it; a stranger's id answers as if it did not exist. */
  async function visible(ctx: Ctx, id: number) {
    const [p, v] = await Promise.all([repo.planById(db, id), viewer(ctx)]);
    if (!p || !canSeeSkp(v, access(p))) throw notFound();
    return { p, v };
  }

  async function ownDraft(ctx: Ctx, id: number) {
    const { p, v } = await visible(ctx, id);
    if (p.employee_id !== v.employeeId) throw forbidden();
    if (p.status !== 'draf') throw conflict('skp.err.not_draft');
    return { p, v };
  }

  /** Checks a parent for a result of plan `p` (result `resultId`, or a new one): same year, the cascade rules. */
  async function checkParent(p: PlanRow, resultId: number | null, parentId: number) {
    const chain = await repo.chainUp(db, parentId);
    const parent = chain.find((r) => r.id === parentId);
    if (!parent) throw field('parentId', 'skp.err.parent_unknown');
    const parentPlan = await repo.planById(db, parent.skp_id);
    if (!parentPlan || parentPlan.year !== p.year || parentPlan.status === 'diganti')
      throw field('parentId', 'skp.err.parent_year');
    if (parentPlan.employee_id === p.employee_id) throw field('parentId', 'skp.err.parent_own');
    const nodes = new Map<number, ResultNode>(
      chain.map((r) => [r.id, { id: r.id, parentId: r.parent_result_id, unitPath: r.unit_path }]),
    );
    const problem = cascadeProblem(nodes, { id: resultId, unitPath: p.unit_path }, parentId);
    if (problem) throw field('parentId', `skp.err.cascade_${problem}` as const);
  }

  async function move(
    ctx: Ctx,
    p: PlanRow,
    from: 'draf' | 'diajukan',
    to: 'diajukan' | 'disetujui' | 'draf',
    extra: { note?: string; agreedBy?: number | null; after?: (trx: Db) => Promise<void> } = {},
  ) {
    await db.transaction().execute(async (trx) => {
      const ok = await repo.moveStatus(trx, p.id, from, {
        status: to,
        now: clock.now(),
        ...(extra.note !== undefined ? { return_note: extra.note } : {}),
        ...(to === 'diajukan' ? { return_note: null } : {}),
        ...(extra.agreedBy !== undefined ? { agreed_by: extra.agreedBy } : {}),
      });
      if (!ok) throw conflict('skp.err.moved');
      await extra.after?.(trx);
      await audit.append(
        trx,
        auditFrom(ctx, {
          action: `skp.${to}`,
          entityType: 'skp_plan',
          entityId: String(p.id),
          regionCode: ctx.scope.regionCode,
          details: { from, to, version: p.version, ...(extra.note ? { note: extra.note } : {}) },
        }),
      );
    });
  }

  return {
    yearNow,
    viewer,
    /** Whether the viewer oversees anyone: the admin, a head of a unit, an appraiser (menu of /skp/pantau, the BKN export). */
    async oversees(ctx: Ctx) {
      const v = await viewer(ctx);
      if (v.cityPrefix || v.headOf.length) return true;
      return v.employeeId !== null && repo.appraisesAnyone(db, v.employeeId);
    },
    /** The SKP and the viewer, when the viewer may see it (else 404); for the evaluation use cases. */
    visiblePlan: visible,
    /** Results and indicators of an SKP (no access check: callers hold a visible plan). */
    contentOf: async (skpId: number) => {
      const results = await repo.results(db, [skpId]);
      return { results, behaviours: await repo.behaviours(db, skpId) };
    },

    /** The viewer's own live SKP of a year, and the ones they may see of others (appraised, below their units). */
    async overview(ctx: Ctx, year = yearNow()) {
      const v = await viewer(ctx);
      const plans = await repo.visiblePlans(db, v, year);
      return {
        v,
        mine: plans.find((p) => p.employee_id === v.employeeId) ?? null,
        others: plans.filter((p) => p.employee_id !== v.employeeId),
      };
    },

    /** The cascade as a tree of the results the viewer may see; a result whose parent is hidden is a root. */
    async tree(ctx: Ctx, year: number) {
      const v = await viewer(ctx);
      const plans = await repo.visiblePlans(db, v, year);
      const planOf = new Map(plans.map((p) => [p.id, p]));
      const results = await repo.results(
        db,
        plans.map((p) => p.id),
      );
      interface TreeNode {
        id: number;
        text: string;
        employee_name: string;
        unit_name: string;
        children: TreeNode[];
      }
      const nodes = new Map<number, TreeNode>(
        results.map((r) => [
          r.id,
          {
            id: r.id,
            text: r.text,
            employee_name: planOf.get(r.skp_id)?.employee_name ?? '',
            unit_name: planOf.get(r.skp_id)?.unit_name ?? '',
            children: [],
          },
        ]),
      );
      const roots: TreeNode[] = [];
      for (const r of results) {
        const parent = r.parent_result_id ? nodes.get(r.parent_result_id) : undefined;
        (parent ? parent.children : roots).push(nodes.get(r.id)!);
      }
      return roots;
    },

    /** Opens the employee's SKP for a year: the appraiser as the register says today, the seven behaviours. */
    async create(ctx: Ctx, year: number) {
      const me = await d.employees.me(ctx);
      if (!me) throw forbidden();
      if (year < yearNow() - 1 || year > yearNow() + 1) throw field('year', 'skp.err.year');
      const existing = await repo.livePlan(db, me.id, year);
      if (existing) return existing.id;
      const heads = await d.employees.read.headsAlong(db, pathAndAncestors(me.unit_path));
      const appraiserId = supervisorOf(me, heads);
      try {
        return await db.transaction().execute(async (trx) => {
          const id = await repo.insertPlan(trx, {
            employeeId: me.id,
            unitId: me.unit_id,
            unitPath: me.unit_path,
            appraiserId,
            year,
            version: 1,
            replacesId: null,
          });
          await repo.insertBehaviours(
            trx,
            id,
            BERAKHLAK.map((code) => ({ code, expectation: '' })),
          );
          await audit.append(
            trx,
            auditFrom(ctx, {
              action: 'skp.created',
              entityType: 'skp_plan',
              entityId: String(id),
              regionCode: ctx.scope.regionCode,
              details: { year, appraiserId },
            }),
          );
          return id;
        });
      } catch (err) {
        // Two taps at once: the partial unique index lets one in; the other gets the same SKP.
        const again = await repo.livePlan(db, me.id, year);
        if (again) return again.id;
        throw err;
      }
    },

    async detail(ctx: Ctx, id: number) {
      const { p, v } = await visible(ctx, id);
      const results = await repo.results(db, [p.id]);
      const indicators = await repo.indicators(
        db,
        results.map((r) => r.id),
      );
      const behaviours = await repo.behaviours(db, p.id);
      // The results this SKP's may support: those of the appraiser and of the heads above (same year, live).
      const heads = await d.employees.read.headsAlong(db, pathAndAncestors(p.unit_path));
      const upIds = [
        ...new Set([p.appraiser_id, ...heads.map((h) => h.head_employee_id)].filter((x): x is number => !!x)),
      ].filter((x) => x !== p.employee_id);
      const parents = (await repo.resultsOfEmployees(db, upIds, p.year)).filter(
        (r) =>
          cascadeProblem(
            new Map([[r.id, { id: r.id, parentId: null, unitPath: r.unit_path }]]),
            { id: null, unitPath: p.unit_path },
            r.id,
          ) === null,
      );
      return {
        p,
        results: results.map((r) => ({ ...r, indicators: indicators.filter((i) => i.result_id === r.id) })),
        behaviours,
        parents,
        mayEdit: p.employee_id === v.employeeId && p.status === 'draf',
        mayAgree: p.status === 'diajukan' && canAgreeSkp(v, access(p)),
        maySetExpectations: (p.status === 'draf' || p.status === 'diajukan') && canAgreeSkp(v, access(p)),
        mayRevise: p.employee_id === v.employeeId && p.status === 'disetujui',
        mayEvaluate: p.status === 'disetujui' && canAgreeSkp(v, access(p)),
      };
    },

    async addResult(ctx: Ctx, id: number, input: { kind: string; text: string; parentId?: number | undefined }) {
      const { p } = await ownDraft(ctx, id);
      const text = input.text.trim();
      if (!(RESULT_KINDS as readonly string[]).includes(input.kind)) throw field('kind', 'skp.err.kind');
      if (text.length < 3 || text.length > 500) throw field('text', 'skp.err.text', { min: 3, max: 500 });
      if (input.parentId) await checkParent(p, null, input.parentId);
      return db.transaction().execute(async (trx) => {
        const locked = await repo.lockPlan(trx, p.id);
        if (locked?.status !== 'draf') throw conflict('skp.err.not_draft');
        const rid = await repo.insertResult(trx, {
          skpId: p.id,
          kind: input.kind as 'utama' | 'tambahan',
          position: await repo.nextPosition(trx, p.id),
          text,
          parentId: input.parentId ?? null,
        });
        await audit.append(
          trx,
          auditFrom(ctx, {
            action: 'skp.result_added',
            entityType: 'skp_plan',
            entityId: String(p.id),
            regionCode: ctx.scope.regionCode,
            details: { resultId: rid, parentId: input.parentId ?? null },
          }),
        );
        return rid;
      });
    },

    /** Points a result at another parent (or none): the cascade rules again, on the chain above the new parent. */
    async setParent(ctx: Ctx, id: number, resultId: number, parentId: number | null) {
      const { p } = await ownDraft(ctx, id);
      const own = (await repo.results(db, [p.id])).find((r) => r.id === resultId);
      if (!own) throw notFound();
      if (parentId) await checkParent(p, resultId, parentId);
      await db.transaction().execute(async (trx) => {
        const locked = await repo.lockPlan(trx, p.id);
        if (locked?.status !== 'draf') throw conflict('skp.err.not_draft');
        await repo.setParent(trx, resultId, parentId);
        await audit.append(
          trx,
          auditFrom(ctx, {
            action: 'skp.result_parent_set',
            entityType: 'skp_plan',
            entityId: String(p.id),
            regionCode: ctx.scope.regionCode,
            details: { resultId, parentId },
          }),
        );
      });
    },

    async addIndicator(
      ctx: Ctx,
      id: number,
      input: { resultId: number; text: string; aspect: string; target: string; unitLabel: string },
    ) {
      const { p } = await ownDraft(ctx, id);
      const own = (await repo.results(db, [p.id])).find((r) => r.id === input.resultId);
      if (!own) throw field('resultId', 'skp.err.result');
      const text = input.text.trim();
      const target = Number(input.target.replace(',', '.'));
      const unitLabel = input.unitLabel.trim();
      const errors: FieldError[] = [];
      if (text.length < 3 || text.length > 500)
        errors.push({ field: 'text', key: 'skp.err.text', params: { min: 3, max: 500 } });
      if (!(ASPECTS as readonly string[]).includes(input.aspect))
        errors.push({ field: 'aspect', key: 'skp.err.aspect', params: {} });
      if (!(target > 0 && target < 1e12)) errors.push({ field: 'target', key: 'skp.err.target', params: {} });
      if (unitLabel.length < 1 || unitLabel.length > 40)
        errors.push({ field: 'unitLabel', key: 'skp.err.unit_label', params: { max: 40 } });
      if (errors.length) throw invalid(errors);
      await db.transaction().execute(async (trx) => {
        const locked = await repo.lockPlan(trx, p.id);
        if (locked?.status !== 'draf') throw conflict('skp.err.not_draft');
        await repo.insertIndicator(trx, { resultId: own.id, text, aspect: input.aspect as Aspect, target, unitLabel });
        await audit.append(
          trx,
          auditFrom(ctx, {
            action: 'skp.indicator_added',
            entityType: 'skp_plan',
            entityId: String(p.id),
            regionCode: ctx.scope.regionCode,
            details: { resultId: own.id, aspect: input.aspect, target },
          }),
        );
      });
    },

    /** The appraiser's expectation for each behaviour (ekspektasi pimpinan), while the SKP is not agreed. */
    async setExpectations(ctx: Ctx, id: number, values: Partial<Record<BehaviourCode, string>>) {
      const { p, v } = await visible(ctx, id);
      if (!canAgreeSkp(v, access(p))) throw forbidden();
      if (p.status !== 'draf' && p.status !== 'diajukan') throw conflict('skp.err.agreed');
      const long = BERAKHLAK.find((c) => (values[c] ?? '').length > 1000);
      if (long) throw field(`exp_${long}`, 'skp.err.expectation', { max: 1000 });
      await db.transaction().execute(async (trx) => {
        for (const c of BERAKHLAK)
          if (values[c] !== undefined) await repo.setBehaviour(trx, p.id, c, values[c]!.trim());
        await audit.append(
          trx,
          auditFrom(ctx, {
            action: 'skp.expectations_set',
            entityType: 'skp_plan',
            entityId: String(p.id),
            regionCode: ctx.scope.regionCode,
            details: {},
          }),
        );
      });
    },

    async submit(ctx: Ctx, id: number) {
      const { p } = await ownDraft(ctx, id);
      const results = await repo.results(db, [p.id]);
      const main = results.filter((r) => r.kind === 'utama');
      if (main.length === 0) throw new AppError(422, 'skp.err.no_main');
      const inds = await repo.indicators(
        db,
        main.map((r) => r.id),
      );
      const bare = main.find((r) => !inds.some((i) => i.result_id === r.id));
      if (bare) throw new AppError(422, 'skp.err.no_indicator', { result: bare.text });
      if (!p.appraiser_id) throw new AppError(422, 'skp.err.no_appraiser');
      await move(ctx, p, 'draf', 'diajukan');
    },

    /** Agreement; the monthly plans are proposed from the annual targets in the same transaction (item 2). */
    async agree(ctx: Ctx, id: number) {
      const { p, v } = await visible(ctx, id);
      if (!canAgreeSkp(v, access(p))) throw forbidden();
      const now = new Date(clock.now().getTime() + d.offsetMinutes * 60_000);
      const fromMonth = now.getUTCFullYear() === p.year ? now.getUTCMonth() + 1 : 1;
      await move(ctx, p, 'diajukan', 'disetujui', {
        agreedBy: v.employeeId,
        after: async (trx) => {
          const inds = await repo.indicators(
            trx,
            (await repo.results(trx, [p.id])).map((r) => r.id),
          );
          await logsRepo.insertMonthlyPlans(
            trx,
            inds.flatMap((i) =>
              monthlyTargets(Number(i.target), fromMonth)
                .map((target, m) => ({ indicatorId: i.id, month: m + 1, target }))
                .filter((x) => x.month >= fromMonth),
            ),
          );
        },
      });
    },

    async returnToDraft(ctx: Ctx, id: number, note: string) {
      const { p, v } = await visible(ctx, id);
      if (!canAgreeSkp(v, access(p))) throw forbidden();
      const n = note.trim();
      if (n.length < 3 || n.length > 1000) throw field('note', 'skp.err.note', { min: 3, max: 1000 });
      await move(ctx, p, 'diajukan', 'draf', { note: n });
    },

    /**
     * A change after agreement: a new version (draft) copying results, indicators and behaviours; the agreed one
     * is kept, marked diganti. Results of staff SKP that supported the old results now support their copies.
     */
    async revise(ctx: Ctx, id: number) {
      const { p } = await visible(ctx, id);
      const me = await d.employees.me(ctx);
      if (!me || me.id !== p.employee_id) throw forbidden();
      return db.transaction().execute(async (trx) => {
        const ok = await repo.moveStatus(trx, p.id, 'disetujui', { status: 'diganti', now: clock.now() });
        if (!ok) throw conflict('skp.err.moved');
        const nid = await repo.insertPlan(trx, {
          employeeId: p.employee_id,
          unitId: p.unit_id,
          unitPath: p.unit_path,
          appraiserId: p.appraiser_id,
          year: p.year,
          version: p.version + 1,
          replacesId: p.id,
        });
        await repo.copyPlanContent(trx, p.id, nid);
        await audit.append(
          trx,
          auditFrom(ctx, {
            action: 'skp.revised',
            entityType: 'skp_plan',
            entityId: String(nid),
            regionCode: ctx.scope.regionCode,
            details: { replaces: p.id, version: p.version + 1 },
          }),
        );
        return nid;
      });
    },
  };
}
export type SkpService = ReturnType<typeof createSkpService>;
