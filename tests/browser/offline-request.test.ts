// A citizen without signal on a 360×740 phone: the filled-in request waits in
// the phone's outbox (localStorage), is sent by itself when the signal comes
// back, and is created exactly once — another 'online' event, a reload, or
// even replaying the same outbox entry (same idempotency key) adds nothing.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  launchBrowser,
  login,
  newPhoneContext,
  startServer,
  tinyPng,
  type TestServer,
} from './helpers.js';

const LETTER = 'domisili';
const PURPOSE = 'Mendaftar sekolah anak (dikirim tanpa sinyal)';

describe('offline request through the outbox (phone)', () => {
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

  const outbox = () => page.evaluate(() => JSON.parse(localStorage.getItem('pamong-outbox') || '[]') as unknown[]);
  const posts = () => server.wireLog().filter((e) => e.method === 'POST' && e.url === '/layanan');
  /** The citizen's requests of this type, through the JSON API (with the page's cookies) and in the database. */
  async function mine() {
    const res = await page.request.get('/api/v1/requests/mine');
    expect(res.status()).toBe(200);
    const api = (
      (await res.json()) as {
        items: { trackingCode: string; type: { code: string }; status: string; stage: string | null }[];
      }
    ).items.filter((r) => r.type.code === LETTER);
    const db = await server.database.db
      .selectFrom('service_requests as r')
      .innerJoin('users as u', 'u.id', 'r.submitted_by')
      .select(['r.tracking_code', 'r.idempotency_key', 'r.purpose'])
      .where('u.username', '=', 'warga')
      .execute();
    return { api, db };
  }

  it('keeps the request on the phone while offline and sends it once when back online', async () => {
    await login(page, 'warga', DEMO_PASSWORD);
    await page.goto(`/layanan/baru?jenis=${LETTER}`);
    const form = page.getByTestId('request-form');
    await form.waitFor();
    await page.getByTestId('for-yourself').waitFor(); // a citizen files for themself: no resident to pick
    await form.locator('textarea[name=purpose]').fill(PURPOSE);
    await form
      .locator('input[name=file_ktp]')
      .setInputFiles({ name: 'ktp.png', mimeType: 'image/png', buffer: tinyPng([10, 120, 60]) });
    await form
      .locator('input[name=file_kk]')
      .setInputFiles({ name: 'kk.png', mimeType: 'image/png', buffer: tinyPng([120, 60, 10]) });
    const key = await form.locator('input[name=idempotencyKey]').inputValue();
    expect(key).toMatch(/^[A-Za-z0-9_-]{8,64}$/);

    // 1. No signal: submitting keeps the request in the outbox and says so.
    await context.setOffline(true);
    await expect(page.evaluate(() => navigator.onLine)).resolves.toBe(false);
    await page.getByTestId('request-submit').click();
    const notice = page.getByTestId('outbox-notice');
    await notice.waitFor();
    await expect(page.getByTestId('outbox-count').textContent()).resolves.toBe('1 permohonan menunggu dikirim');
    expect(await notice.textContent()).toContain('Menunggu sinyal');
    await expect(page.getByTestId('request-submit').isDisabled()).resolves.toBe(true);
    const queued = await outbox();
    expect(queued).toHaveLength(1);
    const entry = queued[0] as { fields: [string, string][]; files: [string, string, string, string][] };
    expect(entry.fields).toEqual(
      expect.arrayContaining([
        ['idempotencyKey', key],
        ['letterType', LETTER],
        ['purpose', PURPOSE],
      ]),
    );
    expect(entry.files.map((f) => f[0]).sort()).toEqual(['file_kk', 'file_ktp']);
    expect(posts(), 'nothing sent while offline').toHaveLength(0);
    expect((await mine()).db).toHaveLength(0);

    // 2. Signal is back: the outbox sends the request by itself and empties.
    await context.setOffline(false);
    await notice.waitFor({ state: 'detached', timeout: 15_000 });
    await expect(outbox()).resolves.toEqual([]);
    const sent = await mine();
    expect(sent.api).toHaveLength(1);
    expect(sent.db).toHaveLength(1);
    expect(sent.db[0]).toMatchObject({ idempotency_key: key, purpose: PURPOSE });
    expect(sent.api[0]).toMatchObject({ trackingCode: sent.db[0]!.tracking_code, status: 'in_progress', stage: 'rt' });
    expect(posts()).toHaveLength(1);
    // Both photos arrived with it.
    const attachments = await server.database.db
      .selectFrom('request_attachments as a')
      .innerJoin('service_requests as r', 'r.id', 'a.request_id')
      .select('a.kind')
      .where('r.idempotency_key', '=', key)
      .execute();
    expect(attachments.map((a) => a.kind).sort()).toEqual(['kk', 'ktp']);

    // 3. Another 'online' event and a reload: nothing is left to send, nothing new is created.
    await context.setOffline(true);
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.reload();
    await page.waitForLoadState('networkidle');
    await expect(page.getByTestId('outbox-notice').count()).resolves.toBe(0);
    expect(posts()).toHaveLength(1);

    // 4. Even the same entry sent again (say, the phone lost the answer) is the same request: same idempotency key.
    await page.evaluate((items) => localStorage.setItem('pamong-outbox', JSON.stringify(items)), queued);
    await page.reload();
    await page.waitForFunction(
      () => !localStorage.getItem('pamong-outbox') || localStorage.getItem('pamong-outbox') === '[]',
      undefined,
      { timeout: 15_000 },
    );
    // The outbox empties once the answer is in (no 'networkidle' here: Playwright keeps counting the redirected fetch).
    await expect.poll(() => posts().length).toBe(2);
    expect(posts()[1]!.status).toBeLessThan(500);
    const after = await mine();
    expect(after.api).toHaveLength(1);
    expect(after.db).toHaveLength(1);
    expect(after.db[0]!.tracking_code).toBe(sent.db[0]!.tracking_code);
    await expect(page.getByTestId('outbox-notice').count()).resolves.toBe(0);
  });
});
