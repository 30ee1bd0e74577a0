// The text layer of a PDF, read with PDF.js (unpdf) for E-Surat search. Bounded: at most `maxPages` pages and
// `maxChars` characters, and `timeoutMs` in all; whatever goes wrong (a damaged file PDF.js cannot parse, a
// timeout) is a result, never an exception, so reading text never blocks registering the naskah.
import { getDocumentProxy } from 'unpdf';

export type TextStatus = 'ada' | 'kosong' | 'gagal';

export interface TextLimits {
  /** NASKAH_TEXT_MAX_PAGES */
  maxPages: number;
  /** NASKAH_TEXT_MAX_CHARS */
  maxChars: number;
  /** NASKAH_TEXT_TIMEOUT_MS */
  timeoutMs: number;
}

export interface TextLayer {
  status: TextStatus;
  text: string;
  pagesRead: number;
  pagesTotal: number;
  truncated: boolean;
  ms: number;
}

/** Whitespace collapsed, control characters (NUL cannot be stored) dropped. */
export const cleanText = (s: string) =>
  s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

class TimedOut extends Error {}

export async function readTextLayer(pdf: Buffer, lim: TextLimits): Promise<TextLayer> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  let doc: Awaited<ReturnType<typeof getDocumentProxy>> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut()), lim.timeoutMs);
  });
  deadline.catch(() => undefined);
  let pagesRead = 0;
  let pagesTotal = 0;
  try {
    // PDF.js takes over (detaches) the buffer it is given: hand it a copy.
    doc = await Promise.race([getDocumentProxy(new Uint8Array(pdf), { verbosity: 0 }), deadline]);
    pagesTotal = doc.numPages;
    const parts: string[] = [];
    let length = 0;
    let truncated = pagesTotal > lim.maxPages;
    for (let i = 1; i <= Math.min(pagesTotal, lim.maxPages); i++) {
      const page = await Promise.race([doc.getPage(i), deadline]);
      const content = await Promise.race([page.getTextContent(), deadline]);
      const text = cleanText(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
      pagesRead = i;
      if (text) {
        parts.push(text);
        length += text.length + 1;
      }
      if (length >= lim.maxChars) {
        truncated = true;
        break;
      }
    }
    const text = parts.join(' ').slice(0, lim.maxChars);
    return { status: text ? 'ada' : 'kosong', text, pagesRead, pagesTotal, truncated, ms: ms() };
  } catch {
    return { status: 'gagal', text: '', pagesRead, pagesTotal, truncated: false, ms: ms() };
  } finally {
    clearTimeout(timer);
    void doc?.loadingTask.destroy().catch(() => undefined);
  }
}
