import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkProductionConfig, ConfigError, loadConfig } from './config.js';
import { generateSigningKey } from './kernel/signing.js';

const dir = mkdtempSync(join(tmpdir(), 'pamong-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const { privatePem } = generateSigningKey();

/** A complete production environment; each test takes one thing away. */
function productionEnv(): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATA_DIR: dir,
    DATABASE_URL: 'postgres://pamong@127.0.0.1:6432/pamong',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    DATA_KEY: randomBytes(32).toString('base64'),
    SIGNING_KEY_PEM: privatePem,
    PUBLIC_URL: 'https://layanan.kota.go.id',
    TRUST_PROXY: '127.0.0.1',
  };
}

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

describe('production configuration at start', () => {
  it('starts with everything in place', () => {
    const config = loadConfig(productionEnv());
    expect(config.env).toBe('production');
    expect(checkProductionConfig(config)).toEqual([]);
  });

  it('names every missing item at once, in Indonesian, and refuses to start', () => {
    const problems = problemsOf({ NODE_ENV: 'production', DATA_DIR: dir });
    const text = problems.join('\n');
    for (const name of ['SESSION_SECRET', 'DATA_KEY', 'DATABASE_URL', 'SIGNING_KEY', 'PUBLIC_URL', 'TRUST_PROXY'])
      expect(text).toContain(name);
    expect(text).toMatch(/wajib di produksi/);
    // Each variable once, not twice from the two passes.
    expect(problems.filter((p) => p.startsWith('SESSION_SECRET'))).toHaveLength(1);
    expect(problems.filter((p) => p.includes('SIGNING_KEY_DIR'))).toHaveLength(1);
  });

  it('refuses the embedded database, plain http, no load balancer and the demo city, one message each', () => {
    const env = productionEnv();
    delete (env as Partial<typeof env>).DATABASE_URL;
    delete (env as Partial<typeof env>).TRUST_PROXY;
    env.PUBLIC_URL = 'http://layanan.kota.go.id';
    env.DEMO_SEED = 'true';
    const problems = problemsOf(env);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^DATABASE_URL wajib di produksi/);
    expect(problems.find((p) => p.startsWith('PUBLIC_URL'))).toMatch(/https/);
    expect(problems.find((p) => p.startsWith('TRUST_PROXY'))).toBeDefined();
    expect(problems.find((p) => p.startsWith('DEMO_SEED'))).toBeDefined();
  });

  it('reads the signing key from SIGNING_KEY_DIR and names a missing, unreadable or broken key file', () => {
    const env = productionEnv();
    delete (env as Partial<typeof env>).SIGNING_KEY_PEM;
    const own = mkdtempSync(join(dir, 'k-'));
    env.SIGNING_KEY_DIR = own;
    expect(problemsOf(env).join('\n')).toContain(join(own, 'active.pem'));
    writeFileSync(join(own, 'active.pem'), privatePem, { mode: 0o600 });
    expect(problemsOf(env)).toEqual([]);
    // As root every file is readable; the probe stands in for the permission check there.
    const config = loadConfig({ ...productionEnv(), SIGNING_KEY_PEM: '', SIGNING_KEY_DIR: own });
    const unreadable = { readable: () => false, read: () => '' };
    expect(checkProductionConfig(config, unreadable)).toEqual([
      expect.stringMatching(/^SIGNING_KEY_DIR: .*tidak ada atau tidak dapat dibaca/),
    ]);
    writeFileSync(join(own, 'active.pem'), 'not a key');
    expect(problemsOf(env)).toEqual([expect.stringMatching(/bukan kunci privat PEM yang sah/)]);
  });

  it('names an unreadable letter certificate file', () => {
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'cert-key.pem');
    writeFileSync(cert, 'x');
    writeFileSync(key, 'x');
    chmodSync(key, 0o000);
    const config = loadConfig({ ...productionEnv(), LETTER_CERT_FILE: cert, LETTER_CERT_KEY_FILE: key });
    const probe = { readable: (p: string) => p !== key, read: () => '' };
    expect(checkProductionConfig(config, probe)).toEqual([expect.stringMatching(/^LETTER_CERT_KEY_FILE=".*cert-key/)]);
  });

  it('checks nothing of this outside production, and not with PRODUCTION_CHECKS=off (automated tests only)', () => {
    expect(problemsOf({ NODE_ENV: 'development', DATA_DIR: dir })).toEqual([]);
    const env = productionEnv();
    env.PUBLIC_URL = 'http://127.0.0.1:3000';
    expect(problemsOf({ ...env, PRODUCTION_CHECKS: 'off' })).toEqual([]);
    expect(problemsOf(env)).toHaveLength(1);
    expect(problemsOf({ ...env, PRODUCTION_CHECKS: 'maybe' })).toContain('PRODUCTION_CHECKS harus on atau off');
  });
});
