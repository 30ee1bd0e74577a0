import { describe, expect, it } from 'vitest';
import {
  ABSENCE_TYPES,
  computeDayStatus,
  DEFAULT_RULES,
  leaveBalance,
  summarizeMonth,
  type ApprovedAbsence,
  type AttendanceRules,
  type DayStatus,
  type Punch,
} from './rules.js';
import {
  addDays,
  DEFAULT_SCHEDULE,
  localInstant,
  planDay,
  type PlannedDay,
  type ShiftSchedule,
} from '../work-schedule/schedule.js';

const WIB = 420;
const WITA = 480;
const WIT = 540;
const MON = '2026-04-06'; // Monday 07:30–16:00 WIB; the check-out window closes at 22:00
const FRI = '2026-04-10'; // Friday 07:30–16:30
const SAT = '2026-04-11';
const TUE = addDays(MON, 1);

const at = (date: string, time: string, off = WIB) => localInstant(date, time, off);
const plus = (d: Date, minutes: number, seconds = 0) => new Date(d.getTime() + minutes * 60_000 + seconds * 1000);
const masuk = (a: Date): Punch => ({ kind: 'masuk', at: a });
const pulang = (a: Date): Punch => ({ kind: 'pulang', at: a });
const plan = (date = MON, off = WIB) => planDay(date, DEFAULT_SCHEDULE, [], off);

function day(
  punches: Punch[],
  o: {
    plan?: PlannedDay;
    now?: Date;
    absences?: ApprovedAbsence[];
    rules?: AttendanceRules;
    offsetMinutes?: number;
  } = {},
): DayStatus {
  const p = o.plan ?? plan();
  return computeDayStatus({
    plan: p,
    punches,
    absences: o.absences ?? [],
    rules: o.rules ?? DEFAULT_RULES,
    now: o.now ?? at(addDays(p.date, 2), '00:00'),
    ...(o.offsetMinutes === undefined ? {} : { offsetMinutes: o.offsetMinutes }),
  });
}
/** The figures a table row compares. */
const brief = (d: DayStatus) => [d.status, d.lateMinutes, d.lateBand, d.earlyMinutes, d.earlyBand, d.cutPercent];

describe('computeDayStatus: a normal day', () => {
  it.each([
    ['on time', '07:25', '16:05', ['hadir', 0, null, 0, null, 0]],
    ['to the minute', '07:30', '16:00', ['hadir', 0, null, 0, null, 0]],
    ['late and early', '08:45', '15:10', ['terlambat_pulang_cepat', 75, 'TL3', 50, 'PSW2', 2.25]],
    ['late only', '09:15', '16:30', ['terlambat', 105, 'TL4', 0, null, 1.5]],
    ['early only', '07:00', '14:00', ['pulang_cepat', 0, null, 120, 'PSW4', 1.5]],
  ])('%s (%s–%s)', (_, inAt, outAt, expected) => {
    expect(brief(day([masuk(at(MON, inAt)), pulang(at(MON, outAt))]))).toEqual(expected);
  });

  it('ends Friday at 16:30', () => {
    const fri = plan(FRI);
    expect(brief(day([masuk(at(FRI, '07:30')), pulang(at(FRI, '16:10'))], { plan: fri }))).toEqual([
      'pulang_cepat',
      0,
      null,
      20,
      'PSW1',
      0.5,
    ]);
    expect(day([masuk(at(FRI, '07:30')), pulang(at(FRI, '16:30'))], { plan: fri }).status).toBe('hadir');
  });

  it('takes the earliest masuk and the latest pulang inside the windows', () => {
    const d = day([
      masuk(at(MON, '05:29')), // 121 minutes before start: belongs to no day
      masuk(at(MON, '07:40')),
      masuk(at(MON, '07:35')),
      pulang(at(MON, '12:00')),
      pulang(at(MON, '16:20')),
      pulang(at(MON, '22:01')), // after the check-out window
      masuk(at(TUE, '07:10')), // tomorrow
    ]);
    expect([d.checkIn, d.checkOut]).toEqual([at(MON, '07:35'), at(MON, '16:20')]);
    expect(brief(d)).toEqual(['terlambat', 5, 'TL1', 0, null, 0.5]);
  });

  it('includes both window edges', () => {
    const d = day([masuk(at(MON, '05:30')), pulang(at(MON, '22:00'))]);
    expect([d.checkIn, d.checkOut, d.status]).toEqual([at(MON, '05:30'), at(MON, '22:00'), 'hadir']);
  });

  it('does not take a masuk at or after the end as the check-in', () => {
    const d = day([masuk(at(MON, '16:00')), pulang(at(MON, '16:05'))]);
    expect([d.checkIn, d.status, d.lateBand]).toEqual([null, 'terlambat', 'TL4']);
  });

  it('ignores a pulang taken before the masuk', () => {
    const d = day([pulang(at(MON, '07:00')), masuk(at(MON, '07:20'))]);
    expect([d.checkOut, d.status, d.earlyBand]).toEqual([null, 'pulang_cepat', 'PSW4']);
  });
});

