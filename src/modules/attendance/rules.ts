// E-Presensi daily status, monthly recap and annual-leave balance: pure rules,
// no I/O; the clock (`now`) is passed in. The rules table (bands, windows,
// cuts) and its validation live in bands.ts and are re-exported here.
//
// Daily status of a planned working day, in order:
// 1. An approved absence covering the date wins: izin / sakit / cuti (any
//    cuti_* type) / dinas_luar / tugas_belajar, cut 0; punches still reported
//    (dinas luar may check in at the field location).
// 2. Records: the EARLIEST masuk in [start − checkInOpensMinutesBefore, end)
//    and the LATEST pulang in [start, end + checkOutClosesMinutesAfter] that is
//    not before that masuk. Records of neighbouring days fall outside these
//    windows, and a night shift's pulang on D + 1 falls inside.
// 3. Late minutes = whole minutes after start; up to graceMinutes is on time
//    (reported as 0 late minutes). Early minutes = whole minutes before end.
//    Each count maps to its band; the day's cut is the sum of both band cuts.
//    An approved hourly permit covering a band cancels it (permits-rules.ts).
// 4. A pulang without a masuk counts as missingCheckInBand at once (a masuk
//    cannot follow it). A masuk without a pulang counts as missingCheckOutBand
//    once the day is over (now ≥ end + checkOutClosesMinutesAfter); before
//    that the day shows hadir/terlambat from the masuk alone.
// 5. No record: tanpa_keterangan with absentCutPercent once the day is over,
//    belum_berakhir (no cut) before.
// A day that is not worked is 'libur' with cut 0 — also when an absence range
// spans it (a two-week cuti spans weekends; counting them as cuti days would
// overstate leave taken), though absenceType is still set for information.
// A late approval needs nothing special: the caller recomputes the day with
// the absence included and stores the new status next to the old one.

import type { PlannedDay } from '../work-schedule/index.js';
import { bandFor, cutOf, type AttendanceRules } from '../work-schedule/index.js';
import { localInstant } from '../work-schedule/index.js';
import { excusedBands, type ApprovedPermit, type PermitApplied } from './permits-rules.js';

export {
  DEFAULT_RULES,
  RULES_ERRORS,
  RULES_LIMITS,
  bandFor,
  validateRules,
  type AttendanceRules,
  type Band,
} from '../work-schedule/index.js';

export const ABSENCE_TYPES = [
  'izin',
  'sakit',
  'cuti_tahunan',
  'cuti_besar',
  'cuti_sakit',
  'cuti_melahirkan',
  'cuti_alasan_penting',
  'cuti_bersama',
  'cuti_luar_tanggungan',
  'dinas_luar',
  'tugas_belajar',
] as const;
export type AbsenceType = (typeof ABSENCE_TYPES)[number];

export interface Punch {
  kind: 'masuk' | 'pulang';
  at: Date;
}
export interface ApprovedAbsence {
  type: AbsenceType;
  start: string;
  end: string;
}
export type DayStatusCode =
  | 'hadir'
  | 'terlambat'
  | 'pulang_cepat'
  | 'terlambat_pulang_cepat'
  | 'tanpa_keterangan'
  | 'izin'
  | 'sakit'
  | 'cuti'
  | 'dinas_luar'
  | 'tugas_belajar'
  | 'libur'
  | 'belum_berakhir'
  // Outside the person's service (tenure.ts): before the TMT, before registration, after the end date.
  // Never absent, never cut, not a working day.
  | 'belum_bertugas'
  | 'belum_terdaftar'
  | 'selesai_bertugas';
export interface DayStatus {
  date: string;
  status: DayStatusCode;
  checkIn: Date | null;
  checkOut: Date | null;
  lateMinutes: number;
  earlyMinutes: number;
  lateBand: string | null;
  earlyBand: string | null;
  absenceType: AbsenceType | null;
  cutPercent: number;
  /** Hourly permits that cancelled a band of this day (permits-rules.ts); absent when none did. */
  permits?: PermitApplied[];
}

/** The day status an approved absence of a type gives. */
export function absenceStatus(type: AbsenceType): 'izin' | 'sakit' | 'cuti' | 'dinas_luar' | 'tugas_belajar' {
  switch (type) {
    case 'izin':
    case 'sakit':
    case 'dinas_luar':
    case 'tugas_belajar':
      return type;
    case 'cuti_tahunan':
    case 'cuti_besar':
    case 'cuti_sakit':
    case 'cuti_melahirkan':
    case 'cuti_alasan_penting':
    case 'cuti_bersama':
    case 'cuti_luar_tanggungan':
      return 'cuti';
    default: {
      const never: never = type;
      throw new Error(`unknown absence type ${String(never)}`);
    }
  }
}

const MIN_MS = 60_000;
// Sums of percentages like 0.5 + 1.25 must not carry float noise into stored figures.
const clean = (x: number) => Math.round(x * 1e6) / 1e6;

