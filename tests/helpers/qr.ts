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

/**
 * Reads the QR code of an SVG as the `qrcode` package draws it (one stroked
 * path of `M x y.5 h n m dx dy …` runs of dark modules), by drawing the
 * modules into a bitmap with a quiet zone and handing it to jsQR.
 */
export function decodeQrSvg(svg: string, scale = 8): string | null {
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
  const d = /<path[^>]*stroke="[^"]*"[^>]*\sd="([^"]+)"/.exec(svg)?.[1];
  if (!size || !d) return null;
  const quiet = 4;
  const px = (size + 2 * quiet) * scale;
  const data = new Uint8ClampedArray(px * px * 4).fill(255);
  const dark = (mx: number, my: number) => {
    for (let yy = 0; yy < scale; yy++)
      for (let xx = 0; xx < scale; xx++) {
        const i = (((my + quiet) * scale + yy) * px + (mx + quiet) * scale + xx) * 4;
        data[i] = data[i + 1] = data[i + 2] = 0;
      }
  };
  let x = 0;
  let y = 0;
  for (const [, cmd, args] of d.matchAll(/([MmHhVv])([^MmHhVv]*)/g)) {
    const n = args!
      .trim()
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (cmd === 'M') [x, y] = [n[0]!, n[1]!];
    else if (cmd === 'm') [x, y] = [x + n[0]!, y + n[1]!];
    else if (cmd === 'h') {
      for (let k = 0; k < n[0]!; k++) dark(x + k, Math.floor(y));
      x += n[0]!;
    } else return null; // not the shape qrcode draws
  }
  return jsQR(data, px, px)?.data ?? null;
}
