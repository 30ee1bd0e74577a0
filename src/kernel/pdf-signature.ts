// PDF signatures inside the file (PAdES, ISO 32000-1 adbe.pkcs7.detached):
// any PDF reader then tells an edited file. Signing adds a signature
// placeholder to a finished PDF (@signpdf/placeholder-plain) and fills it with
// a detached CMS built by node-forge, whose digest is signed by node:crypto
// with a key loaded once (≈ 2.4 ms a signature; forge's own RSA is ≈ 100 ms).
// Verification is our own and strict: one signature, covering the whole file
// but its hole, whose CMS verifies. Whether the certificate is one the city
// registered is the caller's question (the returned fingerprint).
import { createHash, verify, X509Certificate } from 'node:crypto';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf, Signer } from '@signpdf/signpdf';
import forge from 'node-forge';
import { bytesOf, childrenOf, contentOf, oidOf, readTlv, type Tlv } from './der.js';
import { fingerprintOf, nativeRsaKey, type PdfCertificate } from './pdf-certificate.js';

/** The signature dictionary's text fields (ISO 32000-1 §12.8.1), shown by every PDF reader. */
export interface PdfSignatureInfo {
  reason: string;
  name: string;
  location: string;
  /** How to reach the signer to check the signature: here, the letter's verification address. */
  contactInfo: string;
}

const forgeChains = new WeakMap<PdfCertificate, forge.pki.Certificate[]>();
function forgeChainOf(cert: PdfCertificate) {
  let chain = forgeChains.get(cert);
  if (!chain) {
    chain = cert.chainDer.map((der) =>
      forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')))),
    );
    forgeChains.set(cert, chain);
  }
  return chain;
}

/** Builds the detached CMS with node-forge; only the RSA operation is node:crypto's. */
class NodeCryptoSigner extends Signer {
  constructor(private readonly cert: PdfCertificate) {
    super();
  }
  override async sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
    const chain = forgeChainOf(this.cert);
    // forge asks its key to sign the digest of the signed attributes: this one does it natively.
    const key = nativeRsaKey(this.cert.privateKey);
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdf.toString('binary'));
    for (const c of chain) p7.addCertificate(c);
    p7.addSigner({
      key,
      certificate: chain[0]!,
      digestAlgorithm: forge.pki.oids.sha256!,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType!, value: forge.pki.oids.data! },
        { type: forge.pki.oids.messageDigest! },
        { type: forge.pki.oids.signingTime!, value: (signingTime ?? new Date()) as unknown as string },
      ],
    });
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}

const signPdfEngine = new SignPdf();

/**
 * placeholder-plain writes a non-ASCII text as UTF-16 bytes inside a UTF-8
 * string, which readers show as mojibake: the signature's text fields are
 * kept to ASCII, accents dropped ("Ké" → "Ke"), anything else "?".
 */
export function asciiText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '?');
}

/** Signs a finished PDF (one incremental update: the signature field and its CMS). */
export async function signPdf(
  pdf: Buffer,
  cert: PdfCertificate,
  info: PdfSignatureInfo & { signingTime?: Date },
): Promise<Buffer> {
  const signingTime = info.signingTime ?? new Date();
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: asciiText(info.reason),
    name: asciiText(info.name),
    location: asciiText(info.location),
    contactInfo: asciiText(info.contactInfo),
    signingTime,
    // Room for the CMS (bytes; twice that in hex): the chain, plus < 1 KB of signed attributes and signature value.
    signatureLength: Math.max(4096, 2048 + cert.chainDer.reduce((n, d) => n + d.length, 0)),
    appName: 'Pamong',
  });
  return signPdfEngine.sign(withPlaceholder, new NodeCryptoSigner(cert), signingTime);
}

export type PdfSignatureProblem =
  /** No signature dictionary at all. */
  | 'no_signature'
  /** Bytes added, removed or changed after signing, or a second signature / incremental update. */
  | 'changed'
  /** The signature is there but does not verify (or cannot be read). */
  | 'bad_signature';

