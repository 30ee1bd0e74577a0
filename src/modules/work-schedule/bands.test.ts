import { describe, expect, it } from 'vitest';
import {
  bandFor,
  DEFAULT_RULES,
  RULES_ERRORS as E,
  validateRules,
  type AttendanceRules,
  type Band,
} from '../attendance/rules.js';

describe('bandFor', () => {
  it.each([
    [1, 'TL1'],
    [30, 'TL1'],
    [31, 'TL2'],
    [60, 'TL2'],
    [61, 'TL3'],
    [90, 'TL3'],
    [91, 'TL4'],
    [600, 'TL4'],
  ])('%i minutes late → %s', (m, code) => expect(bandFor(DEFAULT_RULES.lateBands, m)?.code).toBe(code));

  it('has no band for 0 minutes', () => expect(bandFor(DEFAULT_RULES.lateBands, 0)).toBeNull());
});

describe('validateRules', () => {
  const json = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
  const withRules = (patch: Partial<Record<keyof AttendanceRules, unknown>>) => ({ ...json(DEFAULT_RULES), ...patch });
  const late = (...bands: Partial<Band>[]) => bands.map((b, i) => ({ code: `TL${i + 1}`, cutPercent: 1, ...b }));

  it('accepts the defaults, also from JSON, and returns a clean copy', () => {
    expect(validateRules(DEFAULT_RULES)).toEqual({ ok: true, rules: DEFAULT_RULES });
    const r = validateRules({ ...json(DEFAULT_RULES), note: 'Perwali 12/2024' });
    expect(r).toEqual({ ok: true, rules: DEFAULT_RULES });
    expect(r.ok && r.rules.lateBands).not.toBe(DEFAULT_RULES.lateBands);
  });

  it('accepts a city table with other bands, a grace period and a 0 % band', () => {
    const rules = withRules({
      graceMinutes: 5,
      lateBands: late(
        { fromMinutes: 1, toMinutes: 15, cutPercent: 0 },
        { fromMinutes: 16, toMinutes: null, cutPercent: 2.5 },
      ),
      missingCheckInBand: 'TL2',
    });
    expect(validateRules(rules).ok).toBe(true);
  });

  it.each([
    ['null', null, [E.notObject]],
    ['a list', [DEFAULT_RULES], [E.notObject]],
    ['a string', 'TL1', [E.notObject]],
    ['an empty object', {}, [E.grace, E.window, E.absentCut, E.monthlyCap, E.bands, E.missingBand]],
    ['grace missing', withRules({ graceMinutes: undefined }), [E.grace]],
    ['negative grace', withRules({ graceMinutes: -1 }), [E.grace]],
    ['fractional grace', withRules({ graceMinutes: 2.5 }), [E.grace]],
    ['grace as text', withRules({ graceMinutes: '5' }), [E.grace]],
    ['a check-in window of a day', withRules({ checkInOpensMinutesBefore: 1440 }), [E.window]],
    ['a check-out window missing', withRules({ checkOutClosesMinutesAfter: undefined }), [E.window]],
    ['an absent cut over 100', withRules({ absentCutPercent: 101 }), [E.absentCut]],
    ['an absent cut NaN', withRules({ absentCutPercent: NaN }), [E.absentCut]],
    ['a negative monthly cap', withRules({ monthlyCutCapPercent: -5 }), [E.monthlyCap]],
    ['no late bands', withRules({ lateBands: [] }), [E.bands, E.missingBand]],
    ['bands not a list', withRules({ earlyBands: { PSW1: 0.5 } }), [E.bands, E.missingBand]],
    [
      'a band that is not an object',
      withRules({ lateBands: [...DEFAULT_RULES.lateBands.slice(0, 3), 'TL4'] }),
      [E.bands, E.missingBand],
    ],
    [
      'overlapping bands',
      withRules({
        lateBands: late({ fromMinutes: 1, toMinutes: 30 }, { fromMinutes: 25, toMinutes: null }),
        missingCheckInBand: 'TL2',
      }),
      [E.bandRange],
    ],
    [
      'a gap between bands',
      withRules({
        lateBands: late({ fromMinutes: 1, toMinutes: 30 }, { fromMinutes: 32, toMinutes: null }),
        missingCheckInBand: 'TL2',
      }),
      [E.bandRange],
    ],
    [
      'descending bands',
      withRules({
        lateBands: late(
          { fromMinutes: 31, toMinutes: 60 },
          { fromMinutes: 1, toMinutes: 30 },
          { fromMinutes: 61, toMinutes: null },
        ),
        missingCheckInBand: 'TL3',
      }),
      [E.bandRange],
    ],
    [
      'a first band not from minute 1',
      withRules({ lateBands: late({ fromMinutes: 5, toMinutes: null }), missingCheckInBand: 'TL1' }),
      [E.bandRange],
    ],
    [
      'a band ending before it starts',
      withRules({
        lateBands: late({ fromMinutes: 1, toMinutes: 0 }, { fromMinutes: 1, toMinutes: null }),
        missingCheckInBand: 'TL2',
      }),
      [E.bandRange],
    ],
    [
      'fractional minutes',
      withRules({
        lateBands: late({ fromMinutes: 1, toMinutes: 30.5 }, { fromMinutes: 31.5, toMinutes: null }),
        missingCheckInBand: 'TL2',
      }),
      [E.bandRange],
    ],
    [
      'a closed last band',
      withRules({ lateBands: late({ fromMinutes: 1, toMinutes: 30 }), missingCheckInBand: 'TL1' }),
      [E.bandOpenEnd],
    ],
    [
      'an open band in the middle',
      withRules({
        lateBands: late({ fromMinutes: 1, toMinutes: null }, { fromMinutes: 31, toMinutes: null }),
        missingCheckInBand: 'TL1',
      }),
      [E.bandOpenEnd, E.bandRange],
    ],
    [
      'a cut over 100 %',
      withRules({ lateBands: late({ fromMinutes: 1, toMinutes: null, cutPercent: 150 }), missingCheckInBand: 'TL1' }),
      [E.bandCut],
    ],
    [
      'a negative cut',
      withRules({ lateBands: late({ fromMinutes: 1, toMinutes: null, cutPercent: -1 }), missingCheckInBand: 'TL1' }),
      [E.bandCut],
    ],
    [
      'a band code with spaces',
      withRules({ lateBands: late({ code: 'TL 1', fromMinutes: 1, toMinutes: null }), missingCheckInBand: 'TL 1' }),
      [E.bandCode],
    ],
    [
      'a code used twice',
      withRules({
        lateBands: late({ fromMinutes: 1, toMinutes: 30 }, { code: 'TL1', fromMinutes: 31, toMinutes: null }),
        missingCheckInBand: 'TL1',
      }),
      [E.bandCode],
    ],
    [
      'a code in both lists',
      withRules({ earlyBands: late({ fromMinutes: 1, toMinutes: null }), missingCheckOutBand: 'TL1' }),
      [E.bandCode],
    ],
    ['an unknown missing-check-in band', withRules({ missingCheckInBand: 'TL5' }), [E.missingBand]],
    ['a missing-check-out band from the late list', withRules({ missingCheckOutBand: 'TL4' }), [E.missingBand]],
  ])('rejects %s', (_, input, errors) => {
    expect(validateRules(input)).toEqual({ ok: false, errors });
  });

  it('uses message keys in the presensi.err namespace', () => {
    for (const key of Object.values(E)) expect(key).toMatch(/^presensi\.err\.rules_[a-z_]+$/);
  });
});
