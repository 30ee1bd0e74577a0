// Issue 14's leave journey on a 360×740 phone, from the demo city as `npm start`
// leaves it: the demo PPPK finds "Cuti" in the menu, is offered only the PPPK
// types and asks for annual leave; the head of their bidang (atasan langsung)
// finds the request in the leave queue and gives a pertimbangan; the Kepala
// Dinas (pejabat yang berwenang) decides; the surat izin cuti opens as a PDF
// (fetched in the page) holding the number the page shows, and its text
// carries the PPPK's name and NI PPPK.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../src/seed/demo.js';
import {
  DEMO_PASSWORD,
  launchBrowser,
  login,
  logout,
  newPhoneContext,
  startServer,
  type TestServer,
} from './helpers.js';

/** The Monday at least a week after today, and the day after it (working days, no holiday in the demo calendar). */
function nextWeek(): { start: string; end: string } {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + 7);
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  const start = d.toISOString().slice(0, 10);
  d.setUTCDate(d.getUTCDate() + 1);
  return { start, end: d.toISOString().slice(0, 10) };
}

describe('leave in two levels (phone)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let tmp: string;

  beforeAll(async () => {
    [server, browser, tmp] = await Promise.all([
      startServer(),
      launchBrowser(),
      mkdtemp(join(tmpdir(), 'pamong-cuti-')),
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

  /** Opens the folded phone menu and follows the item named `label`. */
  async function fromMenu(label: string) {
    const menu = page.getByTestId('site-menu');
    await menu.locator('summary').click();
    const link = menu.getByRole('link', { name: label, exact: true });
    await expect(link.count(), `"${label}" is in the menu`).resolves.toBe(1);
    await Promise.all([page.waitForLoadState('load'), link.click()]);
  }

  it('a PPPK asks, the kabid considers, the Kepala Dinas decides, the letter opens with its number', async () => {
    const { start, end } = nextWeek();

    // 1. The PPPK: only tahunan, sakit and melahirkan are offered.
    await login(page, DEMO_STAFF.pppk, DEMO_PASSWORD);
    await fromMenu('Cuti');
    const form = page.getByTestId('leave-form');
    await form.waitFor();
    const types = await page
      .getByTestId('leave-type')
      .locator('option')
      .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
    expect(types).toEqual(['cuti_tahunan', 'cuti_sakit', 'cuti_melahirkan']);
    await page.getByTestId('leave-type').selectOption('cuti_tahunan');
    await page.getByTestId('leave-start').fill(start);
    await page.getByTestId('leave-end').fill(end);
    await page.getByTestId('leave-reason').fill('Mengantar orang tua berobat ke luar kota');
    await Promise.all([
      page.waitForURL(/\/presensi\/cuti\/\d+\?diajukan=1$/),
      page.getByTestId('leave-submit').click(),
    ]);
    const id = Number(/\/presensi\/cuti\/(\d+)/.exec(page.url())![1]);
    await page.getByTestId('leave-done').waitFor();
    await expect(page.getByTestId('leave-status').textContent()).resolves.toBe('Menunggu pertimbangan');
    await logout(page);

    // 2. The head of the bidang (atasan langsung) gives the pertimbangan from the leave queue.
    await login(page, DEMO_STAFF.kabid, DEMO_PASSWORD);
    await fromMenu('Antrean cuti');
    const consider = page.getByTestId(`consider-${id}`);
    await consider.waitFor();
    await consider.getByTestId('consider-outcome').selectOption('setuju');
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/presensi/cuti/antrean'),
      page.getByTestId(`consider-submit-${id}`).click(),
    ]);
    await page.getByTestId('leave-considered').waitFor();
    await expect(page.getByTestId(`consider-${id}`).count()).resolves.toBe(0);
    await logout(page);

    // 3. The Kepala Dinas (pejabat yang berwenang) decides.
    await login(page, DEMO_STAFF.head, DEMO_PASSWORD);
    await fromMenu('Antrean cuti');
    const decide = page.getByTestId(`decide-${id}`);
    await decide.waitFor();
    await decide.getByTestId('decide-outcome').selectOption('setuju');
    await Promise.all([
      page.waitForURL((u) => u.pathname === `/presensi/cuti/${id}`),
      page.getByTestId(`decide-submit-${id}`).click(),
    ]);
    await page.getByTestId('leave-decided').waitFor();
    await expect(page.getByTestId('leave-status').textContent()).resolves.toBe('Disetujui');
    const shown = (await page.getByTestId('leave-number').textContent())!;
    const number = /Nomor (\S+)/.exec(shown)![1]!;
    const year = new Date().getUTCFullYear();
    expect(number).toBe(`800.1.11.4/0001/DISKOMINFO/${year}`);

    // 4. The PDF, fetched in the page the way the link opens it.
    const href = (await page.getByTestId('leave-pdf').getAttribute('href'))!;
    const got = await page.evaluate(async (url) => {
      const r = await fetch(url);
      const bytes = new Uint8Array(await r.arrayBuffer());
      let bin = '';
      for (const b of bytes) bin += String.fromCharCode(b);
      return { status: r.status, type: r.headers.get('content-type'), base64: btoa(bin) };
    }, href);
    expect(got.status).toBe(200);
    expect(got.type).toContain('application/pdf');
    const pdf = Buffer.from(got.base64, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await writeFile(join(tmp, 'surat-izin-cuti.pdf'), pdf);
    const text = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', join(tmp, 'surat-izin-cuti.pdf'), '-']).toString(
      'utf8',
    );
    expect(text).toContain(`Nomor: ${number}`);
    expect(text).toContain('Pegawai PPPK Demo');
    expect(text).toContain(DEMO_STAFF.pppk);
    expect(text).toContain('Kepala Dinas Demo');
    expect(text).toContain(DEMO_STAFF.head);
  });
});
