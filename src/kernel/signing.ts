// The city's Ed25519 signing key. The private half lives outside the database
// (a folder shared by the app instances, or SIGNING_KEY_PEM); the public half
// of every key ever used is stored in the database, so letters signed before
// a rotation still verify.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKeyPem: string;
}

function kidOf(publicKeyPem: string): string {
  const raw = createPublicKey(publicKeyPem).export({ format: 'der', type: 'spki' });
  return `k${Buffer.from(raw).subarray(-32).toString('hex').slice(0, 12)}`;
}

function fromPrivatePem(pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  const publicKeyPem = createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }).toString();
  return { kid: kidOf(publicKeyPem), privateKey, publicKeyPem };
}

export function generateSigningKey(): { key: SigningKey; privatePem: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const privatePem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { key: fromPrivatePem(privatePem), privatePem };
}

/** The active key: from SIGNING_KEY_PEM, else `<dir>/active.pem`, created on first start. */
export function loadSigningKey(opts: { pem?: string | null; dir: string }): SigningKey {
  if (opts.pem) return fromPrivatePem(opts.pem);
  const file = join(opts.dir, 'active.pem');
  if (existsSync(file)) return fromPrivatePem(readFileSync(file, 'utf8'));
  return rotateSigningKey(opts.dir);
}

/** Makes a new active key; the old file is kept under its kid for the record. */
export function rotateSigningKey(dir: string): SigningKey {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'active.pem');
  if (existsSync(file)) {
    const old = fromPrivatePem(readFileSync(file, 'utf8'));
    writeFileSync(join(dir, `${old.kid}.pem`), readFileSync(file), { mode: 0o600 });
  }
  const { key, privatePem } = generateSigningKey();
  writeFileSync(file, privatePem, { mode: 0o600 });
  return key;
}

export function signText(key: SigningKey, text: string): string {
  return sign(null, Buffer.from(text, 'utf8'), key.privateKey).toString('base64url');
}

export function verifyText(publicKeyPem: string, text: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}
