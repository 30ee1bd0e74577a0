// Kinerja figures from real layanan warga data made through the API under a
// fake clock, compared with figures computed by hand; the head's scorecard
// size on a phone; and who sees whose figures.
//
// The clock starts in 2019: on a shared PostgreSQL test database the month
// holds only this file's requests (and every query is scoped to its own city anyway).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createChain, submitBody } from '../helpers/requests.js';

const clock = fixedClock('2019-03-10T02:00:00.000Z'); // 09:00 WIB
const MIN = 60_000;
let t: TestApp;
let c: Awaited<ReturnType<typeof createChain>>;

const submit = async () => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: c.rt.auth,
    payload: submitBody(c.residentId),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
};
const act = async (id: number, action: string, reason?: string) => {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/requests/${id}/actions`,
    headers: c.rw.auth,
    payload: { action, ...(reason ? { reason } : {}) },
  });
  expect(res.statusCode, res.body).toBe(200);
};
const get = (who: { auth: Record<string, string> }, url: string) =>
  t.app.inject({ method: 'GET', url, headers: who.auth });

beforeAll(async () => {
  t = await createTestApp({ clock, config: { SESSION_TTL_HOURS: '720' } });
  c = await createChain(t);
  // Domisili: RT → RW → kelurahan; RT and RW stages have a 10-minute budget.
  // The RT head files each request, vouching at once (an RT approval, 0 s).
  const r1 = await submit();
  clock.advance(2 * MIN);
  await act(r1, 'approve'); // 120 s, within
  const r2 = await submit();
  clock.advance(4 * MIN);
  await act(r2, 'approve'); // 240 s, within
  const r3 = await submit();
  clock.advance(6 * MIN);
  await act(r3, 'return', 'Foto KK buram'); // 360 s, within, returned
  const r4 = await submit();
  clock.advance(15 * MIN);
  await act(r4, 'approve'); // 900 s, late: overdue at the RW stage
  await submit(); // r5: left waiting at the RW stage; due 10 minutes later, in March
  clock.advance(30 * MIN);
  // 2019-03-31T17:30Z is 1 April, 00:30 WIB: this one belongs to April.
  clock.set('2019-03-31T17:30:00.000Z');
  await submit(); // r6
});
afterAll(() => t.close());

// Computed by hand from the timeline above, with the default weights (within 35, speed 25, returns 10,
// pact 10, training 10, activity 10, −2 per overdue; no pact/training/activity data yet).
const rwExpected = {
  handled: 4,
  within: 3,
  returns: 1,
  medianSeconds: 300, // (240 + 360) / 2
  medianRatio: 0.5, // 300 s of a 600 s budget
  withinShare: 0.75,
  returnShare: 0.25,
  overdue: 2, // r4 acted late + r5 still waiting past due
  pactSigned: false,
  trainingsDone: 0,
  activitiesDone: 0,
  score: 42.3, // 35×0.75 + 25×0.5 + 10×0.75 = 46.25, − 2×2 = 42.25, one decimal
};
const rtExpected = {
  handled: 5,
  within: 5,
  returns: 0,
  medianSeconds: 0,
  medianRatio: 0,
  withinShare: 1,
  returnShare: 0,
  overdue: 0,
  pactSigned: false,
  trainingsDone: 0,
  activitiesDone: 0,
  score: 70, // 35 + 25 + 10 of 100
};

describe('kinerja figures', () => {
  it('match the hand-computed month for the lurah, ranked', async () => {
    const res = await get(c.lurah, '/api/v1/kinerja?bulan=2019-03');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.month).toBe('2019-03');
    expect(body.heads).toEqual([
      expect.objectContaining({
        userId: c.rt.user.id,
        role: 'ketua_rt',
        regionCode: c.kel.rts[0],
        ...rtExpected,
        rank: 1,
        rankInKelurahan: 1,
      }),
      expect.objectContaining({
        userId: c.rw.user.id,
        role: 'ketua_rw',
        regionCode: c.kel.rw,
        ...rwExpected,
        rank: 2,
        rankInKelurahan: 2,
      }),
    ]);
  });

  it('counts by month in Asia/Jakarta', async () => {
    const body = (await get(c.lurah, '/api/v1/kinerja?bulan=2019-04')).json();
    const rt = body.heads.find((h: { userId: number }) => h.userId === c.rt.user.id);
    const rw = body.heads.find((h: { userId: number }) => h.userId === c.rw.user.id);
    expect(rt).toMatchObject({ handled: 1, within: 1, overdue: 0, score: 70 });
    expect(rw).toMatchObject({ handled: 0, medianSeconds: null, withinShare: null, overdue: 0, score: 0 });
    // Without ?bulan the current month of the clock (April in WIB).
    expect((await get(c.lurah, '/api/v1/kinerja')).json().month).toBe('2019-04');
  });

  it('each head gets their own scorecard, and it is tiny on a phone', async () => {
    expect((await get(c.rw, '/api/v1/kinerja/saya?bulan=2019-03')).json().head).toMatchObject({
      userId: c.rw.user.id,
      ...rwExpected,
    });
    expect((await get(c.rt, '/api/v1/kinerja/saya?bulan=2019-03')).json().head).toMatchObject({
      userId: c.rt.user.id,
      ...rtExpected,
    });
    const page = await t.app.inject({
      method: 'GET',
      url: '/kinerja/saya?bulan=2019-03',
      cookies: c.rw.cookies,
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(page.statusCode).toBe(200);
    const transferred =
      page.rawPayload.length +
      Object.entries(page.headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 0);
    expect(transferred).toBeLessThanOrEqual(5 * 1024);
    expect(page.headers['content-encoding']).toBeDefined();
    const plain = await t.app.inject({ method: 'GET', url: '/kinerja/saya?bulan=2019-03', cookies: c.rw.cookies });
    expect(plain.body).toContain('42,3');
    expect(plain.body).toContain('data-testid="kin-card"');
  });

  it('the ranking page draws an SVG chart and the table', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/kinerja?bulan=2019-03', cookies: c.lurah.cookies });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('data-testid="kin-table"');
    expect(page.body).toContain('42,3');
    const city = await t.app.inject({ method: 'GET', url: '/kinerja?bulan=zzz', cookies: c.admin.cookies });
    expect(city.statusCode).toBe(200);
  });
});

describe('kinerja scope', () => {
  it('a head cannot see the ranking, and sees only their own card', async () => {
    expect((await get(c.rt, '/api/v1/kinerja?bulan=2019-03')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/kinerja', cookies: c.rw.cookies })).statusCode).toBe(403);
    const mine = (await get(c.rt, '/api/v1/kinerja/saya?bulan=2019-03')).json();
    expect(mine.head.userId).toBe(c.rt.user.id);
    expect(JSON.stringify(mine)).not.toContain(String(c.rw.user.username));
  });

  it('a lurah sees only their kelurahan; the camat and the city see it', async () => {
    const otherLurah = await t.createUser('lurah', c.kec.kel[1]!.code);
    const otherHead = await t.createUser('ketua_rt', c.kec.kel[1]!.rts[0]!);
    const seen = (await get(otherLurah, '/api/v1/kinerja?bulan=2019-03'))
      .json()
      .heads.map((h: { userId: number }) => h.userId);
    expect(seen).toEqual([otherHead.user.id]);
    const mineSeen = (await get(c.lurah, '/api/v1/kinerja?bulan=2019-03'))
      .json()
      .heads.map((h: { userId: number }) => h.userId);
    expect(mineSeen).not.toContain(otherHead.user.id);
    const camat = (await get(c.camat, '/api/v1/kinerja?bulan=2019-03'))
      .json()
      .heads.map((h: { userId: number }) => h.userId);
    expect(camat).toEqual(expect.arrayContaining([c.rt.user.id, c.rw.user.id, otherHead.user.id]));
    const city = (await get(c.admin, '/api/v1/kinerja?bulan=2019-03'))
      .json()
      .heads.find((h: { userId: number }) => h.userId === c.rw.user.id);
    expect(city).toMatchObject(rwExpected);
  });

  it("names every head's region, rolls up per kecamatan and kelurahan, and drills down within scope", async () => {
    const city = await t.app.inject({ method: 'GET', url: '/kinerja?bulan=2019-03', cookies: c.admin.cookies });
    expect(city.statusCode).toBe(200);
    expect(city.body).toContain('data-testid="kin-kec"');
    expect(city.body).toContain('data-testid="kin-kel"');
    expect(city.body).toContain(`data-testid="kin-rollup-${c.kec.code}"`);
    // The row names the RT, its RW and its kelurahan (RT 001 of 29 kelurahan must be told apart).
    expect(city.body).toMatch(new RegExp(`kin-row-${c.rt.user.id}"[^]*?RT 001 / RW 001, Kelurahan Kelurahan 1-1`));
    // Down to the kecamatan: per kelurahan, with links to each.
    const kec = await t.app.inject({
      method: 'GET',
      url: `/kinerja?bulan=2019-03&wilayah=${c.kec.code}`,
      cookies: c.admin.cookies,
    });
    expect(kec.statusCode).toBe(200);
    expect(kec.body).not.toContain('data-testid="kin-kec"');
    expect(kec.body).toContain(`href="/kinerja?bulan=2019-03&amp;wilayah=${c.kel.code}"`);
    // Down to the kelurahan: its heads only.
    const kel = (await get(c.admin, `/api/v1/kinerja?bulan=2019-03&wilayah=${c.kel.code}`)).json();
    expect(kel.heads.map((h: { userId: number }) => h.userId).sort()).toEqual([c.rt.user.id, c.rw.user.id].sort());
    expect(kel.heads[0]).toMatchObject({ kelurahanName: 'Kelurahan 1-1', kecamatanName: 'Kecamatan 1' });
    // Outside the caller's scope: 404, as for any id.
    const otherKel = c.kec.kel[1]!.code;
    expect((await get(c.lurah, `/api/v1/kinerja?bulan=2019-03&wilayah=${otherKel}`)).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/kinerja?wilayah=${otherKel}`, cookies: c.lurah.cookies })).statusCode,
    ).toBe(404);
  });

  it('exports the list as CSV, XLSX and PDF', async () => {
    const csv = await t.app.inject({
      method: 'GET',
      url: '/kinerja?bulan=2019-03&format=csv',
      cookies: c.lurah.cookies,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('RT 001 / RW 001, Kelurahan Kelurahan 1-1');
    expect(csv.body).toContain('42.3');
    const xlsx = await t.app.inject({
      method: 'GET',
      url: '/kinerja?bulan=2019-03&format=xlsx',
      cookies: c.lurah.cookies,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const pdf = await t.app.inject({
      method: 'GET',
      url: '/kinerja?bulan=2019-03&format=pdf',
      cookies: c.lurah.cookies,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const page = await t.app.inject({ method: 'GET', url: '/kinerja?bulan=2019-03', cookies: c.lurah.cookies });
    for (const f of ['csv', 'xlsx', 'pdf']) expect(page.body).toContain(`data-testid="export-${f}"`);
  });

  it('refuses a malformed month with a clear message', async () => {
    const res = await get(c.lurah, '/api/v1/kinerja?bulan=2019-13');
    expect(res.statusCode).toBe(400);
  });
});
