import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SERVICE_HOURS,
  serviceMillisBetween,
  type CalendarEntry,
  type ServiceTime,
} from '../work-schedule/index.js';
import { dueInstant, thresholdsOwed } from './deadlines-rules.js';

const WIB = 420;
const wib = (day: string, time: string) => new Date(`${day}T${time}:00+07:00`);
const time = (calendar: CalendarEntry[] = []): ServiceTime => ({
  hours: DEFAULT_SERVICE_HOURS,
  calendar,
  offsetMinutes: WIB,
});
const holiday = (day: string): CalendarEntry => ({ kind: 'libur_nasional', start: day, end: day, name: 'Libur' });

/** The state of a disposition created at `created`, due `due`, seen at `now`, counted on `t` (the SLA engine's rule). */
function at(created: Date, due: string, now: Date, t: ServiceTime, sent = { warned: false, escalated: false }) {
  const dueAt = dueInstant(due, WIB);
  return thresholdsOwed({
    budgetMs: serviceMillisBetween(created, dueAt, t),
    countedMs: serviceMillisBetween(created, now, t),
    now,
    dueAt,
    ...sent,
  });
}

describe('disposition deadline thresholds (working hours)', () => {
  // Mon 7 Dec 2026 07:30 WIB, due Tue 8 Dec: 8.5 h + 8.5 h = 17 h; 75 % = 12.75 h → Tue 11:45.
  const created = wib('2026-12-07', '07:30');

  it('due date is the end of its local day', () => {
    expect(dueInstant('2026-12-08', WIB).toISOString()).toBe('2026-12-08T17:00:00.000Z');
  });

  it('nothing before 75 % of the working time, a warning after, escalation once the due date has passed', () => {
    expect(at(created, '2026-12-08', wib('2026-12-08', '11:44'), time())).toEqual([]);
    expect(at(created, '2026-12-08', wib('2026-12-08', '11:46'), time())).toEqual(['warn']);
    expect(at(created, '2026-12-08', wib('2026-12-08', '23:59'), time())).toEqual(['warn']);
    expect(at(created, '2026-12-08', wib('2026-12-09', '00:01'), time())).toEqual(['warn', 'overdue']);
  });

  it('a threshold already sent is not owed again', () => {
    const late = wib('2026-12-09', '08:00');
    expect(at(created, '2026-12-08', late, time(), { warned: true, escalated: false })).toEqual(['overdue']);
    expect(at(created, '2026-12-08', late, time(), { warned: true, escalated: true })).toEqual([]);
  });

  it('evenings count nothing: 75 % of a day-long budget falls inside office hours', () => {
    // Due the same Monday: 8.5 h; 75 % = 6.375 h → 13:52:30.
    expect(at(created, '2026-12-07', wib('2026-12-07', '13:52'), time())).toEqual([]);
    expect(at(created, '2026-12-07', wib('2026-12-07', '13:53'), time())).toEqual(['warn']);
  });

  it('a weekend is counted out', () => {
    // Fri 11 Dec 07:30, due Mon 14 Dec: 9 h + 8.5 h = 17.5 h; 75 % = 13.125 h → Mon 11:37:30.
    const fri = wib('2026-12-11', '07:30');
    expect(at(fri, '2026-12-14', wib('2026-12-13', '23:00'), time())).toEqual([]);
    expect(at(fri, '2026-12-14', wib('2026-12-14', '11:37'), time())).toEqual([]);
    expect(at(fri, '2026-12-14', wib('2026-12-14', '11:38'), time())).toEqual(['warn']);
  });

  it('a national holiday is counted out', () => {
    // Tuesday a holiday: the budget is Monday's 8.5 h only; 75 % → Mon 13:52:30 (without it: Tue 11:45).
    const t = time([holiday('2026-12-08')]);
    expect(at(created, '2026-12-08', wib('2026-12-07', '13:53'), t)).toEqual(['warn']);
    expect(at(created, '2026-12-08', wib('2026-12-07', '13:53'), time())).toEqual([]);
  });

  it('a due date on a holiday: the budget ends with the last working day before it, overdue after the holiday', () => {
    // Thu 24 Dec 07:30, due Fri 25 Dec (Christmas): budget Thursday's 8.5 h; 75 % → Thu 13:52:30.
    const t = time([holiday('2026-12-25')]);
    const thu = wib('2026-12-24', '07:30');
    expect(at(thu, '2026-12-25', wib('2026-12-24', '13:52'), t)).toEqual([]);
    expect(at(thu, '2026-12-25', wib('2026-12-24', '13:53'), t)).toEqual(['warn']);
    expect(at(thu, '2026-12-25', wib('2026-12-25', '23:59'), t, { warned: true, escalated: false })).toEqual([]);
    expect(at(thu, '2026-12-25', wib('2026-12-26', '00:00'), t, { warned: true, escalated: false })).toEqual([
      'overdue',
    ]);
  });

  it('no working time at all in the budget: warned only when overdue', () => {
    // Disposed on Saturday 12 Dec, due that Saturday.
    const sat = wib('2026-12-12', '09:00');
    expect(at(sat, '2026-12-12', wib('2026-12-12', '20:00'), time())).toEqual([]);
    expect(at(sat, '2026-12-12', wib('2026-12-13', '00:00'), time())).toEqual(['warn', 'overdue']);
  });
});
