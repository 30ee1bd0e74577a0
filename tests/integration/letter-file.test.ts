// A file that proves itself: the letter PDF carries a signature inside the
// file by the city's registered certificate; /v/<code> shows the whole signed
// content and answers, for an uploaded PDF, whether it is exactly the file
// issued for that code. Codes are accepted in any case, here and on /lacak.
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSelfIssuedCertificate } from '../../src/kernel/pdf-certificate.js';
import { signPdf, verifyPdfSignature } from '../../src/kernel/pdf-signature.js';
import { pdfBuffer } from '../../src/lib/pdf.js';
import { createTestApp, testPdfCertificate, type TestApp } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { createChain, PNG, submitBody } from '../helpers/requests.js';
import { expectNoWordOf } from '../helpers/words.js';

let t: TestApp;
let c: Awaited<ReturnType<typeof createChain>>;
const letters: { requestId: number; verifyCode: string; trackingCode: string; pdf: Buffer }[] = [];
let resident: { name: string; nik: string; nikMasked: string };

type Who = { auth: Record<string, string> };
const get = (url: string, who?: Who) => t.app.inject({ method: 'GET', url, ...(who ? { headers: who.auth } : {}) });
const act = (who: Who, id: number, action: string) =>
  t.app.inject({ method: 'POST', url: `/api/v1/requests/${id}/actions`, headers: who.auth, payload: { action } });

async function issueLetter() {
  const sub = await t.app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: c.rt.auth,
    payload: submitBody(c.residentId, 'domisili'),
  });
  expect(sub.statusCode, sub.body).toBe(201);
  const { id, trackingCode } = sub.json();
  expect((await act(c.rw, id, 'approve')).statusCode).toBe(200);
  expect((await act(c.lurah, id, 'approve')).json()).toEqual({ status: 'completed', stage: null });
  const verifyCode = (await get(`/api/v1/requests/${id}`, c.lurah)).json().letter.verifyCode as string;
  const res = await get(`/layanan/${id}/surat.pdf`, c.lurah);
  expect(res.statusCode).toBe(200);
  return { requestId: id as number, verifyCode, trackingCode: trackingCode as string, pdf: res.rawPayload };
}

