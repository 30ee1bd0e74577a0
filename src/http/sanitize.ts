// PostgreSQL cannot store NUL in text, and other control characters in names
// or numbers are never legitimate: refuse them up front with a clear message
// instead of failing deep in the database.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';
import { CONTROL_CHARS as CONTROL } from '../lib/text.js';

function hasControl(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return CONTROL.test(v);
  if (depth > 8 || v === null || typeof v !== 'object' || Buffer.isBuffer(v)) return false;
  return Object.entries(v).some(([k, x]) => CONTROL.test(k) || hasControl(x, depth + 1));
}

export function rejectControlCharacters(req: FastifyRequest): void {
  if (hasControl(req.params) || hasControl(req.query) || hasControl(req.body))
    throw new AppError(400, 'error.control_characters');
}
