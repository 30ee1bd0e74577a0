import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_HOURS, localInstant, type ServiceTime } from '../work-schedule/index.js';
import {
  clockState,
  countedMillis,
  decide,
  DEFAULT_STAGE_CLOCKS,
  elapsedSeconds,
  formatDuration,
  median,
  parseServiceHoursStages,
  requestClocks,
  stageBudget,
  stageClock,
  totalClockMode,
  type ClockedRequest,
  isLate,
  type RequestState,
} from './rules.js';

const route = ['rt', 'rw', 'kelurahan', 'kecamatan'] as const;
const at = (stageIndex: number, status: RequestState['status'] = 'in_progress'): RequestState => ({
  status,
  stageIndex,
  route,
});
const official = (role: Parameters<typeof decide>[2]['role']) => ({ role, isSubmitter: false });

describe('approval state machine', () => {
  it('moves through the route one stage per approval and completes with a letter at the last', () => {
    expect(decide(at(0), 'approve', official('ketua_rt'))).toMatchObject({
      ok: true,
      next: { status: 'in_progress', stage: 'rw', stageIndex: 1 },
      issuesLetter: false,
    });
    expect(decide(at(2), 'approve', official('staf_kelurahan'))).toMatchObject({
      ok: true,
      next: { stage: 'kecamatan' },
    });
    expect(decide(at(3), 'approve', official('camat'))).toMatchObject({
      ok: true,
      next: { status: 'completed', stage: null },
      issuesLetter: true,
    });
  });

  it('only the stage official acts; one whose stage has passed is told it was already acted on', () => {
    expect(decide(at(1), 'approve', official('lurah'))).toEqual({ ok: false, reason: 'wrong_role' });
    expect(decide(at(2), 'approve', official('ketua_rw'))).toEqual({ ok: false, reason: 'not_in_progress' });
    expect(decide(at(1), 'approve', official('warga'))).toEqual({ ok: false, reason: 'wrong_role' });
  });

  it('return and reject need a reason; return keeps the stage, reject ends it', () => {
    expect(decide(at(1), 'return', official('ketua_rw'), '  ')).toEqual({ ok: false, reason: 'reason_required' });
    expect(decide(at(1), 'return', official('ketua_rw'), 'Foto buram')).toMatchObject({
      ok: true,
      next: { status: 'returned', stage: 'rw' },
    });
    expect(decide(at(1), 'reject', official('ketua_rw'), 'Bukan warga')).toMatchObject({
      ok: true,
      next: { status: 'rejected', stage: null },
    });
  });

  it('a returned request is resubmitted by its submitter (or the RT head) and resumes where it was', () => {
    expect(decide(at(2, 'returned'), 'resubmit', { role: 'warga', isSubmitter: true })).toMatchObject({
      ok: true,
      next: { status: 'in_progress', stage: 'kelurahan', stageIndex: 2 },
    });
    expect(decide(at(2, 'returned'), 'resubmit', { role: 'warga', isSubmitter: false })).toEqual({
      ok: false,
      reason: 'wrong_role',
    });
    expect(decide(at(2, 'returned'), 'approve', official('lurah'))).toEqual({ ok: false, reason: 'not_in_progress' });
    expect(decide(at(2), 'resubmit', { role: 'warga', isSubmitter: true })).toEqual({
      ok: false,
      reason: 'not_returned',
    });
  });

  it('nothing happens to a finished request', () => {
    for (const status of ['completed', 'rejected'] as const) {
      for (const action of ['approve', 'return', 'reject'] as const)
        expect(decide(at(3, status), action, official('camat'), 'x').ok).toBe(false);
    }
  });
});

