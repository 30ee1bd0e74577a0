import { describe, expect, it } from 'vitest';
import { serviceDayState, tenureOf } from './tenure.js';

const WIB = 420;

describe('tenure: days counted from the start of service (TMT) and registration to the end of service', () => {
  it('a person registered today is not counted yesterday (created day in the city zone)', () => {
    // 2 December 2026, 00:30 WIB = 1 December 17:30 UTC: the created day is the 2nd in Probolinggo.
    const t = tenureOf({ start_date: null, end_date: null, created_at: new Date('2026-12-01T17:30:00Z') }, WIB);
    expect(t).toEqual({ start: null, registered: '2026-12-02', end: null });
    expect(serviceDayState('2026-12-01', t)).toBe('belum_terdaftar');
    expect(serviceDayState('2026-12-02', t)).toBe('bertugas');
    expect(serviceDayState('2030-01-01', t)).toBe('bertugas');
  });
  it('an old TMT does not make the days before registration absences', () => {
    const t = tenureOf({ start_date: '2015-01-02', created_at: new Date('2026-12-02T03:00:00Z') }, WIB);
    expect(serviceDayState('2015-01-01', t)).toBe('belum_bertugas');
    expect(serviceDayState('2026-12-01', t)).toBe('belum_terdaftar');
    expect(serviceDayState('2026-12-02', t)).toBe('bertugas');
  });
  it('a TMT after registration: the days in between are "belum bertugas"', () => {
    const t = tenureOf({ start_date: '2027-01-04', created_at: new Date('2026-12-02T03:00:00Z') }, WIB);
    expect(serviceDayState('2027-01-03', t)).toBe('belum_bertugas');
    expect(serviceDayState('2027-01-04', t)).toBe('bertugas');
  });
  it('the end date is the last day counted; the day after is "selesai bertugas"', () => {
    const t = tenureOf({ start_date: '2020-01-02', end_date: '2026-11-30' }, WIB);
    expect(serviceDayState('2026-11-30', t)).toBe('bertugas');
    expect(serviceDayState('2026-12-01', t)).toBe('selesai_bertugas');
  });
  it('nothing known: every day counts', () => {
    const t = tenureOf({}, WIB);
    expect(serviceDayState('1999-01-01', t)).toBe('bertugas');
  });
});
