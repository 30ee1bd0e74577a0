import { it, expect } from 'vitest';
import { createTestApp } from '../helpers/app.js';
it('debug', async () => {
  const t = await createTestApp();
  const area = await t.createArea();
  const u = await t.createUser('lurah', area.kec[0]!.kel[0]!.code);
  const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: u.auth });
  console.log(me.body);
  const r = await t.app.inject({ method: 'GET', url: `/api/v1/regions/${area.kec[0]!.kel[1]!.code}`, headers: u.auth });
  console.log(r.statusCode, r.body.slice(0, 300));
  const r2 = await t.app.inject({ method: 'GET', url: `/api/v1/regions?levels=kelurahan`, headers: u.auth });
  console.log(r2.statusCode, r2.body.slice(0, 600));
  const u2 = await t.createUser('ketua_rt', area.kec[0]!.kel[0]!.rts[0]!);
  const r3 = await t.app.inject({ method: 'GET', url: `/api/v1/regions?levels=kelurahan`, headers: u2.auth });
  console.log(r3.statusCode, r3.body.slice(0, 600));
  await t.close();
});
