// Message lookup. A parameter whose value is itself a message key (e.g. a
// field name 'f.nik') is translated too, so messages compose in any language.
import { en } from './en.js';
import { id, type MessageKey } from './id.js';

export type { MessageKey };
export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const catalogues: Record<Locale, Record<MessageKey, string>> = { id, en };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function isMessageKey(s: string): s is MessageKey {
  return Object.hasOwn(id, s);
}

export function isLocale(s: unknown): s is Locale {
  return s === 'id' || s === 'en';
}

export function translator(locale: Locale): Translate {
  const cat = catalogues[locale];
  return (key, params) => {
    const text = cat[key] ?? id[key] ?? key;
    if (!params) return text;
    // A translated parameter may use the other parameters once (a label such as "Jam masuk hari {day}").
    const fill = (s: string, nested: boolean): string =>
      s.replace(/\{(\w+)\}/g, (m, name: string) => {
        const v = params[name];
        if (v === undefined) return m;
        if (typeof v !== 'string' || !isMessageKey(v)) return String(v);
        return nested ? fill(cat[v], false) : cat[v];
      });
    return fill(text, true);
  };
}
