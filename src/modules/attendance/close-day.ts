// The nightly close of attendance days (pg-boss job `close-day`, see
// src/jobs/queue.ts). Shortly after midnight in the city's zone, and once at
// start to catch up a night the platform was down, every active employee of
// each city gets the last CLOSE_DAYS days written to attendance_days by
// service.closeDay. Why two days, not one: a night shift's check-out window
// (end + checkOutClosesMinutesAfter) can run into the next morning, so at
// 00:15 its day still reads "belum berakhir" and is skipped; the next night
// closes it. Closing a day again is harmless: unchanged days are not written,
// a changed one keeps its old value in the history. People go in batches
// (each its own transaction), so a large city never holds one long lock.
import type { Services } from '../../wiring.js';
import { makeScope } from '../../kernel/scope.js';
import type { Ctx } from '../../kernel/context.js';
import { addDays } from '../work-schedule/index.js';

export const CLOSE_DAY_CRON = '15 0 * * *';
export const CLOSE_DAYS = 2;
export const CLOSE_DAY_BATCH = 200;

/**
 * The platform acting for a city without a signed-in user: an administrator's
 * scope over that city only, with no account behind it (user id 0 matches no
 * employee). Used by background work and to read public region names; never
 * handed to a request.
 */
export function systemCtx(city: string): Ctx {
  return {
    scope: makeScope({ id: 0, role: 'admin_kota', region_code: city, resident_id: null }),
    actorName: 'Sistem',
    ip: '127.0.0.1',
  };
}

export interface CloseDaysResult {
  dates: string[];
  people: number;
  /** Closed days whose status or cut changed (each with a history row). */
  changed: number;
}

/** Closes the last `days` days before today (city time) for every active employee of the cities (default: every city with units). */
export async function closeDays(
  s: Pick<Services, 'attendance' | 'employees'>,
  cities?: readonly string[],
  opts: { days?: number; batch?: number } = {},
): Promise<CloseDaysResult> {
  const days = opts.days ?? CLOSE_DAYS;
  const batch = opts.batch ?? CLOSE_DAY_BATCH;
  const today = s.attendance.localToday();
  const dates = Array.from({ length: days }, (_, i) => addDays(today, i - days));
  let people = 0;
  let changed = 0;
  for (const city of cities ?? (await s.employees.citiesWithUnits())) {
    const ctx = systemCtx(city);
    // Keyset batches in id order: nobody is skipped or counted twice while the list changes.
    for (let after = 0; ;) {
      const list = await s.employees.activeEmployeesAfter(city, after, batch);
      for (const date of dates) if (list.length) changed += await s.attendance.closeDay(ctx, list, date);
      people += list.length;
      if (list.length < batch) break;
      after = list[list.length - 1]!.id;
    }
  }
  return { dates, people, changed };
}
