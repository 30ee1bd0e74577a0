// `npm run doctor`: checks a configured installation and names each problem,
// for the operator (docs/OPERATIONS.md). Read-only: it changes nothing in the
// database or on disk. Every check gives one or more findings; the command
// exits non-zero when any finding is a problem.
import { execFile } from 'node:child_process';
import { statfs } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { connect as netConnect, type Socket } from 'node:net';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import pg from 'pg';
import { checkProductionConfig, type Config } from '../config.js';
import { checksumOf, fileOf, listMigrations, refusals, type Migration } from '../db/migrate.js';
import { loadSigningKey } from '../kernel/signing.js';
import { createPiiCipher } from '../lib/pii.js';

export type Level = 'ok' | 'warn' | 'problem';
export interface Finding {
  /** Which check: database, migrations, autovacuum, keys, disk, clock, mail, webhook, config. */
  check: string;
  level: Level;
  message: string;
}

/** One query on the database; rows as plain objects. */
export type Query = <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<R[]>;

export interface DoctorOptions {
  /** The database to look at; default: a connection of its own to MIGRATION_DATABASE_URL or DATABASE_URL. */
  query?: Query;
  migrations?: Migration[];
  /** Wall clock of this server (tests give their own). */
  now?: () => Date;
  /** Whether the system clock is NTP-synchronised: true/false, or null when no tool says (default: timedatectl). */
  timeSynced?: () => Promise<boolean | null>;
  /** Free and total bytes of the file system holding `path` (default: statfs). */
  diskSpace?: (path: string) => Promise<{ free: number; total: number }>;
  /** How long each network check waits (ms). */
  timeoutMs?: number;
  /** Largest tolerated difference between this server's clock and the database server's (seconds). */
  maxSkewSeconds?: number;
  /** Least free space of the data folder's file system, as a share of it and in bytes. */
  minFreeShare?: number;
  minFreeBytes?: number;
}

const GiB = 1024 ** 3;

export async function runDoctor(config: Config, opts: DoctorOptions = {}): Promise<Finding[]> {
  const out: Finding[] = [];
  const add = (check: string, level: Level, message: string) => out.push({ check, level, message });
  const timeoutMs = opts.timeoutMs ?? 5_000;

  // The production checklist the app applies at start (NODE_ENV=production).
  if (config.env === 'production') {
    const problems = checkProductionConfig(config);
    for (const p of problems) add('config', 'problem', p);
    if (!problems.length) add('config', 'ok', 'Konfigurasi produksi lengkap');
  } else add('config', 'warn', `NODE_ENV=${config.env}: bukan produksi (daftar periksa produksi tidak diterapkan)`);

  checkKeys(config, add);
  await checkDatabase(config, opts, add, timeoutMs);
  await checkDisk(config, opts, add);
  await checkClockTool(opts, add);
  await checkMail(config, add, timeoutMs);
  await checkWebhook(config, add, timeoutMs);
  return out;
}

type Add = (check: string, level: Level, message: string) => void;

function checkKeys(config: Config, add: Add) {
  const { signingKeyPem, signingKeyDir, certificate } = config.letters;
  const where = signingKeyPem ? 'SIGNING_KEY_PEM' : join(signingKeyDir, 'active.pem');
  if (!signingKeyPem && !existsSync(join(signingKeyDir, 'active.pem')))
    add(
      'keys',
      'problem',
      `Kunci tanda tangan surat ${where} tidak ada (SIGNING_KEY_DIR=${signingKeyDir}); pulihkan dari cadangan, atau buat dengan npx tsx scripts/rotate-signing-key.ts pada instalasi baru`,
    );
  else
    try {
      const key = loadSigningKey({ pem: signingKeyPem, dir: signingKeyDir });
      add('keys', 'ok', `Kunci tanda tangan surat terbaca (${where}, kid ${key.kid})`);
    } catch (err) {
      add('keys', 'problem', `Kunci tanda tangan surat ${where} tidak dapat dibaca: ${(err as Error).message}`);
    }
  for (const [name, path] of [
    ['LETTER_CERT_FILE', certificate.certFile],
    ['LETTER_CERT_KEY_FILE', certificate.keyFile],
    ['LETTER_CERT_P12_FILE', certificate.p12File],
  ] as const)
    if (path && !existsSync(path)) add('keys', 'problem', `${name}="${path}": berkas tidak ada`);
  if (config.dataKey.length === 32) add('keys', 'ok', 'DATA_KEY terbaca (32 byte)');
  else add('keys', 'problem', 'DATA_KEY tidak terbaca sebagai 32 byte base64');
}

