// What the signature inside the letter PDF (PAdES) costs per letter: the
// same letters rendered (pdf.ts), then rendered and signed (kernel
// pdf-signature.ts with the city's self-issued certificate), in one run, so
// the ratio holds whatever the machine's speed that day. Also the check of an
// uploaded file (/v/<code>). No database; prints figures, asserts nothing.
//   npx tsx bench/letter-pdf.ts            (BENCH_N=300 letters per phase)
import { generateSelfIssuedCertificate } from '../src/kernel/pdf-certificate.js';
import { signPdf, verifyPdfSignature } from '../src/kernel/pdf-signature.js';
import { renderLetterPdf } from '../src/modules/letters/pdf.js';
import type { LetterPayload } from '../src/modules/letters/service.js';
import { signatureFields } from '../src/modules/letters/sign-pdf.js';

const N = Number(process.env.BENCH_N ?? 300);
const WARMUP = 30;

const payload = (i: number): LetterPayload => ({
  v: 1,
  verifyCode: `BENCH${String(i).padStart(7, '2')}`,
  number: `400.12.2.1/${String(i).padStart(4, '0')}/Kel.Ktp/2026`,
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
});

const certificate = generateSelfIssuedCertificate('Pemerintah Kota Probolinggo').cert;
const render = (i: number) => {
  const verifyUrl = `https://pamong.example/v/${payload(i).verifyCode}`;
  return renderLetterPdf(payload(i), { fullNik: '3574011306910001', verifyUrl, cityName: 'Kota Probolinggo' });
};
const renderAndSign = async (i: number) => {
  const verifyUrl = `https://pamong.example/v/${payload(i).verifyCode}`;
  const pdf = await render(i);
  return signPdf(pdf, certificate, {
    ...signatureFields({ cityName: 'Kota Probolinggo', unitName: 'Kelurahan Ketapang', certificate, verifyUrl }),
  });
};

/** Milliseconds per item over n sequential runs, after a warm-up. */
async function perItem<T>(n: number, fn: (i: number) => Promise<T> | T): Promise<{ ms: number; last: T }> {
  let last = await fn(0);
  for (let i = 1; i < WARMUP; i++) last = await fn(i);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) last = await fn(i);
  return { ms: (performance.now() - t0) / n, last };
}

// Interleaved twice so a change of machine speed during the run shows as a spread, not as a false ratio.
const a1 = await perItem(N, render);
const b1 = await perItem(N, renderAndSign);
const a2 = await perItem(N, render);
const b2 = await perItem(N, renderAndSign);
const rendered = (a1.ms + a2.ms) / 2;
const signed = (b1.ms + b2.ms) / 2;
const check = await perItem(N, () => verifyPdfSignature(b2.last));
if (!check.last.ok) throw new Error('the signed letter did not verify');

const f = (x: number) => x.toFixed(2);
console.log(`letters per phase: ${N} (sequential, one process)`);
console.log(`render only:        ${f(rendered)} ms/letter  (runs ${f(a1.ms)}, ${f(a2.ms)}); ${a2.last.length} bytes`);
console.log(`render + sign:      ${f(signed)} ms/letter  (runs ${f(b1.ms)}, ${f(b2.ms)}); ${b2.last.length} bytes`);
console.log(`signing alone:      ${f(signed - rendered)} ms/letter`);
console.log(`ratio render+sign / render: ${(signed / rendered).toFixed(2)}`);
console.log(`check of an uploaded file (verifyPdfSignature): ${f(check.ms)} ms/file`);
