import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cascadeProblem,
  checkDistribution,
  monthlyTargets,
  parseCurve,
  predikatOf,
  proposedResultRating,
  realisationPercent,
  type Predikat,
  type ResultNode,
} from './rules.js';

const curve = parseCurve(readFileSync(new URL('../../../reference/skp-kurva-distribusi.csv', import.meta.url), 'utf8'));
const many = (p: Predikat, n: number): Predikat[] => Array.from({ length: n }, () => p);

describe('predikat matrix (PermenPANRB 6/2022)', () => {
  it.each([
    ['di_atas', 'di_atas', 'sangat_baik'],
    ['di_atas', 'sesuai', 'baik'],
    ['sesuai', 'di_atas', 'baik'],
    ['sesuai', 'sesuai', 'baik'],
    ['di_atas', 'di_bawah', 'kurang'],
    ['sesuai', 'di_bawah', 'kurang'],
    ['di_bawah', 'di_atas', 'butuh_perbaikan'],
    ['di_bawah', 'sesuai', 'butuh_perbaikan'],
    ['di_bawah', 'di_bawah', 'sangat_kurang'],
  ] as const)('result %s × behaviour %s → %s', (result, behaviour, expected) => {
    expect(predikatOf(result, behaviour)).toBe(expected);
  });

  it('proposes a result rating from the main results', () => {
    expect(proposedResultRating([])).toBeNull();
    expect(proposedResultRating(['di_atas', 'di_bawah'])).toBe('di_bawah');
    expect(proposedResultRating(['di_atas', 'sesuai'])).toBe('di_atas');
    expect(proposedResultRating(['di_atas', 'sesuai', 'sesuai'])).toBe('sesuai');
  });
});

describe('distribution curve (warnings, never refusals)', () => {
  it('reads the shipped rules table', () => {
    expect(curve.length).toBe(11);
  });

  it('istimewa: at most 70 % Sangat Baik — 69 and 70 pass, 71 warns', () => {
    const at = (n: number) => [...many('sangat_baik', n), ...many('baik', 100 - n)];
    expect(checkDistribution('istimewa', at(69), curve)).toEqual([]);
    expect(checkDistribution('istimewa', at(70), curve)).toEqual([]);
    const w = checkDistribution('istimewa', at(71), curve);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ count: 71, total: 100, rule: { rule: 'maks', percent: 70 } });
  });

  it('baik: at most 70 % Baik and someone Butuh Perbaikan or Kurang', () => {
    const ok = [...many('baik', 70), ...many('sangat_baik', 29), 'butuh_perbaikan' as const];
    expect(checkDistribution('baik', ok, curve)).toEqual([]);
    const none = [...many('baik', 70), ...many('sangat_baik', 30)];
    expect(checkDistribution('baik', none, curve).map((w) => w.rule.rule)).toEqual(['ada']);
    const over = [...many('baik', 71), ...many('kurang', 29)];
    expect(checkDistribution('baik', over, curve).map((w) => w.rule.rule)).toEqual(['maks']);
  });

  it('kurang: at least 10 % Butuh Perbaikan — 9 warns, 10 and 11 pass; Sangat Baik at most 10 %', () => {
    const at = (bp: number, sb: number) => [
      ...many('kurang', 60),
      ...many('butuh_perbaikan', bp),
      ...many('sangat_baik', sb),
      ...many('sangat_kurang', 40 - bp - sb),
    ];
    expect(checkDistribution('kurang', at(9, 0), curve).map((w) => w.rule.rule)).toEqual(['min']);
    expect(checkDistribution('kurang', at(10, 0), curve)).toEqual([]);
    expect(checkDistribution('kurang', at(11, 0), curve)).toEqual([]);
    expect(checkDistribution('kurang', at(10, 10), curve)).toEqual([]);
    expect(checkDistribution('kurang', at(10, 11), curve).map((w) => w.rule.rule)).toEqual(['maks']);
  });

  it('butuh perbaikan: at least 60 % Butuh Perbaikan — 59 warns, 60 passes', () => {
    const at = (n: number) => [...many('butuh_perbaikan', n), ...many('baik', 100 - n)];
    expect(checkDistribution('butuh_perbaikan', at(59), curve)).toHaveLength(1);
    expect(checkDistribution('butuh_perbaikan', at(60), curve)).toEqual([]);
  });

  it('sangat kurang: no Sangat Baik at all', () => {
    const base = [...many('sangat_kurang', 60), ...many('kurang', 39)];
    expect(checkDistribution('sangat_kurang', [...base, 'baik'], curve)).toEqual([]);
    expect(checkDistribution('sangat_kurang', [...base, 'sangat_baik'], curve).map((w) => w.rule.rule)).toEqual([
      'maks',
    ]);
  });

  it('works in exact fractions on small organisations (7 of 10 passes at 70 %)', () => {
    expect(checkDistribution('istimewa', [...many('sangat_baik', 7), ...many('baik', 3)], curve)).toEqual([]);
    expect(checkDistribution('istimewa', [...many('sangat_baik', 5), ...many('baik', 2)], curve)).toHaveLength(1);
    expect(checkDistribution('istimewa', [], curve)).toEqual([]);
  });

  it('refuses a malformed rules file with the line named', () => {
    expect(() => parseCurve('org_rating,rule,predikat,percent\nistimewa,paling,baik,70')).toThrow(/baris 2/);
    expect(() => parseCurve('org_rating,rule,predikat,percent\nistimewa,maks,hebat,70')).toThrow(/hebat/);
  });
});

