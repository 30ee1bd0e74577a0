// Issue 11, hardening: sign-in throttling that counts no successes and cannot
// lock the owner out, answers that do not tell which accounts exist, the
// load balancer list of TRUST_PROXY, HSTS, no-store on personal answers, and
// absolute links built only from PUBLIC_URL (never from the Host header).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { createApp } from '../../src/app.js';
import { createTestApp, fixedClock, TEST_PASSWORD, testConfig, type TestApp } from '../helpers/app.js';
import { decodeQrSvg } from '../helpers/qr.js';
import { createChain, submitBody } from '../helpers/requests.js';

const PUBLIC_URL = 'https://pamong.example.go.id';
// Small numbers so the rules show in a few attempts; the defaults are in src/config.ts.
const LOGIN = {
  LOGIN_FREE_FAILURES: '3',
  LOGIN_BACKOFF_SECONDS: '60',
  LOGIN_BACKOFF_MAX_SECONDS: '300',
  LOGIN_WINDOW_MINUTES: '10',
  LOGIN_CLIENT_MAX_FAILURES: '10',
  LOGIN_ACCOUNT_MAX_FAILURES: '15',
};
const clock = fixedClock(new Date());
let t: TestApp;
let area: Awaited<ReturnType<TestApp['createArea']>>;
beforeAll(async () => {
  t = await createTestApp({ clock, config: { ...LOGIN, PUBLIC_URL, TRUST_PROXY: '127.0.0.1' } });
  area = await t.createArea();
});
afterAll(() => t.close());

let addressSeq = 0;
/** A fresh client address (TEST-NET-2), so each test starts with a clean slate whatever ran before. */
const newAddress = () => `198.51.100.${++addressSeq}`;
const apiLogin = (loginId: string, password: string, from: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: from,
    headers,
    payload: { loginId, password },
  });
async function formLogin(loginId: string, password: string, from: string) {
  const page = await t.app.inject({ method: 'GET', url: '/masuk', remoteAddress: from });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const anon = page.cookies.find((c) => c.name === 'pamong_anon')!.value;
  return t.app.inject({
    method: 'POST',
    url: '/masuk',
    remoteAddress: from,
    cookies: { pamong_anon: anon },
    payload: { _csrf: csrf, loginId, password },
  });
}
/** What a person sees on the form: the status and the error summary's message. */
const formAnswer = (res: { statusCode: number; body: string }) => ({
  status: res.statusCode,
  message: /data-testid="error-summary">.*?<p>([^<]*)<\/p>/s.exec(res.body)?.[1] ?? null,
});
const apiAnswer = (res: { statusCode: number; json(): unknown }) => ({ status: res.statusCode, body: res.json() });
const unknownName = () => `tidak.ada.${Math.random().toString(36).slice(2, 10)}`;

