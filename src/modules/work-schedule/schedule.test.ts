import { describe, expect, it } from 'vitest';
import {
  addDays,
  countWorkingDays,
  DEFAULT_SCHEDULE,
  localDateOf,
  localInstant,
  planDay,
  SCHEDULE_ERRORS as E,
  validateSchedule,
  weekdayOf,
  type CalendarEntry,
  type PlannedDay,
  type Schedule,
  type ShiftSchedule,
} from './schedule.js';

const WIB = 420;
const WITA = 480;
const WIT = 540;

// A test calendar shaped like 2026's (2026-04-06 is a Monday).
const CAL: CalendarEntry[] = [
  { kind: 'ramadan', start: '2026-02-19', end: '2026-03-19', name: 'Ramadan 1447 H' },
  { kind: 'libur_nasional', start: '2026-03-19', end: '2026-03-19', name: 'Hari Suci Nyepi' },
  { kind: 'libur_nasional', start: '2026-03-20', end: '2026-03-21', name: 'Idul Fitri 1447 H' },
  { kind: 'cuti_bersama', start: '2026-03-23', end: '2026-03-24', name: 'Cuti bersama Idul Fitri' },
  { kind: 'libur_nasional', start: '2026-05-01', end: '2026-05-01', name: 'Hari Buruh' },
];

/** Local wall time of an instant, 'YYYY-MM-DD HH:MM'. */
const wall = (d: Date, off = WIB) => new Date(d.getTime() + off * 60_000).toISOString().slice(0, 16).replace('T', ' ');
/** A planned day in a compact readable form. */
const show = (p: PlannedDay, off = WIB) => {
  if (!p.work) return p.name ? `${p.reason}: ${p.name}` : p.reason;
  const nextDay = wall(p.end, off).slice(0, 10) !== p.date ? ' (+1)' : '';
  return `${wall(p.start, off)}–${wall(p.end, off).slice(11)}${nextDay}${p.shift ? ` ${p.shift}` : ''}${p.ramadan ? ' ramadan' : ''}`;
};

const SHIFTS: ShiftSchedule = {
  kind: 'shift',
  shifts: {
    P: { start: '07:00', end: '14:00' },
    S: { start: '14:00', end: '21:00' },
    M: { start: '21:00', end: '07:00' },
  },
  pattern: ['P', 'P', 'S', 'S', 'M', 'M', null, null],
  anchor: '2026-04-01',
  worksHolidays: true,
};

describe('dates and instants', () => {
  it.each([
    ['2026-04-06', 1],
    ['2026-04-10', 5],
    ['2026-04-11', 6],
    ['2026-04-12', 7],
    ['1970-01-01', 4],
    ['1969-12-31', 3],
    ['2024-02-29', 4],
  ] as const)('weekdayOf(%s) = %i', (date, wd) => expect(weekdayOf(date)).toBe(wd));

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-04-06', 0, '2026-04-06'],
    ['2026-04-06', -400, '2025-03-02'],
  ] as const)('addDays(%s, %i) = %s', (date, n, out) => expect(addDays(date, n)).toBe(out));

  it('converts local wall time to UTC and back, per zone', () => {
    expect(localInstant('2026-04-06', '07:30', WIB).toISOString()).toBe('2026-04-06T00:30:00.000Z');
    expect(localInstant('2026-04-06', '07:30', WITA).toISOString()).toBe('2026-04-05T23:30:00.000Z');
    expect(localInstant('2026-04-06', '07:30', WIT).toISOString()).toBe('2026-04-05T22:30:00.000Z');
    expect(localInstant('2026-01-01', '00:00', WIB).toISOString()).toBe('2025-12-31T17:00:00.000Z');
  });

  it('places instants around local midnight on the right day', () => {
    expect(localDateOf(new Date('2026-04-05T16:59:59.999Z'), WIB)).toBe('2026-04-05');
    expect(localDateOf(new Date('2026-04-05T17:00:00.000Z'), WIB)).toBe('2026-04-06');
    expect(localDateOf(new Date('2026-04-05T15:00:00.000Z'), WIT)).toBe('2026-04-06');
    expect(localDateOf(new Date('2026-12-31T16:30:00.000Z'), WITA)).toBe('2027-01-01');
    expect(localDateOf(new Date('2026-12-31T16:30:00.000Z'), WIB)).toBe('2026-12-31');
  });

  it.each([WIB, WITA, WIT])('round-trips every time around midnight at offset %i', (off) => {
    for (const date of ['2026-04-06', '2026-12-31', '2024-02-29']) {
      for (const time of ['23:59', '00:00', '00:01', '06:59', '07:00', '17:00']) {
        const t = localInstant(date, time, off);
        expect(localDateOf(t, off)).toBe(date);
        expect(wall(t, off)).toBe(`${date} ${time}`);
        expect(localDateOf(new Date(t.getTime() - 60_000), off)).toBe(time === '00:00' ? addDays(date, -1) : date);
      }
    }
  });

  it('refuses malformed dates, times and offsets', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => weekdayOf('6 April 2026')).toThrow(RangeError);
    expect(() => localInstant('2026-04-06', '24:00', WIB)).toThrow(RangeError);
    expect(() => localInstant('2026-04-06', '7:30', WIB)).toThrow(RangeError);
    expect(() => localInstant('2026-04-06', '07:30', 420.5)).toThrow(RangeError);
    expect(() => localInstant('2026-04-06', '07:30', 15 * 60)).toThrow(RangeError);
    expect(() => localDateOf(new Date('nope'), WIB)).toThrow(RangeError);
    expect(() => planDay('2026-13-01', DEFAULT_SCHEDULE, CAL, WIB)).toThrow(RangeError);
  });
});

