// Due-date thresholds of a disposition (issue 15 item 4), pure. A disposition's budget is the working time from
// its creation to the end of its due date (the due date is a day: the budget runs out at local midnight after it),
// counted by the SLA engine of layanan warga on service hours and the city's working calendar (national holidays
// and cuti bersama per SKB 3 Menteri are closed days). The recipient is warned once WARN_FRACTION of that budget
// has been counted — the same 75 % as the layanan warga stages; when the due date has passed the disposition is
// overdue and escalates to whoever disposed it. The caller counts (service-requests' ServiceTimes.countedMillis);
// these rules only compare.
import { addDays, localInstant } from '../work-schedule/index.js';

/** The share of the working-time budget at which the recipient is warned (as the layanan warga stage clocks). */
export const DISPOSITION_WARN_FRACTION = 0.75;

export type Threshold = 'warn' | 'overdue';

/** The instant a due date runs out: the start of the next local day. */
export const dueInstant = (dueDate: string, offsetMinutes: number) =>
  localInstant(addDays(dueDate, 1), '00:00', offsetMinutes);

export interface DeadlineState {
  /** Working milliseconds from creation to the due instant. */
  budgetMs: number;
  /** Working milliseconds from creation to now. */
  countedMs: number;
  now: Date;
  dueAt: Date;
  warned: boolean;
  escalated: boolean;
}

/**
 * The thresholds crossed at `now` that are still owed, in order. Overdue is by the calendar (the due date has
 * passed, as the /surat counters say); the warning by working time. A budget with no working time in it (disposed
 * on a holiday, due the same day) warns only when overdue. A disposition found overdue before any warning gets
 * both: the recipient still hears of it.
 */
export function thresholdsOwed(s: DeadlineState): Threshold[] {
  const overdue = s.now.getTime() >= s.dueAt.getTime();
  const warn = overdue || (s.budgetMs > 0 && s.countedMs >= s.budgetMs * DISPOSITION_WARN_FRACTION);
  const out: Threshold[] = [];
  if (warn && !s.warned) out.push('warn');
  if (overdue && !s.escalated) out.push('overdue');
  return out;
}
