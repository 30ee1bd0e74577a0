// RT/RW heads: appointment with handover, vacancies, the integrity pact signed
// by the head and countersigned by the lurah, and its public verification.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let area: Awaited<ReturnType<TestApp['createArea']>>;
type U = Awaited<ReturnType<TestApp['createUser']>>;
let lurah: U, head1: U, head2: U, otherLurah: U, otherHead: U, admin: U;
let kel: { code: string; rw: string; rts: string[] };
let verifyCode = '';
let signatureId = 0;

const get = (url: string, who?: U) => t.app.inject({ method: 'GET', url, ...(who ? { headers: who.auth } : {}) });
const post = (url: string, who: U, payload: Record<string, unknown> = {}) =>
  t.app.inject({ method: 'POST', url, headers: who.auth, payload });

beforeAll(async () => {
  t = await createTestApp();
  area = await t.createArea();
  kel = area.kec[0]!.kel[0]!;
  admin = await t.createUser('admin_kota', area.city);
  lurah = await t.createUser('lurah', kel.code);
  otherLurah = await t.createUser('lurah', area.kec[0]!.kel[1]!.code);
  head1 = await t.createUser('ketua_rt', kel.rts[0]!);
  head2 = await t.createUser('ketua_rt', kel.rts[0]!);
  otherHead = await t.createUser('ketua_rt', kel.rts[1]!);
});
afterAll(() => t.close());

describe('heads and terms', () => {
  it('appoints a ketua RT, then a new one: the old term ends as handover and stays in the history', async () => {
    const rt = kel.rts[0]!;
    const a = await post(`/api/v1/rt-rw/regions/${rt}/terms`, lurah, {
      position: 'ketua',
      name: 'Budi Lama',
      userId: head1.user.id,
      startDate: '2023-01-01',
      endDate: '2026-01-01',
      decreeNumber: 'SK/1',
    });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json().replacedTermId).toBeNull();
    const b = await post(`/api/v1/rt-rw/regions/${rt}/terms`, lurah, {
      position: 'ketua',
      name: 'Siti Baru',
      userId: head2.user.id,
      startDate: '2026-01-02',
      endDate: '2029-01-01',
    });
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json().replacedTermId).toBe(a.json().id);
    const hist = (await get(`/api/v1/rt-rw/regions/${rt}/terms`, lurah)).json().items as {
      id: number;
      name: string;
      endReason: string | null;
      endedAt: string | null;
    }[];
    expect(hist.map((h) => [h.name, h.endReason])).toEqual([
      ['Siti Baru', null],
      ['Budi Lama', 'digantikan'],
    ]);
    const page = await get(`/rt-rw/${rt}`, lurah);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Digantikan');
    expect(page.body).toContain('data-testid="appoint-form"');
  });

  it('refuses an account that is not a head of that region', async () => {
    const r = await post(`/api/v1/rt-rw/regions/${kel.rts[1]}/terms`, lurah, {
      position: 'ketua',
      name: 'X',
      userId: head1.user.id,
      startDate: '2026-01-01',
      endDate: '2029-01-01',
    });
    expect(r.statusCode).toBe(422);
  });

  it('lists the RT without a ketua as a vacancy', async () => {
    const o = (await get('/api/v1/rt-rw', lurah)).json();
    expect(o.vacancies).toContain(kel.rts[1]);
    expect(o.vacancies).toContain(kel.rw);
    expect(o.vacancies).not.toContain(kel.rts[0]);
    const page = await get('/rt-rw', lurah);
    expect(page.body).toContain(`data-testid="vacancy-${kel.rts[1]}"`);
  });

  it('a lurah of another kelurahan gets 404; a head sees only their own terms', async () => {
    expect((await get(`/api/v1/rt-rw/regions/${kel.rts[0]}/terms`, otherLurah)).statusCode).toBe(404);
    expect(
      (
        await post(`/api/v1/rt-rw/regions/${kel.rts[0]}/terms`, otherLurah, {
          position: 'ketua',
          name: 'X',
          startDate: '2026-01-01',
          endDate: '2029-01-01',
        })
      ).statusCode,
    ).toBe(404);
    const own = (await get(`/api/v1/rt-rw/regions/${kel.rts[0]}/terms`, head2)).json().items as { name: string }[];
    expect(own.map((x) => x.name)).toEqual(['Siti Baru']);
    const old = (await get(`/api/v1/rt-rw/regions/${kel.rts[0]}/terms`, head1)).json().items as { name: string }[];
    expect(old.map((x) => x.name)).toEqual(['Budi Lama']);
    expect((await get(`/api/v1/rt-rw/regions/${kel.rts[0]}/terms`, otherHead)).statusCode).toBe(404);
  });
});