/** Uploads a file through the page's own form, as a browser without JavaScript would. */
async function upload(code: string, file: { content: Buffer; type?: string; filename?: string } | null) {
  const page = await get(`/v/${code}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const anon = page.cookies.find((k) => k.name === 'pamong_anon')?.value ?? '';
  const body = multipart(
    { _csrf: csrf },
    file
      ? [
          {
            name: 'file',
            filename: file.filename ?? 'surat.pdf',
            type: file.type ?? 'application/pdf',
            content: file.content,
          },
        ]
      : [],
  );
  return t.app.inject({ method: 'POST', url: `/v/${code}`, cookies: { pamong_anon: anon }, ...body });
}

const fileStatus = (body: string) => /data-testid="file-status"[^>]*>\s*([^<]+?)\s*</.exec(body)?.[1];
const fileMessage = (body: string) => /data-testid="file-message"[^>]*>\s*([^<]+?)\s*</.exec(body)?.[1] ?? '';

beforeAll(async () => {
  t = await createTestApp();
  c = await createChain(t);
  letters.push(await issueLetter(), await issueLetter());
  const full = await t.services.residents.viewFull(c.admin.ctx, c.residentId);
  resident = { name: full.full_name, nik: full.nik, nikMasked: full.nik_masked };
});
afterAll(async () => {
  await t.close();
});

describe('the letter PDF is signed inside the file', () => {
  it('by the city’s certificate, registered before its first signature, tied to its letter', async () => {
    const { pdf, verifyCode } = letters[0]!;
    const check = verifyPdfSignature(pdf);
    expect(check).toMatchObject({ ok: true, fingerprint: testPdfCertificate().fingerprint });
    if (!check.ok) return;
    expect(check.info.reason).toMatch(/^Tanda tangan elektronik tidak tersertifikasi \(PP 71\/2019\) oleh Pemerintah /);
    expect(check.info.contactInfo).toBe(`${t.config.publicUrl}/v/${verifyCode}`);
    const row = await t.db
      .selectFrom('letter_certificates')
      .selectAll()
      .where('fingerprint', '=', check.fingerprint)
      .executeTakeFirst();
    expect(row).toMatchObject({ certified: false, retired_at: null });
    expect(row!.certificate_pem).toBe(testPdfCertificate().certificatePem);
  });
});

describe('uploading a PDF to /v/<code>', () => {
  it('the original file: ASLI', async () => {
    const { verifyCode, pdf } = letters[0]!;
    const res = await upload(verifyCode, { content: pdf });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(fileStatus(res.body)).toBe('ASLI');
    expect(fileMessage(res.body)).toContain(verifyCode);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('one byte of its content changed: TIDAK VALID, changed after signing', async () => {
    const { verifyCode, pdf } = letters[0]!;
    const edited = Buffer.from(pdf);
    const at = edited.indexOf('stream\n') + 20; // inside the first (compressed) content stream
    edited[at] = edited[at]! ^ 0x01;
    const res = await upload(verifyCode, { content: edited });
    expect(res.statusCode).toBe(200);
    expect(fileStatus(res.body)).toBe('TIDAK VALID');
    expect(fileMessage(res.body)).toContain('diubah setelah ditandatangani');
  });

  it('bytes appended after the signature (an incremental update): TIDAK VALID, changed after signing', async () => {
    const { verifyCode, pdf } = letters[0]!;
    const update = Buffer.from('\n99 0 obj\n<< /Subject (LAIN) >>\nendobj\ntrailer\n<< /Size 100 >>\n%%EOF\n');
    const res = await upload(verifyCode, { content: Buffer.concat([pdf, update]) });
    expect(fileStatus(res.body)).toBe('TIDAK VALID');
    expect(fileMessage(res.body)).toContain('diubah setelah ditandatangani');
  });

  it('another letter’s genuine PDF: TIDAK VALID, it belongs to another letter', async () => {
    const res = await upload(letters[0]!.verifyCode, { content: letters[1]!.pdf });
    expect(fileStatus(res.body)).toBe('TIDAK VALID');
    expect(fileMessage(res.body)).toContain('surat lain');
    // …and it is ASLI on its own letter's page.
    expect(fileStatus((await upload(letters[1]!.verifyCode, { content: letters[1]!.pdf })).body)).toBe('ASLI');
  });

  it('the same content signed by another certificate: TIDAK VALID, not this city’s', async () => {
    const { verifyCode, pdf } = letters[0]!;
    // Someone re-signs the file with a certificate of their own that copies the city's name.
    const forged = await signPdf(pdf, generateSelfIssuedCertificate('Pemerintah Kota Uji').cert, {
      reason: 'x',
      name: 'Pemerintah Kota Uji',
      location: 'x',
      contactInfo: `${t.config.publicUrl}/v/${verifyCode}`,
    });
    const res = await upload(verifyCode, { content: forged });
    expect(fileStatus(res.body)).toBe('TIDAK VALID');

    const doc = new PDFDocument();
    const done = pdfBuffer(doc);
    doc.text('Surat palsu');
    doc.end();
    const alone = await signPdf(await done, generateSelfIssuedCertificate('Pemerintah Kota Uji').cert, {
      reason: 'x',
      name: 'x',
      location: 'x',
      contactInfo: `${t.config.publicUrl}/v/${verifyCode}`,
    });
    const res2 = await upload(verifyCode, { content: alone });
    expect(fileStatus(res2.body)).toBe('TIDAK VALID');
    expect(fileMessage(res2.body)).toContain('tidak ditandatangani dengan sertifikat pemerintah kota ini');
  });

  it('a PDF without a signature: TIDAK VALID, no signature', async () => {
    const doc = new PDFDocument();
    const done = pdfBuffer(doc);
    doc.text('Surat tanpa tanda tangan');
    doc.end();
    const res = await upload(letters[0]!.verifyCode, { content: await done });
    expect(fileStatus(res.body)).toBe('TIDAK VALID');
    expect(fileMessage(res.body)).toContain('tidak bertanda tangan elektronik');
  });

  it('not a PDF, no file, or too large: the form says what to do, judged by content not by name', async () => {
    const code = letters[0]!.verifyCode;
    const png = await upload(code, { content: PNG, filename: 'surat.pdf', type: 'application/pdf' });
    expect(png.statusCode).toBe(400);
    expect(png.body).toContain('data-testid="error-summary"');
    expect(png.body).toContain('Berkas ini bukan PDF');
    expect(png.body).not.toContain('data-testid="file-status"');
    const none = await upload(code, null);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Pilih berkas PDF surat yang akan diperiksa.');
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2 * 1024 * 1024 + 10, 0x20)]);
    const large = await upload(code, { content: big });
    expect(large.statusCode).toBe(400);
    expect(large.body).toContain('lebih besar dari 2 MB');
  });

  it('without the form’s token the upload is refused', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/v/${letters[0]!.verifyCode}`,
      ...multipart({}, [{ name: 'file', filename: 'a.pdf', type: 'application/pdf', content: letters[0]!.pdf }]),
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('/v/<code> shows the whole signed content', () => {
  it('type, number, Indonesian dates, masked name and NIK, the statement, the signer and the kind of signature', async () => {
    const { verifyCode, requestId } = letters[0]!;
    const res = await get(`/v/${verifyCode}`);
    expect(res.statusCode).toBe(200);
    const letter = (await get(`/api/v1/requests/${requestId}`, c.lurah)).json().letter;
    expect(res.body).toContain(letter.number);
    expect(res.body).toContain('Surat Keterangan Domisili');
    expect(res.body).toContain(resident.nikMasked);
    expect(res.body).toContain('Uji lurah');
    expect(res.body).toContain('Melamar pekerjaan');
    expect(res.body).toMatch(/data-testid="verify-text"/);
    expect(res.body).toMatch(
      /\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}/,
    );
    expect(res.body).toContain('tidak tersertifikasi (PP 71/2019)');
    expect(res.body).toContain('data-testid="verify-file-form"');
    // Personal data only masked, and no ISO date on the page.
    expect(res.body).not.toContain(resident.nik);
    expectNoWordOf(res.body, resident.name);
    const visible = res.body.replace(/<[^>]+>/g, ' ');
    expect(visible).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);

    const api = (await get(`/api/v1/letters/${verifyCode}/verify`)).json();
    expect(api.signatureKind).toBe('uncertified');
    expect(api.content).toContainEqual({ label: 'Keperluan', value: 'Melamar pekerjaan' });
    expect(JSON.stringify(api)).not.toContain(resident.nik);
  });
});

