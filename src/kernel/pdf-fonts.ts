// Fonts for PDFs that print people's text. pdfkit's built-in Helvetica knows
// only WinAnsi, so a typographic quote, a dash or a name with a letter outside
// it prints as a stray glyph ("Ð"). DejaVu Sans (Bitstream Vera licence, in
// assets/fonts/ with its licence) carries them; pdfkit embeds only the glyphs used.
import { readFileSync } from 'node:fs';

const dir = new URL('../../assets/fonts/', import.meta.url);
let cache: { regular: Buffer; bold: Buffer } | null = null;

/** The font names registered by `useTextFonts`. */
export const TEXT_FONT = 'Text';
export const TEXT_FONT_BOLD = 'Text-Bold';

/** Registers the text fonts on a document (files read once per process). */
export function useTextFonts(doc: PDFKit.PDFDocument): PDFKit.PDFDocument {
  cache ??= {
    regular: readFileSync(new URL('DejaVuSans.ttf', dir)),
    bold: readFileSync(new URL('DejaVuSans-Bold.ttf', dir)),
  };
  doc.registerFont(TEXT_FONT, cache.regular);
  doc.registerFont(TEXT_FONT_BOLD, cache.bold);
  return doc.font(TEXT_FONT);
}

/**
 * The kop (letterhead) of a naskah dinas (Permendagri 1/2023): heading lines in bold, contact lines below in
 * small type, all centred, closed by the double rule. Leaves `doc.y` below the rule.
 */
export function drawKop(
  doc: PDFKit.PDFDocument,
  kop: { heading: readonly string[]; contact?: readonly string[]; headingSize?: number },
  box: { left: number; top: number; width: number },
): void {
  const { left, top, width } = box;
  doc.font(TEXT_FONT_BOLD).fontSize(kop.headingSize ?? 12);
  kop.heading.forEach((line, i) => doc.text(line, left, i === 0 ? top : undefined, { width, align: 'center' }));
  doc.font(TEXT_FONT).fontSize(8.5);
  for (const line of kop.contact ?? []) doc.text(line, { width, align: 'center' });
  const ruleY = doc.y + 4;
  doc
    .moveTo(left, ruleY)
    .lineTo(left + width, ruleY)
    .lineWidth(1.5)
    .stroke();
  doc
    .moveTo(left, ruleY + 2.5)
    .lineTo(left + width, ruleY + 2.5)
    .lineWidth(0.5)
    .stroke();
  doc.y = ruleY + 14;
}
