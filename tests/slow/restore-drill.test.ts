// The restore drill (issue 19): a populated database (migrations, the demo
// city, a letter signed through the approval chain) is backed up with
// `npm run backup` (pg_dump custom format), restored with `npm run restore`
// into a fresh empty database, and the app started there with the SAME keys:
// the letter still says ASLI at /v/<code>, the resident is found by NIK (the
// blind index under the same DATA_KEY), and the main tables count the same.
// A different DATA_KEY finds nobody, and `npm run doctor` says so.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { bootstrap } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { generateSigningKey } from '../../src/kernel/signing.js';
import { runDoctor } from '../../src/ops/doctor.js';
import { createScratchDatabase, pgUnavailable, type ScratchDatabase } from './scratch-db.js';

const unavailable = await pgUnavailable();
if (unavailable) console.warn(`restore-drill.test.ts skipped: ${unavailable}`);

const TABLES = [
  'regions',
  'users',
  'families',
  'residents',
  'service_requests',
  'request_transitions',
  'letters',
  'signing_keys',
  'letter_certificates',
  'stored_files',
  'employees',
  'org_units',
  'audit_log',
  'schema_migrations',
];

const work = mkdtempSync(join(tmpdir(), 'pamong-drill-'));
const keys = {
  SIGNING_KEY_PEM: generateSigningKey().privatePem,
  DATA_KEY: randomBytes(32).toString('base64'),
  SESSION_SECRET: randomBytes(32).toString('hex'),
};
const envFor = (url: string, extra: Record<string, string> = {}) => ({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  WORKERS: 'false',
  DEMO_SEED: 'true',
  CITY_CODE: '35.74',
  DATA_DIR: work,
  DATABASE_URL: url,
  ...keys,
  ...extra,
});
const made: ScratchDatabase[] = [];

function script(name: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  return new Promise<{ code: number | null; out: string }>((ok) => child.on('exit', (code) => ok({ code, out })));
}

async function counts(url: string): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = Number((await c.query(`select count(*) as n from ${t}`)).rows[0].n);
    return out;
  } finally {
    await c.end();
  }
}

/** Boots the app on `url` as `npm start` would (migrations, regions, key registration), in this process. */
async function startOn(url: string, extra: Record<string, string> = {}) {
  const config = loadConfig(envFor(url, extra));
  const booted = await bootstrap(config);
  const app = await createApp({ config, services: booted.services, logger: false });
  const login = async (username: string, password: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { loginId: username, password },
    });
    expect(res.statusCode, res.body).toBe(200);
    return { authorization: `Bearer ${res.json().token as string}` };
  };
  return {
    config,
    app,
    ...booted,
    login,
    close: async () => {
      await app.close();
      await booted.database.close();
    },
  };
}

let source: ScratchDatabase;
let restored: ScratchDatabase;
let verifyCode = '';
let nik = '';
let residentName = '';
let password = '';
let before: Record<string, number> = {};
const dump = join(work, 'pamong.dump');

