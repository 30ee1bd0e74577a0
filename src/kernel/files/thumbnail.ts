// Thumbnails of uploaded pictures: at most THUMB_PX on the long side, as a
// small baseline JPEG (about 1 KB), so an approver's queue shows what each
// request carries without the phone downloading the photos themselves. The
// encoder builds Huffman tables fitted to the picture (ITU T.81 annex K.2),
// so no standard tables are carried. Pure: buffers in, a buffer out.
import { fitInto, jpegEighth, pngPixels, type Pixels } from './pixels.js';

export const THUMB_PX = 96;
/**
 * Reading costs time in proportion to the file (every coefficient is Huffman-decoded, on the event
 * loop): a photo shrunk by the phone (1280 px, about 150 KB) takes tens of milliseconds; a raw camera
 * file sent without JavaScript could take a second, so beyond this size it gets a plain link.
 */
export const THUMB_SOURCE_MAX_BYTES = 600 * 1024;

/** Whether a stored file gets a thumbnail at all (pages show a plain link otherwise). */
export const hasThumbnail = (mime: string, sizeBytes: number) =>
  (mime === 'image/jpeg' || mime === 'image/png') && sizeBytes <= THUMB_SOURCE_MAX_BYTES;

/** A JPEG thumbnail of a stored picture, or null when this file has none (PDF, WebP, unusual or large JPEG). */
export function makeThumbnail(mime: string, content: Buffer, box = THUMB_PX): Buffer | null {
  if (!hasThumbnail(mime, content.length)) return null;
  const p = mime === 'image/jpeg' ? jpegEighth(content) : pngPixels(content);
  return p ? encodeJpeg(fitInto(p, box)) : null;
}

const ZIGZAG = (() => {
  const z: number[] = [];
  for (let s = 0; s < 15; s++)
    for (let i = 0; i < 8; i++) {
      const j = s - i;
      if (j < 0 || j > 7) continue;
      // Odd diagonals run down-left, even ones up-right.
      z.push(s % 2 ? i * 8 + j : j * 8 + i);
    }
  return z;
})();

/** Quantisation steps growing with frequency: coarse, as a thumbnail allows. */
const quant = (base: number) =>
  Array.from({ length: 64 }, (_, k) =>
    Math.min(255, Math.round(base + (3 * (Math.floor(k / 8) + (k % 8)) * base) / 8)),
  );
const Q_LUMA = quant(10);
const Q_CHROMA = quant(16);

const COS = Array.from({ length: 64 }, (_, k) => {
  const x = k >> 3;
  const u = k & 7;
  return (u ? 0.5 : Math.SQRT1_2 / 2) * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
});

function fdct(block: Float64Array): Float64Array {
  const tmp = new Float64Array(64);
  const out = new Float64Array(64);
  for (let y = 0; y < 8; y++)
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let x = 0; x < 8; x++) s += block[y * 8 + x]! * COS[x * 8 + u]!;
      tmp[y * 8 + u] = s;
    }
  for (let u = 0; u < 8; u++)
    for (let v = 0; v < 8; v++) {
      let s = 0;
      for (let y = 0; y < 8; y++) s += tmp[y * 8 + u]! * COS[y * 8 + v]!;
      out[v * 8 + u] = s;
    }
  return out;
}

const category = (v: number) => {
  let n = 0;
  for (let a = Math.abs(v); a; a >>= 1) n++;
  return n;
};

/** One symbol with its extra bits: DC and AC streams in one list, encoded twice (count, then write). */
type Sym = { dc: boolean; sym: number; extra: number; n: number };

function symbolsOf(p: Pixels): Sym[] {
  const bw = Math.ceil(p.width / 8);
  const bh = Math.ceil(p.height / 8);
  const out: Sym[] = [];
  const preds = [0, 0, 0];
  const planes = [0, 1, 2].map(() => new Float64Array(p.width * p.height));
  for (let i = 0; i < p.width * p.height; i++) {
    const [r, g, b] = [p.rgb[i * 3]!, p.rgb[i * 3 + 1]!, p.rgb[i * 3 + 2]!];
    planes[0]![i] = 0.299 * r + 0.587 * g + 0.114 * b - 128;
    planes[1]![i] = -0.168736 * r - 0.331264 * g + 0.5 * b;
    planes[2]![i] = 0.5 * r - 0.418688 * g - 0.081312 * b;
  }
  for (let by = 0; by < bh; by++)
    for (let bx = 0; bx < bw; bx++)
      for (let c = 0; c < 3; c++) {
        const block = new Float64Array(64);
        for (let y = 0; y < 8; y++)
          for (let x = 0; x < 8; x++) {
            const sx = Math.min(p.width - 1, bx * 8 + x);
            const sy = Math.min(p.height - 1, by * 8 + y);
            block[y * 8 + x] = planes[c]![sy * p.width + sx]!;
          }
        const f = fdct(block);
        const q = c ? Q_CHROMA : Q_LUMA;
        const z = ZIGZAG.map((k) => Math.round(f[k]! / q[k]!));
        const diff = z[0]! - preds[c]!;
        preds[c] = z[0]!;
        const s = category(diff);
        out.push({ dc: true, sym: s, extra: diff < 0 ? diff - 1 : diff, n: s });
        let run = 0;
        for (let k = 1; k < 64; k++) {
          const v = z[k]!;
          if (!v) {
            run++;
            continue;
          }
          while (run > 15) {
            out.push({ dc: false, sym: 0xf0, extra: 0, n: 0 });
            run -= 16;
          }
          const n = category(v);
          out.push({ dc: false, sym: (run << 4) | n, extra: v < 0 ? v - 1 : v, n });
          run = 0;
        }
        if (run) out.push({ dc: false, sym: 0, extra: 0, n: 0 });
      }
  return out;
}

