// Pictures reduced to a few pixels, for thumbnails: a baseline JPEG read at
// one eighth of its size from the DC coefficient of each 8×8 block alone (no
// inverse DCT: the block's mean is all a thumbnail needs), and an 8-bit PNG
// read whole. Anything else (progressive or arithmetic JPEG, CMYK, 16-bit or
// interlaced PNG) is answered null and the page shows a plain link instead.
// Pure functions over buffers; a malformed file throws nothing out: null.
import { inflateSync } from 'node:zlib';

/** RGB, 3 bytes a pixel, row by row. */
export interface Pixels {
  width: number;
  height: number;
  rgb: Uint8Array;
}

/** Beyond this many 1/8-scale pixels (a 16-megapixel photo) nothing is decoded. */
const MAX_SMALL_PIXELS = 512 * 512;

interface Huffman {
  maxcode: Int32Array;
  valptr: Int32Array;
  mincode: Int32Array;
  vals: Uint8Array;
}

function huffman(counts: Uint8Array, vals: Uint8Array): Huffman {
  const maxcode = new Int32Array(18).fill(-1);
  const valptr = new Int32Array(17);
  const mincode = new Int32Array(17);
  let code = 0;
  let k = 0;
  for (let l = 1; l <= 16; l++) {
    const n = counts[l - 1]!;
    if (n) {
      valptr[l] = k;
      mincode[l] = code;
      code += n;
      k += n;
      maxcode[l] = code - 1;
    }
    code <<= 1;
  }
  maxcode[17] = 0x7fffffff;
  return { maxcode, valptr, mincode, vals };
}

interface Component {
  id: number;
  h: number;
  v: number;
  tq: number;
  td: number;
  ta: number;
  bw: number;
  bh: number;
  dc: Int32Array;
}

/** EXIF orientation (1–8) from an APP1 segment, 1 when absent. */
function exifOrientation(seg: Buffer): number {
  if (seg.length < 14 || seg.toString('latin1', 0, 6) !== 'Exif\0\0') return 1;
  const t = seg.subarray(6);
  const le = t.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? t.readUInt16LE(o) : t.readUInt16BE(o));
  const u32 = (o: number) => (le ? t.readUInt32LE(o) : t.readUInt32BE(o));
  const ifd = u32(4);
  if (ifd + 2 > t.length) return 1;
  const n = u16(ifd);
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > t.length) return 1;
    if (u16(e) === 0x0112) return u16(e + 8);
  }
  return 1;
}

/** A baseline JPEG at 1/8 scale, turned upright by its EXIF orientation; null when not readable here. */
export function jpegEighth(b: Buffer): Pixels | null {
  try {
    return readJpeg(b);
  } catch {
    return null;
  }
}

function readJpeg(b: Buffer): Pixels | null {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  const dcq: number[] = [];
  const dcTables: Huffman[] = [];
  const acTables: Huffman[] = [];
  let comps: Component[] = [];
  let width = 0;
  let height = 0;
  let restart = 0;
  let orientation = 1;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const len = b.readUInt16BE(i + 2);
    const seg = b.subarray(i + 4, i + 2 + len);
    i += 2 + len;
    if (marker === 0xe1 && orientation === 1) orientation = exifOrientation(seg);
    else if (marker === 0xdb) {
      for (let p = 0; p < seg.length;) {
        const pq = seg[p]! >> 4;
        dcq[seg[p]! & 15] = pq ? seg.readUInt16BE(p + 1) : seg[p + 1]!;
        p += 1 + 64 * (pq ? 2 : 1);
      }
    } else if (marker === 0xc0 || marker === 0xc1) {
      if (seg[0] !== 8) return null;
      height = seg.readUInt16BE(1);
      width = seg.readUInt16BE(3);
      const nf = seg[5]!;
      if (nf !== 1 && nf !== 3) return null;
      comps = [];
      for (let c = 0; c < nf; c++) {
        const o = 6 + c * 3;
        comps.push({
          id: seg[o]!,
          h: seg[o + 1]! >> 4,
          v: seg[o + 1]! & 15,
          tq: seg[o + 2]!,
          td: 0,
          ta: 0,
          bw: 0,
          bh: 0,
          dc: new Int32Array(0),
        });
      }
    } else if (marker >= 0xc2 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return null; // progressive, lossless or arithmetic-coded
    } else if (marker === 0xc4) {
      for (let p = 0; p < seg.length;) {
        const tc = seg[p]! >> 4;
        const th = seg[p]! & 15;
        const counts = seg.subarray(p + 1, p + 17);
        const total = counts.reduce((n, x) => n + x, 0);
        const table = huffman(counts, seg.subarray(p + 17, p + 17 + total));
        (tc ? acTables : dcTables)[th] = table;
        p += 17 + total;
      }
    } else if (marker === 0xdd) restart = seg.readUInt16BE(0);
    else if (marker === 0xda) {
      if (!comps.length || !width || !height) return null;
      const ns = seg[0]!;
      if (ns !== comps.length) return null; // one interleaved scan only
      for (let c = 0; c < ns; c++) {
        const comp = comps.find((x) => x.id === seg[1 + c * 2]);
        if (!comp) return null;
        comp.td = seg[2 + c * 2]! >> 4;
        comp.ta = seg[2 + c * 2]! & 15;
      }
      return scan(b, i, { comps, width, height, restart, dcq, dcTables, acTables, orientation });
    } else if (marker === 0xd9) return null;
  }
  return null;
}

