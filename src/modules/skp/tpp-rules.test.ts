import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PREDIKATS } from './rules.js';
import { computeTpp, DEFAULT_TPP_SCHEME, tppSchemeProblem } from './tpp-rules.js';

describe('TPP formula', () => {
  it('pays the whole basic amount for Sangat Baik, no cut, no stopped day', () => {
    const r = computeTpp(
      { basic: 4_000_000, predikat: 'sangat_baik', disciplineCutPercent: 0, workingDays: 21, stoppedDays: 0 },
      DEFAULT_TPP_SCHEME,
    );
    expect(r.amount).toBe(4_000_000);
    expect(r.performancePart).toBe(2_400_000);
    expect(r.disciplinePart).toBe(1_600_000);
  });

  it('computes a hand example: Baik, cuts 0.5 + 1.25 + 3 %, 2 of 20 days stopped', () => {
    // perf = 3,500,000 × 60 % × 100 % = 2,100,000; disc = 3,500,000 × 40 % × 95.25 % = 1,333,500;
    // (2,100,000 + 1,333,500) × 18/20 = 3,090,150.
    const r = computeTpp(
      { basic: 3_500_000, predikat: 'baik', disciplineCutPercent: 4.75, workingDays: 20, stoppedDays: 2 },
      DEFAULT_TPP_SCHEME,
    );
    expect(r.amount).toBe(3_090_150);
  });

  it('pays no performance part before the month is rated, and nothing for a month wholly stopped', () => {
    const unrated = computeTpp(
      { basic: 1_000_000, predikat: null, disciplineCutPercent: 0, workingDays: 20, stoppedDays: 0 },
      DEFAULT_TPP_SCHEME,
    );
    expect(unrated.amount).toBe(400_000);
    const stopped = computeTpp(
      { basic: 1_000_000, predikat: 'baik', disciplineCutPercent: 0, workingDays: 20, stoppedDays: 25 },
      DEFAULT_TPP_SCHEME,
    );
    expect(stopped.amount).toBe(0);
  });

  it('is never below zero, never above the basic amount, and equals the formula (property)', () => {
    const scheme = fc.integer({ min: 0, max: 100 }).chain((p) =>
      fc.record({
        performanceShare: fc.constant(p),
        disciplineShare: fc.constant(100 - p),
        predikatFactor: fc.record({
          sangat_baik: fc.integer({ min: 0, max: 100 }),
          baik: fc.integer({ min: 0, max: 100 }),
          butuh_perbaikan: fc.integer({ min: 0, max: 100 }),
          kurang: fc.integer({ min: 0, max: 100 }),
          sangat_kurang: fc.integer({ min: 0, max: 100 }),
        }),
      }),
    );
    const input = fc.record({
      basic: fc.integer({ min: 0, max: 100_000_000 }),
      predikat: fc.option(fc.constantFrom(...PREDIKATS), { nil: null }),
      // Cuts in hundredths of a percent, up to beyond 100 % (capped).
      disciplineCutPercent: fc.integer({ min: 0, max: 15_000 }).map((n) => n / 100),
      workingDays: fc.integer({ min: 0, max: 23 }),
      stoppedDays: fc.integer({ min: 0, max: 30 }),
    });
    fc.assert(
      fc.property(input, scheme, (i, s) => {
        const r = computeTpp(i, s);
        expect(r.amount).toBeGreaterThanOrEqual(0);
        expect(r.amount).toBeLessThanOrEqual(i.basic);
        expect(r.performancePart + r.disciplinePart).toBe(r.amount);
        // The formula, written out independently in exact rationals (numerator / denominator).
        if (i.workingDays === 0) {
          expect(r.amount).toBe(0);
          return;
        }
        const paid = Math.max(0, Math.min(i.workingDays, i.workingDays - i.stoppedDays));
        const factor = i.predikat ? s.predikatFactor[i.predikat] : 0;
        const keptBp = 10_000 - Math.min(10_000, Math.round(i.disciplineCutPercent * 100));
        // share% × factor% + share% × kept‰‱ → in 1/10⁶ of the basic amount
        const perMillion = BigInt(s.performanceShare * factor * 100 + s.disciplineShare * keptBp);
        const expected = (BigInt(i.basic) * perMillion * BigInt(paid)) / (1_000_000n * BigInt(i.workingDays));
        expect(r.amount).toBe(Number(expected));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a scheme whose shares do not add up to 100', () => {
    expect(tppSchemeProblem(DEFAULT_TPP_SCHEME)).toBeNull();
    expect(tppSchemeProblem({ ...DEFAULT_TPP_SCHEME, disciplineShare: 50 })).toMatch(/100/);
  });
});
