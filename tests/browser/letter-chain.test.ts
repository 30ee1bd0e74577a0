// The whole letter chain on a 360×740 phone: the RT head files a "Surat
// Pengantar SKCK" for a resident with two photos, the RW head and the lurah
// each approve with one tap from their queue (SKCK ends at the kelurahan), the
// lurah downloads the signed PDF, its QR code leads to the public verification page (ASLI),
// and once the stored letter is altered the same page says TIDAK VALID.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrCodesOfPdf } from '../helpers/qr.js';
import {
  DEMO_PASSWORD,
  launchBrowser,
  login,
  logout,
  newPhoneContext,
  startServer,
  tinyPng,
  type TestServer,
} from './helpers.js';

describe('letter chain RT → RW → kelurahan (phone)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let tmp: string;

  beforeAll(async () => {
    [server, browser, tmp] = await Promise.all([
      startServer(),
      launchBrowser(),
      mkdtemp(join(tmpdir(), 'pamong-letter-')),
    ]);
    context = await newPhoneContext(browser, server.url);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** Signs in, finds the request in the queue by its code, approves it with one tap; the request leaves the queue. */
  async function approveFromQueue(username: string, code: string) {
    await login(page, username, DEMO_PASSWORD);
    await page.goto('/layanan');
    const row = page
      .getByTestId('queue-row')
      .filter({ has: page.getByTestId('queue-code').getByText(code, { exact: true }) });
    await expect(row.count(), `${username} sees ${code} in the queue`).resolves.toBe(1);
    // The tap posts, the server answers 303 back to the queue, which then shows the saved-action flash.
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && /\/layanan\/\d+\/tindakan$/.test(r.url())),
      row.getByTestId('approve').click(),
    ]);
    expect(res.status(), `${username} approves ${code}: ${res.status()}`).toBe(303);
    await page.locator('main .notice--success').filter({ hasText: 'Tindakan tersimpan.' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/layanan');
    await expect(row.count(), `${code} left ${username}'s queue`).resolves.toBe(0);
    await logout(page);
  }

  it('files, approves at every stage, issues a PDF whose QR verifies; tampering is detected', async () => {
    // 1. The RT head files the request for a resident of the RT, with two real (tiny) photos.
    await login(page, 'ketua.rt', DEMO_PASSWORD);
    await page.goto('/layanan/baru?jenis=pengantar_skck');
    const form = page.getByTestId('request-form');
    await form.waitFor();
    const resident = form.locator('select[name=residentId]');
    const options = await resident
      .locator('option')
      .evaluateAll((os) =>
        os.map((o) => [(o as HTMLOptionElement).value, o.textContent ?? ''] as const).filter(([v]) => v),
      );
    expect(options.length).toBeGreaterThan(0);
    const [residentId, residentLabel] = options[0]!;
    const residentName = residentLabel.split(' — ')[0]!.trim();
    await resident.selectOption(residentId);
    await form.locator('textarea[name=purpose]').fill('Melamar pekerjaan sebagai satpam');
    await form
      .locator('input[name=file_ktp]')
      .setInputFiles({ name: 'ktp.png', mimeType: 'image/png', buffer: tinyPng([200, 40, 40]) });
    await form
      .locator('input[name=file_kk]')
      .setInputFiles({ name: 'kk.png', mimeType: 'image/png', buffer: tinyPng([40, 40, 200]) });
    await page.getByTestId('request-submit').click();
    const notice = page.getByTestId('submitted-notice');
    await notice.waitFor();
    const code = ((await page.getByTestId('tracking-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z0-9]{6,16}$/);
    expect(await notice.textContent()).toContain(code);
    await expect(page.getByTestId('attachment').count()).resolves.toBe(2);
    // The RT head vouches by filing it: the request waits at the RW.
    expect(await page.getByTestId('status').textContent()).toContain('RW');
    await logout(page);

    // 2. One tap at each stage after it, each official from their own queue.
    await approveFromQueue('ketua.rw', code);
    await approveFromQueue('lurah', code);

    // 3. The lurah opens the completed request and downloads the letter.
    await login(page, 'lurah', DEMO_PASSWORD);
    await page.goto('/layanan');
    const row = await server.database.db
      .selectFrom('service_requests')
      .select(['id', 'status'])
      .where('tracking_code', '=', code)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('completed');
    await page.goto(`/layanan/${row.id}`);
    const link = page.getByTestId('download-pdf');
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const pdfPath = join(tmp, 'surat.pdf');
    await download.saveAs(pdfPath);
    const pdf = await readFile(pdfPath);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/^surat-.*\.pdf$/);

    // 4. The QR code on the letter points at the public verification page.
    const codes = qrCodesOfPdf(pdfPath);
    expect(codes, 'a QR code on some page of the PDF').toHaveLength(1);
    const decoded = new URL(codes[0]!);
    const verifyCode = (await page.getByTestId('verify-code').textContent()) ?? '';
    expect(decoded.origin).toBe(new URL(server.publicUrl).origin);
    expect(decoded.pathname).toMatch(/^\/v\/[A-Z0-9]{8,16}$/);
    expect(verifyCode).toContain(decoded.pathname.slice(3));
    // The letter carries the configured public address; the test server listens elsewhere, so open the same path there.
    const verifyUrl = `${server.url}${decoded.pathname}${decoded.search}`;

    // 5. Anyone may verify: a fresh phone with no session sees ASLI.
    const visitor = await newPhoneContext(browser);
    try {
      const v = await visitor.newPage();
      const first = await v.goto(verifyUrl);
      expect(first?.status()).toBe(200);
      await expect(v.getByTestId('verify-status').textContent()).resolves.toBe('ASLI');
      expect(await v.getByTestId('verify-details').textContent()).toContain('Surat Pengantar SKCK');
      // Names are masked on the public page, but the first letter is the resident's.
      expect(await v.getByTestId('verify-details').textContent()).toContain(residentName[0]!);

      // 6. Someone alters the stored letter: the signature no longer matches.
      const changed =
        await sql`update letters set payload = jsonb_set(payload, '{resident,name}', '"Palsu"') where verify_code = ${decoded.pathname.slice(3)}`.execute(
          server.database.db,
        );
      expect(Number(changed.numAffectedRows)).toBe(1);
      const again = await v.reload();
      expect(again?.status()).toBe(200);
      await expect(v.getByTestId('verify-status').textContent()).resolves.toBe('TIDAK VALID');
      await expect(v.getByTestId('verify-details').count()).resolves.toBe(0);
    } finally {
      await visitor.close();
    }
  });
});
