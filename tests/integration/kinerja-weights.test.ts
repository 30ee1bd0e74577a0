// The score's weights come from KINERJA_WEIGHTS: a bad value stops the start
// with a clear Indonesian message; a good one changes the score, and the head
// sees the weights and their own points per part on the scorecard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { DEFAULT_WEIGHTS, score } from '../../src/modules/kinerja/rules.js';
import { weightsFromConfig } from '../../src/modules/kinerja/service.js';
import { createTestApp, testConfig, type TestApp } from '../helpers/app.js';

// activity=0: this test is about pact and training; community activity has its own (community.test.ts).
const WEIGHTS = 'pact=0,training=10,trainingsRequired=1,overduePenalty=5,activity=0';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { KINERJA_WEIGHTS: WEIGHTS } });
});
afterAll(() => t.close());

describe('KINERJA_WEIGHTS', () => {
  it('refuses to start on a bad value, saying what is wrong in Indonesian', () => {
    for (const [bad, says] of [
      ['kecepatan=30', 'bukan bobot yang dikenal'],
      ['speed=-3', 'harus berbentuk nama=angka'],
      ['withinBudget=0,speed=0,returns=0,pact=0,training=0,activity=0', 'harus lebih dari 0'],
      ['activitiesRequired=1.5', 'bilangan bulat'],
    ] as const) {
      let err: unknown;
      try {
        weightsFromConfig(testConfig({ KINERJA_WEIGHTS: bad }).kinerjaWeights);
      } catch (e) {
        err = e;
      }
      expect(err, bad).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toContain('KINERJA_WEIGHTS');
      expect((err as Error).message).toContain(says);
    }
    expect(weightsFromConfig(testConfig().kinerjaWeights)).toEqual(DEFAULT_WEIGHTS);
  });

  it('the configured weights change the score, and the head sees them with their points', async () => {
    expect(weightsFromConfig(t.config.kinerjaWeights)).toEqual({
      ...DEFAULT_WEIGHTS,
      pact: 0,
      training: 10,
      trainingsRequired: 1,
      overduePenalty: 5,
      activity: 0,
    });
    const area = await t.createArea();
    const kel = area.kec[0]!.kel[0]!;
    const lurah = await t.createUser('lurah', kel.code);
    const head = await t.createUser('ketua_rt', kel.rts[0]!);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/program-rtrw/trainings',
      headers: lurah.auth,
      payload: {
        regionCode: kel.code,
        topic: 'administrasi',
        title: 'Administrasi RT',
        place: 'Aula',
        startsAt: '2026-02-10T09:00',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const tick = await t.app.inject({
      method: 'POST',
      url: `/api/v1/program-rtrw/trainings/${created.json().id}/attendance`,
      headers: lurah.auth,
      payload: { userId: head.user.id },
    });
    expect(tick.statusCode).toBe(200);

    const month = new Date().toISOString().slice(0, 7);
    const mine = (
      await t.app.inject({ method: 'GET', url: `/api/v1/kinerja/saya?bulan=${month}`, headers: head.auth })
    ).json();
    expect(mine.weights).toMatchObject({ pact: 0, training: 10, trainingsRequired: 1, overduePenalty: 5 });
    // No requests handled: judged on pact (weight 0 here) and training (1 of 1 needed) only.
    expect(mine.head).toMatchObject({ handled: 0, trainingsDone: 1, pactSigned: false, score: 100 });
    // The same figures under the default weights (pact 10, training 10 of 2 needed, activity 10 of 2) give 5 of 30.
    expect(score({ ...mine.head, medianSeconds: null, medianRatio: null }, DEFAULT_WEIGHTS)).toBe(16.7);

    const page = await t.app.inject({ method: 'GET', url: `/kinerja/saya?bulan=${month}`, cookies: head.cookies });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="kin-breakdown"');
    expect(page.body).toContain('10 dari 10'); // training: full marks of the configured 10
    expect(page.body).toContain('0 dari 0'); // pact weighs nothing in this city
    expect(page.body).toContain('dikurangi 5 per permohonan terlambat');
  });
});
