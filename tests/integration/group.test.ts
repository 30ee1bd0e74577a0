// Group transactions (db/group.ts) on a real database: units that arrive
// together share one transaction, yet each answers with its own outcome; a
// unit that fails takes only itself down.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupTransactions } from '../../src/db/group.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
const table = `group_test_${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  t = await createTestApp();
  await sql`create table ${sql.table(table)} (k text primary key, n integer not null check (n >= 0))`.execute(t.db);
});
afterAll(async () => {
  await sql`drop table if exists ${sql.table(table)}`.execute(t.db);
  await t.close();
});

const insert = (k: string, n: number) => async (trx: TestApp['db']) => {
  await sql`insert into ${sql.table(table)} (k, n) values (${k}, ${n})`.execute(trx);
  return k;
};
const count = async (prefix: string) =>
  Number(
    (await sql<{ c: string }>`select count(*) as c from ${sql.table(table)} where k like ${prefix + '%'}`.execute(t.db))
      .rows[0]!.c,
  );

describe('group transactions', () => {
  it('units sent together share transactions and all commit, each answered with its own result', async () => {
    const statements: number[] = [];
    const inGroup = groupTransactions(t.db, { maxBatch: 50, maxConcurrent: 1 });
    const units = Array.from({ length: 30 }, (_, i) => async (trx: TestApp['db']) => {
      const r = await sql<{ id: number }>`select txid_current() as id`.execute(trx);
      statements.push(Number(r.rows[0]!.id));
      return insert(`a${i}`, i)(trx);
    });
    expect(await Promise.all(units.map((u) => inGroup(u)))).toEqual(Array.from({ length: 30 }, (_, i) => `a${i}`));
    expect(await count('a')).toBe(30);
    // The first unit went alone; the other 29 waited behind it and shared one transaction.
    expect(new Set(statements).size).toBe(2);
  });

  it('a later unit in a group sees what an earlier one wrote, as in a serial order', async () => {
    const inGroup = groupTransactions(t.db, { maxBatch: 50, maxConcurrent: 1 });
    const guarded = (k: string) => async (trx: TestApp['db']) => {
      const r = await sql`insert into ${sql.table(table)} (k, n) values (${k}, 1) on conflict (k) do nothing`.execute(
        trx,
      );
      return Number(r.numAffectedRows ?? 0n) === 1;
    };
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => inGroup(guarded('b-once'))));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await count('b-once')).toBe(1);
  });

  it('a unit that fails rolls its group back, then every unit runs alone: only the failing one fails', async () => {
    const inGroup = groupTransactions(t.db, { maxBatch: 50, maxConcurrent: 1 });
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        inGroup(insert(`c${i}`, i === 7 ? -1 : i)).then(
          (v) => ({ ok: v }),
          (e: Error) => ({ failed: /check/.test(e.message) }),
        ),
      ),
    );
    expect(outcomes[7]).toEqual({ failed: true });
    expect(outcomes.filter((o) => 'ok' in o)).toHaveLength(11);
    expect(await count('c')).toBe(11);
  });
});
