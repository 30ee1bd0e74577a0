// Issue 15, the outgoing journey (naskah keluar), at 1280 px and on a 360×740 phone, in a real Chromium: the kabid
// (head of Bidang Statistik dan Persandian, who may draft for it) drafts an undangan from its template with a routing
// list (paraf: the PPPK, paraf: the staff member of Aptika, tandatangan: the head of the OPD above, tembusan: the
// staff member); verifier 1 returns it with a comment; the drafter sees the comment and revises → version 2 with the
// diff (<ins>/<del>); both verifiers paraf; the head signs and the number shows; the drafter dispatches it to the
// OPD (Dinas Komunikasi dan Informatika), where it appears in its head's incoming list; the signed PDF is downloaded, its QR read with pdftoppm + zbarimg, the QR's /v/ address opened in
// the browser says ASLI, and pdfsig calls the signature valid. No horizontal overflow on the keluar pages.
// Run alone: npx vitest run -c vitest.browser.config.ts tests/browser/surat-keluar.test.ts
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
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

const work = mkdtempSync(join(tmpdir(), 'pamong-keluar-'));

/** Submits a form that comes back to the same page (a 303 to it) with a real click: waits for the new page. */
async function submit(page: Page, button: Locator) {
  await Promise.all([page.waitForEvent('framenavigated'), button.click()]);
  await page.waitForLoadState('load');
}

/** The page is no wider than the screen (nothing to scroll sideways). */
async function noOverflow(page: Page, what: string) {
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll, `${what}: horizontal overflow`).toBeLessThanOrEqual(inner);
}

/** Every QR code on the PDF's pages: pdftoppm at 150 dpi, then zbarimg. */
function qrOf(pdf: Buffer, name: string): string[] {
  const dir = mkdtempSync(join(work, `${name}-`));
  const file = join(dir, 'naskah.pdf');
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '150', file, join(dir, 'page')], { timeout: 30_000 });
  const out: string[] = [];
  for (const png of readdirSync(dir).filter((f) => f.endsWith('.png'))) {
    const r = spawnSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', join(dir, png)], {
      encoding: 'utf8',
    });
    out.push(
      ...r.stdout
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    );
  }
  return out;
}