beforeAll(async () => {
  if (unavailable) return;
  source = await createScratchDatabase('pamong_drill_src');
  restored = await createScratchDatabase('pamong_drill_dst');
  made.push(source, restored);
  // Populate: the demo city, then a letter through RT → RW → kelurahan, signed on completion.
  const s = await startOn(source.url);
  try {
    expect(s.demo.length).toBeGreaterThan(0);
    password = s.demo[0]!.password;
    const [rw, lurah] = [await s.login('ketua.rw', password), await s.login('lurah', password)];
    const { rows } = await s.database.pool.query<{ id: number }>(
      "select r.id from service_requests r join letter_types t on t.id = r.letter_type_id where t.code = 'domisili' and r.status = 'in_progress' and r.stage = 'rw' order by r.id limit 1",
    );
    const id = rows[0]!.id;
    for (const who of [rw, lurah]) {
      const res = await s.app.inject({
        method: 'POST',
        url: `/api/v1/requests/${id}/actions`,
        headers: who,
        payload: { action: 'approve' },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const detail = (await s.app.inject({ url: `/api/v1/requests/${id}`, headers: lurah })).json();
    verifyCode = detail.letter.verifyCode;
    expect(verifyCode).toBeTruthy();
    const admin = await s.login('admin', password);
    const list = (await s.app.inject({ url: '/api/v1/residents', headers: admin })).json();
    const first = list.items[0];
    const full = (await s.app.inject({ url: `/api/v1/residents/${first.id}/full`, headers: admin })).json();
    nik = full.nik;
    residentName = full.fullName ?? full.full_name;
    expect(nik).toMatch(/^\d{16}$/);
  } finally {
    await s.close();
  }
  before = await counts(source.url);
});

afterAll(async () => {
  for (const d of made) await d.drop().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!!unavailable)('backup and restore drill', () => {
  it('backs up with npm run backup and restores with npm run restore into a fresh empty database', async () => {
    const backup = await script('backup', [dump], envFor(source.url));
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toMatch(/Cadangan basis data: .*pamong\.dump/);
    expect(backup.out).toContain('Cadangkan terpisah: SIGNING_KEY_PEM, DATA_KEY');
    // Into a database that has tables it refuses, touching nothing.
    const refused = await script('restore', [dump], envFor(source.url));
    expect(refused.code, refused.out).toBe(2);
    expect(refused.out).toMatch(/sudah berisi \d+ tabel: pemulihan hanya ke basis data kosong/);
    const restore = await script('restore', [dump], envFor(restored.url));
    expect(restore.code, restore.out).toBe(0);
    expect(await counts(restored.url)).toEqual(before);
  });

  it('starts on the restored database with the same keys: counts match, the letter says ASLI, NIK search finds the resident', async () => {
    const s = await startOn(restored.url);
    try {
      // The start (migrations, regions, key registration, catalogue) added nothing, and did not seed the demo again.
      expect(s.demo).toEqual([]);
      expect(await counts(restored.url)).toEqual(before);
      const page = await s.app.inject({ url: `/v/${verifyCode}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(/data-testid="verify-status"[^>]*>\s*ASLI\s*</);
      const admin = await s.login('admin', password);
      const found = await s.app.inject({
        method: 'POST',
        url: '/api/v1/residents/search',
        headers: admin,
        payload: { q: nik },
      });
      expect(found.statusCode, found.body).toBe(200);
      expect(
        found.json().items.map((r: { fullName?: string; full_name?: string }) => r.fullName ?? r.full_name),
      ).toEqual([residentName]);
      const doctor = await runDoctor(s.config, { timeSynced: async () => true });
      expect(doctor.filter((f) => f.check === 'keys' || f.check === 'migrations')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            level: 'ok',
            message: expect.stringMatching(/^DATA_KEY cocok dengan data penduduk/),
          }),
          expect.objectContaining({
            level: 'ok',
            message: expect.stringMatching(/^Semua \d+ migrasi sudah dijalankan/),
          }),
        ]),
      );
    } finally {
      await s.close();
    }
  });

  it('with another DATA_KEY the letter still verifies but nobody is found by NIK, and doctor names the key', async () => {
    const s = await startOn(restored.url, { DATA_KEY: randomBytes(32).toString('base64') });
    try {
      const page = await s.app.inject({ url: `/v/${verifyCode}` });
      expect(page.body).toMatch(/data-testid="verify-status"[^>]*>\s*ASLI\s*</);
      const admin = await s.login('admin', password);
      const found = await s.app.inject({
        method: 'POST',
        url: '/api/v1/residents/search',
        headers: admin,
        payload: { q: nik },
      });
      expect(found.json().items).toEqual([]);
      const doctor = await runDoctor(s.config, { timeSynced: async () => true });
      expect(doctor).toContainEqual(
        expect.objectContaining({
          check: 'keys',
          level: 'problem',
          message: expect.stringMatching(/^DATA_KEY tidak cocok/),
        }),
      );
    } finally {
      await s.close();
    }
  });
});
