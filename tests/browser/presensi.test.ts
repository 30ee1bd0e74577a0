// A civil servant checks in from a 360×740 phone with a faked position: refused
// ~300 m from the office (the message names the distance and the office, nothing
// is recorded), accepted ~30 m from it, and — with the network cut in the
// browser — the check-out waits in the phone's outbox with its device time and
// reaches the server exactly once when the signal returns, also across a reload.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttendanceTables } from '../../src/modules/attendance/tables.js';
import { DEMO_OFFICE, DEMO_STAFF } from '../../src/seed/demo.js';
import { DEMO_PASSWORD, launchBrowser, login, newPhoneContext, startServer, type TestServer } from './helpers.js';

/** A point `m` metres north of the office (one degree of latitude ≈ 111,320 m). */
const north = (m: number) => ({ latitude: DEMO_OFFICE.lat + m / 111_320, longitude: DEMO_OFFICE.lon, accuracy: 10 });
const OFFICE = 'Kantor Wali Kota Probolinggo';

describe('E-Presensi on a phone: geofence, offline check-out, exactly once', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    // One at a time, so that afterAll can close whatever did start even if the other failed.
    server = await startServer();
    browser = await launchBrowser();
    context = await newPhoneContext(browser, server.url);
    await context.grantPermissions(['geolocation'], { origin: server.url });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.close();
  });

  /** The staff member's attendance records, straight from the database. */
  const records = () =>
    server.database.db
      .withTables<AttendanceTables>()
      .selectFrom('attendance_records as r')
      .innerJoin('employees as e', 'e.id', 'r.employee_id')
      .select([
        'r.idempotency_key',
        'r.kind',
        'r.taken_at',
        'r.device_time',
        'r.received_at',
        'r.sent_late',
        'r.flags',
        'r.distance_m',
      ])
      .where('e.nip', '=', DEMO_STAFF.staff)
      .orderBy('r.received_at')
      .execute();
  const outbox = () =>
    page.evaluate(
      () =>
        JSON.parse(localStorage.getItem('pamong-outbox') || '[]') as { action: string; fields: [string, string][] }[],
    );
  const posts = () => server.wireLog().filter((e) => e.method === 'POST' && e.url === '/presensi/absen');
  /** Taps a check-in button and waits for the page app.js writes from the server's answer. */
  async function tap(kind: 'masuk' | 'pulang') {
    const before = posts().length;
    await page.getByTestId(`submit-${kind}`).click();
    await expect.poll(() => posts().length, { timeout: 15_000 }).toBe(before + 1);
    await page.waitForLoadState('domcontentloaded');
  }

  it('refuses outside the geofence, records inside, and delivers an offline check-out once', async () => {
    // Signing in as a civil servant leads to the check-in page.
    await login(page, DEMO_STAFF.staff, DEMO_PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/presensi');
    await page.getByTestId('checkin-masuk').waitFor();
    await page.getByTestId('records-none').waitFor();

    // 1. About 300 m away: refused with the distance and the office, nothing stored.
    await context.setGeolocation(north(300));
    await tap('masuk');
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    const refusal = (await summary.textContent()) ?? '';
    expect(refusal).toMatch(/Anda di luar area presensi: (\d+) m dari Kantor Wali Kota Probolinggo \(batas 100 m\)/);
    const distance = Number(/: (\d+) m dari/.exec(refusal)![1]);
    expect(distance).toBeGreaterThanOrEqual(290);
    expect(distance).toBeLessThanOrEqual(310);
    expect(posts().at(-1)!.status).toBe(422);
    await expect(page.getByTestId('checkin-done').count()).resolves.toBe(0);
    expect(await records()).toHaveLength(0);

    // 2. About 30 m from the office: recorded, shown as done and in today's records.
    // Walking 270 m takes longer than the 30 s position cache app.js allows (maximumAge);
    // opening the page afresh stands in for that wait, so the new position is read.
    await context.setGeolocation(north(30));
    await page.goto('/presensi');
    await tap('masuk');
    await page.getByTestId('checkin-done').waitFor();
    await page.getByTestId('records-today').getByTestId('record-masuk').waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/presensi?tercatat=masuk');
    const afterIn = await records();
    expect(afterIn).toHaveLength(1);
    expect(afterIn[0]).toMatchObject({ kind: 'masuk', sent_late: false, flags: [] });
    expect(afterIn[0]!.distance_m).toBeGreaterThanOrEqual(25);
    expect(afterIn[0]!.distance_m).toBeLessThanOrEqual(35);
    expect(await page.getByTestId('records-today').textContent()).toContain(OFFICE);

    // 3. No signal: the check-out waits on the phone with its device time, nothing reaches the server.
    const postsBefore = posts().length;
    await context.setOffline(true);
    await expect(page.evaluate(() => navigator.onLine)).resolves.toBe(false);
    const key = await page.getByTestId('checkin-pulang').locator('input[name=idempotencyKey]').inputValue();
    await page.getByTestId('submit-pulang').click();
    const notice = page.getByTestId('outbox-notice');
    await notice.waitFor();
    await expect(page.getByTestId('outbox-count').textContent()).resolves.toMatch(/^1 /);
    await expect(page.getByTestId('submit-pulang').isDisabled()).resolves.toBe(true);
    const queued = await outbox();
    expect(queued).toHaveLength(1);
    const fields = new Map(queued[0]!.fields);
    expect(queued[0]!.action).toBe('/presensi/absen');
    expect(fields.get('kind')).toBe('pulang');
    expect(fields.get('idempotencyKey')).toBe(key);
    expect(fields.get('queued')).toBe('1');
    expect(Number(fields.get('lat'))).toBeCloseTo(north(30).latitude, 6);
    const deviceTime = fields.get('deviceTime')!;
    expect(deviceTime).toMatch(/^\d{4}-\d{2}-\d{2}T[0-9:.]+Z$/);
    expect(posts()).toHaveLength(postsBefore);
    expect(await records()).toHaveLength(1);

    // 4. Signal is back: the outbox sends the check-out by itself and empties.
    await context.setOffline(false);
    await expect(page.evaluate(() => navigator.onLine)).resolves.toBe(true);
    // Chromium fires 'online' itself when the emulated network returns; the outbox reacts to that alone.
    await notice.waitFor({ state: 'detached', timeout: 15_000 });
    await expect(outbox()).resolves.toEqual([]);
    await expect.poll(async () => (await records()).length, { timeout: 10_000 }).toBe(2);
    const delivered = (await records()).filter((r) => r.idempotency_key === key);
    expect(delivered).toHaveLength(1);
    const out = delivered[0]!;
    expect(out.kind).toBe('pulang');
    // The server kept the device time taken when the button was tapped offline.
    expect(new Date(out.device_time).toISOString()).toBe(new Date(deviceTime).toISOString());
    const late = new Date(out.received_at).getTime() - new Date(out.device_time).getTime() > 5 * 60_000;
    expect(out.sent_late).toBe(late);
    expect(out.flags).toEqual(late ? ['dikirim_terlambat'] : []);
    if (!late) expect(new Date(out.taken_at).toISOString()).toBe(new Date(deviceTime).toISOString());
    expect(posts().slice(postsBefore)).toHaveLength(1);
    expect(posts().at(-1)!.status).toBe(303);

    // 5. A reload flushes again: nothing is left to send, and nothing new is created.
    await page.reload();
    await page.getByTestId('records-today').getByTestId('record-pulang').waitFor();
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect(page.getByTestId('outbox-notice').count()).resolves.toBe(0);
    expect(posts().slice(postsBefore)).toHaveLength(1);

    // 6. Even the same outbox entry replayed (the phone lost the answer) is the same record: same idempotency key.
    await page.evaluate((items) => localStorage.setItem('pamong-outbox', JSON.stringify(items)), queued);
    await page.reload();
    await page.waitForFunction(() => (localStorage.getItem('pamong-outbox') || '[]') === '[]', undefined, {
      timeout: 15_000,
    });
    await expect.poll(() => posts().slice(postsBefore).length).toBe(2);
    expect(posts().at(-1)!.status).toBeLessThan(500);
    const final = await records();
    expect(final).toHaveLength(2);
    expect(final.filter((r) => r.idempotency_key === key)).toHaveLength(1);
    expect(final.map((r) => r.kind)).toEqual(['masuk', 'pulang']);
  });
});
