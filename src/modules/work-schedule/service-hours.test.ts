import { describe, expect, it } from 'vitest';
import { localInstant, type CalendarEntry } from './schedule.js';
import {
  addServiceMinutes,
  DEFAULT_SERVICE_HOURS,
  formatWeekHours,
  isInServiceHours,
  parseWeekHours,
  serviceMinutesBetween,
  type ServiceTime,
} from './service-hours.js';

const WIB = 420;
const WITA = 480;
const WIT = 540;

// 2026-11-27 is a Friday; 2026-12-24 (Thursday) is cuti bersama and 2026-12-25 Christmas (SKB 3 Menteri 2026).
const CAL: CalendarEntry[] = [
  { kind: 'libur_nasional', start: '2026-12-01', end: '2026-12-01', name: 'Libur uji (Selasa)' },
  { kind: 'cuti_bersama', start: '2026-12-24', end: '2026-12-24', name: 'Cuti bersama Natal' },
  { kind: 'libur_nasional', start: '2026-12-25', end: '2026-12-25', name: 'Hari Raya Natal' },
  { kind: 'ramadan', start: '2027-02-08', end: '2027-03-09', name: 'Ramadan 1448 H' },
];
const time = (offsetMinutes = WIB, calendar = CAL): ServiceTime => ({
  hours: DEFAULT_SERVICE_HOURS,
  calendar,
  offsetMinutes,
});
/** A local wall time 'YYYY-MM-DD HH:MM[:SS]' → the instant. */
const at = (s: string, off = WIB) => {
  const [date, hm] = s.split(' ') as [string, string];
  const sec = hm.length > 5 ? Number(hm.slice(6)) : 0;
  return new Date(localInstant(date, hm.slice(0, 5), off).getTime() + sec * 1000);
};
/** The instant as local wall time 'YYYY-MM-DD HH:MM:SS'. */
const wall = (d: Date, off = WIB) => new Date(d.getTime() + off * 60_000).toISOString().slice(0, 19).replace('T', ' ');
const due = (start: string, minutes: number, off = WIB, cal = CAL) =>
  wall(addServiceMinutes(at(start, off), minutes, time(off, cal)), off);
const between = (a: string, b: string, off = WIB, cal = CAL) =>
  serviceMinutesBetween(at(a, off), at(b, off), time(off, cal));

