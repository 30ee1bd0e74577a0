// Service-hours clocks through HTTP under a fake clock: the kelurahan stage
// and the end-to-end budget count the office's service hours (Perpres 21/2023
// defaults: Mon–Thu 07:30–16:00, Fri 07:30–16:30, WIB) on the city's working
// calendar from the staff register; RT/RW stages run round the clock. What
// people see: the queue's clocks, the dashboard's late list and its
// within-budget share, the due times of the API, the RT/RW heads' kinerja.
//
// The clock runs in late 2017, after sla.test.ts's 2015 (the one file that
// sweeps every request in the database) and before the files on real time:
// on a shared PostgreSQL test database no other file's sweep reaches these
// requests. This file never sweeps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localInstant } from '../../src/modules/work-schedule/index.js';
import { createTestApp, fixedClock, type TestApp } from '../helpers/app.js';
import { createChain, submitBody } from '../helpers/requests.js';

const WIB = 420;
const clock = fixedClock('2017-11-24T09:00:00.000Z');
let t: TestApp;
type Who = { auth: Record<string, string> };
type Chain = Awaited<ReturnType<typeof createChain>>;

/** A local WIB wall time. */
const wib = (date: string, hm: string, sec = 0) => new Date(localInstant(date, hm, WIB).getTime() + sec * 1000);

beforeAll(async () => {
  t = await createTestApp({ clock, config: { SESSION_TTL_HOURS: '720' } });
});
afterAll(() => t.close());

