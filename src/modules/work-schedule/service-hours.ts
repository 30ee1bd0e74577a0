// Service hours: how much of an office's opening time lies between two
// instants, when a budget of service minutes runs out, and whether the office
// is open. Pure rules, no I/O, no clock: the caller passes the instants, the
// hours, the working calendar and the zone's offset.
//
// An office's service hours are a fixed weekly schedule (`FixedSchedule`,
// with Ramadan hours) read against the same working calendar E-Presensi uses:
// a libur nasional or cuti bersama day is closed, a Ramadan day uses the
// Ramadan hours (planDay in schedule.ts decides each day, so the two modules
// can never disagree about a day). Service standards are set in working hours
// and days (UU 25/2009 on public services, art. 21: a standard states its
// "jangka waktu penyelesaian"); the hours themselves are each city's
// configuration.
//
// Choices worth knowing:
// - Budgets are counted in milliseconds internally and may be fractional
//   minutes (75 % of 25 minutes is 18¾ minutes).
// - A budget that runs out exactly at closing time is due at closing time,
//   not at the next opening: the same elapsed time, and it is the earlier
//   instant.
// - A budget of 0 is due at its start, whether or not the office is open.
// - Windows may cross midnight (end ≤ start in the schedule), so the day
//   before an instant's local date is always consulted too.
import {
  addDays,
  DEFAULT_SCHEDULE,
  isTime,
  localDateOf,
  planDay,
  type CalendarEntry,
  type DayHours,
  type FixedSchedule,
  type IsoWeekday,
} from './schedule.js';

/** Everything the rules need to count an office's service time. */
export interface ServiceTime {
  hours: FixedSchedule;
  calendar: readonly CalendarEntry[];
  /** Minutes east of UTC: WIB 420, WITA 480, WIT 540 (no daylight saving in Indonesia). */
  offsetMinutes: number;
}

/**
 * Default service hours: the working hours of Perpres 21/2023 art. 4 (start
 * 07:30, 37.5 hours over 5 days) as city governments commonly derive them:
 * Mon–Thu 07:30–16:00, Fri 07:30–16:30; Ramadan Mon–Thu 08:00–15:00, Fri
 * 08:00–15:30. Data a city can change (SERVICE_HOURS, SERVICE_HOURS_RAMADAN).
 */
export const DEFAULT_SERVICE_HOURS: FixedSchedule = DEFAULT_SCHEDULE;

const MIN_MS = 60_000;
/** How far ahead a due time is looked for before giving up (no opening at all). */
const MAX_DAYS = 3660;

/** The opening windows of one local day (none on a closed day). */
export function serviceWindowsOn(date: string, t: ServiceTime): { start: Date; end: Date }[] {
  const p = planDay(date, t.hours, t.calendar, t.offsetMinutes);
  return p.work ? [{ start: p.start, end: p.end }] : [];
}

/** Service milliseconds in [from, to); 0 when `to` is not after `from`. */
export function serviceMillisBetween(from: Date, to: Date, t: ServiceTime): number {
  const a = from.getTime();
  const b = to.getTime();
  if (!(b > a)) return 0;
  const last = localDateOf(to, t.offsetMinutes);
  let total = 0;
  for (let d = addDays(localDateOf(from, t.offsetMinutes), -1); d <= last; d = addDays(d, 1)) {
    for (const w of serviceWindowsOn(d, t)) {
      const s = Math.max(a, w.start.getTime());
      const e = Math.min(b, w.end.getTime());
      if (e > s) total += e - s;
    }
  }
  return total;
}

/** Service minutes in [from, to) (fractional); 0 when `to` is not after `from`. */
export const serviceMinutesBetween = (from: Date, to: Date, t: ServiceTime) =>
  serviceMillisBetween(from, to, t) / MIN_MS;

/** The instant at which `minutes` service minutes will have elapsed after `start` (the due time). */
export function addServiceMinutes(start: Date, minutes: number, t: ServiceTime): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`not a budget in minutes: ${minutes}`);
  let left = Math.round(minutes * MIN_MS);
  if (left === 0) return new Date(start);
  const a = start.getTime();
  let d = addDays(localDateOf(start, t.offsetMinutes), -1);
  for (let i = 0; i <= MAX_DAYS; i++, d = addDays(d, 1)) {
    for (const w of serviceWindowsOn(d, t)) {
      const s = Math.max(a, w.start.getTime());
      const avail = w.end.getTime() - s;
      if (avail <= 0) continue;
      if (left <= avail) return new Date(s + left);
      left -= avail;
    }
  }
  throw new RangeError('no service hours within ten years of the start');
}

/** Whether the office is open at `at` (opening instant included, closing instant excluded). */
export function isInServiceHours(at: Date, t: ServiceTime): boolean {
  const x = at.getTime();
  const d = localDateOf(at, t.offsetMinutes);
  return [addDays(d, -1), d].some((day) =>
    serviceWindowsOn(day, t).some((w) => w.start.getTime() <= x && x < w.end.getTime()),
  );
}

// ---- Service hours from configuration text ----

const DAY_SPEC = /^([1-7])(?:-([1-7]))?\s+(\d{2}:\d{2})-(\d{2}:\d{2})$/;

/**
 * Weekly hours written for an environment variable: `1-4 07:30-16:00, 5 07:30-16:30`
 * (ISO weekdays, 1 = Monday; a range or one day, then the opening window). Days left
 * out are closed. Returns the hours or what is wrong, in words for the operator.
 */
export function parseWeekHours(
  text: string,
): { ok: true; week: Partial<Record<IsoWeekday, DayHours>> } | { ok: false; problem: string } {
  const week: Partial<Record<IsoWeekday, DayHours>> = {};
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) return { ok: false, problem: 'kosong: tulis mis. "1-4 07:30-16:00, 5 07:30-16:30"' };
  for (const part of parts) {
    const m = DAY_SPEC.exec(part.replace(/\s+/g, ' '));
    if (!m || !isTime(m[3]) || !isTime(m[4]))
      return { ok: false, problem: `"${part}" bukan "hari[-hari] JJ:MM-JJ:MM" (hari 1 = Senin … 7 = Minggu)` };
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (to < from) return { ok: false, problem: `"${part}": rentang hari terbalik` };
    if (m[3] === m[4]) return { ok: false, problem: `"${part}": jam buka sama dengan jam tutup` };
    for (let wd = from; wd <= to; wd++) {
      if (week[wd as IsoWeekday]) return { ok: false, problem: `hari ${wd} disebut lebih dari sekali` };
      week[wd as IsoWeekday] = { start: m[3]!, end: m[4]! };
    }
  }
  return { ok: true, week };
}

/** Writes weekly hours back in the form parseWeekHours reads (consecutive equal days as a range). */
export function formatWeekHours(week: Partial<Record<IsoWeekday, DayHours>>): string {
  const out: string[] = [];
  for (let wd = 1; wd <= 7; wd++) {
    const h = week[wd as IsoWeekday];
    if (!h) continue;
    let end = wd;
    while (end < 7 && sameHours(week[(end + 1) as IsoWeekday], h)) end++;
    out.push(`${end > wd ? `${wd}-${end}` : wd} ${h.start}-${h.end}`);
    wd = end;
  }
  return out.join(', ');
}

const sameHours = (a: DayHours | undefined, b: DayHours) => !!a && a.start === b.start && a.end === b.end;
