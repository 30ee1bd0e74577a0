// Reading QR codes back in tests: rasterise a PDF with Debian's pdftoppm
// (poppler-utils) and decode each page with jsQR.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is CommonJS with an `exports.default`: under NodeNext the default import is the module object.
const jsQR = jsqr.default;

export function decodeQrPng(buf: Buffer): string | null {
  const img = PNG.sync.read(buf);
  return (
    jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height)?.data ??
    null
  );
}

/** Is Debian's poppler-utils installed (pdftoppm, pdftotext)? */
export const hasPoppler = () => spawnSync('pdftoppm', ['-v']).status === 0;

/** Every QR code found on the PDF's pages, rasterised at 150 dpi. */
export function qrCodesOfPdf(pdf: Buffer | string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'pamong-qr-'));
  try {
    const file = typeof pdf === 'string' ? pdf : join(dir, 'doc.pdf');
    if (typeof pdf !== 'string') writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-r', '150', '-png', file, join(dir, 'page')], { timeout: 30_000 });
    return readdirSync(dir)
      .filter((f) => /^page.*\.png$/.test(f))
      .sort()
      .map((f) => decodeQrPng(readFileSync(join(dir, f))))
      .filter((x): x is string => !!x);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
