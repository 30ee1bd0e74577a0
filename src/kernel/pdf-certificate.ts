// The X.509 certificate and private key that sign PDF files (PAdES). By
// default the city's own self-issued certificate, created on first use and
// kept beside the Ed25519 signing key (outside the database); or a
// certificate and key from files or a PKCS#12 bundle, which is how a BSrE/BSSN
// certificate is loaded. The private key is loaded once with node:crypto, so
// each signature costs milliseconds (see pdf-signature.ts).
import {
  constants,
  createHash,
  privateEncrypt,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

export interface PdfCertificate {
  /** The signer's certificate, PEM. */
  certificatePem: string;
  /** DER of the signer's certificate then of any intermediates, as embedded in each signature. */
  chainDer: Buffer[];
  privateKey: KeyObject;
  /** SHA-256 of the certificate's DER, lower-case hex: how the register knows it. */
  fingerprint: string;
  subject: string;
  /** The subject's CN: the name a PDF reader shows as the signer. */
  commonName: string;
  /** Issued by a certified authority (BSrE/BSSN), as the configuration says; false for the self-issued one. */
  certified: boolean;
}

export interface PdfCertificateSource {
  /** Where the self-issued certificate is kept (SIGNING_KEY_DIR). */
  dir: string;
  /** PEM certificate (then intermediates) and its PEM private key. */
  certFile?: string | null;
  keyFile?: string | null;
  /** Or one PKCS#12 (.p12/.pfx) bundle. */
  p12File?: string | null;
  passphrase?: string | null;
  certified?: boolean;
  /** Subject of a self-issued certificate made now, e.g. "Pemerintah Kota Probolinggo". */
  commonName: string;
}

export class PdfCertificateError extends Error {}

// PKCS#12 bag types (RFC 7292 §4.2).
const OIDS = {
  key: '1.2.840.113549.1.12.10.1.1',
  shroudedKey: '1.2.840.113549.1.12.10.1.2',
  cert: '1.2.840.113549.1.12.10.1.3',
};

export const SELF_ISSUED_FILE = 'letter-certificate.pem';

// DigestInfo prefix of SHA-256 (RFC 8017 §9.2 note 1): PKCS#1 v1.5 signs DigestInfo, not the bare hash.
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * A stand-in for a node-forge RSA private key whose one operation, signing a
 * SHA-256 digest (RSASSA-PKCS1-v1_5), is done by node:crypto: ~50 times
 * faster than forge's JavaScript RSA, and the key never leaves its KeyObject.
 */
export function nativeRsaKey(privateKey: KeyObject): forge.pki.rsa.PrivateKey {
  const key = {
    sign(md: forge.md.MessageDigest) {
      if (md.algorithm !== 'sha256') throw new PdfCertificateError(`digest ${md.algorithm} tidak didukung`);
      const digest = Buffer.from(md.digest().getBytes(), 'binary');
      return privateEncrypt(
        { key: privateKey, padding: constants.RSA_PKCS1_PADDING },
        Buffer.concat([SHA256_DIGEST_INFO, digest]),
      ).toString('binary');
    },
  };
  return key as unknown as forge.pki.rsa.PrivateKey;
}

export function fingerprintOf(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex');
}

const pemBlocks = (text: string, label: string) =>
  text.match(new RegExp(`-----BEGIN ${label}-----[\\s\\S]+?-----END ${label}-----`, 'g')) ?? [];

function assemble(certPems: string[], privateKey: KeyObject, certified: boolean): PdfCertificate {
  if (!certPems.length) throw new PdfCertificateError('berkas sertifikat tidak memuat CERTIFICATE');
  const certs = certPems.map((p) => new X509Certificate(p));
  const leaf = certs[0]!;
  // pdf-signature.ts writes rsaEncryption signer infos (node-forge's PKCS#7): RSA keys only.
  if (privateKey.asymmetricKeyType !== 'rsa')
    throw new PdfCertificateError(`kunci sertifikat harus RSA (ditemukan ${privateKey.asymmetricKeyType ?? '?'})`);
  const spki = (k: KeyObject) => k.export({ type: 'spki', format: 'der' });
  if (!spki(createPublicKey(privateKey)).equals(spki(leaf.publicKey)))
    throw new PdfCertificateError('kunci privat tidak cocok dengan sertifikat pertama dalam berkas');
  return {
    certificatePem: leaf.toString(),
    chainDer: certs.map((c) => c.raw),
    privateKey,
    fingerprint: fingerprintOf(leaf.raw),
    subject: leaf.subject.replace(/\n/g, ', '),
    commonName: /(?:^|\n)CN=([^\n]*)/.exec(leaf.subject)?.[1] ?? leaf.subject,
    certified,
  };
}

/** A new RSA key (native) and a self-issued certificate over it (node-forge, once). */
export function generateSelfIssuedCertificate(commonName: string, years = 10): { pem: string; cert: PdfCertificate } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(
    createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
  );
  // A positive serial of 16 random bytes (top bit clear).
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  cert.serialNumber = serial.toString('hex');
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + years * 365.25 * 86400_000);
  const attrs = [
    { shortName: 'CN', value: commonName.slice(0, 64) },
    { shortName: 'O', value: commonName.slice(0, 64) },
    { shortName: 'OU', value: 'Tanda tangan elektronik tidak tersertifikasi' },
    { shortName: 'C', value: 'ID' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(nativeRsaKey(privateKey), forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  return { pem: `${certPem}${keyPem}`, cert: assemble([certPem], privateKey, false) };
}

function fromPemFiles(certFile: string, keyFile: string, passphrase: string | null, certified: boolean) {
  const certPems = pemBlocks(readFileSync(certFile, 'utf8'), 'CERTIFICATE');
  const key = createPrivateKey({ key: readFileSync(keyFile), ...(passphrase ? { passphrase } : {}) });
  return assemble(certPems, key, certified);
}

/** A PKCS#12 bundle as issued by a CA: the key bag and the certificates (the signer first). */
function fromP12(file: string, passphrase: string, certified: boolean) {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const der = forge.util.createBuffer(readFileSync(file).toString('binary'));
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), passphrase);
  } catch (err) {
    throw new PdfCertificateError(`berkas PKCS#12 tidak terbaca (kata sandi benar?): ${(err as Error).message}`);
  }
  const bags = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
  const keyBag = [...bags(OIDS.shroudedKey), ...bags(OIDS.key)].find((b) => b.key);
  if (!keyBag?.key) throw new PdfCertificateError('berkas PKCS#12 tidak memuat kunci privat RSA');
  const privateKey = createPrivateKey(forge.pki.privateKeyToPem(keyBag.key));
  const spkiOf = (pem: string) => new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  const mine = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const certPems = bags(OIDS.cert).flatMap((b) => (b.cert ? [forge.pki.certificateToPem(b.cert)] : []));
  // The signer's certificate first, whatever order the bundle keeps.
  certPems.sort((a, b) => Number(spkiOf(b).equals(mine)) - Number(spkiOf(a).equals(mine)));
  return assemble(certPems, privateKey, certified);
}

