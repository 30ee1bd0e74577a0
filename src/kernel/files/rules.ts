// What an uploaded file really is, judged by its content (first bytes, then
// its whole structure: inspect.ts), never by its name or the browser's claimed type.
import { inspectUpload } from './inspect.js';

export type AllowedMime = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';
export const ALLOWED_MIMES: readonly AllowedMime[] = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

export function sniffMime(b: Buffer): AllowedMime | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  if (b.length >= 5 && b.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

export type UploadProblem = 'empty' | 'too_large' | 'bad_type' | 'damaged' | 'unsafe';
export type UploadCheck = { ok: true; mime: AllowedMime } | { ok: false; reason: UploadProblem };

/**
 * The type comes from the first bytes and must be one the caller takes; then
 * the whole file must be that type and nothing else: an image that parses to
 * its end (JPEG EOI, PNG IEND, the RIFF size) with nothing but padding after
 * it ('damaged' otherwise), and no HTML, script or PDF JavaScript/Launch
 * action anywhere ('unsafe').
 */
export function checkUpload(
  b: Buffer,
  max = MAX_UPLOAD_BYTES,
  allowed: readonly AllowedMime[] = ALLOWED_MIMES,
): UploadCheck {
  if (!b.length) return { ok: false, reason: 'empty' };
  if (b.length > max) return { ok: false, reason: 'too_large' };
  const mime = sniffMime(b);
  if (!mime || !allowed.includes(mime)) return { ok: false, reason: 'bad_type' };
  const verdict = inspectUpload(mime, b);
  return verdict === 'ok' ? { ok: true, mime } : { ok: false, reason: verdict };
}
