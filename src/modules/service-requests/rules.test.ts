import { describe, expect, it } from 'vitest';
import {
  clockState,
  decide,
  formatDuration,
  isLate,
  median,
  stageBudget,
  stageClock,
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
