// The clocks of a request under a fake clock, with two app instances on the
// same database sweeping at once: one reminder at 75 % of the stage budget
// and one escalation at 100 %, never duplicated; then real pg-boss workers on
// both instances deliver every notification exactly once. The kelurahan stage
// counts service hours: its reminder and escalation fall inside them, never
// at night or over a weekend.
//
// The fake clock starts in 2015, before any other test file's requests (most
// run on real time or in 2026, kinerja.test.ts in 2019): on a shared
// PostgreSQL test database the sweep, which covers every request in the
// database as it does in production, then finds only this file's requests.
// Keep it the earliest era of the suite.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { startJobs, type Jobs } from '../../src/jobs/queue.js';
import { fixedClock } from '../../src/lib/clock.js';
import { generateSigningKey } from '../../src/kernel/signing.js';
import { createRepos, createServices, type Services } from '../../src/wiring.js';
import { createTestApp, openTestDatabase, TEST_PASSWORD, type TestApp } from '../helpers/app.js';
import { TEST_DATABASE_URL } from '../helpers/env.js';
import { createChain, submitBody } from '../helpers/requests.js';
import { waitFor } from '../helpers/wait.js';

const clock = fixedClock('2015-03-02T01:00:00.000Z');
let t: TestApp;
let c: Awaited<ReturnType<typeof createChain>>;
let other: { database: Database; services: Services };
let hookServer: Server;
const hookHits: { delivery: string; to: string }[] = [];

/**
 * A second app instance on the same database. On PGlite there is one
 * embedded database with one connection, so "another instance" is a second
 * set of services over it; on PostgreSQL it also gets its own pool.
 */
async function secondInstance(): Promise<{ database: Database; services: Services }> {
  const database = TEST_DATABASE_URL ? await openTestDatabase() : t.database;
  return {
    database,
    services: createServices(database, createRepos(), clock, t.config, { signingKey: generateSigningKey().key }),
  };
}