const get = (who: Who, url: string) => t.app.inject({ method: 'GET', url, headers: who.auth });
async function submit(c: Chain) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: c.rt.auth,
    payload: submitBody(c.residentId),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; trackingCode: string };
}
async function act(who: Who, id: number, action = 'approve') {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/requests/${id}/actions`,
    headers: who.auth,
    payload: { action },
  });
  expect(res.statusCode, res.body).toBe(200);
}
const detail = async (who: Who, id: number) => (await get(who, `/api/v1/requests/${id}`)).json();

/** The stage and total clock tags of a request's row in the queue on `url`, as shown. */
async function queueClocks(who: Who, code: string, url = '/layanan') {
  const res = await get(who, url);
  expect(res.statusCode).toBe(200);
  const row = res.body.split('data-testid="queue-row"').find((r) => r.includes(code));
  expect(row, `${code} in the queue`).toBeDefined();
  const tag = (id: string) => {
    const m = new RegExp(`data-testid="${id}" data-state="(\\w+)">([^<]*)<`).exec(row!);
    return { state: m?.[1], text: m?.[2] };
  };
  return { stage: tag('stage-clock'), total: tag('total-clock') };
}
async function dashboard(who: Who) {
  const html = (await get(who, '/dasbor')).body;
  return {
    overdue: /data-testid="dash-overdue">(.*?)<\/(ul|p)>/s.exec(html)?.[1] ?? '',
    within: /data-testid="dash-within">(.*?)<\/div>/s.exec(html)?.[1] ?? '',
  };
}

describe('a request filed Friday 16:20 WIB', () => {
  it('waits at the kelurahan over the weekend without being late, and is late only when its service minutes run out', async () => {
    clock.set(wib('2017-11-24', '16:20')); // Friday
    const c = await createChain(t);
    const done = await submit(c); // the RT head files: the RT stage is vouched for at once
    const waiting = await submit(c);
    clock.set(wib('2017-11-24', '16:28'));
    await act(c.rw, done.id); // RW: 8 of its 10 round-the-clock minutes
    await act(c.rw, waiting.id);

    // Kelurahan budget 25 service minutes: 2 on Friday (to 16:30), 23 from Monday 07:30 → due 07:53.
    // End to end 45 service minutes from 16:20: 10 on Friday, 35 on Monday → due 08:05.
    const d = await detail(c.lurah, waiting.id);
    expect(d.request).toMatchObject({
      stage: 'kelurahan',
      stageClock: 'service_hours',
      stageDueAt: wib('2017-11-27', '07:53').toISOString(),
      totalClock: 'service_hours',
      dueAt: wib('2017-11-27', '08:05').toISOString(),
    });
    // The RW stage was counted round the clock, and says so.
    expect(d.transitions.find((x: { fromStage: string }) => x.fromStage === 'rw')).toMatchObject({
      stageClock: 'round_the_clock',
      elapsedSeconds: 480,
      wallSeconds: 480,
      withinBudget: true,
    });

    for (const [date, hm] of [
      ['2017-11-25', '10:00'], // Saturday
      ['2017-11-26', '21:00'], // Sunday night
      ['2017-11-27', '07:45'], // Monday, 15 minutes into service hours
    ] as const) {
      clock.set(wib(date, hm));
      const q = await queueClocks(c.lurah, waiting.trackingCode);
      expect(q.stage.state, `${date} ${hm}`).toBe('ok');
      expect(q.total.state, `${date} ${hm}`).toBe('ok');
      expect((await dashboard(c.lurah)).overdue).not.toContain(waiting.trackingCode);
    }
    // Over the weekend the clock stands still: 23 service minutes left, whatever the wall says.
    clock.set(wib('2017-11-26', '21:00'));
    expect((await queueClocks(c.lurah, waiting.trackingCode)).stage.text).toBe('Tahap Kelurahan: sisa 23 mnt');
    clock.set(wib('2017-11-27', '07:45'));
    expect((await queueClocks(c.lurah, waiting.trackingCode)).stage.text).toBe('Tahap Kelurahan: sisa 8 mnt');

    // The lurah finishes one at 07:50: 22 service minutes at the kelurahan, within its 25 and the 45 end to end.
    clock.set(wib('2017-11-27', '07:50'));
    await act(c.lurah, done.id);
    const finished = await detail(c.lurah, done.id);
    expect(finished.transitions.find((x: { fromStage: string }) => x.fromStage === 'kelurahan')).toMatchObject({
      stageClock: 'service_hours',
      elapsedSeconds: 22 * 60,
      wallSeconds: (2 * 24 * 60 + 15 * 60 + 22) * 60,
      withinBudget: true,
      stageBudgetMinutes: 25,
    });

    // 75 % of the stage (18¾ service minutes: Monday 07:46:45) has passed: a warning, not yet late.
    expect((await queueClocks(c.lurah, waiting.trackingCode)).stage.state).toBe('warning');
    clock.set(wib('2017-11-27', '07:53'));
    expect((await queueClocks(c.lurah, waiting.trackingCode)).stage.state).toBe('overdue');
    clock.set(wib('2017-11-27', '07:54'));
    const late = await queueClocks(c.lurah, waiting.trackingCode);
    expect(late.stage).toEqual({ state: 'overdue', text: 'Tahap Kelurahan: terlambat 1 mnt' });
    clock.set(wib('2017-11-27', '08:10'));
    expect((await queueClocks(c.lurah, waiting.trackingCode)).stage.text).toBe('Tahap Kelurahan: terlambat 17 mnt');
    expect((await queueClocks(c.lurah, waiting.trackingCode)).total.state).toBe('overdue');
    const dash = await dashboard(c.lurah);
    expect(dash.overdue).toContain(waiting.trackingCode);
    expect(dash.overdue).not.toContain(done.trackingCode);
    // The 45-minute figure: the one finished request kept its promise (on the wall clock it took 2.6 days).
    expect(dash.within).toContain('100 % (1 dari 1 yang selesai)');
  });
});

describe('a request filed Monday 08:00 WIB', () => {
  it('shows its warning at 75 % of the kelurahan service budget, not before', async () => {
    clock.set(wib('2017-11-27', '08:00'));
    const c = await createChain(t);
    const r = await submit(c);
    await act(c.rw, r.id); // at once: the kelurahan stage starts at 08:00
    const d = await detail(c.lurah, r.id);
    expect(d.request.stageDueAt).toBe(wib('2017-11-27', '08:25').toISOString());
    clock.set(wib('2017-11-27', '08:18', 44));
    expect((await queueClocks(c.lurah, r.trackingCode)).stage.state).toBe('ok');
    clock.set(wib('2017-11-27', '08:18', 45));
    expect((await queueClocks(c.lurah, r.trackingCode)).stage.state).toBe('warning');
  });
});

describe('a request filed the evening before cuti bersama', () => {
  it('is due after the holiday and the cuti bersama day, from the calendar of the staff register', async () => {
    clock.set(wib('2017-12-25', '18:50')); // Christmas Monday; Tuesday 26 December 2017 was cuti bersama
    const c = await createChain(t);
    await t.services.employees.addCalendarEntry(c.admin.ctx, {
      kind: 'libur_nasional',
      start: '2017-12-25',
      end: '2017-12-25',
      name: 'Hari Raya Natal',
    });
    await t.services.employees.addCalendarEntry(c.admin.ctx, {
      kind: 'cuti_bersama',
      start: '2017-12-26',
      end: '2017-12-26',
      name: 'Cuti bersama Hari Raya Natal',
    });
    const r = await submit(c);
    clock.set(wib('2017-12-25', '19:00'));
    await act(c.rw, r.id);
    const d = await detail(c.lurah, r.id);
    // Wednesday 07:30 + 25 minutes; end to end 45 minutes from Wednesday 07:30.
    expect(d.request.stageDueAt).toBe(wib('2017-12-27', '07:55').toISOString());
    expect(d.request.dueAt).toBe(wib('2017-12-27', '08:15').toISOString());
    clock.set(wib('2017-12-26', '12:00'));
    expect(await queueClocks(c.lurah, r.trackingCode)).toMatchObject({
      stage: { state: 'ok', text: 'Tahap Kelurahan: sisa 25 mnt' },
      total: { state: 'ok' },
    });
    // A city without those calendar entries would have had it due on the cuti bersama day.
    const plain = await createChain(t);
    clock.set(wib('2017-12-25', '18:50'));
    const p = await submit(plain);
    clock.set(wib('2017-12-25', '19:00'));
    await act(plain.rw, p.id);
    expect((await detail(plain.lurah, p.id)).request.stageDueAt).toBe(wib('2017-12-26', '07:55').toISOString());
  });
});

describe('RT/RW stages configured to count service hours', () => {
  let t2: TestApp;
  beforeAll(async () => {
    t2 = await createTestApp({
      clock,
      config: { SESSION_TTL_HOURS: '720', SLA_SERVICE_HOURS_STAGES: 'rt,rw,kelurahan,kecamatan' },
    });
  });
  afterAll(() => t2.close());

  it("count the RW head's Monday-morning approval of a Friday-evening request in service minutes for the kinerja score", async () => {
    clock.set(wib('2017-11-24', '16:25'));
    const c = await createChain(t2);
    const res = await t2.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: c.rt.auth,
      payload: submitBody(c.residentId),
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    const d = (await t2.app.inject({ method: 'GET', url: `/api/v1/requests/${id}`, headers: c.rw.auth })).json();
    // RW budget 10 service minutes: 5 on Friday, 5 from Monday 07:30.
    expect(d.request).toMatchObject({
      stageClock: 'service_hours',
      stageDueAt: wib('2017-11-27', '07:35').toISOString(),
    });
    clock.set(wib('2017-11-27', '07:34'));
    const ok = await t2.app.inject({
      method: 'POST',
      url: `/api/v1/requests/${id}/actions`,
      headers: c.rw.auth,
      payload: { action: 'approve' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const k = (
      await t2.app.inject({ method: 'GET', url: '/api/v1/kinerja?bulan=2017-11', headers: c.lurah.auth })
    ).json();
    const rw = k.heads.find((h: { userId: number }) => h.userId === c.rw.user.id);
    // 9 service minutes of a 10-minute budget, within it; on the wall clock it was 2 days 15 hours and late.
    expect(rw).toMatchObject({ handled: 1, within: 1, medianSeconds: 540, medianRatio: 0.9, overdue: 0 });
  });
});
