// Browser-journey helpers: an in-process Pamong on a fresh PGlite data folder
// with the demo city, Debian Chromium through playwright-core, a phone-sized
// context, and small page objects for the pages a journey walks through.
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { bootstrap } from '../../src/bootstrap.js';
import type { Database } from '../../src/db/database.js';
import { createApp } from '../../src/app.js';
import type { Clock } from '../../src/lib/clock.js';
import type { Services } from '../../src/wiring.js';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { testConfig } from '../helpers/app.js';

export { DEMO_PASSWORD };
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export interface WireEntry {
  method: string;
  url: string;
  status: number;
  /** Bytes written to the socket for this response: status line, headers and (compressed) body. */
  bytes: number;
}

export interface TestServer {
  url: string;
  /** Response bytes (headers + bodies) the server has written to all sockets so far. */
  bytesSent(): number;
  /** Every response so far with the bytes it put on the wire (whoever asked: page or service worker). */
  wireLog(): WireEntry[];
  /** The in-process database (for checks and deliberate tampering in tests). */
  database: Database;
  /** The server's services, for seeding a journey's starting point as the use cases would write it. */
  services: Services;
  /** The PUBLIC_URL the server puts into letters (QR codes); not the test server's address. */
  publicUrl: string;
  close(): Promise<void>;
}

/**
 * `clock`: a fake clock for journeys that need a given time of a working day (the browser keeps its own).
 * `env`: further settings (a city's data file, say), as the environment would give them.
 */
export async function startServer(opts: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pamong-browser-'));
  const config = testConfig({ ...opts.env, DATA_DIR: dataDir, DEMO_SEED: 'true', PORT: '0' });
  const { database, services } = await bootstrap(config, opts.clock);
  const app = await createApp({ config, services, logger: false });
  // Count what actually went over the wire, whoever asked (page or service worker).
  const sockets = new Set<Socket>();
  let closedBytes = 0;
  const log: WireEntry[] = [];
  const counted = new WeakMap<Socket, number>();
  app.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => {
      closedBytes += socket.bytesWritten;
      sockets.delete(socket);
    });
  });
  // Browsers do not pipeline HTTP/1.1, so a socket's bytes between two finished responses belong to the later one.
  app.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    res.once('finish', () => {
      const socket = req.socket;
      const before = counted.get(socket) ?? 0;
      counted.set(socket, socket.bytesWritten);
      log.push({
        method: req.method ?? '',
        url: req.url ?? '',
        status: res.statusCode,
        bytes: socket.bytesWritten - before,
      });
    });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('server has no TCP address');
  return {
    url: `http://127.0.0.1:${addr.port}`,
    bytesSent: () => closedBytes + [...sockets].reduce((n, s) => n + s.bytesWritten, 0),
    wireLog: () => [...log],
    database,
    services,
    publicUrl: config.publicUrl,
    async close() {
      await app.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** A small Android phone: 360×740, Indonesian, touch. */
export function newPhoneContext(browser: Browser, baseURL?: string): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: 'id-ID',
    isMobile: true,
    hasTouch: true,
    ...(baseURL ? { baseURL } : {}),
  });
}

/** Signs in through the login form; resolves once the redirect after sign-in has loaded. */
export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/masuk');
  const form = page.getByTestId('login-form');
  await form.getByLabel('Nama pengguna atau NIK', { exact: true }).fill(username);
  await form.getByLabel('Kata sandi', { exact: true }).fill(password);
  await Promise.all([page.waitForURL((u) => u.pathname !== '/masuk'), page.getByTestId('login-submit').click()]);
}

/** Signs out with the header's logout button. */
export async function logout(page: Page): Promise<void> {
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/masuk'),
    page.getByRole('button', { name: 'Keluar', exact: true }).click(),
  ]);
}

/** Changes the password on /akun/sandi (the page a temporary password leads to). */
export async function changePassword(page: Page, current: string, next: string): Promise<void> {
  const form = page.getByTestId('password-form');
  await form.getByLabel('Kata sandi sekarang', { exact: true }).fill(current);
  await form.getByLabel('Kata sandi baru', { exact: true }).fill(next);
  await form.getByLabel('Ulangi kata sandi baru', { exact: true }).fill(next);
  await Promise.all([
    page.waitForURL((u) => u.pathname !== '/akun/sandi'),
    page.getByTestId('password-submit').click(),
  ]);
}

/** The signed-in account, read through the JSON API with the page's cookies. */
export async function me(
  page: Page,
): Promise<{ username: string; role: string; regionCode: string; mustChangePassword: boolean }> {
  const res = await page.request.get('/api/v1/me');
  if (!res.ok()) throw new Error(`/api/v1/me answered ${res.status()}`);
  return res.json();
}

/** A session token from the JSON API (fetched from Node, so it costs the browser no bytes). */
export async function apiLogin(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ loginId: username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Puts a session cookie into the context, as the login form would. */
export async function useSession(context: BrowserContext, baseUrl: string, token: string): Promise<void> {
  await context.addCookies([{ name: 'pamong_sid', value: token, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
}

/** A small but real PNG image (decodable by the browser), in a colour of its own so two files differ. */
export function tinyPng(rgb: [number, number, number], size = 8): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < size * size; i++) png.data.set([rgb[0], rgb[1], rgb[2], 255], i * 4);
  return PNG.sync.write(png);
}
