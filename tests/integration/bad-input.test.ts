// Malformed, oversized, wrong-typed and hostile input sent to every route, by
// an account that may use it: always a 4xx with a clear Indonesian message
// (never a 500), and malformed/oversized/wrong-typed requests write nothing.
// Hostile text that is valid text (a name with quotes or <script>) may be
// stored, but only verbatim — and it is shown escaped (last test).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFamily } from '../../src/seed/factories.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { ROUTE_CASES, routeKey, SELF_ROUTES, snapshotRegion, type Target } from '../helpers/route-cases.js';
import { createTargetRequest, createTargetStaff } from '../helpers/route-cases.js';

let t: TestApp;
let target: Target;
let city: string;
let admin: Awaited<ReturnType<TestApp['createUser']>>;
const HOSTILE = [
  `' OR '1'='1'; DROP TABLE residents; --`,
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '\u0000\u202e',
  '{{7*7}}${7*7}',
];

/** Rows under this test's own city: other test files may write elsewhere at the same time. */
async function tableCounts() {
  return snapshotRegion(t, city);
}

function expectClearRefusal(
  label: string,
  res: { statusCode: number; body: string; headers: Record<string, unknown> },
  failures: string[],
) {
  if (res.statusCode >= 500) failures.push(`${label}: ${res.statusCode}`);
  else if (res.statusCode < 400) failures.push(`${label}: accepted (${res.statusCode})`);
  else if (String(res.headers['content-type']).includes('json')) {
    const msg = JSON.parse(res.body)?.error?.message as string | undefined;
    if (!msg || /must|should|error|invalid/i.test(msg)) failures.push(`${label}: unclear message ${msg}`);
  } else if (!/error-summary|Ada yang perlu diperbaiki/.test(res.body))
    failures.push(`${label}: page without an error summary`);
}

beforeAll(async () => {
  t = await createTestApp();
  const area = await t.createArea();
  const kel = area.kec[0]!.kel[0]!;
  city = area.city;
  admin = await t.createUser('admin_kota', area.city);
  let serial = 100;
  const fam = await createFamily(t.services, admin.ctx, kel.rts[0]!, () => serial++);
  const head = await t.createUser('ketua_rt', kel.rts[0]!);
  target = {
    kelurahan: kel.code,
    rw: kel.rw,
    rt: kel.rts[0]!,
    otherRt: kel.rts[1]!,
    residentId: fam.ids[0]!,
    userId: head.user.id,
    ...(await createTargetRequest(t, head, fam.ids[0]!)),
    ...(await createTargetStaff(t, admin)).target,
  };
});
afterAll(() => t.close());

const writeRoutes = () => t.app.routeTable.filter((r) => r.method !== 'GET' && !SELF_ROUTES.has(routeKey(r)));

// These tests walk every route of the app, so they grow with it (the integration project's limit covers them).
describe('bad input', () => {
  it('malformed JSON, oversized bodies and wrong types: 4xx with a clear message, nothing written', async () => {
    const before = await tableCounts();
    const failures: string[] = [];
    for (const route of writeRoutes()) {
      const key = routeKey(route);
      const call = ROUTE_CASES[key]!(target);
      const send = (payload: string, contentType = 'application/json') =>
        t.app.inject({
          method: route.method as 'POST',
          url: call.url,
          headers: { ...admin.auth, 'content-type': contentType },
          payload,
        });
      expectClearRefusal(`${key} malformed JSON`, await send('{"nik": "12'), failures);
      expectClearRefusal(
        `${key} oversized`,
        await send(JSON.stringify({ csv: 'x'.repeat(3 * 1024 * 1024) })),
        failures,
      );
      expectClearRefusal(`${key} unsupported type`, await send('<xml/>', 'application/xml'), failures);
      const fields = Object.keys(call.payload ?? {});
      for (const wrong of [{ nested: { deep: 1 } }, [1, 2, 3], 1e20, true]) {
        if (!fields.length) continue;
        const payload = Object.fromEntries(fields.map((f) => [f, wrong]));
        expectClearRefusal(`${key} wrong type ${JSON.stringify(wrong)}`, await send(JSON.stringify(payload)), failures);
      }
    }
    expect(failures).toEqual([]);
    expect(await tableCounts()).toEqual(before);
  });

  it('hostile strings in every field and path: never a server error, stored only verbatim', async () => {
    const failures: string[] = [];
    for (const route of t.app.routeTable) {
      const key = routeKey(route);
      if (SELF_ROUTES.has(key)) continue;
      const call = ROUTE_CASES[key]!(target);
      for (const h of HOSTILE) {
        const payload = call.payload ? Object.fromEntries(Object.keys(call.payload).map((f) => [f, h])) : undefined;
        const res = await t.app.inject({
          method: route.method as 'POST',
          url: call.url,
          headers: admin.auth,
          ...(payload ? { payload } : {}),
        });
        if (res.statusCode >= 500) failures.push(`${key} with ${JSON.stringify(h)}: ${res.statusCode}`);
        // JSON is data, not markup (served as application/json with nosniff); only HTML must escape.
        const isHtml = (r: { headers: Record<string, unknown> }) =>
          String(r.headers['content-type']).startsWith('text/html');
        if (isHtml(res) && res.body.includes('<script>alert(1)</script>'))
          failures.push(`${key} echoed a raw <script>`);
        // Hostile values in the path and query string.
        const enc = encodeURIComponent(h);
        const url =
          call.url.replace(/\/\d+(?=\/|$|\?)/, `/${enc}`).replace(/\/\d{2}(\.\d+)+/, `/${enc}`) +
          (call.url.includes('?') ? '&' : '?') +
          `q=${enc}&page=${enc}`;
        const res2 = await t.app.inject({
          method: route.method as 'POST',
          url,
          headers: admin.auth,
          ...(payload ? { payload } : {}),
        });
        if (res2.statusCode >= 500) failures.push(`${key} path ${url}: ${res2.statusCode}`);
        if (isHtml(res2) && res2.body.includes('<script>alert(1)</script>'))
          failures.push(`${key} path echoed a raw <script>`);
      }
    }
    expect(failures).toEqual([]);
    // The tables are all still there and SQL in values did nothing.
    const r = await t.database.pool.query(`select count(*)::int as n from residents`);
    expect(r.rows[0].n).toBeGreaterThan(0);
  });

  it('a resident named <script> is shown as text on every page that lists them', async () => {
    await t.services.residents.update(admin.ctx, target.residentId, {
      fullName: '<script>alert(1)</script>',
      sex: 'L',
      birthDate: '1970-01-01',
      relationship: 'kepala_keluarga',
    });
    for (const url of [
      `/warga?under=${target.kelurahan}`,
      `/warga/${target.residentId}`,
      `/warga/${target.residentId}/lengkap`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: admin.auth });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(res.body, url).not.toContain('<script>alert(1)</script>');
    }
    const api = await t.app.inject({
      method: 'GET',
      url: `/api/v1/residents/${target.residentId}`,
      headers: admin.auth,
    });
    expect(api.json().resident.full_name).toBe('<script>alert(1)</script>');
  });
});