async function checkDatabase(config: Config, opts: DoctorOptions, add: Add, timeoutMs: number) {
  let query = opts.query;
  let client: pg.Client | null = null;
  if (!query) {
    const url = config.migrationDatabaseUrl ?? config.databaseUrl;
    if (!url) {
      add(
        'database',
        config.env === 'production' ? 'problem' : 'warn',
        'DATABASE_URL kosong: PGlite tertanam (hanya untuk mencoba); basis data tidak diperiksa',
      );
      return;
    }
    client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (err) {
      add('database', 'problem', `Basis data tidak terjangkau (${redactUrl(url)}): ${(err as Error).message}`);
      return;
    }
    const c = client;
    query = async (sql, params) => (await c.query(sql, params)).rows;
  }
  try {
    const [v] = await query<{ version: string }>('select version() as version');
    add('database', 'ok', `Basis data terjangkau: ${String(v?.version).split(' on ')[0]}`);
    await checkMigrations(query, opts.migrations ?? listMigrations(), add);
    await checkAutovacuum(query, add);
    await checkDataKeyMatches(config, query, add);
    await checkSkew(query, opts, add);
  } catch (err) {
    add('database', 'problem', `Pemeriksaan basis data gagal: ${(err as Error).message}`);
  } finally {
    await client?.end().catch(() => undefined);
  }
}

async function checkMigrations(query: Query, migrations: Migration[], add: Add) {
  const [t] = await query<{ t: string | null }>("select to_regclass('schema_migrations')::text as t");
  if (!t?.t) {
    add(
      'migrations',
      'problem',
      'Basis data belum dimigrasi (tabel schema_migrations tidak ada): jalankan npm run migrate',
    );
    return;
  }
  const applied = await query<{ version: string; name: string; checksum: string | null }>(
    'select version, name, checksum from schema_migrations order by version',
  );
  for (const p of refusals(applied, migrations)) add('migrations', 'problem', p);
  const done = new Set(applied.map((a) => a.version));
  const pending = migrations.filter((m) => !done.has(m.version));
  if (pending.length)
    add(
      'migrations',
      'problem',
      `Migrasi belum dijalankan: ${pending.map(fileOf).join(', ')} — jalankan npm run migrate (atau mulai aplikasinya)`,
    );
  const unchecked = applied.filter((a) => a.checksum === null).length;
  if (unchecked)
    add('migrations', 'warn', `${unchecked} migrasi tercatat tanpa SHA-256 (diisi pada migrasi berikutnya)`);
  if (!pending.length && !refusals(applied, migrations).length) {
    const last = migrations.at(-1);
    add(
      'migrations',
      'ok',
      `Semua ${migrations.length} migrasi sudah dijalankan, berkasnya tidak berubah${last ? ` (terakhir ${fileOf(last)}, ${checksumOf(last.sql).slice(0, 12)}…)` : ''}`,
    );
  }
}

