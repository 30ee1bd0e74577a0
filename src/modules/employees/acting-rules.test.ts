import { describe, expect, it } from 'vitest';
import {
  actingFor,
  assignmentProblems,
  conflicts,
  endEarly,
  firstConflict,
  inForce,
  isRestrictedForActing,
  postTitle,
  whomDoIActFor,
  windowState,
  type ActingWindow,
} from './acting-rules.js';

const plh: ActingWindow = {
  id: 1,
  unitId: 10,
  kind: 'plh',
  holderId: 100,
  delegateId: 200,
  start: '2026-12-08',
  end: '2026-12-10',
  revoked: false,
};

describe('the window', () => {
  it('is in force from the start day to the end day, not the day before or after', () => {
    expect(inForce(plh, '2026-12-07')).toBe(false);
    expect(inForce(plh, '2026-12-08')).toBe(true);
    expect(inForce(plh, '2026-12-10')).toBe(true);
    expect(inForce(plh, '2026-12-11')).toBe(false);
    expect(inForce({ ...plh, revoked: true }, '2026-12-09')).toBe(false);
  });
  it('is upcoming, current or past by the city day', () => {
    expect(windowState(plh, '2026-12-07')).toBe('upcoming');
    expect(windowState(plh, '2026-12-08')).toBe('current');
    expect(windowState(plh, '2026-12-10')).toBe('current');
    expect(windowState(plh, '2026-12-11')).toBe('past');
    expect(windowState({ ...plh, revoked: true }, '2026-12-09')).toBe('revoked');
  });
});

describe('who acts for whom', () => {
  const an: ActingWindow = { ...plh, id: 2, kind: 'an', delegateId: 300, start: '2026-01-01', end: '2026-12-31' };
  const plt: ActingWindow = { ...plh, id: 3, unitId: 11, kind: 'plt', holderId: null, delegateId: 200 };
  const list = [an, plh, plt];
  it('names the Plh. on the start day and the end day, nobody the day after', () => {
    expect(actingFor(list, { employeeId: 100 }, '2026-12-08', ['plh', 'plt'])).toMatchObject({
      actorId: 200,
      holderId: 100,
      kind: 'plh',
    });
    expect(actingFor(list, { employeeId: 100 }, '2026-12-10', ['plh', 'plt'])?.actorId).toBe(200);
    expect(actingFor(list, { employeeId: 100 }, '2026-12-11', ['plh', 'plt'])).toBeNull();
  });
  it('puts an acting official before an a.n. delegate, and finds the a.n. outside the window', () => {
    expect(actingFor(list, { employeeId: 100 }, '2026-12-09')?.kind).toBe('plh');
    expect(actingFor(list, { employeeId: 100 }, '2026-12-20')?.kind).toBe('an');
  });
  it('finds a post by its unit: only a Plt./Plh.', () => {
    expect(actingFor(list, { unitId: 11 }, '2026-12-09')).toMatchObject({ kind: 'plt', holderId: null });
    expect(actingFor(list, { unitId: 10 }, '2026-12-20')).toBeNull();
  });
  it('lists whom a delegate stands in for on a day', () => {
    expect(whomDoIActFor(list, 200, '2026-12-08').map((a) => a.assignmentId)).toEqual([3, 1]);
    expect(whomDoIActFor(list, 200, '2026-12-11')).toEqual([]);
    expect(whomDoIActFor(list, 300, '2026-12-11', ['plh', 'plt'])).toEqual([]);
  });
});

describe('overlap on one post', () => {
  const next = { ...plh, start: '2026-12-10', end: '2026-12-12' };
  it('two Plh. sharing the end day conflict; the day after does not', () => {
    expect(conflicts(plh, next)).toBe(true);
    expect(conflicts(plh, { ...next, start: '2026-12-11' })).toBe(false);
    expect(firstConflict([plh], { ...next, start: '2026-12-11' })).toBeNull();
  });
  it('another post, an a.n. delegate or a withdrawn one does not conflict', () => {
    expect(conflicts(plh, { ...next, unitId: 99 })).toBe(false);
    expect(conflicts(plh, { ...next, kind: 'an' })).toBe(false);
    expect(conflicts({ ...plh, revoked: true }, next)).toBe(false);
    expect(conflicts(plh, { ...next, kind: 'plt', holderId: null })).toBe(true);
  });
});

describe('a new assignment', () => {
  const base = { kind: 'plh' as const, holderId: 1, delegateId: 2, start: '2026-12-08', end: '2026-12-10' };
  it('needs a holder except for a Plt., and none for a Plt.', () => {
    expect(assignmentProblems(base, '2026-12-08')).toEqual([]);
    expect(assignmentProblems({ ...base, holderId: null }, '2026-12-08')[0]?.key).toBe('holder_required');
    expect(assignmentProblems({ ...base, kind: 'plt' }, '2026-12-08')[0]?.key).toBe('holder_for_plt');
  });
  it('refuses the holder as delegate, an end before the start and a window already over', () => {
    expect(assignmentProblems({ ...base, delegateId: 1 }, '2026-12-08')[0]?.key).toBe('delegate_is_holder');
    expect(assignmentProblems({ ...base, end: '2026-12-07' }, '2026-12-08')[0]?.key).toBe('end_before_start');
    expect(assignmentProblems(base, '2026-12-11')[0]?.key).toBe('ended');
    expect(assignmentProblems(base, '2026-12-10')).toEqual([]);
  });
});

describe('ending early', () => {
  it('moves the end, withdraws one not yet begun, refuses a later or past day', () => {
    expect(endEarly(plh, '2026-12-09', '2026-12-08')).toEqual({ outcome: 'end', end: '2026-12-09' });
    expect(endEarly(plh, '2026-12-07', '2026-12-05')).toEqual({ outcome: 'revoke' });
    expect(endEarly(plh, '2026-12-10', '2026-12-08')).toMatchObject({ key: 'not_earlier' });
    expect(endEarly(plh, '2026-12-08', '2026-12-09')).toMatchObject({ key: 'past' });
    expect(endEarly(plh, '2026-12-08', '2026-12-12')).toMatchObject({ key: 'over' });
  });
});

describe('titles and limits', () => {
  it('writes the post as a signature block does', () => {
    expect(postTitle({ name: 'Bidang Aptika', kind: 'bidang' })).toBe('Kepala Bidang Aptika');
    expect(postTitle({ name: 'Kecamatan Metro Pusat', kind: 'kecamatan' })).toBe('Camat Metro Pusat');
    expect(postTitle({ name: 'Kelurahan Ketapang', kind: 'kelurahan' })).toBe('Lurah Ketapang');
  });
  it('knows the restricted actions by action or action and subtype', () => {
    const r = ['leave.decide:cuti_luar_tanggungan'];
    expect(isRestrictedForActing(r, 'leave.decide', 'cuti_luar_tanggungan')).toBe(true);
    expect(isRestrictedForActing(r, 'leave.decide', 'cuti_tahunan')).toBe(false);
    expect(isRestrictedForActing(['absence.decide'], 'absence.decide', 'izin')).toBe(true);
  });
});
