// E-Presensi working schedules: pure rules, no I/O, no clock.
//
// Dates are local calendar days 'YYYY-MM-DD', times of day 'HH:MM', instants
// are JS Dates (UTC). Indonesia has no daylight saving, so a zone is a fixed
// offset: WIB +420, WITA +480, WIT +540 minutes; callers pass it in.
//
// Choices worth knowing:
// - A holiday (libur_nasional before cuti_bersama) takes precedence over the
//   weekend and over a shift day off as the reason a day is not worked: the
//   named holiday tells the reader more than "akhir pekan".
// - During a 'ramadan' calendar range a fixed schedule uses its Ramadan hours
//   for a weekday when they are defined, its usual hours otherwise;
//   `ramadan: true` on a planned day means Ramadan hours were applied.
// - A shift schedule's cycle position on date D is
//   (days from anchor to D + shiftOffset) mod pattern length, so group B with
//   offset 1 is one day ahead of group A in the same pattern.
// - end ≤ start means the hours cross midnight: the end instant is on D + 1.

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7; // 1 = Monday
export interface DayHours {
  start: string;
  end: string;
}
export interface FixedSchedule {
  kind: 'tetap';
  week: Partial<Record<IsoWeekday, DayHours>>;
  ramadan?: Partial<Record<IsoWeekday, DayHours>>;
}
export interface ShiftSchedule {
  kind: 'shift';
  shifts: Record<string, DayHours>;
  pattern: (string | null)[];
  anchor: string;
  worksHolidays: boolean;
}
export type Schedule = FixedSchedule | ShiftSchedule;
export type CalendarKind = 'libur_nasional' | 'cuti_bersama' | 'ramadan';
export interface CalendarEntry {
  kind: CalendarKind;
  start: string;
  end: string;
  name: string;
}
export type PlannedDay =
  | { work: true; date: string; start: Date; end: Date; shift: string | null; ramadan: boolean }
  | {
      work: false;
      date: string;
      reason: 'akhir_pekan' | 'libur_nasional' | 'cuti_bersama' | 'libur_shift';
      name: string | null;
    };

const MON_THU: IsoWeekday[] = [1, 2, 3, 4];

/** Perpres 21/2023 as commonly practised by city governments. */
export const DEFAULT_SCHEDULE: FixedSchedule = {
  kind: 'tetap',
  week: {
    ...Object.fromEntries(MON_THU.map((d) => [d, { start: '07:30', end: '16:00' }])),
    5: { start: '07:30', end: '16:30' },
  },
  ramadan: {
    ...Object.fromEntries(MON_THU.map((d) => [d, { start: '08:00', end: '15:00' }])),
    5: { start: '08:00', end: '15:30' },
  },
};

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A real calendar day written 'YYYY-MM-DD' (years 1000–9999). */
export function isDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE.exec(s);
  if (!m || Number(m[1]) < 1000) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** A time of day 'HH:MM', 00:00–23:59. */
export const isTime = (s: unknown): s is string => typeof s === 'string' && TIME.test(s);

