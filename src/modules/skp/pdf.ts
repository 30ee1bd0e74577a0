// The printable SKP and evaluation (PermenPANRB 6/2022, its forms' content) as A4 PDFs: the OPD's kop like the
// city's letters (Permendagri 1/2023), the title and period, the employee and the appraising official (name, NIP,
// rank, position, unit), then the SKP's results with indicators and targets and the BerAKHLAK behaviours with the
// superior's expectations — or the evaluation's rating per result and behaviour, the overall ratings, the predikat
// and the organisation's rating. Place and date "2 Desember 2026", both names and NIPs, a QR code to /v/<code>.
// DejaVu Sans (kernel/pdf-fonts.ts) so names print as typed. Layout only: every label arrives in Indonesian; the
// caller (pdf-service.ts) signs the finished file through the letters module (PAdES).
import PDFDocument from 'pdfkit';
import { drawKop, TEXT_FONT, TEXT_FONT_BOLD, useTextFonts } from '../../kernel/pdf-fonts.js';
import { drawQr, pdfBuffer } from '../../lib/pdf.js';
import { formatIndonesianDate } from '../../lib/text.js';

export interface PersonBlock {
  name: string;
  /** "NIP", "NI PPPK" or "Nomor pegawai". */
  idLabel: string;
  number: string;
  grade: string;
  position: string;
  unit: string;
}

interface Common {
  cityName: string;
  opdName: string;
  /** "1 Januari 2026 s.d. 31 Desember 2026", "Maret 2026". */
  periodText: string;
  signedAt: Date;
  timeZone: string;
  employee: PersonBlock;
  appraiser: PersonBlock;
  verifyUrl: string;
  certified: boolean;
}

export interface SkpPdfInput extends Common {
  version: number;
  results: {
    kind: string;
    text: string;
    supports: string | null;
    indicators: { text: string; aspect: string; target: string }[];
  }[];
  behaviours: { name: string; expectation: string }[];
}

export interface EvaluationPdfInput extends Common {
  results: { kind: string; text: string; rating: string }[];
  behaviours: { name: string; rating: string }[];
  resultRating: string;
  behaviourRating: string;
  predikat: string;
  orgRating: string | null;
  note: string;
}

const MM = 72 / 25.4;
const M = { top: 18 * MM, bottom: 18 * MM, left: 22 * MM, right: 18 * MM };
const bare = (city: string) => city.replace(/^(kota|kabupaten)\s+/i, '').trim();

/** Said on the document: what kind of electronic signature it carries (PP 71/2019 art. 60). */
const signatureNote = (cityName: string, certified: boolean) =>
  certified
    ? 'Ditandatangani secara elektronik dengan sertifikat elektronik tersertifikasi (PP 71/2019).'
    : `Ditandatangani secara elektronik dengan sertifikat Pemerintah ${cityName} sendiri: tanda tangan elektronik tidak tersertifikasi (PP 71/2019); setiap perubahan berkas terdeteksi.`;

function start(p: Common, title: string) {
  const doc = new PDFDocument({ size: 'A4', margins: M, info: { Title: title } });
  const done = pdfBuffer(doc);
  useTextFonts(doc);
  const width = doc.page.width - M.left - M.right;
  drawKop(
    doc,
    { heading: [`PEMERINTAH ${p.cityName.trim().toUpperCase()}`, p.opdName.toUpperCase()], headingSize: 13 },
    { left: M.left, top: M.top, width },
  );
  doc.font(TEXT_FONT_BOLD).fontSize(12).text(title.toUpperCase(), M.left, doc.y, { width, align: 'center' });
  doc.font(TEXT_FONT).fontSize(10).text(`Periode penilaian: ${p.periodText}`, { width, align: 'center' });
  doc.moveDown(0.8);
  return { doc, done, width };
}

function heading(doc: PDFKit.PDFDocument, text: string, width: number) {
  if (doc.y > doc.page.height - M.bottom - 60) doc.addPage();
  doc.moveDown(0.4);
  doc.font(TEXT_FONT_BOLD).fontSize(10.5).text(text, M.left, doc.y, { width });
  doc.font(TEXT_FONT).fontSize(10);
  doc.moveDown(0.2);
}

/** A label–value row; the value wraps in its column. */
function row(doc: PDFKit.PDFDocument, label: string, value: string, width: number, indent = 0) {
  const labelW = 120;
  if (doc.y > doc.page.height - M.bottom - 30) doc.addPage();
  const top = doc.y;
  doc.text(label, M.left + indent, top, { width: labelW });
  const afterLabel = doc.y;
  doc.text(`: ${value || '-'}`, M.left + indent + labelW, top, { width: width - labelW - indent });
  doc.y = Math.max(doc.y, afterLabel);
}

function people(doc: PDFKit.PDFDocument, p: Common, width: number) {
  const block = (title: string, x: PersonBlock) => {
    heading(doc, title, width);
    row(doc, 'Nama', x.name, width, 10);
    row(doc, x.idLabel, x.number, width, 10);
    row(doc, 'Pangkat/golongan', x.grade, width, 10);
    row(doc, 'Jabatan', x.position, width, 10);
    row(doc, 'Unit kerja', x.unit, width, 10);
  };
  block('PEGAWAI YANG DINILAI', p.employee);
  block('PEJABAT PENILAI KINERJA', p.appraiser);
}

