// The signed SKP and evaluation PDFs (issue 16, item 5): the appraiser signs an agreed SKP and a saved evaluation;
// the PDF downloads for the employee, the appraiser, a head above and the city admin — the same stored bytes each
// time, each download audited — and for nobody else (404); /v/<code> answers ASLI and the file check accepts the
// file; its text carries the names, NIPs, targets, expectations and the predikat; a signed evaluation is final.
import { sql } from 'kysely';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.js';
import { BERAKHLAK } from '../../src/modules/skp/policy.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createEmployee, createUnit, type TestEmployee } from '../helpers/staff.js';

const clock = fixedClock('2026-12-02T03:00:00Z');
let t: TestApp;
let admin: Awaited<ReturnType<TestApp['createUser']>>;
let otherAdmin: Awaited<ReturnType<TestApp['createUser']>>;
let kadis: TestEmployee;
let kabid: TestEmployee;
let staff: TestEmployee;
let outsider: TestEmployee;
let skpId = 0;
let resultId = 0;

type Who = { cookies: Record<string, string>; csrf: string };
const form = (who: Who, url: string, fields: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    cookies: who.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
  });
const page = (who: Who, url: string) => t.app.inject({ method: 'GET', url, cookies: who.cookies });

async function pdfText(pdf: Buffer) {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: true });
  return text.replace(/\s+/g, ' ');
}
const docOf = async (kind: 'skp' | 'evaluasi') =>
  (
    await sql<{ id: number; verify_code: string; sha256: string }>`
      select id, verify_code, sha256 from skp_documents where skp_id = ${skpId} and kind = ${kind}`.execute(t.db)
  ).rows;

beforeAll(async () => {
  t = await createTestApp({ clock });
  const area = await t.createArea();
  admin = await t.createUser('admin_kota', area.city);
  otherAdmin = await t.createUser('admin_kota', (await t.createArea()).city);
  const opd = await createUnit(t, admin, { name: 'Dinas Komunikasi dan Informatika' });
  const bid = await createUnit(t, admin, { parentId: opd.id, name: 'Bidang Persandian' });
  const bid2 = await createUnit(t, admin, { parentId: opd.id, name: 'Bidang Statistik' });
  kadis = await createEmployee(t, admin, { unitId: opd.id, name: 'Kepala Dinas Kominfo', head: true });
  kabid = await createEmployee(t, admin, { unitId: bid.id, name: 'Kabid Persandian', head: true });
  staff = await createEmployee(t, admin, { unitId: bid.id, name: 'Siti Rahayu' });
  outsider = await createEmployee(t, admin, { unitId: bid2.id, name: 'Staf Statistik' });

  const S = t.services.skp;
  skpId = await S.create(staff.ctx, 2026);
  resultId = await S.addResult(staff.ctx, skpId, { kind: 'utama', text: 'Terkelolanya sertifikat elektronik' });
  await S.addIndicator(staff.ctx, skpId, {
    resultId,
    text: 'Jumlah sertifikat yang diterbitkan',
    aspect: 'kuantitas',
    target: '240',
    unitLabel: 'sertifikat',
  });
  await S.setExpectations(kabid.ctx, skpId, { akuntabel: 'Melaporkan penerbitan setiap pekan' });
  await S.submit(staff.ctx, skpId);
  await S.agree(kabid.ctx, skpId);
  await t.services.skpEval.setOrgRating(kadis.ctx, bid.id, 2026, 'istimewa');
});
afterAll(async () => {
  await t.close();
});

