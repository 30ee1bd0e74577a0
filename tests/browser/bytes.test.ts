// Bytes budget on a phone: what a page costs on the first visit and on the
// next one once the service worker is active. Figures come from Chromium's
// DevTools protocol (Network.loadingFinished.encodedDataLength: bytes that
// came over the network, headers included; 0 for HTTP-cache and
// service-worker-cache hits), cross-checked with the bytes the server wrote
// to its sockets (which also sees the service worker's own fetches).
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, DEMO_PASSWORD, launchBrowser, newPhoneContext, startServer, useSession, type TestServer } from './helpers.js';

const KB = 1024;
const FIRST_VISIT_BUDGET = 20 * KB;
const NEXT_VISIT_BUDGET = 5 * KB;

interface Entry {
  url: string;
  type: string;
  status: number;
  bytes: number;
  fromDiskCache: boolean;
  fromServiceWorker: boolean;
  fromPrefetchCache: boolean;
  encoding: string;
  failed?: string;
}

/** Listens to one page's network through CDP and sums the bytes of every finished request. */
class NetworkMeter {
  private entries = new Map<string, Entry>();
  private constructor(private readonly cdp: CDPSession) {}

  static async attach(context: BrowserContext, page: Page): Promise<NetworkMeter> {
    const cdp = await context.newCDPSession(page);
    const m = new NetworkMeter(cdp);
    cdp.on('Network.requestWillBeSent', (e) => {
      m.entries.set(e.requestId, { url: e.request.url, type: e.type ?? '', status: 0, bytes: 0, fromDiskCache: false, fromServiceWorker: false, fromPrefetchCache: false, encoding: '' });
    });
    cdp.on('Network.requestServedFromCache', (e) => {
      const x = m.entries.get(e.requestId);
      if (x) x.fromDiskCache = true;
    });
    cdp.on('Network.responseReceived', (e) => {
      const x = m.entries.get(e.requestId);
      if (!x) return;
      const r = e.response;
      x.status = r.status;
      x.type = e.type ?? x.type;
      x.fromDiskCache ||= !!r.fromDiskCache;
      x.fromServiceWorker = !!r.fromServiceWorker;
      x.fromPrefetchCache = !!r.fromPrefetchCache;
      const headers = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
      x.encoding = headers['content-encoding'] ?? '';
    });
    cdp.on('Network.loadingFinished', (e) => {
      const x = m.entries.get(e.requestId);
      if (x) x.bytes = e.encodedDataLength;
    });
    cdp.on('Network.loadingFailed', (e) => {
      const x = m.entries.get(e.requestId);
      if (x) x.failed = e.errorText;
    });
    await cdp.send('Network.enable');
    return m;
  }

  reset() {
    this.entries.clear();
  }

  total(): number {
    return [...this.entries.values()].reduce((n, e) => n + e.bytes, 0);
  }

  list(): Entry[] {
    return [...this.entries.values()];
  }

  report(label: string): string {
    const lines = this.list().map((e) => {
      const src = e.fromServiceWorker ? 'sw' : e.fromDiskCache ? 'cache' : 'net';
      const path = new URL(e.url).pathname + new URL(e.url).search;
      return `    ${String(e.bytes).padStart(6)} B  ${src.padEnd(5)} ${String(e.status).padEnd(3)} ${e.type.padEnd(10)} ${e.encoding.padEnd(4)} ${path}${e.failed ? ` (failed: ${e.failed})` : ''}`;
    });
    return `${label}: ${this.total()} B (${(this.total() / KB).toFixed(1)} KB)\n${lines.join('\n')}`;
  }

  async detach() {
    await this.cdp.detach().catch(() => {});
  }
}

/** Waits for `navigator.serviceWorker.ready` (precache done), then for activation and clients.claim(). */
async function serviceWorkerReady(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    const sw = reg.active;
    if (!sw) return 'none';
    if (sw.state !== 'activated') await new Promise<void>((resolve) => sw.addEventListener('statechange', () => sw.state === 'activated' && resolve()));
    if (!navigator.serviceWorker.controller) await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
    return sw.state;
  });
}

