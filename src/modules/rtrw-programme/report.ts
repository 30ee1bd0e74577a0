// The monthly report of a kelurahan's RT/RW programme as an A4 PDF: heads
// and vacancies, pact, training, BPJS, data package, allowances and the
// performance ranking, with a bar chart of the scores. Built-in Helvetica only.
import PDFDocument from 'pdfkit';
import { pdfBuffer } from '../../lib/pdf.js';

export interface MonthlyReport {
  cityName: string;
  regionName: string;
  month: string;
  heads: number;
  vacancies: number;
  endingSoon: number;
  pactVersion: number | null;
  pactSigned: number;
  pactUnsigned: number;
  trainingComplete: number;
  trainingMissing: { name: string; topics: string[] }[];
  bpjsMembers: number;
  bpjsTotal: number;
  dataDistributed: number;
  dataUsedMb: number;
  allowanceRows: number;
  allowanceTotal: number;
  allowancePaid: number;
  ranking: { name: string; region: string; score: number }[];
}

const MM = 72 / 25.4;
const rupiah = (n: number) => 'Rp ' + n.toLocaleString('id-ID');

export function renderMonthlyReport(r: MonthlyReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 20 * MM, bottom: 20 * MM, left: 20 * MM, right: 20 * MM },
    info: { Title: `Laporan RT/RW ${r.regionName} ${r.month}` },
  });
  const done = pdfBuffer(doc);
  const width = doc.page.width - 40 * MM;

  doc.font('Helvetica-Bold').fontSize(13).text(`PEMERINTAH ${r.cityName.toUpperCase()}`, { align: 'center' });
  doc.fontSize(12).text(`LAPORAN BULANAN PEMBINAAN RT/RW — ${r.regionName.toUpperCase()}`, { align: 'center' });
  doc.font('Helvetica').fontSize(10).text(`Bulan ${r.month}`, { align: 'center' }).moveDown();

  const section = (title: string, lines: string[]) => {
    doc.font('Helvetica-Bold').fontSize(11).text(title).font('Helvetica').fontSize(10);
    for (const l of lines) doc.text(`• ${l}`, { width });
    doc.moveDown(0.6);
  };
  section('Ketua RT/RW', [
    `Ketua aktif: ${r.heads}`,
    `Jabatan kosong: ${r.vacancies}`,
    `Masa jabatan berakhir dalam 60 hari: ${r.endingSoon}`,
  ]);
  section('Pakta integritas', [
    r.pactVersion === null
      ? 'Belum ada versi pakta yang diterbitkan.'
      : `Versi ${r.pactVersion}: ${r.pactSigned} sudah menandatangani, ${r.pactUnsigned} belum.`,
  ]);
  section('Pelatihan', [
    `Ketua yang lengkap semua topik wajib: ${r.trainingComplete}`,
    ...r.trainingMissing.slice(0, 15).map((m) => `${m.name}: belum ${m.topics.join(', ')}`),
  ]);
  section('BPJS Ketenagakerjaan', [
    `Peserta dibayar kota: ${r.bpjsMembers}`,
    `Iuran bulan ini: ${rupiah(r.bpjsTotal)}`,
  ]);
  section('Paket data', [
    `Paket dibagikan bulan ini: ${r.dataDistributed}`,
    `Pemakaian portal terukur: ${r.dataUsedMb.toFixed(1)} MB`,
  ]);
  section('Honorarium / dana operasional', [
    `Penerima: ${r.allowanceRows}`,
    `Jumlah: ${rupiah(r.allowanceTotal)}, sudah dibayar: ${rupiah(r.allowancePaid)}`,
  ]);

  doc.font('Helvetica-Bold').fontSize(11).text('Kinerja (skor 0–100)').font('Helvetica').fontSize(9);
  const top = r.ranking.slice(0, 20);
  const barMax = width - 70 * MM;
  for (const h of top) {
    const y = doc.y;
    doc.text(`${h.name} (${h.region})`.slice(0, 40), 20 * MM, y, { width: 60 * MM, lineBreak: false });
    doc
      .rect(20 * MM + 62 * MM, y + 1, Math.max(1, (h.score / 100) * barMax), 8)
      .fill('#1d3f72')
      .fillColor('#000000');
    doc.text(h.score.toFixed(1), 20 * MM + 62 * MM + barMax + 4, y, { lineBreak: false });
    doc.y = y + 12;
  }
  if (!top.length) doc.text('Belum ada data layanan pada bulan ini.');
  doc.end();
  return done;
}
