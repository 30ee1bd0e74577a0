// `npm run doctor` on a misconfigured installation names each problem: a wrong
// signing-key path, autovacuum switched off on an app table, an SMTP server
// that does not answer, an unreachable webhook; and passes what is in order.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../bench/server-process.js';
import { generateSigningKey } from '../../src/kernel/signing.js';
import { formatFindings, runDoctor, type DoctorOptions, type Finding, type Query } from '../../src/ops/doctor.js';
import type { Database } from '../../src/db/database.js';
import { openTestDatabase, testConfig } from '../helpers/app.js';
import { TEST_DATABASE_URL } from '../helpers/env.js';

let database: Database;
let query: Query;
let smtp: Server;
let smtpPort = 0;
const dir = mkdtempSync(join(tmpdir(), 'pamong-doctor-'));

beforeAll(async () => {
  database = await openTestDatabase();
  query = async (sql, params) => (await database.pool.query(sql, params)).rows;
  // A minimal SMTP server: greeting, EHLO, QUIT.
  smtp = createServer((s) => {
    s.write('220 uji.local ESMTP siap\r\n');
    s.on('data', (d) => {
      const line = String(d);
      if (line.startsWith('EHLO')) s.write('250-uji.local\r\n250 SIZE 1000000\r\n');
      else if (line.startsWith('QUIT')) s.end('221 bye\r\n');
    });
    s.on('error', () => undefined);
  });
  await new Promise<void>((ok) => smtp.listen(0, '127.0.0.1', ok));
  smtpPort = (smtp.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((ok) => smtp.close(ok));
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const quiet: DoctorOptions = {
  timeSynced: async () => true,
  diskSpace: async () => ({ free: 50 * 1024 ** 3, total: 100 * 1024 ** 3 }),
  timeoutMs: 3_000,
};
const problems = (f: Finding[]) => f.filter((x) => x.level === 'problem');

describe('npm run doctor', () => {
  it('passes the keys, migrations, SMTP and table settings of an installation in order', async () => {
    const findings = await runDoctor(
      testConfig({ SIGNING_KEY_PEM: generateSigningKey().privatePem, SMTP_URL: `smtp://127.0.0.1:${smtpPort}` }),
      { ...quiet, query },
    );
    const text = formatFindings(findings);
    // On the shared PostgreSQL test database the residents come from every test file, each with its own random
    // DATA_KEY (tests/helpers/app.ts), so the DATA_KEY-against-the-data check cannot pass there; it is proven on the
    // restore drill's own database (tests/slow/restore-drill.test.ts: the right key finds the resident, a wrong one
    // is named). Here (PGlite) no resident exists and the check has nothing to read.
    const sharedDb = TEST_DATABASE_URL !== null;
    expect(
      problems(findings).filter(
        (f) =>
          f.check !== 'autovacuum' &&
          f.check !== 'clock' &&
          !(sharedDb && f.message.startsWith('DATA_KEY tidak cocok')),
      ),
    ).toEqual([]);
    expect(text).toMatch(/OK +\[keys\] Kunci tanda tangan surat terbaca/);
    expect(text).toMatch(/OK +\[migrations\] Semua \d+ migrasi sudah dijalankan/);
    expect(text).toMatch(/OK +\[mail\] Server SMTP 127\.0\.0\.1:\d+ menjawab EHLO \(uji\.local ESMTP siap\)/);
    expect(text).not.toMatch(/autovacuum dimatikan untuk tabel/);
    // The server-wide setting is reported as the server has it (a test server may run without autovacuum).
    const [{ autovacuum }] = (await query<{ autovacuum: string }>('show autovacuum')) as [{ autovacuum: string }];
    expect(findings.some((f) => f.check === 'autovacuum' && f.level === (autovacuum === 'on' ? 'ok' : 'problem'))).toBe(
      true,
    );
  });

  it('names a wrong key path, autovacuum off on a table, an unreachable SMTP and webhook, each on its own line', async () => {
    const closed = await freePort();
    await query('alter table residents set (autovacuum_enabled = false)');
    try {
      const findings = await runDoctor(
        testConfig({
          SIGNING_KEY_DIR: join(dir, 'tidak-ada'),
          SMTP_URL: `smtp://pamong:rahasia@127.0.0.1:${closed}`,
          WEBHOOK_URL: `http://127.0.0.1:${closed}/kirim`,
          WEBHOOK_SECRET: 'x'.repeat(32),
        }),
        { ...quiet, query },
      );
      const text = formatFindings(findings);
      expect(text).toMatch(
        new RegExp(`MASALAH +\\[keys\\] Kunci tanda tangan surat ${dir}/tidak-ada/active\\.pem tidak ada`),
      );
      expect(text).toMatch(/MASALAH +\[autovacuum\] autovacuum dimatikan untuk tabel residents/);
      expect(text).toMatch(new RegExp(`MASALAH +\\[mail\\] Server SMTP 127\\.0\\.0\\.1:${closed} tidak terjangkau`));
      expect(text).toMatch(
        new RegExp(`MASALAH +\\[webhook\\] Webhook http://127\\.0\\.0\\.1:${closed}/kirim tidak terjangkau`),
      );
      expect(text).not.toContain('rahasia');
      expect(text).toMatch(/\d+ masalah ditemukan/);
    } finally {
      await query('alter table residents reset (autovacuum_enabled)');
    }
  });

  it('names pending and edited migrations, clock skew, an unsynchronised clock and a full disk', async () => {
    const [applied] = await query<{ version: string }>('select max(version) as version from schema_migrations');
    const { listMigrations } = await import('../../src/db/migrate.js');
    const files = listMigrations();
    const edited = files.map((m) => (m.version === '0001' ? { ...m, sql: `${m.sql}\n-- diubah\n` } : m));
    const pending = [...edited, { version: '9999', name: 'belum', sql: 'select 1;' }];
    const findings = await runDoctor(testConfig(), {
      ...quiet,
      query,
      migrations: pending,
      now: () => new Date(Date.now() + 120_000),
      diskSpace: async () => ({ free: 200 * 1024 ** 2, total: 100 * 1024 ** 3 }),
      timeSynced: async () => false,
    });
    const text = formatFindings(findings);
    expect(applied?.version).toBeDefined();
    expect(text).toMatch(/MASALAH +\[migrations\] Berkas migrasi 0001_foundation\.sql berubah/);
    expect(text).toMatch(/MASALAH +\[migrations\] Migrasi belum dijalankan: 9999_belum\.sql/);
    expect(text).toMatch(/MASALAH +\[clock\] Jam server ini dan jam server basis data berselisih 1\d\d\.\d detik/);
    expect(text).toMatch(/MASALAH +\[clock\] Jam sistem tidak tersinkron NTP/);
    expect(text).toMatch(/MASALAH +\[disk\] Ruang disk hampir habis/);
  });

  it('as a command: exits non-zero and names an unreachable database and the production checklist', async () => {
    const closed = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/doctor.ts'], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        NODE_ENV: 'production',
        DATA_DIR: dir,
        DATABASE_URL: `postgres://pamong:rahasia@127.0.0.1:${closed}/pamong`,
        SIGNING_KEY_DIR: join(dir, 'tidak-ada'),
        PUBLIC_URL: 'http://contoh.go.id',
        SESSION_SECRET: 'r'.repeat(40),
        DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    const code = await new Promise<number | null>((ok) => child.on('exit', ok));
    expect(code, out).toBe(1);
    expect(out).toMatch(/MASALAH +\[config\] SIGNING_KEY_DIR: .*tidak-ada\/active\.pem tidak ada/);
    expect(out).toMatch(/MASALAH +\[config\] PUBLIC_URL="http:\/\/contoh\.go\.id" harus https/);
    expect(out).toMatch(/MASALAH +\[config\] TRUST_PROXY wajib di produksi/);
    expect(out).toMatch(/MASALAH +\[database\] Basis data tidak terjangkau/);
    expect(out).not.toContain('rahasia');
  });
});
