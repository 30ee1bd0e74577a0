// Issue 14: an hourly permit removes a TL band from that day's status. On a
// 360×740 phone, the demo civil servant — who checked in at 08:40 on a
// working Tuesday (the server runs on a fake clock; the record is written
// straight into the database, as the phone would have sent it) — sees
// "Terlambat (TL3)", asks for an izin terlambat 07:30–09:00 with the form,
// the demo head (their direct superior) approves it from the queue, and the
// day then reads "Hadir" with the permit shown and no band.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.js';
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

// Tuesday 10 November 2026, 09:00 WIB: a working day with no holiday.
const DAY = '2026-11-10';
const clock = fixedClock(`${DAY}T02:00:00Z`);

describe('an hourly permit on a phone: asked, approved by the superior, the TL band gone', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({ clock });
    browser = await launchBrowser();
    context = await newPhoneContext(browser, server.url);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.close();
  });

  const dayStatus = async () => {
    const tag = page.getByTestId('today').getByTestId('day-status');
    return { text: ((await tag.textContent()) ?? '').trim(), bands: await tag.getAttribute('data-bands') };
  };

  it('a late check-in shows TL3; after the approved permit the day is Hadir without a band', async () => {
    // The late check-in: 08:40 WIB at the office, as the phone sent it.
    await server.database.pool.query(
      `insert into attendance_records (employee_id, idempotency_key, kind, taken_at, device_time, received_at, work_date, lat, lon, accuracy_m)
       select e.id, 'browser-terlambat-01', 'masuk', $2, $2, $2, $3, -7.7569, 113.2151, 10 from employees e where e.nip = $1`,
      [DEMO_STAFF.staff, `${DAY}T01:40:00Z`, DAY],
    );

    // 1. The civil servant sees the band.
    await login(page, DEMO_STAFF.staff, DEMO_PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/presensi');
    expect(await dayStatus()).toEqual({ text: 'Terlambat (TL3)', bands: 'TL3' });

    // 2. Asks for an izin terlambat from the link on the attendance page.
    await page.getByRole('link', { name: 'Izin jam', exact: true }).first().click();
    await page.waitForURL((u) => u.pathname === '/presensi/izin-jam');
    const form = page.getByTestId('permit-form');
    await form.getByTestId('permit-kind').selectOption('terlambat');
    expect(await form.getByTestId('permit-date').inputValue()).toBe(DAY);
    await form.getByTestId('permit-start').fill('07:30');
    await form.getByTestId('permit-end').fill('09:00');
    await form.getByTestId('permit-reason').fill('Mengantar anak ke puskesmas');
    await Promise.all([page.waitForURL((u) => u.search === '?diajukan=1'), form.getByTestId('permit-submit').click()]);
    await page.getByTestId('permit-done').waitFor();
    const row = page.locator('[data-testid^="permit-row-"]').first();
    const id = Number(((await row.getAttribute('data-testid')) ?? '').replace('permit-row-', ''));
    expect(id).toBeGreaterThan(0);
    expect(await row.textContent()).toContain('Menunggu keputusan');
    expect(await row.textContent()).toContain('10 November 2026, pukul 07:30–09:00 WIB');
    // Still late until the superior decides.
    await page.goto('/presensi');
    expect((await dayStatus()).bands).toBe('TL3');
    await logout(page);

    // 3. The demo head, the direct superior, approves it from the queue (reached from the team page).
    await login(page, DEMO_STAFF.head, DEMO_PASSWORD);
    await page.goto('/presensi/tim');
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/presensi/izin-jam/putuskan'),
      page.getByRole('link', { name: 'Izin jam menunggu keputusan' }).click(),
    ]);
    await page.getByTestId(`permit-row-${id}`).waitFor();
    await Promise.all([
      page.waitForURL((u) => u.search.startsWith('?keputusan=disetujui')),
      page.getByTestId(`permit-approve-${id}`).click(),
    ]);
    await page.getByTestId('permit-decision-done').waitFor();
    await expect(page.getByTestId(`permit-row-${id}`).count()).resolves.toBe(0);
    await logout(page);

    // 4. The civil servant's day: no TL band, and the permit that cancelled it.
    await login(page, DEMO_STAFF.staff, DEMO_PASSWORD);
    expect(await dayStatus()).toEqual({ text: 'Hadir', bands: '' });
    expect(await page.getByTestId('today').getByTestId('day-permit').textContent()).toBe(
      'Izin terlambat datang: TL3 tidak dihitung',
    );
    await page.goto('/presensi/izin-jam');
    expect(await page.getByTestId(`permit-row-${id}`).textContent()).toContain('Disetujui');
  });
});
