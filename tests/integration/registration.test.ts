import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKk, makeNik } from '../../src/seed/factories.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let area: Awaited<ReturnType<TestApp['createArea']>>;
let lurah: Awaited<ReturnType<TestApp['createUser']>>;
let region6: string;
let seq = 0;
// Registration and sign-in are throttled per IP in the database: give this file its own address.
const ip = `10.${randomInt(100, 250)}.${randomInt(0, 250)}.${randomInt(1, 250)}`;
const PASSWORD = 'kopi-tubruk-pagi-7';

beforeAll(async () => {
  t = await createTestApp();
  area = await t.createArea();
  lurah = await t.createUser('lurah', area.kec[0]!.kel[0]!.code);
  region6 = area.kec[0]!.code.replace(/\./g, '');
});
afterAll(() => t.close());

/** A living resident created by the kelurahan, as registration requires. */
async function resident(rtCode: string, birthDate = '1992-08-14', sex: 'L' | 'P' = 'P') {
  const nik = makeNik(region6, birthDate, sex, ++seq);
  const kk = makeKk(region6, ++seq);
  const fullName = `Warga Daftar ${seq}`;
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/residents',
    headers: lurah.auth,
    payload: { nik, kk, fullName, sex, birthDate, relationship: 'kepala_keluarga', rtCode },
  });
  expect(r.statusCode).toBe(201);
  return { id: r.json().id as number, nik, kk, birthDate, fullName, rtCode };
}

const register = (body: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/register', remoteAddress: ip, payload: body });
const login = (loginId: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { loginId, password } });

describe('citizen registration', () => {
  it('registers a matching resident, who signs in with their NIK and sees only their own record', async () => {
    const rt = area.kec[0]!.kel[0]!.rts[1]!;
    const me = await resident(rt);
    const neighbour = await resident(rt, '1970-01-20', 'L');

    const r = await register({
      nik: me.nik,
      kk: me.kk,
      birthDate: me.birthDate,
      password: PASSWORD,
      confirm: PASSWORD,
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toEqual({ ok: true });

    const signIn = await login(me.nik, PASSWORD);
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().mustChangePassword).toBe(false);
    const auth = { authorization: `Bearer ${signIn.json().token as string}` };

    const who = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: auth });
    expect(who.json()).toMatchObject({ role: 'warga', regionCode: rt, fullName: me.fullName });

    const own = await t.app.inject({ method: 'GET', url: '/api/v1/me/resident', headers: auth });
    expect(own.statusCode).toBe(200);
    expect(own.json().resident).toMatchObject({
      id: me.id,
      full_name: me.fullName,
      birth_date: me.birthDate,
      region_code: rt,
      status: 'hidup',
    });
    expect(own.json().resident.nik_masked).toMatch(/^\d{4}\*{8}\d{4}$/);
    expect(own.body).not.toContain(me.nik);
    expect(own.json().members).toEqual([]);

    const listing = await t.app.inject({ method: 'GET', url: '/api/v1/residents', headers: auth });
    expect(listing.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/residents/${me.id}`, headers: auth })).statusCode).toBe(
      403,
    );
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/residents/${neighbour.id}/full`, headers: auth })).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/regions', headers: auth })).statusCode).toBe(403);

    const page = await t.app.inject({ method: 'GET', url: '/saya', headers: auth });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(me.fullName);
    expect(page.body).not.toContain(neighbour.fullName);

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_role', 'region_code', 'ip'])
      .where('action', '=', 'user.registered')
      .where('actor_name', '=', me.fullName)
      .execute();
    expect(audit).toEqual([{ actor_role: 'warga', region_code: rt, ip }]);
  });

  it('refuses a wrong birth date, KK or NIK with one message that does not say which', async () => {
    const me = await resident(area.kec[0]!.kel[0]!.rts[0]!, '1988-11-02', 'L');
    const message =
      'Data tidak cocok dengan data kependudukan. Periksa NIK, nomor KK dan tanggal lahir, atau hubungi Ketua RT Anda.';
    const wrongDate = await register({
      nik: me.nik,
      kk: me.kk,
      birthDate: '1988-11-03',
      password: PASSWORD,
      confirm: PASSWORD,
    });
    expect(wrongDate.statusCode).toBe(422);
    expect(wrongDate.json().error.message).toBe(message);

    const wrongKk = await register({
      nik: me.nik,
      kk: makeKk(region6, ++seq),
      birthDate: me.birthDate,
      password: PASSWORD,
      confirm: PASSWORD,
    });
    expect(wrongKk.statusCode).toBe(422);
    expect(wrongKk.json().error.message).toBe(message);

    const unknown = await register({
      nik: makeNik(region6, me.birthDate, 'L', ++seq),
      kk: me.kk,
      birthDate: me.birthDate,
      password: PASSWORD,
      confirm: PASSWORD,
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.message).toBe(message);

    // Nothing was created: the NIK cannot sign in.
    expect((await login(me.nik, PASSWORD)).statusCode).toBe(401);
  });

  it('checks the NIK and password before looking anything up', async () => {
    const me = await resident(area.kec[0]!.kel[0]!.rts[0]!);
    const shortNik = await register({
      nik: me.nik.slice(0, 15),
      kk: me.kk,
      birthDate: me.birthDate,
      password: PASSWORD,
      confirm: PASSWORD,
    });
    expect(shortNik.statusCode).toBe(422);
    expect(shortNik.json().error.fields).toEqual([{ field: 'nik', message: 'NIK harus 16 angka.' }]);
    const mismatch = await register({
      nik: me.nik,
      kk: me.kk,
      birthDate: me.birthDate,
      password: PASSWORD,
      confirm: PASSWORD + 'x',
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().error.fields[0].field).toBe('confirm');
    const weak = await register({ nik: me.nik, kk: me.kk, birthDate: me.birthDate, password: me.nik, confirm: me.nik });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.fields[0].field).toBe('password');
  });

  it('refuses a resident who is no longer living', async () => {
    const me = await resident(area.kec[0]!.kel[0]!.rts[0]!, '1950-03-09', 'L');
    const st = await t.app.inject({
      method: 'POST',
      url: `/api/v1/residents/${me.id}/status`,
      headers: lurah.auth,
      payload: { status: 'meninggal', date: '2024-02-02' },
    });
    expect(st.statusCode).toBe(200);
    const r = await register({
      nik: me.nik,
      kk: me.kk,
      birthDate: me.birthDate,
      password: PASSWORD,
      confirm: PASSWORD,
    });
    expect(r.statusCode).toBe(422);
  });

  it('answers a second registration with 409, and the first password still works', async () => {
    const me = await resident(area.kec[0]!.kel[0]!.rts[0]!, '1999-12-31', 'P');
    const body = { nik: me.nik, kk: me.kk, birthDate: me.birthDate, password: PASSWORD, confirm: PASSWORD };
    expect((await register(body)).statusCode).toBe(201);
    const again = await register({ ...body, password: 'sandi-lain-sekali-9', confirm: 'sandi-lain-sekali-9' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(
      'NIK ini sudah terdaftar. Silakan masuk, atau minta kelurahan mengatur ulang sandi.',
    );
    expect((await login(me.nik, PASSWORD)).statusCode).toBe(200);
    expect((await login(me.nik, 'sandi-lain-sekali-9')).statusCode).toBe(401);
  });
});
