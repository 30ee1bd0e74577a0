// The signed outgoing naskah as an A4 PDF (Permendagri 1/2023 layout for a surat dinas): the kop of the unit,
// Nomor, Sifat, Lampiran and Hal, the addressees ("Yth."), the body, the signature block (place and date, the
// a.n./Plt./Plh. heading, name, NIP), the tembusan list and a QR code to /v/<code>. pdfkit's built-in Helvetica;
// the letters module signs the finished file (PAdES).
import PDFDocument from 'pdfkit';
import { drawQr, pdfBuffer } from '../../lib/pdf.js';
import { formatIndonesianDate } from '../../lib/text.js';

export interface KeluarPdfInput {
  cityName: string;
  unitName: string;
  parentNames: string[];
  number: string;
  signedAt: Date;
  timeZone: string;
  sifat: string;
  lampiran: number;
  perihal: string;
  addressees: string[];
  body: string;
  signer: { heading: string[]; name: string; nip: string; pangkat: string };
  tembusan: string[];
  verifyUrl: string;
  certified: boolean;
}

const MM = 72 / 25.4;
const M = { top: 20 * MM, bottom: 20 * MM, left: 25 * MM, right: 20 * MM };

/** Said on the letter: what kind of electronic signature it carries (PP 71/2019 art. 60). */
export const signatureNoteOf = (cityName: string, certified: boolean) =>
  certified
    ? 'Ditandatangani secara elektronik dengan sertifikat elektronik tersertifikasi (PP 71/2019).'
    : `Ditandatangani secara elektronik dengan sertifikat Pemerintah ${cityName} sendiri: tanda tangan elektronik tidak tersertifikasi (PP 71/2019); setiap perubahan berkas terdeteksi.`;

export async function renderKeluarPdf(p: KeluarPdfInput): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: M, info: { Title: `${p.number} ${p.perihal}`.slice(0, 200) } });
  const done = pdfBuffer(doc);
  const width = doc.page.width - M.left - M.right;
  const x = M.left;
  doc
    .font('Helvetica-Bold')
    .fontSize(13)
    .text(`PEMERINTAH ${p.cityName.trim().toUpperCase()}`, x, M.top, { width, align: 'center' });
  for (const name of [...p.parentNames, p.unitName])
    doc.fontSize(name === p.unitName ? 14 : 12).text(name.toUpperCase(), { width, align: 'center' });
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
  doc.y = y + 16;

  const place = p.cityName.replace(/^(kota|kabupaten)\s+/i, '').trim();
  doc.font('Helvetica').fontSize(11);
  doc.text(`${place}, ${formatIndonesianDate(p.signedAt.toISOString(), p.timeZone)}`, x, doc.y, {
    width,
    align: 'right',
  });
  doc.moveDown(0.5);
  const row = (label: string, value: string) => {
    const top = doc.y;
    doc.text(label, x, top, { width: 70 });
    doc.text(`: ${value}`, x + 70, top, { width: width - 70 });
  };
  row('Nomor', p.number);
  row('Sifat', p.sifat);
  row('Lampiran', p.lampiran ? `${p.lampiran} berkas` : '-');
  row('Hal', p.perihal);
  doc.moveDown();
  doc.text('Yth.', x, doc.y, { width });
  for (const a of p.addressees) doc.text(a, x + 20, doc.y, { width: width - 20 });
  doc.text('di tempat', x + 20, doc.y, { width: width - 20 });
  doc.moveDown();
  for (const para of p.body.split(/\n/)) {
    if (!para.trim()) doc.moveDown(0.5);
    else doc.text(para, x, doc.y, { width, align: 'justify', lineGap: 2 });
  }

  const col = 230;
  const sx = x + width - col;
  doc.moveDown(1.5);
  const sigTop = doc.y;
  for (const h of p.signer.heading) doc.font('Helvetica').text(h, sx, doc.y, { width: col, align: 'center' });
  doc.moveDown(2.5);
  doc.font('Helvetica-Bold').text(p.signer.name, sx, doc.y, { width: col, align: 'center', underline: true });
  doc.font('Helvetica');
  if (p.signer.pangkat) doc.text(p.signer.pangkat, sx, doc.y, { width: col, align: 'center' });
  if (p.signer.nip) doc.text(`NIP ${p.signer.nip}`, sx, doc.y, { width: col, align: 'center' });
  const qr = 28 * MM;
  drawQr(doc, p.verifyUrl, x, sigTop, qr);
  doc.y = Math.max(doc.y, sigTop + qr) + 10;
  if (p.tembusan.length) {
    doc.font('Helvetica').fontSize(10).text('Tembusan:', x, doc.y, { width });
    p.tembusan.forEach((tb, i) => doc.text(`${i + 1}. ${tb}`, x, doc.y, { width }));
    doc.text(`${p.tembusan.length + 1}. Arsip.`, x, doc.y, { width });
  }
  doc.moveDown();
  doc.fontSize(8).fillColor('#333333').text(signatureNoteOf(p.cityName, p.certified), x, doc.y, { width });
  doc.text(`Periksa keaslian: ${p.verifyUrl}`, x, doc.y, { width });
  doc.end();
  return done;
}
