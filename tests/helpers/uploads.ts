// Files for upload tests: genuine photos (made by Chromium's canvas encoder, as
// public/app.js makes them on a phone), a PNG from the demo seed, a PDF from
// pdfkit — and polyglots that start like those and carry markup or a script.
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { solidPng } from '../../src/seed/png.js';

const file = (name: string) => readFileSync(new URL(`./files/${name}`, import.meta.url));

/** 640×480 JPEG at quality 0.7 (53 KB), 48×36 JPEG (1.2 KB), 160×120 PNG and WebP. */
export const PHOTO_JPEG = file('photo.jpg');
export const SMALL_JPEG = file('photo-small.jpg');
export const PHOTO_PNG = file('photo.png');
export const PHOTO_WEBP = file('photo.webp');
export const SEED_PNG = solidPng(8, 6, [40, 120, 200]);

/** A one-page PDF from pdfkit with text and both photos in it. */
export async function pdfkitPdf(text = 'Surat keterangan dokter: istirahat dua hari.'): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', info: { Title: 'Surat keterangan' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(12).text(text);
  doc.image(PHOTO_JPEG, { width: 200 });
  doc.image(PHOTO_PNG, { width: 100 });
  doc.end();
  return done;
}

const SCRIPT = '<script>alert(document.cookie)</script>';

/** A JPEG segment (marker + length + payload) inserted right after SOI. */
function withJpegSegment(jpeg: Buffer, marker: number, payload: string): Buffer {
  const body = Buffer.from(payload, 'latin1');
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), head, body, jpeg.subarray(2)]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A chunk inserted before IEND (the last 12 bytes). */
const withPngChunk = (png: Buffer, chunk: Buffer) =>
  Buffer.concat([png.subarray(0, png.length - 12), chunk, png.subarray(png.length - 12)]);

/** A RIFF chunk appended to a WebP, with the RIFF size corrected. */
function withWebpChunk(webp: Buffer, type: string, data: string): Buffer {
  const body = Buffer.from(data, 'latin1');
  const head = Buffer.alloc(8);
  head.write(type, 0, 'latin1');
  head.writeUInt32LE(body.length, 4);
  const out = Buffer.concat([webp, head, body, body.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  out.writeUInt32LE(out.length - 8, 4);
  return out;
}

/** A small hand-written PDF whose catalogue carries `extra` objects (readers tolerate the missing xref). */
function rawPdf(objects: string[]): Buffer {
  return Buffer.from(
    `%PDF-1.4\n${objects.map((o, i) => `${i + 1} 0 obj\n${o}\nendobj\n`).join('')}trailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

function objectStream(inner: string): string {
  const data = deflateSync(Buffer.from(`2 0 ${inner}`, 'latin1'));
  return `<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${data.length} >>\nstream\n${data.toString('latin1')}\nendstream`;
}

export interface Polyglot {
  name: string;
  content: Buffer;
  /** Why it is refused: markup or a script ('unsafe'), or a picture that does not end where it should ('damaged'). */
  reason: 'unsafe' | 'damaged';
  mime: 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';
}

export async function polyglots(): Promise<Polyglot[]> {
  const pdf = await pdfkitPdf();
  const jpeg = SMALL_JPEG;
  const png = SEED_PNG;
  const list: Omit<Polyglot, 'mime'>[] = [
    {
      name: 'jpeg + html after EOI',
      content: Buffer.concat([jpeg, Buffer.from(`<html>${SCRIPT}</html>`)]),
      reason: 'unsafe',
    },
    { name: 'jpeg, script in a comment', content: withJpegSegment(jpeg, 0xfe, SCRIPT), reason: 'unsafe' },
    {
      name: 'jpeg, IFRAME in APP1 metadata',
      content: withJpegSegment(jpeg, 0xe1, 'Exif\0\0<IFRAME SRC="JavaScript:alert(1)">'),
      reason: 'unsafe',
    },
    {
      name: 'jpeg header then html',
      content: Buffer.concat([
        Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
        Buffer.from(`<!DOCTYPE html><svg onload=alert(1)>`),
      ]),
      reason: 'unsafe',
    },
    {
      name: 'jpeg + a zip after EOI',
      content: Buffer.concat([jpeg, Buffer.from('PK\x03\x04\x14\0\0\0payload')]),
      reason: 'damaged',
    },
    { name: 'jpeg without EOI', content: jpeg.subarray(0, jpeg.length - 2), reason: 'damaged' },
    {
      name: 'png, script in a tEXt chunk',
      content: withPngChunk(png, pngChunk('tEXt', Buffer.from(`Comment\0${SCRIPT}`))),
      reason: 'unsafe',
    },
    {
      name: 'png, html in a compressed zTXt chunk',
      content: withPngChunk(
        png,
        pngChunk('zTXt', Buffer.concat([Buffer.from('Comment\0\0'), deflateSync(Buffer.from(`<html>${SCRIPT}`))])),
      ),
      reason: 'unsafe',
    },
    {
      name: 'png + svg after IEND',
      content: Buffer.concat([png, Buffer.from('<svg onload=alert(1)>')]),
      reason: 'unsafe',
    },
    {
      name: 'png + bytes after IEND',
      content: Buffer.concat([png, Buffer.from('\x01\x02garbage')]),
      reason: 'damaged',
    },
    {
      name: 'png with a broken CRC',
      content: Buffer.from(png.map((b, i) => (i === png.length - 20 ? b ^ 0xff : b))),
      reason: 'damaged',
    },
    { name: 'png without IEND', content: png.subarray(0, png.length - 12), reason: 'damaged' },
    { name: 'webp, script in XMP', content: withWebpChunk(PHOTO_WEBP, 'XMP ', `<x>${SCRIPT}</x>`), reason: 'unsafe' },
    {
      name: 'webp + bytes after the RIFF',
      content: Buffer.concat([PHOTO_WEBP, Buffer.from('extra')]),
      reason: 'damaged',
    },
    {
      name: 'pdf opening with JavaScript',
      content: rawPdf(['<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>']),
      reason: 'unsafe',
    },
    {
      name: 'pdf with #-escaped JavaScript names',
      content: rawPdf(['<< /Type /Catalog /OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >> >>']),
      reason: 'unsafe',
    },
    {
      name: 'pdf launching a program',
      content: rawPdf(['<< /Type /Catalog /OpenAction << /S /Launch /F (cmd.exe) >> >>']),
      reason: 'unsafe',
    },
    {
      name: 'pdf with JavaScript hidden in a compressed object stream',
      content: rawPdf([
        '<< /Type /Catalog /OpenAction 2 0 R >>',
        objectStream('<< /S /JavaScript /JS (app.alert(1)) >>'),
      ]),
      reason: 'unsafe',
    },
    {
      name: 'pdf header then html',
      content: Buffer.from(`%PDF-1.4\n<html>${SCRIPT}</html>\n%%EOF\n`),
      reason: 'unsafe',
    },
    {
      name: 'pdfkit pdf + html appended',
      content: Buffer.concat([pdf, Buffer.from(`<html>${SCRIPT}</html>`)]),
      reason: 'unsafe',
    },
    { name: 'pdf without %%EOF', content: Buffer.concat([pdf, Buffer.alloc(2048, 0x41)]), reason: 'damaged' },
  ];
  return list.map((p) => ({
    ...p,
    mime: p.name.startsWith('jpeg')
      ? 'image/jpeg'
      : p.name.startsWith('png')
        ? 'image/png'
        : p.name.startsWith('webp')
          ? 'image/webp'
          : 'application/pdf',
  }));
}
