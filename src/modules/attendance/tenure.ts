// Which days are a person's to count (issue 14 item 3): only those from the
// start of their service in this post (TMT) up to its end, and — since
// nobody can check in before they have an account — not before the day
// their record was created (in the city's zone). So a day is:
// - "belum bertugas" before the TMT;
// - "belum terdaftar" on or after the TMT but before registration (a
//   city going live registers people whose TMT is years old: their past
//   days are not absences);
// - "selesai bertugas" after the end date;
// and none of these is absent without reason, cut, or a working day in the
// recap (the recap counts them in a column of their own and says so). Pure.
import { localDateOf } from '../work-schedule/index.js';

export type ServiceDayState = 'bertugas' | 'belum_bertugas' | 'belum_terdaftar' | 'selesai_bertugas';

/** A person's dates ('YYYY-MM-DD'); any may be unknown (null). */
export interface Tenure {
  /** TMT in this post. */
  start: string | null;
  /** The day the record was created, in the city's zone. */
  registered: string | null;
  /** Last day of service; null while serving. */
  end: string | null;
}

export function tenureOf(
  p: { start_date?: string | null | undefined; end_date?: string | null | undefined; created_at?: Date | undefined },
  offsetMinutes: number,
): Tenure {
  return {
    start: p.start_date ?? null,
    registered: p.created_at ? localDateOf(p.created_at, offsetMinutes) : null,
    end: p.end_date ?? null,
  };
}

/** Whether `date` is counted: before the TMT, before registration, after the end, or in service. */
export function serviceDayState(date: string, t: Tenure): ServiceDayState {
  if (t.start !== null && date < t.start) return 'belum_bertugas';
  if (t.registered !== null && date < t.registered) return 'belum_terdaftar';
  if (t.end !== null && date > t.end) return 'selesai_bertugas';
  return 'bertugas';
}
