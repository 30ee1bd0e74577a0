// E-Surat search over the PDF's text layer (issue 15 item 3): a word only in the PDF finds the naskah for those
// who may see it and for nobody else; the result says it was found in the document text; a scan without a
// text layer registers (its text recorded as empty); a damaged file is refused by the content check as before,
// or — when it passes that check (ends in %%EOF) yet PDF.js cannot parse it — registers with its text "gagal".
import { randomBytes } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createEmployee, createUnit, type TestEmployee } from '../helpers/staff.js';
import { PHOTO_JPEG, pdfkitPdf } from '../helpers/uploads.js';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['createUser']>>;
let unitA: number, unitB: number;
let tuA: TestEmployee, staffA: TestEmployee, headA: TestEmployee, staffB: TestEmployee;
const word = () => `kata${randomBytes(5).toString('hex')}`;
const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

const body = (unitId: number, pdf: Buffer, extra: Record<string, unknown> = {}) => ({
  idempotencyKey: `k${randomBytes(8).toString('hex')}`,
  unitId,
  senderInstansi: 'Badan Pendapatan Daerah',
  senderNumber: `900/${randomBytes(3).toString('hex')}/2026`,
  senderDate: today(),
  receivedDate: today(),
  perihal: 'Penyampaian laporan realisasi',
  classificationCode: '000.1',
  urgency: 'biasa',
  securityClass: 'biasa',
  kindCode: 'surat_biasa',
  pdf: pdf.toString('base64'),
  ...extra,
});
const register = (who: TestEmployee, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/naskah', headers: who.auth, payload });
const search = async (who: { auth: Record<string, string> }, q: string) =>
  (await t.app.inject({ method: 'POST', url: '/api/v1/naskah/search', headers: who.auth, payload: { q } })).json() as {
    items: { id: number; perihal: string; matchedIn: string[] }[];
  };
const textRow = async (naskahId: number) =>
  (
    await sql<{ status: string; body: string; pages_read: number }>`
      select status, body, pages_read from naskah_texts where naskah_id = ${naskahId}`.execute(t.db)
  ).rows;

/** A PDF with one picture and no text at all: what a scanner without OCR makes. */
function imageOnlyPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.image(PHOTO_JPEG, { width: 400 });
  doc.end();
  return done;
}

beforeAll(async () => {
  t = await createTestApp();
  const area = await t.createArea();
  admin = await t.createUser('admin_kota', area.city);
  unitA = (await createUnit(t, admin, { name: 'Dinas Pendidikan' })).id;
  unitB = (await createUnit(t, admin, { name: 'Dinas Kesehatan' })).id;
  headA = await createEmployee(t, admin, { unitId: unitA, head: true });
  tuA = await createEmployee(t, admin, { unitId: unitA });
  staffA = await createEmployee(t, admin, { unitId: unitA });
  staffB = await createEmployee(t, admin, { unitId: unitB });
  await t.services.correspondence.addDesk(admin.ctx, unitA, tuA.nip);
});
afterAll(() => t.close());