describe('sign-in throttling', () => {
  it('counts no successes: 60 good sign-ins from one office address, then a wrong password is still a plain 401', async () => {
    const u = await t.createUser('staf_kelurahan', area.kec[0]!.kel[0]!.code);
    const office = newAddress();
    for (let i = 0; i < 60; i++) expect((await apiLogin(u.username, TEST_PASSWORD, office)).statusCode).toBe(200);
    const wrong = await apiLogin(u.username, 'salah-sandi', office);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('auth.bad_credentials');
  });

  it('answers an unknown login id, a wrong password, an inactive account and throttling alike, on the API and the form', async () => {
    const kel = area.kec[0]!.kel[1]!;
    const real = await t.createUser('ketua_rt', kel.rts[0]!);
    const inactive = await t.createUser('ketua_rt', kel.rts[1]!);
    const lurah = await t.createUser('lurah', kel.code);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/users/${inactive.user.id}/deactivate`, headers: lurah.auth }))
        .statusCode,
    ).toBe(200);
    // Past the free failures: the old rule answered 423 "dikunci" here for a real account only.
    const apiRun = async (loginId: string) => {
      const from = newAddress();
      const out = [];
      for (let i = 0; i < 6; i++) out.push(apiAnswer(await apiLogin(loginId, 'salah-sandi', from)));
      return out;
    };
    const unknown = await apiRun(unknownName());
    expect(unknown.map((a) => a.status)).toEqual([401, 401, 401, 429, 429, 429]);
    expect(unknown[0]!.body).toMatchObject({ error: { code: 'auth.bad_credentials' } });
    expect(unknown[3]!.body).toMatchObject({ error: { message: expect.stringMatching(/Tunggu 60 detik/) } });
    expect(await apiRun(real.username)).toEqual(unknown);
    expect(await apiRun(inactive.username)).toEqual(unknown);

    const formRun = async (loginId: string) => {
      const from = newAddress();
      const out = [];
      for (let i = 0; i < 5; i++) out.push(formAnswer(await formLogin(loginId, 'salah-sandi', from)));
      return out;
    };
    const unknownForm = await formRun(unknownName());
    expect(unknownForm.map((a) => a.status)).toEqual([401, 401, 401, 429, 429]);
    expect(unknownForm[0]!.message).toBe('Nama pengguna/NIK atau kata sandi salah.');
    expect(unknownForm[3]!.message).toMatch(/^Terlalu banyak percobaan masuk yang gagal\. Tunggu 60 detik/);
    expect(await formRun(real.username)).toEqual(unknownForm);
    // Only the right password tells that an account is inactive.
    expect((await apiLogin(inactive.username, TEST_PASSWORD, newAddress())).statusCode).toBe(403);
  });

  it('makes a failing address wait, doubling, without keeping the owner out from another address', async () => {
    const owner = await t.createUser('lurah', area.kec[1]!.kel[0]!.code);
    const attacker = newAddress();
    for (let i = 0; i < 3; i++) expect((await apiLogin(owner.username, 'tebakan', attacker)).statusCode).toBe(401);
    // While it waits, even the right password from that address gets the same wait: no oracle.
    const held = await apiLogin(owner.username, TEST_PASSWORD, attacker);
    expect(held.statusCode).toBe(429);
    expect(held.json().error.message).toMatch(/Tunggu 60 detik/);
    // The owner, elsewhere, is not affected (the old rule locked the account for everyone).
    expect((await apiLogin(owner.username, TEST_PASSWORD, newAddress())).statusCode).toBe(200);
    expect((await formLogin(owner.username, TEST_PASSWORD, newAddress())).statusCode).toBe(303);

    clock.advance(61_000);
    expect((await apiLogin(owner.username, 'tebakan', attacker)).statusCode).toBe(401);
    expect((await apiLogin(owner.username, 'tebakan', attacker)).json().error.message).toMatch(/Tunggu 2 menit/);
    clock.advance(121_000);
    // A success from the address ends its wait and its count.
    expect((await apiLogin(owner.username, TEST_PASSWORD, attacker)).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) expect((await apiLogin(owner.username, 'tebakan', attacker)).statusCode).toBe(401);
    expect((await apiLogin(owner.username, 'tebakan', attacker)).statusCode).toBe(429);
  });

  it('counts a guess before checking it, so parallel guesses from one address cannot slip past the wait', async () => {
    const u = await t.createUser('ketua_rt', area.kec[1]!.kel[0]!.rts[1]!);
    const from = newAddress();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => apiLogin(u.username, `tebakan-${i}`, from).then((r) => r.statusCode)),
    );
    expect(answers.sort()).toEqual([...Array(3).fill(401), ...Array(7).fill(429)]);
  });

  it('holds an address that sprays many accounts after LOGIN_CLIENT_MAX_FAILURES failures', async () => {
    const u = await t.createUser('ketua_rw', area.kec[1]!.kel[1]!.rw);
    const sprayer = newAddress();
    for (let i = 0; i < 10; i++) expect((await apiLogin(unknownName(), 'sandi123', sprayer)).statusCode).toBe(401);
    const held = await apiLogin(u.username, TEST_PASSWORD, sprayer);
    expect(held.statusCode).toBe(429);
    expect(held.json().error.message).toMatch(/Tunggu 10 menit/);
    expect((await apiLogin(u.username, TEST_PASSWORD, newAddress())).statusCode).toBe(200);
  });

  it('guessed from many addresses, an account holds new addresses but not the one its owner used; an admin reset lifts it', async () => {
    const kel = area.kec[1]!.kel[1]!;
    const owner = await t.createUser('ketua_rt', kel.rts[0]!);
    const lurah = await t.createUser('lurah', kel.code);
    const home = newAddress();
    expect((await apiLogin(owner.username, TEST_PASSWORD, home)).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) {
      const bot = newAddress();
      for (let j = 0; j < 3; j++) expect((await apiLogin(owner.username, 'tebakan', bot)).statusCode).toBe(401);
    }
    // 15 failures = LOGIN_ACCOUNT_MAX_FAILURES: an address the account has not seen waits…
    const fresh = newAddress();
    expect((await apiLogin(owner.username, TEST_PASSWORD, fresh)).statusCode).toBe(429);
    // …but the owner's own address goes on working.
    expect((await apiLogin(owner.username, TEST_PASSWORD, home)).statusCode).toBe(200);
    // A name that does not exist, guessed the same way, is answered the same way.
    const nobody = unknownName();
    for (let i = 0; i < 5; i++) {
      const bot = newAddress();
      for (let j = 0; j < 3; j++) expect((await apiLogin(nobody, 'tebakan', bot)).statusCode).toBe(401);
    }
    expect(apiAnswer(await apiLogin(nobody, TEST_PASSWORD, fresh))).toEqual(
      apiAnswer(await apiLogin(owner.username, TEST_PASSWORD, fresh)),
    );
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${owner.user.id}/reset-password`,
      headers: lurah.auth,
    });
    expect(reset.statusCode).toBe(200);
    expect((await apiLogin(owner.username, reset.json().temporaryPassword, fresh)).statusCode).toBe(200);
  });

  it('keeps its state in PostgreSQL, under a keyed hash of the login id, never the id itself', async () => {
    const name = unknownName();
    await apiLogin(name, 'x-salah-x', newAddress());
    const rows = await t.database.pool.query(
      `select account_key, client, failures from login_attempts where client = $1`,
      [`198.51.100.${addressSeq}`],
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0].failures).toBe(1);
    expect(Buffer.from(rows.rows[0].account_key).toString('latin1')).not.toContain(name);
    expect(rows.rows[0].account_key).toEqual(t.services.pii.blindIndex(`login:${name}`));
  });
});

