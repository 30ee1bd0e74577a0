// Use cases for the region tree: the national import and the RW/RT that
// kelurahan create, rename, retire and bulk-import beneath them.
import { parse } from 'csv-parse/sync';
import type { Db } from '../../db/database.js';
import type { Region } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import type { MessageKey } from '../../i18n/index.js';
import { CONTROL_CHARS, hasInvisible } from '../../lib/text.js';
import { AppError, fieldError, isUniqueViolation, notFound } from '../../lib/errors.js';
import { assertCovers } from '../../kernel/scope.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import { nationalRegionsOf } from './national.js';
import { createRegionsRepo, type RegionsRepo } from './repo.js';
import { childCode, parentCode, parseRtRwNumber } from '../../kernel/regions.js';

export interface RegionsDeps {
  db: Db;
  clock: Clock;
  regions: RegionsRepo;
  audit: AuditRepo;
}

export interface ImportRowError {
  row: number;
  reason: string;
}

export const MAX_REGION_IMPORT_ROWS = 2000;

export function createRegionsService(d: RegionsDeps) {
  const { db, clock } = d;

  async function ancestorsOf(code: string) {
    const codes: string[] = [];
    for (let c = parentCode(code); c; c = parentCode(c)) codes.unshift(c);
    const rows = await d.regions.namesOf(db, codes);
    return codes.map((c) => rows.find((r) => r.code === c)).filter((r): r is NonNullable<typeof r> => !!r);
  }

  return {
    /** System task at start: make sure the configured city's national regions exist. */
    async importCity(cityCode: string) {
      const rows = nationalRegionsOf(cityCode);
      if (!rows.length) throw new Error(`Kode kota ${cityCode} tidak ada di data wilayah Kemendagri (idn-area-data).`);
      await d.regions.upsertNational(db, rows);
      return rows.length;
    },

    async get(ctx: Ctx, code: string) {
      const region = await d.regions.find(db, ctx.scope, code);
      if (!region) throw notFound();
      const [children, ancestors] = await Promise.all([d.regions.children(db, ctx.scope, code), ancestorsOf(code)]);
      return { region, children, ancestors };
    },

    /** The scope's region and everything below it down to `depth`. */
    tree: (ctx: Ctx, levels: Region['level'][], under?: string) =>
      d.regions.subtree(db, ctx.scope, levels, under ? { under } : {}),

    /** Active RTs in scope, for pickers. */
    activeRts: (ctx: Ctx, under?: string) =>
      d.regions.subtree(db, ctx.scope, ['rt'], { activeOnly: true, ...(under ? { under } : {}) }),

    async createChild(ctx: Ctx, parent: string, input: { number: string; name?: string | undefined }) {
      assertCovers(ctx.scope, parent);
      const p = await d.regions.findActive(db, ctx.scope, parent);
      if (!p) throw notFound();
      if (p.level !== 'kelurahan' && p.level !== 'rw') throw new AppError(422, 'regions.not_under_kelurahan');
      const n = parseRtRwNumber(input.number);
      if (n === null) throw fieldError('number', 'field.out_of_range', { field: 'f.number', min: 1, max: 999 });
      const level = p.level === 'kelurahan' ? 'rw' : 'rt';
      const code = childCode(p.code, n);
      const name = input.name?.trim() || `${level.toUpperCase()} ${String(n).padStart(3, '0')}`;
      try {
        return await db.transaction().execute(async (trx) => {
          const r = await d.regions.insert(trx, { code, parent_code: p.code, level, name }, clock.now());
          await d.audit.append(
            trx,
            auditFrom(ctx, {
              action: 'region.created',
              entityType: 'region',
              entityId: code,
              regionCode: code,
              details: { name },
            }),
          );
          return r;
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw fieldError('number', 'regions.number_taken');
        throw err;
      }
    },

    async rename(ctx: Ctx, code: string, name: string) {
      const r = await d.regions.find(db, ctx.scope, code);
      if (!r || (r.level !== 'rw' && r.level !== 'rt')) throw notFound();
      await db.transaction().execute(async (trx) => {
        await d.regions.rename(trx, code, name.trim(), clock.now());
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'region.renamed',
            entityType: 'region',
            entityId: code,
            regionCode: code,
            details: { from: r.name, to: name.trim() },
          }),
        );
      });
    },

    async retire(ctx: Ctx, code: string) {
      const r = await d.regions.find(db, ctx.scope, code);
      if (!r || (r.level !== 'rw' && r.level !== 'rt')) throw notFound();
      await db.transaction().execute(async (trx) => {
        if ((await d.regions.countActiveChildren(trx, code)) > 0)
          throw new AppError(409, 'regions.has_active_children');
        if (!(await d.regions.retire(trx, code, clock.now()))) return; // already retired: idempotent
        await d.audit.append(
          trx,
          auditFrom(ctx, { action: 'region.retired', entityType: 'region', entityId: code, regionCode: code }),
        );
      });
    },

    /** CSV with columns rw, rt[, nama]: all rows or none. */
    async importRwRt(ctx: Ctx, kelurahan: string, csv: string) {
      assertCovers(ctx.scope, kelurahan);
      const kel = await d.regions.findActive(db, ctx.scope, kelurahan);
      if (!kel || kel.level !== 'kelurahan') throw notFound();
      if (CONTROL_CHARS.test(csv)) throw fieldError('csv', 'error.control_characters');
      let records: Record<string, string>[];
      try {
        records = parse(csv, {
          columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
          skip_empty_lines: true,
          trim: true,
          bom: true,
        });
      } catch {
        throw fieldError('csv', 'error.bad_request');
      }
      if (!records.length) throw fieldError('csv', 'residents.import_empty');
      if (records.length > MAX_REGION_IMPORT_ROWS)
        throw fieldError('csv', 'residents.import_too_many', { limit: MAX_REGION_IMPORT_ROWS });
      const errors: { row: number; key: MessageKey; params?: Record<string, string> }[] = [];
      const wanted = new Map<string, { parent: string; level: 'rw' | 'rt'; name: string }>();
      records.forEach((rec, i) => {
        const rw = parseRtRwNumber(rec.rw ?? '');
        const rt = rec.rt ? parseRtRwNumber(rec.rt) : null;
        if (rw === null || (rec.rt && rt === null)) {
          errors.push({ row: i + 2, key: 'regions.import_bad_number' });
          return;
        }
        // An RT's name is shown to everyone: invisible characters are refused, as in the forms (http/sanitize.ts).
        if (hasInvisible(rec.nama ?? '')) {
          errors.push({ row: i + 2, key: 'field.invisible_chars', params: { field: 'f.name' } });
          return;
        }
        const rwCode = childCode(kel.code, rw);
        if (!wanted.has(rwCode))
          wanted.set(rwCode, { parent: kel.code, level: 'rw', name: `RW ${String(rw).padStart(3, '0')}` });
        if (rt !== null) {
          const rtCode = childCode(rwCode, rt);
          wanted.set(rtCode, {
            parent: rwCode,
            level: 'rt',
            name: rec.nama?.slice(0, 120) || `RT ${String(rt).padStart(3, '0')}`,
          });
        }
      });
      if (errors.length) return { created: 0, skipped: 0, errors };
      return db.transaction().execute(async (trx) => {
        const existing = await d.regions.existingCodes(trx, [...wanted.keys()]);
        let created = 0;
        for (const [code, w] of wanted) {
          if (existing.has(code)) continue;
          await d.regions.insert(trx, { code, parent_code: w.parent, level: w.level, name: w.name }, clock.now());
          created++;
        }
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'region.imported',
            entityType: 'region',
            entityId: kel.code,
            regionCode: kel.code,
            details: { created },
          }),
        );
        return { created, skipped: wanted.size - created, errors };
      });
    },
  };
}
export type RegionsService = ReturnType<typeof createRegionsService>;

/** What other modules may read of the region tree; only this module writes it. */
export type RegionsReader = Pick<RegionsRepo, 'find' | 'findActive' | 'namesOf' | 'subtree'>;
export function regionsReader(repo: RegionsRepo = createRegionsRepo()): RegionsReader {
  return { find: repo.find, findActive: repo.findActive, namesOf: repo.namesOf, subtree: repo.subtree };
}
