import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSigningKey, loadSigningKey, rotateSigningKey, signText, verifyText } from './signing.js';
import { canonicalJson } from './codes.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'pamong-keys-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const letter = {
  number: '470/0001/35.74.01.1001/2026',
  resident: { name: 'Budi Santoso', nikMasked: '3574********0001' },
  text: 'Orang tersebut benar berdomisili di alamat di atas.',
};

describe('signing keys', () => {
  it('a signature verifies with the public key', () => {
    const { key } = generateSigningKey();
    const sig = signText(key, canonicalJson(letter));
    expect(verifyText(key.publicKeyPem, canonicalJson(letter), sig)).toBe(true);
    // Key order does not matter: the canonical form is what is signed.
    expect(
      verifyText(
        key.publicKeyPem,
        canonicalJson({ text: letter.text, resident: letter.resident, number: letter.number }),
        sig,
      ),
    ).toBe(true);
  });

  it('altered text, another key or a damaged signature fail', () => {
    const { key } = generateSigningKey();
    const sig = signText(key, canonicalJson(letter));
    expect(verifyText(key.publicKeyPem, canonicalJson({ ...letter, text: letter.text + ' ' }), sig)).toBe(false);
    expect(
      verifyText(
        key.publicKeyPem,
        canonicalJson({ ...letter, resident: { ...letter.resident, name: 'Orang Lain' } }),
        sig,
      ),
    ).toBe(false);
    expect(verifyText(generateSigningKey().key.publicKeyPem, canonicalJson(letter), sig)).toBe(false);
    expect(verifyText(key.publicKeyPem, canonicalJson(letter), 'bukan-tanda-tangan')).toBe(false);
    expect(verifyText('not a pem', canonicalJson(letter), sig)).toBe(false);
  });

  it('after a rotation, a letter signed with the old key still verifies with its stored public key', () => {
    const dir = tempDir();
    const old = loadSigningKey({ dir });
    expect(loadSigningKey({ dir }).kid).toBe(old.kid); // stable across restarts
    // What the database keeps: kid → public key, for every key ever used.
    const stored = new Map([[old.kid, old.publicKeyPem]]);
    const sig = signText(old, canonicalJson(letter));

    const next = rotateSigningKey(dir);
    stored.set(next.kid, next.publicKeyPem);
    expect(next.kid).not.toBe(old.kid);
    expect(loadSigningKey({ dir }).kid).toBe(next.kid);
    expect(readdirSync(dir).sort()).toEqual([`${old.kid}.pem`, 'active.pem'].sort());

    expect(verifyText(stored.get(old.kid)!, canonicalJson(letter), sig)).toBe(true);
    expect(verifyText(stored.get(next.kid)!, canonicalJson(letter), sig)).toBe(false);
    const newSig = signText(next, canonicalJson(letter));
    expect(verifyText(stored.get(next.kid)!, canonicalJson(letter), newSig)).toBe(true);
  });

  it('SIGNING_KEY_PEM takes precedence over the folder', () => {
    const { key, privatePem } = generateSigningKey();
    expect(loadSigningKey({ pem: privatePem, dir: tempDir() }).kid).toBe(key.kid);
  });
});