describe('the integrity pact', () => {
  it('admin publishes, the head signs, the lurah countersigns, the verify page says ASLI', async () => {
    const pub = await post(`/api/v1/rt-rw/pakta/versions/${area.city}`, admin, {
      title: 'Pakta Integritas Ketua RT/RW',
      body: 'Saya berjanji melayani warga dengan jujur.',
    });
    expect(pub.statusCode, pub.body).toBe(201);
    expect(pub.json().version).toBe(1);
    const page = await get('/rt-rw/pakta', head2);
    expect(page.body).toContain('data-testid="sign-form"');
    const signed = await post('/api/v1/rt-rw/pakta/sign', head2);
    expect(signed.statusCode, signed.body).toBe(201);
    verifyCode = signed.json().verifyCode;
    signatureId = signed.json().id;
    expect((await post('/api/v1/rt-rw/pakta/sign', head2)).statusCode).toBe(409);
    // Not yet countersigned: not valid.
    expect((await get(`/v/pakta/${verifyCode}`)).body).toContain('TIDAK VALID');
    expect((await post(`/api/v1/rt-rw/pakta/signatures/${signatureId}/countersign`, otherLurah)).statusCode).toBe(404);
    const cs = await post(`/api/v1/rt-rw/pakta/signatures/${signatureId}/countersign`, lurah);
    expect(cs.statusCode, cs.body).toBe(200);
    const v = await get(`/v/pakta/${verifyCode}`);
    expect(v.statusCode).toBe(200);
    expect(v.body).toMatch(/data-testid="verify-status">ASLI</);
    expect((await get(`/api/v1/rt-rw/pakta/${verifyCode}/verify`)).json()).toMatchObject({
      authentic: true,
      name: 'Siti Baru',
      version: 1,
    });
    const pdf = await get(`/rt-rw/pakta/${signatureId}.pdf`, head2);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get(`/rt-rw/pakta/${signatureId}.pdf`, otherHead)).statusCode).toBe(404);
  });

  it('lists heads who have not signed', async () => {
    await post(`/api/v1/rt-rw/regions/${kel.rts[1]}/terms`, lurah, {
      position: 'ketua',
      name: 'Belum Tanda',
      userId: otherHead.user.id,
      startDate: '2026-01-01',
      endDate: '2029-01-01',
    });
    const p = (await get('/api/v1/rt-rw/pakta', lurah)).json();
    expect(p.unsigned.map((u: { name: string }) => u.name)).toEqual(['Belum Tanda']);
    expect(p.signatures.map((s: { name: string }) => s.name)).toEqual(['Siti Baru']);
  });

  it('tampering with the stored payload makes it TIDAK VALID', async () => {
    await t.database.pool.query(
      `update pact_signatures set payload = jsonb_set(payload, '{name}', '"Orang Lain"') where verify_code = $1`,
      [verifyCode],
    );
    const v = await get(`/v/pakta/${verifyCode}`);
    expect(v.body).toContain('TIDAK VALID');
    expect(v.body).not.toContain('Orang Lain');
    expect((await get('/v/pakta/ZZZZ2345ZZZZ')).statusCode).toBe(404);
  });
});
