import { describe, expect, it } from 'vitest';
import { computeDayStatus, DEFAULT_RULES, type Punch } from './rules.js';
import { DEFAULT_PERMIT_LIMITS, excusedBands, permitLimitProblem, type ApprovedPermit } from './permits-rules.js';
import { DEFAULT_SCHEDULE, localInstant, planDay } from '../work-schedule/schedule.js';

const WIB = 420;
const MON = '2026-04-06'; // 07:30–16:00 WIB
const at = (time: string, date = MON) => localInstant(date, time, WIB);
const plan = planDay(MON, DEFAULT_SCHEDULE, [], WIB);
const masuk = (time: string): Punch => ({ kind: 'masuk', at: at(time) });
const pulang = (time: string): Punch => ({ kind: 'pulang', at: at(time) });
const permit = (kind: ApprovedPermit['kind'], from: string, to: string, id = 1, date = MON): ApprovedPermit => ({
  id,
  kind,
  from: at(from, date),
  to: at(to, date),
});
const day = (punches: Punch[], permits: ApprovedPermit[] = []) =>
  computeDayStatus({ plan, punches, absences: [], rules: DEFAULT_RULES, now: at('00:00', '2026-04-08'), permits });

describe('an hourly permit cancels the band it covers', () => {
  it('a late arrival at 08:40 is TL3 without a permit', () => {
    const d = day([masuk('08:40'), pulang('16:05')]);
    expect([d.status, d.lateBand, d.cutPercent, d.permits]).toEqual(['terlambat', 'TL3', 1.25, undefined]);
  });

  it('izin terlambat 07:30–09:00 covers a check-in at 08:40: hadir, no band, no cut, the permit shown', () => {
    const d = day([masuk('08:40'), pulang('16:05')], [permit('terlambat', '07:30', '09:00', 7)]);
    expect([d.status, d.lateBand, d.lateMinutes, d.cutPercent]).toEqual(['hadir', null, 0, 0]);
    expect(d.permits).toEqual([{ id: 7, kind: 'terlambat', band: 'TL3', minutes: 70 }]);
  });

  it('a permit ending exactly at the check-in covers it; one minute earlier does not', () => {
    expect(day([masuk('08:40'), pulang('16:05')], [permit('terlambat', '07:30', '08:40')]).lateBand).toBeNull();
    expect(day([masuk('08:40'), pulang('16:05')], [permit('terlambat', '07:30', '08:39')]).lateBand).toBe('TL3');
  });

  it('a permit starting after the planned start leaves the band (partly covered is not covered)', () => {
    const d = day([masuk('08:40'), pulang('16:05')], [permit('terlambat', '07:31', '09:00')]);
    expect([d.status, d.lateBand, d.permits]).toEqual(['terlambat', 'TL3', undefined]);
  });

  it('izin pulang cepat 14:00–16:00 covers a check-out at 14:30; the late band of the same day stays', () => {
    const d = day([masuk('08:10'), pulang('14:30')], [permit('pulang_cepat', '14:00', '16:00')]);
    expect([d.status, d.lateBand, d.earlyBand, d.earlyMinutes, d.cutPercent]).toEqual(['terlambat', 'TL2', null, 0, 1]);
  });

  it('a permit of the wrong kind cancels nothing: izin terlambat does not excuse leaving early', () => {
    const d = day([masuk('07:25'), pulang('14:30')], [permit('terlambat', '14:00', '16:00')]);
    expect([d.status, d.earlyBand]).toEqual(['pulang_cepat', 'PSW3']);
  });

  it('izin meninggalkan kantor covers either end it spans', () => {
    const d = day([masuk('07:25'), pulang('14:30')], [permit('meninggalkan_kantor', '14:30', '16:00')]);
    expect([d.status, d.earlyBand, d.cutPercent]).toEqual(['hadir', null, 0]);
  });

  it('a missing check-in (TL4) or check-out (PSW4) is never covered', () => {
    const noIn = day([pulang('16:05')], [permit('terlambat', '07:30', '12:00')]);
    expect(noIn.lateBand).toBe('TL4');
    const noOut = day([masuk('07:20')], [permit('pulang_cepat', '12:00', '16:00')]);
    expect(noOut.earlyBand).toBe('PSW4');
  });

  it('excusedBands works on instants: a permit of another day covers nothing', () => {
    const e = excusedBands({
      start: plan.work ? plan.start : new Date(0),
      end: plan.work ? plan.end : new Date(0),
      checkIn: at('08:40'),
      checkOut: at('16:05'),
      permits: [permit('terlambat', '07:30', '09:00', 1, '2026-04-07')],
    });
    expect(e).toEqual({ late: null, early: null });
  });
});

describe('permit limits (city policy, configuration)', () => {
  const ok = {
    date: MON,
    startTime: '07:30',
    endTime: '09:00',
    today: MON,
    sameMonth: 0,
    limits: DEFAULT_PERMIT_LIMITS,
  };
  it('accepts a permit within every limit', () => expect(permitLimitProblem(ok)).toBeNull());
  it('refuses an end not after the start, and a malformed time', () => {
    expect(permitLimitProblem({ ...ok, endTime: '07:30' })).toMatchObject({
      field: 'endTime',
      key: 'permit.err.order',
    });
    expect(permitLimitProblem({ ...ok, startTime: '7.30' })).toMatchObject({
      field: 'startTime',
      key: 'permit.err.time',
    });
  });
  it('the longest permit: maxMinutes passes, one more minute does not', () => {
    const limits = { ...DEFAULT_PERMIT_LIMITS, maxMinutes: 90 };
    expect(permitLimitProblem({ ...ok, limits, endTime: '09:00' })).toBeNull();
    expect(permitLimitProblem({ ...ok, limits, endTime: '09:01' })).toMatchObject({ key: 'permit.err.too_long' });
  });
  it('per month: the last allowed permit passes (n − 1 held), the next one does not (n held)', () => {
    const limits = { ...DEFAULT_PERMIT_LIMITS, maxPerMonth: 3 };
    expect(permitLimitProblem({ ...ok, limits, sameMonth: 2 })).toBeNull();
    expect(permitLimitProblem({ ...ok, limits, sameMonth: 3 })).toMatchObject({
      field: 'permitDate',
      key: 'permit.err.month_limit',
      params: { max: 3 },
    });
  });
  it('days back: daysBack passes, one more day does not', () => {
    expect(permitLimitProblem({ ...ok, today: '2026-04-13' })).toBeNull();
    expect(permitLimitProblem({ ...ok, today: '2026-04-14' })).toMatchObject({ key: 'permit.err.too_old' });
  });
});
