import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WEIGHTS,
  median,
  monthOf,
  monthRange,
  parseWeights,
  parseWeightsText,
  rank,
  score,
  scoreParts,
  type HeadFigures,
  type ScoreWeights,
} from './rules.js';

const base: HeadFigures = {
  handled: 4,
  within: 3,
  returns: 1,
  medianSeconds: 300,
  medianRatio: 0.5,
  overdue: 1,
  pactSigned: false,
  trainingsDone: 0,
  activitiesDone: 0,
};
/** The weights before community activity counted (issue 13): the hand sums below are written against them. */
const W: ScoreWeights = {
  withinBudget: 40,
  speed: 30,
  returns: 10,
  pact: 10,
  training: 10,
  overduePenalty: 2,
  trainingsRequired: 2,
  activity: 0,
  activitiesRequired: 2,
};

describe('median', () => {
  it('is the middle value, or the mean of the two middle values', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([900, 120, 360, 240])).toBe(300);
    expect(median([5, 1, 3])).toBe(3);
  });
});

describe('score', () => {
  it('adds weighted parts and takes off the overdue penalty', () => {
    // 40×0.75 + 30×(1−0.5) + 10×(1−0.25) + 0 + 0 = 52.5; − 2×1 = 50.5
    expect(score(base, W)).toBe(50.5);
    expect(scoreParts(base, W)).toEqual({
      withinBudget: 30,
      speed: 15,
      returns: 7.5,
      pact: 0,
      training: 0,
      activity: 0,
      overduePenalty: 2,
    });
  });
  it('counts pact and training from the optional inputs', () => {
    expect(score({ ...base, overdue: 0, pactSigned: true, trainingsDone: 1 }, W)).toBe(52.5 + 10 + 5);
    expect(score({ ...base, overdue: 0, pactSigned: true, trainingsDone: 9 }, W)).toBe(72.5);
  });
  it('clamps to 0–100', () => {
    expect(score({ ...base, overdue: 200 }, W)).toBe(0);
    expect(
      score({ ...base, within: 4, returns: 0, medianRatio: -3, overdue: 0, pactSigned: true, trainingsDone: 2 }, W),
    ).toBe(100);
    expect(score({ ...base, medianRatio: 7, overdue: 0 }, W)).toBe(37.5);
  });
  it('judges a head who handled nothing on pact, training and activity only', () => {
    const idle: HeadFigures = {
      handled: 0,
      within: 0,
      returns: 0,
      medianSeconds: null,
      medianRatio: null,
      overdue: 0,
      pactSigned: true,
      trainingsDone: 1,
      activitiesDone: 0,
    };
    expect(score(idle, W)).toBe(75); // (10 + 5) / 20
    expect(score({ ...idle, pactSigned: false, trainingsDone: 0 }, W)).toBe(0);
    // Default weights: (10 + 5 + 10×1/2) / 30
    expect(score({ ...idle, activitiesDone: 1 })).toBe(Math.round(((10 + 5 + 5) / 30) * 1000) / 10);
  });
  it('takes its weights from configuration', () => {
    const w = parseWeights({
      withinBudget: 100,
      speed: 0,
      returns: 0,
      pact: 0,
      training: 0,
      activity: 0,
      overduePenalty: 0,
    });
    expect(score(base, w)).toBe(75);
    expect(parseWeights(undefined)).toEqual(DEFAULT_WEIGHTS);
    expect(() => parseWeights({ speed: -1 })).toThrow();
  });
});