describe('the text layer in search', () => {
  it('a word only in the PDF finds the naskah for those who may see it, and says it was found in the text', async () => {
    const secret = word();
    const pdf = await pdfkitPdf(`Dengan hormat, bersama ini kami sampaikan ${secret} untuk ditindaklanjuti.`);
    const res = await register(tuA, body(unitA, pdf));
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    expect(await textRow(id)).toEqual([expect.objectContaining({ status: 'ada', pages_read: 1 })]);
    expect((await textRow(id))[0]!.body).toContain(secret);

    for (const who of [staffA, headA, tuA, admin]) {
      const r = await search(who, secret);
      expect(r.items.map((x) => x.id)).toEqual([id]);
      expect(r.items[0]!.matchedIn).toEqual(['isi']);
    }
    expect((await search(staffB, secret)).items).toEqual([]);
    // A query of punctuation only finds nothing (not every text of the unit).
    expect((await search(staffA, '!!! ---')).items).toEqual([]);
    // Metadata still matches, and says so.
    const meta = await search(staffA, 'realisasi');
    expect(meta.items.find((x) => x.id === id)?.matchedIn).toEqual(['metadata']);

    // The page: the marker for the viewer who may see it; for another unit's staff nothing (no perihal, no text).
    const page = await t.app.inject({
      method: 'POST',
      url: '/surat/masuk/cari',
      cookies: staffA.cookies,
      payload: { _csrf: staffA.csrf, q: secret },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`data-testid="naskah-found-in-text-${id}"`);
    expect(page.body).toContain('Ditemukan di isi dokumen');
    const other = await t.app.inject({
      method: 'POST',
      url: '/surat/masuk/cari',
      cookies: staffB.cookies,
      payload: { _csrf: staffB.csrf, q: secret },
    });
    expect(other.statusCode).toBe(200);
    expect(other.body).not.toContain(`naskah-row-${id}`);
    expect(other.body).not.toContain('Penyampaian laporan realisasi');
    expect(other.body).toContain('data-testid="naskah-none"');
  });

  it('a rahasia naskah found by its text: its unit head yes, its staff and the city admin no', async () => {
    const secret = word();
    const res = await register(
      tuA,
      body(unitA, await pdfkitPdf(`Isi rahasia ${secret}`), { securityClass: 'rahasia' }),
    );
    const id = res.json().id as number;
    expect((await search(headA, secret)).items.map((x) => x.id)).toEqual([id]);
    expect((await search(tuA, secret)).items.map((x) => x.id)).toEqual([id]);
    expect((await search(staffA, secret)).items).toEqual([]);
    expect((await search(admin, secret)).items).toEqual([]);
  });

  it('metadata and text both matching rank above a text-only match, and one row per naskah', async () => {
    const w = word();
    const textOnly = (await register(tuA, body(unitA, await pdfkitPdf(`Lampiran ${w} ${w}`)))).json().id as number;
    const both = (
      await register(tuA, body(unitA, await pdfkitPdf(`Perihal ${w}`), { perihal: `Undangan ${w}` }))
    ).json().id as number;
    const r = await search(staffA, w);
    expect(r.items.map((x) => x.id)).toEqual([both, textOnly]);
    expect(r.items[0]!.matchedIn).toEqual(['metadata', 'isi']);
    // The two ways search-repo.ts chooses between by the word's statistics give the same rows in the same order.
    const v = await t.services.correspondence.viewer(staffA.ctx);
    for (const way of ['walk', 'gin'] as const) {
      const rows = await t.services.correspondence.search.search(
        v,
        { userId: 0, q: w, limit: 51, offset: 0 },
        { meta: way, text: way },
      );
      expect(
        rows.map((x) => [x.id, x.in_meta, x.in_text]),
        way,
      ).toEqual([
        [both, true, true],
        [textOnly, false, true],
      ]);
    }
  });

  it('a scan without a text layer registers; its text is recorded as empty; metadata search finds it', async () => {
    const perihal = `Pindaian tanpa teks ${word()}`;
    const res = await register(tuA, body(unitA, await imageOnlyPdf(), { perihal }));
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    expect(await textRow(id)).toEqual([{ status: 'kosong', body: '', pages_read: 1 }]);
    const detail = await t.app.inject({ method: 'GET', url: `/surat/masuk/${id}`, headers: tuA.auth });
    expect(detail.body).toContain('data-testid="naskah-text-status"');
    expect(detail.body).toContain('tidak memiliki lapisan teks');
    expect((await search(staffA, perihal.split(' ').pop()!)).items.map((x) => x.id)).toEqual([id]);
  });

  it('a damaged file: without %%EOF refused by the content check; with it, registered with its text "gagal"', async () => {
    const noEnd = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nrusak rusak rusak\n');
    const refused = await register(tuA, body(unitA, noEnd));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.fields).toEqual([expect.objectContaining({ field: 'pdf' })]);

    const perihal = `Berkas rusak ${word()}`;
    const garbled = Buffer.from(`%PDF-1.7\n${randomBytes(300).toString('hex')}\n%%EOF\n`);
    const res = await register(tuA, body(unitA, garbled, { perihal }));
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    expect(await textRow(id)).toEqual([{ status: 'gagal', body: '', pages_read: 0 }]);
    expect((await search(staffA, perihal.split(' ').pop()!)).items.map((x) => x.id)).toEqual([id]);
  });
});
