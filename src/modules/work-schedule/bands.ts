// The E-Presensi rules table: lateness (TL) and leaving-early (PSW) bands and
// their allowance (TPP) cuts, as set by each city's mayoral regulation. Pure,
// no I/O. Re-exported by rules.ts; this file holds the table and its checks.
//
// A valid band list covers every minute from 1 upwards: the first band starts
// at 1, each next band starts one minute after the previous one ends, and only
// the last is open-ended (toMinutes null). So every late or early minute count
// has exactly one band, and "late but no band" cannot happen. A city that
// forgives the first minutes uses graceMinutes (or a band with a 0 % cut).
// Band codes are unique across both lists because recaps count them together.

import { isObj } from './schedule.js';

export interface Band {
  code: string;
  fromMinutes: number;
  toMinutes: number | null;
  cutPercent: number;
}

export interface AttendanceRules {
  graceMinutes: number;
  lateBands: Band[];
  earlyBands: Band[];
  missingCheckInBand: string;
  missingCheckOutBand: string;
  absentCutPercent: number;
  checkInOpensMinutesBefore: number;
  checkOutClosesMinutesAfter: number;
  monthlyCutCapPercent: number;
}

const bands = (prefix: string): Band[] => [
  { code: `${prefix}1`, fromMinutes: 1, toMinutes: 30, cutPercent: 0.5 },
  { code: `${prefix}2`, fromMinutes: 31, toMinutes: 60, cutPercent: 1 },
  { code: `${prefix}3`, fromMinutes: 61, toMinutes: 90, cutPercent: 1.25 },
  { code: `${prefix}4`, fromMinutes: 91, toMinutes: null, cutPercent: 1.5 },
];

export const DEFAULT_RULES: AttendanceRules = {
  graceMinutes: 0,
  lateBands: bands('TL'),
  earlyBands: bands('PSW'),
  missingCheckInBand: 'TL4',
  missingCheckOutBand: 'PSW4',
  absentCutPercent: 3,
  checkInOpensMinutesBefore: 120,
  checkOutClosesMinutesAfter: 360,
  monthlyCutCapPercent: 100,
};

/** Sanity limits for configured values. */
export const RULES_LIMITS = { maxGraceMinutes: 240, maxWindowMinutes: 720, maxBands: 20 } as const;

/** The band a minute count (≥ 1) falls in. */
export function bandFor(list: readonly Band[], minutes: number): Band | null {
  return list.find((b) => minutes >= b.fromMinutes && (b.toMinutes === null || minutes <= b.toMinutes)) ?? null;
}

/** The cut of a band code in a list (0 for null or an unknown code). */
export const cutOf = (list: readonly Band[], code: string | null) =>
  code === null ? 0 : (list.find((b) => b.code === code)?.cutPercent ?? 0);

/** Message keys returned by validateRules. */
export const RULES_ERRORS = {
  notObject: 'presensi.err.rules_not_object',
  grace: 'presensi.err.rules_grace',
  window: 'presensi.err.rules_window',
  absentCut: 'presensi.err.rules_absent_cut',
  monthlyCap: 'presensi.err.rules_monthly_cap',
  bands: 'presensi.err.rules_bands',
  bandCode: 'presensi.err.rules_band_code',
  bandCut: 'presensi.err.rules_band_cut',
  bandRange: 'presensi.err.rules_band_range',
  bandOpenEnd: 'presensi.err.rules_band_open_end',
  missingBand: 'presensi.err.rules_missing_band',
} as const;
const E = RULES_ERRORS;

const isIntIn = (v: unknown, lo: number, hi: number): v is number =>
  Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;
const isPercent = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100;
const BAND_CODE = /^[A-Z0-9]{1,8}$/;

function readBands(v: unknown, codes: Set<string>, errors: Set<string>): Band[] {
  if (!Array.isArray(v) || !v.length || v.length > RULES_LIMITS.maxBands) {
    errors.add(E.bands);
    return [];
  }
  const out: Band[] = [];
  let next = 1; // the minute the next band must start at
  for (const [i, b] of (v as unknown[]).entries()) {
    if (!isObj(b)) {
      errors.add(E.bands);
      continue;
    }
    const last = i === v.length - 1;
    if (typeof b.code !== 'string' || !BAND_CODE.test(b.code) || codes.has(b.code)) errors.add(E.bandCode);
    else codes.add(b.code);
    if (!isPercent(b.cutPercent)) errors.add(E.bandCut);
    if (
      b.fromMinutes !== next ||
      (b.toMinutes !== null && !(Number.isInteger(b.toMinutes) && (b.toMinutes as number) >= next))
    )
      errors.add(E.bandRange);
    if ((b.toMinutes === null) !== last) errors.add(E.bandOpenEnd);
    next = typeof b.toMinutes === 'number' ? b.toMinutes + 1 : NaN;
    out.push({
      code: String(b.code),
      fromMinutes: Number(b.fromMinutes),
      toMinutes: b.toMinutes === null ? null : Number(b.toMinutes),
      cutPercent: Number(b.cutPercent),
    });
  }
  return out;
}

/** Checks a rules table from configuration; returns a clean copy or message keys. Every field is required. */
export function validateRules(input: unknown): { ok: true; rules: AttendanceRules } | { ok: false; errors: string[] } {
  if (!isObj(input)) return { ok: false, errors: [E.notObject] };
  const errors = new Set<string>();
  const L = RULES_LIMITS;
  if (!isIntIn(input.graceMinutes, 0, L.maxGraceMinutes)) errors.add(E.grace);
  if (
    !isIntIn(input.checkInOpensMinutesBefore, 0, L.maxWindowMinutes) ||
    !isIntIn(input.checkOutClosesMinutesAfter, 0, L.maxWindowMinutes)
  )
    errors.add(E.window);
  if (!isPercent(input.absentCutPercent)) errors.add(E.absentCut);
  if (!isPercent(input.monthlyCutCapPercent)) errors.add(E.monthlyCap);
  const codes = new Set<string>();
  const lateBands = readBands(input.lateBands, codes, errors);
  const earlyBands = readBands(input.earlyBands, codes, errors);
  const has = (list: Band[], code: unknown) => typeof code === 'string' && list.some((b) => b.code === code);
  if (!has(lateBands, input.missingCheckInBand) || !has(earlyBands, input.missingCheckOutBand))
    errors.add(E.missingBand);
  if (errors.size) return { ok: false, errors: [...errors] };
  return {
    ok: true,
    rules: {
      graceMinutes: input.graceMinutes as number,
      lateBands,
      earlyBands,
      missingCheckInBand: input.missingCheckInBand as string,
      missingCheckOutBand: input.missingCheckOutBand as string,
      absentCutPercent: input.absentCutPercent as number,
      checkInOpensMinutesBefore: input.checkInOpensMinutesBefore as number,
      checkOutClosesMinutesAfter: input.checkOutClosesMinutesAfter as number,
      monthlyCutCapPercent: input.monthlyCutCapPercent as number,
    },
  };
}
