// SQL for the region tree.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Region } from '../../db/schema.js';
import { inScope, withinRegion, type Scope } from '../../kernel/scope.js';

export type NewRegion = Pick<Region, 'code' | 'parent_code' | 'level' | 'name'>;

export function createRegionsRepo() {
  return {
    find(db: Db, scope: Scope, code: string) {
      return db
        .selectFrom('regions')
        .selectAll()
        .where('code', '=', code)
        .where(inScope(scope, 'code'))
        .executeTakeFirst();
    },
    findActive(db: Db, scope: Scope, code: string) {
      return db
        .selectFrom('regions')
        .selectAll()
        .where('code', '=', code)
        .where('retired_at', 'is', null)
        .where(inScope(scope, 'code'))
        .executeTakeFirst();
    },
    /** National names of a region's ancestors are public data: no scope needed for a breadcrumb. */
    namesOf(db: Db, codes: string[]) {
      if (!codes.length) return Promise.resolve([]);
      return db.selectFrom('regions').select(['code', 'name', 'level']).where('code', 'in', codes).execute();
    },
    children(db: Db, scope: Scope, code: string) {
      return db
        .selectFrom('regions')
        .selectAll()
        .where('parent_code', '=', code)
        .where(inScope(scope, 'code'))
        .orderBy('code')
        .execute();
    },
    /** Every region in scope down to the given levels (for the tree page and selects). */
    subtree(db: Db, scope: Scope, levels: Region['level'][], opts: { activeOnly?: boolean; under?: string } = {}) {
      let q = db.selectFrom('regions').selectAll().where(inScope(scope, 'code')).where('level', 'in', levels);
      if (opts.activeOnly) q = q.where('retired_at', 'is', null);
      if (opts.under) q = q.where(withinRegion('code', opts.under));
      return q.orderBy('code').execute();
    },
    async insert(db: Db, r: NewRegion, now: Date) {
      return db
        .insertInto('regions')
        .values({ ...r, created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    /** For the national import: idempotent, never touches admins' RW/RT. */
    async upsertNational(db: Db, rows: NewRegion[]) {
      for (let i = 0; i < rows.length; i += 500) {
        await db
          .insertInto('regions')
          .values(rows.slice(i, i + 500))
          .onConflict((oc) => oc.column('code').doUpdateSet({ name: sql`excluded.name` }))
          .execute();
      }
    },
    async rename(db: Db, code: string, name: string, now: Date) {
      await db.updateTable('regions').set({ name, updated_at: now }).where('code', '=', code).execute();
    },
    async retire(db: Db, code: string, now: Date) {
      const r = await db
        .updateTable('regions')
        .set({ retired_at: now, updated_at: now })
        .where('code', '=', code)
        .where('retired_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async countActiveChildren(db: Db, code: string) {
      const r = await db
        .selectFrom('regions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('parent_code', '=', code)
        .where('retired_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async existingCodes(db: Db, codes: string[]) {
      if (!codes.length) return new Set<string>();
      const rows = await db.selectFrom('regions').select('code').where('code', 'in', codes).execute();
      return new Set(rows.map((r) => r.code));
    },
    async hasCity(db: Db, cityCode: string) {
      return !!(await db.selectFrom('regions').select('code').where('code', '=', cityCode).executeTakeFirst());
    },
  };
}
export type RegionsRepo = ReturnType<typeof createRegionsRepo>;
