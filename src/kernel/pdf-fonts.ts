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