describe('clocks', () => {
  const start = new Date('2026-11-24T01:00:00Z');
  it('warns at 75 % and is due at 100 % of the stage budget', () => {
    const c = stageClock(start, 12);
    expect(c.warnAt.toISOString()).toBe('2026-11-24T01:09:00.000Z');
    expect(c.dueAt.toISOString()).toBe('2026-11-24T01:12:00.000Z');
    expect(clockState(new Date('2026-11-24T01:08:59Z'), c.warnAt, c.dueAt)).toBe('ok');
    expect(clockState(c.warnAt, c.warnAt, c.dueAt)).toBe('warning');
    expect(clockState(c.dueAt, c.warnAt, c.dueAt)).toBe('overdue');
  });
  it('takes the stage budget from configuration, else an even share of the total', () => {
    expect(stageBudget({ route: [...route], stage_budgets: { rt: 5 }, total_budget_minutes: 45 }, 'rt')).toBe(5);
    expect(stageBudget({ route: [...route], stage_budgets: {}, total_budget_minutes: 45 }, 'rw')).toBe(11);
  });
  it('formats durations and medians', () => {
    expect(formatDuration(125)).toBe('2 mnt');
    expect(formatDuration(3900)).toBe('1 j 05 mnt');
    expect(formatDuration(-180)).toBe('-3 mnt');
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});

describe('service-hours clocks', () => {
  // 2026-11-27 is a Friday; Perpres 21/2023 hours (Fri 07:30–16:30, Mon 07:30–16:00), WIB.
  const time: ServiceTime = {
    hours: DEFAULT_SERVICE_HOURS,
    calendar: [
      { kind: 'cuti_bersama', start: '2026-12-24', end: '2026-12-24', name: 'Cuti bersama Natal' },
      { kind: 'libur_nasional', start: '2026-12-25', end: '2026-12-25', name: 'Hari Raya Natal' },
    ],
    offsetMinutes: 420,
  };
  const wib = (date: string, hm: string, sec = 0) => new Date(localInstant(date, hm, 420).getTime() + sec * 1000);
  const service = { mode: 'service_hours', time } as const;

  it('RT and RW run round the clock, kelurahan and kecamatan count service hours, unless configured', () => {
    expect(DEFAULT_STAGE_CLOCKS).toEqual({
      rt: 'round_the_clock',
      rw: 'round_the_clock',
      kelurahan: 'service_hours',
      kecamatan: 'service_hours',
    });
    expect(parseServiceHoursStages('kelurahan,kecamatan')).toEqual({ ok: true, modes: DEFAULT_STAGE_CLOCKS });
    expect(parseServiceHoursStages(' RW, kelurahan ')).toMatchObject({
      ok: true,
      modes: { rt: 'round_the_clock', rw: 'service_hours', kelurahan: 'service_hours', kecamatan: 'round_the_clock' },
    });
    expect(parseServiceHoursStages('none')).toMatchObject({ ok: true, modes: { kelurahan: 'round_the_clock' } });
    expect(parseServiceHoursStages('kelurahan,desa')).toMatchObject({ ok: false });
    expect(parseServiceHoursStages(' , ')).toMatchObject({ ok: false });
  });

  it('the end-to-end clock counts service hours when any stage of the route does', () => {
    expect(totalClockMode(['rt', 'rw', 'kelurahan'], DEFAULT_STAGE_CLOCKS)).toBe('service_hours');
    expect(totalClockMode(['rt', 'rw'], DEFAULT_STAGE_CLOCKS)).toBe('round_the_clock');
  });

  it('a kelurahan stage started Monday 08:00 warns at 75 % of its 25 service minutes and is due at 100 %', () => {
    const c = stageClock(wib('2026-11-30', '08:00'), 25, service);
    expect(c).toMatchObject({ mode: 'service_hours', budgetMinutes: 25 });
    expect(c.warnAt).toEqual(wib('2026-11-30', '08:18', 45));
    expect(c.dueAt).toEqual(wib('2026-11-30', '08:25'));
  });

  it('a stage started Friday 16:20 warns and falls due on Monday morning, never over the weekend', () => {
    const c = stageClock(wib('2026-11-27', '16:20'), 25, service);
    expect(c.warnAt).toEqual(wib('2026-11-30', '07:38', 45)); // 10 Friday minutes + 8¾ on Monday
    expect(c.dueAt).toEqual(wib('2026-11-30', '07:45'));
    // Round the clock the same stage would be due Friday 16:45.
    expect(stageClock(wib('2026-11-27', '16:20'), 25).dueAt).toEqual(wib('2026-11-27', '16:45'));
  });

  it('the evening before cuti bersama, a stage is due after it', () => {
    expect(stageClock(wib('2026-12-23', '19:00'), 25, service).dueAt).toEqual(wib('2026-12-28', '07:55'));
  });

  it('elapsed time is counted on the stage clock', () => {
    expect(elapsedSeconds(wib('2026-11-27', '16:20'), wib('2026-11-30', '07:40'), service)).toBe(20 * 60);
    expect(elapsedSeconds(wib('2026-11-27', '16:20'), wib('2026-11-27', '16:40'))).toBe(20 * 60);
    expect(countedMillis(wib('2026-11-30', '08:00'), wib('2026-11-27', '08:00'), service)).toBe(0);
  });

  it('shows lateness from the stored instants and time left in service minutes', () => {
    const started = wib('2026-11-27', '16:20');
    const stage = stageClock(started, 25, service);
    const total = stageClock(started, 45, service);
    const r: ClockedRequest = {
      status: 'in_progress',
      stage_clock: 'service_hours',
      stage_warn_at: stage.warnAt,
      stage_due_at: stage.dueAt,
      total_clock: 'service_hours',
      submitted_at: started,
      due_at: total.dueAt,
    };
    // Saturday: 15 service minutes left of the stage, 35 of the whole: nothing late.
    expect(requestClocks(wib('2026-11-28', '10:00'), r, time)).toEqual({
      stage: { remainingSeconds: 15 * 60, state: 'ok', mode: 'service_hours' },
      total: { remainingSeconds: 35 * 60, state: 'ok', mode: 'service_hours' },
    });
    expect(requestClocks(wib('2026-11-30', '07:38', 44), r, time).stage).toMatchObject({ state: 'ok' });
    expect(requestClocks(wib('2026-11-30', '07:44'), r, time).stage).toMatchObject({ state: 'warning' });
    expect(requestClocks(wib('2026-11-30', '07:45'), r, time).stage).toMatchObject({ state: 'overdue' });
    // Late by service minutes: Monday 08:00 is 15 minutes past a 07:45 due time.
    expect(requestClocks(wib('2026-11-30', '08:00'), r, time).stage).toMatchObject({ remainingSeconds: -15 * 60 });
    // The end-to-end warning is at 75 % of the service budget too: 33¾ of 45 minutes, Monday 07:53:45.
    expect(requestClocks(wib('2026-11-30', '07:53', 44), r, time).total?.state).toBe('ok');
    expect(requestClocks(wib('2026-11-30', '07:53', 45), r, time).total?.state).toBe('warning');
    expect(() => requestClocks(wib('2026-11-28', '10:00'), r)).toThrow(RangeError);
    expect(requestClocks(wib('2026-11-28', '10:00'), { ...r, status: 'completed' })).toEqual({
      stage: null,
      total: null,
    });
  });
});

describe('isLate (the queue shows these first)', () => {
  const t = (min: number) => new Date(Date.UTC(2026, 11, 2, 2, min));
  it('is late once the stage budget or the end-to-end budget is spent', () => {
    const r = { stage_due_at: t(10), due_at: t(45) };
    expect(isLate(t(9), r)).toBe(false);
    expect(isLate(t(10), r)).toBe(true);
    expect(isLate(t(20), { stage_due_at: t(30), due_at: t(15) })).toBe(true);
    expect(isLate(t(20), { stage_due_at: null, due_at: t(45) })).toBe(false);
  });
});