describe('codes in any case', () => {
  it('/v/<code> in lower case, with spaces or hyphens, answers ASLI, page and API, and checks files', async () => {
    const { verifyCode, pdf } = letters[0]!;
    const lower = verifyCode.toLowerCase();
    const res = await get(`/v/${lower}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/data-testid="verify-status"[^>]*>\s*ASLI\s*</);
    const spaced = `${lower.slice(0, 4)}-${lower.slice(4, 8)}%20${lower.slice(8)}`;
    expect((await get(`/v/${spaced}`)).body).toMatch(/data-testid="verify-status"[^>]*>\s*ASLI\s*</);
    expect((await get(`/api/v1/letters/${lower}/verify`)).json()).toMatchObject({ authentic: true });
    expect(fileStatus((await upload(lower, { content: pdf })).body)).toBe('ASLI');
  });

  it('/lacak/<code> in lower case shows the request, never "Wilayah tidak valid"', async () => {
    const { trackingCode } = letters[0]!;
    const lower = trackingCode.toLowerCase();
    const page = await get(`/lacak/${lower}`);
    expect(page.statusCode, page.body.slice(0, 400)).toBe(200);
    expect(page.body).toContain('data-testid="tracked"');
    expect(page.body).toContain(trackingCode);
    expect(page.body).not.toContain('Wilayah tidak valid');
    const form = await get(`/lacak?kode=${encodeURIComponent(` ${lower.slice(0, 5)}-${lower.slice(5)} `)}`);
    expect(form.statusCode).toBe(303);
    expect(form.headers.location).toBe(`/lacak/${trackingCode}`);
    expect((await get(`/api/v1/track/${lower}`)).json()).toMatchObject({ trackingCode });
    const bad = await get(`/lacak/${encodeURIComponent('<b>x</b>')}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toContain('Wilayah');
    expect(bad.body).not.toContain('<b>x</b>');
  });
});
