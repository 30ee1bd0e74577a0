// The city's JRA (issue 15 item 2, edited here): the city admin sets, changes or removes the city's own row per
// classification code (naskah_retention_rules); codes without one use the shipped default (reference/naskah-jra.csv),
// nearest ancestor first (rules.ts retentionFor). A naskah keeps the snapshot taken when it was registered: edits
// here never change it. Each write commits with its audit record.
import type { Db } from '../../db/database.js';
import { forbidden, invalid, notFound, type FieldError } from '../../lib/errors.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import type { ClassificationReader } from '../catalogue/service.js';
import { cityOfScope } from '../employees/service.js';
import { berkasPolicy } from './berkas-policy.js';
import type { BerkasRepo } from './berkas-repo.js';
import type { NaskahReference } from './reference.js';
import { FINAL_DISPOSITIONS, retentionFor, type FinalDisposition, type RetentionRow } from './rules.js';

export interface JraInput {
  code: string;
  activeYears: string;
  inactiveYears: string;
  final: string;
  note: string;
}

const YEARS = /^\d{1,3}$/;

/** Every problem of a JRA row at once, each naming its field. */
export function jraProblems(i: JraInput): FieldError[] {
  const e: FieldError[] = [];
  const years = (v: string) => YEARS.test(v.trim()) && Number(v.trim()) <= 100;
  if (!years(i.activeYears)) e.push({ field: 'activeYears', key: 'jra.err.active_years' });
  if (!years(i.inactiveYears)) e.push({ field: 'inactiveYears', key: 'jra.err.inactive_years' });
  if (!(FINAL_DISPOSITIONS as readonly string[]).includes(i.final)) e.push({ field: 'final', key: 'jra.err.final' });
  if (i.note.length > 500) e.push({ field: 'note', key: 'jra.err.note', params: { max: 500 } });
  return e;
}

export function createJraService(d: {
  db: Db;
  audit: AuditRepo;
  reference: NaskahReference;
  classifications: ClassificationReader;
  repo: BerkasRepo;
}) {
  const { db, repo } = d;
  const defaults = new Map<string, RetentionRow>(d.reference.retention.map((r) => [r.code, r]));
  const none = new Map<string, RetentionRow>();
  const allowed = (ctx: Ctx) => {
    if (!berkasPolicy.editJra.includes(ctx.scope.role)) throw forbidden();
    return cityOfScope(ctx);
  };

  return {
    /** Every active classification code with the shipped default that applies and the city's own row, if any. */
    async rows(ctx: Ctx) {
      const city = allowed(ctx);
      const own = new Map((await repo.cityRules(db, city)).map((r) => [r.classification_code, r]));
      return (await d.classifications.active(db)).map((c) => ({
        code: c.code,
        name: c.name,
        shipped: retentionFor(c.code, none, defaults),
        own: own.get(c.code) ?? null,
      }));
    },

    async set(ctx: Ctx, i: JraInput) {
      const city = allowed(ctx);
      const code = i.code.trim();
      const cls = await d.classifications.byCode(db, code);
      const errors = jraProblems(i);
      if (!cls?.active) errors.unshift({ field: 'code', key: 'jra.err.code', params: { code } });
      if (errors.length || !cls) throw invalid(errors);
      const row = {
        city,
        code: cls.code,
        active: Number(i.activeYears.trim()),
        inactive: Number(i.inactiveYears.trim()),
        final: i.final as FinalDisposition,
        note: i.note.trim(),
        by: ctx.scope.userId,
      };
      await db.transaction().execute(async (trx) => {
        const before = await repo.ruleOf(trx, city, cls.code);
        await repo.upsertRule(trx, row);
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: before ? 'jra.rule_changed' : 'jra.rule_added',
            entityType: 'classification_code',
            entityId: cls.code,
            regionCode: city,
            details: { code: cls.code, before: before ?? null, after: { ...row, city: undefined, by: undefined } },
          }),
        );
      });
    },

    async remove(ctx: Ctx, code: string) {
      const city = allowed(ctx);
      await db.transaction().execute(async (trx) => {
        const before = await repo.ruleOf(trx, city, code);
        if (!before || !(await repo.deleteRule(trx, city, code))) throw notFound();
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'jra.rule_removed',
            entityType: 'classification_code',
            entityId: code,
            regionCode: city,
            details: { code, before },
          }),
        );
      });
    },
  };
}
export type JraService = ReturnType<typeof createJraService>;
