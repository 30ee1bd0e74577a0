// The printable letter: an A4 PDF with the kop surat, the signed text, the
// signer as at signing and a QR code that opens the public verification page.
// Only pdfkit's built-in Helvetica, so there is no font file to ship or load.
import PDFDocument from 'pdfkit';
import { drawQr, pdfBuffer } from '../../lib/pdf.js';
import { formatIndonesianDate } from '../../lib/text.js';
export { drawQr, formatIndonesianDate };
import { renderNaskahPdf } from './pdf-naskah.js';
import type { LetterPayload, LetterPayloadV1 } from './service.js';

export interface LetterPdfOptions {
  /** The full NIK read from the register at print time; null prints the masked one. */
  fullNik: string | null;
  /** The full No. KK, likewise (version 2 letters that print it). */
  fullKk?: string | null;
  /** The city's lambang for the kop (version 2 letters). */
  lambang?: Buffer | null;
  verifyUrl: string;
  cityName: string;
  /** For the printed date; defaults to WIB. */
  timeZone?: string;
}

/** Said on every letter: what kind of electronic signature it carries (PP 71/2019 art. 60). */
export function signatureNote(cityName: string, certified: boolean): string {
  return certified
    ? `Ditandatangani secara elektronik dengan sertifikat elektronik tersertifikasi (PP 71/2019).`
    : `Ditandatangani secara elektronik dengan sertifikat Pemerintah ${cityName} sendiri: tanda tangan elektronik tidak tersertifikasi (PP 71/2019); setiap perubahan berkas terdeteksi.`;
}

const MM = 72 / 25.4;
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 25 * MM, right: 20 * MM };
const QR_SIZE = 30 * MM;
const LABEL_WIDTH = 140;

const LEVEL_WORD: Record<string, string> = {
  kelurahan: 'KELURAHAN',
  kecamatan: 'KECAMATAN',
  kabkota: '',
  provinsi: 'PROVINSI',
};

/** "KELURAHAN KETAPANG"; names that already carry their level ("Kelurahan X", "RW 001") stay as they are. */
export function unitHeading(unit: LetterPayloadV1['unit']): string {
  const name = unit.name.trim().toUpperCase();
  const word = LEVEL_WORD[unit.level] ?? '';
  return word && !name.startsWith(`${word} `) ? `${word} ${name}` : name;
}

/** The letter text as printed: the masked NIK becomes the full one when the register gave it. */
function printedText(payload: LetterPayloadV1, fullNik: string | null): { text: string; identityLine: string | null } {
  const masked = payload.resident?.nikMasked ?? '';
  const nik = fullNik ?? masked;
  if (masked && payload.text.includes(masked))
    return { text: fullNik ? payload.text.split(masked).join(fullNik) : payload.text, identityLine: null };
  return { text: payload.text, identityLine: nik ? `NIK: ${nik}` : null };
}

function drawKop(doc: PDFKit.PDFDocument, payload: LetterPayloadV1, cityName: string, width: number) {
  const x = MARGIN.left;
  doc
    .font('Helvetica-Bold')
    .fontSize(14)
    .text(`PEMERINTAH ${cityName.trim().toUpperCase()}`, x, MARGIN.top, { width, align: 'center' });
  doc.fontSize(16).text(unitHeading(payload.unit), { width, align: 'center' });
  const y = doc.y + 6;
  doc
    .lineWidth(2)
    .moveTo(x, y)
    .lineTo(x + width, y)
    .stroke();
  doc
    .lineWidth(0.5)
    .moveTo(x, y + 3)
    .lineTo(x + width, y + 3)
    .stroke();
  doc.y = y + 18;
}

