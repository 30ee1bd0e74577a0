// The printable integrity pact: A4 with the kelurahan's kop, the text as
// signed, the head's identity (name, NIK, post, kelurahan), the place and
// date, both signature blocks (the lurah's with NIP and jabatan) and a QR
// code that opens the public verification page. Text in an embedded font
// (kernel/pdf-fonts.ts), so quotes and dashes print as typed.
import PDFDocument from 'pdfkit';
import { drawQr, pdfBuffer } from '../../lib/pdf.js';
import { drawKop, TEXT_FONT, TEXT_FONT_BOLD, useTextFonts } from '../../kernel/pdf-fonts.js';

const MM = 72 / 25.4;
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 25 * MM, right: 20 * MM };
const QR_SIZE = 24 * MM;

export interface PactPdfInput {
  title: string;
  version: number;
  body: string;
  kop: { heading: string[]; contact: string[] };
  headName: string;
  /** Full NIK, decrypted at print time; null when the head is not linked to the register. */
  headNik: string | null;
  /** "Ketua RT 001 / RW 001". */
  post: string;
  kelurahan: string;
  /** "Probolinggo, 2 Desember 2026". */
  placeDate: string;
  /** Signing times already written in the city's zone ("2 Desember 2026 09.15 WIB"). */
  signedAt: string;
  countersignedAt: string | null;
  lurah: { name: string | null; nip: string | null; jabatan: string };
  verifyCode: string;
  verifyUrl: string;
}

export async function renderPactPdf(p: PactPdfInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    info: { Title: `${p.title} v${p.version}`, Subject: p.verifyCode },
  });
  const done = pdfBuffer(doc);
  useTextFonts(doc);
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  drawKop(doc, p.kop, { left: MARGIN.left, top: MARGIN.top, width });

  doc.font(TEXT_FONT_BOLD).fontSize(13).text(p.title.toUpperCase(), MARGIN.left, doc.y, { width, align: 'center' });
  doc.font(TEXT_FONT).fontSize(9).text(`Versi ${p.version}`, { width, align: 'center' });
  doc.moveDown(0.6);
  doc.fontSize(10).text('Yang bertanda tangan di bawah ini:', { width });
  const rows: [string, string][] = [
    ['Nama', p.headName],
    ...(p.headNik ? ([['NIK', p.headNik]] as [string, string][]) : []),
    ['Jabatan', p.post],
    ['Kelurahan', p.kelurahan.replace(/^Kelurahan\s+/, '')],
  ];
  for (const [k, v] of rows) {
    const y = doc.y;
    doc.text(k, MARGIN.left + 10, y, { width: 80 });
    doc.text(`: ${v}`, MARGIN.left + 90, y, { width: width - 90 });
  }
  doc.moveDown(0.5);
  doc.text(p.body, MARGIN.left, doc.y, { width, align: 'justify', lineGap: 1 });
  doc.moveDown(1);
  doc.text(p.placeDate, MARGIN.left, doc.y, { width, align: 'right' });
  doc.moveDown(0.8);

  const col = (width - 20) / 2;
  const y = doc.y;
  const right = MARGIN.left + col + 20;
  doc.text('Mengetahui,', right, y, { width: col, align: 'center' });
  doc.text(p.lurah.jabatan, { width: col, align: 'center' });
  doc
    .fontSize(8)
    .text(p.countersignedAt ? `Ditandatangani elektronik ${p.countersignedAt}` : '(belum ditandatangani)', {
      width: col,
      align: 'center',
    });
  doc.moveDown(0.9);
  doc
    .font(TEXT_FONT_BOLD)
    .fontSize(10)
    .text(p.lurah.name ?? '……………………', { width: col, align: 'center', underline: true });
  doc.font(TEXT_FONT).text(p.lurah.nip ? `NIP ${p.lurah.nip}` : 'NIP —', { width: col, align: 'center' });
  const leftEnd = doc.y;

  doc.text(' ', MARGIN.left, y, { width: col });
  doc.text(p.post, { width: col, align: 'center' });
  doc.fontSize(8).text(`Ditandatangani elektronik ${p.signedAt}`, { width: col, align: 'center' });
  doc.moveDown(0.9);
  doc.font(TEXT_FONT_BOLD).fontSize(10).text(p.headName, { width: col, align: 'center', underline: true });
  doc.font(TEXT_FONT);
  doc.y = Math.max(doc.y, leftEnd);

  const qrY = doc.page.height - MARGIN.bottom - QR_SIZE;
  if (doc.y > qrY - 12) doc.addPage();
  drawQr(doc, p.verifyUrl, MARGIN.left, qrY, QR_SIZE);
  doc.fontSize(9).text(`Pindai untuk memeriksa keaslian: ${p.verifyUrl}`, MARGIN.left + QR_SIZE + 10, qrY + 4, {
    width: width - QR_SIZE - 10,
  });
  doc.text(`Kode verifikasi: ${p.verifyCode}`, { width: width - QR_SIZE - 10 });
  doc.text('Dokumen ini ditandatangani secara elektronik.', { width: width - QR_SIZE - 10 });
  doc.end();
  return done;
}
