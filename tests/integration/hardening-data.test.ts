// Issue 11, data hardening: a NIK never goes into a URL or a log line;
// validation messages name their own field; the
// Open311 feed hands out no tracking codes; uploads are refused when they
// carry markup or a script behind a valid header, and served as what they are;
// invisible text-direction and zero-width characters are refused in names and
// titles and removed elsewhere.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/db/migrate.js';
import { createSearchSealer, SEARCH_TOKEN_TTL_MS } from '../../src/http/search-token.js';
import { fieldLabel, hasLabel } from '../../src/http/validation.js';
import { translator } from '../../src/i18n/index.js';
import { ROLE_LEVEL, ROLES, type Role } from '../../src/modules/accounts/rules.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { createChain, key, submitBody } from '../helpers/requests.js';
import { makeKk, makeNik } from '../../src/seed/factories.js';
import { checkInBody, createEmployee, createLocation, createUnit, makeNip } from '../helpers/staff.js';
import { PHOTO_JPEG, PHOTO_WEBP, pdfkitPdf, polyglots, SEED_PNG, type Polyglot } from '../helpers/uploads.js';
import { naskahBody } from '../helpers/cases/correspondence.js';

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
const NAME_FIELDS = new Set([
  'name',
  'fullName',
  'newName',
  'fixedName',
  'shiftName',
  'username',
  'loginId',
  'fatherName',
  'motherName',
]);

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

