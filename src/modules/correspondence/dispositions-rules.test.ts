import { describe, expect, it } from 'vitest';
import {
  ancestorsToClose,
  dispositionProblems,
  isOverdue,
  mayDisposeTo,
  mayReport,
  reachOf,
  treeDone,
  type TreeNode,
} from './dispositions-rules.js';

const DINAS = '35.74/DINAS';
const BIDANG = `${DINAS}/BIDANG`;
const SEKSI = `${BIDANG}/SEKSI`;
const OTHER = '35.74/LAIN';

describe('who may dispose to whom', () => {
  it('the head of the naskah unit reaches the unit and below, never themselves nor another unit', () => {
    const reach = reachOf('top', [DINAS], DINAS);
    const o = { reach, naskahUnitPath: DINAS, fromEmployeeId: 1 };
    expect(mayDisposeTo(o, { employeeId: 2, unitPath: DINAS })).toBe(true);
    expect(mayDisposeTo(o, { employeeId: 3, unitPath: SEKSI })).toBe(true);
    expect(mayDisposeTo(o, { employeeId: 1, unitPath: DINAS })).toBe(false);
    expect(mayDisposeTo(o, { employeeId: 4, unitPath: OTHER })).toBe(false);
  });
  it('a head of a unit above (not the naskah unit) does not dispose at the top; staff do not', () => {
    expect(reachOf('top', ['35.74'], DINAS)).toEqual([]);
    expect(reachOf('top', [], DINAS)).toEqual([]);
  });
  it('a holder passes on inside the units they head only; a holder heading nothing reaches nobody', () => {
    const o = { reach: reachOf('sub', [BIDANG], DINAS), naskahUnitPath: DINAS, fromEmployeeId: 5 };
    expect(mayDisposeTo(o, { employeeId: 6, unitPath: SEKSI })).toBe(true);
    expect(mayDisposeTo(o, { employeeId: 7, unitPath: DINAS })).toBe(false);
    const staff = { reach: reachOf('sub', [], DINAS), naskahUnitPath: DINAS, fromEmployeeId: 8 };
    expect(mayDisposeTo(staff, { employeeId: 9, unitPath: DINAS })).toBe(false);
    const otherHead = { reach: reachOf('sub', [OTHER], DINAS), naskahUnitPath: DINAS, fromEmployeeId: 10 };
    expect(mayDisposeTo(otherHead, { employeeId: 11, unitPath: OTHER })).toBe(false);
  });
});

describe('the form', () => {
  const codes = new Set(['tindak_lanjut', 'pelajari']);
  const ok = { to: [2, 3], instructions: ['pelajari'], dueDate: '2026-12-10', note: '' };
  it('accepts a valid disposition', () => expect(dispositionProblems(ok, '2026-12-02', codes)).toEqual([]));
  it('names every problem', () => {
    const e = dispositionProblems(
      { to: [], instructions: ['x'], dueDate: '2026-12-01', note: 'a'.repeat(1001) },
      '2026-12-02',
      codes,
    );
    expect(e.map((x) => x.field)).toEqual(['to', 'instructions', 'dueDate', 'note']);
    expect(dispositionProblems({ ...ok, to: [2, 2] }, '2026-12-02', codes)[0]!.key).toBe('disposisi.err.to_twice');
    expect(dispositionProblems({ ...ok, dueDate: '2026-02-30' }, '2026-01-02', codes)[0]!.key).toBe(
      'disposisi.err.due_date',
    );
    expect(dispositionProblems({ ...ok, dueDate: '2028-01-01' }, '2026-01-02', codes)[0]!.key).toBe(
      'disposisi.err.due_far',
    );
  });
});

describe('the closing rule', () => {
  // 1 (top) → 2, 3; 2 → 4, 5 (5 withdrawn)
  const tree = (closed: number[], withdrawn: number[] = [5]): TreeNode[] =>
    [
      [1, null],
      [2, 1],
      [3, 1],
      [4, 2],
      [5, 2],
    ].map(([id, parentId]) => ({
      id: id as number,
      parentId: parentId as number | null,
      closed: closed.includes(id as number),
      withdrawn: withdrawn.includes(id as number),
    }));

  it('a parent waits for every child not withdrawn, then closes, and its parent after it', () => {
    expect(ancestorsToClose(tree([4]), 2)).toEqual([2]);
    expect(ancestorsToClose(tree([4, 3]), 2)).toEqual([2, 1]);
    expect(ancestorsToClose(tree([3]), 1)).toEqual([]);
    expect(ancestorsToClose(tree([], [5]), 2)).toEqual([]);
  });
  it('a parent whose children were all withdrawn does not close by itself (its holder reports)', () => {
    expect(ancestorsToClose(tree([], [4, 5]), 2)).toEqual([]);
    expect(mayReport(tree([], [4, 5]), 2)).toBe(true);
  });
  it('a holder reports only when no child is open', () => {
    expect(mayReport(tree([]), 2)).toBe(false);
    expect(mayReport(tree([]), 4)).toBe(true);
    expect(mayReport(tree([4]), 4)).toBe(false);
  });
  it('the naskah is done when every top disposition has closed', () => {
    expect(treeDone(tree([1, 2, 3, 4]))).toBe(true);
    expect(treeDone(tree([2, 3, 4]))).toBe(false);
    expect(treeDone([])).toBe(false);
  });
  it('overdue: due day passed and open', () => {
    expect(isOverdue({ dueDate: '2026-12-01', closed: false, withdrawn: false }, '2026-12-02')).toBe(true);
    expect(isOverdue({ dueDate: '2026-12-02', closed: false, withdrawn: false }, '2026-12-02')).toBe(false);
    expect(isOverdue({ dueDate: '2026-12-01', closed: true, withdrawn: false }, '2026-12-02')).toBe(false);
  });
});
