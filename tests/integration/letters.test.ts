// The printed letter and its public verification: the PDF carries a QR code
// that opens /v/<code>; the page says ASLI only while the stored content
// matches its signature, and shows personal data only masked.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../src/kernel/signing.js';
import { createServices } from '../../src/wiring.js';
import { hasPoppler, qrCodesOfPdf } from '../helpers/qr.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createChain, submitBody } from '../helpers/requests.js';
import { expectNoWordOf } from '../helpers/words.js';

let t: TestApp;
let c: Awaited<ReturnType<typeof createChain>>;
let requestId: number;
let verifyCode: string;
let letterNumber: string;
let resident: { name: string; nik: string; nikMasked: string };
const work = mkdtempSync(join(tmpdir(), 'pamong-letters-'));

const get = (url: string, who?: { auth: Record<string, string> }) =>
  t.app.inject({ method: 'GET', url, ...(who ? { headers: who.auth } : {}) });
const act = (who: { auth: Record<string, string> }, id: number, action: string) =>
  t.app.inject({ method: 'POST', url: `/api/v1/requests/${id}/actions`, headers: who.auth, payload: { action } });

/** Rasterises page 1 at 150 dpi, as a phone camera would see a print, and reads the QR code on it. */
const qrOf = (pdf: Buffer): string | null => qrCodesOfPdf(pdf)[0] ?? null;
const HAS_POPPLER = hasPoppler();

beforeAll(async () => {
  t = await createTestApp();
  c = await createChain(t);
  const sub = await t.app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: c.rt.auth,
    payload: submitBody(c.residentId, 'domisili'),
  });
  expect(sub.statusCode, sub.body).toBe(201);
  requestId = sub.json().id;
  expect((await act(c.rw, requestId, 'approve')).statusCode).toBe(200);
  expect((await act(c.lurah, requestId, 'approve')).json()).toEqual({ status: 'completed', stage: null });
  const detail = (await get(`/api/v1/requests/${requestId}`, c.lurah)).json();
  verifyCode = detail.letter.verifyCode;
  letterNumber = detail.letter.number;
  const full = await t.services.residents.viewFull(c.admin.ctx, c.residentId);
  resident = { name: full.full_name, nik: full.nik, nikMasked: full.nik_masked };
});
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await t.close();
});