/** "Label: value" lines are set in two columns so the identity block lines up. */
function drawText(doc: PDFKit.PDFDocument, text: string, width: number) {
  const x = MARGIN.left;
  doc.font('Helvetica').fontSize(11);
  for (const line of text.split('\n')) {
    if (!line.trim()) {
      doc.moveDown(0.6);
      continue;
    }
    const m = /^([A-Za-z][A-Za-z /.]{1,28}):\s(.*)$/.exec(line);
    if (m) {
      const y = doc.y;
      doc.text(m[1]!, x + 20, y, { width: LABEL_WIDTH - 20 });
      const labelBottom = doc.y;
      doc.text(`: ${m[2]}`, x + LABEL_WIDTH, y, { width: width - LABEL_WIDTH });
      doc.y = Math.max(doc.y, labelBottom);
    } else {
      doc.text(line, x, doc.y, { width, align: 'justify', lineGap: 2 });
    }
  }
}

function drawSignature(
  doc: PDFKit.PDFDocument,
  payload: LetterPayloadV1,
  cityName: string,
  timeZone: string | undefined,
  width: number,
) {
  const colWidth = 220;
  const x = MARGIN.left + width - colWidth;
  const place = cityName.replace(/^(kota|kabupaten)\s+/i, '').trim();
  doc.moveDown(2);
  doc.font('Helvetica').fontSize(11);
  doc.text(`${place}, ${formatIndonesianDate(payload.issuedAt, timeZone)}`, x, doc.y, {
    width: colWidth,
    align: 'center',
  });
  doc.text(payload.signer.position, { width: colWidth, align: 'center' });
  doc.moveDown(3);
  doc.font('Helvetica-Bold').text(payload.signer.name, { width: colWidth, align: 'center', underline: true });
}

export async function renderLetterPdf(payload: LetterPayload, opts: LetterPdfOptions): Promise<Buffer> {
  if (payload.v === 2)
    return renderNaskahPdf(payload, {
      fullNik: opts.fullNik,
      fullKk: opts.fullKk ?? null,
      lambang: opts.lambang ?? null,
      verifyUrl: opts.verifyUrl,
      timeZone: opts.timeZone ?? 'Asia/Jakarta',
      signatureNote: signatureNote(opts.cityName, false),
    });
  return renderLetterPdfV1(payload, opts);
}

/** Letters issued before issue 12 print as they were signed. */
async function renderLetterPdfV1(payload: LetterPayloadV1, opts: LetterPdfOptions): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    info: { Title: `${payload.type.name} ${payload.number}`, Author: `${opts.cityName}`, Subject: payload.verifyCode },
  });
  const done = pdfBuffer(doc);

  const width = doc.page.width - MARGIN.left - MARGIN.right;
  drawKop(doc, payload, opts.cityName, width);

  doc
    .font('Helvetica-Bold')
    .fontSize(12)
    .text(payload.type.name.toUpperCase(), MARGIN.left, doc.y, { width, align: 'center', underline: true });
  doc.font('Helvetica').fontSize(11).text(`Nomor: ${payload.number}`, { width, align: 'center' });
  doc.moveDown(1.5);

  const { text, identityLine } = printedText(payload, opts.fullNik);
  drawText(doc, identityLine ? `${identityLine}\n\n${text}` : text, width);
  drawSignature(doc, payload, opts.cityName, opts.timeZone, width);

  // Footer, pinned to the bottom of the first page: QR left, validity and caption beside it.
  const pageBottom = doc.page.height - MARGIN.bottom;
  const qrY = pageBottom - QR_SIZE;
  if (doc.y > qrY - 12) doc.addPage();
  const textX = MARGIN.left + QR_SIZE + 10;
  const textWidth = width - QR_SIZE - 10;
  drawQr(doc, opts.verifyUrl, MARGIN.left, qrY, QR_SIZE);
  doc.font('Helvetica').fontSize(9);
  doc.text(`Berlaku sampai dengan ${formatIndonesianDate(payload.validUntil)}.`, textX, qrY + 4, {
    width: textWidth,
    lineBreak: true,
  });
  doc.text(`Pindai untuk memeriksa keaslian: ${opts.verifyUrl}`, textX, doc.y + 2, { width: textWidth });
  doc.text('Dokumen ini ditandatangani secara elektronik.', textX, doc.y + 2, { width: textWidth });
  doc.end();
  return done;
}