describe('naskah keluar: draft, return, revise, paraf, sign, dispatch, verify', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    expect(spawnSync('pdfsig', ['-v']).status, 'pdfsig (poppler-utils) must be installed').toBe(0);
    expect(spawnSync('zbarimg', ['--version']).status, 'zbarimg (zbar-tools) must be installed').toBe(0);
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close().catch(() => {});
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  for (const [name, phone, make] of [
    [
      'desk 1280',
      false,
      (b: Browser) => b.newContext({ viewport: { width: 1280, height: 800 }, locale: 'id-ID', baseURL: server.url }),
    ],
    ['phone 360×740', true, (b: Browser) => newPhoneContext(b, server.url)],
  ] as const)
    it(name, async () => {
      const context: BrowserContext = await make(browser);
      const page = await context.newPage();
      const wide = async (what: string) => {
        if (phone) await noOverflow(page, what);
      };
      const perihal = `Undangan rapat koordinasi SPBE (${name})`;
      try {
        // 1. The drafter picks the undangan template and drafts with a routing list and an internal addressee.
        await login(page, DEMO_STAFF.kabid, DEMO_PASSWORD);
        await page.goto('/surat/keluar');
        await wide('/surat/keluar');
        await Promise.all([
          page.waitForURL((u) => u.pathname === '/surat/keluar/baru'),
          page.getByTestId('keluar-new').click(),
        ]);
        await page.getByTestId('keluar-pick-kind').selectOption('undangan');
        await Promise.all([
          page.waitForURL((u) => u.pathname === '/surat/keluar/baru' && u.searchParams.get('jenis') === 'undangan'),
          page.getByTestId('keluar-use-template').click(),
        ]);
        await wide('/surat/keluar/baru');
        const form = page.getByTestId('keluar-form');
        const template = await form.getByTestId('keluar-body').inputValue();
        expect(template.trim().length, 'the undangan template fills the text').toBeGreaterThan(0);
        await form.getByTestId('keluar-perihal').fill(perihal);
        await form.getByTestId('keluar-classification').fill('000.1');
        await form.getByTestId('keluar-internal').selectOption([{ label: 'Dinas Komunikasi dan Informatika' }]);
        const v1 = `${template}\nRapat diadakan pada hari Senin pukul 09.00.`;
        await form.getByTestId('keluar-body').fill(v1);
        await form
          .getByTestId('keluar-routing')
          .fill(
            [
              `paraf ${DEMO_STAFF.pppk}`,
              `paraf ${DEMO_STAFF.staff}`,
              `tandatangan ${DEMO_STAFF.head}`,
              `tembusan ${DEMO_STAFF.staff}`,
            ].join('\n'),
          );
        await submit(page, form.getByTestId('keluar-submit'));
        expect(new URL(page.url()).pathname, await page.locator('main').innerText()).toMatch(/^\/surat\/keluar\/\d+$/);
        const url = new URL(page.url()).pathname;
        expect(await page.getByTestId('keluar-perihal-title').textContent()).toBe(perihal);
        expect(await page.getByTestId('keluar-version').textContent()).toBe('1');
        await wide(url);
        await logout(page);

        // 2. Verifier 1 (the PPPK) returns it with a comment.
        await login(page, DEMO_STAFF.pppk, DEMO_PASSWORD);
        await page.goto(url);
        await wide(`${url} (verifier)`);
        const act = page.getByTestId('act-form');
        await act.getByTestId('act-comment').fill('Ganti hari menjadi Selasa.');
        await submit(page, act.getByTestId('act-return'));
        expect(await page.getByTestId('keluar-status').textContent()).toBe('Dikembalikan ke konseptor');
        expect(await page.getByTestId('act-form').count()).toBe(0);
        await logout(page);

        // 3. The drafter sees the comment and revises: version 2, the diff marks Senin removed and Selasa added.
        await login(page, DEMO_STAFF.kabid, DEMO_PASSWORD);
        await page.goto(url);
        expect(await page.locator('[data-testid^="step-comment-"]').first().textContent()).toContain(
          'Ganti hari menjadi Selasa.',
        );
        const revise = page.getByTestId('revise-form');
        await revise.getByTestId('revise-body').fill(v1.replace('Senin', 'Selasa'));
        await submit(page, revise.getByTestId('revise-submit'));
        expect(await page.getByTestId('keluar-version').textContent()).toBe('2');
        const diff = page.getByTestId('version-diff');
        await diff.waitFor();
        expect(await diff.locator('del').allTextContents()).toEqual([expect.stringContaining('Senin')]);
        expect(await diff.locator('ins').allTextContents()).toEqual([expect.stringContaining('Selasa')]);
        await diff.locator('ins').first().scrollIntoViewIfNeeded();
        expect(await diff.locator('ins').first().isVisible()).toBe(true);
        await wide(`${url} (diff)`);
        await logout(page);

        // 4. Verifier 1 then verifier 2 paraf.
        for (const who of [DEMO_STAFF.pppk, DEMO_STAFF.staff]) {
          await login(page, who, DEMO_PASSWORD);
          await page.goto(url);
          await submit(page, page.getByTestId('act-form').getByTestId('act-paraf'));
          expect(await page.getByTestId('act-form').count()).toBe(0);
          await logout(page);
        }

        // 5. The head signs: the number from the unit's series shows.
        await login(page, DEMO_STAFF.head, DEMO_PASSWORD);
        await page.goto(url);
        await wide(`${url} (signer)`);
        expect(await page.getByTestId('keluar-number').textContent()).not.toMatch(/\d{4}$/);
        await submit(page, page.getByTestId('sign-form').getByTestId('sign-submit'));
        const number = ((await page.getByTestId('keluar-number').textContent()) ?? '').trim();
        expect(number).toMatch(/^000\.1\/\d+\/\S+\/\d{4}$/);
        await page.goto('/surat/keluar/alur');
        await wide('/surat/keluar/alur');
        await logout(page);

        // 6. The drafter dispatches it to the OPD.
        await login(page, DEMO_STAFF.kabid, DEMO_PASSWORD);
        await page.goto(url);
        await submit(page, page.getByTestId('dispatch-form').getByTestId('dispatch-submit'));
        expect(await page.getByTestId('dispatch-list').textContent()).toContain('Dinas Komunikasi dan Informatika');
        await wide(`${url} (sent)`);

        // 7. The signed PDF: downloaded through the page's link with the drafter's session.
        const href = await page.getByTestId('keluar-pdf').getAttribute('href');
        expect(href).toBe(`${url}/pdf`);
        const res = await page.request.get(href!);
        expect(res.status()).toBe(200);
        expect(res.headers()['content-type']).toContain('application/pdf');
        const pdf = Buffer.from(await res.body());
        const slug = name.replace(/\W+/g, '-');

        // 8. Its QR (pdftoppm + zbarimg) leads to /v/<code>, which says ASLI in the browser.
        const codes = qrOf(pdf, slug);
        const verify = codes.map((c) => new URL(c)).find((u) => /^\/v\/[A-Z0-9]+$/.test(u.pathname));
        expect(verify, `a /v/ QR among ${JSON.stringify(codes)}`).toBeDefined();
        expect(verify!.origin).toBe(new URL(server.publicUrl).origin);

        // 9. pdfsig calls the signature valid.
        const file = join(work, `${slug}.pdf`);
        writeFileSync(file, pdf);
        const sig = spawnSync('pdfsig', [file], { encoding: 'utf8' });
        expect(`${sig.stdout}${sig.stderr}`).toContain('Signature Validation: Signature is Valid.');
        await logout(page);

        // The public verification page needs no sign-in (the QR's host is PUBLIC_URL; the path is what matters).
        await page.goto(verify!.pathname);
        expect(((await page.getByTestId('verify-status').textContent()) ?? '').trim()).toMatch(/^ASLI/);
        expect(await page.content()).toContain(number);
        await wide('/v/…');

        // 10. It arrived in the receiving unit's incoming list (its head).
        await login(page, DEMO_STAFF.head, DEMO_PASSWORD);
        await page.goto('/surat/masuk');
        expect(await page.locator('main').textContent()).toContain(perihal);
        await logout(page);
      } finally {
        await context.close();
      }
    });
});