describe('cascade of results', () => {
  // kepala dinas (1) → kepala bidang (2, 3) → staff (4)
  const nodes = new Map<number, ResultNode>([
    [1, { id: 1, parentId: null, unitPath: '35.74/1' }],
    [2, { id: 2, parentId: 1, unitPath: '35.74/1/2' }],
    [3, { id: 3, parentId: 1, unitPath: '35.74/1/3' }],
    [4, { id: 4, parentId: 2, unitPath: '35.74/1/2' }],
    [9, { id: 9, parentId: null, unitPath: '35.74/8' }],
  ]);

  it('takes a parent in the same unit or a unit above', () => {
    expect(cascadeProblem(nodes, { id: null, unitPath: '35.74/1/2' }, 2)).toBeNull();
    expect(cascadeProblem(nodes, { id: null, unitPath: '35.74/1/2' }, 1)).toBeNull();
    expect(cascadeProblem(nodes, { id: 4, unitPath: '35.74/1/2' }, 2)).toBeNull();
  });

  it('refuses another unit, an unknown parent, itself and a cycle', () => {
    expect(cascadeProblem(nodes, { id: null, unitPath: '35.74/1/2' }, 3)).toBe('cross_unit');
    expect(cascadeProblem(nodes, { id: null, unitPath: '35.74/1/2' }, 9)).toBe('cross_unit');
    expect(cascadeProblem(nodes, { id: null, unitPath: '35.74/1/2' }, 77)).toBe('unknown_parent');
    expect(cascadeProblem(nodes, { id: 2, unitPath: '35.74/1/2' }, 2)).toBe('self');
    // Result 2 supporting result 4, which supports 2: a cycle.
    expect(cascadeProblem(nodes, { id: 2, unitPath: '35.74/1/2' }, 4)).toBe('cycle');
    // The head's result pointing down at the staff's (the unit check refuses it first) …
    expect(cascadeProblem(nodes, { id: 1, unitPath: '35.74/1' }, 4)).toBe('cross_unit');
  });

  it('stops on a loop already in the data', () => {
    const loop = new Map<number, ResultNode>([
      [1, { id: 1, parentId: 2, unitPath: '35.74/1' }],
      [2, { id: 2, parentId: 1, unitPath: '35.74/1' }],
    ]);
    expect(cascadeProblem(loop, { id: null, unitPath: '35.74/1' }, 1)).toBe('cycle');
  });
});

describe('monthly plans and realisation', () => {
  it('spreads an annual target over the months left', () => {
    expect(monthlyTargets(12)).toEqual(Array(12).fill(1));
    expect(monthlyTargets(10).reduce((a, b) => a + b, 0)).toBe(10);
    expect(monthlyTargets(10).slice(9)).toEqual([1, 0, 0]);
    expect(monthlyTargets(7, 7)).toEqual([0, 0, 0, 0, 0, 0, 2, 1, 1, 1, 1, 1]);
    expect(monthlyTargets(0)).toEqual(Array(12).fill(0));
  });

  it('gives realisation in whole percent, capped', () => {
    expect(realisationPercent(3, 4)).toBe(75);
    expect(realisationPercent(10, 4)).toBe(120);
    expect(realisationPercent(1, 3)).toBe(33);
    expect(realisationPercent(1, 0)).toBe(0);
  });
});
