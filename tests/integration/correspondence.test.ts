// E-Surat (issue 15, items 2, 3 and the agenda book): the TU desk registers incoming naskah with gapless
// agenda numbers per unit and year, a likely duplicate is a warning the TU confirms, another unit's naskah and
// rahasia ones stay hidden (404 by URL, PDF too), search is scoped, the agenda book exports its rows, and a
// file that is not a clean PDF is refused with a clear message.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { createEmployee, createUnit, type TestEmployee } from '../helpers/staff.js';
import { PHOTO_JPEG, pdfkitPdf } from '../helpers/uploads.js';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['createUser']>>;
let pdf: Buffer;
let year: string;
const units: Record<'a' | 'b' | 'c', { id: number; code: string }> = {} as never;
let headA: TestEmployee, tuA: TestEmployee, staffA: TestEmployee, headB: TestEmployee, staffB: TestEmployee;
let tuC: TestEmployee;

const key = () => `k${randomBytes(8).toString('hex')}`;
const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const body = (unitId: number, extra: Record<string, unknown> = {}) => ({
  idempotencyKey: key(),
  unitId,
  senderInstansi: 'Dinas Pendidikan Provinsi',
  senderName: 'Kepala Dinas',
  senderNumber: `005/${randomBytes(3).toString('hex')}/2026`,
  senderDate: today(),
  receivedDate: today(),
  perihal: 'Undangan rapat koordinasi',
  classificationCode: '000.1',
  urgency: 'segera',
  securityClass: 'biasa',
  kindCode: 'undangan',
  pdf: pdf.toString('base64'),
  ...extra,
});
async function register(who: { auth: Record<string, string> }, payload: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/naskah', headers: who.auth, payload });
}
const listOf = async (who: { auth: Record<string, string> }) =>
  (
    (await t.app.inject({ method: 'GET', url: '/api/v1/naskah', headers: who.auth })).json() as {
      items: { id: number; perihal: string }[];
    }
  ).items;

beforeAll(async () => {
  t = await createTestApp();
  const area = await t.createArea();
  admin = await t.createUser('admin_kota', area.city);
  pdf = await pdfkitPdf('Surat undangan rapat koordinasi');
  year = today().slice(0, 4);
  for (const k of ['a', 'b', 'c'] as const) {
    const u = await createUnit(t, admin, { name: `Dinas ${k.toUpperCase()}` });
    units[k] = { id: u.id, code: u.path.split('/').pop()! };
  }
  headA = await createEmployee(t, admin, { unitId: units.a.id, head: true });
  tuA = await createEmployee(t, admin, { unitId: units.a.id });
  staffA = await createEmployee(t, admin, { unitId: units.a.id });
  headB = await createEmployee(t, admin, { unitId: units.b.id, head: true });
  staffB = await createEmployee(t, admin, { unitId: units.b.id });
  tuC = await createEmployee(t, admin, { unitId: units.c.id });
  // The admin sets the TU desks on the page (form post with CSRF).
  for (const [unit, person] of [
    [units.a.id, tuA],
    [units.c.id, tuC],
  ] as const) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/surat/meja-tu',
      cookies: admin.cookies,
      payload: { _csrf: admin.csrf, unitId: String(unit), employeeNumber: person.nip },
    });
    expect(res.statusCode, res.body).toBe(303);
  }
});
afterAll(() => t.close());

describe('TU desks', () => {
  it('the admin sees them on the page; staff are refused', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/surat/meja-tu', headers: admin.auth });
    expect(page.body).toContain(`desk-row-${units.a.id}-${tuA.id}`);
    const again = await t.app.inject({
      method: 'POST',
      url: '/surat/meja-tu',
      cookies: admin.cookies,
      payload: { _csrf: admin.csrf, unitId: String(units.a.id), employeeNumber: tuA.nip },
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('sudah menjadi petugas TU');
    expect((await t.app.inject({ method: 'GET', url: '/surat/meja-tu', headers: staffA.auth })).statusCode).toBe(403);
  });

  it('staff who are neither TU nor head cannot register for their unit', async () => {
    const res = await register(staffA, body(units.a.id));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields[0].field).toBe('unitId');
    const page = await t.app.inject({ method: 'GET', url: '/surat/masuk/baru', headers: staffA.auth });
    expect(page.body).toContain('data-testid="naskah-no-units"');
  });
});