describe('uploads: polyglots refused on every path, genuine files served as what they are', () => {
  type Sent = { statusCode: number; body: string };
  type Path = {
    name: string;
    allowed: Polyglot['mime'][];
    send: (content: Buffer, mime: string) => Promise<Sent>;
    /** The words of the refusal for each reason, as the person reads them. */
    says: Record<Polyglot['reason'], string>;
  };
  const REQUEST_SAYS = { unsafe: 'memuat kode (HTML, skrip', damaged: 'rusak atau memuat data tambahan' };
  const ABSENCE_SAYS = { unsafe: 'Lampiran memuat kode', damaged: 'Lampiran rusak' };
  const DECREE_SAYS = { unsafe: 'Berkas SK memuat kode', damaged: 'Berkas SK rusak' };
  const SELFIE_SAYS = { unsafe: 'Swafoto memuat kode', damaged: 'Swafoto rusak' };
  const NASKAH_SAYS = { unsafe: 'PDF memuat kode', damaged: 'PDF rusak' };
  const ALL: Polyglot['mime'][] = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];
  const unescape = (html: string) =>
    html
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');

  let c: Awaited<ReturnType<typeof createChain>>;
  let staff: Awaited<ReturnType<typeof createEmployee>>;
  let termId = 0;
  let paths: Path[] = [];
  let day = 0;
  /** A fresh working day for each absence request (they must not overlap). */
  const nextDay = () => {
    const d = new Date(Date.UTC(2027, 0, 4) + 7 * 86_400_000 * day++);
    return d.toISOString().slice(0, 10);
  };

  beforeAll(async () => {
    c = await createChain(t);
    const unit = await createUnit(t, c.admin);
    const loc = await createLocation(t, c.admin);
    staff = await createEmployee(t, c.admin, { unitId: unit.id, locationIds: [loc.id] });
    const tu = await createEmployee(t, c.admin, { unitId: unit.id });
    await t.services.correspondence.addDesk(c.admin.ctx, unit.id, tu.nip);
    const naskahFields = () => naskahBody(unit.id, { senderNumber: `005/${key()}/2026` });
    const term = await t.app.inject({
      method: 'POST',
      url: `/api/v1/rt-rw/regions/${c.kel.rts[1]}/terms`,
      headers: c.lurah.auth,
      payload: { position: 'ketua', name: 'Ketua Uji', startDate: '2026-01-01', endDate: '2028-12-31' },
    });
    expect(term.statusCode, term.body).toBe(201);
    termId = term.json().id;
    const form =
      (url: string, who: { cookies: Record<string, string>; csrf: string }) =>
      (fields: Record<string, string>, files: Parameters<typeof multipart>[1]) =>
        t.app.inject({
          method: 'POST',
          url,
          cookies: who.cookies,
          ...multipart({ _csrf: who.csrf, ...fields }, files),
        });
    paths = [
      {
        name: 'request attachment, API',
        allowed: ALL,
        says: REQUEST_SAYS,
        send: (content) =>
          t.app.inject({
            method: 'POST',
            url: '/api/v1/requests',
            headers: c.rt.auth,
            payload: submitBody(c.residentId, 'domisili', {
              attachments: [
                { kind: 'ktp', contentBase64: content.toString('base64') },
                { kind: 'kk', contentBase64: SEED_PNG.toString('base64') },
              ],
            }),
          }),
      },
      {
        name: 'request attachment, page',
        allowed: ALL,
        says: REQUEST_SAYS,
        send: (content, mime) =>
          form('/layanan', c.rt)(
            {
              letterType: 'domisili',
              idempotencyKey: key(),
              purpose: 'Melamar pekerjaan',
              residentId: String(c.residentId),
            },
            [
              { name: 'file_ktp', filename: 'ktp', type: mime, content },
              { name: 'file_kk', filename: 'kk.png', type: 'image/png', content: SEED_PNG },
            ],
          ),
      },
      {
        name: 'selfie, API',
        allowed: ['image/jpeg', 'image/png', 'image/webp'],
        says: SELFIE_SAYS,
        send: (content) =>
          t.app.inject({
            method: 'POST',
            url: '/api/v1/attendance/check-ins',
            headers: staff.auth,
            payload: checkInBody('masuk', undefined, { selfie: content.toString('base64') }),
          }),
      },
      {
        name: 'selfie, page',
        allowed: ['image/jpeg', 'image/png', 'image/webp'],
        says: SELFIE_SAYS,
        send: (content, mime) => {
          const b = checkInBody('masuk');
          return form('/presensi/absen', staff)(
            { idempotencyKey: b.idempotencyKey, kind: 'masuk', lat: String(b.lat), lon: String(b.lon), accuracy: '12' },
            [{ name: 'selfie', filename: 'swafoto', type: mime, content }],
          );
        },
      },
      {
        name: 'doctor’s letter, API',
        allowed: ALL,
        says: ABSENCE_SAYS,
        send: (content) => {
          const d = nextDay();
          return t.app.inject({
            method: 'POST',
            url: '/api/v1/attendance/absences',
            headers: staff.auth,
            payload: {
              idempotencyKey: key(),
              type: 'sakit',
              start: d,
              end: d,
              reason: 'Demam',
              attachment: content.toString('base64'),
            },
          });
        },
      },
      {
        name: 'doctor’s letter, page',
        allowed: ALL,
        says: ABSENCE_SAYS,
        send: (content, mime) => {
          const d = nextDay();
          return form('/presensi/izin', staff)(
            { idempotencyKey: key(), type: 'sakit', start: d, end: d, reason: 'Demam' },
            [{ name: 'attachment', filename: 'surat', type: mime, content }],
          );
        },
      },
      {
        name: 'naskah masuk scan, API',
        allowed: ['application/pdf'],
        says: NASKAH_SAYS,
        send: (content) =>
          t.app.inject({
            method: 'POST',
            url: '/api/v1/naskah',
            headers: tu.auth,
            payload: { ...naskahFields(), pdf: content.toString('base64') },
          }),
      },
      {
        name: 'naskah masuk scan, page',
        allowed: ['application/pdf'],
        says: NASKAH_SAYS,
        send: (content, mime) => {
          const { pdf: _pdf, ...rest } = naskahFields();
          return form('/surat/masuk/baru', tu)(
            Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, String(v)])),
            [{ name: 'pdf', filename: 'surat', type: mime, content }],
          );
        },
      },
      {
        name: 'decree scan, API',
        allowed: ['image/jpeg', 'image/png', 'application/pdf'],
        says: DECREE_SAYS,
        send: (content) =>
          t.app.inject({
            method: 'POST',
            url: `/api/v1/rt-rw/terms/${termId}/decree`,
            headers: c.lurah.auth,
            payload: { contentBase64: content.toString('base64') },
          }),
      },
      {
        name: 'decree scan, page',
        allowed: ['image/jpeg', 'image/png', 'application/pdf'],
        says: DECREE_SAYS,
        send: (content, mime) =>
          form(`/rt-rw/masa/${termId}/sk`, c.lurah)({}, [{ name: 'file', filename: 'sk', type: mime, content }]),
      },
    ];
  });

  it('every upload path refuses every polyglot it could otherwise take, saying why', async () => {
    const wrong: string[] = [];
    const requestsBefore = await t.db
      .selectFrom('service_requests')
      .select('id')
      .where('resident_id', '=', c.residentId)
      .execute();
    for (const path of paths) {
      for (const p of (await polyglots()).filter((x) => path.allowed.includes(x.mime))) {
        const res = await path.send(p.content, p.mime);
        if (res.statusCode < 400 || res.statusCode >= 500) wrong.push(`${path.name} / ${p.name}: ${res.statusCode}`);
        else if (!unescape(res.body).includes(path.says[p.reason]))
          wrong.push(`${path.name} / ${p.name}: no "${path.says[p.reason]}" in ${res.body.slice(0, 300)}`);
      }
    }
    expect(wrong).toEqual([]);
    // Nothing was kept: no request, no check-in, no absence, no decree file.
    expect(
      await t.db.selectFrom('service_requests').select('id').where('resident_id', '=', c.residentId).execute(),
    ).toEqual(requestsBefore);
    const q = async (text: string, params: unknown[]) => (await t.database.pool.query(text, params)).rows;
    const [employee] = await q('select id from employees where user_id = $1', [staff.userId]);
    expect(await q('select id from attendance_records where employee_id = $1', [employee.id])).toEqual([]);
    expect(await q('select id from absence_requests where employee_id = $1', [employee.id])).toEqual([]);
    expect(await q('select decree_file_id from rtrw_terms where id = $1', [termId])).toEqual([
      { decree_file_id: null },
    ]);
  });

  it('a polyglot sent as the residents’ CSV file is refused and imports nothing', async () => {
    for (const p of (await polyglots()).filter((x) => x.reason === 'unsafe').slice(0, 3)) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/warga/impor',
        cookies: c.admin.cookies,
        ...multipart({ _csrf: c.admin.csrf, kelurahan: c.kel.code }, [
          { name: 'file', filename: 'warga.csv', type: 'text/csv', content: p.content },
        ]),
      });
      expect(res.statusCode, p.name).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, p.name).toBeLessThan(500);
      expect(res.body, p.name).toContain('data-testid="error-summary"');
      expect(res.body).not.toContain('data-testid="import-summary"');
    }
  });

  it('genuine files pass on every path and come back with their verified type, a file name, nosniff and a sandbox', async () => {
    const pdf = await pdfkitPdf();
    const genuine: Record<Polyglot['mime'], Buffer> = {
      'image/jpeg': PHOTO_JPEG,
      'image/png': SEED_PNG,
      'image/webp': PHOTO_WEBP,
      'application/pdf': pdf,
    };
    for (const path of paths)
      for (const mime of path.allowed) {
        const res = await path.send(genuine[mime], mime);
        expect(res.statusCode, `${path.name} / ${mime}: ${res.body.slice(0, 300)}`).toBeLessThan(400);
      }
    const served = async (url: string, who: { auth: Record<string, string> }) =>
      t.app.inject({ method: 'GET', url, headers: who.auth });
    // A request attachment (the last genuine page submission's KTP is the PDF).
    const req = await t.db
      .selectFrom('request_attachments as a')
      .innerJoin('service_requests as r', 'r.id', 'a.request_id')
      .innerJoin('stored_files as f', 'f.id', 'a.file_id')
      .select(['a.id', 'a.request_id', 'f.mime'])
      .where('r.resident_id', '=', c.residentId)
      .where('a.kind', '=', 'ktp')
      .execute();
    const jpegAtt = req.find((r) => r.mime === 'image/jpeg')!;
    const pdfAtt = req.find((r) => r.mime === 'application/pdf')!;
    const img = await served(`/api/v1/requests/${jpegAtt.request_id}/attachments/${jpegAtt.id}`, c.lurah);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(img.headers['content-disposition']).toBe(
      `inline; filename="lampiran-${jpegAtt.request_id}-${jpegAtt.id}.jpg"`,
    );
    expect(img.headers['x-content-type-options']).toBe('nosniff');
    expect(img.headers['content-security-policy']).toContain('sandbox');
    expect(img.rawPayload.equals(PHOTO_JPEG)).toBe(true);
    const doc = await served(`/api/v1/requests/${pdfAtt.request_id}/attachments/${pdfAtt.id}`, c.lurah);
    expect(doc.headers['content-type']).toBe('application/pdf');
    expect(doc.headers['content-disposition']).toBe(
      `attachment; filename="lampiran-${pdfAtt.request_id}-${pdfAtt.id}.pdf"`,
    );
    expect(doc.headers['x-content-type-options']).toBe('nosniff');
    // The decree scan (the last upload was the page's PDF), by page and API.
    for (const url of [`/rt-rw/masa/${termId}/sk`, `/api/v1/rt-rw/terms/${termId}/decree`]) {
      const sk = await served(url, c.lurah);
      expect(sk.statusCode, url).toBe(200);
      expect(sk.headers['content-type'], url).toBe('application/pdf');
      expect(sk.headers['content-disposition'], url).toBe(`attachment; filename="sk-${termId}.pdf"`);
      expect(sk.headers['x-content-type-options'], url).toBe('nosniff');
    }
    // A doctor's letter, to the employee's unit head… here the admin oversees the city.
    const absence = (
      await t.database.pool.query(
        'select id from absence_requests where attachment_id is not null and employee_id = (select id from employees where user_id = $1) order by id desc limit 1',
        [staff.userId],
      )
    ).rows[0] as { id: number };
    const letter = await served(`/api/v1/attendance/absences/${absence.id}/attachment`, c.admin);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
    expect(letter.headers['content-disposition']).toBe(`attachment; filename="lampiran-izin-${absence.id}.pdf"`);
  });
});

