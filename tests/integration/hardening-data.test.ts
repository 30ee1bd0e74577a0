// Issue 11, data hardening: validation messages name their own field; the
// Open311 feed hands out no tracking codes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/db/migrate.js';
import { fieldLabel, hasLabel } from '../../src/http/validation.js';
import { translator } from '../../src/i18n/index.js';
import { ROLE_LEVEL, ROLES, type Role } from '../../src/modules/accounts/rules.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createChain, submitBody } from '../helpers/requests.js';

let t: TestApp;
let area: Awaited<ReturnType<TestApp['createArea']>>;
const users = new Map<Role, Awaited<ReturnType<TestApp['createUser']>>>();

beforeAll(async () => {
  t = await createTestApp();
  area = await t.createArea();
});
afterAll(() => t.close());

const tId = translator('id');

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  maxLength?: number;
  pattern?: string;
  anyOf?: Schema[];
  const?: unknown;
  enum?: unknown[];
};

/** An account of the role, bound to a region of its level in this test's area. */
async function userFor(role: Role) {
  const kel = area.kec[0]!.kel[0]!;
  PARAMS.code ??= kel.rts[0]!;
  const region = {
    provinsi: area.city,
    kabkota: area.city,
    kecamatan: area.kec[0]!.code,
    kelurahan: kel.code,
    rw: kel.rw,
    rt: kel.rts[0]!,
  }[ROLE_LEVEL[role]];
  if (!users.has(role)) users.set(role, await t.createUser(role, region));
  return users.get(role)!;
}

/** A query-string value the property's schema refuses, or undefined when any text would do. */
function invalidQueryValue(s: Schema): string | undefined {
  if (s.anyOf || s.const !== undefined || s.enum) return 'zz-bukan-pilihan';
  if (s.type === 'integer' || s.type === 'number' || s.type === 'boolean') return 'bukan-angka';
  if (s.type === 'string' && s.maxLength !== undefined) return 'x'.repeat(s.maxLength + 1);
  if (s.type === 'string' && s.pattern && !new RegExp(s.pattern).test('%%%')) return '%%%';
  return undefined;
}

/** The inputs that are names, so their messages may start with "Nama" (decided here, not by the code under test). */
const NAME_FIELDS = new Set(['name', 'fullName', 'newName', 'fixedName', 'shiftName', 'username', 'loginId']);

/** Path parameters that pass their schema, so the body or query is what gets refused. */
const PARAMS: Record<string, string> = { position: 'ketua', lang: 'en', token: 'tokenuntukuji01', file: 'x.json' };

