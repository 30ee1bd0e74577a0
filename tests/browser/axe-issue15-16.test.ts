// axe-core and the phone width on the pages issues 15 and 16 added that the journeys do not walk: filing
// (berkas), the city's JRA, the per-unit counters, and E-Kinerja (SKP, daily logs, approvals, distribution, TPP)
// — at 360×740: nothing serious or critical, and no page wider than the phone.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('accessibility of the issue 15 and 16 pages (phone)', () => {
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
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  async function check(path: string) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    const v = await axeViolations(page);
    expect(v, `${path}: ${formatViolations(v)}`).toEqual([]);
    // The page itself never scrolls sideways on a phone (wide tables scroll inside their own region).
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(wide, `${path} is wider than the phone`).toBeLessThanOrEqual(0);
  }

  it('finds nothing serious or critical, and nothing wider than the phone', async () => {
    await login(page, DEMO_STAFF.head, DEMO_PASSWORD);
    for (const path of [
      '/surat/berkas',
      '/surat/pantau',
      '/skp',
      '/skp/pohon',
      '/skp/harian',
      '/skp/persetujuan',
      '/skp/distribusi',
      '/skp/tpp/saya',
    ])
      await check(path);
    // Opening the head's SKP shows the drafting forms.
    await page.goto('/skp');
    await page.getByTestId('skp-create').click();
    await page.waitForURL(/\/skp\/\d+$/);
    await check(new URL(page.url()).pathname);
    await logout(page);
    await login(page, 'admin', DEMO_PASSWORD);
    for (const path of ['/surat/jra', '/surat/berkas', '/skp/tpp', '/skp/distribusi']) await check(path);
    await logout(page);
  });
});
