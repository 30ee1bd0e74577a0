import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfBuffer } from '../lib/pdf.js';
import { generateSelfIssuedCertificate, type PdfCertificate } from './pdf-certificate.js';
import { pdfLiteralString, signPdf, verifyPdfSignature } from './pdf-signature.js';

let ours: PdfCertificate;
let theirs: PdfCertificate;
let plain: Buffer;
let signed: Buffer;

const INFO = {
  reason: 'Tanda tangan elektronik tidak tersertifikasi (PP 71/2019) oleh Pemerintah Kota Uji',
  name: 'Pemerintah Kota Uji',
  location: 'Kelurahan Ké, Kota Uji',
  contactInfo: 'https://pamong.example/v/ABCD2345EFGH',
};

/** An uncompressed page, so a byte of its content stream can be found and changed. */
async function letterPdf(text: string): Promise<Buffer> {
  const doc = new PDFDocument({ compress: false, info: { Subject: 'ABCD2345EFGH' } });
  const done = pdfBuffer(doc);
  doc.text(text);
  doc.end();
  return done;
}

beforeAll(async () => {
  ours = generateSelfIssuedCertificate('Pemerintah Kota Uji').cert;
  theirs = generateSelfIssuedCertificate('Pemerintah Kota Uji').cert;
  plain = await letterPdf('Orang tersebut benar berdomisili di RT 001 / RW 002.');
  signed = await signPdf(plain, ours, INFO);
}, 120_000); // a hang guard: RSA keys take a moment on a loaded machine

describe('a PDF signed inside the file', () => {
  it('verifies, names its certificate and reads back the signature fields', () => {
    const check = verifyPdfSignature(signed);
    // Letters outside ASCII are written without their accents (see signPdf).
    expect(check).toMatchObject({
      ok: true,
      fingerprint: ours.fingerprint,
      info: { ...INFO, location: 'Kelurahan Ke, Kota Uji' },
    });
    if (!check.ok) return;
    expect(check.certificatePem).toBe(ours.certificatePem);
    expect(check.info.signingTime).toBeInstanceOf(Date);
    // The original bytes are kept: the signature is one incremental update after them.
    expect(signed.subarray(0, plain.length - 8).equals(plain.subarray(0, plain.length - 8))).toBe(true);
  });

  it('one byte of a content stream changed: changed after signing', () => {
    // pdfkit writes the text as hex glyph codes: change one hex digit of the first one after BT.
    const bt = signed.indexOf('\nBT\n');
    expect(bt).toBeGreaterThan(0);
    const at = signed.indexOf('<', bt) + 1;
    expect(signed.subarray(at, at + 1).toString('latin1')).toMatch(/[0-9a-f]/);
    const edited = Buffer.from(signed);
    edited[at] = edited[at] === 0x30 ? 0x31 : 0x30;
    expect(verifyPdfSignature(edited)).toEqual({ ok: false, problem: 'changed' });
  });

  it('bytes appended after the signature (an incremental update): changed', () => {
    const update = Buffer.from('\n1 0 obj\n<< /Title (Diubah) >>\nendobj\ntrailer\n<< /Size 2 >>\n%%EOF\n');
    expect(verifyPdfSignature(Buffer.concat([signed, update]))).toEqual({ ok: false, problem: 'changed' });
    // Even one byte more is outside the signed ranges.
    expect(verifyPdfSignature(Buffer.concat([signed, Buffer.from('\n')]))).toEqual({ ok: false, problem: 'changed' });
  });

  it('a second signature over the signed file: changed', async () => {
    const twice = await signPdf(signed, ours, INFO);
    expect(verifyPdfSignature(twice)).toEqual({ ok: false, problem: 'changed' });
  });

  it('another certificate verifies as itself, never as ours', async () => {
    const other = await signPdf(plain, theirs, INFO);
    const check = verifyPdfSignature(other);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.fingerprint).not.toBe(ours.fingerprint);
    expect(check).toMatchObject({ fingerprint: theirs.fingerprint });
  });

  it('a file without a signature, or with a damaged one', () => {
    expect(verifyPdfSignature(plain)).toEqual({ ok: false, problem: 'no_signature' });
    // The CMS replaced by other hex digits of the same length: the hole is not signed, so only the CMS check catches it.
    const m = /\/Contents\s*<([0-9a-f]+)>/.exec(signed.toString('latin1'))!;
    const start = m.index + m[0].indexOf('<') + 1;
    const garbage = Buffer.from(signed);
    garbage.write('30'.padEnd(64, 'a'), start, 'latin1');
    expect(verifyPdfSignature(garbage)).toEqual({ ok: false, problem: 'bad_signature' });
    // The signature value itself altered (last bytes of the CMS): does not verify with the certificate's key.
    // The DER length of the CMS (30 82 hi lo): the placeholder's zero padding follows it.
    expect(m[1]!.slice(0, 4)).toBe('3082');
    const cmsHex = m[1]!.slice(0, (4 + parseInt(m[1]!.slice(4, 8), 16)) * 2);
    const forged = Buffer.from(signed);
    forged.write(cmsHex.slice(-2) === 'ff' ? '00' : 'ff', start + cmsHex.length - 2, 'latin1');
    expect(verifyPdfSignature(forged)).toEqual({ ok: false, problem: 'bad_signature' });
  });

  it('another file’s signature moved into this one: changed', async () => {
    const otherSigned = await signPdf(await letterPdf('Orang lain sama sekali.'), ours, INFO);
    const hole = (b: Buffer) => /\/Contents\s*<([0-9a-f]+)>/.exec(b.toString('latin1'))!;
    const mine = hole(signed);
    const theirsHole = hole(otherSigned);
    expect(theirsHole[1]!.length).toBe(mine[1]!.length); // same placeholder size for the same certificate
    const swapped = Buffer.from(signed);
    swapped.write(theirsHole[1]!, mine.index + mine[0].indexOf('<') + 1, 'latin1');
    expect(verifyPdfSignature(swapped)).toEqual({ ok: false, problem: 'changed' });
  });
});

describe('PDF literal strings', () => {
  it('reads escapes, nested brackets and UTF-16BE with a byte order mark', () => {
    expect(pdfLiteralString('(a \\(b\\) (c) d\\\\e\\n)', 0)).toBe('a (b) (c) d\\e\n');
    expect(pdfLiteralString('x(\\101\\102C)', 1)).toBe('ABC');
    const utf16 = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Ké', 'utf16le').swap16()]).toString('latin1');
    expect(pdfLiteralString(`(${utf16})`, 0)).toBe('Ké');
  });
});