describe('TRUST_PROXY', () => {
  it('refuses true (and a hop count) with a message that says what to write instead', () => {
    for (const v of ['true', '1', '2'])
      expect(() => testConfig({ TRUST_PROXY: v })).toThrow(
        /TRUST_PROXY="\d*\w*" tidak diizinkan.*IP atau CIDR load balancer/s,
      );
    expect(() => testConfig({ TRUST_PROXY: '10.0.0.5,bukan-alamat' })).toThrow(ConfigError);
    expect(() => testConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/10\.0\.0\.0\/33/);
    expect(testConfig({ TRUST_PROXY: '10.0.0.5, 10.0.1.0/24,fd00::/8,loopback' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.0.1.0/24',
      'fd00::/8',
      'loopback',
    ]);
    expect(testConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(testConfig({}).trustProxy).toBe(false);
  });

  it('ignores X-Forwarded-For from an address that is not the load balancer: rotating it does not escape the limit', async () => {
    const outsider = newAddress();
    const answers: number[] = [];
    for (let i = 0; i < 60 && !answers.includes(429); i++)
      answers.push(
        (await apiLogin(unknownName(), 'salah', outsider, { 'x-forwarded-for': `203.0.113.${i + 1}` })).statusCode,
      );
    expect(answers).toEqual([...Array(10).fill(401), 429]);
  });

  it('believes X-Forwarded-For from the listed load balancer: each client behind it counts on its own', async () => {
    const behind = (i: number) => ({ 'x-forwarded-for': `192.0.2.${i}` });
    for (let i = 1; i <= 12; i++)
      expect((await apiLogin(unknownName(), 'salah', '127.0.0.1', behind(i))).statusCode).toBe(401);
    const u = await t.createUser('staf_kelurahan', area.kec[0]!.kel[0]!.code);
    expect((await apiLogin(u.username, TEST_PASSWORD, '127.0.0.1', behind(99))).statusCode).toBe(200);
    const sessions = await t.database.pool.query(`select ip from sessions where user_id = $1 order by ip`, [u.user.id]);
    // The session the helper opened, and the one through the load balancer under the client's own address.
    expect(sessions.rows.map((r) => r.ip)).toContain('192.0.2.99');
  });
});

describe('response headers', () => {
  it('sends HSTS on every answer when PUBLIC_URL is https, and none when it is http', async () => {
    const hsts = 'max-age=31536000; includeSubDomains';
    for (const url of ['/masuk', '/api/v1/me', '/static/app.css', '/tidak-ada', '/healthz'])
      expect((await t.app.inject({ method: 'GET', url })).headers['strict-transport-security'], url).toBe(hsts);
    const plain = await createApp({
      config: testConfig({ PUBLIC_URL: 'http://localhost:3000' }),
      services: t.services,
      logger: false,
    });
    try {
      for (const url of ['/masuk', '/api/v1/me', '/static/app.css'])
        expect((await plain.inject({ method: 'GET', url })).headers['strict-transport-security'], url).toBeUndefined();
    } finally {
      await plain.close();
    }
  });

  it('answers personal data with no-store (every /api/v1 answer, public tracking) and keeps caching for assets and reference data', async () => {
    const c = await createChain(t);
    const sub = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: c.rt.auth,
      payload: submitBody(c.residentId),
    });
    expect(sub.statusCode).toBe(201);
    const code = sub.json().trackingCode as string;
    const cacheOf = async (url: string, headers: Record<string, string> = {}) =>
      (await t.app.inject({ method: 'GET', url, headers })).headers['cache-control'];
    expect(sub.headers['cache-control']).toBe('no-store');
    expect(await cacheOf('/api/v1/me', c.rt.auth)).toBe('no-store');
    expect(await cacheOf(`/api/v1/requests/${sub.json().id}`, c.lurah.auth)).toBe('no-store');
    expect(await cacheOf('/api/v1/requests/queue', c.rw.auth)).toBe('no-store');
    expect(await cacheOf(`/api/v1/track/${code}`)).toBe('no-store');
    expect(await cacheOf(`/lacak/${code}`)).toBe('no-store');
    const login = await apiLogin(c.rt.username, TEST_PASSWORD, newAddress());
    expect(login.headers['cache-control']).toBe('no-store');
    expect(await cacheOf('/static/app.css')).toBe('public, max-age=31536000, immutable');
    expect(await cacheOf('/open311/v2/services.json')).toBeUndefined();
  });
});

