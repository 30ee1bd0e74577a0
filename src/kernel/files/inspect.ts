// What an uploaded file carries besides its leading magic bytes. A file that
// starts like a JPEG, PNG, WebP or PDF may still be a polyglot: HTML or script
// in a comment, a metadata chunk, a PDF action or after the image's end, to be
// run if the file is ever served or sniffed as something else. Pure: each
// format is walked by its own structure, and the verdict says why it failed.
import { crc32, inflateSync } from 'node:zlib';

export type Verdict = 'ok' | 'damaged' | 'unsafe';
type Format = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

/** HTML or script anywhere a reader could take it for markup (matched without regard to case). */
export const MARKUP = ['<script', '<html', '<iframe', '<svg', '<!doctype html', 'javascript:', '<object', '<embed'];
/**
 * Inside compressed picture data the bytes are noise: a four-letter marker
 * such as "<svg" turns up by chance about once in 270 photos of 2 MB, so there
 * only the markers of six letters or more are searched (a chance match is
 * then below one in a million files).
 */
const LONG_MARKUP = MARKUP.filter((m) => m.length >= 6);
/** PDF actions that run code or programs: JavaScript, its /JS key, and /Launch. */
const PDF_ACTION = /\/(JavaScript|JS|Launch)(?=[\s()<>[\]{}/%]|$)/;
/** Inflated stream data examined per file, at most (a larger total is refused rather than left unread). */
const INFLATE_BUDGET = 32 * 1024 * 1024;

const hasMarkup = (b: Buffer, markers = MARKUP) => {
  const s = b.toString('latin1').toLowerCase();
  return markers.some((m) => s.includes(m));
};

/** Bytes after the end of an image that are only padding (some encoders add zeros). */
const isPadding = (b: Buffer) => b.every((x) => x === 0x00 || x === 0xff || x === 0x20 || (x >= 0x09 && x <= 0x0d));

export function inspectUpload(format: Format, b: Buffer): Verdict {
  const verdict = byFormat(format, b);
  // A file that does not even parse is refused either way; say "unsafe" when it also carries markup.
  return verdict === 'damaged' && hasMarkup(b) ? 'unsafe' : verdict;
}

function byFormat(format: Format, b: Buffer): Verdict {
  switch (format) {
    case 'image/jpeg':
      return inspectJpeg(b);
    case 'image/png':
      return inspectPng(b);
    case 'image/webp':
      return inspectWebp(b);
    case 'application/pdf':
      return inspectPdf(b);
  }
}

/** The trailer after an image's last byte: markup is unsafe, anything else but padding is damage. */
function judgeEnd(b: Buffer, end: number, verdict: Verdict): Verdict {
  const rest = b.subarray(end);
  if (hasMarkup(rest)) return 'unsafe';
  if (verdict !== 'ok') return verdict;
  return isPadding(rest) ? 'ok' : 'damaged';
}

/** JPEG: segments from SOI to EOI; comments and APPn metadata are searched, entropy-coded scans only for long markers. */
function inspectJpeg(b: Buffer): Verdict {
  let i = 2;
  let unsafe = false;
  while (i < b.length) {
    if (b[i] !== 0xff) return 'damaged';
    while (b[i] === 0xff) i++; // fill bytes
    const marker = b[i++];
    if (marker === undefined) return 'damaged';
    if (marker === 0xd9) return judgeEnd(b, i, unsafe ? 'unsafe' : 'ok');
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // markers without a length
    if (marker === 0xd8 || marker === 0x00 || i + 2 > b.length) return 'damaged';
    const len = b.readUInt16BE(i);
    if (len < 2 || i + len > b.length) return 'damaged';
    const payload = b.subarray(i + 2, i + len);
    if (hasMarkup(payload)) unsafe = true;
    i += len;
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart marker.
      const start = i;
      while (i < b.length - 1 && !(b[i] === 0xff && b[i + 1] !== 0x00 && (b[i + 1]! < 0xd0 || b[i + 1]! > 0xd7))) i++;
      if (i >= b.length - 1) return 'damaged';
      if (hasMarkup(b.subarray(start, i), LONG_MARKUP)) unsafe = true;
    }
  }
  return 'damaged'; // no EOI
}

/** PNG: chunks with their CRCs from IHDR to IEND; text chunks (inflated when compressed) are searched. */
function inspectPng(b: Buffer): Verdict {
  let i = 8;
  let unsafe = false;
  let first = true;
  while (i + 12 <= b.length) {
    const len = b.readUInt32BE(i);
    const type = b.toString('latin1', i + 4, i + 8);
    if (!/^[A-Za-z]{4}$/.test(type) || i + 12 + len > b.length) return 'damaged';
    if (first && type !== 'IHDR') return 'damaged';
    first = false;
    const data = b.subarray(i + 8, i + 8 + len);
    if (crc32(b.subarray(i + 4, i + 8 + len)) !== b.readUInt32BE(i + 8 + len)) return 'damaged';
    const compressed = type === 'IDAT' || type === 'fdAT';
    if (hasMarkup(data, compressed ? LONG_MARKUP : MARKUP)) unsafe = true;
    if (type === 'zTXt' || type === 'iTXt' || type === 'iCCP') {
      const text = inflatedText(type, data);
      if (text === 'too_large') return 'unsafe';
      if (text && hasMarkup(text)) unsafe = true;
    }
    i += 12 + len;
    if (type === 'IEND') return judgeEnd(b, i, unsafe ? 'unsafe' : 'ok');
  }
  return 'damaged'; // no IEND
}