describe('computeDayStatus: band boundaries', () => {
  const start = at(MON, '07:30');
  const end = at(MON, '16:00');
  it.each([
    // minutes, grace, late minutes, band, cut
    [0, 0, 0, null, 0],
    [1, 0, 1, 'TL1', 0.5],
    [30, 0, 30, 'TL1', 0.5],
    [31, 0, 31, 'TL2', 1],
    [60, 0, 60, 'TL2', 1],
    [61, 0, 61, 'TL3', 1.25],
    [90, 0, 90, 'TL3', 1.25],
    [91, 0, 91, 'TL4', 1.5],
    [1, 5, 0, null, 0],
    [5, 5, 0, null, 0],
    [6, 5, 6, 'TL1', 0.5],
    [31, 5, 31, 'TL2', 1],
  ])('masuk %i min after start, grace %i → %i late, %s', (m, grace, lateMinutes, band, cut) => {
    const d = day([masuk(plus(start, m, 59)), pulang(end)], { rules: { ...DEFAULT_RULES, graceMinutes: grace } });
    expect([d.lateMinutes, d.lateBand, d.cutPercent, d.status]).toEqual([
      lateMinutes,
      band,
      cut,
      band ? 'terlambat' : 'hadir',
    ]);
  });

  it.each([
    [0, 0, null, 0],
    [1, 1, 'PSW1', 0.5],
    [30, 30, 'PSW1', 0.5],
    [31, 31, 'PSW2', 1],
    [60, 60, 'PSW2', 1],
    [61, 61, 'PSW3', 1.25],
    [90, 90, 'PSW3', 1.25],
    [91, 91, 'PSW4', 1.5],
  ])('pulang %i min before end → %i early, %s', (m, earlyMinutes, band, cut) => {
    // Grace is for lateness only; seconds short of a whole minute do not count.
    const d = day([masuk(start), pulang(plus(end, -m, m ? 0 : -59))], {
      rules: { ...DEFAULT_RULES, graceMinutes: 15 },
    });
    expect([d.earlyMinutes, d.earlyBand, d.cutPercent, d.status]).toEqual([
      earlyMinutes,
      band,
      cut,
      band ? 'pulang_cepat' : 'hadir',
    ]);
  });
});

describe('computeDayStatus: missing records and the clock', () => {
  it('counts a pulang without masuk as the missing-check-in band at once', () => {
    const d = day([pulang(at(MON, '16:05'))], { now: at(MON, '16:06') });
    expect(brief(d)).toEqual(['terlambat', 0, 'TL4', 0, null, 1.5]);
    expect(brief(day([pulang(at(MON, '15:00'))]))).toEqual(['terlambat_pulang_cepat', 0, 'TL4', 60, 'PSW2', 2.5]);
  });

  it.each([
    ['during the day', at(MON, '12:00'), ['hadir', 0, null, 0, null, 0]],
    ['in the check-out window', at(MON, '21:59'), ['hadir', 0, null, 0, null, 0]],
    ['once the window closed', at(MON, '22:00'), ['pulang_cepat', 0, null, 0, 'PSW4', 1.5]],
  ])('a masuk without pulang %s', (_, now, expected) =>
    expect(brief(day([masuk(at(MON, '07:20'))], { now }))).toEqual(expected),
  );

  it('shows a late masuk as terlambat before the day is over', () => {
    expect(brief(day([masuk(at(MON, '08:00'))], { now: at(MON, '09:00') }))).toEqual([
      'terlambat',
      30,
      'TL1',
      0,
      null,
      0.5,
    ]);
    expect(brief(day([masuk(at(MON, '08:00'))]))).toEqual(['terlambat_pulang_cepat', 30, 'TL1', 0, 'PSW4', 2]);
  });

  it.each([
    [at(MON, '05:00'), 'belum_berakhir', 0],
    [at(MON, '09:00'), 'belum_berakhir', 0],
    [at(MON, '16:30'), 'belum_berakhir', 0], // a pulang could still come (as TL4)
    [at(MON, '21:59'), 'belum_berakhir', 0],
    [at(MON, '22:00'), 'tanpa_keterangan', 3],
    [at(TUE, '08:00'), 'tanpa_keterangan', 3],
  ])('no record at %s → %s', (now, status, cut) => {
    const d = day([masuk(at(TUE, '07:20')), pulang(at(addDays(MON, -1), '16:00'))], { now });
    expect([d.status, d.cutPercent, d.checkIn, d.checkOut]).toEqual([status, cut, null, null]);
  });
});

