// Issue 15 item 4, the disposisi journey, at 1280 px and on a 360×740 phone: the head registers an incoming naskah
// on the page, disposes it to two people with a due date; the kabid opens it and passes it on to their staff; the
// head's withdrawal after that open is refused; both branches report; the tree shows every node with its times.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../src/seed/demo.js';
import { TINY_PDF } from '../helpers/cases/correspondence.js';
import {
  DEMO_PASSWORD,
  launchBrowser,
  login,
  logout,
  newPhoneContext,
  startServer,
  type TestServer,
} from './helpers.js';

const wib = (days = 0) => new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
/** Submits a form that comes back to the same page (a 303 to it): waits for that new page to load. */
async function submit(page: Page, button: ReturnType<Page['getByTestId']>) {
  await Promise.all([page.waitForEvent('framenavigated'), button.dispatchEvent('click')]);
  await page.waitForLoadState('load');
}
const WHEN = /\d{1,2} [A-Z][a-z]+ \d{4} \d{2}\.\d{2} WIB/;

describe('disposisi: dispose, pass on, refused withdrawal, reports, the tree', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close().catch(() => {});
    await server?.close();
  });

  const nodeIds = async (page: Page) =>
    (
      await page
        .locator('[data-testid^="disposition-node-"]')
        .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-testid')!.replace('disposition-node-', ''))))
    ).sort((a, b) => a - b);

  for (const [name, make] of [
    [
      'desk 1280',
      (b: Browser) => b.newContext({ viewport: { width: 1280, height: 800 }, locale: 'id-ID', baseURL: server.url }),
    ],
    ['phone 360×740', (b: Browser) => newPhoneContext(b, server.url)],
  ] as const)
    it(name, async () => {
      const context: BrowserContext = await make(browser);
      const page = await context.newPage();
      try {
        // 1. The head (who may register for their unit) registers the letter on the page.
        await login(page, DEMO_STAFF.head, DEMO_PASSWORD);
        await page.goto('/surat/masuk/baru');
        const reg = page.getByTestId('naskah-register-form');
        await reg.getByTestId('naskah-sender-instansi').fill('Dinas Kominfo Provinsi');
        await reg.getByTestId('naskah-sender-number').fill(`005/${name.length}${Date.now() % 100000}/2026`);
        await reg.getByTestId('naskah-sender-date').fill(wib());
        await reg.getByTestId('naskah-perihal').fill('Undangan rapat satu data');
        await reg.getByTestId('naskah-kind').selectOption('undangan');
        await reg.getByTestId('naskah-classification').selectOption('000.1');
        await reg
          .getByTestId('naskah-pdf')
          .setInputFiles({ name: 'surat.pdf', mimeType: 'application/pdf', buffer: TINY_PDF });
        await Promise.all([
          page.waitForURL((u) => /^\/surat\/masuk\/\d+$/.test(u.pathname)),
          reg.getByTestId('naskah-register-submit').click(),
        ]);
        const naskahUrl = new URL(page.url()).pathname;

        // 2. Disposes to the kabid and the staff member with instructions and a due date.
        const form = page.getByTestId('dispose-form');
        await form
          .getByTestId('dispose-to')
          .selectOption([
            { label: 'Kepala Bidang Demo — Bidang Statistik dan Persandian' },
            { label: 'Pegawai Demo — Bidang Aplikasi Informatika' },
          ]);
        await form.getByTestId('dispose-instruction-ditindaklanjuti').check();
        await form.getByTestId('dispose-due').fill(wib(3));
        await form.getByTestId('dispose-due').blur();
        await submit(page, form.getByTestId('dispose-submit'));
        const nodeTo = async (id: number) => (await page.getByTestId(`disposition-node-${id}`).textContent()) ?? '';
        const firstTwo = await nodeIds(page);
        expect(firstTwo).toHaveLength(2);
        const toKabid = (await nodeTo(firstTwo[0]!)).includes('→ Kepala Bidang Demo') ? firstTwo[0]! : firstTwo[1]!;
        const toStaff = firstTwo.find((id) => id !== toKabid)!;
        await page.getByTestId(`withdraw-${toKabid}`).waitFor();

        // 3. Meanwhile, on the kabid's own device, the kabid opens it (the read receipt) and passes it on to the PPPK
        // of their unit.
        const kabidContext = await make(browser);
        const kabid = await kabidContext.newPage();
        await login(kabid, DEMO_STAFF.kabid, DEMO_PASSWORD);
        await kabid.goto(naskahUrl);
        const sub = kabid.getByTestId('dispose-form');
        await sub
          .getByTestId('dispose-to')
          .selectOption([{ label: 'Pegawai PPPK Demo — Bidang Statistik dan Persandian' }]);
        await sub.getByTestId('dispose-instruction-dipelajari').check();
        await sub.getByTestId('dispose-due').fill(wib(2));
        await sub.getByTestId('dispose-due').blur();
        await submit(kabid, sub.getByTestId('dispose-submit'));
        const toPppk = (await nodeIds(kabid)).find((id) => id !== toKabid && id !== toStaff)!;
        await kabidContext.close();

        // 4. The head, on the page loaded before that open, withdraws: refused with the reason.
        await submit(page, page.getByTestId(`withdraw-${toKabid}`));
        expect(await page.getByTestId('error-summary').textContent()).toContain(
          'Disposisi sudah dibaca penerima, tidak dapat ditarik',
        );
        expect(await page.getByTestId(`withdraw-${toKabid}`).count()).toBe(0);
        await page.getByTestId(`withdraw-${toStaff}`).waitFor();
        await logout(page);

        // 5. Both branches report: the PPPK (the kabid's closes by itself), then the staff member.
        for (const [who, id] of [
          [DEMO_STAFF.pppk, toPppk],
          [DEMO_STAFF.staff, toStaff],
        ] as const) {
          await login(page, who, DEMO_PASSWORD);
          await page.goto(naskahUrl);
          const rep = page.getByTestId(`report-form-${id}`);
          await rep.getByTestId(`report-text-${id}`).fill('Sudah ditindaklanjuti, notulen terlampir');
          await submit(page, rep.getByTestId(`report-submit-${id}`));
          await logout(page);
        }

        // 6. The tree: every node with from → to, due, sent, read and report times; the naskah is done.
        await login(page, DEMO_STAFF.head, DEMO_PASSWORD);
        await page.goto(naskahUrl);
        await page.getByTestId('disposition-tree').waitFor();
        for (const id of [toKabid, toStaff, toPppk]) {
          expect(await page.getByTestId(`disposition-sent-${id}`).textContent()).toMatch(WHEN);
          expect(await page.getByTestId(`disposition-read-${id}`).textContent()).toMatch(WHEN);
          expect(await page.getByTestId(`disposition-closed-${id}`).textContent()).toMatch(WHEN);
        }
        expect(await page.getByTestId('naskah-status').textContent()).toBe('Selesai');
        expect(await page.getByTestId(`disposition-node-${toKabid}`).textContent()).toContain(
          'Kepala Bidang Demo → Pegawai PPPK Demo',
        );
        await logout(page);
      } finally {
        await context.close();
      }
    });
});
