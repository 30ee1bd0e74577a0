// E-Kinerja on a 360×740 phone (issue 16, "Done when"): a staff member with an agreed SKP (monthly plans proposed at
// agreement) and a November of attendance — one day absent without reason, one day 15 minutes late — logs an
// activity with a photo while the phone has no signal; back online the outbox sends it and exactly one log is
// stored. The superior approves it in the browser, rates November (results above, behaviours as expected: Baik),
// and the TPP row for November on /skp/tpp equals the hand computation below, under a scheme set by this test.
// No page visited scrolls sideways at 360 px.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/kernel/context.js';
import { fixedClock } from '../../src/lib/clock.js';
import type { SkpLogTables } from '../../src/modules/skp/logs-repo.js';
import { BERAKHLAK } from '../../src/modules/skp/policy.js';
import { DEMO_OFFICE, DEMO_STAFF } from '../../src/seed/demo.js';
import {
  apiLogin,
  DEMO_PASSWORD,
  launchBrowser,
  login,
  newPhoneContext,
  startServer,
  tinyPng,
  type TestServer,
} from './helpers.js';

/** The city's TPP scheme for this test (a TPP_SCHEME_FILE): not the shipped example's numbers. */
const SCHEME = {
  _sumber: 'Uji: skema TPP buatan tes perjalanan E-Kinerja.',
  performanceShare: 70,
  disciplineShare: 30,
  predikatFactor: { sangat_baik: 100, baik: 90, butuh_perbaikan: 75, kurang: 50, sangat_kurang: 25 },
  stopAbsences: [],
  basicPerClass: { '9': 4_250_000 },
};
const KELAS = 9;

// November 2026 has no national holiday or cuti bersama (reference/kalender-libur-2026.csv): its working days are
// Monday to Friday, 2–6, 9–13, 16–20, 23–27 and 30 November.
const WORKING_DAYS = [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24, 25, 26, 27, 30];
const ABSENT_DAY = 11; // no check-in, no absence request: tanpa keterangan
const LATE_DAY = 16; // checked in 07:45, the schedule starts 07:30: 15 minutes late, band TL1

/*
 * The hand computation (default E-Presensi rules, work-schedule/bands.ts; formula of tpp-rules.ts):
 *   cuts        = 3 % (one day tanpa keterangan) + 0.5 % (TL1: 1–30 minutes late)  = 3.5 %
 *   performance = 70 % share × 90 % (predikat Baik)                                 = 63 %
 *   discipline  = 30 % share × (100 − 3.5) %                                        = 28.95 %
 *   paid days   = 21 of 21 working days (no absence stops TPP)
 *   TPP         = Rp4.250.000 × (63 % + 28.95 %) × 21/21 = Rp4.250.000 × 0.9195     = Rp3.907.875
 */
const EXPECTED_CUT = 3.5;
const EXPECTED_TPP = 3_907_875;

const wib = (day: number, hhmm: string) => `2026-11-${String(day).padStart(2, '0')}T${hhmm}:00+07:00`;

