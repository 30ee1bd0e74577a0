// The printed naskah (payload v2): kop with the lambang, title and number,
// "Kepada Yth." for letters addressed to an office, the opening naming the
// signer's office, the identity block, the RT/RW pengantar it rests on, the
// statement, the closing per kind, "Mengetahui" when a kelurahan letter stands
// behind a kecamatan one, the signature block (jabatan, name, pangkat, NIP) and
// the QR footer. Everything printed comes from the signed payload, except the
// full NIK/No. KK (read from the register at print time) and the lambang's bytes
// (whose hash the payload holds).
//
// Layout per Permendagri 1/2023 practice: Arial 12 pt (pdfkit's built-in
// Helvetica has Arial's metrics, so no font file ships), margins about 2 cm
// top/bottom/right and 3 cm left (the exact figures are each city's
// regulation: a constant here, to move to configuration when a city asks).
// One page where it fits: the size steps down to 11 and 10 pt before a second page.
import PDFDocument from 'pdfkit';
import { drawQr, pdfBuffer } from '../../lib/pdf.js';
import { formatIndonesianDate } from '../../lib/text.js';
import type { LetterPayloadV2 } from './service.js';

export interface NaskahPdfOptions {
  fullNik: string | null;
  fullKk: string | null;
  lambang: Buffer | null;
  verifyUrl: string;
  timeZone: string;
  /** What kind of electronic signature the file carries, said honestly on the letter. */
  signatureNote: string;
}

const MM = 72 / 25.4;
export const NASKAH_LAYOUT = {
  margin: { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 20 * MM },
  fontSizes: [12, 11, 10],
  lambangSize: 24 * MM,
  qrSize: 26 * MM,
} as const;

function printedIdentity(p: LetterPayloadV2, o: NaskahPdfOptions) {
  return p.identity.map((r) => {
    if (r.label === 'NIK' && o.fullNik) return { ...r, value: o.fullNik };
    if (r.label === 'No. KK' && o.fullKk) return { ...r, value: o.fullKk };
    return r;
  });
}