describe('computeDayStatus: approved absences', () => {
  const expected = { izin: 'izin', sakit: 'sakit', dinas_luar: 'dinas_luar', tugas_belajar: 'tugas_belajar' } as Record<
    string,
    string
  >;
  it.each(ABSENCE_TYPES.map((t) => [t, expected[t] ?? 'cuti']))(
    '%s → %s, no cut, even with records',
    (type, status) => {
      const d = day([masuk(at(MON, '10:00'))], { absences: [{ type, start: '2026-04-01', end: '2026-04-08' }] });
      expect([d.status, d.absenceType, d.cutPercent, d.lateBand, d.earlyBand]).toEqual([status, type, 0, null, null]);
      expect(d.checkIn).toEqual(at(MON, '10:00')); // dinas luar may check in at the field location
    },
  );

  it('needs the absence to cover the date', () => {
    expect(day([], { absences: [{ type: 'sakit', start: TUE, end: TUE }] }).status).toBe('tanpa_keterangan');
    expect(day([], { absences: [{ type: 'sakit', start: MON, end: MON }] }).status).toBe('sakit');
  });

  it('keeps a weekend inside a leave range a holiday, noting the absence', () => {
    const d = day([], { plan: plan(SAT), absences: [{ type: 'cuti_tahunan', start: MON, end: addDays(MON, 11) }] });
    expect([d.status, d.absenceType, d.cutPercent]).toEqual(['libur', 'cuti_tahunan', 0]);
  });

  it('changes tanpa keterangan to sakit when an absence is approved late and the day recomputed', () => {
    const before = day([]);
    expect([before.status, before.cutPercent]).toEqual(['tanpa_keterangan', 3]);
    const after = day([], { absences: [{ type: 'sakit', start: MON, end: MON }] });
    expect([after.status, after.cutPercent, after.absenceType]).toEqual(['sakit', 0, 'sakit']);
  });
});

describe('computeDayStatus: days off, zones and night shifts', () => {
  it('reports records on a day off without a cut', () => {
    const punches = [masuk(at(SAT, '08:00')), pulang(at(SAT, '12:00')), pulang(at(FRI, '16:35'))];
    const d = day(punches, { plan: plan(SAT), offsetMinutes: WIB });
    expect([d.status, d.cutPercent, d.checkIn, d.checkOut]).toEqual(['libur', 0, at(SAT, '08:00'), at(SAT, '12:00')]);
    expect([day(punches, { plan: plan(SAT) }).checkIn]).toEqual([null]); // without the zone they cannot be placed
    expect(day([], { plan: plan(SAT) }).status).toBe('libur');
  });

  it.each([
    ['WIB', WIB],
    ['WITA', WITA],
    ['WIT', WIT],
  ])('counts 07:31 local in %s as 1 minute late', (_, off) => {
    const d = day([masuk(at(MON, '07:31', off)), pulang(at(MON, '16:00', off))], { plan: plan(MON, off) });
    expect(brief(d)).toEqual(['terlambat', 1, 'TL1', 0, null, 0.5]);
  });

  it('judges by the office zone: 07:31 WIB is 08:31 WITA', () => {
    const d = day([masuk(at(MON, '07:31', WIB)), pulang(at(MON, '16:00', WITA))], { plan: plan(MON, WITA) });
    expect([d.lateMinutes, d.lateBand]).toEqual([61, 'TL3']);
  });

  const NIGHT: ShiftSchedule = {
    kind: 'shift',
    shifts: { M: { start: '21:00', end: '07:00' } },
    pattern: ['M'],
    anchor: '2026-01-01',
    worksHolidays: true,
  };
  const night = planDay(MON, NIGHT, [], WIB);
  const neighbours = [
    masuk(at(addDays(MON, -1), '20:50')),
    pulang(at(MON, '07:02')),
    masuk(at(TUE, '20:58')),
    pulang(at(addDays(MON, 2), '07:01')),
  ];

  it.each([
    ['07:05', ['hadir', 0, null, 0, null, 0]],
    ['06:00', ['pulang_cepat', 0, null, 60, 'PSW2', 1]],
  ])('a night shift from 20:55 to %s the next morning', (outAt, expected) => {
    const d = day([...neighbours, masuk(at(MON, '20:55')), pulang(at(TUE, outAt))], {
      plan: night,
      now: at(TUE, '13:00'),
    });
    expect(brief(d)).toEqual(expected);
    expect(d.checkIn).toEqual(at(MON, '20:55'));
  });

  it('a night shift with no record of its own is tanpa keterangan the next afternoon', () => {
    expect(day(neighbours, { plan: night, now: at(TUE, '12:59') }).status).toBe('belum_berakhir');
    expect(day(neighbours, { plan: night, now: at(TUE, '13:00') }).status).toBe('tanpa_keterangan');
  });
});

