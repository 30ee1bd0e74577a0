// Codes people type (tracking and verification codes) and the canonical JSON that gets signed.
import { randomInt } from 'node:crypto';

/** Deterministic JSON (sorted keys) so the same letter always signs to the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Short random-looking codes people can type: no 0/O/1/I/L. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function publicCode(length = 10): string {
  return Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}
export function isPublicCode(s: string): boolean {
  return /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8,16}$/.test(s);
}

/** What a code may look like before normalizing: letters of either case, digits, spaces and hyphens. */
export const LOOSE_PUBLIC_CODE_PATTERN = '^[A-Za-z0-9 -]{6,40}$';

/**
 * A code as a person typed it or a scanner read it: case does not matter and
 * spaces or hyphens are dropped (the alphabet has neither, so nothing is
 * lost). Null when what remains cannot be a code (6–16 letters and digits).
 */
export function normalizePublicCode(raw: string): string | null {
  const s = raw.replace(/[\s-]+/g, '').toUpperCase();
  return /^[A-Z0-9]{6,16}$/.test(s) ? s : null;
}
