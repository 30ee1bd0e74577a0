// The kinerja list as a sheet (the same rows for CSV, XLSX and PDF) and the
// PDF: A4 landscape, title and month, the table with its header repeated on
// each page. Built-in Helvetica (WinAnsi): text outside it is replaced, never
// printed as a stray glyph.
import PDFDocument from 'pdfkit';
import type { Sheet } from '../../kernel/export.js';
import { formatRtRw } from '../../kernel/regions.js';
import type { Translate } from '../../i18n/index.js';
import { pdfBuffer } from '../../lib/pdf.js';
import type { HeadRow } from './service.js';

/** 'RT 001 / RW 001, Kelurahan Ketapang' */
export const headRegion = (h: Pick<HeadRow, 'regionCode' | 'kelurahanName'>) =>
  `${formatRtRw(h.regionCode) ?? h.regionCode}${h.kelurahanName ? `, Kelurahan ${h.kelurahanName}` : ''}`;

export function rankingSheet(t: Translate, month: string, heads: readonly HeadRow[]): Sheet {
  const pct = (x: number | null) => (x === null ? null : Math.round(x * 100));
  return {
    title: `${t('kin.title')} ${month}`,
    header: [
      t('kin.rank'),
      t('kin.head'),
      t('kin.region'),
      t('kin.kecamatan'),
      t('kin.score'),
      t('kin.handled'),
      `${t('kin.within')} (%)`,
      `${t('kin.returned')} (%)`,
      t('kin.overdue'),
      t('kin.pact'),
      t('kin.training'),
      t('kin.activity'),
    ],
    rows: heads.map((h) => [
      h.rank,
      h.name,
      headRegion(h),
      h.kecamatanName ?? h.kecamatan,
      h.score,
      h.handled,
      pct(h.withinShare),
      pct(h.returnShare),
      h.overdue,
      h.pactSigned ? t('kin.signed') : t('kin.not_signed'),
      h.trainingsDone,
      h.activitiesDone,
    ]),
  };
}

const MM = 72 / 25.4;
const MARGIN = 12 * MM;
const FONT = 7;
const PAD = 2;
/** Column shares of the page width (sum 1). */
const SHARES = [0.05, 0.16, 0.2, 0.1, 0.06, 0.07, 0.07, 0.07, 0.06, 0.06, 0.05, 0.05];
/** Characters Helvetica (WinAnsi) can print; anything else becomes '?'. */
const printable = (s: string) => s.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '?');

export function rankingPdf(sheet: Sheet, subtitle: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    info: { Title: printable(sheet.title) },
  });
  const done = pdfBuffer(doc);
  const width = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN;
  const widths = sheet.header.map((_, i) => (SHARES[i] ?? 0.05) * width);
  doc.font('Helvetica-Bold').fontSize(11).text(printable(sheet.title), { align: 'center' });
  doc.font('Helvetica').fontSize(9).text(printable(subtitle), { align: 'center' });
  doc.moveDown(0.6);
  const height = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(FONT);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 2 * PAD }))) + 2 * PAD;
  };
  const row = (cells: string[], bold: boolean) => {
    const h = height(cells, bold);
    if (doc.y + h > bottom) {
      doc.addPage();
      if (!bold) row(head, true);
    }
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      doc.rect(x, y, widths[i]!, h).lineWidth(0.4).stroke();
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(FONT);
      doc.text(c, x + PAD, y + PAD, { width: widths[i]! - 2 * PAD });
      x += widths[i]!;
    });
    doc.x = MARGIN;
    doc.y = y + h;
  };
  const cell = (v: string | number | null) =>
    v === null ? '–' : typeof v === 'number' ? String(v).replace('.', ',') : printable(v);
  const head = sheet.header.map(printable);
  row(head, true);
  for (const r of sheet.rows) row(r.map(cell), false);
  doc.end();
  return done;
}