describe('planDay with the default fixed schedule', () => {
  it.each([
    ['2026-04-06', '2026-04-06 07:30–16:00'], // Monday
    ['2026-04-09', '2026-04-09 07:30–16:00'], // Thursday
    ['2026-04-10', '2026-04-10 07:30–16:30'], // Friday: a longer break for Friday prayers
    ['2026-04-11', 'akhir_pekan'],
    ['2026-04-12', 'akhir_pekan'],
    ['2026-03-19', 'libur_nasional: Hari Suci Nyepi'], // also the last day of Ramadan: the holiday wins
    ['2026-03-20', 'libur_nasional: Idul Fitri 1447 H'],
    ['2026-03-21', 'libur_nasional: Idul Fitri 1447 H'], // a Saturday: the holiday's name says more than "weekend"
    ['2026-03-23', 'cuti_bersama: Cuti bersama Idul Fitri'],
    ['2026-03-24', 'cuti_bersama: Cuti bersama Idul Fitri'],
    ['2026-03-25', '2026-03-25 07:30–16:00'], // Ramadan over
    ['2026-05-01', 'libur_nasional: Hari Buruh'],
    ['2026-03-02', '2026-03-02 08:00–15:00 ramadan'],
    ['2026-03-06', '2026-03-06 08:00–15:30 ramadan'],
    ['2026-02-18', '2026-02-18 07:30–16:00'], // the day before Ramadan
    ['2026-02-19', '2026-02-19 08:00–15:00 ramadan'],
  ])('%s → %s', (date, expected) => {
    expect(show(planDay(date, DEFAULT_SCHEDULE, CAL, WIB))).toBe(expected);
  });

  it('gives UTC instants for the local hours of the zone', () => {
    const p = planDay('2026-04-10', DEFAULT_SCHEDULE, CAL, WITA);
    expect(p.work && [p.start.toISOString(), p.end.toISOString()]).toEqual([
      '2026-04-09T23:30:00.000Z',
      '2026-04-10T08:30:00.000Z',
    ]);
  });

  it('uses the usual hours in Ramadan when a weekday has no Ramadan hours', () => {
    const noRamadan: Schedule = { kind: 'tetap', week: DEFAULT_SCHEDULE.week };
    const fridayOnly: Schedule = { ...noRamadan, ramadan: { 5: { start: '08:00', end: '15:30' } } };
    expect(show(planDay('2026-03-02', noRamadan, CAL, WIB))).toBe('2026-03-02 07:30–16:00');
    expect(show(planDay('2026-03-02', fridayOnly, CAL, WIB))).toBe('2026-03-02 07:30–16:00');
    expect(show(planDay('2026-03-06', fridayOnly, CAL, WIB))).toBe('2026-03-06 08:00–15:30 ramadan');
  });

  it('lets a fixed schedule work on Saturday and cross midnight', () => {
    const s: Schedule = { kind: 'tetap', week: { 6: { start: '22:00', end: '06:00' } } };
    expect(show(planDay('2026-04-11', s, CAL, WIB))).toBe('2026-04-11 22:00–06:00 (+1)');
    expect(show(planDay('2026-04-10', s, CAL, WIB))).toBe('akhir_pekan');
  });
});