describe('display spoofing: bidi controls and zero-width characters', () => {
  const RLO = '\u202e';
  const ZWSP = '\u200b';
  /** Every character the rule covers, each in a name that would otherwise be valid. */
  const SPOOFS = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']
    .concat(['\u200e', '\u200f', '\u061c', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'])
    .map((ch) => `Budi ${ch}Santoso`);
  /** Real names, Indonesian and Arabic (in Latin transliteration and in Arabic script): kept as typed. */
  const LEGIT = [
    "Siti Nur'aini binti Abdul Rahman",
    'Muhammad ʿAbdullāh al-Ṣāliḥ',
    'Ni Luh Putu Ayu Sekarini',
    'Dra. Hj. Sri Wahyuni, M.Si.',
    'عبد الله بن عمر',
  ];
  let c: Awaited<ReturnType<typeof createChain>>;
  let region6: string;
  let serial = 7000;
  beforeAll(async () => {
    c = await createChain(t);
    region6 = c.kec.code.replace(/\./g, '');
  });
  const person = (fullName: string, extra: Record<string, string> = {}) => {
    const n = serial++;
    return {
      nik: makeNik(region6, '1988-03-04', 'P', n),
      kk: makeKk(region6, n),
      fullName,
      sex: 'P',
      birthDate: '1988-03-04',
      relationship: 'kepala_keluarga',
      rtCode: c.kel.rts[1]!,
      ...extra,
    };
  };
  const message = (res: { body: string }) => res.body.replace(/&#39;/g, "'").replace(/&quot;/g, '"');

  it('a resident’s name: refused on the page and in the API, naming the field; nothing is stored', async () => {
    for (const name of SPOOFS) {
      const api = await t.app.inject({
        method: 'POST',
        url: '/api/v1/residents',
        headers: c.admin.auth,
        payload: person(name),
      });
      expect(api.statusCode, JSON.stringify(name)).toBe(400);
      expect(api.json().error.fields).toEqual([
        { field: 'fullName', message: expect.stringMatching(/^Nama lengkap memuat karakter tak terlihat/) },
      ]);
    }
    const page = await t.app.inject({
      method: 'POST',
      url: '/warga',
      cookies: c.admin.cookies,
      payload: { _csrf: c.admin.csrf, ...person(`Budi${RLO}gnoS`) },
    });
    expect(page.statusCode).toBe(400);
    expect(message(page)).toContain('Nama lengkap memuat karakter tak terlihat atau pengubah arah teks');
    expect(message(page)).toContain('Ketik ulang isian ini secara langsung');
    const stored = await t.db
      .selectFrom('residents')
      .select('full_name')
      .where('region_code', '=', c.kel.rts[1]!)
      .execute();
    expect(stored.filter((r) => r.full_name.startsWith('Budi'))).toEqual([]);
  });

  it('real names in any script pass unchanged; an address loses its invisible characters', async () => {
    for (const name of LEGIT) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/residents',
        headers: c.admin.auth,
        payload: person(name),
      });
      expect(res.statusCode, res.body).toBe(201);
      const back = await t.app.inject({
        method: 'GET',
        url: `/api/v1/residents/${res.json().id}`,
        headers: c.admin.auth,
      });
      expect(back.json().resident.full_name).toBe(name);
    }
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/residents',
      headers: c.admin.auth,
      payload: person('Wahyu Hidayat', { address: `Jl. Mawar${ZWSP} No. 5\u200e RT 002${RLO}` }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const back = await t.app.inject({
      method: 'GET',
      url: `/api/v1/residents/${res.json().id}`,
      headers: c.admin.auth,
    });
    expect(back.json().resident.address).toBe('Jl. Mawar No. 5 RT 002');
  });

  it('a service request’s title (its purpose): refused on the page and in the API; a letter field is cleaned', async () => {
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: c.rt.auth,
      payload: submitBody(c.residentId, 'domisili', { purpose: `Melamar ${RLO}naajrekep` }),
    });
    expect(api.statusCode).toBe(400);
    expect(api.json().error.fields).toEqual([
      { field: 'purpose', message: expect.stringMatching(/^Keperluan memuat karakter tak terlihat/) },
    ]);
    const page = await t.app.inject({
      method: 'POST',
      url: '/layanan',
      cookies: c.rt.cookies,
      ...multipart(
        {
          _csrf: c.rt.csrf,
          letterType: 'domisili',
          idempotencyKey: key(),
          residentId: String(c.residentId),
          purpose: `Melamar${ZWSP} pekerjaan`,
        },
        [
          { name: 'file_ktp', filename: 'ktp.jpg', type: 'image/jpeg', content: PHOTO_JPEG },
          { name: 'file_kk', filename: 'kk.png', type: 'image/png', content: SEED_PNG },
        ],
      ),
    });
    expect(page.statusCode).toBe(400);
    expect(message(page)).toContain('Keperluan memuat karakter tak terlihat');
    // A letter's own field (the business name on a surat keterangan usaha) keeps its text, without the marks.
    const usaha = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: c.rt.auth,
      payload: submitBody(c.residentId, 'usaha', {
        fields: { nama_usaha: `Warung${ZWSP} Bu Sri\u2066`, jenis_usaha: 'Kuliner', alamat_usaha: 'Pasar Baru' },
      }),
    });
    expect(usaha.statusCode, usaha.body).toBe(201);
    const row = await t.db
      .selectFrom('service_requests')
      .select('field_values')
      .where('id', '=', usaha.json().id)
      .executeTakeFirstOrThrow();
    expect((row.field_values as Record<string, string>).nama_usaha).toBe('Warung Bu Sri');
  });

  it('a catalogue item’s title: refused on the page and in the API; its description is cleaned', async () => {
    const body = {
      code: 'uji_spoof',
      name: `Surat Keterangan ${RLO}sahasU`,
      description: `Untuk${ZWSP} usaha\u200f kecil`,
      fields: [],
      attachments: [],
      validityDays: 30,
      route: ['rt', 'kelurahan'],
      stageBudgets: { rt: 10, kelurahan: 20 },
      totalBudgetMinutes: 45,
      classification: '500.2',
      template: 'Isi {{keperluan}}',
    };
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/letter-types',
      headers: c.admin.auth,
      payload: body,
    });
    expect(api.statusCode).toBe(400);
    expect(api.json().error.fields).toEqual([
      { field: 'name', message: expect.stringMatching(/^Nama memuat karakter tak terlihat/) },
    ]);
    const label = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/letter-types',
      headers: c.admin.auth,
      payload: {
        ...body,
        name: 'Surat Keterangan Usaha Kecil',
        fields: [{ name: 'tujuan', label: `Tu${ZWSP}juan`, type: 'text', required: true }],
      },
    });
    expect(label.statusCode).toBe(400);
    expect(label.json().error.fields[0]).toMatchObject({ field: 'label' });
    const page = await t.app.inject({
      method: 'POST',
      url: '/admin/jenis-surat',
      cookies: c.admin.cookies,
      payload: {
        _csrf: c.admin.csrf,
        code: 'uji_spoof_hal',
        name: `Surat\u2067 Uji`,
        description: '',
        route_rt: '1',
        route_kelurahan: '1',
        budget_rt: '10',
        budget_kelurahan: '20',
        total_budget_minutes: '45',
        validity_days: '30',
        classification: '400.12.2',
        template: 'Isi {{keperluan}}',
        active: '1',
        fields: '',
        attachments: '',
      },
    });
    expect(page.statusCode).toBe(400);
    expect(message(page)).toContain('Nama memuat karakter tak terlihat');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/letter-types',
      headers: c.admin.auth,
      payload: { ...body, name: 'Surat Keterangan Usaha Kecil' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().description).toBe('Untuk usaha kecil');
  });

  it('the residents’ CSV import refuses the row whose name carries them and cleans the other columns', async () => {
    const n1 = serial++;
    const n2 = serial++;
    const csv = [
      'nik,no_kk,nama,jenis_kelamin,tanggal_lahir,hubungan,rw,rt,alamat',
      `${makeNik(region6, '1970-01-02', 'L', n1)},${makeKk(region6, n1)},Joko${RLO}okoJ,L,1970-01-02,kepala keluarga,1,2,Jl. Kenanga`,
      `${makeNik(region6, '1971-01-02', 'L', n2)},${makeKk(region6, n2)},Slamet Riyadi,L,1971-01-02,kepala keluarga,1,2,Jl.${ZWSP} Melati\u200e 3`,
    ].join('\n');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/residents/import',
      headers: c.admin.auth,
      payload: { kelurahan: c.kel.code, csv, validOnly: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      imported: 1,
      refused: [{ row: 2, message: expect.stringMatching(/^Nama lengkap memuat karakter tak terlihat/) }],
    });
    const slamet = await t.db
      .selectFrom('residents')
      .select('address')
      .where('full_name', '=', 'Slamet Riyadi')
      .executeTakeFirstOrThrow();
    expect(slamet.address).toBe('Jl. Melati 3');
  });

  it('the RT and employee imports refuse a name or a position that carries them, naming the column', async () => {
    const rts = await t.app.inject({
      method: 'POST',
      url: `/api/v1/regions/${c.area.kec[1]!.kel[0]!.code}/import`,
      headers: c.admin.auth,
      payload: { csv: `rw,rt,nama\n1,7,RT Tujuh\n1,8,Kampung${RLO} Baru` },
    });
    expect(rts.statusCode).toBe(422);
    expect(rts.json().errors).toEqual([
      { row: 3, message: expect.stringMatching(/^Nama memuat karakter tak terlihat/) },
    ]);
    const unit = await createUnit(t, c.admin);
    const code = (await t.database.pool.query('select code from org_units where id = $1', [unit.id])).rows[0].code;
    const staff = await t.app.inject({
      method: 'POST',
      url: '/api/v1/employees/import',
      headers: c.admin.auth,
      payload: {
        csv: `nip,nama,jenis,jabatan,unit\n${makeNip()},Ani${ZWSP} Lestari,PNS,Analis,${code}\n${makeNip()},Budi Utomo,PNS,Kepala${RLO} Seksi,${code}\n${makeNip()},Citra Dewi,PNS,,${code}`,
      },
    });
    expect(staff.statusCode, staff.body).toBe(422);
    expect(staff.json().refused).toEqual([
      { row: 2, message: expect.stringMatching(/^Nama lengkap memuat karakter tak terlihat/) },
      { row: 3, message: expect.stringMatching(/^Jabatan memuat karakter tak terlihat/) },
      { row: 4, message: 'Jabatan wajib diisi.' },
    ]);
  });
});

