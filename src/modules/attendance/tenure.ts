// Which days are a person's to count (issue 14 item 3): only those from the
// start of their service in this post (TMT) up to its end. A day before the
// start is "belum bertugas" and a day after the end "selesai bertugas": never
// absent without reason, never cut, and left out of the recap's working days
// (the recap says so and counts them in a column of their own). With no start
// date recorded, the day the employee record was created (in the city's zone)
// is the start: nobody could check in before they were registered. Pure.
import { localDateOf } from '../work-schedule/index.js';

export type ServiceDayState = 'bertugas' | 'belum_bertugas' | 'selesai_bertugas';

/** The first and last day to count ('YYYY-MM-DD'); `last` null while still serving. */
export interface Tenure {
  first: string;
  last: string | null;
}

/** A person's tenure from their record: start_date, else the day created_at falls on in the city's zone. */
export function tenureOf(
  p: { start_date?: string | null | undefined; end_date?: string | null | undefined; created_at?: Date | undefined },
  offsetMinutes: number,
): Tenure | null {
  const first = p.start_date ?? (p.created_at ? localDateOf(p.created_at, offsetMinutes) : null);
  if (!first && !p.end_date) return null;
  return { first: first ?? '0000-01-01', last: p.end_date ?? null };
}

/** Whether `date` is a day of service: before the first day, after the last, or within (null tenure: always within). */
export function serviceDayState(date: string, tenure: Tenure | null): ServiceDayState {
  if (!tenure) return 'bertugas';
  if (date < tenure.first) return 'belum_bertugas';
  if (tenure.last !== null && date > tenure.last) return 'selesai_bertugas';
  return 'bertugas';
}
