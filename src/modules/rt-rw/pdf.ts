// The printable integrity pact: A4, the text as signed, both signatures and a
// QR code that opens the public verification page. Built-in Helvetica only.
import PDFDocument from 'pdfkit';
import { pdfBuffer } from '../../lib/pdf.js';
import { drawQr } from '../../lib/pdf.js';

const MM = 72 / 25.4;
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 25 * MM, right: 20 * MM };
const QR_SIZE = 30 * MM;

export interface PactPdfInput {
  title: string;
  version: number;
  body: string;
  region: string;
  headName: string;
  position: string;
  signedAt: string;
  lurahName: string | null;
  countersignedAt: string | null;
  verifyCode: string;
  verifyUrl: string;
}

const fmt = (iso: string | null) =>
  iso
    ? new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Jakarta' }).format(
        new Date(iso),
      )
    : '—';

export async function renderPactPdf(p: PactPdfInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    info: { Title: `${p.title} v${p.version}`, Subject: p.verifyCode },
  });
  const done = pdfBuffer(doc);
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  doc
    .font('Helvetica-Bold')
    .fontSize(14)
    .text(p.title.toUpperCase(), MARGIN.left, MARGIN.top, { width, align: 'center' });
  doc.font('Helvetica').fontSize(10).text(`Versi ${p.version}`, { width, align: 'center' });
  doc.moveDown(1);
  doc.fontSize(11).text(`${p.headName}, ${p.position} ${p.region}`, { width });
  doc.moveDown(0.5);
  doc.text(p.body, { width, align: 'justify', lineGap: 2 });
  doc.moveDown(1.5);
  const col = (width - 20) / 2;
  const y = doc.y;
  doc.text(`Ditandatangani ${fmt(p.signedAt)}`, MARGIN.left, y, { width: col, align: 'center' });
  doc.font('Helvetica-Bold').text(p.headName, { width: col, align: 'center' });
  doc.font('Helvetica').text(`${p.position} ${p.region}`, { width: col, align: 'center' });
  doc.text(`Mengetahui, ${fmt(p.countersignedAt)}`, MARGIN.left + col + 20, y, { width: col, align: 'center' });
  doc.font('Helvetica-Bold').text(p.lurahName ?? '(belum ditandatangani lurah)', { width: col, align: 'center' });
  doc.font('Helvetica').text('Lurah', { width: col, align: 'center' });
  const qrY = doc.page.height - MARGIN.bottom - QR_SIZE;
  if (doc.y > qrY - 12) doc.addPage();
  drawQr(doc, p.verifyUrl, MARGIN.left, qrY, QR_SIZE);
  doc.fontSize(9).text(`Pindai untuk memeriksa keaslian: ${p.verifyUrl}`, MARGIN.left + QR_SIZE + 10, qrY + 4, {
    width: width - QR_SIZE - 10,
  });
  doc.text('Dokumen ini ditandatangani secara elektronik.', { width: width - QR_SIZE - 10 });
  doc.end();
  return done;
}
