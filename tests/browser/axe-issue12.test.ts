// axe-core on the pages issue 12 added or changed that the journeys do not
// walk: the offices' kop and signers (/kantor), an official's identity, the
// privacy notice, the request form and the SIAK import — at 360×740, nothing
// serious or critical.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('accessibility of the issue 12 pages (phone)', () => {
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
  }

  it('finds nothing serious or critical', async () => {
    await check('/privasi');
    await login(page, 'lurah', DEMO_PASSWORD);
    const kel = await server.database.db
      .selectFrom('users')
      .select('region_code')
      .where('username', '=', 'lurah')
      .executeTakeFirstOrThrow();
    await check('/kantor');
    await check(`/kantor/${kel.region_code}`);
    await check('/warga/impor');
    await logout(page);
    await login(page, 'admin', DEMO_PASSWORD);
    const staf = await server.database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'staf.kel')
      .executeTakeFirstOrThrow();
    await check(`/pengguna/${staf.id}/identitas`);
    await check('/pengguna');
    await logout(page);
    await login(page, 'ketua.rt', DEMO_PASSWORD);
    await check('/layanan/baru?jenis=kematian');
    await logout(page);
  });
});
