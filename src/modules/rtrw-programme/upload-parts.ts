// What the programme's upload forms share (transfer proof, claim documents):
// multipart limits, the file and text fields of a multipart body, and the id
// of a form post's path (not checked before the handler: attachValidation).
import type { FastifyRequest } from 'fastify';
import { notFound } from '../../lib/errors.js';

/** Multipart limits: one file, one byte over the limit so a larger file is refused with a message. */
export const UPLOAD_MULTIPART = {
  limits: { files: 1, fields: 6, fileSize: 2 * 1024 * 1024 + 1 },
  throwFileSizeLimit: false,
};
export function uploadedFile(body: unknown): Buffer {
  const f = body && typeof body === 'object' ? (body as Record<string, unknown>).file : undefined;
  const buf = Array.isArray(f) ? f.find((x) => Buffer.isBuffer(x)) : f;
  return Buffer.isBuffer(buf) ? buf : Buffer.alloc(0);
}
export function textField(body: unknown, name: string): string {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v.slice(0, 4000) : '';
}
/** A form post's params are not checked before the handler (attachValidation). */
export const idOf = (req: FastifyRequest) => {
  const id = Number((req.params as { id?: unknown }).id);
  if (!Number.isSafeInteger(id) || id < 1 || id > 2147483647) throw notFound();
  return id;
};
