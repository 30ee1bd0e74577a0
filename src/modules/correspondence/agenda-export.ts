// The agenda book (buku agenda) of a unit as a sheet (CSV/XLSX through the kernel's export helpers) and as a
// PDF (pdfkit with DejaVu Sans: senders and subjects carry any letter). A restricted naskah the reader may not
// see keeps its agenda number and dates; the rest is masked, so the book shows every number.
import PDFDocument from 'pdfkit';
import type { Sheet } from '../../kernel/export.js';
import { TEXT_FONT, TEXT_FONT_BOLD, useTextFonts } from '../../kernel/pdf-fonts.js';
import type { Translate } from '../../i18n/index.js';
import { pdfBuffer } from '../../lib/pdf.js';
import { formatDay, names } from './page-parts.js';
import type { NaskahReference } from './reference.js';
import type { AgendaRow } from './repo.js';

export function agendaSheet(
  t: Translate,
  locale: string,
  ref: NaskahReference,
  unitName: string,
  rows: (AgendaRow & { masked: boolean })[],
): Sheet {
  const n = names(ref);
  const masked = t('surat.agenda_masked');
  return {
    title: t('surat.agenda_heading', { unit: unitName }),
    header: [
      t('surat.col_agenda'),
      t('surat.col_received'),
      t('surat.col_sender'),
      t('surat.col_number'),
      t('surat.col_date'),
      t('surat.col_perihal'),
      t('surat.col_classification'),
      t('surat.col_class'),
      t('surat.col_urgency'),
    ],
    rows: rows.map((r) => [
      r.agenda_number,
      formatDay(r.received_date, locale),
      r.masked ? masked : r.sender_instansi,
      r.masked ? masked : r.sender_number,
      formatDay(r.sender_date, locale),
      r.masked ? masked : r.perihal,
      r.masked ? masked : `${r.classification_code} ${r.classification_name}`,
      n.security(r.security_class),
      n.urgency(r.urgency),
    ]),
  };
}

const MM = 72 / 25.4;
const MARGIN = 12 * MM;
const FONT = 7.5;
const PAD = 2;
/** Relative widths of the nine columns. */
const WIDTHS = [10, 10, 16, 12, 10, 24, 14, 8, 8];

export function renderAgendaPdf(sheet: Sheet, subtitle: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    info: { Title: sheet.title },
  });
  useTextFonts(doc);
  const done = pdfBuffer(doc);
  const width = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN;
  const total = WIDTHS.reduce((a, b) => a + b, 0);
  const cols = WIDTHS.map((w) => (w / total) * width);

  doc.font(TEXT_FONT_BOLD).fontSize(12).text(sheet.title, { align: 'center' });
  doc.font(TEXT_FONT).fontSize(9).text(subtitle, { align: 'center' });
  doc.moveDown(0.6);

  const drawRow = (cells: (string | number | null)[], bold: boolean) => {
    doc.font(bold ? TEXT_FONT_BOLD : TEXT_FONT).fontSize(FONT);
    const heights = cells.map((c, i) => doc.heightOfString(String(c ?? ''), { width: cols[i]! - 2 * PAD }));
    const h = Math.max(...heights) + 2 * PAD;
    if (doc.y + h > bottom) {
      doc.addPage();
      if (!bold) drawRow(sheet.header, true);
      doc.font(bold ? TEXT_FONT_BOLD : TEXT_FONT).fontSize(FONT);
    }
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      doc.rect(x, y, cols[i]!, h).lineWidth(0.4).stroke();
      doc.text(String(c ?? ''), x + PAD, y + PAD, { width: cols[i]! - 2 * PAD });
      x += cols[i]!;
    });
    doc.x = MARGIN;
    doc.y = y + h;
  };
  drawRow(sheet.header, true);
  for (const r of sheet.rows) drawRow(r, false);
  doc.end();
  return done;
}
