// Times shown to people: in the city's configured zone (WIB, WITA or WIT),
// labelled with it, in the reader's language.
import { TIME_ZONES, type TimeZone } from '../config.js';

export function formatTime(
  d: Date | string,
  pc: { locale: string; timeZone: TimeZone },
  style: 'long' | 'medium' | 'short' = 'medium',
): string {
  const text = new Intl.DateTimeFormat(pc.locale === 'en' ? 'en-GB' : 'id-ID', {
    dateStyle: style,
    timeStyle: 'short',
    timeZone: pc.timeZone,
  }).format(new Date(d));
  return `${text} ${TIME_ZONES[pc.timeZone]}`;
}
