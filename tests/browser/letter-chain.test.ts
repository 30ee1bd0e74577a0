// The whole letter chain on a 360×740 phone, as issue 12 asks of a letter an
// office accepts: the RT head files a Surat Keterangan Domisili with two
// photos, the RW head approves from the queue, the lurah finds it in the queue
// on the home page and approves; the PDF carries the lurah's NIP and jabatan,
// the RT/RW pengantar it rests on, the kop and Indonesian dates only; pdfsig
// says its embedded signature is valid and, once one byte of the content is
// changed, that it is not; the public page answers ASLI for the original file,
// TIDAK VALID for the edited one, and takes the code in lower case; a stored
// letter altered in the database says TIDAK VALID.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OFFICIALS } from '../../src/seed/demo.js';
import { qrCodesOfPdf } from '../helpers/qr.js';
import { waitFor } from '../helpers/wait.js';
import { axeViolations, formatViolations } from './helpers-axe.js';
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

  const requestRow = (code: string) =>
    server.database.db
      .selectFrom('service_requests')
      .select(['id', 'status', 'stage', 'version'])
      .where('tracking_code', '=', code)
      .executeTakeFirstOrThrow();

  /** Signs in, finds the request in the queue on `path` by its code, approves it with one tap; the request moves on. */
  async function approveFromQueue(username: string, code: string, path: string) {
    await login(page, username, DEMO_PASSWORD);
    await page.goto(path);
    const row = page
      .getByTestId('queue-row')
      .filter({ has: page.getByTestId('queue-code').getByText(code, { exact: true }) });
    await expect(row.count(), `${username} sees ${code} in the queue on ${path}`).resolves.toBe(1);
    // The purpose and the photos are in view beside the buttons: no blind approval.
    await expect(row.getByTestId('queue-purpose').textContent()).resolves.toContain('Melamar pekerjaan');
    const before = await requestRow(code);
    await row.getByTestId('approve').click();
    await waitFor(async () => (await requestRow(code)).version > before.version, {
      message: `${username}'s approval of ${code}`,
    });
    await logout(page);
  }

  it('files, approves at every stage, issues a signed PDF an office accepts; edits are detected', async () => {
    // 1. The RT head files the request for a resident of the RT, with two real (tiny) photos.
    await login(page, 'ketua.rt', DEMO_PASSWORD);
    await page.goto('/layanan/baru?jenis=domisili');
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
    await page.getByTestId('submitted-notice').waitFor();
    const code = ((await page.getByTestId('tracking-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z0-9]{6,16}$/);
    await logout(page);

    // 2. The RW head from the queue; the lurah from the queue on the home page.
    await approveFromQueue('ketua.rw', code, '/layanan');
    await approveFromQueue('lurah', code, '/');
    const row = await requestRow(code);
    expect(row.status).toBe('completed');

    // 3. The lurah downloads the letter.
    await login(page, 'lurah', DEMO_PASSWORD);
    await page.goto(`/layanan/${row.id}`);
    const axeDetail = await axeViolations(page);
    expect(axeDetail, formatViolations(axeDetail)).toEqual([]);
    const link = page.getByTestId('download-pdf');
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const pdfPath = join(tmp, 'surat.pdf');
    await download.saveAs(pdfPath);
    const pdf = await readFile(pdfPath);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // 4. What it says: the lurah's NIP and jabatan, the pengantar, the kop, dates as people write them.
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString('utf8');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(`NIP. ${DEMO_OFFICIALS.lurah}`);
    expect(flat).toMatch(/LURAH [A-Z]+,/);
    expect(flat).toContain('Penata Tingkat I (III/d)');
    expect(flat).toMatch(
      /Berdasarkan surat pengantar Ketua RT 001 \([^)]+\) Nomor .{5,40}? tanggal \d{1,2} [A-Z][a-z]+ \d{4}/,
    );
    expect(flat).toContain('Ketua RW 001');
    expect(flat).toContain('PEMERINTAH KOTA PROBOLINGGO');
    expect(flat).toMatch(/KECAMATAN [A-Z]+/);
    expect(flat).toMatch(/KELURAHAN [A-Z]+/);
    expect(flat).toContain('Kode Pos 67211');
    expect(flat).toContain(residentName);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    // 5. The file proves itself: pdfsig (poppler) says valid, and invalid after one content byte changes.
    const sig = spawnSync('pdfsig', [pdfPath]).stdout.toString('utf8');
    expect(sig).toContain('Signature is Valid.');
    const edited = Buffer.from(pdf);
    const at = edited.indexOf('stream\n', edited.indexOf('/Length')) + 'stream\n'.length + 5;
    edited[at] = edited[at]! ^ 0x01;
    const editedPath = join(tmp, 'surat-diubah.pdf');
    await writeFile(editedPath, edited);
    const sigEdited = spawnSync('pdfsig', [editedPath]).stdout.toString('utf8');
    expect(sigEdited).not.toContain('Signature is Valid.');
    expect(sigEdited).toMatch(/Digest Mismatch|Signature is Invalid/);

    // 6. The QR code leads to the public page; anyone may check the file itself there.
    const [qr] = qrCodesOfPdf(pdfPath);
    const verifyPath = new URL(qr!).pathname;
    expect(verifyPath).toMatch(/^\/v\/[A-Z0-9]{8,16}$/);
    await logout(page);
    const visitor = await newPhoneContext(browser, server.url);
    try {
      const v = await visitor.newPage();
      const upload = async (file: string) => {
        await v.goto(verifyPath);
        await v.getByTestId('verify-file').setInputFiles(file);
        await v.getByTestId('verify-file-submit').click();
        await v.getByTestId('file-status').waitFor();
        return (await v.getByTestId('file-status').textContent())?.trim();
      };
      await expect(upload(pdfPath)).resolves.toBe('ASLI');
      await expect(upload(editedPath)).resolves.toBe('TIDAK VALID');
      const axeVerify = await axeViolations(v);
      expect(axeVerify, formatViolations(axeVerify)).toEqual([]);

      // 7. A code typed in lower case is the same code.
      const lower = await v.goto(verifyPath.toLowerCase());
      expect(lower?.status()).toBe(200);
      await expect(v.getByTestId('verify-status').textContent()).resolves.toBe('ASLI');

      // 8. Someone alters the stored letter: the signature no longer matches.
      const changed =
        await sql`update letters set payload = jsonb_set(payload, '{resident,name}', '"Palsu"') where verify_code = ${verifyPath.slice(3)}`.execute(
          server.database.db,
        );
      expect(Number(changed.numAffectedRows)).toBe(1);
      await v.goto(verifyPath);
      await expect(v.getByTestId('verify-status').textContent()).resolves.toBe('TIDAK VALID');
    } finally {
      await visitor.close();
    }
  });
});