describe('planDay with a shift pattern', () => {
  // Group offsets A=0, B=2, C=4, D=6 over the 8-day cycle P P S S M M – –.
  const week = (offset: number, from = '2026-04-01') =>
    Array.from({ length: 8 }, (_, i) => {
      const p = planDay(addDays(from, i), SHIFTS, CAL, WIB, offset);
      return p.work ? p.shift : '-';
    }).join(' ');

  it.each([
    [0, 'P P S S M M - -'],
    [2, 'S S M M - - P P'],
    [4, 'M M - - P P S S'],
    [6, '- - P P S S M M'],
    [8, 'P P S S M M - -'], // a full cycle
    [-2, '- - P P S S M M'], // negative offsets wrap like D
  ])('offset %i gives %s from the anchor', (offset, expected) => expect(week(offset)).toBe(expected));

  it('rotates before the anchor too', () => {
    expect(week(0, '2026-03-24')).toBe('P P S S M M - -');
    expect(planDay('2026-03-31', SHIFTS, CAL, WIB).work).toBe(false);
    expect(planDay('2026-03-31', SHIFTS, CAL, WIB)).toMatchObject({ reason: 'libur_shift', name: null });
  });

  it('ends a night shift on the next day', () => {
    const p = planDay('2026-04-05', SHIFTS, CAL, WIB); // M
    expect(show(p)).toBe('2026-04-05 21:00–07:00 (+1) M');
    expect(p.work && wall(p.end)).toBe('2026-04-06 07:00');
    expect(p.work && p.end.getTime() - p.start.getTime()).toBe(10 * 3_600_000);
  });

  it('reads end = start as 24 hours (validateSchedule refuses it; see the report)', () => {
    const p = planDay(
      '2026-04-06',
      { ...SHIFTS, shifts: { H: { start: '08:00', end: '08:00' } }, pattern: ['H'] },
      CAL,
      WIB,
    );
    expect(show(p)).toBe('2026-04-06 08:00–08:00 (+1) H');
  });

  it('ignores holidays for 24-hour units and keeps them off otherwise', () => {
    const onHoliday = { ...SHIFTS, anchor: '2026-05-01' }; // P on Hari Buruh
    expect(show(planDay('2026-05-01', onHoliday, CAL, WIB))).toBe('2026-05-01 07:00–14:00 P');
    expect(show(planDay('2026-03-02', onHoliday, CAL, WIB))).toBe('2026-03-02 21:00–07:00 (+1) M'); // in Ramadan: shifts keep their hours
    expect(show(planDay('2026-05-01', { ...onHoliday, worksHolidays: false }, CAL, WIB))).toBe(
      'libur_nasional: Hari Buruh',
    );
  });
});

describe('countWorkingDays', () => {
  it.each([
    ['2026-04-06', '2026-04-12', 5], // a plain week
    ['2026-04-10', '2026-04-13', 2], // Friday over the weekend to Monday
    ['2026-03-16', '2026-03-27', 6], // Nyepi, Idul Fitri on Fri–Sat, a weekend, two cuti bersama days
    ['2026-04-30', '2026-05-04', 2], // Thursday, Hari Buruh, weekend, Monday
    ['2026-04-11', '2026-04-12', 0],
    ['2026-04-06', '2026-04-06', 1],
    ['2026-04-07', '2026-04-06', 0], // end before start
  ])('%s to %s: %i days', (start, end, n) => expect(countWorkingDays(start, end, DEFAULT_SCHEDULE, CAL, WIB)).toBe(n));

  it('counts the shift days of the person', () => {
    expect(countWorkingDays('2026-04-01', '2026-04-16', SHIFTS, CAL, WIB)).toBe(12);
    expect(countWorkingDays('2026-04-01', '2026-04-02', SHIFTS, CAL, WIB, 6)).toBe(0);
    expect(
      countWorkingDays('2026-04-30', '2026-05-01', { ...SHIFTS, anchor: '2026-04-30', worksHolidays: false }, CAL, WIB),
    ).toBe(1);
  });
});

