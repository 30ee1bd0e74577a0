// Sends a stored upload back. The type is the one the upload check verified
// (never sniffed: nosniff), pictures are shown inline in a sandbox that runs
// nothing, and anything else (a PDF) is a download, so no stored file is ever
// opened as a page of this site.
import type { FastifyReply } from 'fastify';
import type { AllowedMime } from './rules.js';

const EXTENSION: Record<AllowedMime, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};
const isAllowed = (mime: string): mime is AllowedMime => Object.hasOwn(EXTENSION, mime);

/** `name` is the file name offered to the browser, without extension (letters, digits and dashes). */
export function sendStoredFile(reply: FastifyReply, file: { mime: string; content: Buffer }, name: string) {
  const mime = isAllowed(file.mime) ? file.mime : null;
  const safeName = name.replace(/[^A-Za-z0-9-]/g, '-');
  const disposition = mime?.startsWith('image/') ? 'inline' : 'attachment';
  return reply
    .type(mime ?? 'application/octet-stream')
    .header('content-disposition', `${disposition}; filename="${safeName}.${mime ? EXTENSION[mime] : 'bin'}"`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; img-src 'self'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(file.content);
}
