// Pure rules of the heads' dashboard (issue 16, item 7): the week (Monday first) and its working days so far, and
// how many working days a log has waited. Working days are the city's office week (the default fixed schedule,
// Monday–Friday) less its libur nasional and cuti bersama (E-Presensi's calendar).
import { addDays, DEFAULT_SCHEDULE, planDay, weekdayOf, type CalendarEntry } from '../work-schedule/index.js';

const isWorking = (day: string, calendar: readonly CalendarEntry[]) => planDay(day, DEFAULT_SCHEDULE, calendar, 0).work;

/** The Monday of the week of `day` ('YYYY-MM-DD'). */
export const weekStart = (day: string) => addDays(day, 1 - weekdayOf(day));

/** Working days from the week's Monday to `today`, both included. */
export function workingDaysThisWeek(today: string, calendar: readonly CalendarEntry[]): string[] {
  const out: string[] = [];
  for (let d = weekStart(today); d <= today; d = addDays(d, 1)) if (isWorking(d, calendar)) out.push(d);
  return out;
}

/** Working days after `from` up to and including `today` (0 when submitted today or later). */
export function workingDaysSince(from: string, today: string, calendar: readonly CalendarEntry[]): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= today; d = addDays(d, 1)) if (isWorking(d, calendar)) n++;
  return n;
}

/**
 * The first day whose logs are not yet late: a log submitted on a day before it has waited more than `lateDays`
 * working days (workingDaysSince > lateDays). Looks back at most a year.
 */
export function lateCutoff(today: string, lateDays: number, calendar: readonly CalendarEntry[]): string {
  let seen = 0;
  let d = today;
  for (let i = 0; i < 366; i++, d = addDays(d, -1)) {
    if (isWorking(d, calendar)) seen++;
    if (seen === lateDays + 1) return d;
  }
  return d;
}