describe('validateSchedule', () => {
  it('accepts the default and a shift schedule, also after a JSON round trip', () => {
    for (const s of [DEFAULT_SCHEDULE, SHIFTS]) {
      expect(validateSchedule(s)).toEqual({ ok: true, schedule: s });
      expect(validateSchedule(JSON.parse(JSON.stringify(s)))).toEqual({ ok: true, schedule: s });
    }
  });

  it('returns a clean copy: unknown properties dropped, days off written null left out', () => {
    const r = validateSchedule({
      kind: 'tetap',
      week: { 1: { start: '07:30', end: '16:00', note: 'x' }, 6: null },
      owner: 'x',
    });
    expect(r).toEqual({ ok: true, schedule: { kind: 'tetap', week: { 1: { start: '07:30', end: '16:00' } } } });
  });

  const fixed = (patch: object) => ({ ...DEFAULT_SCHEDULE, ...patch });
  const shift = (patch: object) => ({ ...SHIFTS, ...patch });
  const manyShifts = Object.fromEntries(
    Array.from({ length: 11 }, (_, i) => [`S${i}`, { start: '07:00', end: '14:00' }]),
  );

  it.each([
    ['null', null, [E.notObject]],
    ['a string', 'tetap', [E.notObject]],
    ['a number', 42, [E.notObject]],
    ['an array', [DEFAULT_SCHEDULE], [E.notObject]],
    ['no kind', { week: DEFAULT_SCHEDULE.week }, [E.kind]],
    ['an unknown kind', fixed({ kind: 'fleksibel' }), [E.kind]],
    ['no week', { kind: 'tetap' }, [E.week]],
    ['weekday 8', fixed({ week: { 8: { start: '07:30', end: '16:00' } } }), [E.week]],
    ['weekday "Senin"', fixed({ week: { Senin: { start: '07:30', end: '16:00' } } }), [E.week]],
    ['25:00', fixed({ week: { 1: { start: '07:30', end: '25:00' } } }), [E.time]],
    ['7:30', fixed({ week: { 1: { start: '7:30', end: '16:00' } } }), [E.time]],
    ['07:60', fixed({ week: { 1: { start: '07:60', end: '16:00' } } }), [E.time]],
    ['a missing end', fixed({ week: { 1: { start: '07:30' } } }), [E.time]],
    ['hours as a string', fixed({ week: { 1: '07:30-16:00' } }), [E.time]],
    ['start = end', fixed({ week: { 1: { start: '07:30', end: '07:30' } } }), [E.sameTime]],
    ['no working day', fixed({ week: {}, ramadan: undefined }), [E.noWorkDay]],
    ['bad Ramadan hours', fixed({ ramadan: { 5: { start: '08:00', end: '24:30' } } }), [E.time]],
    ['Ramadan as a list', fixed({ ramadan: [] }), [E.ramadan]],
    ['no shifts', shift({ shifts: undefined }), [E.shifts, E.patternUnknownShift]],
    ['shifts empty', shift({ shifts: {}, pattern: [null] }), [E.shifts, E.noWorkDay]],
    ['11 shifts', shift({ shifts: manyShifts, pattern: ['S1'] }), [E.tooManyShifts]],
    [
      'a lower-case code',
      shift({ shifts: { pagi: { start: '07:00', end: '14:00' } }, pattern: ['pagi'] }),
      [E.shiftCode],
    ],
    [
      'a five-letter code',
      shift({ shifts: { PAGIX: { start: '07:00', end: '14:00' } }, pattern: ['PAGIX'] }),
      [E.shiftCode],
    ],
    ['an unknown shift code', shift({ pattern: ['P', 'X'] }), [E.patternUnknownShift]],
    ['a number in the pattern', shift({ pattern: ['P', 1] }), [E.patternUnknownShift]],
    ['an inherited name in the pattern', shift({ pattern: ['toString'] }), [E.patternUnknownShift]],
    ['an empty pattern', shift({ pattern: [] }), [E.pattern]],
    ['no pattern', shift({ pattern: 'PPSSMM' }), [E.pattern]],
    ['32 pattern entries', shift({ pattern: Array.from({ length: 32 }, () => 'P') }), [E.patternTooLong]],
    ['only days off', shift({ pattern: [null, null] }), [E.noWorkDay]],
    ['an impossible anchor', shift({ anchor: '2026-02-30' }), [E.anchor]],
    ['no anchor', shift({ anchor: undefined }), [E.anchor]],
    ['worksHolidays missing', shift({ worksHolidays: undefined }), [E.worksHolidays]],
    ['worksHolidays as text', shift({ worksHolidays: 'ya' }), [E.worksHolidays]],
    [
      'several faults at once',
      shift({ anchor: 'x', worksHolidays: 1, pattern: ['Q'] }),
      [E.patternUnknownShift, E.anchor, E.worksHolidays],
    ],
  ])('rejects %s', (_, input, errors) => {
    expect(validateSchedule(input)).toEqual({ ok: false, errors });
  });

  it('uses message keys in the presensi.err namespace', () => {
    for (const key of Object.values(E)) expect(key).toMatch(/^presensi\.err\.schedule_[a-z_]+$/);
  });
});