function draw(doc: PDFKit.PDFDocument, p: LetterPayloadV2, o: NaskahPdfOptions, size: number) {
  const m = NASKAH_LAYOUT.margin;
  const width = doc.page.width - m.left - m.right;
  const x = m.left;
  const para = (text: string, opts: PDFKit.Mixins.TextOptions = {}) => {
    if (!text.trim()) return;
    doc
      .font('Helvetica')
      .fontSize(size)
      .text(text, x, doc.y, { width, align: 'justify', lineGap: 1.5, ...opts });
    doc.moveDown(0.5);
  };

  // Kop: lambang on the left, the heading centred over the whole width, a double rule below.
  const top = m.top;
  const logo = NASKAH_LAYOUT.lambangSize;
  if (o.lambang) {
    try {
      doc.image(o.lambang, x, top, { fit: [logo, logo] });
    } catch {
      // A damaged stored image prints no lambang rather than no letter.
    }
  }
  const textX = x + (o.lambang ? logo + 4 : 0);
  const textW = width - (o.lambang ? 2 * (logo + 4) : 0);
  doc.y = top;
  p.kop.heading.forEach((line, i) => {
    const last = i === p.kop.heading.length - 1;
    doc
      .font('Helvetica-Bold')
      .fontSize(last ? 16 : 14)
      .text(line, textX, doc.y, { width: textW, align: 'center' });
  });
  for (const line of p.kop.contact)
    doc.font('Helvetica').fontSize(9).text(line, textX, doc.y, { width: textW, align: 'center' });
  const ruleY = Math.max(doc.y + 4, top + (o.lambang ? logo + 2 : 0));
  doc
    .lineWidth(2)
    .moveTo(x, ruleY)
    .lineTo(x + width, ruleY)
    .stroke();
  doc
    .lineWidth(0.5)
    .moveTo(x, ruleY + 3)
    .lineTo(x + width, ruleY + 3)
    .stroke();
  doc.y = ruleY + 14;

  doc
    .font('Helvetica-Bold')
    .fontSize(size)
    .text(p.type.name.toUpperCase(), x, doc.y, { width, align: 'center', underline: true });
  doc.font('Helvetica').fontSize(size).text(`Nomor: ${p.number}`, x, doc.y, { width, align: 'center' });
  doc.moveDown(1);

  if (p.addressee) {
    doc.font('Helvetica').fontSize(size);
    doc.text('Kepada Yth.', x, doc.y, { width });
    doc.text(p.addressee, x + 12, doc.y, { width: width - 12 });
    doc.text('di', x, doc.y, { width });
    doc.text('Tempat', x + 12, doc.y, { width: width - 12 });
    doc.moveDown(0.6);
  }

  para(p.opening);
  const labelW = 150;
  for (const r of printedIdentity(p, o)) {
    const y = doc.y;
    doc
      .font('Helvetica')
      .fontSize(size)
      .text(r.label, x + 20, y, { width: labelW - 20 });
    const bottom = doc.y;
    doc.text(`: ${r.value}`, x + labelW, y, { width: width - labelW });
    doc.y = Math.max(doc.y, bottom);
  }
  doc.moveDown(0.6);
  para(p.pengantarText);
  for (const block of p.text.split(/\n{2,}/)) para(block.replace(/\n/g, ' '));
  para(p.closing);

  // Signature (right) and, when there is one, the kelurahan's "Mengetahui" (left), side by side.
  doc.moveDown(0.6);
  const colW = 215;
  const sigX = x + width - colW;
  const startY = doc.y;
  const column = (cx: number, lines: string[], foot: string[]) => {
    doc.y = startY;
    doc.font('Helvetica').fontSize(size);
    for (const l of lines) doc.text(l, cx, doc.y, { width: colW, align: 'center' });
    doc.moveDown(2.6);
    const [name, ...rest] = foot;
    if (name) doc.font('Helvetica-Bold').text(name, cx, doc.y, { width: colW, align: 'center', underline: true });
    doc.font('Helvetica');
    for (const l of rest) doc.text(l, cx, doc.y, { width: colW, align: 'center' });
    return doc.y;
  };
  const sigBottom = column(
    sigX,
    [`${p.place}, ${formatIndonesianDate(p.issuedAt, o.timeZone)}`, ...p.signer.heading],
    p.signer.foot,
  );
  let leftBottom = startY;
  if (p.endorsement) {
    const e = p.endorsement;
    leftBottom = column(
      x,
      [`Mengetahui,`, `Nomor ${e.number}`, `tanggal ${formatIndonesianDate(e.at, o.timeZone)}`, ...e.heading],
      e.foot,
    );
  }
  doc.y = Math.max(sigBottom, leftBottom);

  // Footer pinned to the bottom of the last page: QR, validity, verification address, the signature's kind.
  const qr = NASKAH_LAYOUT.qrSize;
  const qrY = doc.page.height - m.bottom - qr;
  if (doc.y > qrY - 8) doc.addPage();
  const fx = x + qr + 8;
  const fw = width - qr - 8;
  drawQr(doc, o.verifyUrl, x, qrY, qr);
  doc.font('Helvetica').fontSize(8.5);
  doc.text(`Berlaku sampai dengan ${formatIndonesianDate(p.validUntil)}.`, fx, qrY + 2, { width: fw });
  doc.text(o.signatureNote, fx, doc.y + 1, { width: fw });
  doc.text(`Periksa keaslian: ${o.verifyUrl}`, fx, doc.y + 1, { width: fw });
}

function newDoc(p: LetterPayloadV2, city: string) {
  return new PDFDocument({
    size: 'A4',
    margins: NASKAH_LAYOUT.margin,
    bufferPages: true,
    info: {
      Title: `${p.type.name} ${p.number}`,
      Author: city,
      Subject: p.verifyCode,
      CreationDate: new Date(p.issuedAt),
    },
  });
}

export async function renderNaskahPdf(p: LetterPayloadV2, o: NaskahPdfOptions): Promise<Buffer> {
  const sizes = NASKAH_LAYOUT.fontSizes;
  for (let i = 0; i < sizes.length; i++) {
    const doc = newDoc(p, p.unit.cityName);
    const done = pdfBuffer(doc);
    draw(doc, p, o, sizes[i]!);
    const pages = doc.bufferedPageRange().count;
    doc.end();
    const pdf = await done;
    if (pages === 1 || i === sizes.length - 1) return pdf;
  }
  throw new Error('unreachable');
}
