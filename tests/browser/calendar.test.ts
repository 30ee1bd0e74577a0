// The BKPSDM's yearly task on a 360×740 phone, from the demo city as
// `npm start` leaves it (the shipped 2026 calendar loaded): the admin home
// warns that the coming year has no national calendar; the admin follows the
// menu to the holiday calendar, uploads the year's CSV, reads what was
// imported, and the warning is gone. axe on both pages: nothing serious.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, formatViolations } from './helpers-axe.js';
import { DEMO_PASSWORD, launchBrowser, login, newPhoneContext, startServer, type TestServer } from './helpers.js';

describe('the national calendar of the coming year (phone)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let tmp: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    context = await newPhoneContext(browser, server.url);
    page = await context.newPage();
    tmp = await mkdtemp(join(tmpdir(), 'pamong-kalender-'));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const noSeriousViolations = async (where: string) => {
    const v = await axeViolations(page);
    expect(v, `${where}: ${formatViolations(v)}`).toEqual([]);
  };

  it('is warned about on the admin home, imported from the calendar page, and the warning goes', async () => {
    // The server runs on the real clock: the coming year is the one after today's.
    const next = new Date().getUTCFullYear() + 1;
    await login(page, 'admin', DEMO_PASSWORD);
    await page.goto('/');
    const warning = page.getByTestId(`calendar-warning-${next}`);
    await expect(warning.textContent()).resolves.toContain(`Kalender libur nasional ${next} belum ada`);
    await noSeriousViolations('/');

    const menu = page.getByTestId('site-menu');
    await menu.locator('summary').click();
    await Promise.all([
      page.waitForLoadState('load'),
      menu.getByRole('link', { name: 'Kalender libur', exact: true }).click(),
    ]);
    expect(new URL(page.url()).pathname).toBe('/pegawai/kalender');
    await noSeriousViolations('/pegawai/kalender');

    const file = join(tmp, `kalender-libur-${next}.csv`);
    await writeFile(
      file,
      [
        `# sumber: SKB uji ${next}`,
        'date,end,kind,name',
        `${next}-01-01,,libur_nasional,Tahun Baru ${next} Masehi`,
        `${next}-12-25,,libur_nasional,Kelahiran Yesus Kristus`,
      ].join('\n'),
    );
    await page.locator('#f-file').setInputFiles(file);
    await Promise.all([page.waitForLoadState('load'), page.getByTestId('calendar-upload-submit').click()]);
    await expect(page.getByTestId('calendar-import-summary').textContent()).resolves.toContain(
      `Kalender ${next} diimpor dari SKB uji ${next}: 2 entri baru`,
    );
    await expect(page.getByTestId(`calendar-warning-${next}`).count()).resolves.toBe(0);
    await page.goto('/');
    await expect(page.getByTestId(`calendar-warning-${next}`).count()).resolves.toBe(0);
  });
});