describe('registering incoming naskah', () => {
  it('agenda numbers 1, 2 per unit and year; another unit has its own series; a resend is the same naskah', async () => {
    const first = await register(tuA, body(units.a.id));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().agendaNumber).toBe(`1/${units.a.code}/${year}`);
    const payload = body(units.a.id);
    const second = await register(headA, payload);
    expect(second.json().agendaNumber).toBe(`2/${units.a.code}/${year}`);
    const again = await register(headA, payload);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: second.json().id, duplicate: true });
    const b = await register(headB, body(units.b.id));
    expect(b.json().agendaNumber).toBe(`1/${units.b.code}/${year}`);
    // The snapshot: classification name, JRA default (unverified) and class as they were at registration.
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/naskah/${first.json().id}`, headers: tuA.auth });
    expect(detail.json().naskah).toMatchObject({
      classification: { code: '000.1', name: 'Ketatausahaan dan Kerumahtanggaan' },
      retention: { source: 'bawaan', verified: false, final: 'musnah' },
      securityClass: 'biasa',
    });
    expect(detail.json().naskah.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'naskah')
      .where('entity_id', '=', String(first.json().id))
      .execute();
    expect(audit.map((a) => a.action)).toContain('naskah.registered');
  });

  it('20 registrations at once give 20 distinct consecutive numbers', async () => {
    const res = await Promise.all(Array.from({ length: 20 }, () => register(tuC, body(units.c.id))));
    expect(res.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const seqs = res
      .map((r) => Number((r.json() as { agendaNumber: string }).agendaNumber.split('/')[0]))
      .sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_v, i) => i + 1));
  });

  it('a likely duplicate is a warning; confirmed, it is registered and points at the first', async () => {
    const first = body(units.a.id, { senderNumber: '800/77/DIKBUD/2026' });
    const a = await register(tuA, first);
    expect(a.statusCode).toBe(201);
    const twin = {
      ...first,
      idempotencyKey: key(),
      senderNumber: '800/77/dikbud/2026 ',
      senderInstansi: ' dinas pendidikan provinsi',
    };
    const warned = await register(tuA, twin);
    expect(warned.statusCode).toBe(409);
    expect(warned.json().error.message).toContain(a.json().agendaNumber);
    const confirmed = await register(tuA, { ...twin, confirmDuplicate: true });
    expect(confirmed.statusCode).toBe(201);
    const row = await t.database.pool.query('select duplicate_of_id from naskah where id = $1', [confirmed.json().id]);
    expect(row.rows[0].duplicate_of_id).toBe(a.json().id);
    // The page shows the warning with a checkbox and keeps what was typed.
    const form = multipart(
      {
        _csrf: tuA.csrf,
        ...Object.fromEntries(
          Object.entries({ ...first, idempotencyKey: key() })
            .filter(([k]) => k !== 'pdf')
            .map(([k, v]) => [k, String(v)]),
        ),
      },
      [{ name: 'pdf', filename: 'surat.pdf', type: 'application/pdf', content: pdf }],
    );
    const page = await t.app.inject({ method: 'POST', url: '/surat/masuk/baru', cookies: tuA.cookies, ...form });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('data-testid="naskah-duplicate-warning"');
    expect(page.body).toContain('800/77/DIKBUD/2026');
  });

  it('the register form works without script: multipart with CSRF, then the detail marks it read', async () => {
    const fields = { ...body(units.a.id, { perihal: 'Permohonan data kepegawaian' }) } as Record<string, unknown>;
    delete fields.pdf;
    const form = multipart(
      { _csrf: tuA.csrf, ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])) },
      [{ name: 'pdf', filename: 'scan.pdf', type: 'application/pdf', content: pdf }],
    );
    const res = await t.app.inject({ method: 'POST', url: '/surat/masuk/baru', cookies: tuA.cookies, ...form });
    expect(res.statusCode, res.body).toBe(303);
    const id = Number(/\/surat\/masuk\/(\d+)/.exec(res.headers.location as string)![1]);
    const before = await t.app.inject({ method: 'GET', url: '/surat', headers: staffA.auth });
    const unreadBefore = Number(
      /naskah-counter-unread|surat-counter-unread"[^>]*>\s*<a[^>]*>\s*<strong>(\d+)/.exec(before.body)?.[1],
    );
    const list = await t.app.inject({ method: 'GET', url: '/surat/masuk', headers: staffA.auth });
    expect(list.body).toContain(`data-testid="naskah-unread-${id}"`);
    const detail = await t.app.inject({ method: 'GET', url: `/surat/masuk/${id}`, headers: staffA.auth });
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Permohonan data kepegawaian');
    expect(detail.body).toContain(staffA.fullName);
    const after = await t.app.inject({ method: 'GET', url: '/surat', headers: staffA.auth });
    const unreadAfter = Number(/surat-counter-unread"[^>]*>\s*<a[^>]*>\s*<strong>(\d+)/.exec(after.body)?.[1]);
    expect(unreadAfter).toBe(unreadBefore - 1);
    const pdfRes = await t.app.inject({ method: 'GET', url: `/surat/masuk/${id}/pdf`, headers: staffA.auth });
    expect(pdfRes.statusCode).toBe(200);
    expect(pdfRes.headers['content-type']).toBe('application/pdf');
  });

  it('a file that is not a clean PDF is refused with a message saying what to do', async () => {
    const jpeg = await register(tuA, body(units.a.id, { pdf: PHOTO_JPEG.toString('base64') }));
    expect(jpeg.statusCode).toBe(422);
    expect(jpeg.json().error.fields).toEqual([
      expect.objectContaining({ field: 'pdf', message: expect.stringContaining('bukan PDF') }),
    ]);
    const withJs = Buffer.from(
      pdf
        .toString('latin1')
        .replace('/Type /Catalog', '/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>'),
      'latin1',
    );
    const js = await register(tuA, body(units.a.id, { pdf: withJs.toString('base64') }));
    expect(js.statusCode).toBe(422);
    expect(JSON.stringify(js.json())).toContain('JavaScript');
    const fields = { ...body(units.a.id) } as Record<string, unknown>;
    delete fields.pdf;
    const form = multipart(
      { _csrf: tuA.csrf, ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])) },
      [{ name: 'pdf', filename: 'foto.pdf', type: 'application/pdf', content: PHOTO_JPEG }],
    );
    const page = await t.app.inject({ method: 'POST', url: '/surat/masuk/baru', cookies: tuA.cookies, ...form });
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('Berkas ini bukan PDF');
  });
});

describe('who sees what', () => {
  let aId: number;
  let secretId: number;
  beforeAll(async () => {
    aId = (await register(tuA, body(units.a.id, { perihal: 'Pemberitahuan jadwal zebrakuda' }))).json().id;
    secretId = (
      await register(tuA, body(units.a.id, { perihal: 'Laporan rahasia kijangemas', securityClass: 'rahasia' }))
    ).json().id;
  });

  it("another unit's naskah is not listed and is 404 by URL, PDF included", async () => {
    expect((await listOf(staffB)).map((x) => x.id)).not.toContain(aId);
    for (const url of [
      `/api/v1/naskah/${aId}`,
      `/api/v1/naskah/${aId}/pdf`,
      `/surat/masuk/${aId}`,
      `/surat/masuk/${aId}/pdf`,
    ])
      expect((await t.app.inject({ method: 'GET', url, headers: staffB.auth })).statusCode, url).toBe(404);
    expect((await listOf(staffA)).map((x) => x.id)).toContain(aId);
    expect((await listOf(admin)).map((x) => x.id)).toContain(aId);
  });

  it('rahasia: only the unit head and its TU; hidden from staff and the city admin', async () => {
    for (const who of [staffA, admin, headB]) {
      expect((await listOf(who)).map((x) => x.id)).not.toContain(secretId);
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/v1/naskah/${secretId}/pdf`, headers: who.auth })).statusCode,
      ).toBe(404);
    }
    for (const who of [headA, tuA]) {
      expect((await listOf(who)).map((x) => x.id)).toContain(secretId);
      expect(
        (await t.app.inject({ method: 'GET', url: `/surat/masuk/${secretId}`, headers: who.auth })).statusCode,
      ).toBe(200);
    }
  });

  it('search: full text over the metadata, scoped, by POST', async () => {
    const search = (who: { auth: Record<string, string> }, q: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/naskah/search', headers: who.auth, payload: { q } });
    expect((await search(staffA, 'zebrakuda')).json().items.map((x: { id: number }) => x.id)).toEqual([aId]);
    expect((await search(staffB, 'zebrakuda')).json().items).toEqual([]);
    expect((await search(staffA, 'kijangemas')).json().items).toEqual([]);
    expect((await search(headA, 'kijangemas')).json().items.map((x: { id: number }) => x.id)).toEqual([secretId]);
    const page = await t.app.inject({
      method: 'POST',
      url: '/surat/masuk/cari',
      cookies: staffA.cookies,
      payload: { _csrf: staffA.csrf, q: 'zebrakuda' },
    });
    expect(page.body).toContain(`naskah-row-${aId}`);
    const other = await t.app.inject({
      method: 'POST',
      url: '/surat/masuk/cari',
      cookies: staffB.cookies,
      payload: { _csrf: staffB.csrf, q: 'zebrakuda' },
    });
    expect(other.body).not.toContain(`naskah-row-${aId}`);
  });

  it('the agenda book: the rows in CSV, XLSX and PDF; a rahasia row masked for the city admin, never missing', async () => {
    const q = `unit=${units.a.id}&dari=${today()}&sampai=${today()}`;
    const csv = await t.app.inject({ method: 'GET', url: `/surat/agenda?${q}&format=csv`, headers: tuA.auth });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(`1/${units.a.code}/${year}`);
    expect(csv.body).toContain('Pemberitahuan jadwal zebrakuda');
    expect(csv.body).toContain('Laporan rahasia kijangemas');
    const xlsx = await t.app.inject({ method: 'GET', url: `/surat/agenda?${q}&format=xlsx`, headers: tuA.auth });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const pdfRes = await t.app.inject({ method: 'GET', url: `/surat/agenda?${q}&format=pdf`, headers: tuA.auth });
    expect(pdfRes.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const adminCsv = await t.app.inject({ method: 'GET', url: `/surat/agenda?${q}&format=csv`, headers: admin.auth });
    expect(adminCsv.body).not.toContain('kijangemas');
    expect(adminCsv.body).toContain('terbatas bagi kepala unit dan TU');
    expect(
      (await t.app.inject({ method: 'GET', url: `/surat/agenda?${q}&format=csv`, headers: staffB.auth })).statusCode,
    ).toBe(404);
    const page = await t.app.inject({ method: 'GET', url: `/surat/agenda?${q}`, headers: tuA.auth });
    expect(page.body).toContain(`agenda-row-${aId}`);
  });
});