describe('service minutes and due times (Perpres 21/2023 hours: Mon–Thu 07:30–16:00, Fri 07:30–16:30)', () => {
  it('a budget started Friday 16:20 spends its last 10 Friday minutes, then goes on from Monday 07:30', () => {
    expect(due('2026-11-27 16:20', 25)).toBe('2026-11-30 07:45:00');
    expect(between('2026-11-27 16:20', '2026-11-28 12:00')).toBe(10); // Saturday
    expect(between('2026-11-27 16:20', '2026-11-29 23:59')).toBe(10); // Sunday
    expect(between('2026-11-27 16:20', '2026-11-30 07:45')).toBe(25); // Monday
  });

  it('a stage started after Friday closing counts from Monday 07:30', () => {
    expect(due('2026-11-27 16:40', 25)).toBe('2026-11-30 07:55:00');
    expect(between('2026-11-27 16:40', '2026-11-30 07:45')).toBe(15);
  });

  it('a start before opening counts from opening; after closing, from the next opening', () => {
    expect(due('2026-11-30 06:00', 10)).toBe('2026-11-30 07:40:00');
    expect(due('2026-11-30 17:00', 10)).toBe('2026-12-02 07:40:00'); // Tuesday 1 December is a holiday here
    expect(due('2026-11-26 17:00', 10)).toBe('2026-11-27 07:40:00'); // Thursday evening → Friday
    expect(between('2026-11-30 06:00', '2026-11-30 07:30')).toBe(0);
  });

  it('skips a national holiday', () => {
    expect(due('2026-11-30 15:50', 20)).toBe('2026-12-02 07:40:00');
    expect(between('2026-11-30 15:50', '2026-12-02 07:40')).toBe(20);
  });

  it('skips cuti bersama: a request the evening before is due after it (and after the holiday and the weekend)', () => {
    expect(due('2026-12-23 19:00', 25)).toBe('2026-12-28 07:55:00');
    expect(between('2026-12-23 19:00', '2026-12-27 20:00')).toBe(0);
    // Without the calendar the same start would be due on the cuti bersama day.
    expect(due('2026-12-23 19:00', 25, WIB, [])).toBe('2026-12-24 07:55:00');
  });

  it('uses Ramadan hours on a Ramadan day (Mon–Thu 08:00–15:00)', () => {
    expect(due('2027-02-08 07:45', 10)).toBe('2027-02-08 08:10:00'); // Monday in Ramadan
    expect(due('2027-02-08 14:55', 10)).toBe('2027-02-09 08:05:00');
    expect(between('2027-02-08 07:30', '2027-02-08 16:00')).toBe(7 * 60);
    expect(due('2027-02-01 14:55', 10)).toBe('2027-02-01 15:05:00'); // the Monday before: usual hours
  });

  it('counts fractional minutes (75 % of 25 is 18¾) and is the inverse of the due time', () => {
    expect(due('2026-11-30 08:00', 18.75)).toBe('2026-11-30 08:18:45');
    for (const [start, n] of [
      ['2026-11-27 16:20', 25],
      ['2026-12-23 19:00', 45],
      ['2026-11-30 15:59', 600],
      ['2027-02-05 16:29', 31],
    ] as const) {
      expect(serviceMinutesBetween(at(start), addServiceMinutes(at(start), n, time()), time())).toBe(n);
    }
  });

  it('a budget that ends at closing is due at closing; a zero budget is due at once', () => {
    expect(due('2026-11-30 15:30', 30)).toBe('2026-11-30 16:00:00');
    expect(due('2026-11-28 10:00', 0)).toBe('2026-11-28 10:00:00');
    expect(() => addServiceMinutes(at('2026-11-28 10:00'), -1, time())).toThrow(RangeError);
  });

  it('is zero for an empty or backward interval', () => {
    expect(between('2026-11-30 10:00', '2026-11-30 10:00')).toBe(0);
    expect(between('2026-11-30 11:00', '2026-11-30 10:00')).toBe(0);
  });

  it('knows whether the office is open (opening included, closing excluded)', () => {
    const open = (s: string, off = WIB) => isInServiceHours(at(s, off), time(off));
    expect(open('2026-11-30 07:29:59')).toBe(false);
    expect(open('2026-11-30 07:30')).toBe(true);
    expect(open('2026-11-30 15:59:59')).toBe(true);
    expect(open('2026-11-30 16:00')).toBe(false);
    expect(open('2026-11-27 16:15')).toBe(true); // Friday closes at 16:30
    expect(open('2026-11-28 10:00')).toBe(false); // Saturday
    expect(open('2026-12-01 10:00')).toBe(false); // holiday
    expect(open('2026-12-24 10:00')).toBe(false); // cuti bersama
    expect(open('2027-02-08 15:30')).toBe(false); // Ramadan closes at 15:00
  });

  it('reads local hours in WIB, WITA and WIT (fixed offsets, no daylight saving)', () => {
    for (const off of [WIB, WITA, WIT]) {
      expect(due('2026-11-27 16:20', 25, off)).toBe('2026-11-30 07:45:00');
      expect(isInServiceHours(at('2026-11-30 07:30', off), time(off))).toBe(true);
    }
    // The same instant is 07:30 in WIB, 08:30 in WITA and 09:30 in WIT.
    const instant = at('2026-11-30 07:29', WIB);
    expect(isInServiceHours(instant, time(WIB))).toBe(false);
    expect(isInServiceHours(instant, time(WITA))).toBe(true);
    expect(addServiceMinutes(instant, 1, time(WIT)).toISOString()).toBe('2026-11-30T00:30:00.000Z');
    expect(addServiceMinutes(instant, 1, time(WIB)).toISOString()).toBe('2026-11-30T00:31:00.000Z');
  });

  it('handles windows that cross midnight', () => {
    const night: ServiceTime = {
      hours: { kind: 'tetap', week: { 1: { start: '22:00', end: '06:00' } } },
      calendar: [],
      offsetMinutes: WIB,
    };
    expect(isInServiceHours(at('2026-12-01 02:00'), night)).toBe(true); // Tuesday 02:00, Monday's window
    expect(wall(addServiceMinutes(at('2026-11-30 12:00'), 7 * 60, night))).toBe('2026-12-01 05:00:00');
    expect(wall(addServiceMinutes(at('2026-11-30 12:00'), 9 * 60, night))).toBe('2026-12-07 23:00:00');
    expect(serviceMinutesBetween(at('2026-11-30 23:00'), at('2026-12-01 01:00'), night)).toBe(120);
  });
});

describe('service hours from configuration text', () => {
  it('reads day ranges and single days, and writes them back', () => {
    const r = parseWeekHours('1-4 07:30-16:00, 5 07:30-16:30');
    expect(r).toEqual({ ok: true, week: DEFAULT_SERVICE_HOURS.week });
    expect(formatWeekHours(DEFAULT_SERVICE_HOURS.week)).toBe('1-4 07:30-16:00, 5 07:30-16:30');
    expect(formatWeekHours(DEFAULT_SERVICE_HOURS.ramadan!)).toBe('1-4 08:00-15:00, 5 08:00-15:30');
    expect(parseWeekHours(' 6  08:00-12:00 ')).toEqual({ ok: true, week: { 6: { start: '08:00', end: '12:00' } } });
  });
  it('says what is wrong', () => {
    for (const bad of [
      '',
      'Senin 07:30-16:00',
      '1-4 7:30-16:00',
      '4-1 07:30-16:00',
      '1 07:30-07:30',
      '1 25:00-26:00',
    ]) {
      const r = parseWeekHours(bad);
      expect(r.ok, bad).toBe(false);
    }
    expect(parseWeekHours('1-4 07:30-16:00, 4 08:00-12:00')).toEqual({
      ok: false,
      problem: 'hari 4 disebut lebih dari sekali',
    });
  });
});
