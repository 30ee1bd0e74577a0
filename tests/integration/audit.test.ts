import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let area: Awaited<ReturnType<TestApp['createArea']>>;
let elsewhere: Awaited<ReturnType<TestApp['createArea']>>;
beforeAll(async () => {
  t = await createTestApp();
  area = await t.createArea();
  elsewhere = await t.createArea();
});
afterAll(() => t.close());

interface Entry {
  id: string;
  at: string;
  actor_user_id: number | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  region_code: string | null;
  details: Record<string, unknown>;
}

describe('audit trail', () => {
  it('shows the city admin what happened in their city, and nothing from another city', async () => {
    const kel = area.kec[1]!.kel[0]!;
    const lurah = await t.createUser('lurah', kel.code);
    const mine = await t.app.inject({
      method: 'POST',
      url: `/api/v1/regions/${kel.code}/children`,
      headers: lurah.auth,
      payload: { number: '88' },
    });
    expect(mine.statusCode).toBe(201);
    const otherKel = elsewhere.kec[0]!.kel[0]!;
    const otherLurah = await t.createUser('lurah', otherKel.code);
    const theirs = await t.app.inject({
      method: 'POST',
      url: `/api/v1/regions/${otherKel.code}/children`,
      headers: otherLurah.auth,
      payload: { number: '88' },
    });
    expect(theirs.statusCode).toBe(201);

    const admin = await t.createUser('admin_kota', area.city);
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/audit?action=region.created', headers: admin.auth });
    expect(r.statusCode).toBe(200);
    const items = r.json().items as Entry[];
    const entry = items.find((e) => e.entity_id === `${kel.code}.088`);
    expect(entry).toMatchObject({
      actor_user_id: lurah.user.id,
      actor_name: 'Uji lurah',
      actor_role: 'lurah',
      action: 'region.created',
      entity_type: 'region',
      region_code: `${kel.code}.088`,
      details: { name: 'RW 088' },
    });
    expect(new Date(entry!.at).getTime()).toBeGreaterThan(Date.now() - 5 * 60_000);
    expect(items.every((e) => e.action === 'region.created')).toBe(true);
    expect(items.every((e) => e.region_code === area.city || e.region_code!.startsWith(`${area.city}.`))).toBe(true);
    expect(items.some((e) => e.entity_id === `${otherKel.code}.088`)).toBe(false);

    // Sign-ins are audited too, under the account's region.
    const logins = (
      await t.app.inject({ method: 'GET', url: '/api/v1/audit?action=auth.login', headers: admin.auth })
    ).json().items as Entry[];
    expect(logins.some((e) => e.actor_user_id === lurah.user.id)).toBe(true);
    expect(logins.some((e) => e.actor_user_id === otherLurah.user.id)).toBe(false);

    const page = await t.app.inject({ method: 'GET', url: '/audit?action=region.created', cookies: admin.cookies });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="audit-table"');
    expect(page.body).toContain(`region ${kel.code}.088`);
    expect(page.body).toContain('<code>region.created</code>');
    expect(page.body).not.toContain(`${otherKel.code}.088`);

    const all = await t.app.inject({ method: 'GET', url: '/audit', cookies: admin.cookies });
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('Jejak audit');
  });

  it('an admin of another city does not see it', async () => {
    const kel = area.kec[0]!.kel[1]!;
    const lurah = await t.createUser('lurah', kel.code);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/regions/${kel.code}/children`,
          headers: lurah.auth,
          payload: { number: '89' },
        })
      ).statusCode,
    ).toBe(201);
    const otherAdmin = await t.createUser('admin_kota', elsewhere.city);
    const items = (
      await t.app.inject({ method: 'GET', url: '/api/v1/audit?action=region.created', headers: otherAdmin.auth })
    ).json().items as Entry[];
    expect(items.some((e) => e.entity_id === `${kel.code}.089`)).toBe(false);
  });

  it('refuses everyone but the city admin (403)', async () => {
    const kel = area.kec[0]!.kel[0]!;
    for (const [role, region] of [
      ['lurah', kel.code],
      ['camat', area.kec[0]!.code],
      ['ketua_rt', kel.rts[0]!],
    ] as const) {
      const u = await t.createUser(role, region);
      const api = await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers: u.auth });
      expect(api.statusCode).toBe(403);
      expect(api.json().error.message).toBe('Anda tidak berwenang melakukan ini.');
      const page = await t.app.inject({ method: 'GET', url: '/audit', cookies: u.cookies });
      expect(page.statusCode).toBe(403);
      expect(page.body).not.toContain('data-testid="audit-table"');
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(401);
  });

  it('the audit_log table refuses UPDATE and DELETE', async () => {
    const kel = area.kec[1]!.kel[1]!;
    const lurah = await t.createUser('lurah', kel.code);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/regions/${kel.code}/children`,
          headers: lurah.auth,
          payload: { number: '90' },
        })
      ).statusCode,
    ).toBe(201);
    const row = await t.db
      .selectFrom('audit_log')
      .select(['id', 'action'])
      .where('action', '=', 'region.created')
      .where('entity_id', '=', `${kel.code}.090`)
      .executeTakeFirstOrThrow();

    await expect(sql`update audit_log set action = 'disamarkan' where id = ${row.id}`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      t.db.updateTable('audit_log').set({ actor_name: 'Orang lain' }).where('id', '=', row.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where id = ${row.id}`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom('audit_log').where('id', '=', row.id).execute()).rejects.toThrow(/append-only/);

    const still = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(still).toEqual({ action: 'region.created', actor_name: 'Uji lurah' });
  });
});
