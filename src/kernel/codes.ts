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
