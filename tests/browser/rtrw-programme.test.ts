// The RT/RW heads programme end to end: the city admin publishes the
// integrity pact, the lurah appoints the demo RT head (with a handover in
// between that stays in the history), the head signs the pact with one tap on
// a 360×740 phone, the lurah countersigns, the pact PDF's QR leads to the
// public check (ASLI); then the lurah creates a training, the head "scans"
// the trainer page's QR on the phone and is marked present, and the head's
// own record shows the topic done.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeQrPng, qrCodesOfPdf } from '../helpers/qr.js';
import {
  DEMO_PASSWORD,
  launchBrowser,
  login,
  logout,
  newPhoneContext,
  startServer,
  type TestServer,
} from './helpers.js';

const RT = '35.74.01.1001.001.001';

describe('RT/RW programme: pact and training attendance', () => {
  let server: TestServer;
  let browser: Browser;
  let desk: BrowserContext;
  let phone: BrowserContext;
  let page: Page; // admin / lurah, desktop
  let hp: Page; // the RT head's phone
  let tmp: string;

  beforeAll(async () => {
    [server, browser, tmp] = await Promise.all([
      startServer(),
      launchBrowser(),
      mkdtemp(join(tmpdir(), 'pamong-rtrw-')),
    ]);
    desk = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'id-ID',
      baseURL: server.url,
      acceptDownloads: true,
    });
    phone = await newPhoneContext(browser, server.url);
    page = await desk.newPage();
    hp = await phone.newPage();
  });

  afterAll(async () => {
    await phone?.close();
    await desk?.close();
    await browser?.close();
    await server?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** Submits a form by its button; resolves after the 303 redirect's page has loaded, returning that URL's path. */
  async function submit(p: Page, button: string, action: RegExp): Promise<string> {
    const [res] = await Promise.all([
      p.waitForResponse((r) => r.request().method() === 'POST' && action.test(new URL(r.url()).pathname)),
      p.getByTestId(button).first().click(),
    ]);
    expect(res.status(), `${button} → ${res.status()}`).toBe(303);
    await p.waitForLoadState('load');
    await p.locator('main .notice--success').first().waitFor();
    return new URL(p.url()).pathname;
  }

  /** Appoints a secretary by typing a name (a person outside the register); answers with the region page. */
  async function appointTyped(name: string) {
    await page.getByTestId('appoint-form').locator('xpath=ancestor::details').locator('summary').click();
    const form = page.getByTestId('appoint-form');
    await form.locator('select[name=position]').selectOption('sekretaris');
    await form.locator('input[name=name]').fill(name);
    await form.locator('input[name=startDate]').fill('2025-01-01');
    await form.locator('input[name=decreeNumber]').fill(`SK/${name}`);
    expect(await submit(page, 'appoint-submit', /^\/rt-rw\/[\d.]+\/angkat$/)).toBe(`/rt-rw/${RT}`);
  }

  /** Appoints a secretary by choosing a resident of the register: search, pick, confirm. */
  async function appointChosen(fullName: string, residentId: number) {
    const search = page.getByTestId('appoint-search');
    await search.locator('select[name=position]').selectOption('sekretaris');
    await search.locator('input[name=q]').fill(fullName);
    await Promise.all([page.waitForLoadState('load'), page.getByTestId('appoint-search-submit').click()]);
    const pick = page.getByTestId(`appoint-pick-${residentId}`);
    await expect(pick.count(), `${fullName} is offered`).resolves.toBe(1);
    // The NIK is shown masked, never whole.
    expect(await page.getByTestId('appoint-results').textContent()).toMatch(/\d{4}\*{8}\d{4}/);
    await Promise.all([page.waitForLoadState('load'), pick.click()]);
    const confirm = page.getByTestId('appoint-confirm-form');
    await confirm.locator('input[name=decreeNumber]').fill('SK/sekretaris');
    await Promise.all([page.waitForLoadState('load'), page.getByTestId('appoint-confirm').click()]);
    await page.goto(`/rt-rw/${RT}`);
  }

  const historyRows = () =>
    page
      .getByTestId('terms-history')
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => ({
          name: r.children[2]?.textContent?.trim() ?? '',
          status: r.querySelector('[data-testid=term-status]')?.textContent?.trim() ?? '',
        })),
      );

  it('publishes, appoints with handover, signs on the phone, countersigns; the PDF QR verifies; training attendance by QR', async () => {
    const headUser = await server.database.db
      .selectFrom('users')
      .select(['id'])
      .where('username', '=', 'ketua.rt')
      .executeTakeFirstOrThrow();

    // 1. The city admin publishes a pact version through the page form.
    await login(page, 'admin', DEMO_PASSWORD);
    await page.goto('/rt-rw/pakta');
    const publish = page.getByTestId('publish-form');
    await publish.locator('input[name=title]').fill('Pakta Integritas Ketua RT/RW');
    await publish
      .locator('textarea[name=body]')
      .fill('Saya berjanji melayani warga dengan jujur.\nSaya tidak memungut biaya di luar ketentuan.');
    expect(await submit(page, 'publish-submit', /^\/rt-rw\/pakta\/terbitkan\/35\.74$/)).toBe('/rt-rw/pakta');
    expect(await page.getByTestId('pact-text').textContent()).toContain('Pakta Integritas Ketua RT/RW');
    await logout(page);

    // 2. The demo head is in office from day one; the lurah appoints a secretary by name, then hands
    //    the post over to a resident chosen from the register (the first term stays in the history).
    const resident = await server.database.db
      .selectFrom('residents')
      .select(['id', 'full_name'])
      .where('region_code', '=', RT)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await login(page, 'lurah', DEMO_PASSWORD);
    await page.goto(`/rt-rw/${RT}`);
    let rows = await historyRows();
    expect(rows.filter((r) => r.status.includes('Menjabat')).map((r) => r.name)).toEqual(['Ketua RT 001']);
    await appointTyped('Pengganti Sementara');
    await appointChosen(resident.full_name, resident.id);
    rows = await historyRows();
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.name === 'Pengganti Sementara')?.status, 'ended by the handover').toContain('Digantikan');
    expect(
      rows
        .filter((r) => r.status.includes('Menjabat'))
        .map((r) => r.name)
        .sort(),
    ).toEqual(['Ketua RT 001', resident.full_name].sort());
    await logout(page);

    // 3. The head signs on the phone with one tap.
    await login(hp, 'ketua.rt', DEMO_PASSWORD);
    await hp.goto('/rt-rw/pakta');
    await hp.getByTestId('pact-text').waitFor();
    expect(await submit(hp, 'pact-sign', /^\/rt-rw\/pakta\/tandatangan$/)).toBe('/rt-rw/pakta');
    await hp.getByTestId('pact-signed').waitFor();
    await expect(hp.getByTestId('sign-form').count()).resolves.toBe(0);
    // One tap on a phone: the button fits the screen without scrolling sideways.
    expect(await hp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // 4. The lurah countersigns and downloads the pact.
    await login(page, 'lurah', DEMO_PASSWORD);
    await page.goto('/rt-rw/pakta');
    const items = page.getByTestId('countersign-list').locator('li[data-testid^="signature-"]');
    await expect(items.count()).resolves.toBe(1);
    const sig = { id: Number(((await items.first().getAttribute('data-testid')) ?? '').replace('signature-', '')) };
    expect(sig.id).toBeGreaterThan(0);
    const item = page.getByTestId(`signature-${sig.id}`);
    expect(await item.textContent()).toContain('Ketua RT 001');
    await Promise.all([
      page.waitForResponse(
        (r) =>
          r.request().method() === 'POST' &&
          r.url().endsWith(`/rt-rw/pakta/${sig.id}/kontrasign`) &&
          r.status() === 303,
      ),
      item.getByTestId(`pact-countersign-${sig.id}`).click(),
    ]);
    await page.locator('main .notice--success').first().waitFor();
    await page.getByTestId(`signature-${sig.id}`).locator('.tag--green').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId(`signature-${sig.id}`).locator(`a[href="/rt-rw/pakta/${sig.id}.pdf"]`).click(),
    ]);
    const pdfPath = join(tmp, 'pakta.pdf');
    await download.saveAs(pdfPath);
    expect((await readFile(pdfPath)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const verifyCode = /^pakta-integritas-([A-Z0-9]+)\.pdf$/.exec(download.suggestedFilename())?.[1];
    expect(verifyCode, download.suggestedFilename()).toBeTruthy();

    // 5. Its QR code leads to the public check: ASLI, for anyone.
    const codes = qrCodesOfPdf(pdfPath);
    expect(codes, 'a QR code on the pact PDF').toHaveLength(1);
    const decoded = new URL(codes[0]!);
    expect(decoded.origin).toBe(new URL(server.publicUrl).origin);
    expect(decoded.pathname).toBe(`/v/pakta/${verifyCode}`);
    const visitor = await newPhoneContext(browser);
    try {
      const v = await visitor.newPage();
      const res = await v.goto(`${server.url}${decoded.pathname}`);
      expect(res?.status()).toBe(200);
      await expect(v.getByTestId('verify-status').textContent()).resolves.toBe('ASLI');
      const details = (await v.getByTestId('verify-details').textContent()) ?? '';
      expect(details).toContain('Ketua RT 001');
      expect(details).toContain('Lurah Demo');
    } finally {
      await visitor.close();
    }

    // 6. The lurah creates a training for the kelurahan.
    await page.goto('/program-rtrw/pelatihan');
    const tf = page.getByTestId('training-form');
    await expect(tf.locator('input[name=regionCode]').inputValue()).resolves.toBe('35.74.01.1001');
    await tf.locator('select[name=topic]').selectOption('operasional_portal');
    await tf.locator('input[name=title]').fill('Operasional Portal Gelombang 1');
    await tf.locator('input[name=place]').fill('Aula Kelurahan');
    await tf.locator('input[name=startsAt]').fill('2026-02-10T09:00');
    const trainingPath = await submit(page, 'training-submit', /^\/program-rtrw\/pelatihan$/);
    expect(trainingPath).toMatch(/^\/program-rtrw\/pelatihan\/\d+$/);
    const invited = page.getByTestId(`invited-${headUser.id}`);
    expect(await invited.textContent()).toContain('Belum hadir');
    await expect(invited.locator('.tag--green').count()).resolves.toBe(0);

    // 7. The trainer page's QR (inline SVG), read off the screen as a phone camera would.
    const qr = page.getByTestId('attendance-qr');
    await qr.scrollIntoViewIfNeeded();
    const scanned = decodeQrPng(await qr.screenshot());
    expect(scanned, 'the attendance QR decodes').not.toBeNull();
    const attendUrl = new URL(scanned!);
    expect(attendUrl.pathname).toMatch(/^\/pelatihan\/hadir\/[A-Za-z0-9_-]{16,}$/);

    // 8. The head opens it on the phone and is marked present.
    const opened = await hp.goto(`${server.url}${attendUrl.pathname}`);
    expect(opened?.status()).toBe(200);
    expect(await hp.getByTestId('attend-result').textContent()).toContain('Operasional Portal Gelombang 1');
    await page.reload();
    await page.getByTestId(`invited-${headUser.id}`).locator('.tag--green').waitFor();

    // 9. The head's own record shows the training done.
    await hp.goto('/program-rtrw');
    const attended = (await hp.getByTestId('mine-trainings').textContent()) ?? '';
    expect(attended).toContain('Operasional portal');
    expect(attended).toContain('Operasional Portal Gelombang 1');
    const missing = (await hp.getByTestId('mine-missing').textContent()) ?? '';
    expect(missing).not.toContain('Operasional portal');
  });
});
