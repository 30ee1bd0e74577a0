// Housekeeping (issue 19 item 5): each task deletes only what is old, in
// bounded batches, and a second run deletes nothing. The app's clock stands in
// the year 2000 and every row planted here is dated around it, so on a shared
// PostgreSQL test database the run finds only this file's old rows (other
// files write theirs in 2015 and later, which is "new" here).
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { housekeepingTasks, runHousekeeping } from '../../src/jobs/housekeeping.js';
import { fixedClock } from '../../src/lib/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TEST_DATABASE_URL } from '../helpers/env.js';

const sharedDb = TEST_DATABASE_URL !== null;

const NOW = new Date('2000-06-01T00:00:00Z');
const clock = fixedClock(NOW.toISOString());
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);
const marker = randomBytes(6).toString('hex');
let t: TestApp;
let userId: number;

beforeAll(async () => {
  t = await createTestApp({ clock, config: { NOTIFICATION_RETENTION_DAYS: '30' } });
  const area = await t.createArea();
  userId = (await t.createUser('lurah', area.kec[0]!.kel[0]!.code)).user.id;
  const token = (n: number) => Buffer.from(`${marker}-${n}`.padEnd(32, '.'));
  // Sessions: three expired, one still valid.
  for (const [n, expires] of [
    [1, days(-10)],
    [2, days(-1)],
    [3, days(-400)],
    [4, days(5)],
  ] as const)
    await sql`insert into sessions (token_hash, user_id, expires_at) values (${token(n)}, ${userId}, ${expires})`.execute(
      t.db,
    );
  // Rate-limit rows: two windows long gone, one from the last hour.
  for (const [n, start] of [
    [1, days(-2)],
    [2, days(-30)],
    [3, new Date(NOW.getTime() - 3_600_000)],
  ] as const)
    await sql`insert into login_throttle (key, window_start, attempts) values (${`track:${marker}:${n}`}, ${start}, 3)`.execute(
      t.db,
    );
  // Sign-in backoff rows: one to forget, one to keep.
  for (const [n, forget] of [
    [1, days(-1)],
    [2, days(1)],
  ] as const)
    await sql`insert into login_attempts (account_key, client, failures, forget_at)
      values (${Buffer.from(`${marker}-${n}`)}, ${`10.0.0.${n}`}, 1, ${forget})`.execute(t.db);
  // Idempotency keys: one expired, one live.
  for (const [n, expires] of [
    [1, days(-1)],
    [2, days(1)],
  ] as const)
    await sql`insert into idempotency_keys (user_id, key, request_hash, claimed_at, expires_at)
      values (${userId}, ${`kunci-${marker}-${n}`}, ${Buffer.alloc(32, n)}, ${days(-2)}, ${expires})`.execute(t.db);
  // Notifications: old and delivered (goes, with its delivery), old with a delivery still pending (stays),
  // old without deliveries (goes), recent (stays).
  const note = async (n: number, created: Date, delivery?: 'sent' | 'pending' | 'failed') => {
    const r = await sql<{ id: string }>`insert into notifications (user_id, kind, dedupe_key, title, body, created_at)
      values (${userId}, 'uji', ${`${marker}:${n}`}, 'Uji', 'Uji', ${created}) returning id`.execute(t.db);
    const id = r.rows[0]!.id;
    if (delivery)
      await sql`insert into deliveries (notification_id, channel, target, status)
        values (${id}, 'webhook', '0812', ${delivery})`.execute(t.db);
  };
  await note(1, days(-60), 'sent');
  await note(2, days(-60), 'pending');
  await note(3, days(-90));
  await note(4, days(-5), 'sent');
  await note(5, days(-45), 'failed');
});
afterAll(() => t.close());

