// Concurrency: the database, not luck, makes each of these come out right.
// On PGlite the calls interleave on one connection; on PostgreSQL
// (TEST_DATABASE_URL) they really run in parallel on a pool.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createChain, key, submitBody } from '../helpers/requests.js';
import type { TransitionItem } from '../../src/modules/service-requests/repo.js';

let t: TestApp;
let c: Awaited<ReturnType<typeof createChain>>;
beforeAll(async () => {
  t = await createTestApp();
  c = await createChain(t);
});
afterAll(() => t.close());

const submit = (body: object) =>
  t.app.inject({ method: 'POST', url: '/api/v1/requests', headers: c.rt.auth, payload: body });

/** Runs `fn` over items with at most `width` in flight. */
async function pool<T, R>(items: T[], width: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

describe('races', () => {
  it('20 simultaneous approvals of one stage make exactly one transition', async () => {
    const { id } = (await submit(submitBody(c.residentId))).json();
    const rws = [c.rw, ...(await Promise.all(Array.from({ length: 3 }, () => t.createUser('ketua_rw', c.kel.rw))))];
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/requests/${id}/actions`,
          headers: rws[i % rws.length]!.auth,
          payload: { action: 'approve' },
        }),
      ),
    );
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    // The others are told someone already acted (409), whether they lost the race on the row or arrived after it moved on.
    expect(answers.filter((a) => a.statusCode === 409)).toHaveLength(19);
    const tr = await t.database.pool.query(
      `select count(*)::int as n from request_transitions where request_id = $1 and action = 'approve' and from_stage = 'rw'`,
      [id],
    );
    expect(tr.rows[0].n).toBe(1);
    // The kelurahan hears of it once (the notice is written by the winning statement only), and the audit trail has one entry.
    const notes = await t.database.pool.query(
      `select user_id, kind from notifications where request_id = $1 and kind = 'request.waiting' and dedupe_key like 'wait:' || $1::text || ':2:%'`,
      [id],
    );
    expect(notes.rows).toEqual([{ user_id: c.lurah.user.id, kind: 'request.waiting' }]);
    const audit = await t.database.pool.query(
      `select count(*)::int as n from audit_log where entity_type = 'service_request' and entity_id = $1::text and action = 'request.approve'`,
      [id],
    );
    expect(audit.rows[0].n).toBe(1);
  });

  /** A guarded change as act() makes it: RW approves, the kelurahan is told. */
  const moveToKelurahan = (id: number, version: number, eventKey: string): TransitionItem => ({
    id,
    version,
    status: 'in_progress',
    stage_index: 2,
    stage: 'kelurahan',
    stage_started_at: new Date(),
    warn_at: null,
    due_at: null,
    clock: null,
    advance: true,
    completed_at: null,
    trail: {
      action: 'approve',
      from_stage: 'rw',
      to_stage: 'kelurahan',
      actor_id: c.rw.user.id,
      actor_name: 'x',
      actor_role: 'ketua_rw',
      reason: '',
      at: new Date(),
      stage_budget_minutes: null,
      elapsed_seconds: null,
      within_budget: null,
    },
    audit: { action: 'request.approve', ip: null, details: {} },
    notice: t.services.notify.rolesNotice(['lurah'], c.kel.rw, {
      requestId: id,
      kind: 'request.waiting',
      eventKey,
      title: 'x',
      body: 'x',
      link: null,
    }),
  });
  const written = async (id: number) =>
    (
      await t.database.pool.query(
        `select (select count(*) from notifications where request_id = $1)::int as n, (select count(*) from request_transitions where request_id = $1)::int as tr, (select count(*) from audit_log where entity_type = 'service_request' and entity_id = $1::text)::int as au`,
        [id],
      )
    ).rows[0];

  it('a transition that lost (the request moved on) writes no notice, trail or audit', async () => {
    const { id } = (await submit(submitBody(c.residentId))).json();
    const counts = await written(id);
    // Version 99 is not the request's version: the guarded update finds nothing.
    expect(
      await t.repos.requests.applyTransitions(
        t.db,
        [moveToKelurahan(id, 99, `stale:${id}`)],
        t.services.notify.noticeCtes,
      ),
    ).toEqual([false]);
    expect(await written(id)).toEqual(counts);
    expect(
      (
        await t.database.pool.query(`select count(*)::int as n from notifications where dedupe_key like $1`, [
          `stale:${id}:%`,
        ])
      ).rows[0].n,
    ).toBe(0);
  });

  it('in one batched statement, each change decides alone: one of two for the same request wins, a stale one loses, the others move', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await submit(submitBody(c.residentId))).json().id);
    const [a, b, stale] = ids as [number, number, number];
    const before = await Promise.all(ids.map(written));
    const version = async (id: number) =>
      (await t.database.pool.query(`select version from service_requests where id = $1`, [id])).rows[0]
        .version as number;
    const items = [
      moveToKelurahan(b, await version(b), `batch:${b}:1`),
      moveToKelurahan(a, await version(a), `batch:${a}:1`),
      moveToKelurahan(stale, 99, `batch:${stale}`),
      moveToKelurahan(a, await version(a), `batch:${a}:2`),
    ];
    const out = await t.repos.requests.applyTransitions(t.db, items, t.services.notify.noticeCtes);
    expect([out[0], out[2]]).toEqual([true, false]);
    expect([out[1], out[3]].filter(Boolean)).toHaveLength(1);
    const after = await Promise.all(ids.map(written));
    // Each request that moved: one trail entry, one audit record, one notice for the one lurah; the stale one: nothing.
    for (const k of [0, 1])
      expect(after[k]).toEqual({ n: before[k].n + 1, tr: before[k].tr + 1, au: before[k].au + 1 });
    expect(after[2]).toEqual(before[2]);
    const notes = await t.database.pool.query(
      `select request_id, user_id from notifications where dedupe_key like 'batch:%' order by request_id`,
    );
    expect(notes.rows).toEqual(
      [a, b].sort((x, y) => x - y).map((id) => ({ request_id: id, user_id: c.lurah.user.id })),
    );
    const trail = await t.database.pool.query(
      `select actor_id from request_transitions where request_id = any($1) and from_stage = 'rw' order by request_id`,
      [[a, b]],
    );
    expect(trail.rows.map((r) => r.actor_id)).toEqual([c.rw.user.id, c.rw.user.id]);
  });

  it('200 letters issued concurrently get 200 distinct, consecutive numbers', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 200; i++) ids.push((await submit(submitBody(c.residentId))).json().id);
    for (const id of ids) await t.services.requests.act(c.rw.ctx, id, 'approve');
    const results = await Promise.all(ids.map((id) => t.services.requests.act(c.lurah.ctx, id, 'approve')));
    expect(results.every((r) => r.status === 'completed')).toBe(true);
    const rows = (
      await t.database.pool.query(`select seq, number from letters where unit_code = $1 order by seq`, [c.kel.code])
    ).rows as { seq: number; number: string }[];
    expect(rows).toHaveLength(200);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.number)).size).toBe(200);
  });

  it('1,000 submissions with random duplicate retries make exactly 1,000 requests', async () => {
    const bodies = Array.from({ length: 1000 }, () => submitBody(c.residentId, 'domisili', { idempotencyKey: key() }));
    // Every submission is sent once, and about half again (1–2 retries), all shuffled together as a flaky network would.
    const sends = bodies.flatMap((b) => [
      b,
      ...Array.from({ length: Math.random() < 0.5 ? 1 + Math.floor(Math.random() * 2) : 0 }, () => b),
    ]);
    sends.sort(() => Math.random() - 0.5);
    const answers = await pool(sends, 16, (b) => submit(b));
    expect(answers.every((a) => a.statusCode === 200 || a.statusCode === 201)).toBe(true);
    const keys = bodies.map((b) => b.idempotencyKey);
    const n = await t.database.pool.query(
      `select count(*)::int as n, count(distinct idempotency_key)::int as k from service_requests where idempotency_key = any($1)`,
      [keys],
    );
    expect(n.rows[0]).toEqual({ n: 1000, k: 1000 });
    const created = answers.filter((a) => a.statusCode === 201).length;
    expect(created).toBe(1000);
  });
});
