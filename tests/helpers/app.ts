// A whole app per test file on its own database (a copy of the migrated
// template on PGlite; the shared test schema on PostgreSQL), plus factories
// that give each test its own regions and accounts — tests never depend on
// global counts, so they run the same on both databases.
import { makeNip } from './staff.js';
import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { loadConfig, type Config } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createApp, type AppOptions } from '../../src/app.js';
import { fixedClock, systemClock, type Clock } from '../../src/lib/clock.js';
import type { Role } from '../../src/kernel/roles.js';
import { createAccount, ctxOf } from '../../src/seed/factories.js';
import { createRepos, createServices } from '../../src/wiring.js';
import { generateSigningKey } from '../../src/kernel/signing.js';
import { generateSelfIssuedCertificate, type PdfCertificate } from '../../src/kernel/pdf-certificate.js';
import { templatePath, TEST_DATABASE_URL } from './env.js';

export const TEST_PASSWORD = 'uji-sandi-rahasia-1';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    DATA_KEY: randomBytes(32).toString('base64'),
    CITY_CODE: '35.74',
    DATA_DIR: '/nonexistent-test-data',
    ...overrides,
  });
}

let pdfCertificate: PdfCertificate | null = null;
/** One self-issued PDF-signing certificate per test process (an RSA key takes a moment to make). */
export const testPdfCertificate = () => (pdfCertificate ??= generateSelfIssuedCertificate('Pemerintah Kota Uji').cert);

export async function openTestDatabase(): Promise<Database> {
  if (TEST_DATABASE_URL) return openDatabase({ databaseUrl: TEST_DATABASE_URL, dataDir: '', poolSize: 5 });
  const blob = new Blob([readFileSync(templatePath())]);
  return openDatabase({ databaseUrl: null, dataDir: '', inMemory: true, loadDataDir: blob });
}

export async function createTestApp(
  opts: { clock?: Clock; config?: Record<string, string>; logger?: AppOptions['logger'] } = {},
) {
  const config = testConfig(opts.config);
  const database = await openTestDatabase();
  const repos = createRepos();
  const clock = opts.clock ?? systemClock;
  const services = createServices(database, repos, clock, config, {
    signingKey: generateSigningKey().key,
    pdfCertificate: testPdfCertificate,
  });
  await services.letters.ensureKeyRegistered();
  await services.catalogue.seedDefaults();
  const app = await createApp({ config, services, logger: opts.logger ?? false });
  // Each test app calls from its own address: the database-backed rate limits (tracking, verification)
  // count per IP, and on a shared PostgreSQL every test file would otherwise fill the same bucket.
  const remoteAddress = `10.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
  const inject = app.inject.bind(app) as (o: object) => unknown;
  (app as { inject: unknown }).inject = (o: object) => inject({ remoteAddress, ...o });
  const db = database.db;

  /** A fresh, unique test city with two kecamatan, each with two kelurahan, each with RW 001 / RT 001–002. */
  async function createArea() {
    const n = Number((await sql<{ n: string }>`select nextval('test_area_seq') as n`.execute(db)).rows[0]!.n);
    const prov = String(91 + (Math.floor(n / 99) % 9));
    const city = `${prov}.${String((n % 99) + 1).padStart(2, '0')}`;
    await db
      .insertInto('regions')
      .values({ code: prov, parent_code: null, level: 'provinsi', name: `Provinsi Uji ${prov}` })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await db
      .insertInto('regions')
      .values({ code: city, parent_code: prov, level: 'kabkota', name: `Kota Uji ${city}` })
      .execute();
    const area = { city, kec: [] as { code: string; kel: { code: string; rw: string; rts: string[] }[] }[] };
    for (const k of [1, 2]) {
      const kec = `${city}.0${k}`;
      await db
        .insertInto('regions')
        .values({ code: kec, parent_code: city, level: 'kecamatan', name: `Kecamatan ${k}` })
        .execute();
      const kels = [];
      for (const l of [1, 2]) {
        const kel = `${kec}.100${l}`;
        const rw = `${kel}.001`;
        const rts = [`${rw}.001`, `${rw}.002`];
        await db
          .insertInto('regions')
          .values([
            { code: kel, parent_code: kec, level: 'kelurahan', name: `Kelurahan ${k}-${l}` },
            { code: rw, parent_code: kel, level: 'rw', name: 'RW 001' },
            { code: rts[0]!, parent_code: rw, level: 'rt', name: 'RT 001' },
            { code: rts[1]!, parent_code: rw, level: 'rt', name: 'RT 002' },
          ])
          .execute();
        kels.push({ code: kel, rw, rts });
      }
      area.kec.push({ code: kec, kel: kels });
    }
    return area;
  }

  let userSeq = 0;
  /** An account of a role bound to a region, already signed in: returns cookie + csrf + bearer token. */
  async function createUser(role: Role, regionCode: string, extra: { residentId?: number; nikHash?: Buffer } = {}) {
    const username = `u${randomBytes(4).toString('hex')}${userSeq++}`;
    // Heads of office sign letters, so they carry a NIP and jabatan like the real ones.
    const official =
      role === 'lurah' || role === 'camat'
        ? { nip: makeNip(), jabatan: role === 'lurah' ? 'Lurah' : 'Camat', pangkat: 'Penata Tingkat I (III/d)' }
        : undefined;
    const user = await createAccount(db, repos, {
      username,
      fullName: `Uji ${role}`,
      role,
      regionCode,
      password: TEST_PASSWORD,
      ...(official ? { official } : {}),
      ...extra,
    });
    const { token } = await services.accounts.login({
      loginId: username,
      password: TEST_PASSWORD,
      ip: `10.${userSeq}.0.1`,
      userAgent: 'vitest',
    });
    return { user, username, token, ctx: ctxOf({ ...user, role }), ...(await sessionFor(token)) };
  }

  /** Cookie header and CSRF token for a session token (for form posts). */
  async function sessionFor(token: string) {
    const res = await app.inject({ method: 'GET', url: '/akun/sandi', cookies: { pamong_sid: token } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? '';
    return { cookies: { pamong_sid: token }, csrf, auth: { authorization: `Bearer ${token}` } };
  }

  return {
    app,
    db,
    database,
    services,
    repos,
    config,
    clock,
    createArea,
    createUser,
    sessionFor,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
export { fixedClock };
