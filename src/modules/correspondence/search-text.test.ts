import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { cleanText, readTextLayer } from './search-text.js';

function pdf(pages: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  pages.forEach((text, i) => {
    if (i) doc.addPage();
    doc.fontSize(12).text(text);
  });
  doc.end();
  return done;
}
const roomy = { maxPages: 10, maxChars: 100_000, timeoutMs: 10_000 };

describe('readTextLayer', () => {
  it('reads every page within the limits', async () => {
    const r = await readTextLayer(await pdf(['halaman satu', 'halaman dua']), roomy);
    expect(r).toMatchObject({ status: 'ada', text: 'halaman satu halaman dua', pagesRead: 2, pagesTotal: 2 });
    expect(r.truncated).toBe(false);
  });
  it('stops at the page limit and says it was cut', async () => {
    const r = await readTextLayer(await pdf(['pertama', 'kedua', 'ketiga']), { ...roomy, maxPages: 1 });
    expect(r).toMatchObject({ status: 'ada', text: 'pertama', pagesRead: 1, pagesTotal: 3, truncated: true });
  });
  it('stops at the character limit', async () => {
    const words = Array.from({ length: 400 }, (_, i) => `kata${i}`).join(' ');
    const r = await readTextLayer(await pdf([words, 'halaman berikut']), { ...roomy, maxChars: 1000 });
    expect(r.text.length).toBe(1000);
    expect(r).toMatchObject({ status: 'ada', pagesRead: 1, truncated: true });
  });
  it('a timeout is a failed read, not an exception', async () => {
    const big = await pdf(Array.from({ length: 40 }, (_, i) => `halaman ${i} `.repeat(200)));
    const r = await readTextLayer(big, { ...roomy, maxPages: 40, timeoutMs: 1 });
    expect(r).toMatchObject({ status: 'gagal', text: '' });
  });
  it('a file PDF.js cannot parse is a failed read', async () => {
    expect(await readTextLayer(Buffer.from('%PDF-1.4\nrusak\n%%EOF'), roomy)).toMatchObject({ status: 'gagal' });
  });
  it('cleanText collapses whitespace and drops control characters', () => {
    expect(cleanText(' a\u0000b \n\t c ')).toBe('a b c');
  });
});