export type PdfSignatureCheck =
  | {
      ok: true;
      /** SHA-256 of the signer certificate's DER (lower-case hex). */
      fingerprint: string;
      certificatePem: string;
      info: PdfSignatureInfo & { signingTime: Date | null };
    }
  | { ok: false; problem: PdfSignatureProblem };

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  messageDigest: '1.2.840.113549.1.9.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
};
const HASHES: Record<string, string> = { [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' };

const fail = (problem: PdfSignatureProblem): PdfSignatureCheck => ({ ok: false, problem });

/**
 * Checks the one signature of a PDF. ASLI needs all of: exactly one
 * /ByteRange; it starts at 0 and ends at the end of the file, leaving out
 * only the /Contents hex string; the CMS in it has one signer whose
 * messageDigest equals the hash of those ranges and whose signed attributes
 * verify with the key of the certificate it names.
 */
export function verifyPdfSignature(pdf: Buffer): PdfSignatureCheck {
  const text = pdf.toString('latin1');
  const mentions = text.split('/ByteRange').length - 1;
  if (mentions === 0) return fail('no_signature');
  // A second signature, or any update after signing that added one, is a changed file.
  if (mentions > 1) return fail('changed');
  const m = /\/ByteRange\s*\[\s*(\d{1,10})\s+(\d{1,10})\s+(\d{1,10})\s+(\d{1,10})\s*\]/.exec(text);
  if (!m) return fail('bad_signature');
  const [a, b, c, d] = m.slice(1).map(Number) as [number, number, number, number];
  if (a !== 0 || c + d !== pdf.length) return fail('changed');
  if (!(b > 0 && c > b + 1 && pdf[b] === 0x3c && pdf[c - 1] === 0x3e)) return fail('bad_signature');
  const hole = text.slice(b + 1, c - 1);
  if (!/^[0-9a-fA-F]*$/.test(hole) || hole.length % 2) return fail('bad_signature');
  if (!/\/Contents\s*$/.test(text.slice(Math.max(0, b - 32), b))) return fail('bad_signature');
  const signed = [pdf.subarray(0, b), pdf.subarray(c, c + d)];
  try {
    const cms = checkCms(Buffer.from(hole, 'hex'), signed);
    if (typeof cms === 'string') return fail(cms);
    return { ok: true, ...cms, info: readDictionary(text, m.index, c) };
  } catch {
    // Whatever a stranger's file holds (bad DER, an unknown key type) ends as "does not verify", never as an error.
    return fail('bad_signature');
  }
}

/** The CMS SignedData (RFC 5652 §5): the signer certificate when it verifies, else what is wrong. */
function checkCms(
  der: Buffer,
  signed: Buffer[],
): { fingerprint: string; certificatePem: string } | 'changed' | 'bad_signature' {
  const bad = 'bad_signature';
  const info = readTlv(der, 0);
  // After the CMS only the zero padding of the placeholder.
  if (der.subarray(info.end).some((x) => x !== 0)) return bad;
  const [type, explicit] = childrenOf(der, info);
  if (!type || !explicit || oidOf(der, type) !== OID.signedData || explicit.tag !== 0xa0) return bad;
  const sd = childrenOf(der, explicit)[0];
  if (!sd || sd.tag !== 0x30) return bad;
  const parts = childrenOf(der, sd);
  const certSet = parts.find((p) => p.tag === 0xa0);
  const signerInfos = parts[parts.length - 1];
  if (!certSet || !signerInfos || signerInfos.tag !== 0x31) return bad;
  const signers = childrenOf(der, signerInfos);
  if (signers.length !== 1) return bad;
  const si = childrenOf(der, signers[0]!);
  // version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature
  const [, sid, digestAlg, attrs, , signature] = si;
  if (!sid || !digestAlg || !attrs || attrs.tag !== 0xa0 || !signature || signature.tag !== 0x04) return bad;
  const hashName = HASHES[oidOf(der, childrenOf(der, digestAlg)[0]!)];
  if (!hashName) return bad;

  const digest = createHash(hashName);
  for (const part of signed) digest.update(part);
  const claimed = messageDigestOf(der, attrs);
  if (!claimed) return bad;
  // The bytes hash to something else than what was signed: the file was changed after signing.
  if (!claimed.equals(digest.digest())) return 'changed';

  const cert = signerCertificate(der, certSet, sid);
  if (!cert) return bad;
  // The signed attributes are signed as a SET (tag 0x31), not as the [0] they are stored under.
  const signedAttrs = Buffer.from(bytesOf(der, attrs));
  signedAttrs[0] = 0x31;
  if (!verify(hashName, signedAttrs, cert.publicKey, contentOf(der, signature))) return bad;
  return { fingerprint: fingerprintOf(cert.raw), certificatePem: cert.toString() };
}

function messageDigestOf(der: Buffer, attrs: Tlv): Buffer | null {
  const found = childrenOf(der, attrs).filter((attr) => {
    const [oid] = childrenOf(der, attr);
    return !!oid && oidOf(der, oid) === OID.messageDigest;
  });
  if (found.length !== 1) return null;
  const values = childrenOf(der, found[0]!)[1];
  const value = values ? childrenOf(der, values) : [];
  return value.length === 1 && value[0]!.tag === 0x04 ? contentOf(der, value[0]!) : null;
}

/** The certificate the signer names by issuer and serial number (RFC 5652 §5.3). */
function signerCertificate(der: Buffer, certSet: Tlv, sid: Tlv): X509Certificate | null {
  if (sid.tag !== 0x30) return null;
  const serialTlv = childrenOf(der, sid)[1];
  if (!serialTlv || serialTlv.tag !== 0x02) return null;
  const serial = BigInt(`0x${contentOf(der, serialTlv).toString('hex') || '0'}`);
  for (const c of childrenOf(der, certSet)) {
    if (c.tag !== 0x30) continue;
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(bytesOf(der, c));
    } catch {
      continue;
    }
    if (BigInt(`0x${cert.serialNumber}`) === serial) return cert;
  }
  return null;
}

/** The text fields of the signature dictionary that holds the ByteRange (inside the signed bytes). */
function readDictionary(
  text: string,
  byteRangeAt: number,
  holeEnd: number,
): PdfSignatureInfo & { signingTime: Date | null } {
  const start = text.lastIndexOf(' obj', byteRangeAt);
  const endAt = text.indexOf('endobj', holeEnd);
  const dict = text.slice(start < 0 ? byteRangeAt : start, endAt < 0 ? text.length : endAt);
  const field = (name: string) => {
    const at = new RegExp(`/${name}\\s*\\(`).exec(dict);
    return at ? pdfLiteralString(dict, at.index + at[0].length - 1) : '';
  };
  return {
    reason: field('Reason'),
    name: field('Name'),
    location: field('Location'),
    contactInfo: field('ContactInfo'),
    signingTime: pdfDate(field('M')),
  };
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

/** A PDF literal string starting at "(" (ISO 32000-1 §7.3.4.2): escapes, nested brackets, UTF-16BE with a BOM. */
export function pdfLiteralString(s: string, open: number): string {
  let depth = 0;
  let out = '';
  for (let i = open; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\') {
      const next = s[++i] ?? '';
      const octal = /^[0-7]{1,3}/.exec(s.slice(i, i + 3));
      if (octal) {
        out += String.fromCharCode(parseInt(octal[0], 8) & 0xff);
        i += octal[0].length - 1;
      } else if (next === '\r' || next === '\n') {
        if (next === '\r' && s[i + 1] === '\n') i++;
      } else out += ESCAPES[next] ?? next;
      continue;
    }
    if (ch === '(') {
      if (depth++ === 0) continue;
    } else if (ch === ')') {
      if (--depth === 0) break;
    }
    out += ch;
  }
  if (out.startsWith('\xfe\xff')) return Buffer.from(out.slice(2), 'latin1').swap16().toString('utf16le');
  return out;
}

/** "D:20261202083000Z" → a Date (null when absent or not a date). */
function pdfDate(s: string): Date | null {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(s);
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(d.getTime()) ? null : d;
}