/** The compressed text of a zTXt/iTXt/iCCP chunk, inflated; null when absent or unreadable. */
function inflatedText(type: string, data: Buffer): Buffer | null | 'too_large' {
  const nul = data.indexOf(0);
  if (nul < 0) return null;
  let at = nul + 2; // zTXt and iCCP: keyword, NUL, method, then the data
  if (type === 'iTXt') {
    if (data[nul + 1] !== 1) return null; // not compressed: already searched as it is
    const lang = data.indexOf(0, nul + 3);
    const translated = lang < 0 ? -1 : data.indexOf(0, lang + 1);
    if (translated < 0) return null;
    at = translated + 1;
  }
  return inflateBounded(data.subarray(at), 4 * 1024 * 1024);
}

function inflateBounded(data: Buffer, max: number): Buffer | null | 'too_large' {
  try {
    return inflateSync(data, { maxOutputLength: max });
  } catch (err) {
    return (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError ? 'too_large' : null;
  }
}

/** WebP: a RIFF file whose declared size is the file; metadata chunks are searched, image data only for long markers. */
function inspectWebp(b: Buffer): Verdict {
  const end = 8 + b.readUInt32LE(4);
  if (end > b.length || end < 12) return 'damaged';
  let i = 12;
  let unsafe = false;
  while (i + 8 <= end) {
    const type = b.toString('latin1', i, i + 4);
    const len = b.readUInt32LE(i + 4);
    if (i + 8 + len > end) return 'damaged';
    const image = type === 'VP8 ' || type === 'VP8L' || type === 'ALPH' || type === 'ANMF';
    if (hasMarkup(b.subarray(i + 8, i + 8 + len), image ? LONG_MARKUP : MARKUP)) unsafe = true;
    i += 8 + len + (len % 2);
  }
  if (i < end) return 'damaged';
  return judgeEnd(b, end, unsafe ? 'unsafe' : 'ok');
}

/**
 * PDF: ends with %%EOF (within the last 1 KB, as readers allow). No markup and
 * no JavaScript or Launch action (names decoded from their #xx escapes) in the
 * objects: the file outside its streams and the object streams, inflated.
 * Uncompressed streams are searched for markup as they stand; embedded files
 * and XML metadata are inflated and searched too. Compressed page content,
 * fonts and pictures are searched only for long markers as stored: inflated,
 * they hold the page's own text (a manual may well print "<object"), which no
 * reader runs and no browser sniffs.
 */
function inspectPdf(b: Buffer): Verdict {
  if (!b.subarray(Math.max(0, b.length - 1024)).includes('%%EOF')) return 'damaged';
  const s = b.toString('latin1');
  const markup = (text: string, markers = MARKUP) => {
    const lower = text.toLowerCase();
    return markers.some((m) => lower.includes(m));
  };
  const action = (text: string) =>
    PDF_ACTION.test(text.replace(/#([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))));
  let outside = '';
  let budget = INFLATE_BUDGET;
  let at = 0;
  const streamRe = /stream\r?\n/g;
  for (let m = streamRe.exec(s); m; m = streamRe.exec(s)) {
    if (s.startsWith('end', m.index - 3)) continue; // "endstream"
    const dict = s.slice(Math.max(s.lastIndexOf(' obj', m.index), 0), m.index);
    const dataStart = m.index + m[0].length;
    const dataEnd = s.indexOf('endstream', dataStart);
    if (dataEnd < 0) return 'damaged';
    outside += s.slice(at, dataStart);
    at = dataEnd;
    streamRe.lastIndex = dataEnd + 'endstream'.length;
    const raw = s.slice(dataStart, dataEnd);
    const filters = (/\/Filter\s*(\[[^\]]*\]|\/\w+)/.exec(dict)?.[1] ?? '').replace(/[[\]\s]/g, '');
    const type = /\/Type\s*\/(ObjStm|EmbeddedFile|Metadata)\b/.exec(dict)?.[1];
    if (!type) {
      if (markup(raw, filters || /\/Subtype\s*\/Image\b/.test(dict) ? LONG_MARKUP : MARKUP)) return 'unsafe';
      continue;
    }
    let text = raw;
    if (filters === '/FlateDecode') {
      if (budget <= 0) return 'unsafe';
      const inflated = inflateBounded(Buffer.from(raw, 'latin1'), budget);
      if (inflated === 'too_large') return 'unsafe';
      if (inflated === null) continue; // unreadable: no reader will run it either
      budget -= inflated.length;
      text = inflated.toString('latin1');
    } else if (filters) return 'unsafe'; // objects behind another filter chain cannot be checked here
    if (markup(text) || (type === 'ObjStm' && action(text))) return 'unsafe';
  }
  outside += s.slice(at);
  return markup(outside) || action(outside) ? 'unsafe' : 'ok';
}