describe('the printed letter', () => {
  it('downloads as a PDF', async () => {
    const res = await get(`/layanan/${requestId}/surat.pdf`, c.lurah);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="surat-${letterNumber.replace(/\//g, '-')}.pdf"`,
    );
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  // Reading the print back needs Debian's poppler-utils (pdftoppm, pdftotext): .ci/run installs it; without it
  // `npm test` (which needs nothing but Node) skips this one, and says so.
  it.skipIf(!HAS_POPPLER)(
    'its QR code opens the verification page and it prints the register data (needs poppler-utils)',
    async () => {
      const pdf = (await get(`/layanan/${requestId}/surat.pdf`, c.lurah)).rawPayload;
      const url = qrOf(pdf);
      expect(url).toBe(`${t.config.publicUrl}/v/${verifyCode}`);
      expect(url!.endsWith(`/v/${verifyCode}`)).toBe(true);

      // The printed text: the full NIK (read from the register at print time), the number, the signer as at signing.
      const file = join(work, 'text.pdf');
      writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
      expect(text).toContain('PEMERINTAH KOTA UJI');
      expect(text).toContain(`Nomor: ${letterNumber}`);
      expect(text).toContain('SURAT KETERANGAN DOMISILI');
      expect(text).toContain(resident.nik);
      expect(text).not.toContain(resident.nikMasked);
      expect(text).toContain(resident.name);
      expect(text).toContain('Uji lurah');
      expect(text).toContain(`Periksa keaslian: ${t.config.publicUrl}/v/${verifyCode}`);
      expect(text.replace(/\s+/g, ' ')).toContain('tanda tangan elektronik tidak tersertifikasi (PP 71/2019)');
    },
  );

  it('the API serves the same PDF', async () => {
    const res = await get(`/api/v1/requests/${requestId}/letter.pdf`, c.lurah);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('is not found for another city’s lurah, for a request without a letter, and asks an anonymous visitor to sign in', async () => {
    const other = await t.createArea();
    const otherLurah = await t.createUser('lurah', other.kec[0]!.kel[0]!.code);
    expect((await get(`/layanan/${requestId}/surat.pdf`, otherLurah)).statusCode).toBe(404);
    expect((await get(`/api/v1/requests/${requestId}/letter.pdf`, otherLurah)).statusCode).toBe(404);
    const open = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/requests',
        headers: c.rt.auth,
        payload: submitBody(c.residentId),
      })
    ).json();
    expect((await get(`/layanan/${open.id}/surat.pdf`, c.lurah)).statusCode).toBe(404);
    expect((await get(`/api/v1/requests/${requestId}/letter.pdf`)).statusCode).toBe(401);
    expect((await get(`/layanan/${requestId}/surat.pdf`)).statusCode).toBe(303);
  });
});

describe('public verification', () => {
  it('says ASLI with masked personal data only, to anyone', async () => {
    const res = await get(`/v/${verifyCode}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatch(/data-testid="verify-status"[^>]*>\s*ASLI\s*</);
    expect(res.body).not.toContain('TIDAK VALID');
    expect(res.body).toContain(resident.nikMasked);
    expect(res.body).toContain(letterNumber);
    expect(res.body).toContain('Surat Keterangan Domisili');
    expect(res.body).not.toContain(resident.nik);
    expect(res.body).not.toContain(resident.name);
    expectNoWordOf(res.body, resident.name);

    const api = await get(`/api/v1/letters/${verifyCode}/verify`);
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({
      authentic: true,
      number: letterNumber,
      nikMasked: resident.nikMasked,
      type: 'Surat Keterangan Domisili',
    });
    expect(api.body).not.toContain(resident.nik);
    expect(api.body).not.toContain(resident.name);
  });

  it('an unknown or malformed code is not found, and says TIDAK VALID', async () => {
    for (const code of ['ZZZZ2345ZZZZ', 'abc', '<script>alert(1)</script>']) {
      const res = await get(`/v/${encodeURIComponent(code)}`);
      expect(res.statusCode, code).toBe(404);
      expect(res.body).toContain('TIDAK VALID');
      expect(res.body).not.toContain('<script>alert(1)</script>');
    }
    expect((await get('/api/v1/letters/ZZZZ2345ZZZZ/verify')).statusCode).toBe(404);
    expect((await get('/api/v1/letters/abc/verify')).statusCode).toBe(400);
  });

  it('a letter signed before a key rotation still verifies', async () => {
    // A second instance with a new key: the new key registered, the old one retired, as scripts/rotate-signing-key.ts does.
    const rotated = createServices(t.database, t.repos, t.clock, t.config, { signingKey: generateSigningKey().key });
    await rotated.letters.ensureKeyRegistered();
    await t.database.pool.query(
      'update signing_keys set retired_at = now() where kid <> (select kid from signing_keys order by created_at desc limit 1) and retired_at is null',
    );
    expect((await rotated.letters.verify(verifyCode))!.authentic).toBe(true);
  });

  it('says TIDAK VALID once the stored letter is altered', async () => {
    await t.database.pool.query(
      `update letters set payload = jsonb_set(payload, '{resident,name}', '"Orang Lain"') where verify_code = $1`,
      [verifyCode],
    );
    const res = await get(`/v/${verifyCode}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/data-testid="verify-status"[^>]*>\s*TIDAK VALID\s*</);
    expect(res.body).not.toMatch(/>\s*ASLI\s*</);
    expect((await get(`/api/v1/letters/${verifyCode}/verify`)).json()).toMatchObject({ authentic: false });
    // A record missing whole parts still answers, as not valid.
    await t.database.pool.query(`update letters set payload = payload - 'signer' - 'type' where verify_code = $1`, [
      verifyCode,
    ]);
    expect((await get(`/v/${verifyCode}`)).body).toContain('TIDAK VALID');
    expect((await get(`/api/v1/letters/${verifyCode}/verify`)).json()).toMatchObject({
      authentic: false,
      signer: { name: '', position: '' },
    });
  });
});