describe('a NIK never goes into a URL or a log line', () => {
  let lt: TestApp;
  const lines: string[] = [];
  const locations: string[] = [];
  let c: Awaited<ReturnType<typeof createChain>>;
  let region6: string;
  let serial = 8100;
  const numbers: string[] = []; // every NIK and KK used here
  const nikOf = (birth: string, sex: 'L' | 'P') => {
    const n = serial++;
    const nik = makeNik(region6, birth, sex, n);
    const kk = makeKk(region6, n);
    numbers.push(nik, kk);
    return { nik, kk };
  };
  beforeAll(async () => {
    lt = await createTestApp({
      config: { LOG_LEVEL: 'info' },
      logger: { stream: { write: (line: string) => lines.push(line) } },
    });
    c = await createChain(lt);
    region6 = c.kec.code.replace(/\./g, '');
    const inject = lt.app.inject.bind(lt.app) as (o: object) => Promise<{ headers: Record<string, unknown> }>;
    (lt.app as { inject: unknown }).inject = async (o: object) => {
      const res = await inject(o);
      if (res.headers.location) locations.push(String(res.headers.location));
      return res;
    };
  });
  afterAll(() => lt.close());

  it('registering, finding, importing and serving residents by NIK logs no NIK at level info', async () => {
    const { app } = lt;
    const admin = c.admin;
    // Register a resident through the page and the API.
    const a = nikOf('1984-07-21', 'P');
    const page = await app.inject({
      method: 'POST',
      url: '/warga',
      cookies: admin.cookies,
      payload: {
        _csrf: admin.csrf,
        ...a,
        fullName: 'Rahayu Lestari',
        sex: 'P',
        birthDate: '1984-07-21',
        relationship: 'kepala_keluarga',
        rtCode: c.kel.rts[1]!,
      },
    });
    expect(page.statusCode, page.body.slice(0, 500)).toBe(303);
    const b = nikOf('1979-02-03', 'L');
    const api = await app.inject({
      method: 'POST',
      url: '/api/v1/residents',
      headers: admin.auth,
      payload: {
        ...b,
        fullName: 'Bambang Sutrisno',
        sex: 'L',
        birthDate: '1979-02-03',
        relationship: 'kepala_keluarga',
        rtCode: c.kel.rts[0]!,
      },
    });
    expect(api.statusCode, api.body).toBe(201);
    const bId = api.json().id as number;
    // Find them by NIK and by KK: on the page (the results come from the POST) and in the API.
    const byNik = await app.inject({
      method: 'POST',
      url: '/warga/cari',
      cookies: admin.cookies,
      payload: { _csrf: admin.csrf, q: a.nik },
    });
    expect(byNik.statusCode).toBe(200);
    expect(byNik.body).toContain('Rahayu Lestari');
    const apiByNik = await app.inject({
      method: 'POST',
      url: '/api/v1/residents/search',
      headers: admin.auth,
      payload: { q: b.nik },
    });
    expect(apiByNik.json().items.map((i: { id: number }) => i.id)).toEqual([bId]);
    const byKk = await app.inject({
      method: 'POST',
      url: '/api/v1/residents/search',
      headers: admin.auth,
      payload: { q: b.kk },
    });
    expect(byKk.json().items.map((i: { id: number }) => i.id)).toEqual([bId]);
    // The old way, by GET with the NIK in the query string, is refused, saying how to search.
    const oldPage = await app.inject({ method: 'GET', url: `/warga?q=${a.nik}`, cookies: admin.cookies });
    expect(oldPage.statusCode).toBe(400);
    expect(oldPage.body).toContain('tidak diterima lewat alamat halaman');
    const oldApi = await app.inject({ method: 'GET', url: `/api/v1/residents?q=${b.nik}`, headers: admin.auth });
    expect(oldApi.statusCode).toBe(400);
    expect(oldApi.json().error.message).toContain('POST /api/v1/residents/search');
    // The full record (NIK in the page, audited) and the API's full view.
    expect((await app.inject({ method: 'GET', url: `/warga/${bId}/lengkap`, cookies: admin.cookies })).body).toContain(
      b.nik,
    );
    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/residents/${bId}/full`, headers: admin.auth })).json().nik,
    ).toBe(b.nik);
    // Import: a CSV of NIKs by page (file) and API.
    const i1 = nikOf('1990-01-05', 'L');
    const i2 = nikOf('1991-01-05', 'P');
    const csv = (p: { nik: string; kk: string }, name: string, date: string, sex: string) =>
      `nik,no_kk,nama,jenis_kelamin,tanggal_lahir,hubungan,rw,rt\n${p.nik},${p.kk},${name},${sex},${date},kepala keluarga,1,1\n`;
    const imp = await app.inject({
      method: 'POST',
      url: '/warga/impor',
      cookies: admin.cookies,
      ...multipart({ _csrf: admin.csrf, kelurahan: c.kel.code }, [
        {
          name: 'file',
          filename: 'warga.csv',
          type: 'text/csv',
          content: Buffer.from(csv(i1, 'Imam Santoso', '1990-01-05', 'L')),
        },
      ]),
    });
    expect(imp.statusCode, imp.body.slice(0, 300)).toBe(200);
    const impApi = await app.inject({
      method: 'POST',
      url: '/api/v1/residents/import',
      headers: admin.auth,
      payload: { kelurahan: c.kel.code, csv: csv(i2, 'Indah Sari', '1991-01-05', 'P') },
    });
    expect(impApi.statusCode, impApi.body).toBe(200);
    // A citizen registers with their NIK, signs in with it, and files a request naming a NIK.
    const reg = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { nik: b.nik, kk: b.kk, birthDate: '1979-02-03', password: TEST_PASSWORD, confirm: TEST_PASSWORD },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { loginId: b.nik, password: TEST_PASSWORD },
    });
    expect(login.statusCode, login.body).toBe(200);
    const citizen = { authorization: `Bearer ${login.json().token}` };
    const req = await app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: citizen,
      payload: { ...submitBody(bId), residentId: undefined, purpose: `Ahli waris dari ayah NIK ${a.nik}` },
    });
    expect(req.statusCode, req.body).toBe(201);
    const pageReq = await app.inject({
      method: 'POST',
      url: '/layanan',
      cookies: c.rt.cookies,
      ...multipart(
        {
          _csrf: c.rt.csrf,
          letterType: 'domisili',
          idempotencyKey: key(),
          residentId: String(c.residentId),
          purpose: `Untuk NIK ${i1.nik}`,
        },
        [
          { name: 'file_ktp', filename: 'ktp.jpg', type: 'image/jpeg', content: PHOTO_JPEG },
          { name: 'file_kk', filename: 'kk.png', type: 'image/png', content: SEED_PNG },
        ],
      ),
    });
    expect(pageReq.statusCode, pageReq.body.slice(0, 300)).toBe(303);
    // Even a NIK that some code would log directly comes out masked.
    app.log.error({ detail: `nik=${a.nik}` }, `contoh ${b.nik}`);

    expect(
      lines.some((l) => l.includes('"url":"/warga/cari"')),
      'the request log was captured',
    ).toBe(true);
    // A NIK sent in a query string anyway is logged without its value.
    expect(lines.some((l) => l.includes('"url":"/warga?q=[…]"'))).toBe(true);
    expect(lines.some((l) => l.includes(`${a.nik.slice(0, 4)}********${a.nik.slice(12)}`))).toBe(true);
    const leaks = lines.filter((l) => numbers.some((n) => l.includes(n)));
    expect(leaks).toEqual([]);
    expect(locations.filter((l) => numbers.some((n) => l.includes(n)))).toEqual([]);
  });

  it('the search form is a POST; further pages are linked by a sealed token that opens only for its account', async () => {
    const { app } = lt;
    const admin = c.admin;
    const list = await app.inject({ method: 'GET', url: '/warga', cookies: admin.cookies });
    expect(list.body).toMatch(/<form method="post" action="\/warga\/cari"[^>]*data-testid="residents-search"/);
    const x = nikOf('1966-06-06', 'L');
    const made = await app.inject({
      method: 'POST',
      url: '/api/v1/residents',
      headers: admin.auth,
      payload: {
        ...x,
        fullName: 'Warga Token Uji',
        sex: 'L',
        birthDate: '1966-06-06',
        relationship: 'kepala_keluarga',
        rtCode: c.kel.rts[1]!,
      },
    });
    expect(made.statusCode).toBe(201);
    // Page 2 of a NIK search shows a link back to page 1: it carries the token, not the NIK.
    const two = await app.inject({
      method: 'POST',
      url: '/warga/cari',
      cookies: admin.cookies,
      payload: { _csrf: admin.csrf, q: x.nik, page: '2' },
    });
    expect(two.statusCode).toBe(200);
    const prev = /href="(\/warga\?cari=[^"]+)" rel="prev"/.exec(two.body)?.[1]?.replace(/&amp;/g, '&');
    expect(prev).toBeDefined();
    expect(decodeURIComponent(prev!)).not.toContain(x.nik);
    for (const href of two.body.match(/href="[^"]*"/g) ?? []) expect(href).not.toContain(x.nik);
    const one = await app.inject({ method: 'GET', url: prev!, cookies: admin.cookies });
    expect(one.statusCode).toBe(200);
    expect(one.body).toContain('Warga Token Uji');
    expect((one.body.match(/data-testid="resident-row"/g) ?? []).length).toBe(1);
    // Another account, or a changed token: refused with advice.
    const other = await lt.createUser('lurah', c.kel.code);
    const stolen = await app.inject({ method: 'GET', url: prev!, cookies: other.cookies });
    expect(stolen.statusCode).toBe(400);
    expect(stolen.body).toContain('kedaluwarsa atau dibuat dari akun lain');
    const bent = prev!.replace(/cari=(.)/, (_m, ch: string) => `cari=${ch === 'A' ? 'B' : 'A'}`);
    expect((await app.inject({ method: 'GET', url: bent, cookies: admin.cookies })).statusCode).toBe(400);
  });

  it('staff and account searches go by POST too; a NIP or a name sent in a URL is refused and not logged', async () => {
    const { app } = lt;
    const admin = c.admin;
    const unit = await createUnit(lt, admin, { name: 'Dinas Pencarian' });
    const e = await createEmployee(lt, admin, { unitId: unit.id, name: 'Sulastri Handayani' });
    lines.length = 0;
    // Pages: the forms are POSTs; a GET carrying the text is refused with advice.
    expect((await app.inject({ method: 'GET', url: '/pegawai', cookies: admin.cookies })).body).toMatch(
      /<form method="post" action="\/pegawai\/cari"[^>]*data-testid="employee-filter"/,
    );
    expect((await app.inject({ method: 'GET', url: '/pengguna', cookies: admin.cookies })).body).toMatch(
      /<form method="post" action="\/pengguna\/cari"[^>]*data-testid="users-search"/,
    );
    for (const url of [`/pegawai?q=${e.nip}`, '/pengguna?q=Sulastri%20Handayani']) {
      const res = await app.inject({ method: 'GET', url, cookies: admin.cookies });
      expect(res.statusCode, url).toBe(400);
      expect(res.body).toContain('tidak diterima lewat alamat halaman');
    }
    const staffPage = await app.inject({
      method: 'POST',
      url: '/pegawai/cari',
      cookies: admin.cookies,
      payload: { _csrf: admin.csrf, q: e.nip.slice(0, 8) },
    });
    expect(staffPage.statusCode).toBe(200);
    expect(staffPage.body).toContain('Sulastri Handayani');
    const usersPage = await app.inject({
      method: 'POST',
      url: '/pengguna/cari',
      cookies: admin.cookies,
      payload: { _csrf: admin.csrf, q: 'Sulastri' },
    });
    expect(usersPage.statusCode).toBe(200);
    expect(usersPage.body).toContain('Sulastri Handayani');
    // API: the same, with the way to search named in the refusal.
    for (const [url, post] of [
      [`/api/v1/employees?q=${e.nip}`, '/api/v1/employees/search'],
      ['/api/v1/users?q=Sulastri', '/api/v1/users/search'],
    ]) {
      const res = await app.inject({ method: 'GET', url: url!, headers: admin.auth });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.message).toContain(`POST ${post}`);
    }
    const found = await app.inject({
      method: 'POST',
      url: '/api/v1/employees/search',
      headers: admin.auth,
      payload: { q: e.nip },
    });
    expect(found.json().items.map((x: { id: number }) => x.id)).toEqual([e.id]);
    const users = await app.inject({
      method: 'POST',
      url: '/api/v1/users/search',
      headers: admin.auth,
      payload: { q: 'Sulastri' },
    });
    expect(users.json().items.map((x: { full_name: string }) => x.full_name)).toEqual(['Sulastri Handayani']);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.includes(e.nip) || l.includes('Sulastri'))).toEqual([]);
  });

  it('a sealed search expires after 30 minutes and belongs to one account and one list', () => {
    let now = Date.UTC(2026, 0, 1);
    const sealer = createSearchSealer(Buffer.alloc(32, 7), () => now);
    const token = sealer.seal(5, 'warga', '3574010101010001');
    expect(token).not.toContain('3574');
    expect(sealer.open(5, 'warga', token)).toBe('3574010101010001');
    expect(sealer.open(6, 'warga', token)).toBeNull();
    expect(sealer.open(5, 'pegawai', token)).toBeNull();
    now += SEARCH_TOKEN_TTL_MS + 1;
    expect(sealer.open(5, 'warga', token)).toBeNull();
  });
});
