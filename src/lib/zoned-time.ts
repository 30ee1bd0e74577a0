// A wall-clock time typed without an offset (a datetime-local field sends
// "2026-12-02T09:00") means the city's time, not UTC. Pure; the zone is the
// configured one (config.timeZone), its offset read from Intl so any IANA zone
// works (Indonesia's zones keep no daylight saving time, but nothing here relies on it).

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?$/;
const OFFSET_RE = /(?:Z|[+-]\d{2}:\d{2})$/;

const formats = new Map<string, Intl.DateTimeFormat>();
function formatFor(timeZone: string) {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** Minutes the zone is ahead of UTC at an instant (420 for Asia/Jakarta). */
export function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const p = Object.fromEntries(
    formatFor(timeZone)
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  const asUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

/**
 * The instant of a date-time text: with an offset ("…Z", "…+07:00") as written;
 * without one, read as the wall time in `timeZone`. Null when it is no real time.
 */
export function wallTimeToInstant(text: string, timeZone: string): Date | null {
  if (OFFSET_RE.test(text)) {
    const d = new Date(text);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const m = LOCAL_RE.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s, ms] = m.slice(1).map((x) => Number(x ?? 0)) as number[];
  const guess = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, ms!);
  const check = new Date(guess);
  // 2026-02-30 rolls over in Date.UTC: refuse it rather than move the day.
  if (check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== d! || h! > 23 || mi! > 59 || s! > 59) return null;
  const first = guess - zoneOffsetMinutes(check, timeZone) * 60000;
  // Read the offset again at the result, in case the zone changed offset between the two instants.
  return new Date(guess - zoneOffsetMinutes(new Date(first), timeZone) * 60000);
}
