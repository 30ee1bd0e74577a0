// Issue 15, first slice, on a 360×740 phone: the head of the demo OPD finds
// E-Surat in the menu, registers an incoming letter with its scanned PDF
// (no script needed), reads the agenda number it got, finds it again by a
// search (a POST, the words never in the URL), and sees it in the unit's
// agenda book; a PPPK of a bidang below does not see the OPD's letter, and
// opening it by its address answers "not found". axe finds nothing serious
// on the E-Surat pages nor on the acting-officials page of a kabid.
import PDFDocument from 'pdfkit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfBuffer } from '../../src/lib/pdf.js';
import { DEMO_STAFF } from '../../src/seed/demo.js';
import { axeViolations, formatViolations } from './helpers-axe.js';
import {
  DEMO_PASSWORD,
  launchBrowser,
  login,
  logout,
  newPhoneContext,
  startServer,
  type TestServer,
} from './helpers.js';

async function scannedLetter(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const done = pdfBuffer(doc);
  doc.fontSize(14).text('PEMERINTAH PROVINSI JAWA TIMUR');
  doc.fontSize(11).text('Undangan rapat koordinasi SPBE, 10 Desember 2026.');
  doc.end();
  return done;
}

describe('E-Surat on a phone: an incoming letter registered, numbered, found, and kept from other units', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    context = await newPhoneContext(browser, server.url);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.close();
  });

  async function axe(path: string) {
    const v = await axeViolations(page);
    expect(v, `${path}: ${formatViolations(v)}`).toEqual([]);
  }

  it('the head registers a letter with its PDF, gets agenda number 1 of the year, finds it, and sees it in the agenda book', async () => {
    await login(page, DEMO_STAFF.head, DEMO_PASSWORD);
    await page.getByTestId('site-menu').locator('summary').click();
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/surat'),
      page.getByTestId('site-menu').getByRole('link', { name: 'E-Surat', exact: true }).click(),
    ]);
    await axe('/surat');
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/surat/masuk/baru'),
      page.getByTestId('surat-link-register').click(),
    ]);
    await axe('/surat/masuk/baru');
    const form = page.getByTestId('naskah-register-form');
    await form.getByTestId('naskah-sender-instansi').fill('Dinas Kominfo Provinsi Jawa Timur');
    await form.getByTestId('naskah-sender-name').fill('Kepala Dinas Kominfo Provinsi');
    await form.getByTestId('naskah-sender-number').fill('005/1234/114.1/2026');
    await form.getByTestId('naskah-sender-date').fill('2026-11-30');
    await form.getByTestId('naskah-received-date').fill('2026-12-01');
    await form.getByTestId('naskah-perihal').fill('Undangan rapat koordinasi SPBE');
    await form.getByTestId('naskah-kind').selectOption('undangan');
    await form.getByTestId('naskah-urgency').selectOption('segera');
    await form.getByTestId('naskah-security').selectOption('biasa');
    const classification = form.getByTestId('naskah-classification');
    const codes = await classification
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(codes.length).toBeGreaterThan(0);
    await classification.selectOption(codes[0]!);
    await form
      .getByTestId('naskah-pdf')
      .setInputFiles({ name: 'undangan.pdf', mimeType: 'application/pdf', buffer: await scannedLetter() });
    await Promise.all([
      page.waitForURL((u) => /^\/surat\/masuk\/\d+$/.test(u.pathname)),
      form.getByTestId('naskah-register-submit').click(),
    ]);
    const detailPath = new URL(page.url()).pathname;
    // Numbered in the year of registration, in the OPD's own series.
    expect(await page.getByTestId('naskah-title').textContent()).toMatch(/\b1\/DISKOMINFO\/\d{4}\b/);
    expect(await page.getByTestId('naskah-perihal').textContent()).toBe('Undangan rapat koordinasi SPBE');
    // Dates as people write them, never ISO.
    const detail = (await page.getByTestId('naskah-detail').textContent()) ?? '';
    expect(detail).toContain('30 November 2026');
    expect(detail).not.toContain('2026-11-30');
    await axe(detailPath);
    // The PDF kept is the one uploaded.
    const pdf = await page.evaluate(async (href) => {
      const r = await fetch(href);
      return { status: r.status, type: r.headers.get('content-type'), head: (await r.text()).slice(0, 5) };
    }, `${detailPath}/pdf`);
    expect(pdf).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });

    // Found again by a search: sent by POST, so the words stay out of the address.
    await page.goto('/surat/masuk');
    await axe('/surat/masuk');
    const search = page.getByTestId('naskah-search-form');
    await search.getByTestId('naskah-search-q').fill('koordinasi SPBE');
    await Promise.all([page.waitForLoadState('load'), search.getByTestId('naskah-search-submit').click()]);
    expect(page.url()).not.toContain('koordinasi');
    expect(await page.getByTestId('naskah-list').textContent()).toContain('Undangan rapat koordinasi SPBE');

    // The unit's agenda book lists it with its number (the head keeps the OPD and its bidang: choose the OPD).
    await page.goto('/surat/agenda');
    await axe('/surat/agenda');
    const agenda = page.getByTestId('agenda-form');
    await agenda.getByTestId('agenda-unit').selectOption({ label: 'Dinas Komunikasi dan Informatika' });
    await Promise.all([
      page.waitForURL((u) => u.searchParams.has('unit')),
      agenda.locator('button[type="submit"]').click(),
    ]);
    const cells = (await page.locator('[data-testid^="agenda-row-"] td').allTextContents()).map((c) => c.trim());
    expect(cells.filter((c) => /^1\/DISKOMINFO\/\d{4}$/.test(c))).toHaveLength(1);
    expect(cells).toContain('Undangan rapat koordinasi SPBE');

    // A PPPK of a bidang below does not see the OPD's letter, not even by its address.
    await logout(page);
    await login(page, DEMO_STAFF.pppk, DEMO_PASSWORD);
    await page.goto('/surat/masuk');
    expect(await page.locator('body').textContent()).not.toContain('Undangan rapat koordinasi SPBE');
    const opened = await page.goto(detailPath);
    expect(opened?.status()).toBe(404);

    // The kabid's page for naming a Plh. during his absence.
    await logout(page);
    await login(page, DEMO_STAFF.kabid, DEMO_PASSWORD);
    const acting = await page.goto('/pegawai/pelaksana');
    expect(acting?.status()).toBe(200);
    await axe('/pegawai/pelaksana');
  });
});
