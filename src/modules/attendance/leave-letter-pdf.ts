// The surat izin cuti as a PDF (the form of Perka BKN 24/2017, tata naskah of
// Permendagri 1/2023): the OPD's kop, title and number, the addressee, the
// grant ("Diberikan cuti … kepada"), the employee's identity, the period in
// working days, the two duties of a person on leave, place and date written
// "2 Desember 2026", the PyB's position, name and NIP, and a QR code that opens
// the public check of the letter. Text in DejaVu Sans (kernel/pdf-fonts.ts),
// so names print as typed. The caller signs the file (letters' signLetterPdf).
import PDFDocument from 'pdfkit';
import { drawQr, pdfBuffer } from '../../lib/pdf.js';
import { formatIndonesianDate } from '../../lib/text.js';
import { drawKop, TEXT_FONT, TEXT_FONT_BOLD, useTextFonts } from '../../kernel/pdf-fonts.js';
import type { LeaveLetterPayload } from './leave-service.js';

const MM = 72 / 25.4;
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 25 * MM, right: 20 * MM };
const QR_SIZE = 24 * MM;

export interface LeaveLetterPdfInput {
  letter: LeaveLetterPayload;
  /** "Kota Probolinggo" */
  cityName: string;
  verifyUrl: string;
}

const bare = (name: string) => name.replace(/^(kota|kabupaten)\s+/i, '').trim();
const KIND_NAME: Record<LeaveLetterPayload['employee']['kind'], string> = {
  PNS: 'Pegawai Negeri Sipil',
  PPPK: 'Pegawai Pemerintah dengan Perjanjian Kerja',
  PPPK_PW: 'Pegawai Pemerintah dengan Perjanjian Kerja Paruh Waktu',
  NON_ASN: 'Pegawai',
};

export async function renderLeaveLetterPdf(p: LeaveLetterPdfInput): Promise<Buffer> {
  const l = p.letter;
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    info: { Title: `Surat Izin ${l.typeName} ${l.number}`, Subject: l.verifyCode },
  });
  const done = pdfBuffer(doc);
  useTextFonts(doc);
  const width = doc.page.width - MARGIN.left - MARGIN.right;

  drawKop(
    doc,
    { heading: [`PEMERINTAH ${p.cityName.toUpperCase()}`, l.opd.name.toUpperCase()], headingSize: 13 },
    { left: MARGIN.left, top: MARGIN.top, width },
  );

  // Place and date, addressee
  const placeDate = `${bare(p.cityName)}, ${formatIndonesianDate(l.issuedOn)}`;
  doc.font(TEXT_FONT).fontSize(11).text(placeDate, MARGIN.left, doc.y, { width, align: 'right' });
  doc.moveDown(0.5);
  doc.text('Kepada', { width });
  doc.text(`Yth. Sdr. ${l.employee.name}`, { width });
  doc.text(`di ${bare(p.cityName)}`, { width });
  doc.moveDown(0.8);

  doc
    .font(TEXT_FONT_BOLD)
    .fontSize(12)
    .text(`SURAT IZIN ${l.typeName.toUpperCase()}`, MARGIN.left, doc.y, { width, align: 'center' });
  doc.font(TEXT_FONT).fontSize(11).text(`Nomor: ${l.number}`, { width, align: 'center' });
  doc.moveDown(0.8);

  const year = l.period.start.slice(0, 4);
  doc.text(
    `1. Diberikan ${l.typeName.toLowerCase()}${l.type === 'cuti_tahunan' ? ` untuk tahun ${year}` : ''} kepada ${KIND_NAME[l.employee.kind]}:`,
    { width, align: 'justify' },
  );
  const rows: [string, string][] = [
    ['Nama', l.employee.name],
    [l.employee.kind === 'PNS' ? 'NIP' : 'NI PPPK', l.employee.nip],
    ...(l.employee.grade ? ([['Pangkat/golongan', l.employee.grade]] as [string, string][]) : []),
    ['Jabatan', l.employee.position],
    ['Satuan organisasi', `${l.employee.unit}, ${l.opd.name}`],
  ];
  for (const [k, v] of rows) {
    const y = doc.y;
    doc.text(k, MARGIN.left + 14, y, { width: 110 });
    doc.text(`: ${v}`, MARGIN.left + 124, y, { width: width - 124 });
  }
  doc.moveDown(0.4);
  const from = formatIndonesianDate(l.period.start);
  const to = formatIndonesianDate(l.period.end);
  doc.text(
    `selama ${l.period.workingDays} hari kerja, terhitung mulai tanggal ${from} sampai dengan tanggal ${to}` +
      (l.requested
        ? ` (perubahan dari permohonan ${formatIndonesianDate(l.requested.start)} sampai dengan ${formatIndonesianDate(l.requested.end)})`
        : '') +
      ', dengan ketentuan sebagai berikut:',
    MARGIN.left + 14,
    doc.y,
    { width: width - 14, align: 'justify' },
  );
  const duties = [
    `a. Sebelum menjalankan ${l.typeName.toLowerCase()} wajib menyerahkan pekerjaannya kepada atasan langsungnya atau pejabat lain yang ditentukan.`,
    `b. Setelah selesai menjalankan ${l.typeName.toLowerCase()} wajib melaporkan diri kepada atasan langsungnya dan bekerja kembali sebagaimana biasa.`,
  ];
  for (const d of duties) doc.text(d, MARGIN.left + 24, doc.y, { width: width - 24, align: 'justify' });
  if (l.note) doc.text(`Catatan: ${l.note}`, MARGIN.left + 14, doc.y, { width: width - 14 });
  doc.moveDown(0.4);
  doc.text(
    `2. Demikian surat izin ${l.typeName.toLowerCase()} ini dibuat untuk dapat digunakan sebagaimana mestinya.`,
    MARGIN.left,
    doc.y,
    {
      width,
      align: 'justify',
    },
  );
  doc.moveDown(1.2);

  // Signature block (right half)
  const col = width / 2;
  const x = MARGIN.left + col;
  const heading = l.official.byCityAdmin ? ['a.n. SEKRETARIS DAERAH', l.official.position] : [l.official.position];
  for (const line of heading) doc.text(line, x, doc.y, { width: col, align: 'center' });
  doc.fontSize(8).text('Ditandatangani secara elektronik', x, doc.y, { width: col, align: 'center' });
  doc.moveDown(1.6);
  doc
    .font(TEXT_FONT_BOLD)
    .fontSize(11)
    .text(l.official.name, x, doc.y, { width: col, align: 'center', underline: true });
  doc
    .font(TEXT_FONT)
    .text(l.official.nip ? `NIP ${l.official.nip}` : 'NIP —', x, doc.y, { width: col, align: 'center' });

  // Verification
  const qrY = doc.page.height - MARGIN.bottom - QR_SIZE;
  if (doc.y > qrY - 12) doc.addPage();
  drawQr(doc, p.verifyUrl, MARGIN.left, qrY, QR_SIZE);
  const textWidth = width - QR_SIZE - 10;
  doc.fontSize(9).text(`Pindai untuk memeriksa keaslian: ${p.verifyUrl}`, MARGIN.left + QR_SIZE + 10, qrY + 4, {
    width: textWidth,
  });
  doc.text(`Kode verifikasi: ${l.verifyCode}`, { width: textWidth });
  doc.text('Dokumen ini ditandatangani secara elektronik.', { width: textWidth });
  doc.end();
  return done;
}