describe('summarizeMonth', () => {
  const base: DayStatus = {
    date: MON,
    status: 'hadir',
    checkIn: null,
    checkOut: null,
    lateMinutes: 0,
    earlyMinutes: 0,
    lateBand: null,
    earlyBand: null,
    absenceType: null,
    cutPercent: 0,
  };
  const d = (patch: Partial<DayStatus>): DayStatus => ({ ...base, ...patch });
  const month: DayStatus[] = [
    d({}),
    d({ status: 'terlambat', lateMinutes: 12, lateBand: 'TL1', cutPercent: 0.5 }),
    d({
      status: 'terlambat_pulang_cepat',
      lateMinutes: 75,
      lateBand: 'TL3',
      earlyMinutes: 50,
      earlyBand: 'PSW2',
      cutPercent: 2.25,
    }),
    d({ status: 'pulang_cepat', earlyBand: 'PSW4', cutPercent: 1.5 }),
    d({ status: 'terlambat', lateBand: 'TL4', cutPercent: 1.5 }),
    d({ status: 'tanpa_keterangan', cutPercent: 3 }),
    d({ status: 'sakit', absenceType: 'sakit' }),
    d({ status: 'cuti', absenceType: 'cuti_tahunan' }),
    d({ status: 'cuti', absenceType: 'cuti_tahunan' }),
    d({ status: 'dinas_luar', absenceType: 'dinas_luar' }),
    d({ status: 'libur' }),
    d({ status: 'libur', absenceType: 'cuti_tahunan' }),
    d({ status: 'belum_berakhir' }),
    d({ status: 'belum_bertugas' }),
    d({ status: 'belum_terdaftar' }),
    d({ status: 'selesai_bertugas' }),
  ];

  it('adds up a month', () => {
    expect(summarizeMonth(month, DEFAULT_RULES)).toEqual({
      workDays: 11,
      present: 5,
      late: 3,
      earlyLeave: 2,
      lateMinutes: 87,
      earlyMinutes: 50,
      bands: { TL1: 1, TL2: 0, TL3: 1, TL4: 1, PSW1: 0, PSW2: 1, PSW3: 0, PSW4: 1 },
      absences: { sakit: 1, cuti_tahunan: 2, dinas_luar: 1 },
      absentWithoutReason: 1,
      holidays: 2,
      outOfService: 3,
      permitDays: 0,
      cutPercent: 8.75,
    });
  });

  it('caps the cut and rounds it to 2 decimals', () => {
    const absent = Array.from({ length: 40 }, () => d({ status: 'tanpa_keterangan', cutPercent: 3 }));
    expect(summarizeMonth(absent, DEFAULT_RULES).cutPercent).toBe(100);
    expect(summarizeMonth(absent, { ...DEFAULT_RULES, monthlyCutCapPercent: 50 }).cutPercent).toBe(50);
    expect(summarizeMonth([d({ cutPercent: 0.1 }), d({ cutPercent: 0.2 })], DEFAULT_RULES).cutPercent).toBe(0.3);
    expect(summarizeMonth([d({ cutPercent: 1 / 3 })], DEFAULT_RULES).cutPercent).toBe(0.33);
  });

  it('is all zeros for an empty month', () => {
    const s = summarizeMonth([], DEFAULT_RULES);
    expect([s.workDays, s.present, s.cutPercent, s.absences, s.bands.TL1]).toEqual([0, 0, 0, {}, 0]);
  });
});

describe('leaveBalance', () => {
  it.each([
    // unused last year, unused two years ago, taken this year → available, remaining
    [0, 0, 0, 12, 12],
    [4, 0, 0, 16, 16],
    [12, 0, 3, 18, 15], // at most 6 carried: 18 in all
    [12, 12, 0, 24, 24], // two years in a row unused: 24 in all
    [6, 2, 10, 20, 10],
    [0, 12, 0, 12, 12], // not two years in a row: nothing from two years ago
    [3, 20, 30, 21, 0], // never below 0
  ])('unused %i and %i, taken %i → %i available, %i remaining', (last, twoAgo, taken, available, remaining) => {
    expect(leaveBalance({ unusedLastYear: last, unusedTwoYearsAgo: twoAgo, takenThisYear: taken })).toEqual({
      available,
      remaining,
    });
  });

  it('takes another entitlement and ignores negative figures', () => {
    expect(leaveBalance({ entitlement: 0, unusedLastYear: 0, unusedTwoYearsAgo: 0, takenThisYear: 0 })).toEqual({
      available: 0,
      remaining: 0,
    });
    expect(leaveBalance({ entitlement: 12, unusedLastYear: -3, unusedTwoYearsAgo: 5, takenThisYear: -1 })).toEqual({
      available: 12,
      remaining: 12,
    });
  });
});
