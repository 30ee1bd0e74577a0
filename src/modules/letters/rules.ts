// Letter numbers, letter text and what gets signed. Pure, except publicCode (random).
import { randomInt } from 'node:crypto';

/** Default per DOMAIN.md; the exact pattern is configuration per letter type/city. */
export const DEFAULT_NUMBER_TEMPLATE = '{klasifikasi}/{urut:4}/{kode_unit}/{tahun}';

export function formatLetterNumber(
  template: string,
  v: { klasifikasi: string; urut: number; kode_unit: string; tahun: number },
): string {
  return template.replace(/\{(klasifikasi|urut|kode_unit|tahun)(?::(\d))?\}/g, (_m, name: string, width?: string) => {
    const raw = String(v[name as keyof typeof v]);
    return width && name === 'urut' ? raw.padStart(Number(width), '0') : raw;
  });
}

/** Fills `{{nama}}`-style placeholders; unknown placeholders stay visible so an admin sees the mistake. */
export function renderLetterText(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/gi, (m, key: string) => values[key] ?? m);
}

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
