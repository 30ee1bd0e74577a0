// An RT head's decision taken without signal, on two 360×740 phones signed in
// to the same head's account. Phone A approves from the home queue with the
// network cut: the decision waits on the phone ("menunggu sinyal") and, when
// the signal returns, arrives exactly once (one transition, one POST, with an
// Idempotency-Key and the version it was taken on). Phone B approved the same
// stage offline too; sent later, it shows "Sudah diputuskan oleh …" and writes
// nothing. A return needs its reason even offline. axe-core finds nothing
// serious or critical on the home, queue, detail and dashboard pages.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JPEG, PNG } from '../helpers/requests.js';
import { axeViolations, formatViolations } from './helpers-axe.js';
import {
  apiLogin,
  DEMO_PASSWORD,
  launchBrowser,
  newPhoneContext,
  startServer,
  useSession,
  type TestServer,
} from './helpers.js';

type Item = { id: number; key: string; action: string; version: number; stage: string; reason: string };

describe('an approver decides without signal (phone)', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  /** The demo citizen files a request from Node (costing the phones nothing); it waits at the RT. */
  async function fileRequest(purpose: string): Promise<{ id: number; code: string }> {
    const token = await apiLogin(server.url, 'warga', DEMO_PASSWORD);
    const res = await fetch(`${server.url}/api/v1/requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        idempotencyKey: `offline-decision-${Math.random().toString(36).slice(2, 12)}`,
        letterType: 'domisili',
        purpose,
        fields: {},
        attachments: [
          { kind: 'ktp', contentBase64: JPEG.toString('base64') },
          { kind: 'kk', contentBase64: PNG.toString('base64') },
        ],
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const r = (await res.json()) as { id: number; trackingCode: string };
    return { id: r.id, code: r.trackingCode };
  }

  /** A phone signed in as the RT head (its own session), on its home page with decide.js running. */
  async function phone(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newPhoneContext(browser, server.url);
    contexts.push(context);
    await useSession(context, server.url, await apiLogin(server.url, 'ketua.rt', DEMO_PASSWORD));
    const page = await context.newPage();
    await page.goto('/');
    await page.waitForLoadState('load');
    return { context, page };
  }

  const rowOf = (page: Page, code: string) =>
    page.getByTestId('queue-row').filter({ has: page.getByTestId('queue-code').getByText(code, { exact: true }) });
  const outbox = (page: Page) =>
    page.evaluate(() => JSON.parse(localStorage.getItem('pamong-decisions') || '[]') as Item[]);
  const posts = (id: number) =>
    server.wireLog().filter((e) => e.method === 'POST' && e.url === `/api/v1/requests/${id}/actions`);
  const request = (id: number) =>
    server.database.db
      .selectFrom('service_requests')
      .select(['version', 'stage', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const transitions = (id: number) =>
    server.database.db
      .selectFrom('request_transitions')
      .select(['action', 'from_stage', 'to_stage', 'actor_name', 'reason', 'from_version'])
      .where('request_id', '=', id)
      .orderBy('seq')
      .execute();

  it('queues the approval on the phone, sends it once when the signal returns; a second phone learns who decided', async () => {
    const { id, code } = await fileRequest('Mendaftar BPJS (diputuskan tanpa sinyal)');
    const before = await request(id);
    expect(before).toMatchObject({ stage: 'rt', status: 'in_progress' });
    const a = await phone();
    const b = await phone();
    const rowA = rowOf(a.page, code);
    const rowB = rowOf(b.page, code);
    await expect(rowA.count()).resolves.toBe(1);
    // The facts beside the button: the purpose and the thumbnails (loaded, the full photo one tap away).
    await expect(rowA.getByTestId('queue-purpose').textContent()).resolves.toContain('Mendaftar BPJS');
    await expect(rowA.getByTestId('thumb').count()).resolves.toBe(2);
    await a.page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('[data-testid=thumb]')].every(
        (i) => i.complete && i.naturalWidth > 0,
      ),
    );

    // 1. Both phones lose signal and approve the same stage.
    await a.context.setOffline(true);
    await b.context.setOffline(true);
    await rowA.getByTestId('approve').click();
    await expect(rowA.getByTestId('decide-state').textContent()).resolves.toBe('Menunggu sinyal: Disetujui');
    await expect(a.page.getByTestId('decide-count').textContent()).resolves.toBe('1 keputusan menunggu sinyal');
    await expect(rowA.getByTestId('approve').isDisabled()).resolves.toBe(true);
    const [queued] = await outbox(a.page);
    expect(queued).toMatchObject({ id, action: 'approve', version: before.version, stage: 'rt' });
    expect(queued!.key).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    await rowB.getByTestId('approve').click();
    await rowB.getByTestId('decide-state').getByText('Menunggu sinyal: Disetujui').waitFor();
    expect(posts(id), 'nothing sent without signal').toHaveLength(0);
    expect(await request(id)).toEqual(before);

    // 2. Phone A's signal returns: the approval arrives once.
    await a.context.setOffline(false);
    await rowA.getByTestId('decide-state').getByText('Terkirim: Disetujui').waitFor({ timeout: 15_000 });
    await expect(outbox(a.page)).resolves.toEqual([]);
    await expect(a.page.getByTestId('decide-outbox').count()).resolves.toBe(0);
    const moved = await request(id);
    expect(moved).toMatchObject({ stage: 'rw', status: 'in_progress', version: before.version + 1 });
    const approvals = (await transitions(id)).filter((x) => x.action === 'approve');
    expect(approvals).toEqual([
      expect.objectContaining({
        from_stage: 'rt',
        to_stage: 'rw',
        actor_name: 'Ketua RT 001',
        from_version: before.version,
      }),
    ]);
    expect(posts(id)).toHaveLength(1);
    expect(posts(id)[0]!.status).toBe(200);

    // Another 'online' and a reload: nothing left to send.
    await a.page.evaluate(() => window.dispatchEvent(new Event('online')));
    await a.page.reload();
    await a.page.waitForLoadState('load');
    expect(posts(id)).toHaveLength(1);

    // 3. Phone B's signal returns later: it is told who decided, and nothing is written.
    await b.context.setOffline(false);
    const stateB = rowB.getByTestId('decide-state');
    await stateB.getByText('Sudah diputuskan oleh', { exact: false }).waitFor({ timeout: 15_000 });
    expect(await stateB.textContent()).toMatch(/^Sudah diputuskan oleh Ketua RT 001 \(Disetujui, .+\)\.$/);
    await expect(outbox(b.page)).resolves.toEqual([]);
    expect(posts(id)).toHaveLength(2);
    expect(posts(id)[1]!.status).toBe(409);
    expect(await request(id)).toEqual(moved);
    expect((await transitions(id)).filter((x) => x.action === 'approve')).toHaveLength(1);
  });

  it('a return needs its reason even without signal, and goes with it once the signal returns', async () => {
    const { id, code } = await fileRequest('Surat untuk bank (dikembalikan tanpa sinyal)');
    const before = await request(id);
    const { context, page } = await phone();
    const row = rowOf(page, code);
    await context.setOffline(true);
    await row.locator('summary').click();
    await row.getByTestId('return').click();
    await expect(row.getByTestId('decide-state').textContent()).resolves.toBe(
      'Tulis alasannya dulu: pemohon perlu tahu apa yang harus diperbaiki.',
    );
    await expect(outbox(page)).resolves.toEqual([]);
    await row.locator('textarea[name=reason]').fill('Foto KK terpotong');
    await row.getByTestId('return').click();
    await row.getByTestId('decide-state').getByText('Menunggu sinyal: Dikembalikan').waitFor();
    expect(await request(id)).toEqual(before);
    await context.setOffline(false);
    await row.getByTestId('decide-state').getByText('Terkirim: Dikembalikan').waitFor({ timeout: 15_000 });
    expect(await request(id)).toMatchObject({ status: 'returned', version: before.version + 1 });
    expect((await transitions(id)).filter((x) => x.action === 'return')).toEqual([
      expect.objectContaining({ reason: 'Foto KK terpotong', from_version: before.version }),
    ]);
    expect(posts(id)).toHaveLength(1);
  });

  it('axe-core: nothing serious or critical on the home, queue, detail and dashboard pages', async () => {
    const { id } = await fileRequest('Pemeriksaan aksesibilitas');
    const { page } = await phone();
    const check = async (path: string) => {
      await page.goto(path);
      await page.waitForLoadState('load');
      const v = await axeViolations(page);
      expect(v, `${path}\n${formatViolations(v)}`).toEqual([]);
    };
    await check('/');
    await check('/layanan');
    await check(`/layanan/${id}`);
    // The dashboard is an RW head's and officials' page.
    const rw = await newPhoneContext(browser, server.url);
    contexts.push(rw);
    await useSession(rw, server.url, await apiLogin(server.url, 'ketua.rw', DEMO_PASSWORD));
    const rwPage = await rw.newPage();
    for (const path of ['/dasbor', '/']) {
      await rwPage.goto(path);
      await rwPage.waitForLoadState('load');
      const v = await axeViolations(rwPage);
      expect(v, `${path} (RW)\n${formatViolations(v)}`).toEqual([]);
    }
  });
});
