// Issue 13's journey on a 360×740 phone, from the demo city as `npm start`
// leaves it: the RT head finds the integrity pact in the menu and signs it;
// the lurah finds it too and countersigns; the pact PDF's text carries the
// lurah's NIP and no stray glyph; the head reports a kerja bakti with no
// signal and it arrives once when the signal returns; the lurah confirms it
// and the head's score moves by what the configured weights say.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { score, type HeadFigures, type ScoreWeights } from '../../src/modules/kinerja/rules.js';
import { DEMO_OFFICIALS } from '../../src/seed/demo.js';
import { waitFor } from '../helpers/wait.js';
import { axeViolations, formatViolations } from './helpers-axe.js';
import {
  DEMO_PASSWORD,
  launchBrowser,
  login,
  logout,
  newPhoneContext,
  startServer,
  tinyPng,
  type TestServer,
} from './helpers.js';

interface MineAnswer {
  weights: ScoreWeights;
  head: (Omit<HeadFigures, 'medianSeconds'> & { medianSeconds: number | null; score: number; userId: number }) | null;
}

describe('RT/RW programme from day one (phone)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let tmp: string;

  beforeAll(async () => {
    [server, browser, tmp] = await Promise.all([
      startServer(),
      launchBrowser(),
      mkdtemp(join(tmpdir(), 'pamong-rtrw-')),
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

  const mine = async (): Promise<MineAnswer> => {
    const res = await page.request.get('/api/v1/kinerja/saya');
    expect(res.status()).toBe(200);
    return (await res.json()) as MineAnswer;
  };

  it('the head signs the pact from the menu, the lurah countersigns, the PDF names the lurah by NIP', async () => {
    await login(page, 'ketua.rt', DEMO_PASSWORD);
    await fromMenu('Pakta Integritas');
    expect(page.url()).toContain('/rt-rw/pakta');
    await expect(page.getByTestId('pact-text').textContent()).resolves.toContain('Pakta Integritas');
    await Promise.all([page.waitForLoadState('load'), page.getByTestId('pact-sign').click()]);
    await page.getByTestId('pact-signed').waitFor();
    await logout(page);

    await login(page, 'lurah', DEMO_PASSWORD);
    await fromMenu('Pakta Integritas');
    const waiting = page.getByTestId('countersign-list').locator('li');
    await expect(waiting.count(), 'the head’s signature waits for the lurah').resolves.toBe(1);
    const id = (await waiting.first().getAttribute('data-testid'))!.replace('signature-', '');
    await Promise.all([page.waitForLoadState('load'), page.getByTestId(`pact-countersign-${id}`).click()]);
    await waitFor(
      async () =>
        (
          await sql<{ countersigned_at: Date | null }>`
            select countersigned_at from pact_signatures where id = ${Number(id)}`.execute(server.database.db)
        ).rows[0]?.countersigned_at != null,
      { message: 'the countersignature is stored' },
    );

    const href = await page.getByTestId(`pact-pdf-${id}`).getAttribute('href');
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    const file = join(tmp, 'pakta.pdf');
    await writeFile(file, await pdf.body());
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(DEMO_OFFICIALS.lurah);
    expect(text).toContain('RT 001 / RW 001');
    expect(text).not.toContain('RT RT');
    // Stray glyphs: letters a font could not carry come out as Ð, � or nothing at all.
    expect(text).not.toMatch(/[Ð\uFFFD]/);
    expect(text).toMatch(
      /\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}/,
    );
    await logout(page);
  });

  it('a kerja bakti reported with no signal arrives once; the lurah confirms it and the score moves by its weight', async () => {
    await login(page, 'ketua.rt', DEMO_PASSWORD);
    const before = await mine();
    expect(before.head, 'the demo RT head is in office').not.toBeNull();

    await fromMenu('Kegiatan warga');
    const form = page.getByTestId('activity-form');
    await form.waitFor();
    await form.locator('select[name=kind]').selectOption('kerja_bakti');
    await form.locator('textarea[name=description]').fill('Kerja bakti membersihkan saluran air RT 001');
    await form.locator('input[name=participants]').fill('23');
    await form
      .locator('input[name=photo]')
      .setInputFiles({ name: 'kerja-bakti.png', mimeType: 'image/png', buffer: tinyPng([30, 140, 70], 32) });
    const key = await form.locator('input[name=idempotencyKey]').inputValue();
    const rows = async () =>
      (
        await sql<{ id: number; status: string; participants: number }>`
          select id, status, participants from community_activities where idempotency_key = ${key}`.execute(
          server.database.db,
        )
      ).rows;

    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/kegiatan')) posts.push(r.url());
    });
    await context.setOffline(true);
    await page.getByTestId('activity-submit').click();
    const notice = page.getByTestId('outbox-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Menunggu sinyal');
    expect(posts, 'nothing leaves the phone without a signal').toHaveLength(0);
    await expect(rows()).resolves.toHaveLength(0);

    await context.setOffline(false);
    await notice.waitFor({ state: 'detached', timeout: 15_000 });
    await waitFor(async () => (await rows()).length === 1, { message: 'the report arrives' });
    // Another "online" and a reload send nothing more.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.reload();
    await page.waitForLoadState('networkidle');
    const sent = await rows();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ status: 'dilaporkan', participants: 23 });
    expect(posts).toHaveLength(1);
    await logout(page);

    await login(page, 'lurah', DEMO_PASSWORD);
    await fromMenu('Kegiatan warga');
    const confirm = page.getByTestId(`activity-confirm-${sent[0]!.id}`);
    await Promise.all([page.waitForLoadState('load'), confirm.click()]);
    await waitFor(async () => (await rows())[0]!.status === 'dikonfirmasi', { message: 'the lurah’s confirmation' });
    await logout(page);

    await login(page, 'ketua.rt', DEMO_PASSWORD);
    const after = await mine();
    const b = before.head!;
    const a = after.head!;
    expect(a.activitiesDone).toBe(b.activitiesDone + 1);
    // The score the configured rule gives these figures, and the move the activity weight accounts for.
    const figures = (h: NonNullable<MineAnswer['head']>): HeadFigures => ({
      handled: h.handled,
      within: h.within,
      returns: h.returns,
      medianSeconds: h.medianSeconds,
      medianRatio: h.medianRatio,
      overdue: h.overdue,
      pactSigned: h.pactSigned,
      trainingsDone: h.trainingsDone,
      activitiesDone: h.activitiesDone,
    });
    expect(a.score).toBe(score(figures(a), after.weights));
    expect(a.score).toBe(score({ ...figures(b), activitiesDone: b.activitiesDone + 1 }, before.weights));
    expect(a.score).toBeGreaterThan(b.score);
    // The scorecard shows the activity part with its weight.
    await fromMenu('Kinerja saya');
    const part = await page.getByTestId('score-activity').textContent();
    expect(part).toContain(`bobot ${after.weights.activity}`);
    await logout(page);
  });

  it('axe-core finds nothing serious or critical on the programme pages of a head and of the lurah', async () => {
    const check = async (path: string) => {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      const v = await axeViolations(page);
      expect(v, `${path}: ${formatViolations(v)}`).toEqual([]);
    };
    await login(page, 'ketua.rt', DEMO_PASSWORD);
    for (const path of ['/', '/rt-rw/pakta', '/program-rtrw', '/kegiatan', '/kinerja/saya']) await check(path);
    await logout(page);
    await login(page, 'lurah', DEMO_PASSWORD);
    const rt = '35.74.01.1001.001.001';
    for (const path of [
      '/rt-rw',
      `/rt-rw/${rt}`,
      '/program-rtrw/kelengkapan',
      '/program-rtrw/honor',
      '/program-rtrw/bpjs/klaim',
      '/kegiatan',
      '/kinerja',
    ])
      await check(path);
    await logout(page);
  });
});
