/** Control characters never legitimate in text input (tab, CR and LF are allowed). PostgreSQL cannot store NUL. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** "24 November 2026" in the city's time zone. */
export function formatIndonesianDate(iso: string, timeZone = 'Asia/Jakarta'): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const tz = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? 'UTC' : timeZone;
  return new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: tz }).format(d);
}

/**
 * Characters that change how text looks without being seen: the bidirectional
 * controls (LRE/RLE/PDF/LRO/RLO U+202A–U+202E, the isolates U+2066–U+2069,
 * LRM/RLM U+200E/U+200F, the Arabic letter mark U+061C) and the zero-width
 * ones (U+200B–U+200D, the word joiner U+2060 and the invisible operators
 * after it, the BOM U+FEFF). With them
 * "Budi" can be made to read as another name, or two names that look the same
 * can differ. Letters of any script, accents and apostrophes are untouched.
 */
export const INVISIBLE_CHARS = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;
const INVISIBLE_ALL = new RegExp(INVISIBLE_CHARS.source, 'g');

export const hasInvisible = (s: string): boolean => INVISIBLE_CHARS.test(s);
export const stripInvisible = (s: string): string => s.replace(INVISIBLE_ALL, '');
