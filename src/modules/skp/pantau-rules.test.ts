import { describe, expect, it } from 'vitest';
import type { CalendarEntry } from '../work-schedule/index.js';
import { lateCutoff, weekStart, workingDaysSince, workingDaysThisWeek } from './pantau-rules.js';

// Thursday 2026-12-03; Friday 2026-12-25 is Christmas (libur nasional), 2026-12-24 cuti bersama.
const cal: CalendarEntry[] = [
  { kind: 'libur_nasional', start: '2026-12-25', end: '2026-12-25', name: 'Natal' },
  { kind: 'cuti_bersama', start: '2026-12-24', end: '2026-12-24', name: 'Cuti bersama Natal' },
];

describe('the week and its working days', () => {
  it('starts on Monday', () => {
    expect(weekStart('2026-12-03')).toBe('2026-11-30');
    expect(weekStart('2026-11-30')).toBe('2026-11-30');
    expect(weekStart('2026-12-06')).toBe('2026-11-30');
  });
  it('counts the working days so far, holidays and weekends left out', () => {
    expect(workingDaysThisWeek('2026-12-03', cal)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03']);
    expect(workingDaysThisWeek('2026-12-06', cal)).toHaveLength(5);
    expect(workingDaysThisWeek('2026-12-25', cal)).toEqual(['2026-12-21', '2026-12-22', '2026-12-23']);
  });
});

describe('waiting in working days', () => {
  it('counts the working days after the day of submission', () => {
    expect(workingDaysSince('2026-12-03', '2026-12-03', cal)).toBe(0);
    // Friday → Monday: one working day (the weekend does not count).
    expect(workingDaysSince('2026-12-04', '2026-12-07', cal)).toBe(1);
    // Over Christmas: 23rd → 28th is the 28th only.
    expect(workingDaysSince('2026-12-23', '2026-12-28', cal)).toBe(1);
  });
  it('the cutoff agrees with the count: before it, more than n working days', () => {
    for (const today of ['2026-12-03', '2026-12-07', '2026-12-28', '2026-12-26'])
      for (const n of [0, 1, 3, 5]) {
        const cut = lateCutoff(today, n, cal);
        for (let back = 0; back < 20; back++) {
          const day = new Date(Date.parse(`${today}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
          expect(day < cut, `${today} n=${n} ${day}`).toBe(workingDaysSince(day, today, cal) > n);
        }
      }
  });
});