function scan(
  b: Buffer,
  start: number,
  f: {
    comps: Component[];
    width: number;
    height: number;
    restart: number;
    dcq: number[];
    dcTables: Huffman[];
    acTables: Huffman[];
    orientation: number;
  },
): Pixels | null {
  const { comps, width, height } = f;
  const single = comps.length === 1;
  const hmax = single ? 1 : Math.max(...comps.map((c) => c.h));
  const vmax = single ? 1 : Math.max(...comps.map((c) => c.v));
  const mcux = Math.ceil(width / (8 * hmax));
  const mcuy = Math.ceil(height / (8 * vmax));
  if (mcux * hmax * mcuy * vmax > MAX_SMALL_PIXELS) return null;
  for (const c of comps) {
    if (single) c.h = c.v = 1;
    c.bw = mcux * c.h;
    c.bh = mcuy * c.v;
    c.dc = new Int32Array(c.bw * c.bh);
    if (!f.dcTables[c.td] || !f.acTables[c.ta] || f.dcq[c.tq] === undefined) return null;
  }
  let pos = start;
  let bits = 0;
  let nbits = 0;
  const bit = () => {
    if (nbits === 0) {
      if (pos >= b.length) throw new Error('eof');
      const x = b[pos++]!;
      if (x === 0xff) {
        if (b[pos] !== 0) throw new Error('marker');
        pos++;
      }
      bits = x;
      nbits = 8;
    }
    nbits--;
    return (bits >> nbits) & 1;
  };
  const receive = (s: number) => {
    let v = 0;
    for (let k = 0; k < s; k++) v = (v << 1) | bit();
    return v;
  };
  const decode = (t: Huffman) => {
    let code = bit();
    let l = 1;
    while (code > t.maxcode[l]!) {
      code = (code << 1) | bit();
      if (++l > 16) throw new Error('code');
    }
    return t.vals[t.valptr[l]! + code - t.mincode[l]!]!;
  };
  const preds = comps.map(() => 0);
  const total = mcux * mcuy;
  for (let m = 0; m < total; m++) {
    if (f.restart && m > 0 && m % f.restart === 0) {
      nbits = 0;
      while (b[pos] === 0xff && b[pos + 1] === 0xff) pos++;
      if (b[pos] !== 0xff || (b[pos + 1]! & 0xf8) !== 0xd0) return null;
      pos += 2;
      preds.fill(0);
    }
    const mx = m % mcux;
    const my = Math.floor(m / mcux);
    for (let ci = 0; ci < comps.length; ci++) {
      const c = comps[ci]!;
      for (let v = 0; v < c.v; v++)
        for (let h = 0; h < c.h; h++) {
          const s = decode(f.dcTables[c.td]!);
          let diff = s ? receive(s) : 0;
          if (s && diff < 1 << (s - 1)) diff -= (1 << s) - 1;
          preds[ci]! += diff;
          c.dc[(my * c.v + v) * c.bw + mx * c.h + h] = preds[ci]!;
          for (let k = 1; k < 64;) {
            const rs = decode(f.acTables[c.ta]!);
            const r = rs >> 4;
            const sz = rs & 15;
            if (!sz) {
              if (r !== 15) break;
              k += 16;
              continue;
            }
            k += r;
            receive(sz);
            k++;
          }
        }
    }
  }
  // The image at 1/8 scale: each component's block means, sampled at the finest grid.
  const w = Math.max(1, Math.ceil(width / 8));
  const hgt = Math.max(1, Math.ceil(height / 8));
  const rgb = new Uint8Array(w * hgt * 3);
  const mean = (c: Component, x: number, y: number) => {
    const bx = Math.min(c.bw - 1, Math.floor((x * c.h) / hmax));
    const by = Math.min(c.bh - 1, Math.floor((y * c.v) / vmax));
    return (c.dc[by * c.bw + bx]! * f.dcq[c.tq]!) / 8 + 128;
  };
  for (let y = 0; y < hgt; y++)
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 3;
      const Y = mean(comps[0]!, x, y);
      if (single) {
        rgb[o] = rgb[o + 1] = rgb[o + 2] = clamp(Y);
        continue;
      }
      const cb = mean(comps[1]!, x, y) - 128;
      const cr = mean(comps[2]!, x, y) - 128;
      rgb[o] = clamp(Y + 1.402 * cr);
      rgb[o + 1] = clamp(Y - 0.344136 * cb - 0.714136 * cr);
      rgb[o + 2] = clamp(Y + 1.772 * cb);
    }
  return orient({ width: w, height: hgt, rgb }, f.orientation);
}

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** Turns a picture upright by its EXIF orientation (rotations only; mirrored ones are rare in phones). */
function orient(p: Pixels, o: number): Pixels {
  if (o !== 3 && o !== 6 && o !== 8) return p;
  const turn = o === 3 ? 2 : o === 6 ? 1 : 3; // quarter turns clockwise
  const w = turn === 2 ? p.width : p.height;
  const h = turn === 2 ? p.height : p.width;
  const rgb = new Uint8Array(p.rgb.length);
  for (let y = 0; y < p.height; y++)
    for (let x = 0; x < p.width; x++) {
      const [nx, ny] =
        turn === 1 ? [p.height - 1 - y, x] : turn === 2 ? [p.width - 1 - x, p.height - 1 - y] : [y, p.width - 1 - x];
      rgb.set(p.rgb.subarray((y * p.width + x) * 3, (y * p.width + x) * 3 + 3), (ny * w + nx) * 3);
    }
  return { width: w, height: h, rgb };
}