function pickPunches(punches: readonly Punch[], inFrom: number, inTo: number, outFrom: number, outTo: number) {
  let checkIn: Date | null = null;
  for (const p of punches) {
    const t = p.at.getTime();
    if (p.kind === 'masuk' && t >= inFrom && t < inTo && (!checkIn || t < checkIn.getTime())) checkIn = p.at;
  }
  let checkOut: Date | null = null;
  const outStart = Math.max(outFrom, checkIn?.getTime() ?? -Infinity);
  for (const p of punches) {
    const t = p.at.getTime();
    if (p.kind === 'pulang' && t >= outStart && t <= outTo && (!checkOut || t > checkOut.getTime())) checkOut = p.at;
  }
  return { checkIn, checkOut };
}

/** A day outside a person's service: no status of attendance, no cut, whatever was or was not recorded. */
export function outOfServiceDay(
  date: string,
  state: 'belum_bertugas' | 'belum_terdaftar' | 'selesai_bertugas',
): DayStatus {
  return {
    date,
    status: state,
    checkIn: null,
    checkOut: null,
    lateMinutes: 0,
    earlyMinutes: 0,
    lateBand: null,
    earlyBand: null,
    absenceType: null,
    cutPercent: 0,
  };
}

export interface DayInput {
  plan: PlannedDay;
  punches: readonly Punch[];
  absences: readonly ApprovedAbsence[];
  rules: AttendanceRules;
  now: Date;
  /** Only needed to report punches on a day off (they are placed by local calendar day). */
  offsetMinutes?: number;
  /** Approved hourly permits of the person around this day: each cancels the band it covers (permits-rules.ts). */
  permits?: readonly ApprovedPermit[];
}

export function computeDayStatus({ plan, punches, absences, rules, now, offsetMinutes, permits }: DayInput): DayStatus {
  const absence = absences.find((a) => a.start <= plan.date && plan.date <= a.end) ?? null;
  const base = {
    date: plan.date,
    lateMinutes: 0,
    earlyMinutes: 0,
    lateBand: null,
    earlyBand: null,
    absenceType: absence?.type ?? null,
    cutPercent: 0,
  };
  if (!plan.work) {
    if (offsetMinutes === undefined) return { ...base, status: 'libur', checkIn: null, checkOut: null };
    const from = localInstant(plan.date, '00:00', offsetMinutes).getTime();
    const to = from + 1440 * MIN_MS;
    return { ...base, status: 'libur', ...pickPunches(punches, from, to, from, to - 1) };
  }
  const start = plan.start.getTime();
  const end = plan.end.getTime();
  const closes = end + rules.checkOutClosesMinutesAfter * MIN_MS;
  const { checkIn, checkOut } = pickPunches(
    punches,
    start - rules.checkInOpensMinutesBefore * MIN_MS,
    end,
    start,
    closes,
  );
  if (absence) return { ...base, status: absenceStatus(absence.type), checkIn, checkOut };

  const over = now.getTime() >= closes;
  if (!checkIn && !checkOut) {
    return {
      ...base,
      status: over ? 'tanpa_keterangan' : 'belum_berakhir',
      checkIn,
      checkOut,
      cutPercent: over ? rules.absentCutPercent : 0,
    };
  }
  let lateMinutes = 0;
  let lateBand: string | null = null;
  if (!checkIn) lateBand = rules.missingCheckInBand;
  else {
    const m = Math.max(0, Math.floor((checkIn.getTime() - start) / MIN_MS));
    if (m > rules.graceMinutes) {
      lateMinutes = m;
      lateBand = bandFor(rules.lateBands, m)?.code ?? null;
    }
  }
  let earlyMinutes = 0;
  let earlyBand: string | null = null;
  if (!checkOut) {
    if (over) earlyBand = rules.missingCheckOutBand;
  } else {
    const m = Math.max(0, Math.floor((end - checkOut.getTime()) / MIN_MS));
    if (m > 0) {
      earlyMinutes = m;
      earlyBand = bandFor(rules.earlyBands, m)?.code ?? null;
    }
  }
  // 3b. An approved hourly permit that covers a band cancels it, with its minutes and cut.
  const applied: PermitApplied[] = [];
  const excused = excusedBands({ start: plan.start, end: plan.end, checkIn, checkOut, permits: permits ?? [] });
  if (excused.late && lateBand !== null) {
    applied.push({ id: excused.late.id, kind: excused.late.kind, band: lateBand, minutes: lateMinutes });
    [lateBand, lateMinutes] = [null, 0];
  }
  if (excused.early && earlyBand !== null) {
    applied.push({ id: excused.early.id, kind: excused.early.kind, band: earlyBand, minutes: earlyMinutes });
    [earlyBand, earlyMinutes] = [null, 0];
  }
  const late = lateMinutes > 0 || lateBand !== null;
  const early = earlyMinutes > 0 || earlyBand !== null;
  const status: DayStatusCode =
    late && early ? 'terlambat_pulang_cepat' : late ? 'terlambat' : early ? 'pulang_cepat' : 'hadir';
  const cutPercent = clean(cutOf(rules.lateBands, lateBand) + cutOf(rules.earlyBands, earlyBand));
  const out: DayStatus = {
    ...base,
    status,
    checkIn,
    checkOut,
    lateMinutes,
    earlyMinutes,
    lateBand,
    earlyBand,
    cutPercent,
  };
  if (applied.length) out.permits = applied;
  return out;
}