describe('validation messages name their own field', () => {
  it('every input of every route has a label in the catalogue', () => {
    const unlabelled: string[] = [];
    const walk = (s: Schema | undefined, where: string, depth = 0) => {
      if (!s || depth > 6) return;
      for (const [k, v] of Object.entries(s.properties ?? {})) {
        if (!hasLabel(k)) unlabelled.push(`${where} ${k}`);
        walk(v, where, depth + 1);
      }
      for (const x of s.anyOf ?? []) walk(x, where, depth + 1);
      const items = (s as { items?: Schema }).items;
      if (items) walk(items, where, depth + 1);
    };
    for (const r of t.app.routeTable)
      for (const part of ['body', 'querystring', 'params'] as const)
        walk(r.schema?.[part] as Schema | undefined, `${r.method} ${r.url} ${part}`);
    expect(unlabelled).toEqual([]);
  });

  it('an invalid value in each API input is answered with that field’s own label, not “Nama …”', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of t.app.routeTable) {
      if (!r.url.startsWith('/api/') && !r.url.startsWith('/open311/')) continue;
      const access = r.access;
      const role =
        access === 'public' ? null : access === 'authenticated' ? 'admin_kota' : ROLES.find((x) => access.includes(x))!;
      const headers = role ? (await userFor(role)).auth : {};
      const url = r.url.replace(/:(\w+)/g, (_m, p: string) => PARAMS[p] ?? '1');
      const body = r.schema?.body as Schema | undefined;
      const query = r.schema?.querystring as Schema | undefined;
      const cases: { field: string; send: () => Promise<{ statusCode: number; body: string }> }[] = [];
      for (const [field, s] of Object.entries(body?.properties ?? {})) {
        if (!s.type && !s.anyOf) continue; // free JSON (a schedule definition, the rules table): checked by its use case
        // A JSON object where a value belongs is refused by every property's schema (bodies are not coerced).
        const bad = s.type === 'object' ? 'x' : { bukan: 'nilai' };
        cases.push({
          field,
          send: () => t.app.inject({ method: r.method as 'POST', url, headers, payload: { [field]: bad } }),
        });
      }
      for (const [field, s] of Object.entries(query?.properties ?? {})) {
        const bad = invalidQueryValue(s);
        if (bad === undefined) continue;
        const sep = url.includes('?') ? '&' : '?';
        cases.push({
          field,
          send: () => t.app.inject({ method: 'GET', url: `${url}${sep}${field}=${encodeURIComponent(bad)}`, headers }),
        });
      }
      for (const c of cases) {
        const res = await c.send();
        const where = `${r.method} ${r.url} ${c.field}`;
        if (res.statusCode !== 400) {
          wrong.push(`${where}: ${res.statusCode} ${res.body.slice(0, 120)}`);
          continue;
        }
        const fields = (JSON.parse(res.body) as { error: { fields: { field: string; message: string }[] } }).error
          .fields;
        const message = fields.find((f) => f.field === c.field)?.message;
        const label = fieldLabel(c.field);
        const labelText = tId(label.field as 'f.name', label);
        if (!message) wrong.push(`${where}: no message for the field (${JSON.stringify(fields)})`);
        else if (/^Nama\b/.test(message) && !NAME_FIELDS.has(c.field)) wrong.push(`${where}: "${message}"`);
        else if (!r.url.startsWith('/api/v1/admin/letter-types') && !message.includes(labelText))
          wrong.push(`${where}: "${message}" does not name "${labelText}"`);
        checked++;
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('the page forms say which field is wrong: the decree number and date of an appointment, a training’s place', async () => {
    const kel = area.kec[1]!.kel[0]!;
    const lurah = await t.createUser('lurah', kel.code);
    const appoint = await t.app.inject({
      method: 'POST',
      url: `/rt-rw/${kel.rts[0]}/angkat`,
      cookies: lurah.cookies,
      payload: {
        _csrf: lurah.csrf,
        position: 'ketua',
        name: 'Pak Harjo',
        startDate: '2026-01-01',
        endDate: '2030-12-31',
        decreeNumber: '1'.repeat(101),
        decreeDate: 'kemarin',
      },
    });
    expect(appoint.statusCode).toBe(400);
    expect(appoint.body).toContain('Nomor SK pengangkatan paling banyak 100 karakter.');
    expect(appoint.body).toContain('Tanggal SK (TTTT-BB-HH) tidak valid.');
    expect(appoint.body).not.toMatch(/Nama (paling banyak|tidak valid)/);

    const training = await t.app.inject({
      method: 'POST',
      url: '/program-rtrw/pelatihan',
      cookies: lurah.cookies,
      payload: {
        _csrf: lurah.csrf,
        regionCode: kel.code,
        topic: 'administrasi',
        title: 'Pelatihan portal',
        place: 'Balai '.repeat(40),
        startsAt: '2026-05-01T09:00',
      },
    });
    expect(training.statusCode).toBe(400);
    expect(training.body).toContain('Tempat paling banyak 200 karakter.');
    expect(training.body).not.toContain('Nama paling banyak');
  });
});

describe('Open311 names requests by a public id, never by their tracking code', () => {
  it('no Open311 answer contains a tracking code, and a tracking code opens nothing there', async () => {
    const c = await createChain(t);
    const made: { id: number; trackingCode: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/requests',
        headers: c.rt.auth,
        payload: submitBody(c.residentId),
      });
      expect(res.statusCode).toBe(201);
      made.push(res.json());
    }
    const codes = (await t.db.selectFrom('service_requests').select('tracking_code').execute()).map(
      (r) => r.tracking_code,
    );
    const answers: { url: string; body: string }[] = [];
    const get = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url });
      answers.push({ url, body: res.body });
      return res;
    };
    const list = (await get('/open311/v2/requests.json')).json() as { service_request_id: string }[];
    for (const q of ['status=open', 'status=closed', 'service_code=domisili', 'service_code=sktm&page=1'])
      await get(`/open311/v2/requests.json?${q}`);
    await get('/open311/v2/services.json');
    await get('/open311/v2/services/domisili.json');
    await get('/open311/v2/discovery.json');

    const ids = list.map((r) => r.service_request_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of made) {
      const row = await t.db
        .selectFrom('service_requests')
        .select('public_id')
        .where('id', '=', m.id)
        .executeTakeFirstOrThrow();
      expect(row.public_id).toMatch(/^[0-9a-f]{32}$/);
      expect(row.public_id).not.toBe(m.trackingCode.toLowerCase());
      expect(ids).toContain(row.public_id);
      const one = await get(`/open311/v2/requests/${row.public_id}.json`);
      expect(one.statusCode).toBe(200);
      expect(one.json()[0].service_request_id).toBe(row.public_id);
      // The tracking code, in any case, finds nothing in the feed.
      expect((await get(`/open311/v2/requests/${m.trackingCode}.json`)).statusCode).not.toBe(200);
      expect((await get(`/open311/v2/requests/${m.trackingCode.toLowerCase()}.json`)).statusCode).not.toBe(200);
    }
    const leaks = answers.flatMap((a) =>
      codes.filter((code) => a.body.toUpperCase().includes(code)).map((code) => `${a.url}: ${code}`),
    );
    expect(leaks).toEqual([]);
  });

  it('the migration gives every existing request its own random public id', async () => {
    const c = await createChain(t);
    for (let i = 0; i < 3; i++)
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/requests',
        headers: c.rt.auth,
        payload: submitBody(c.residentId),
      });
    const migration = readFileSync(join(MIGRATIONS_DIR, '0010_hardening_data.sql'), 'utf8');
    const client = await t.database.pool.connect();
    try {
      // Undo the column and apply the migration again to the rows that exist now; roll it all back after.
      await client.query('begin');
      await client.query('alter table service_requests drop column public_id');
      await client.query(migration);
      const rows = (
        await client.query<{ public_id: string; tracking_code: string }>(
          'select public_id, tracking_code from service_requests',
        )
      ).rows;
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(new Set(rows.map((r) => r.public_id)).size).toBe(rows.length);
      for (const r of rows) {
        expect(r.public_id).toMatch(/^[0-9a-f]{32}$/);
        expect(r.public_id).not.toContain(r.tracking_code.toLowerCase());
      }
    } finally {
      await client.query('rollback');
      client.release();
    }
  });
});
