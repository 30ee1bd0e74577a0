// Lists as sheets: one shape for a page table, CSV and XLSX, and sending a
// sheet as a file. Numbers stay numbers in XLSX; CSV cells that a spreadsheet
// would run as a formula are neutralised.
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

/** An export: a header row, data rows (numbers stay numbers) and an optional total row. */
export interface Sheet {
  title: string;
  header: string[];
  rows: (string | number | null)[][];
  total?: (string | number | null)[] | undefined;
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  // A leading = + - @ would be run as a formula by spreadsheet programs.
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(sheet: Sheet): string {
  const lines = [sheet.header, ...sheet.rows, ...(sheet.total ? [sheet.total] : [])];
  return lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export async function toXlsx(sheet: Sheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  ws.addRow(sheet.header).font = { bold: true };
  for (const r of sheet.rows) ws.addRow(r);
  if (sheet.total) ws.addRow(sheet.total).font = { bold: true };
  ws.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type ExportFormat = 'csv' | 'xlsx';

export async function sendSheet(reply: FastifyReply, sheet: Sheet, format: ExportFormat, name: string) {
  reply.header('content-disposition', `attachment; filename="${name}.${format}"`);
  if (format === 'csv') return reply.type('text/csv; charset=utf-8').send('\ufeff' + toCsv(sheet));
  return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(sheet));
}
