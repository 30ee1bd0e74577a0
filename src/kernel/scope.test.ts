import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import type { Role } from './roles.js';
import { assertCovers, covers, inScope, makeScope } from './scope.js';

const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const scopeOf = (role: Role, region: string, residentId: number | null = null) =>
  makeScope({ id: 7, role, region_code: region, resident_id: residentId });

const KEL = '35.74.01.1001';
const lurah = scopeOf('lurah', KEL);

function expectNotFound(fn: () => void) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(404);
    expect((err as AppError).key).toBe('error.not_found');
    return;
  }
  throw new Error('expected a 404 AppError');
}

describe('makeScope', () => {
  it('carries the account it was made from', () => {
    const s = scopeOf('warga', '35.74.01.1001.001.002', 42);
    expect(s).toMatchObject({ userId: 7, role: 'warga', regionCode: '35.74.01.1001.001.002', residentId: 42 });
  });
});

describe('covers / assertCovers', () => {
  it('covers its own region and everything below it', () => {
    for (const code of [KEL, `${KEL}.001`, `${KEL}.001.001`, `${KEL}.012.003`]) {
      expect(covers(lurah, code)).toBe(true);
      expect(() => assertCovers(lurah, code)).not.toThrow();
    }
    const admin = scopeOf('admin_kota', '35.74');
    for (const code of ['35.74', '35.74.01', '35.74.05.1003', '35.74.05.1003.004.009'])
      expect(covers(admin, code)).toBe(true);
  });

  it('does not cover a sibling whose code merely starts with the same characters', () => {
    expect(covers(lurah, '35.74.01.10011')).toBe(false);
    expectNotFound(() => assertCovers(lurah, '35.74.01.10011'));
    expect(covers(scopeOf('admin_kota', '35.7'), '35.74')).toBe(false);
    expect(covers(scopeOf('ketua_rw', `${KEL}.001`), `${KEL}.0011`)).toBe(false);
  });

  it('does not cover siblings, parents or other cities', () => {
    for (const code of [
      '35.74.01.1002',
      '35.74.02.1001',
      '35.74.01',
      '35.74',
      '35',
      '35.75.01.1001',
      `35.74.01.1002.001.001`,
    ]) {
      expect(covers(lurah, code)).toBe(false);
      expectNotFound(() => assertCovers(lurah, code));
    }
    const rt = scopeOf('ketua_rt', `${KEL}.001.001`);
    expect(covers(rt, `${KEL}.001`)).toBe(false);
    expect(covers(rt, `${KEL}.001.002`)).toBe(false);
    expect(covers(rt, `${KEL}.001.001`)).toBe(true);
  });

  it('covers nothing for a citizen, not even their own RT', () => {
    const warga = scopeOf('warga', `${KEL}.001.001`, 5);
    for (const code of [`${KEL}.001.001`, `${KEL}.001`, KEL, '35.74']) {
      expect(covers(warga, code)).toBe(false);
      expectNotFound(() => assertCovers(warga, code));
    }
  });

  it('answers 404 for a missing or malformed code', () => {
    expectNotFound(() => assertCovers(lurah, null));
    expectNotFound(() => assertCovers(lurah, undefined));
    expectNotFound(() => assertCovers(lurah, ''));
    expectNotFound(() => assertCovers(lurah, `${KEL}.1`));
    expectNotFound(() => assertCovers(lurah, `${KEL}.%`));
  });
});

describe('inScope', () => {
  it('compiles to an equality or a dotted-prefix LIKE on the column, with bound parameters', () => {
    const q = db.selectFrom('regions').select('code').where(inScope(lurah, 'code')).compile();
    expect(q.sql).toBe('select "code" from "regions" where ("code" = $1 or "code" like $2)');
    expect(q.parameters).toEqual([KEL, `${KEL}.%`]);
  });

  it('works on a qualified column and next to other conditions', () => {
    const rt = scopeOf('ketua_rt', `${KEL}.001.002`);
    const q = db
      .selectFrom('residents')
      .select('residents.id')
      .where('residents.status', '=', 'hidup')
      .where(inScope(rt, 'residents.region_code'))
      .compile();
    expect(q.sql).toBe(
      'select "residents"."id" from "residents" where "residents"."status" = $1 and ("residents"."region_code" = $2 or "residents"."region_code" like $3)',
    );
    expect(q.parameters).toEqual(['hidup', `${KEL}.001.002`, `${KEL}.001.002.%`]);
  });

  it('never puts the region code into the SQL text', () => {
    const q = db
      .selectFrom('audit_log')
      .selectAll()
      .where(inScope(scopeOf('admin_kota', '35.74'), 'region_code'))
      .compile();
    expect(q.sql).not.toContain('35.74');
    expect(q.parameters).toEqual(['35.74', '35.74.%']);
  });

  it('compiles to false for a citizen', () => {
    const q = db
      .selectFrom('residents')
      .select('id')
      .where(inScope(scopeOf('warga', `${KEL}.001.001`, 5), 'region_code'))
      .compile();
    expect(q.sql).toBe('select "id" from "residents" where false');
    expect(q.parameters).toEqual([]);
  });
});
