// Thumbnails: a baseline JPEG read at 1/8 from its DC coefficients, a PNG read
// whole, both shrunk into a small JPEG that decodes again to the same colours.
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fitInto, jpegEighth, pngPixels, type Pixels } from './pixels.js';
import { encodeJpeg, hasThumbnail, makeThumbnail, THUMB_PX, THUMB_SOURCE_MAX_BYTES } from './thumbnail.js';

const file = (name: string) => readFileSync(new URL(`../../../tests/helpers/files/${name}`, import.meta.url));
const PHOTO_JPEG = file('photo.jpg'); // 640×480, sky over a green hill with an orange box
const PHOTO_PNG = file('photo.png'); // 160×120, the same scene

const mean = (p: Pixels, x0 = 0, y0 = 0, x1 = p.width, y1 = p.height) => {
  const s = [0, 0, 0];
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) for (let c = 0; c < 3; c++) s[c]! += p.rgb[(y * p.width + x) * 3 + c]!;
  const n = (x1 - x0) * (y1 - y0);
  return s.map((v) => v / n);
};
const close = (a: number[], b: number[], tol: number) => a.every((v, i) => Math.abs(v - b[i]!) <= tol);

/** A solid RGB picture as an 8-bit PNG (filter 0). */
function solidPng(w: number, h: number, rgb: [number, number, number]): Buffer {
  const chunk = (name: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(name, 'latin1'), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc(h * (1 + w * 3));
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set(rgb, y * (1 + w * 3) + 1 + x * 3);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('reading pictures small', () => {
  it('reads a baseline JPEG at one eighth: sky on top, grass below', () => {
    const p = jpegEighth(PHOTO_JPEG)!;
    expect([p.width, p.height]).toEqual([80, 60]);
    const sky = mean(p, 0, 0, 80, 8);
    const grass = mean(p, 0, 52, 80, 60);
    expect(sky[2]!).toBeGreaterThan(sky[0]! + 30); // blue
    expect(grass[1]!).toBeGreaterThan(grass[0]! + 30); // green
    expect(mean(p, 0, 0, 80, 60)).toSatisfy((m: number[]) => close(m, mean(pngPixels(PHOTO_PNG)!), 20));
  });

  it('reads an 8-bit PNG whole', () => {
    const p = pngPixels(solidPng(20, 10, [200, 40, 10]))!;
    expect([p.width, p.height]).toEqual([20, 10]);
    expect(mean(p)).toEqual([200, 40, 10]);
  });

  it('answers null for what it cannot read, never throws', () => {
    const progressive = Buffer.from(PHOTO_JPEG);
    const sof = progressive.indexOf(Buffer.from([0xff, 0xc0]));
    progressive[sof + 1] = 0xc2;
    expect(jpegEighth(progressive)).toBeNull();
    expect(jpegEighth(PHOTO_JPEG.subarray(0, 2000))).toBeNull();
    expect(jpegEighth(Buffer.from('not a jpeg'))).toBeNull();
    expect(pngPixels(PHOTO_PNG.subarray(0, 100))).toBeNull();
    expect(makeThumbnail('application/pdf', Buffer.from('%PDF-1.4'))).toBeNull();
    // Too large to read on the event loop: a link instead (the page asks hasThumbnail first).
    const padded = Buffer.concat([PHOTO_JPEG, Buffer.alloc(THUMB_SOURCE_MAX_BYTES)]);
    expect(hasThumbnail('image/jpeg', padded.length)).toBe(false);
    expect(makeThumbnail('image/jpeg', padded)).toBeNull();
    expect(hasThumbnail('image/jpeg', PHOTO_JPEG.length)).toBe(true);
    expect(hasThumbnail('image/webp', 1000)).toBe(false);
  });

  it('shrinks by box averages and never enlarges', () => {
    const p = fitInto(jpegEighth(PHOTO_JPEG)!, 40);
    expect([p.width, p.height]).toEqual([40, 30]);
    const small = pngPixels(solidPng(4, 3, [1, 2, 3]))!;
    expect(fitInto(small, 96)).toBe(small);
  });
});

describe('thumbnails', () => {
  it('makes a small JPEG that fits the box and decodes back to the same picture', () => {
    for (const [mime, content] of [
      ['image/jpeg', PHOTO_JPEG],
      ['image/png', PHOTO_PNG],
    ] as const) {
      const thumb = makeThumbnail(mime, content)!;
      expect(thumb.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
      expect(thumb.length).toBeLessThan(content.length); // smaller than the photo it stands for
      const sof = thumb.indexOf(Buffer.from([0xff, 0xc0]));
      const [h, w] = [thumb.readUInt16BE(sof + 5), thumb.readUInt16BE(sof + 7)];
      expect(Math.max(w, h)).toBeLessThanOrEqual(THUMB_PX);
      expect(w / h).toBeCloseTo(4 / 3, 1);
      // Read back (at 1/8) it has the source's colours.
      const back = jpegEighth(thumb)!;
      const src = mime === 'image/png' ? pngPixels(content)! : jpegEighth(content)!;
      expect(close(mean(back), mean(src), 12)).toBe(true);
    }
  });

  it('encodes flat colours exactly enough and odd sizes whole', () => {
    const p = pngPixels(solidPng(13, 7, [30, 160, 90]))!;
    const back = jpegEighth(encodeJpeg(p))!;
    expect([back.width, back.height]).toEqual([2, 1]);
    expect(close(mean(back), [30, 160, 90], 4)).toBe(true);
  });
});
