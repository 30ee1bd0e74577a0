// An independent reader's view of the letter's signature: poppler's pdfsig
// (Debian poppler-utils, installed by .ci/run) must call the signed letter
// valid, and call it invalid once one byte of its content is changed. Lives
// in the browser tier because it needs a system tool; `npm test` needs none.
// Run alone: npx vitest run -c vitest.browser.config.ts tests/browser/letter-pdfsig.test.ts
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSelfIssuedCertificate } from '../../src/kernel/pdf-certificate.js';
import { signPdf } from '../../src/kernel/pdf-signature.js';
import { renderLetterPdf } from '../../src/modules/letters/pdf.js';
import type { LetterPayload } from '../../src/modules/letters/service.js';
import { signatureFields } from '../../src/modules/letters/sign-pdf.js';

const work = mkdtempSync(join(tmpdir(), 'pamong-pdfsig-'));
let signed: Buffer;

const payload: LetterPayload = {
  v: 1,
  verifyCode: 'ABCD2345EFGH',
  number: '400.12.2.1/0001/Kel.Ktp/2026',
  issuedAt: '2026-12-02T01:30:00.000Z',
  validUntil: '2027-03-02',
  type: { code: 'domisili', name: 'Surat Keterangan Domisili', classification: '400.12.2.1' },
  unit: { code: '35.74.01.1001', name: 'Ketapang', level: 'kelurahan', cityName: 'Kota Probolinggo' },
  resident: {
    name: 'Budi Santoso',
    nikMasked: '3574********0001',
    birthPlace: 'Probolinggo',
    birthDate: '1991-06-13',
    sex: 'Laki-laki',
    address: 'Jl. Mawar 1',
    rtRw: 'RT 001 / RW 002',
  },
  fields: {},
  purpose: 'Melamar pekerjaan',
  text: 'Nama: Budi Santoso\nNIK: 3574********0001\n\nOrang tersebut benar berdomisili di alamat di atas.',
  signer: { name: 'Uji Lurah', position: 'Lurah Ketapang' },
  requestCode: 'ZZZZ2345ZZ',
};

const pdfsig = (pdf: Buffer, name: string) => {
  const file = join(work, name);
  writeFileSync(file, pdf);
  // pdfsig exits non-zero for an invalid signature; its report is what we read.
  const r = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
};

/**
 * Changes one byte inside the first content stream that inflates (the page's
 * text), and checks the file still parses as a stream: the edit is to the
 * letter's content, not a broken file.
 */
function changeOneContentByte(pdf: Buffer): Buffer {
  const edited = Buffer.from(pdf);
  let from = 0;
  for (;;) {
    const start = edited.indexOf('stream\n', from);
    expect(start, 'a content stream').toBeGreaterThan(0);
    const dataAt = start + 'stream\n'.length;
    const end = edited.indexOf('\nendstream', dataAt);
    try {
      const text = inflateSync(edited.subarray(dataAt, end)).toString('latin1');
      if (text.includes('Tj') || text.includes('TJ')) {
        const at = dataAt + Math.floor((end - dataAt) / 2);
        edited[at] = edited[at]! ^ 0x01;
        return edited;
      }
    } catch {
      // not a deflated stream: go on
    }
    from = end;
  }
}

beforeAll(async () => {
  expect(spawnSync('pdfsig', ['-v']).status, 'pdfsig (Debian poppler-utils) must be installed').toBe(0);
  const certificate = generateSelfIssuedCertificate('Pemerintah Kota Probolinggo').cert;
  const verifyUrl = `http://localhost:3000/v/${payload.verifyCode}`;
  const pdf = await renderLetterPdf(payload, { fullNik: null, verifyUrl, cityName: 'Kota Probolinggo' });
  signed = await signPdf(pdf, certificate, {
    ...signatureFields({ cityName: 'Kota Probolinggo', unitName: 'Kelurahan Ketapang', certificate, verifyUrl }),
  });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('pdfsig on a signed letter', () => {
  it('reports the original valid, signed by the city, whole document', () => {
    const report = pdfsig(signed, 'asli.pdf');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Signer Certificate Common Name: Pemerintah Kota Probolinggo');
    expect(report).toContain('Total document signed');
    // The text of the letter is still there for any reader.
    expect(execFileSync('pdftotext', [join(work, 'asli.pdf'), '-']).toString('utf8')).toContain('Nomor:');
  });

  it('reports it invalid after one byte of its content is changed', () => {
    const report = pdfsig(changeOneContentByte(signed), 'diubah.pdf');
    expect(report).not.toContain('Signature is Valid.');
    expect(report).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
  });
});
