// The scorecard takes the pact and trainings from the RT/RW programme.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('scorecard inputs from the RT/RW programme', () => {
  it('a head who signed the pact and attended a training sees both on their scorecard', async () => {
    const area = await t.createArea();
    const kel = area.kec[0]!.kel[0]!;
    const admin = await t.createUser('admin_kota', area.city);
    const lurah = await t.createUser('lurah', kel.code);
    const head = await t.createUser('ketua_rt', kel.rts[0]!);
    const post = (url: string, who: { auth: Record<string, string> }, payload: object = {}) =>
      t.app.inject({ method: 'POST', url, headers: who.auth, payload });
    const month = new Date().toISOString().slice(0, 7);
    const before = (
      await t.app.inject({ method: 'GET', url: `/api/v1/kinerja/saya?bulan=${month}`, headers: head.auth })
    ).json();
    expect(JSON.stringify(before)).toMatch(/"pactSigned":false/);

    expect(
      (
        await post(`/api/v1/rt-rw/regions/${kel.rts[0]}/terms`, lurah, {
          position: 'ketua',
          name: 'Pak RT',
          userId: head.user.id,
          startDate: '2026-01-01',
          endDate: '2029-01-01',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await post(`/api/v1/rt-rw/pakta/versions/${area.city}`, admin, {
          title: 'Pakta Integritas',
          body: 'Saya berjanji melayani warga dengan jujur.',
        })
      ).statusCode,
    ).toBeLessThan(300);
    expect((await post('/api/v1/rt-rw/pakta/sign', head)).statusCode).toBeLessThan(300);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/program-rtrw/trainings',
      headers: lurah.auth,
      payload: {
        regionCode: kel.code,
        topic: 'operasional_portal',
        title: 'Operasional Portal',
        place: 'Aula',
        startsAt: '2026-02-10T09:00',
      },
    });
    expect(created.statusCode, created.body).toBeLessThan(300);
    const { id } = created.json();
    expect(
      (await post(`/api/v1/program-rtrw/trainings/${id}/attendance`, lurah, { userId: head.user.id })).statusCode,
    ).toBe(200);

    const after = JSON.stringify(
      (await t.app.inject({ method: 'GET', url: `/api/v1/kinerja/saya?bulan=${month}`, headers: head.auth })).json(),
    );
    expect(after).toMatch(/"pactSigned":true/);
    expect(after).toMatch(/"trainingsDone":1/);
  });
});