/** Both signature columns, the QR code, the note on the signature; on a new page when the space is short. */
function signatures(doc: PDFKit.PDFDocument, p: Common, width: number) {
  if (doc.y > doc.page.height - M.bottom - 190) doc.addPage();
  doc.moveDown(1.2);
  const col = width / 2 - 10;
  const right = M.left + width - col;
  const top = doc.y;
  doc.font(TEXT_FONT).fontSize(10);
  doc.text(`${bare(p.cityName)}, ${formatIndonesianDate(p.signedAt.toISOString(), p.timeZone)}`, right, top, {
    width: col,
    align: 'center',
  });
  const row0 = doc.y;
  doc.text('Pegawai yang Dinilai', M.left, row0, { width: col, align: 'center' });
  doc.text('Pejabat Penilai Kinerja', right, row0, { width: col, align: 'center' });
  doc.fontSize(8).text('Ditandatangani secara elektronik', right, doc.y, { width: col, align: 'center' });
  const qr = 24 * MM;
  drawQr(doc, p.verifyUrl, right + col / 2 - qr / 2, doc.y + 2, qr);
  const names = doc.y + qr + 6;
  doc.font(TEXT_FONT_BOLD).fontSize(10);
  doc.text(p.employee.name, M.left, names, { width: col, align: 'center', underline: true });
  doc
    .font(TEXT_FONT)
    .text(`${p.employee.idLabel} ${p.employee.number}`, M.left, doc.y, { width: col, align: 'center' });
  const left = doc.y;
  doc.font(TEXT_FONT_BOLD).text(p.appraiser.name, right, names, { width: col, align: 'center', underline: true });
  doc
    .font(TEXT_FONT)
    .text(`${p.appraiser.idLabel} ${p.appraiser.number}`, right, doc.y, { width: col, align: 'center' });
  doc.y = Math.max(doc.y, left) + 12;
  doc.fontSize(8).fillColor('#333333').text(signatureNote(p.cityName, p.certified), M.left, doc.y, { width });
  doc.text(`Periksa keaslian: ${p.verifyUrl}`, M.left, doc.y, { width });
  doc.fillColor('#000000');
}

export async function renderSkpPdf(p: SkpPdfInput): Promise<Buffer> {
  const { doc, done, width } = start(p, 'Sasaran Kinerja Pegawai');
  doc.text(`Versi ${p.version}`, M.left, doc.y, { width, align: 'center' });
  people(doc, p, width);
  heading(doc, 'HASIL KERJA', width);
  if (!p.results.length) doc.text('-', M.left, doc.y, { width });
  p.results.forEach((r, i) => {
    if (doc.y > doc.page.height - M.bottom - 50) doc.addPage();
    doc.font(TEXT_FONT_BOLD).text(`${i + 1}. [${r.kind}] ${r.text}`, M.left, doc.y, { width });
    doc.font(TEXT_FONT);
    if (r.supports) doc.text(`Mendukung RHK atasan: ${r.supports}`, M.left + 14, doc.y, { width: width - 14 });
    for (const ind of r.indicators)
      doc.text(`• ${ind.text} (${ind.aspect}) — target ${ind.target}`, M.left + 14, doc.y, { width: width - 14 });
    doc.moveDown(0.3);
  });
  heading(doc, 'PERILAKU KERJA (BerAKHLAK) DAN EKSPEKTASI KHUSUS PIMPINAN', width);
  p.behaviours.forEach((b, i) => {
    if (doc.y > doc.page.height - M.bottom - 40) doc.addPage();
    doc.font(TEXT_FONT_BOLD).text(`${i + 1}. ${b.name}`, M.left, doc.y, { width });
    doc.font(TEXT_FONT).text(`Ekspektasi: ${b.expectation.trim() || '-'}`, M.left + 14, doc.y, { width: width - 14 });
  });
  signatures(doc, p, width);
  doc.end();
  return done;
}

export async function renderEvaluationPdf(p: EvaluationPdfInput): Promise<Buffer> {
  const { doc, done, width } = start(p, 'Evaluasi Kinerja Pegawai');
  people(doc, p, width);
  heading(doc, 'CAPAIAN KINERJA ORGANISASI', width);
  row(doc, 'Predikat organisasi', p.orgRating ?? 'belum ditetapkan', width);
  heading(doc, 'HASIL KERJA', width);
  p.results.forEach((r, i) => {
    if (doc.y > doc.page.height - M.bottom - 40) doc.addPage();
    doc.text(`${i + 1}. [${r.kind}] ${r.text}`, M.left, doc.y, { width });
    doc.font(TEXT_FONT_BOLD).text(`Penilaian: ${r.rating}`, M.left + 14, doc.y, { width: width - 14 });
    doc.font(TEXT_FONT);
  });
  row(doc, 'Rating hasil kerja', p.resultRating, width);
  heading(doc, 'PERILAKU KERJA (BerAKHLAK)', width);
  for (const b of p.behaviours) row(doc, b.name, b.rating, width);
  row(doc, 'Rating perilaku kerja', p.behaviourRating, width);
  heading(doc, 'PREDIKAT KINERJA PEGAWAI', width);
  doc.font(TEXT_FONT_BOLD).fontSize(12).text(p.predikat.toUpperCase(), M.left, doc.y, { width });
  doc.font(TEXT_FONT).fontSize(10);
  if (p.note.trim()) {
    heading(doc, 'CATATAN PEJABAT PENILAI', width);
    doc.text(p.note, M.left, doc.y, { width });
  }
  signatures(doc, p, width);
  doc.end();
  return done;
}
