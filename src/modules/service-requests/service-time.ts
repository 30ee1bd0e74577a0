// The clocks of layanan warga on an office's service hours: the hours from
// configuration (SERVICE_HOURS, SERVICE_HOURS_RAMADAN), the working calendar
// of the request's city from the staff register (E-Presensi's calendar, read
// through the employees service, never its tables), the city's zone offset.
// The rules themselves are pure (rules.ts, work-schedule/service-hours.ts);
// this file only fetches the calendar they need.
//
// Calendars are kept per city (calendar_entries.region_code is the
// kabupaten/kota), so the kelurahan and kecamatan offices of a city share one.
// A calendar read is shared by the requests that ask for the same window at
// once, and kept CALENDAR_TTL_MS: a holiday added in the staff register
// reaches the clocks of requests started after at most that long.
import { ConfigError } from '../../config.js';
import type { Db } from '../../db/database.js';
import { cityOf } from '../../kernel/regions.js';
import {
  addDays,
  DEFAULT_SERVICE_HOURS,
  localDateOf,
  parseWeekHours,
  type CalendarEntry,
  type FixedSchedule,
  type ServiceTime,
} from '../work-schedule/index.js';
import {
  countedMillis,
  DEFAULT_STAGE_CLOCKS,
  parseServiceHoursStages,
  requestClocks,
  needsServiceTime,
  stageClock,
  ROUND_THE_CLOCK,
  type ClockedRequest,
  type ClockMode,
  type Counting,
  type RequestClocks,
  type StageClock,
  type StageClockModes,
} from './rules.js';

/** The working calendar of a city between two local dates (inclusive): the employees service's `read.calendar`. */
export type CalendarRead = (db: Db, cityCode: string, from: string, to: string) => Promise<readonly CalendarEntry[]>;

export interface ClockSettings {
  hours: FixedSchedule;
  stages: StageClockModes;
  offsetMinutes: number;
}

const CALENDAR_TTL_MS = 30_000;
/** Days of calendar read ahead of a stage start; a due time beyond them reads further. */
const AHEAD_DAYS = 62;

/** The clock settings from configuration; a bad value stops the start with a clear message. */
export function clockSettingsFromConfig(
  raw: { serviceHours: string; serviceHoursRamadan: string; serviceHoursStages: string },
  offsetMinutes: number,
): ClockSettings {
  const problems: string[] = [];
  const week = parseWeekHours(raw.serviceHours);
  if (!week.ok) problems.push(`SERVICE_HOURS: ${week.problem}`);
  const noRamadan = raw.serviceHoursRamadan.trim().toLowerCase() === 'none';
  const ramadan = noRamadan ? null : parseWeekHours(raw.serviceHoursRamadan);
  if (ramadan && !ramadan.ok) problems.push(`SERVICE_HOURS_RAMADAN: ${ramadan.problem}`);
  const stages = parseServiceHoursStages(raw.serviceHoursStages);
  if (!stages.ok) problems.push(`SLA_SERVICE_HOURS_STAGES: ${stages.problem}`);
  if (problems.length || !week.ok || !stages.ok || (ramadan && !ramadan.ok)) throw new ConfigError(problems);
  return {
    hours: { kind: 'tetap', week: week.week, ...(ramadan ? { ramadan: ramadan.week } : {}) },
    stages: stages.modes,
    offsetMinutes,
  };
}

/** The defaults of clockSettingsFromConfig (Perpres 21/2023 hours, RT/RW round the clock), for tests and tools. */
export const defaultClockSettings = (offsetMinutes: number, stages?: StageClockModes): ClockSettings => ({
  hours: DEFAULT_SERVICE_HOURS,
  stages: stages ?? DEFAULT_STAGE_CLOCKS,
  offsetMinutes,
});

export function createServiceTimes(d: { db: Db; calendar: CalendarRead; settings: ClockSettings }) {
  const { db, settings } = d;
  const off = settings.offsetMinutes;
  const kept = new Map<string, { at: number; entries: Promise<readonly CalendarEntry[]> }>();

  function calendar(city: string, from: string, to: string) {
    const key = `${city}|${from}|${to}`;
    const now = performance.now();
    const hit = kept.get(key);
    if (hit && now - hit.at < CALENDAR_TTL_MS) return hit.entries;
    if (kept.size > 500) for (const [k, v] of kept) if (now - v.at >= CALENDAR_TTL_MS) kept.delete(k);
    const entries = d.calendar(db, city, from, to);
    kept.set(key, { at: now, entries });
    entries.catch(() => kept.delete(key));
    return entries;
  }

  /** The service time of a region's office covering the local days of [from, to] (one day either side). */
  async function timeFor(regionCode: string, from: Date, to: Date): Promise<ServiceTime> {
    const a = addDays(localDateOf(from, off), -1);
    const b = addDays(localDateOf(to, off), 1);
    return { hours: settings.hours, calendar: await calendar(cityOf(regionCode), a, b), offsetMinutes: off };
  }

  async function counting(regionCode: string, mode: ClockMode, from: Date, to: Date): Promise<Counting> {
    return mode === 'service_hours' ? { mode, time: await timeFor(regionCode, from, to) } : ROUND_THE_CLOCK;
  }

  /** A clock started at `start` for `budget` minutes, reading more calendar when the due time lies beyond it. */
  async function clockFrom(regionCode: string, start: Date, budget: number, mode: ClockMode): Promise<StageClock> {
    for (let ahead = AHEAD_DAYS; ; ahead *= 2) {
      const until = new Date(start.getTime() + ahead * 86_400_000);
      const c = stageClock(start, budget, await counting(regionCode, mode, start, until));
      if (c.dueAt <= until) return c;
    }
  }

  return {
    settings,
    modeOf: (stage: keyof StageClockModes) => settings.stages[stage],
    clockFrom,
    /** Milliseconds counted on `mode` from `from` to `to` for a region's office. */
    async countedMillis(regionCode: string, mode: ClockMode, from: Date, to: Date) {
      return countedMillis(from, to, await counting(regionCode, mode, from, to));
    },
    /** The clocks of a request at `now` (requestClocks), with its office's service time when it needs one. */
    async clocksOf(now: Date, r: ClockedRequest & { region_code: string }): Promise<RequestClocks> {
      if (!needsServiceTime(r)) return requestClocks(now, r);
      const times = [now, r.submitted_at, r.due_at, ...(r.stage_due_at ? [r.stage_due_at] : [])];
      const first = new Date(Math.min(...times.map((x) => x.getTime())));
      const last = new Date(Math.max(...times.map((x) => x.getTime())));
      return requestClocks(now, r, await timeFor(r.region_code, first, last));
    },
  };
}
export type ServiceTimes = ReturnType<typeof createServiceTimes>;