/** Code lengths fitted to the counts, at most 16 bits, no all-ones code (T.81 K.2, as libjpeg does). */
function fittedTable(freq: number[]): { bits: number[]; vals: number[]; code: number[]; size: number[] } {
  const f = [...freq, 1];
  const codesize = new Array<number>(257).fill(0);
  const others = new Array<number>(257).fill(-1);
  const live = f.map((_, i) => i).filter((i) => f[i]! > 0);
  for (;;) {
    let v1 = -1;
    let v2 = -1;
    for (const i of live) if (f[i]! > 0 && (v1 < 0 || f[i]! <= f[v1]!)) v1 = i;
    for (const i of live) if (f[i]! > 0 && i !== v1 && (v2 < 0 || f[i]! <= f[v2]!)) v2 = i;
    if (v2 < 0) break;
    f[v1]! += f[v2]!;
    f[v2] = 0;
    for (codesize[v1]!++; others[v1] !== -1; codesize[v1]!++) v1 = others[v1]!;
    others[v1] = v2;
    for (codesize[v2]!++; others[v2] !== -1; codesize[v2]!++) v2 = others[v2]!;
  }
  const bits = new Array<number>(33).fill(0);
  for (const s of codesize) if (s) bits[s]!++;
  for (let i = 32; i > 16; i--)
    while (bits[i]! > 0) {
      let j = i - 2;
      while (!bits[j]) j--;
      bits[i]! -= 2;
      bits[i - 1]!++;
      bits[j + 1]! += 2;
      bits[j]!--;
    }
  let last = 16;
  while (!bits[last]) last--;
  bits[last]!--; // the reserved symbol 256
  const vals: number[] = [];
  for (let l = 1; l <= 32; l++) for (let s = 0; s < 256; s++) if (codesize[s] === l) vals.push(s);
  const code = new Array<number>(256).fill(0);
  const size = new Array<number>(256).fill(0);
  let c = 0;
  let k = 0;
  for (let l = 1; l <= 16; l++) {
    for (let n = 0; n < bits[l]!; n++) {
      code[vals[k]!] = c++;
      size[vals[k++]!] = l;
    }
    c <<= 1;
  }
  return { bits: bits.slice(1, 17), vals: vals.slice(0, k), code, size };
}

function segment(marker: number, body: number[]): number[] {
  const len = body.length + 2;
  return [0xff, marker, len >> 8, len & 255, ...body];
}

/** A baseline 4:4:4 JFIF of the pixels. */
export function encodeJpeg(p: Pixels): Buffer {
  const syms = symbolsOf(p);
  const count = (dc: boolean) => {
    const freq = new Array<number>(256).fill(0);
    for (const s of syms) if (s.dc === dc) freq[s.sym]!++;
    return fittedTable(freq);
  };
  const dc = count(true);
  const ac = count(false);
  const data: number[] = [];
  let acc = 0;
  let nacc = 0;
  const put = (value: number, n: number) => {
    for (let i = n - 1; i >= 0; i--) {
      acc = (acc << 1) | ((value >> i) & 1);
      if (++nacc === 8) {
        data.push(acc);
        if (acc === 0xff) data.push(0);
        acc = 0;
        nacc = 0;
      }
    }
  };
  for (const s of syms) {
    const t = s.dc ? dc : ac;
    put(t.code[s.sym]!, t.size[s.sym]!);
    if (s.n) put(s.extra & ((1 << s.n) - 1), s.n);
  }
  if (nacc) put(0x7f, 8 - nacc);
  const q8 = (q: number[]) => ZIGZAG.map((k) => q[k]!);
  const head = [
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0, ...q8(Q_LUMA), 1, ...q8(Q_CHROMA)]),
    ...segment(0xc0, [
      8,
      p.height >> 8,
      p.height & 255,
      p.width >> 8,
      p.width & 255,
      3,
      1,
      0x11,
      0,
      2,
      0x11,
      1,
      3,
      0x11,
      1,
    ]),
    ...segment(0xc4, [0x00, ...dc.bits, ...dc.vals, 0x10, ...ac.bits, ...ac.vals]),
    ...segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]),
  ];
  return Buffer.from([...head, ...data, 0xff, 0xd9]);
}