/** An 8-bit, non-interlaced PNG, transparency laid on white; null otherwise. */
export function pngPixels(b: Buffer): Pixels | null {
  try {
    return readPng(b);
  } catch {
    return null;
  }
}

function readPng(b: Buffer): Pixels | null {
  let p = 8;
  let width = 0;
  let height = 0;
  let type = 0;
  let palette: Buffer | null = null;
  const idat: Buffer[] = [];
  while (p + 8 <= b.length) {
    const len = b.readUInt32BE(p);
    const name = b.toString('latin1', p + 4, p + 8);
    const data = b.subarray(p + 8, p + 8 + len);
    p += 12 + len;
    if (name === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      type = data[9]!;
      if (data[8] !== 8 || data[12] !== 0 || ![0, 2, 3, 4, 6].includes(type)) return null;
      if (width * height > 64 * MAX_SMALL_PIXELS) return null;
    } else if (name === 'PLTE') palette = data;
    else if (name === 'IDAT') idat.push(data);
    else if (name === 'IEND') break;
  }
  if (!width || !height || (type === 3 && !palette)) return null;
  const channels = [1, 0, 3, 1, 2, 0, 4][type]!;
  const stride = width * channels;
  const raw = inflateSync(Buffer.concat(idat), { maxOutputLength: (stride + 1) * height });
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[y * stride + x - channels]! : 0;
      const up = y ? out[(y - 1) * stride + x]! : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = up;
      else if (filter === 3) pred = (a + up) >> 1;
      else if (filter === 4) {
        const c = y && x >= channels ? out[(y - 1) * stride + x - channels]! : 0;
        const pa = Math.abs(up - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + up - 2 * c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? up : c;
      } else if (filter !== 0) return null;
      out[y * stride + x] = (row[x]! + pred) & 255;
    }
  }
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const s = out.subarray(i * channels, i * channels + channels);
    let r: number, g: number, bl: number;
    let alpha = 255;
    if (type === 3) {
      const k = s[0]! * 3;
      [r, g, bl] = [palette![k] ?? 0, palette![k + 1] ?? 0, palette![k + 2] ?? 0];
    } else if (type === 0 || type === 4) {
      r = g = bl = s[0]!;
      if (type === 4) alpha = s[1]!;
    } else {
      [r, g, bl] = [s[0]!, s[1]!, s[2]!];
      if (type === 6) alpha = s[3]!;
    }
    const on = (v: number) => Math.round((v * alpha + 255 * (255 - alpha)) / 255);
    rgb.set([on(r), on(g), on(bl)], i * 3);
  }
  return { width, height, rgb };
}

/** The picture shrunk (box average) to fit `box`×`box`; never enlarged. */
export function fitInto(p: Pixels, box: number): Pixels {
  const k = Math.min(1, box / Math.max(p.width, p.height));
  const w = Math.max(1, Math.round(p.width * k));
  const h = Math.max(1, Math.round(p.height * k));
  if (w === p.width && h === p.height) return p;
  const rgb = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor((y * p.height) / h);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * p.height) / h));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor((x * p.width) / w);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * p.width) / w));
      const sum = [0, 0, 0];
      for (let yy = y0; yy < y1; yy++)
        for (let xx = x0; xx < x1; xx++) for (let c = 0; c < 3; c++) sum[c]! += p.rgb[(yy * p.width + xx) * 3 + c]!;
      const n = (y1 - y0) * (x1 - x0);
      for (let c = 0; c < 3; c++) rgb[(y * w + x) * 3 + c] = Math.round(sum[c]! / n);
    }
  }
  return { width: w, height: h, rgb };
}