async function checkAutovacuum(query: Query, add: Add) {
  const [{ autovacuum } = { autovacuum: '' }] = await query<{ autovacuum: string }>('show autovacuum');
  const [{ track_counts } = { track_counts: '' }] = await query<{ track_counts: string }>('show track_counts');
  let ok = true;
  if (autovacuum !== 'on') {
    ok = false;
    add(
      'autovacuum',
      'problem',
      `autovacuum = ${autovacuum} di server PostgreSQL: nyalakan (autovacuum = on di postgresql.conf); tanpa itu tabel membengkak dan statistik kueri basi`,
    );
  }
  if (track_counts !== 'on') {
    ok = false;
    add('autovacuum', 'problem', `track_counts = ${track_counts}: autovacuum tidak dapat bekerja tanpanya`);
  }
  const off = await query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'm', 'p')
        and exists (select 1 from unnest(c.reloptions) o where lower(o) in ('autovacuum_enabled=false', 'autovacuum_enabled=off', 'autovacuum_enabled=0'))
      order by 1`,
  );
  if (off.length) {
    ok = false;
    add(
      'autovacuum',
      'problem',
      `autovacuum dimatikan untuk tabel ${off.map((r) => r.name).join(', ')}: ALTER TABLE … RESET (autovacuum_enabled)`,
    );
  }
  if (ok) add('autovacuum', 'ok', 'autovacuum menyala (server dan semua tabel)');
}

/** The DATA_KEY configured here must be the one the residents' NIKs were written with (a restore with another key finds nobody). */
async function checkDataKeyMatches(config: Config, query: Query, add: Add) {
  if (config.dataKey.length !== 32) return;
  const [t] = await query<{ t: string | null }>("select to_regclass('residents')::text as t");
  if (!t?.t) return;
  const [row] = await query<{ nik_hash: Buffer; nik_enc: Buffer }>(
    'select nik_hash, nik_enc from residents order by id limit 1',
  );
  if (!row) return;
  const cipher = createPiiCipher(config.dataKey);
  try {
    const nik = cipher.decrypt(row.nik_enc);
    if (!cipher.blindIndex(nik).equals(row.nik_hash)) throw new Error('indeks buta tidak cocok');
    add('keys', 'ok', 'DATA_KEY cocok dengan data penduduk di basis data (NIK terbaca, indeks buta sama)');
  } catch {
    add(
      'keys',
      'problem',
      'DATA_KEY tidak cocok dengan basis data: NIK penduduk tidak dapat dibuka. Pasang DATA_KEY yang dipakai saat data ditulis (dari cadangan kunci), bukan kunci baru',
    );
  }
}

async function checkSkew(query: Query, opts: DoctorOptions, add: Add) {
  const max = opts.maxSkewSeconds ?? 5;
  const before = Date.now();
  const [row] = await query<{ now: Date }>('select clock_timestamp() as now');
  const roundTrip = Date.now() - before;
  const here = (opts.now ?? (() => new Date()))().getTime() - roundTrip / 2;
  const skew = Math.abs(here - new Date(row!.now).getTime()) / 1000;
  if (skew > max)
    add(
      'clock',
      'problem',
      `Jam server ini dan jam server basis data berselisih ${skew.toFixed(1)} detik (batas ${max} detik): sinkronkan keduanya dengan NTP (chrony/systemd-timesyncd)`,
    );
  else add('clock', 'ok', `Jam server ini dan server basis data selisih ${skew.toFixed(1)} detik`);
}

async function checkClockTool(opts: DoctorOptions, add: Add) {
  const synced = await (opts.timeSynced ?? ntpSynchronised)();
  if (synced === true) add('clock', 'ok', 'Jam sistem tersinkron NTP');
  else if (synced === false)
    add(
      'clock',
      'problem',
      'Jam sistem tidak tersinkron NTP (timedatectl/chronyc): nyalakan chrony atau systemd-timesyncd',
    );
  else
    add('clock', 'warn', 'Sinkronisasi NTP tidak dapat diperiksa (timedatectl/chronyc tidak ada atau tanpa systemd)');
}

function run(cmd: string, args: string[]): Promise<string | null> {
  return new Promise((ok) =>
    execFile(cmd, args, { timeout: 3_000 }, (err, stdout) => ok(err ? null : String(stdout).trim())),
  );
}

/** timedatectl's NTPSynchronized, else chronyc's leap status; null when neither answers. */
export async function ntpSynchronised(): Promise<boolean | null> {
  const t = await run('timedatectl', ['show', '-p', 'NTPSynchronized', '--value']);
  if (t === 'yes') return true;
  if (t === 'no') return false;
  const c = await run('chronyc', ['tracking']);
  if (c) return /Leap status\s*:\s*Normal/i.test(c);
  return null;
}

async function checkDisk(config: Config, opts: DoctorOptions, add: Add) {
  // Uploaded files live in PostgreSQL (stored_files); on this server the data folder holds the keys (and PGlite).
  const path = existsSync(config.dataDir)
    ? config.dataDir
    : existsSync(config.letters.signingKeyDir)
      ? config.letters.signingKeyDir
      : '/';
  try {
    const { free, total } = await (opts.diskSpace ?? defaultDiskSpace)(path);
    const share = total ? free / total : 0;
    const minShare = opts.minFreeShare ?? 0.1;
    const minBytes = opts.minFreeBytes ?? GiB;
    const text = `${(free / GiB).toFixed(1)} GiB bebas dari ${(total / GiB).toFixed(1)} GiB (${Math.round(share * 100)} %) di ${path}`;
    if (share < minShare || free < minBytes) add('disk', 'problem', `Ruang disk hampir habis: ${text}`);
    else add('disk', 'ok', `Ruang disk: ${text}`);
  } catch (err) {
    add('disk', 'problem', `Ruang disk ${path} tidak dapat dibaca: ${(err as Error).message}`);
  }
}

async function defaultDiskSpace(path: string) {
  const s = await statfs(path);
  return { free: s.bavail * s.bsize, total: s.blocks * s.bsize };
}

async function checkMail(config: Config, add: Add, timeoutMs: number) {
  const raw = config.mail.smtpUrl;
  if (!raw) {
    add('mail', 'warn', 'SMTP_URL kosong: notifikasi email tidak dikirim');
    return;
  }
  const url = new URL(raw);
  const secure = url.protocol === 'smtps:';
  const host = url.hostname;
  const port = Number(url.port || (secure ? 465 : 587));
  try {
    const greeting = await smtpHello(host, port, secure, timeoutMs);
    add('mail', 'ok', `Server SMTP ${host}:${port} menjawab EHLO (${greeting})`);
  } catch (err) {
    add('mail', 'problem', `Server SMTP ${host}:${port} tidak terjangkau: ${(err as Error).message}`);
  }
}

/** Connects, reads the 220 greeting, says EHLO, reads the 250 reply, says QUIT. Resolves with the greeting's first line. */
export function smtpHello(host: string, port: number, secure: boolean, timeoutMs: number): Promise<string> {
  return new Promise((ok, fail) => {
    const socket: Socket = secure
      ? tlsConnect({ host, port, servername: host, timeout: timeoutMs })
      : netConnect({ host, port, timeout: timeoutMs });
    let buffer = '';
    let greeting = '';
    let stage: 'greeting' | 'ehlo' = 'greeting';
    const done = (err: Error | null) => {
      socket.removeAllListeners('data');
      socket.destroy();
      if (err) fail(err);
      else ok(greeting);
    };
    socket.setEncoding('utf8');
    socket.on('timeout', () => done(new Error(`tidak ada jawaban dalam ${timeoutMs} ms`)));
    socket.on('error', (err) => done(err));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      // A reply ends with a line "NNN text" (a space after the code, not a dash).
      const lines = buffer.split('\r\n');
      const last = lines.findLast((l) => /^\d{3} /.test(l));
      if (!last) return;
      buffer = '';
      if (stage === 'greeting') {
        if (!last.startsWith('220')) return done(new Error(`salam server: ${last}`));
        greeting = last.slice(4, 80);
        stage = 'ehlo';
        socket.write('EHLO pamong-doctor\r\n');
      } else {
        if (!last.startsWith('250')) return done(new Error(`jawaban EHLO: ${last}`));
        socket.write('QUIT\r\n');
        done(null);
      }
    });
  });
}

async function checkWebhook(config: Config, add: Add, timeoutMs: number) {
  const url = config.webhook.url;
  if (!url) {
    add('webhook', 'warn', 'WEBHOOK_URL kosong: notifikasi WhatsApp/Telegram tidak dikirim');
    return;
  }
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    if (res.status >= 500) add('webhook', 'problem', `Webhook ${redactUrl(url)} menjawab ${res.status}`);
    else add('webhook', 'ok', `Webhook ${redactUrl(url)} terjangkau (HEAD: ${res.status})`);
  } catch (err) {
    const e = err as Error & { cause?: Error };
    add('webhook', 'problem', `Webhook ${redactUrl(url)} tidak terjangkau: ${e.cause?.message ?? e.message}`);
  }
}

/** A URL without its password, for messages. */
export function redactUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(alamat tidak sah)';
  }
}

const LABEL: Record<Level, string> = { ok: 'OK       ', warn: 'PERHATIAN', problem: 'MASALAH  ' };

/** One line per finding, problems last-to-be-missed: in the order checked. */
export function formatFindings(findings: Finding[]): string {
  const lines = findings.map((f) => `${LABEL[f.level]} [${f.check}] ${f.message}`);
  const problems = findings.filter((f) => f.level === 'problem').length;
  lines.push(
    problems
      ? `\n${problems} masalah ditemukan. Perbaiki yang bertanda MASALAH, lalu jalankan npm run doctor lagi.`
      : '\nTidak ada masalah.',
  );
  return lines.join('\n');
}
