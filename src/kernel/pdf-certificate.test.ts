import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateSelfIssuedCertificate,
  loadPdfCertificate,
  pdfCertificateProvider,
  PdfCertificateError,
  SELF_ISSUED_FILE,
  type PdfCertificate,
} from './pdf-certificate.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'pamong-cert-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

let made: { pem: string; cert: PdfCertificate };
beforeAll(() => {
  made = generateSelfIssuedCertificate('Pemerintah Kota Uji');
}, 120_000); // a hang guard: RSA keys take a moment on a loaded machine

describe('the certificate that signs letter PDFs', () => {
  it('is self-issued on first use in the key folder, kept private, and the same on every later load', () => {
    const dir = tempDir();
    const first = loadPdfCertificate({ dir, commonName: 'Pemerintah Kota Probolinggo' });
    expect(first.commonName).toBe('Pemerintah Kota Probolinggo');
    expect(first.certified).toBe(false);
    expect(first.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(dir, SELF_ISSUED_FILE)).mode & 0o077).toBe(0);
    const again = loadPdfCertificate({ dir, commonName: 'another name is ignored once it exists' });
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(readdirSync(dir)).toEqual([SELF_ISSUED_FILE]); // no temporary file left behind
  });

  it('loads a PEM certificate and key from files, as a BSrE certificate would be given', () => {
    const dir = tempDir();
    const certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    writeFileSync(certFile, made.cert.certificatePem);
    writeFileSync(keyFile, made.pem.slice(made.pem.indexOf('-----BEGIN PRIVATE KEY')));
    const c = loadPdfCertificate({ dir, certFile, keyFile, certified: true, commonName: 'x' });
    expect(c.fingerprint).toBe(made.cert.fingerprint);
    expect(c.certified).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['cert.pem', 'key.pem']); // nothing self-issued beside it
  });

  it('loads a PKCS#12 bundle with its passphrase, and says so when the passphrase is wrong', () => {
    const dir = tempDir();
    const key = forge.pki.privateKeyFromPem(made.pem.slice(made.pem.indexOf('-----BEGIN PRIVATE KEY')));
    const cert = forge.pki.certificateFromPem(made.cert.certificatePem);
    const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], 'rahasia', { algorithm: '3des' });
    const p12File = join(dir, 'kota.p12');
    writeFileSync(p12File, Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));
    const c = loadPdfCertificate({ dir, p12File, passphrase: 'rahasia', commonName: 'x' });
    expect(c.fingerprint).toBe(made.cert.fingerprint);
    expect(() => loadPdfCertificate({ dir, p12File, passphrase: 'salah', commonName: 'x' })).toThrow(
      PdfCertificateError,
    );
  });

  it('refuses a key that is not the certificate’s, and a key that is not RSA', () => {
    const dir = tempDir();
    const certFile = join(dir, 'cert.pem');
    writeFileSync(certFile, made.cert.certificatePem);
    const otherRsa = join(dir, 'other.pem');
    writeFileSync(
      otherRsa,
      generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    expect(() => loadPdfCertificate({ dir, certFile, keyFile: otherRsa, commonName: 'x' })).toThrow(/tidak cocok/);
    const ec = join(dir, 'ec.pem');
    writeFileSync(
      ec,
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    expect(() => loadPdfCertificate({ dir, certFile, keyFile: ec, commonName: 'x' })).toThrow(/RSA/);
  });

  it('the provider makes the self-issued certificate once, on first use', () => {
    const dir = tempDir();
    const provide = pdfCertificateProvider({ dir });
    expect(readdirSync(dir)).toEqual([]);
    const a = provide('Pemerintah Kota Uji');
    expect(provide('Pemerintah Kota Uji')).toBe(a);
    expect(readdirSync(dir)).toEqual([SELF_ISSUED_FILE]);
  });
});
