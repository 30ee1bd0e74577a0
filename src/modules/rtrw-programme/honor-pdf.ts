// The kuitansi of one honor payment: A5 landscape-free A4 half page, built-in
// Helvetica (WinAnsi only: every text passes through `winAnsi`). The amount in
// figures and in words, gross, PPh 21 and net, place and date, and signature
// lines for the head (penerima) and the bendahara. Uncompressed: small, and
// its text can be read back by a test.
import PDFDocument from 'pdfkit';
import { pdfBuffer } from '../../lib/pdf.js';
import { formatIndonesianDate } from '../../lib/text.js';
import { rupiahText, terbilang } from './honor-rules.js';

export interface KuitansiData {
  number: string;
  cityName: string;
  kelurahanName: string;
  headName: string;
  roleLabel: string;
  regionName: string;
  nikMasked: string | null;
  npwpMasked: string | null;
  bankName: string;
  accountMasked: string | null;
  period: string;
  gross: number;
  tax: number;
  net: number;
  taxRule: string;
  day: string;
  timeZone: string;
}

/** Keeps Latin-1 letters that WinAnsi carries; anything else becomes '?'. */
export const winAnsi = (s: string) => s.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');

/** The lines of a kuitansi, in order (the PDF prints them; tests read them). */
export function kuitansiLines(k: KuitansiData) {
  const city = k.cityName.replace(/^KOTA\s+/i, '');
  return {
    title: 'KUITANSI',
    number: `Nomor: ${k.number}`,
    rows: [
      ['Sudah terima dari', `Pemerintah Kota ${city} (Kelurahan ${k.kelurahanName})`],
      ['Uang sejumlah', `${rupiahText(k.net)}`],
      ['Terbilang', terbilang(k.net)],
      ['Untuk pembayaran', `Honor ${k.roleLabel} ${k.regionName}, Kelurahan ${k.kelurahanName}, periode ${k.period}`],
      ['Honor bruto', rupiahText(k.gross)],
      ['PPh 21 dipotong', rupiahText(k.tax)],
      ['Diterima bersih', rupiahText(k.net)],
      ['Ketentuan pajak', k.taxRule],
      ['NIK penerima', k.nikMasked ?? '-'],
      ['NPWP', k.npwpMasked ?? '-'],
      ['Ditransfer ke', `${k.bankName || '-'} ${k.accountMasked ?? ''}`.trim()],
    ] as [string, string][],
    placeDate: `${city}, ${formatIndonesianDate(k.day, k.timeZone)}`,
    signers: [
      ['Penerima,', k.headName],
      ['Bendahara Pengeluaran / PPTK,', '(.................................)'],
    ] as [string, string][],
  };
}

const MM = 72 / 25.4;

export function renderKuitansi(k: KuitansiData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    compress: false,
    margins: { top: 20 * MM, bottom: 20 * MM, left: 20 * MM, right: 20 * MM },
    info: { Title: winAnsi(`Kuitansi ${k.number}`) },
  });
  const done = pdfBuffer(doc);
  const l = kuitansiLines(k);
  const left = 20 * MM;
  const width = doc.page.width - 40 * MM;
  doc.font('Helvetica-Bold').fontSize(16).text(l.title, { align: 'center', characterSpacing: 2 });
  doc.font('Helvetica').fontSize(10).text(winAnsi(l.number), { align: 'center' }).moveDown(1.2);
  doc.fontSize(11);
  for (const [label, value] of l.rows) {
    const y = doc.y;
    doc.font('Helvetica').text(winAnsi(label), left, y, { width: 45 * MM, lineBreak: false });
    doc.text(':', left + 45 * MM, y, { lineBreak: false });
    doc
      .font(label === 'Terbilang' ? 'Helvetica-Oblique' : 'Helvetica')
      .text(winAnsi(value), left + 49 * MM, y, { width: width - 49 * MM });
    doc.moveDown(0.3);
  }
  doc.moveDown(1.5);
  const colW = width / 2;
  const top = doc.y;
  doc.font('Helvetica').text(winAnsi(l.placeDate), left + colW, top, { width: colW, align: 'center' });
  const signTop = doc.y;
  l.signers.forEach(([role, name], i) => {
    const x = left + (i === 0 ? colW : 0);
    doc.font('Helvetica').text(winAnsi(role), x, signTop, { width: colW, align: 'center' });
    doc.font('Helvetica-Bold').text(winAnsi(name), x, signTop + 25 * MM, { width: colW, align: 'center' });
  });
  doc.end();
  return done;
}
