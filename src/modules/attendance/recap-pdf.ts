// The monthly attendance recap of a unit as a PDF for signing: A4 landscape,
// the kop (city and unit), the recap table (the same sheet as the CSV/XLSX,
// header repeated on each page), and the head of unit's signature block with
// name and NIP under the place and date. Built-in Helvetica only, so a
// 200-employee unit renders in tens of milliseconds.
import PDFDocument from 'pdfkit';
import { pdfBuffer } from '../../lib/pdf.js';
import type { Sheet } from '../../kernel/export.js';

export interface RecapPdfInput {
  cityName: string;
  unitName: string;
  /** "Maret 2026" */
  monthLabel: string;
  sheet: Sheet;
  /** Columns holding text (wider, left-aligned); the others are numbers. */
  textColumns: number[];
  /** `idLabel`: "NIP", "NI PPPK" or "Nomor pegawai", by the signer's kind. */
  signer: { position: string; name: string | null; idLabel: string; number: string | null };
  /** "Metro, 1 April 2026" */
  placeDate: string;
}

const MM = 72 / 25.4;
const MARGIN = 12 * MM;
const FONT = 7;
const PAD = 2;
const TEXT_WIDTHS = [80, 125, 95];
const NO_WIDTH = 18;

export function renderRecapPdf(r: RecapPdfInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    info: { Title: `Rekap presensi ${r.unitName} ${r.monthLabel}`, Author: r.cityName },
  });
  const done = pdfBuffer(doc);
  const width = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN;

  // Kop
  doc.font('Helvetica-Bold').fontSize(12).text(`PEMERINTAH ${r.cityName.toUpperCase()}`, { align: 'center' });
  doc.fontSize(11).text(r.unitName.toUpperCase(), { align: 'center' });
  const y0 = doc.y + 3;
  doc
    .moveTo(MARGIN, y0)
    .lineTo(MARGIN + width, y0)
    .lineWidth(1.2)
    .stroke();
  doc.y = y0 + 6;
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .text(`REKAPITULASI PRESENSI PEGAWAI — ${r.monthLabel.toUpperCase()}`, MARGIN, doc.y, { width, align: 'center' });
  doc.moveDown(0.6);

  // Column widths: No, the text columns at fixed widths, the numbers sharing the rest.
  const header = ['No', ...r.sheet.header];
  const isText = (i: number) => i > 0 && r.textColumns.includes(i - 1);
  let t = 0;
  const fixed = header.map((_, i) => (i === 0 ? NO_WIDTH : isText(i) ? (TEXT_WIDTHS[t++] ?? 80) : 0));
  const numeric = header.filter((_, i) => i > 0 && !isText(i)).length;
  const numWidth = Math.max(16, (width - fixed.reduce((a, b) => a + b, 0)) / Math.max(1, numeric));
  const widths = fixed.map((w) => w || numWidth);

  // Only text columns may wrap; numbers are one line, placed without the line wrapper (most of pdfkit's cost).
  const lineHeight = (bold: boolean) =>
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(FONT)
      .currentLineHeight();
  const rowHeight = (cells: string[], bold: boolean, all: boolean) => {
    const line = lineHeight(bold);
    let h = line;
    cells.forEach((c, i) => {
      if ((all || isText(i)) && doc.widthOfString(c) > widths[i]! - 2 * PAD)
        h = Math.max(h, doc.heightOfString(c, { width: widths[i]! - 2 * PAD }));
    });
    return h + 2 * PAD;
  };
  const drawRow = (cells: string[], h: number, bold: boolean, fill?: string) => {
    const y = doc.y;
    if (fill) doc.rect(MARGIN, y, width, h).fill(fill).fillColor('#000000');
    let x = MARGIN;
    for (const w of widths) {
      doc.rect(x, y, w, h);
      x += w;
    }
    doc.lineWidth(0.4).stroke();
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(FONT);
    x = MARGIN;
    cells.forEach((c, i) => {
      const w = widths[i]!;
      const fits = doc.widthOfString(c) <= w - 2 * PAD;
      if (isText(i) || !fits)
        doc.text(c, x + PAD, y + PAD, { width: w - 2 * PAD, align: isText(i) ? 'left' : 'center' });
      else doc.text(c, x + (w - doc.widthOfString(c)) / 2, y + PAD, { lineBreak: false });
      x += w;
    });
    doc.x = MARGIN;
    doc.y = y + h;
  };
  const headHeight = rowHeight(header, true, true);
  drawRow(header, headHeight, true, '#e8e8e8');
  r.sheet.rows.forEach((row, n) => {
    const cells = [String(n + 1), ...row.map((c) => (c === null ? '' : typeof c === 'number' ? formatNumber(c) : c))];
    const h = rowHeight(cells, false, false);
    if (doc.y + h > bottom) {
      doc.addPage();
      drawRow(header, headHeight, true, '#e8e8e8');
    }
    drawRow(cells, h, false);
  });
  if (!r.sheet.rows.length)
    doc
      .font('Helvetica')
      .fontSize(9)
      .text('Tidak ada pegawai pada unit ini.', MARGIN, doc.y + 4);

  // Signature block, kept whole on one page.
  const blockHeight = 95;
  if (doc.y + blockHeight > bottom) doc.addPage();
  const colWidth = 230;
  const x = MARGIN + width - colWidth;
  doc.y += 14;
  doc.font('Helvetica').fontSize(10);
  doc.text(r.placeDate, x, doc.y, { width: colWidth, align: 'center' });
  doc.text(r.signer.position, x, doc.y, { width: colWidth, align: 'center' });
  doc.y += 42;
  doc.font('Helvetica-Bold').text(r.signer.name ?? '(..............................................)', x, doc.y, {
    width: colWidth,
    align: 'center',
    underline: !!r.signer.name,
  });
  doc.font('Helvetica').text(`${r.signer.idLabel}. ${r.signer.number ?? '..............................'}`, x, doc.y, {
    width: colWidth,
    align: 'center',
  });
  doc.end();
  return done;
}

/** Numbers as printed: Indonesian decimal comma, no grouping for small counts. */
const formatNumber = (n: number) =>
  Number.isInteger(n) ? String(n) : n.toLocaleString('id-ID', { maximumFractionDigits: 2 });