async function remaining() {
  const count = async (q: ReturnType<typeof sql<{ n: number }>>) => (await q.execute(t.db)).rows[0]!.n;
  return {
    sessions: await count(
      sql`select count(*)::int as n from sessions where user_id = ${userId} and encode(token_hash, 'escape') like ${marker + '%'}`,
    ),
    throttles: await count(sql`select count(*)::int as n from login_throttle where key like ${`track:${marker}:%`}`),
    attempts: await count(
      sql`select count(*)::int as n from login_attempts where encode(account_key, 'escape') like ${marker + '%'}`,
    ),
    keys: await count(sql`select count(*)::int as n from idempotency_keys where key like ${`kunci-${marker}-%`}`),
    notes: (
      await sql<{
        k: string;
      }>`select dedupe_key as k from notifications where dedupe_key like ${marker + ':%'} order by 1`.execute(t.db)
    ).rows.map((r) => r.k.split(':')[1]),
    deliveries:
      await count(sql`select count(*)::int as n from deliveries d join notifications n on n.id = d.notification_id
      where n.dedupe_key like ${marker + ':%'}`),
  };
}

describe('housekeeping', () => {
  it('deletes only what is old, in batches, and a second run deletes nothing', async () => {
    expect(await remaining()).toEqual({
      sessions: 4,
      throttles: 3,
      attempts: 2,
      keys: 2,
      notes: ['1', '2', '3', '4', '5'],
      deliveries: 4,
    });
    const tasks = housekeepingTasks(t.services, t.config, clock);
    // Batches of two: the three expired sessions take two statements.
    const first = await runHousekeeping(tasks, { clock, metrics: t.services.metrics, batch: 2 });
    // On the shared PostgreSQL test database other files' expired rows are deleted too, and their own sign-ins and
    // idempotent calls sweep a few expired rows (this file's among them) as they write: there the run's totals are
    // not this file's, and only what is left of this file's rows (remaining(), by marker) is asserted.
    if (!sharedDb)
      expect(first).toEqual({
        sessions: 3,
        throttles: 2,
        'login-attempts': 1,
        idempotency: 1,
        notifications: 3,
      });
    expect(await remaining()).toEqual({
      sessions: 1,
      throttles: 1,
      attempts: 1,
      keys: 1,
      notes: ['2', '4'],
      deliveries: 2,
    });
    const second = await runHousekeeping(tasks, { clock, metrics: t.services.metrics, batch: 2 });
    expect(await remaining()).toMatchObject({ sessions: 1, throttles: 1, attempts: 1, keys: 1, notes: ['2', '4'] });
    if (sharedDb) return;
    expect(Object.values(second)).toEqual([0, 0, 0, 0, 0]);

    const text = await t.services.metrics.scrape();
    expect(text).toContain('pamong_housekeeping_deleted_rows_total{task="sessions"} 3');
    expect(text).toContain('pamong_housekeeping_deleted_rows_total{task="notifications"} 3');
    expect(text).toContain('pamong_housekeeping_last_run_deleted_rows{task="sessions"} 0');
    expect(text).toContain(`pamong_housekeeping_last_run_timestamp_seconds{task="sessions"} ${NOW.getTime() / 1000}`);
  });

  it('a run stops at its bound and the next one goes on', async () => {
    for (let n = 10; n < 15; n++)
      await sql`insert into login_throttle (key, window_start, attempts) values (${`track:${marker}:${n}`}, ${days(-3)}, 1)`.execute(
        t.db,
      );
    const tasks = housekeepingTasks(t.services, t.config, clock).filter((x) => x.name === 'throttles');
    // A bound of one batch of two deletes two, whoever's rows they are; then the rest of this file's go.
    expect(await runHousekeeping(tasks, { clock, batch: 2, maxBatches: 1 })).toEqual({ throttles: 2 });
    const rest = await runHousekeeping(tasks, { clock, batch: 2, maxBatches: 50 });
    if (!sharedDb) expect(rest).toEqual({ throttles: 3 });
    expect((await remaining()).throttles).toBe(1);
  });

  it('a failing task is counted and the others still run', async () => {
    const errors: string[] = [];
    const r = await runHousekeeping(
      [
        { name: 'rusak', deleteBatch: () => Promise.reject(new Error('boom')) },
        { name: 'baik', deleteBatch: async () => 0 },
      ],
      { clock, metrics: t.services.metrics, log: { error: (m) => errors.push(m) } },
    );
    expect(r).toEqual({ rusak: 0, baik: 0 });
    expect(errors).toEqual(['housekeeping rusak failed after 0 rows']);
    expect(await t.services.metrics.scrape()).toContain('pamong_housekeeping_failures_total{task="rusak"} 1');
  });
});