describe('community activity in the score', () => {
  const full = { ...base, within: 4, returns: 0, medianRatio: 0, overdue: 0, pactSigned: true, trainingsDone: 2 };
  it('gives the activity weight in steps of activitiesRequired, capped at full marks', () => {
    const w = DEFAULT_WEIGHTS;
    expect(scoreParts({ ...full, activitiesDone: 0 }, w).activity).toBe(0);
    expect(scoreParts({ ...full, activitiesDone: 1 }, w).activity).toBe(w.activity / w.activitiesRequired);
    expect(scoreParts({ ...full, activitiesDone: 2 }, w).activity).toBe(w.activity);
    expect(scoreParts({ ...full, activitiesDone: 9 }, w).activity).toBe(w.activity);
    expect(score({ ...full, activitiesDone: 2 }, w)).toBe(100);
  });
  it('moves a full score by the activity share of all measured weights', () => {
    const w = DEFAULT_WEIGHTS;
    const measured = w.withinBudget + w.speed + w.returns + w.pact + w.training + w.activity;
    const step = (w.activity / w.activitiesRequired / measured) * 100;
    expect(score({ ...full, activitiesDone: 1 }, w) - score({ ...full, activitiesDone: 0 }, w)).toBeCloseTo(step, 1);
  });
  it('full marks when no activity is required; weight 0 leaves the score as before', () => {
    expect(scoreParts({ ...full, activitiesDone: 0 }, { ...DEFAULT_WEIGHTS, activitiesRequired: 0 }).activity).toBe(
      DEFAULT_WEIGHTS.activity,
    );
    expect(score({ ...base, activitiesDone: 5 }, W)).toBe(score(base, W));
  });
  it('keeps the default weights of the measured parts at 100 in all', () => {
    const w = DEFAULT_WEIGHTS;
    expect(w.withinBudget + w.speed + w.returns + w.pact + w.training + w.activity).toBe(100);
  });
});

describe('months in a time zone', () => {
  it('runs from local midnight on the first', () => {
    const r = monthRange('2026-03', 'Asia/Jakarta');
    expect(r.start.toISOString()).toBe('2026-02-28T17:00:00.000Z');
    expect(r.end.toISOString()).toBe('2026-03-31T17:00:00.000Z');
    expect(monthRange('2026-12', 'Asia/Jayapura').end.toISOString()).toBe('2026-12-31T15:00:00.000Z');
    expect(monthOf(new Date('2026-03-31T17:30:00Z'), 'Asia/Jakarta')).toBe('2026-04');
    expect(monthOf(new Date('2026-03-31T16:59:59Z'), 'Asia/Jakarta')).toBe('2026-03');
  });
});

describe('rank', () => {
  it('ranks overall and within each kelurahan; ties share a rank', () => {
    const r = rank([
      { name: 'a', regionCode: '35.74.01.1001.001.001', score: 50 },
      { name: 'b', regionCode: '35.74.01.1002.001.001', score: 90 },
      { name: 'c', regionCode: '35.74.01.1001.001.002', score: 90 },
      { name: 'd', regionCode: '35.74.01.1001.002', score: 10 },
    ]);
    expect(r.map((x) => [x.name, x.rank, x.rankInKelurahan])).toEqual([
      ['c', 1, 1],
      ['b', 1, 1],
      ['a', 3, 2],
      ['d', 4, 3],
    ]);
  });
});

describe('KINERJA_WEIGHTS text', () => {
  it('reads key=value pairs; keys left out keep their default', () => {
    expect(parseWeightsText('withinBudget=50, speed=20,overduePenalty=5')).toEqual({
      ok: true,
      weights: { ...DEFAULT_WEIGHTS, withinBudget: 50, speed: 20, overduePenalty: 5 },
    });
    expect(parseWeightsText('')).toEqual({ ok: true, weights: DEFAULT_WEIGHTS });
    expect(parseWeightsText('pact=2.5')).toMatchObject({ ok: true, weights: { pact: 2.5 } });
  });
  it('refuses unknown keys, negative or missing numbers, repeats, all-zero weights and a fractional training count', () => {
    for (const bad of [
      'kecepatan=30',
      'speed=-1',
      'speed=',
      'speed=abc',
      'speed=1,speed=2',
      'withinBudget=0,speed=0,returns=0,pact=0,training=0,activity=0',
      'trainingsRequired=1.5',
      'activitiesRequired=0.5',
    ]) {
      const r = parseWeightsText(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.problem.length).toBeGreaterThan(5);
    }
  });
});
