// The production start and the first-install commands, as an operator runs them: `npm start` with
// NODE_ENV=production refuses to start, naming every missing item at once; `npm run create-admin` makes
// the first city administrator on an empty PostgreSQL database (migrating it first) and refuses a second
// account of the same name. On the local PostgreSQL, in a database of its own.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../src/kernel/signing.js';
import { createScratchDatabase, pgUnavailable, type ScratchDatabase } from './scratch-db.js';

const unavailable = await pgUnavailable();
if (unavailable) console.warn(`production-commands.test.ts skipped: ${unavailable}`);

const dir = mkdtempSync(join(tmpdir(), 'pamong-prod-'));
const made: ScratchDatabase[] = [];
afterAll(async () => {
  for (const d of made) await d.drop();
  rmSync(dir, { recursive: true, force: true });
});

function run(file: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  return new Promise<{ code: number | null; out: string }>((ok) => child.on('exit', (code) => ok({ code, out })));
}

describe('production start', () => {
  it('refuses to start, naming each missing item at once (exit 2, no stack trace)', async () => {
    const r = await run('src/server.ts', [], { NODE_ENV: 'production', DATA_DIR: dir, PORT: '0' });
    expect(r.code, r.out).toBe(2);
    expect(r.out).toMatch(/^Konfigurasi tidak valid:/);
    for (const name of ['SESSION_SECRET', 'DATA_KEY', 'DATABASE_URL', 'SIGNING_KEY', 'PUBLIC_URL', 'TRUST_PROXY'])
      expect(r.out).toContain(name);
    expect(r.out).not.toMatch(/\n\s+at /);
  });
});

describe.skipIf(!!unavailable)('npm run create-admin', () => {
  it('makes the first administrator on an empty database, once', async () => {
    const db = await createScratchDatabase('pamong_prod');
    made.push(db);
    const env = {
      NODE_ENV: 'production',
      DATA_DIR: dir,
      DATABASE_URL: db.url,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      DATA_KEY: randomBytes(32).toString('base64'),
      SIGNING_KEY_PEM: generateSigningKey().privatePem,
      PUBLIC_URL: 'https://layanan.kota.go.id',
      TRUST_PROXY: '127.0.0.1',
      CITY_CODE: '35.74',
      LOG_LEVEL: 'silent',
    };
    const first = await run('scripts/create-admin.ts', ['admin.kota', 'Admin Diskominfo'], env);
    expect(first.code, first.out).toBe(0);
    const password = /Kata sandi sekali pakai: (\S+)/.exec(first.out)?.[1];
    expect(password).toBeTruthy();
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const { rows } = await c.query("select role, region_code, full_name from users where username = 'admin.kota'");
      expect(rows).toEqual([{ role: 'admin_kota', region_code: '35.74', full_name: 'Admin Diskominfo' }]);
      expect(Number((await c.query('select count(*) as n from users')).rows[0].n)).toBe(1);
      // The same start as the app's: the city's regions are there.
      expect(
        Number((await c.query("select count(*) as n from regions where code like '35.74.%'")).rows[0].n),
      ).toBeGreaterThan(0);
    } finally {
      await c.end();
    }
    const again = await run('scripts/create-admin.ts', ['admin.kota'], env);
    expect(again.code, again.out).toBe(2);
    expect(again.out).toContain('Nama pengguna admin.kota sudah ada');
  });
});