/** Gives stragglers (icons, manifest, SW update check) time to finish. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
}

describe('bytes budget (phone)', () => {
  let server: TestServer;
  let browser: Browser;
  const figures: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });

  afterAll(async () => {
    if (figures.length) console.log(`\nBytes budget figures:\n${figures.join('\n')}\n`);
    await browser?.close();
    await server?.close();
  });

  /** First visit of `path` in a fresh context, then a reload once the service worker is active. */
  async function firstAndNext(label: string, path: string, prepare?: (context: BrowserContext) => Promise<void>) {
    const context = await newPhoneContext(browser, server.url);
    try {
      if (prepare) await prepare(context);
      const page = await context.newPage();
      const meter = await NetworkMeter.attach(context, page);

      // (first) a fresh phone: nothing cached, no service worker yet.
      let wire = server.bytesSent();
      await page.goto(path);
      expect(await serviceWorkerReady(page)).toBe('activated');
      await settle(page);
      const first = { cdp: meter.total(), wire: server.bytesSent() - wire };
      console.log(meter.report(`${label} — first visit`));
      expect(new URL(page.url()).pathname).toBe(path);

      // (next) same context, service worker active and controlling the page.
      meter.reset();
      wire = server.bytesSent();
      await page.reload();
      await settle(page);
      expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
      const next = { cdp: meter.total(), wire: server.bytesSent() - wire };
      console.log(meter.report(`${label} — next visit`));
      const entries = meter.list();

      figures.push(
        `  ${label}: first visit ${first.cdp} B (${(first.cdp / KB).toFixed(1)} KB) [server wrote ${first.wire} B incl. service-worker precache]; ` +
          `next visit ${next.cdp} B (${(next.cdp / KB).toFixed(1)} KB) [server wrote ${next.wire} B]`,
      );
      await meter.detach();
      return { first, next, entries };
    } finally {
      await context.close();
    }
  }

  it('login page: first visit ≤ 20 KB, next visit ≤ 5 KB', async () => {
    const { first, next, entries } = await firstAndNext('login page /masuk', '/masuk');
    // Static assets on the next visit come from a cache (HTTP or service worker) and count 0.
    for (const e of entries.filter((x) => new URL(x.url).pathname.startsWith('/static/'))) {
      expect(e.fromDiskCache || e.fromServiceWorker, e.url).toBe(true);
      expect(e.bytes, e.url).toBe(0);
    }
    expect(first.cdp).toBeGreaterThan(0);
    expect(first.cdp).toBeLessThanOrEqual(FIRST_VISIT_BUDGET);
    expect(first.wire).toBeLessThanOrEqual(FIRST_VISIT_BUDGET);
    expect(next.cdp).toBeLessThanOrEqual(NEXT_VISIT_BUDGET);
    expect(next.wire).toBeLessThanOrEqual(NEXT_VISIT_BUDGET);
  });

  it("RT head's home page: first visit ≤ 20 KB, next visit ≤ 5 KB", async () => {
    const token = await apiLogin(server.url, 'ketua.rt', DEMO_PASSWORD);
    const { first, next, entries } = await firstAndNext('RT head home /', '/', (context) => useSession(context, server.url, token));
    for (const e of entries.filter((x) => new URL(x.url).pathname.startsWith('/static/'))) {
      expect(e.fromDiskCache || e.fromServiceWorker, e.url).toBe(true);
      expect(e.bytes, e.url).toBe(0);
    }
    expect(first.cdp).toBeGreaterThan(0);
    expect(first.cdp).toBeLessThanOrEqual(FIRST_VISIT_BUDGET);
    expect(first.wire).toBeLessThanOrEqual(FIRST_VISIT_BUDGET);
    expect(next.cdp).toBeLessThanOrEqual(NEXT_VISIT_BUDGET);
    expect(next.wire).toBeLessThanOrEqual(NEXT_VISIT_BUDGET);
  });
});
