// Upgrades (issue 19): a database built by the previous release's code
// (tests/fixtures/upgrade: commit ec66d04, migrations 0001–0028, its demo city
// and a signed letter) is migrated to the current schema without loss: the
// counts of the key tables and the rows' contents are unchanged, the old
// accounts still sign in, the letter still says ASLI and a resident is found
// by NIK under the same DATA_KEY. On the local PostgreSQL, in a database of its own.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { bootstrap } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { listMigrations, migrate } from '../../src/db/migrate.js';
import { createScratchDatabase, pgUnavailable, type ScratchDatabase } from './scratch-db.js';

const unavailable = await pgUnavailable();
if (unavailable) console.warn(`upgrade.test.ts skipped: ${unavailable}`);

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'upgrade', 'prev-release-0028.sql.gz');
// From the fixture's README: test data only.
const DATA_KEY = 'cGFtb25nLXVwZ3JhZGUtZml4dHVyZS1rZXktMDAyOCE=';
const PASSWORD = 'demo-pamong-2026';
const VERIFY_CODE = 'PXCHEKVEWNNX';
const LETTER_NUMBER = '400.12.2/0001/Kel.Ket/2026';

const KEY_TABLES = [
  'residents',
  'families',
  'letters',
  'service_requests',
  'employees',
  'users',
  'regions',
  'stored_files',
];
/** Rows whose content must come through unchanged (columns that existed in the previous release). */
const SNAPSHOTS: Record<string, string> = {
  residents:
    'select id, nik_hash, nik_enc, nik_masked, family_id, full_name, sex, birth_date from residents order by id',
  letters: 'select id, request_id, number, verify_code, payload, signature, kid from letters order by id',
  service_requests: 'select id, tracking_code, status, stage, resident_id, purpose from service_requests order by id',
  employees: 'select id, user_id, nip, kind, position, unit_id from employees order by id',
  users: 'select id, username, role, region_code, password_hash from users order by id',
  stored_files: 'select id, sha256, size_bytes from stored_files order by id',
};

let db: ScratchDatabase;
const work = mkdtempSync(join(tmpdir(), 'pamong-upgrade-'));
let before: { counts: Record<string, number>; rows: Record<string, unknown[]>; versions: string[] };

async function look(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const counts: Record<string, number> = {};
    for (const t of KEY_TABLES) counts[t] = Number((await c.query(`select count(*) as n from ${t}`)).rows[0].n);
    const rows: Record<string, unknown[]> = {};
    for (const [t, q] of Object.entries(SNAPSHOTS)) rows[t] = (await c.query(q)).rows;
    const versions = (await c.query('select version from schema_migrations order by 1')).rows.map((r) => r.version);
    return { counts, rows, versions };
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  if (unavailable) return;
  db = await createScratchDatabase('pamong_upgrade');
  execFileSync('sh', ['-c', `gunzip -c "${FIXTURE}" | psql -X -q -v ON_ERROR_STOP=1 -d "${db.url}" >/dev/null`]);
  before = await look(db.url);
});

afterAll(async () => {
  await db?.drop();
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!!unavailable)('upgrade from the previous release (ec66d04, migrations 0001–0028)', () => {
  const files = listMigrations();

  it('holds the previous release as its README says', () => {
    expect(before.versions.at(-1)).toBe('0028');
    expect(before.counts).toMatchObject({ residents: 279, letters: 1, users: 11, employees: 4, service_requests: 3 });
  });

  it('migrates to the current schema applying only the newer files, losing nothing', async () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    try {
      const applied = await migrate(pool, files);
      expect(applied).toEqual(files.filter((m) => m.version > '0028').map((m) => m.version));
      expect(applied.length).toBeGreaterThan(0);
    } finally {
      await pool.end();
    }
    const after = await look(db.url);
    expect(after.versions).toEqual(files.map((m) => m.version));
    expect(after.counts).toEqual(before.counts);
    for (const t of Object.keys(SNAPSHOTS)) expect(after.rows[t], t).toEqual(before.rows[t]);
  });

  it('starts on it: old accounts sign in, the letter says ASLI, a resident is found by NIK', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      WORKERS: 'false',
      DEMO_SEED: 'true',
      CITY_CODE: '35.74',
      DATA_DIR: work,
      DATABASE_URL: db.url,
      DATA_KEY,
      SESSION_SECRET: 'u'.repeat(40),
    });
    const booted = await bootstrap(config);
    const app = await createApp({ config, services: booted.services, logger: false });
    try {
      expect(booted.demo).toEqual([]);
      const page = await app.inject({ url: `/v/${VERIFY_CODE}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(/data-testid="verify-status"[^>]*>\s*ASLI\s*</);
      expect(page.body).toContain(LETTER_NUMBER);
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { loginId: 'admin', password: PASSWORD },
      });
      expect(login.statusCode, login.body).toBe(200);
      const auth = { authorization: `Bearer ${login.json().token as string}` };
      const first = before.rows.residents![0] as { id: number; full_name: string };
      const full = (await app.inject({ url: `/api/v1/residents/${first.id}/full`, headers: auth })).json();
      expect(full.nik).toMatch(/^\d{16}$/);
      const found = await app.inject({
        method: 'POST',
        url: '/api/v1/residents/search',
        headers: auth,
        payload: { q: full.nik },
      });
      expect(found.json().items.map((r: { id: number }) => r.id)).toEqual([first.id]);
    } finally {
      await app.close();
      await booted.database.close();
    }
  });
});
