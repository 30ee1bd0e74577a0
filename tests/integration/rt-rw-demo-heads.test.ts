// The demo city's programme on day one (src/seed/demo-heads.ts): its heads hold
// their posts for the configured term with a decree number, the default pact
// is published, and the RT head can sign at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoHeads } from '../../src/seed/demo-heads.js';
import { defaultPact } from '../../src/modules/rt-rw/default-pact.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
afterAll(() => t.close());
beforeAll(async () => {
  t = await createTestApp();
});

describe('demo heads', () => {
  it('appoints the demo heads from today, publishes the default pact, and the RT head signs at once', async () => {
    const area = await t.createArea();
    const kel = area.kec[0]!.kel[0]!;
    const admin = await t.createUser('admin_kota', area.city);
    const rw = await t.createUser('ketua_rw', kel.rw);
    const rt = await t.createUser('ketua_rt', kel.rts[0]!);
    await seedDemoHeads(t.services, admin.ctx, {
      cityCode: area.city,
      heads: [
        { regionCode: kel.rw, userId: rw.user.id, name: 'Ketua RW 001' },
        { regionCode: kel.rts[0]!, userId: rt.user.id, name: 'Ketua RT 001' },
      ],
    });
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/rt-rw/pakta', headers: rt.auth });
    const pact = mine.json() as {
      current: { version: number; title: string };
      unsigned: { startDate: string; endDate: string; decreeNumber: string }[];
    };
    expect(pact.current).toMatchObject({ version: 1, title: defaultPact().title });
    expect(pact.unsigned).toHaveLength(1);
    const term = pact.unsigned[0]!;
    expect(term.startDate).toBe(t.services.rtrw.today());
    expect(Number(term.endDate.slice(0, 4)) - Number(term.startDate.slice(0, 4))).toBe(t.config.rtrwTerms.years);
    expect(term.decreeNumber).toMatch(/^100\.3\.3\.2\/\d{3}\//);
    const page = await t.app.inject({ method: 'GET', url: '/rt-rw/pakta', headers: rt.auth });
    expect(page.body).toContain('data-testid="pact-sign"');
    const sign = await t.app.inject({ method: 'POST', url: '/api/v1/rt-rw/pakta/sign', headers: rt.auth });
    expect(sign.statusCode, sign.body).toBe(201);
  });

  it('offers the default text to adapt while a city has no pact', async () => {
    const area = await t.createArea();
    const admin = await t.createUser('admin_kota', area.city);
    const page = await t.app.inject({ method: 'GET', url: '/rt-rw/pakta', headers: admin.auth });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="publish-form"');
    expect(page.body).toContain('tidak meminta, menerima, atau memberikan imbalan'.replace(/^t/, 'T'));
  });

  it('a head without a post who tries to sign reads why, under a title that is not "something to fix"', async () => {
    const area = await t.createArea();
    const head = await t.createUser('ketua_rt', area.kec[0]!.kel[0]!.rts[0]!);
    const res = await t.app.inject({
      method: 'POST',
      url: '/rt-rw/pakta/tandatangan',
      cookies: head.cookies,
      payload: { _csrf: head.csrf },
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Tindakan ini belum dapat dilakukan');
    expect(res.body).not.toContain('Ada yang perlu diperbaiki');
  });
});