beforeAll(async () => {
  hookServer = createServer((req, res) => {
    let raw = '';
    req.on('data', (x) => (raw += x));
    req.on('end', () => {
      hookHits.push({
        delivery: String(req.headers['x-pamong-delivery']),
        to: String((JSON.parse(raw) as { to: string }).to),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
  const port = (hookServer.address() as AddressInfo).port;
  t = await createTestApp({
    clock,
    config: { WEBHOOK_URL: `http://127.0.0.1:${port}/hook`, WEBHOOK_SECRET: 'rahasia-sla-uji' },
  });
  c = await createChain(t);
  other = await secondInstance();
  await t.services.notify.saveSettings(c.rw.ctx, { notifyWebhook: true, phone: '081200000001' });
  await t.services.notify.saveSettings(c.lurah.ctx, { notifyWebhook: true, phone: '081200000002' });
});
afterAll(async () => {
  if (other && other.database !== t.database) await other.database.close();
  await t.close();
  await new Promise((r) => hookServer.close(r));
});

async function submit() {
  // A fresh session: the fake clock may have moved past the last one's expiry.
  const { token } = await t.services.accounts.login({
    loginId: c.rt.username,
    password: TEST_PASSWORD,
    ip: '10.9.9.9',
    userAgent: 'vitest',
  });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: { authorization: `Bearer ${token}` },
    payload: submitBody(c.residentId),
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  const row = (
    await t.database.pool.query(
      'select stage, stage_started_at, stage_warn_at, stage_due_at from service_requests where id = $1',
      [id],
    )
  ).rows[0];
  expect(row.stage).toBe('rw');
  return {
    id,
    warnAt: new Date(row.stage_warn_at),
    dueAt: new Date(row.stage_due_at),
    startedAt: new Date(row.stage_started_at),
  };
}

const notes = async (requestId: number, kind: string) =>
  (
    await t.database.pool.query(
      'select user_id, dedupe_key from notifications where request_id = $1 and kind = $2 order by id',
      [requestId, kind],
    )
  ).rows as { user_id: number; dedupe_key: string }[];

/** Both instances sweep at the same moment, three times over. */
async function sweepConcurrently() {
  let warned = 0;
  let escalated = 0;
  for (let round = 0; round < 3; round++) {
    for (const r of await Promise.all([t.services.requests.sweepClocks(), other.services.requests.sweepClocks()])) {
      warned += r.warned;
      escalated += r.escalated;
    }
  }
  return { warned, escalated };
}

describe('SLA clocks on two instances', () => {
  it('one reminder at 75 %, one escalation at 100 %, none duplicated', async () => {
    const r = await submit();
    const budget = r.dueAt.getTime() - r.startedAt.getTime();
    expect(r.warnAt.getTime() - r.startedAt.getTime()).toBe(Math.round(budget * 0.75));

    // Just before 75 %: nothing.
    clock.set(new Date(r.warnAt.getTime() - 1000));
    expect(await sweepConcurrently()).toEqual({ warned: 0, escalated: 0 });

    // Past 75 %: exactly one reminder, to the responsible official (the RW head).
    clock.set(new Date(r.warnAt.getTime() + 1000));
    expect(await sweepConcurrently()).toEqual({ warned: 1, escalated: 0 });
    expect((await notes(r.id, 'request.reminder')).map((n) => n.user_id)).toEqual([c.rw.user.id]);
    expect(await notes(r.id, 'request.escalation')).toEqual([]);
    const detail = async () =>
      (
        await t.database.pool.query(
          'select overdue, stage_warned, stage_escalated from service_requests where id = $1',
          [r.id],
        )
      ).rows[0];
    expect(await detail()).toEqual({ overdue: false, stage_warned: true, stage_escalated: false });

    // Past 100 %: exactly one escalation, to the supervisor (the lurah); the request is overdue.
    clock.set(new Date(r.dueAt.getTime() + 1000));
    expect(await sweepConcurrently()).toEqual({ warned: 0, escalated: 1 });
    expect((await notes(r.id, 'request.escalation')).map((n) => n.user_id)).toEqual([c.lurah.user.id]);
    expect((await notes(r.id, 'request.reminder')).map((n) => n.user_id)).toEqual([c.rw.user.id]);
    expect(await detail()).toEqual({ overdue: true, stage_warned: true, stage_escalated: true });

    // Much later, still nothing new.
    clock.advance(24 * 3600_000);
    expect(await sweepConcurrently()).toEqual({ warned: 0, escalated: 0 });
  });

  it('pg-boss workers on both instances sweep and deliver each notification exactly once', async () => {
    const r = await submit();
    const jobs: Jobs[] = [];
    const quiet = { info: () => undefined, error: (m: string, e?: unknown) => console.error(m, e) };
    // Each instance's delivery runs, counted: how many started, and the latest start that has finished.
    const runs = [0, 1].map(() => ({ started: 0, finished: 0 }));
    const counted = (i: number, services: Services): Services => ({
      ...services,
      // Not this file's subject: at this clock (2015) a retention run would remove the attachments
      // of other files' requests that end earlier (citizen-requests.test.ts) on a shared database.
      requests: { ...services.requests, applyRetention: async () => ({ attachments: 0, pending: 0 }) },
      notify: {
        ...services.notify,
        deliverPending: async (...args: Parameters<Services['notify']['deliverPending']>) => {
          const n = ++runs[i]!.started;
          try {
            return await services.notify.deliverPending(...args);
          } finally {
            runs[i]!.finished = Math.max(runs[i]!.finished, n);
          }
        },
      },
    });
    try {
      for (const [i, inst] of [{ database: t.database, services: t.services }, other].entries()) {
        jobs.push(
          await startJobs({
            pool: inst.database.pool,
            services: counted(i, inst.services),
            config: t.config,
            clock,
            log: quiet,
            pollingIntervalSeconds: 0.5,
            pokeIntervalMs: 250,
            // Not this file's subject either: at this clock housekeeping would delete other files' old rows
            // (housekeeping.test.ts plants its own in 2000) on a shared database.
            housekeepingTasks: [],
          }),
        );
      }
      clock.set(new Date(r.warnAt.getTime() + 1000));
      const users = [c.rw.user.id, c.lurah.user.id];
      const state = async () => ({
        reminded: (await notes(r.id, 'request.reminder')).length,
        notSent: (
          await t.database.pool.query(
            `select d.id, d.status, d.attempts, d.last_error from deliveries d join notifications n on n.id = d.notification_id
             where n.user_id = any($1::int[]) and d.status <> 'sent'`,
            [users],
          )
        ).rows,
      });
      await waitFor(
        async () => {
          const s = await state();
          return s.reminded === 1 && s.notSent.length === 0;
        },
        { message: async () => `workers did not finish: ${JSON.stringify(await state())}` },
      );
      // Every chance to send something twice: delivery runs go on after everything was sent (two more
      // finished, on whichever instance pg-boss hands the job to — a stately queue does not promise that
      // each instance gets one), and stop() below waits for the runs in flight.
      const total = (k: 'started' | 'finished') => runs.reduce((n, x) => n + x[k], 0);
      const sentAll = total('started');
      await waitFor(() => total('finished') >= sentAll + 2, {
        message: () => `no further delivery runs: ${JSON.stringify({ sentAll, runs })}`,
      });
    } finally {
      await Promise.all(jobs.map((j) => j.stop()));
    }
    expect((await notes(r.id, 'request.reminder')).map((n) => n.user_id)).toEqual([c.rw.user.id]);
    const rows = (
      await t.database.pool.query(
        `select d.id, d.status, d.attempts from deliveries d join notifications n on n.id = d.notification_id where n.user_id = any($1::int[]) order by d.id`,
        [[c.rw.user.id, c.lurah.user.id]],
      )
    ).rows as {
      id: string;
      status: string;
      attempts: number;
    }[];
    // request.waiting ×2, reminder and escalation from the first test, and this reminder.
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.every((d) => d.status === 'sent' && d.attempts === 1)).toBe(true);
    // attempts = 1 on every row: each was sent once (a second send would count a second attempt).
    // This endpoint saw none twice. (On a shared PostgreSQL test database another file's
    // worker may have sent some of these to its own endpoint — still once.)
    const hits = new Map<string, number>();
    for (const h of hookHits) hits.set(h.delivery, (hits.get(h.delivery) ?? 0) + 1);
    expect([...hits.values()].filter((n) => n > 1)).toEqual([]);
    if (!TEST_DATABASE_URL) for (const d of rows) expect(hits.get(String(d.id)), `delivery ${d.id}`).toBe(1);
    // The dedupe key is unique in the database itself, whatever the code does.
    const [first] = await notes(r.id, 'request.reminder');
    await expect(
      t.database.pool.query(
        `insert into notifications (user_id, request_id, kind, dedupe_key, title, body) values ($1, $2, 'request.reminder', $3, 'x', 'y')`,
        [c.rw.user.id, r.id, first!.dedupe_key],
      ),
    ).rejects.toThrow(/duplicate key|unique/);
  });
});

describe('reminders and escalations in service hours', () => {
  // The kelurahan stage of domisili: 25 minutes counted in service hours (Mon–Thu 07:30–16:00, Fri 07:30–16:30 WIB).
  const wib = (date: string, hm: string, sec = 0) =>
    new Date(new Date(`${date}T${hm}:00+07:00`).getTime() + sec * 1000);
  async function login(user: { username: string }) {
    const { token } = await t.services.accounts.login({
      loginId: user.username,
      password: TEST_PASSWORD,
      ip: '10.9.9.9',
      userAgent: 'vitest',
    });
    return { authorization: `Bearer ${token}` };
  }
  /** The RT head files (RT vouched at once) at `filed`; the RW head approves at `approved`: the kelurahan stage starts. */
  async function atKelurahan(filed: Date, approved: Date) {
    clock.set(filed);
    const r = await submit();
    clock.set(approved);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/requests/${r.id}/actions`,
      headers: await login(c.rw),
      payload: { action: 'approve' },
    });
    expect(res.statusCode, res.body).toBe(200);
    return r.id;
  }
  const sweepAt = async (at: Date) => {
    clock.set(at);
    await sweepConcurrently();
  };
  const kinds = async (id: number) => ({
    reminders: (await notes(id, 'request.reminder')).map((n) => n.user_id),
    escalations: (await notes(id, 'request.escalation')).map((n) => n.user_id),
  });

  it('a stage started Monday 08:00 is reminded at 75 % of its service budget (08:18:45), not before, and escalated at 08:25', async () => {
    const id = await atKelurahan(wib('2015-03-09', '08:00'), wib('2015-03-09', '08:00'));
    await sweepAt(wib('2015-03-09', '08:18', 44));
    expect(await kinds(id)).toEqual({ reminders: [], escalations: [] });
    await sweepAt(wib('2015-03-09', '08:18', 45));
    expect(await kinds(id)).toEqual({ reminders: [c.lurah.user.id], escalations: [] });
    const [body] = (
      await t.database.pool.query(
        `select body from notifications where request_id = $1 and kind = 'request.reminder'`,
        [id],
      )
    ).rows.map((x: { body: string }) => x.body);
    expect(body).toContain('sebelum Senin, 9 Maret 2015 pukul 08.25 WIB');
    await sweepAt(wib('2015-03-09', '08:24', 59));
    expect((await kinds(id)).escalations).toEqual([]);
    await sweepAt(wib('2015-03-09', '08:25'));
    expect(await kinds(id)).toEqual({ reminders: [c.lurah.user.id], escalations: [c.camat.user.id] });
  });

  it('a stage started Friday 16:28 is neither reminded nor escalated over the weekend, and the whole request is not overdue', async () => {
    const id = await atKelurahan(wib('2015-03-13', '16:20'), wib('2015-03-13', '16:28'));
    const overdue = async () =>
      (await t.database.pool.query('select overdue from service_requests where id = $1', [id])).rows[0].overdue;
    for (const at of [wib('2015-03-13', '17:05'), wib('2015-03-14', '10:00'), wib('2015-03-15', '23:00')]) {
      await sweepAt(at);
      expect(await kinds(id), at.toISOString()).toEqual({ reminders: [], escalations: [] });
      expect(await overdue(), at.toISOString()).toBe(false);
    }
    // 2 Friday minutes + 16¾ on Monday: the reminder at 07:46:45; due 07:53.
    await sweepAt(wib('2015-03-16', '07:45'));
    expect(await kinds(id)).toEqual({ reminders: [], escalations: [] });
    await sweepAt(wib('2015-03-16', '07:46', 45));
    expect(await kinds(id)).toEqual({ reminders: [c.lurah.user.id], escalations: [] });
    await sweepAt(wib('2015-03-16', '07:53'));
    expect(await kinds(id)).toEqual({ reminders: [c.lurah.user.id], escalations: [c.camat.user.id] });
    expect(await overdue()).toBe(true);
  });

  it('a stage started Monday 15:50 is reminded and escalated on Tuesday morning, not at night', async () => {
    const id = await atKelurahan(wib('2015-03-16', '15:45'), wib('2015-03-16', '15:50'));
    for (const at of [wib('2015-03-16', '16:05'), wib('2015-03-17', '02:00'), wib('2015-03-17', '07:38', 44)]) {
      await sweepAt(at);
      expect(await kinds(id), at.toISOString()).toEqual({ reminders: [], escalations: [] });
    }
    await sweepAt(wib('2015-03-17', '07:38', 45)); // 10 Monday minutes + 8¾ on Tuesday
    expect(await kinds(id)).toEqual({ reminders: [c.lurah.user.id], escalations: [] });
    await sweepAt(wib('2015-03-17', '07:45'));
    expect(await kinds(id)).toEqual({ reminders: [c.lurah.user.id], escalations: [c.camat.user.id] });
  });
});
