import { it, expect } from 'vitest';
import { createTestApp } from '../helpers/app.js';
import { inScope } from '../../src/modules/accounts/scope.js';
it('debug', async () => {
  const t = await createTestApp();
  const area = await t.createArea();
  const u = await t.createUser('lurah', area.kec[0]!.kel[0]!.code);
  console.log('user', u.user);
  const q = t.db.selectFrom('regions').select('code').where('code', '=', area.kec[0]!.kel[1]!.code).where(inScope(u.ctx.scope, 'code'));
  console.log(q.compile());
  console.log(await q.execute());
  await t.close();
});