function fromBundle(text: string): PdfCertificate {
  const key = pemBlocks(text, 'PRIVATE KEY')[0];
  if (!key) throw new PdfCertificateError(`${SELF_ISSUED_FILE} tidak memuat PRIVATE KEY`);
  return assemble(pemBlocks(text, 'CERTIFICATE'), createPrivateKey(key), false);
}

/**
 * The certificate that signs letters: from the configured files, else the
 * self-issued one in `dir`, created on first use. Creation is atomic (a link
 * that fails when another instance got there first), so instances sharing
 * the folder end up with the same certificate.
 */
export function loadPdfCertificate(src: PdfCertificateSource): PdfCertificate {
  const certified = !!src.certified;
  if (src.p12File) return fromP12(src.p12File, src.passphrase ?? '', certified);
  if (src.certFile && src.keyFile) return fromPemFiles(src.certFile, src.keyFile, src.passphrase ?? null, certified);
  if (src.certFile || src.keyFile)
    throw new PdfCertificateError('LETTER_CERT_FILE dan LETTER_CERT_KEY_FILE harus diisi bersama');
  const file = join(src.dir, SELF_ISSUED_FILE);
  if (existsSync(file)) return fromBundle(readFileSync(file, 'utf8'));
  mkdirSync(src.dir, { recursive: true, mode: 0o700 });
  const made = generateSelfIssuedCertificate(src.commonName);
  const tmp = join(src.dir, `.${SELF_ISSUED_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  writeFileSync(tmp, made.pem, { mode: 0o600 });
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return fromBundle(readFileSync(file, 'utf8'));
  } finally {
    unlinkSync(tmp);
  }
  return made.cert;
}

/** The certificate for a signer name, looked up (or made) once per process. */
export type PdfCertificateProvider = (commonName: string) => PdfCertificate;

/**
 * Configured files are read at once, so a wrong path or passphrase stops the
 * start; the self-issued certificate is made on first use, when the city's
 * name (its subject) is known.
 */
export function pdfCertificateProvider(src: Omit<PdfCertificateSource, 'commonName'>): PdfCertificateProvider {
  const configured = src.p12File || src.certFile || src.keyFile ? loadPdfCertificate({ ...src, commonName: '' }) : null;
  let own: PdfCertificate | null = null;
  return (commonName) => configured ?? (own ??= loadPdfCertificate({ ...src, commonName }));
}