export interface MonthSummary {
  workDays: number;
  present: number;
  late: number;
  earlyLeave: number;
  lateMinutes: number;
  earlyMinutes: number;
  bands: Record<string, number>;
  absences: Partial<Record<AbsenceType, number>>;
  absentWithoutReason: number;
  holidays: number;
  /** Days before the start of service (TMT) or registration, or after the end: not working days, not absences (tenure.ts). */
  outOfService: number;
  /** Days on which an approved hourly permit cancelled a band (permits-rules.ts): shown beside the bands in the recap. */
  permitDays: number;
  cutPercent: number;
}

/** Days outside a person's service (tenure.ts). */
export const OUT_OF_SERVICE: ReadonlySet<DayStatusCode> = new Set([
  'belum_bertugas',
  'belum_terdaftar',
  'selesai_bertugas',
]);
const PRESENT: ReadonlySet<DayStatusCode> = new Set(['hadir', 'terlambat', 'pulang_cepat', 'terlambat_pulang_cepat']);
const ABSENT_WITH_REASON: ReadonlySet<DayStatusCode> = new Set([
  'izin',
  'sakit',
  'cuti',
  'dinas_luar',
  'tugas_belajar',
]);

/**
 * Totals of a month of day statuses. workDays are the days not 'libur'
 * (including days still running) and within the person's service (days
 * before the TMT or after the end date are counted in outOfService only); `bands` lists every band code of the rules,
 * 0 when unused, so recap columns are stable; cutPercent is the sum of the
 * day cuts capped at monthlyCutCapPercent, rounded to 2 decimals.
 */
export function summarizeMonth(days: readonly DayStatus[], rules: AttendanceRules): MonthSummary {
  const s: MonthSummary = {
    workDays: 0,
    present: 0,
    late: 0,
    earlyLeave: 0,
    lateMinutes: 0,
    earlyMinutes: 0,
    bands: {},
    absences: {},
    absentWithoutReason: 0,
    holidays: 0,
    outOfService: 0,
    permitDays: 0,
    cutPercent: 0,
  };
  for (const b of [...rules.lateBands, ...rules.earlyBands]) s.bands[b.code] = 0;
  let cut = 0;
  for (const d of days) {
    if (d.status === 'libur') {
      s.holidays++;
      continue;
    }
    if (OUT_OF_SERVICE.has(d.status)) {
      s.outOfService++;
      continue;
    }
    s.workDays++;
    if (PRESENT.has(d.status)) s.present++;
    if (d.status === 'terlambat' || d.status === 'terlambat_pulang_cepat') s.late++;
    if (d.status === 'pulang_cepat' || d.status === 'terlambat_pulang_cepat') s.earlyLeave++;
    if (d.status === 'tanpa_keterangan') s.absentWithoutReason++;
    if (ABSENT_WITH_REASON.has(d.status) && d.absenceType)
      s.absences[d.absenceType] = (s.absences[d.absenceType] ?? 0) + 1;
    s.lateMinutes += d.lateMinutes;
    s.earlyMinutes += d.earlyMinutes;
    for (const code of [d.lateBand, d.earlyBand]) if (code !== null) s.bands[code] = (s.bands[code] ?? 0) + 1;
    if (d.permits?.length) s.permitDays++;
    cut += d.cutPercent;
  }
  s.cutPercent = Math.round(Math.min(cut, rules.monthlyCutCapPercent) * 100) / 100;
  return s;
}

/**
 * Annual leave (cuti tahunan) available this year, PP 11/2017 art. 310–312 as
 * BKN applies it (Perka BKN 24/2017):
 * - `entitlement` days a year (12);
 * - days left unused last year carry over, at most 6 (so at most 18 in all);
 * - when leave also went unused the year before that (two years in a row),
 *   up to 6 of those days carry over too (at most 24 in all).
 * Each `unused*` is the days of that year's own entitlement left untaken.
 * remaining = available − taken this year, never below 0.
 */
export function leaveBalance(input: {
  entitlement?: number;
  unusedLastYear: number;
  unusedTwoYearsAgo: number;
  takenThisYear: number;
}): { available: number; remaining: number } {
  const pos = (x: number) => (Number.isFinite(x) ? Math.max(0, x) : 0);
  const entitlement = pos(input.entitlement ?? 12);
  const lastYear = Math.min(6, pos(input.unusedLastYear));
  const twoYearsAgo = lastYear > 0 ? Math.min(6, pos(input.unusedTwoYearsAgo)) : 0;
  const available = entitlement + lastYear + twoYearsAgo;
  return { available, remaining: Math.max(0, available - pos(input.takenThisYear)) };
}