describe('E-Kinerja on a phone: offline log with a photo → approval → evaluation → TPP', () => {
  // The server's clock: the demo city is set up on Sunday 1 November (so every working day of November is within
  // the staff's registration), the month is lived through the services, and the browser part runs on 1 December.
  const clock = fixedClock('2026-11-01T05:00:00Z');
  let dir: string;
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pamong-skp-journey-'));
    const schemeFile = join(dir, 'tpp-skema.json');
    await writeFile(schemeFile, JSON.stringify(SCHEME));
    server = await startServer({ clock, env: { TPP_SCHEME_FILE: schemeFile } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function ctxOf(username: string): Promise<Ctx> {
    const token = await apiLogin(server.url, username, DEMO_PASSWORD);
    const session = await server.services.accounts.authenticate(token);
    return { scope: session!.scope, actorName: username, ip: '127.0.0.1' };
  }
  async function phone(username: string): Promise<Page> {
    const context = await newPhoneContext(browser, server.url);
    contexts.push(context);
    const page = await context.newPage();
    await login(page, username, DEMO_PASSWORD);
    return page;
  }
  /** The page fits 360 px: nothing scrolls sideways. */
  async function fits(page: Page) {
    const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(scroll, `${page.url()} is ${scroll}px wide`).toBeLessThanOrEqual(inner!);
  }
  const logs = (employeeId: number) =>
    server.database.db
      .withTables<SkpLogTables>()
      .selectFrom('skp_daily_logs')
      .select(['id', 'quantity', 'minutes', 'evidence_file_id', 'status', 'idempotency_key'])
      .select(sql<string>`log_date::text`.as('log_date'))
      .where('employee_id', '=', employeeId)
      .execute();

  it('logs offline once, is approved, rated Baik, and paid the hand-computed TPP', async () => {
    const S = server.services;
    // ── The starting point, written by the use cases ──
    const [staff, head, admin] = await Promise.all([ctxOf(DEMO_STAFF.staff), ctxOf(DEMO_STAFF.head), ctxOf('admin')]);
    const staffRow = (await S.employees.me(staff))!;
    clock.set('2026-11-02T00:00:00Z');
    const skpId = await S.skp.create(staff, 2026);
    const resultId = await S.skp.addResult(staff, skpId, {
      kind: 'utama',
      text: 'Tersedianya aplikasi layanan perizinan yang andal',
    });
    await S.skp.addIndicator(staff, skpId, {
      resultId,
      text: 'Jumlah perbaikan aplikasi yang diselesaikan',
      aspect: 'kuantitas',
      target: '48',
      unitLabel: 'perbaikan',
    });
    await S.skp.submit(staff, skpId);
    await S.skp.agree(head, skpId);
    await S.skpTpp.setClass(admin, staffRow.id, KELAS);
    // November at the office: in at 07:30 (07:45 on the late day), out at 16:35; nothing on the absent day.
    for (const day of WORKING_DAYS) {
      if (day === ABSENT_DAY) continue;
      for (const [kind, at] of [
        ['masuk', wib(day, day === LATE_DAY ? '07:45' : '07:30')],
        ['pulang', wib(day, '16:35')],
      ] as const) {
        clock.set(at);
        await S.attendance.checkIn(staff, {
          idempotencyKey: randomBytes(12).toString('hex'),
          kind,
          lat: DEMO_OFFICE.lat,
          lon: DEMO_OFFICE.lon,
          accuracy: 10,
        });
      }
    }
    clock.set('2026-12-01T02:00:00Z'); // Tuesday 1 December, 09:00 WIB

    // ── The staff member logs Monday's work with a photo, without signal ──
    const sp = await phone(DEMO_STAFF.staff);
    await sp.goto('/skp/harian');
    await sp.getByTestId('log-form').waitFor();
    await fits(sp);
    await sp.getByTestId('log-date').fill('2026-11-30');
    const targets = await sp
      .getByTestId('log-target')
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    await sp.getByTestId('log-target').selectOption(targets.find((v) => v.startsWith(`${resultId}:`))!);
    await sp.getByTestId('log-quantity').fill('2');
    await sp.getByTestId('log-minutes').fill('150');
    await sp.getByTestId('log-description').fill('Memperbaiki formulir izin usaha mikro dan mengujinya');
    await sp
      .getByTestId('log-evidence')
      .setInputFiles({ name: 'layar.png', mimeType: 'image/png', buffer: tinyPng([30, 120, 200], 64) });
    await sp.context().setOffline(true);
    await expect(sp.evaluate(() => navigator.onLine)).resolves.toBe(false);
    await sp.getByTestId('log-submit').click();
    const notice = sp.getByTestId('outbox-notice');
    await notice.waitFor();
    await expect(sp.getByTestId('outbox-count').textContent()).resolves.toMatch(/^1 /);
    await fits(sp);
    expect(await logs(staffRow.id)).toHaveLength(0);

    await sp.context().setOffline(false);
    await notice.waitFor({ state: 'detached', timeout: 20_000 });
    await expect.poll(async () => (await logs(staffRow.id)).length, { timeout: 15_000 }).toBe(1);
    const [log] = await logs(staffRow.id);
    expect(log).toMatchObject({ log_date: '2026-11-30', minutes: 150, status: 'diajukan' });
    expect(Number(log!.quantity)).toBe(2);
    expect(log!.evidence_file_id).not.toBeNull();
    // The phone said it was sent; a reload sends nothing again: still exactly one (the page lists December's logs).
    await sp.getByTestId('outbox-sent').waitFor();
    await sp.reload();
    await sp.getByTestId('log-form').waitFor();
    await expect(sp.evaluate(() => localStorage.getItem('pamong-outbox') || '[]')).resolves.toBe('[]');
    await fits(sp);
    expect(await logs(staffRow.id)).toHaveLength(1);

    // ── The superior approves it with one tap ──
    const hp = await phone(DEMO_STAFF.head);
    await hp.goto('/skp/persetujuan');
    await hp.getByTestId(`review-row-${log!.id}`).waitFor();
    await fits(hp);
    await Promise.all([hp.waitForURL(/\/skp\/persetujuan/), hp.getByTestId(`review-approve-${log!.id}`).click()]);
    await hp.getByTestId('review-none').waitFor();
    await fits(hp);
    expect((await logs(staffRow.id))[0]!.status).toBe('disetujui');

    // ── Month-end: November rated — results above expectations, behaviours as expected: Baik ──
    await hp.goto(`/skp/${skpId}/evaluasi?periode=2026-11`);
    await hp.getByTestId('eval-form').waitFor();
    await fits(hp);
    await hp.getByTestId(`r_${resultId}-di_atas`).check();
    for (const c of BERAKHLAK) await hp.getByTestId(`b_${c}-sesuai`).check();
    await Promise.all([hp.waitForURL(/periode=2026-11/), hp.getByTestId('eval-submit').click()]);
    await expect(hp.getByTestId('eval-predikat').textContent()).resolves.toContain('Baik');
    await expect(hp.getByTestId('eval-predikat').textContent()).resolves.not.toContain('Sangat Baik');
    await fits(hp);

    // ── TPP for November, as the head's TPP page computes it ──
    const unit = (await S.employees.units(admin)).find((u) => u.id === staffRow.unit_id)!;
    await hp.goto(`/skp/tpp?unit=${unit.id}&bulan=2026-11`);
    const row = hp.getByTestId(`tpp-row-${staffRow.id}`);
    await row.waitFor();
    await fits(hp);
    const tpp = await S.skpTpp.rows(head, unit.id, '2026-11');
    const mine = tpp.rows.find((r) => r.employeeId === staffRow.id)!;
    expect(mine).toMatchObject({
      kelas: KELAS,
      basic: 4_250_000,
      predikat: 'baik',
      cutPercent: EXPECTED_CUT,
      workingDays: WORKING_DAYS.length,
      stoppedDays: 0,
      amount: EXPECTED_TPP,
    });
    const shown = (await hp.getByTestId(`tpp-amount-${staffRow.id}`).textContent()) ?? '';
    expect(shown.replace(/\D/g, '')).toBe(String(EXPECTED_TPP));
  });
});