describe('the signed SKP document', () => {
  it('only the appraiser (or a head above) signs; the employee cannot', async () => {
    expect((await form(staff, `/skp/${skpId}/dokumen`)).statusCode).toBe(403);
    expect((await form(outsider, `/skp/${skpId}/dokumen`)).statusCode).toBe(404);
    const page1 = await page(kabid, `/skp/${skpId}`);
    expect(page1.body).toContain('data-testid="skp-doc-sign"');
    const r = await form(kabid, `/skp/${skpId}/dokumen`);
    expect(r.statusCode, r.body.slice(0, 1500)).toBe(303);
    // A second click signs nothing new.
    expect((await form(kabid, `/skp/${skpId}/dokumen`)).statusCode).toBe(303);
    expect(await docOf('skp')).toHaveLength(1);
  });

  it('downloads the same signed bytes for the employee, appraiser, head above and admin; others get 404', async () => {
    const [doc] = await docOf('skp');
    const mine = await page(staff, `/skp/${skpId}`);
    expect(mine.body).toContain(`href="/skp/dokumen/${doc!.id}"`);
    const first = await page(staff, `/skp/dokumen/${doc!.id}`);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.headers['x-content-sha256']).toBe(doc!.sha256);
    for (const who of [kabid, kadis, admin, staff]) {
      const again = await page(who, `/skp/dokumen/${doc!.id}`);
      expect(again.statusCode).toBe(200);
      expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
    }
    for (const who of [outsider, otherAdmin]) expect((await page(who, `/skp/dokumen/${doc!.id}`)).statusCode).toBe(404);
    const audited = await sql<{ n: string }>`
      select count(*) as n from audit_log where action = 'skp.document_downloaded' and entity_id = ${String(doc!.id)}`.execute(
      t.db,
    );
    expect(Number(audited.rows[0]!.n)).toBe(5);

    // /v/<code> answers ASLI, and the file passes the check.
    const v = await t.app.inject({ method: 'GET', url: `/v/${doc!.verify_code}` });
    expect(v.statusCode).toBe(200);
    expect(v.body).toMatch(/verify-status"[^>]*>ASLI/);
    const check = await t.services.letters.checkFile(doc!.verify_code, first.rawPayload);
    expect(check?.file).toMatchObject({ authentic: true });
    const changed = Buffer.from(first.rawPayload);
    changed[200] = changed[200]! ^ 1;
    expect((await t.services.letters.checkFile(doc!.verify_code, changed))?.file.authentic).toBe(false);

    const text = await pdfText(first.rawPayload);
    expect(text).toContain('SASARAN KINERJA PEGAWAI');
    expect(text).toContain('DINAS KOMUNIKASI DAN INFORMATIKA');
    expect(text).toContain(staff.nip);
    expect(text).toContain(kabid.nip);
    expect(text).toContain('Siti Rahayu');
    expect(text).toContain('Terkelolanya sertifikat elektronik');
    expect(text).toContain('target 240 sertifikat');
    expect(text).toContain('Melaporkan penerbitan setiap pekan');
    expect(text).toContain('2 Desember 2026');
    expect(text).toContain(`/v/${doc!.verify_code}`);
  });
});

describe('the signed evaluation document', () => {
  const ratings = (r: string) => ({
    period: '2026',
    [`r_${resultId}`]: r,
    ...Object.fromEntries(BERAKHLAK.map((c) => [`b_${c}`, r])),
  });

  it('cannot be signed before an evaluation is saved', async () => {
    const r = await form(kabid, `/skp/${skpId}/evaluasi/dokumen`, { period: '2026' });
    expect(r.statusCode).toBe(409);
    expect(r.body).toContain('Belum ada evaluasi tersimpan');
  });

  it('carries the ratings, the predikat, the org rating and both NIPs; once signed it is final', async () => {
    expect((await form(kabid, `/skp/${skpId}/evaluasi`, ratings('di_atas'))).statusCode).toBe(303);
    const evalPage = await page(kabid, `/skp/${skpId}/evaluasi?periode=2026`);
    expect(evalPage.body).toContain('data-testid="skp-doc-sign-eval"');
    expect((await form(staff, `/skp/${skpId}/evaluasi/dokumen`, { period: '2026' })).statusCode).toBe(403);
    expect((await form(outsider, `/skp/${skpId}/evaluasi/dokumen`, { period: '2026' })).statusCode).toBe(404);
    const r = await form(kabid, `/skp/${skpId}/evaluasi/dokumen`, { period: '2026' });
    expect(r.statusCode, r.body.slice(0, 1500)).toBe(303);
    expect(r.headers.location).toBe(`/skp/${skpId}/evaluasi?periode=2026`);

    const [doc] = await docOf('evaluasi');
    const res = await page(staff, `/skp/dokumen/${doc!.id}`);
    expect(res.statusCode).toBe(200);
    expect((await page(outsider, `/skp/dokumen/${doc!.id}`)).statusCode).toBe(404);
    const v = await t.app.inject({ method: 'GET', url: `/v/${doc!.verify_code}` });
    expect(v.body).toMatch(/verify-status"[^>]*>ASLI/);
    expect((await t.services.letters.checkFile(doc!.verify_code, res.rawPayload))?.file).toMatchObject({
      authentic: true,
    });
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('EVALUASI KINERJA PEGAWAI');
    expect(text).toContain('SANGAT BAIK');
    expect(text).toContain('Di atas ekspektasi');
    expect(text).toContain('Istimewa');
    expect(text).toContain(staff.nip);
    expect(text).toContain(kabid.nip);

    // The employee's page lists both documents.
    const mine = (await page(staff, `/skp/${skpId}`)).body;
    expect(mine).toContain('data-testid="skp-doc-evaluasi-2026"');
    expect(mine).toContain('data-testid="skp-doc-skp-2026"');

    // Final: a new rating is refused and the predikat stays.
    const again = await form(kabid, `/skp/${skpId}/evaluasi`, ratings('di_bawah'));
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('sudah ditandatangani');
    const row = await sql<{ predikat: string }>`
      select predikat from skp_evaluations where skp_id = ${skpId} and period = '2026'`.execute(t.db);
    expect(row.rows[0]!.predikat).toBe('sangat_baik');
  });
});