describe('absolute links come from PUBLIC_URL only', () => {
  it('the training attendance QR points at PUBLIC_URL even when the request says Host: evil.example', async () => {
    const kel = area.kec[0]!.kel[0]!;
    const lurah = await t.createUser('lurah', kel.code);
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/program-rtrw/trainings',
      headers: lurah.auth,
      payload: {
        regionCode: kel.code,
        topic: 'operasional_portal',
        title: 'Pelatihan Portal',
        place: 'Aula Kelurahan',
        startsAt: '2026-02-10T09:00',
      },
    });
    expect(made.statusCode).toBe(201);
    const page = await t.app.inject({
      method: 'GET',
      url: `/program-rtrw/pelatihan/${made.json().id}`,
      headers: { ...lurah.auth, host: 'evil.example', 'x-forwarded-host': 'evil.example' },
    });
    expect(page.statusCode).toBe(200);
    const svg = /<div class="qr" data-testid="attendance-qr">(.*?)<\/div>/s.exec(page.body)![1]!;
    expect(decodeQrSvg(svg)).toBe(`${PUBLIC_URL}${made.json().attendanceUrl}`);
  });

  it('the Open311 discovery document names PUBLIC_URL, not the Host header', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/open311/v2/discovery.json',
      headers: { host: 'evil.example' },
    });
    expect(res.json().endpoints[0].url).toBe(`${PUBLIC_URL}/open311/v2`);
  });

  it('the anonymous form cookie is Secure when PUBLIC_URL is https, whatever scheme the request came in on', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/masuk' });
    expect(page.cookies.find((c) => c.name === 'pamong_anon')?.secure).toBe(true);
  });
});
