// Text input is checked once, here, before validation and before any module
// sees it. PostgreSQL cannot store NUL, and other control characters in names
// or numbers are never legitimate: refuse them up front with a clear message
// instead of failing deep in the database. Invisible characters that change
// how text is displayed (bidi overrides, zero-width characters: see
// lib/text.ts) are refused in names and titles, where the person must see
// what will be shown to others, and silently removed from everything else
// (descriptions, addresses, notes, reasons…), where they only ever come along
// with copied text. Passwords are never altered; CSV text is checked row by
// row by its importer, which can name the row.
import type { FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../lib/errors.js';
import { CONTROL_CHARS as CONTROL, hasInvisible, stripInvisible } from '../lib/text.js';
import { fieldLabel } from './validation.js';

function hasControl(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return CONTROL.test(v);
  if (depth > 8 || v === null || typeof v !== 'object' || Buffer.isBuffer(v)) return false;
  return Object.entries(v).some(([k, x]) => CONTROL.test(k) || hasControl(x, depth + 1));
}

export function rejectControlCharacters(req: FastifyRequest): void {
  if (hasControl(req.params) || hasControl(req.query) || hasControl(req.body))
    throw new AppError(400, 'error.control_characters');
}

/** Inputs shown to others as a name or a title: invisible characters are refused, never changed behind the person's back. */
export const NAME_FIELDS = new Set([
  'fullName',
  'name',
  'newName',
  'title',
  'label',
  'fixedName',
  'shiftName',
  'position',
  'purpose',
]);
/** Inputs kept exactly as typed: secrets, and CSV text (its importer checks each row). */
const VERBATIM = new Set(['password', 'current', 'next', 'confirm', 'csv', '_csrf']);

/** Removes invisible characters in place from everything but names, which it reports instead. */
function cleanInvisible(v: unknown, field: string, refused: Set<string>, depth = 0): unknown {
  if (typeof v === 'string') {
    if (VERBATIM.has(field) || !hasInvisible(v)) return v;
    if (NAME_FIELDS.has(field)) {
      refused.add(field);
      return v;
    }
    return stripInvisible(v);
  }
  if (depth > 8 || v === null || typeof v !== 'object' || Buffer.isBuffer(v)) return v;
  const o = v as Record<string, unknown>;
  for (const [k, x] of Object.entries(o)) o[k] = cleanInvisible(x, Array.isArray(o) ? field : k, refused, depth + 1);
  return o;
}

export function guardDisplayText(req: FastifyRequest): void {
  const refused = new Set<string>();
  for (const part of [req.params, req.query, req.body]) cleanInvisible(part, '', refused);
  if (!refused.size) return;
  const fields: FieldError[] = [...refused].map((f) => ({
    field: f,
    key: 'field.invisible_chars',
    params: fieldLabel(f),
  }));
  throw new AppError(400, 'error.validation', {}, fields);
}