function dayNumber(date: string): number {
  if (!isDate(date)) throw new RangeError(`not a date: ${date}`);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

const fromDayNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

function minutesOf(time: string): number {
  if (!isTime(time)) throw new RangeError(`not a time: ${time}`);
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function checkOffset(offsetMinutes: number) {
  if (!Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) > 14 * 60)
    throw new RangeError(`not a UTC offset in minutes: ${offsetMinutes}`);
}

export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of days: ${n}`);
  return fromDayNumber(dayNumber(date) + n);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export const daysBetween = (a: string, b: string) => dayNumber(b) - dayNumber(a);

export function weekdayOf(date: string): IsoWeekday {
  // Day 0 (1970-01-01) was a Thursday.
  return (((((dayNumber(date) + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

/** The local calendar day of an instant. */
export function localDateOf(instant: Date, offsetMinutes: number): string {
  checkOffset(offsetMinutes);
  const t = instant.getTime();
  if (!Number.isFinite(t)) throw new RangeError('invalid Date');
  return fromDayNumber(Math.floor((t + offsetMinutes * MIN_MS) / DAY_MS));
}

/** Local wall time on a local day → the UTC instant. */
export function localInstant(date: string, time: string, offsetMinutes: number): Date {
  checkOffset(offsetMinutes);
  return new Date((dayNumber(date) * 1440 + minutesOf(time) - offsetMinutes) * MIN_MS);
}

/** The first calendar entry of a kind covering a date (ranges are inclusive). */
export function calendarEntryOn(
  date: string,
  calendar: readonly CalendarEntry[],
  kind: CalendarKind,
): CalendarEntry | undefined {
  return calendar.find((e) => e.kind === kind && e.start <= date && date <= e.end);
}

/** The shift code (null: day off) a shift schedule gives on a date. */
export function shiftCodeOn(date: string, schedule: ShiftSchedule, shiftOffset = 0): string | null {
  if (!Number.isInteger(shiftOffset)) throw new RangeError(`not a whole shift offset: ${shiftOffset}`);
  const n = schedule.pattern.length;
  if (!n) throw new RangeError('empty shift pattern');
  const i = (((daysBetween(schedule.anchor, date) + shiftOffset) % n) + n) % n;
  return schedule.pattern[i] ?? null;
}

function span(date: string, hours: DayHours, offsetMinutes: number): { start: Date; end: Date } {
  const crosses = minutesOf(hours.end) <= minutesOf(hours.start);
  return {
    start: localInstant(date, hours.start, offsetMinutes),
    end: localInstant(crosses ? addDays(date, 1) : date, hours.end, offsetMinutes),
  };
}

export function planDay(
  date: string,
  schedule: Schedule,
  calendar: readonly CalendarEntry[],
  offsetMinutes: number,
  shiftOffset = 0,
): PlannedDay {
  checkOffset(offsetMinutes);
  dayNumber(date); // refuses a malformed date early
  if (schedule.kind === 'tetap' || !schedule.worksHolidays) {
    for (const kind of ['libur_nasional', 'cuti_bersama'] as const) {
      const h = calendarEntryOn(date, calendar, kind);
      if (h) return { work: false, date, reason: kind, name: h.name };
    }
  }
  if (schedule.kind === 'tetap') {
    const wd = weekdayOf(date);
    const ramadanHours =
      schedule.ramadan && calendarEntryOn(date, calendar, 'ramadan') ? schedule.ramadan[wd] : undefined;
    const hours = ramadanHours ?? schedule.week[wd];
    if (!hours) return { work: false, date, reason: 'akhir_pekan', name: null };
    return { work: true, date, ...span(date, hours, offsetMinutes), shift: null, ramadan: ramadanHours !== undefined };
  }
  const code = shiftCodeOn(date, schedule, shiftOffset);
  if (code === null) return { work: false, date, reason: 'libur_shift', name: null };
  const hours = schedule.shifts[code];
  if (!hours) throw new RangeError(`pattern refers to an undefined shift: ${code}`);
  return { work: true, date, ...span(date, hours, offsetMinutes), shift: code, ramadan: false };
}

/** Days in [start, end] (inclusive) the person was scheduled to work; 0 when end < start. */
export function countWorkingDays(
  start: string,
  end: string,
  schedule: Schedule,
  calendar: readonly CalendarEntry[],
  offsetMinutes: number,
  shiftOffset = 0,
): number {
  let n = 0;
  for (let d = start, i = daysBetween(start, end); i >= 0; d = addDays(d, 1), i--) {
    if (planDay(d, schedule, calendar, offsetMinutes, shiftOffset).work) n++;
  }
  return n;
}

// ---- Validation of a schedule from configuration (JSON) ----

export const SCHEDULE_LIMITS = { maxShifts: 10, maxPattern: 31 } as const;
const SHIFT_CODE = /^[A-Z0-9]{1,4}$/;

/** Message keys returned by validateSchedule. */
export const SCHEDULE_ERRORS = {
  notObject: 'presensi.err.schedule_not_object',
  kind: 'presensi.err.schedule_kind',
  week: 'presensi.err.schedule_week',
  ramadan: 'presensi.err.schedule_ramadan',
  time: 'presensi.err.schedule_time',
  sameTime: 'presensi.err.schedule_same_time',
  noWorkDay: 'presensi.err.schedule_no_work_day',
  shifts: 'presensi.err.schedule_shifts',
  tooManyShifts: 'presensi.err.schedule_too_many_shifts',
  shiftCode: 'presensi.err.schedule_shift_code',
  pattern: 'presensi.err.schedule_pattern',
  patternTooLong: 'presensi.err.schedule_pattern_too_long',
  patternUnknownShift: 'presensi.err.schedule_pattern_unknown_shift',
  anchor: 'presensi.err.schedule_anchor',
  worksHolidays: 'presensi.err.schedule_works_holidays',
} as const;
const E = SCHEDULE_ERRORS;

export type Obj = Record<string, unknown>;
/** A plain object (not null, not an array): what a validator reads fields from. */
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function readHours(v: unknown, errors: Set<string>): DayHours | null {
  if (!isObj(v) || !isTime(v.start) || !isTime(v.end)) {
    errors.add(E.time);
    return null;
  }
  if (v.start === v.end) {
    errors.add(E.sameTime);
    return null;
  }
  return { start: v.start, end: v.end };
}

/** Weekday keys '1'–'7'; a day off is left out or written null. */
function readWeek(v: unknown, key: string, errors: Set<string>): Partial<Record<IsoWeekday, DayHours>> | null {
  if (!isObj(v)) {
    errors.add(key);
    return null;
  }
  const week: Partial<Record<IsoWeekday, DayHours>> = {};
  for (const [k, h] of Object.entries(v)) {
    if (!/^[1-7]$/.test(k)) errors.add(key);
    else if (h !== null && h !== undefined) {
      const hours = readHours(h, errors);
      if (hours) week[Number(k) as IsoWeekday] = hours;
    }
  }
  return week;
}

function readFixed(v: Obj, errors: Set<string>): FixedSchedule {
  const week = readWeek(v.week, E.week, errors);
  if (week && !Object.keys(week).length && !errors.size) errors.add(E.noWorkDay);
  const ramadan = v.ramadan === undefined || v.ramadan === null ? undefined : readWeek(v.ramadan, E.ramadan, errors);
  return { kind: 'tetap', week: week ?? {}, ...(ramadan ? { ramadan } : {}) };
}

function readShift(v: Obj, errors: Set<string>): ShiftSchedule {
  const shifts: Record<string, DayHours> = {};
  if (!isObj(v.shifts) || !Object.keys(v.shifts).length) errors.add(E.shifts);
  else {
    const entries = Object.entries(v.shifts);
    if (entries.length > SCHEDULE_LIMITS.maxShifts) errors.add(E.tooManyShifts);
    for (const [code, h] of entries) {
      if (!SHIFT_CODE.test(code)) errors.add(E.shiftCode);
      const hours = readHours(h, errors);
      if (hours) shifts[code] = hours;
    }
  }
  const pattern: (string | null)[] = [];
  if (!Array.isArray(v.pattern) || !v.pattern.length) errors.add(E.pattern);
  else {
    if (v.pattern.length > SCHEDULE_LIMITS.maxPattern) errors.add(E.patternTooLong);
    for (const p of v.pattern as unknown[]) {
      if (p === null) pattern.push(null);
      else if (typeof p === 'string' && isObj(v.shifts) && Object.hasOwn(v.shifts, p)) pattern.push(p);
      else errors.add(E.patternUnknownShift);
    }
    if (pattern.length === v.pattern.length && pattern.every((p) => p === null)) errors.add(E.noWorkDay);
  }
  if (!isDate(v.anchor)) errors.add(E.anchor);
  if (typeof v.worksHolidays !== 'boolean') errors.add(E.worksHolidays);
  return { kind: 'shift', shifts, pattern, anchor: String(v.anchor), worksHolidays: v.worksHolidays === true };
}

/** Checks a schedule from configuration; returns a clean copy (unknown properties dropped) or message keys. */
export function validateSchedule(input: unknown): { ok: true; schedule: Schedule } | { ok: false; errors: string[] } {
  if (!isObj(input)) return { ok: false, errors: [E.notObject] };
  const errors = new Set<string>();
  let schedule: Schedule | null = null;
  if (input.kind === 'tetap') schedule = readFixed(input, errors);
  else if (input.kind === 'shift') schedule = readShift(input, errors);
  else errors.add(E.kind);
  return schedule && !errors.size ? { ok: true, schedule } : { ok: false, errors: [...errors] };
}
