// Letter numbers, letter text and what gets signed. Pure, except publicCode (random).

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

export { canonicalJson, CODE_ALPHABET, isPublicCode, publicCode } from '../../kernel/codes.js';
