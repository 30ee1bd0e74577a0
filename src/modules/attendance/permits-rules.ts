// Hourly permits (izin terlambat datang, izin meninggalkan kantor, izin pulang
// cepat): pure rules, no I/O. A permit approved by the direct superior cancels
// the lateness or early-leave band (TL/PSW, and so its cut) it covers
// (DOMAIN.md, "Civil servants"; each city's Perwali on TPP and discipline of
// working hours).
//
// Covering, on instants (so a night shift's permit after midnight, entered on
// the next date, still meets its day):
// - the late band: a permit of kind terlambat or meninggalkan_kantor that
//   starts no later than the planned start and ends no earlier than the
//   check-in. A permit that leaves part of the lateness uncovered cancels
//   nothing: the band stands and the page says the permit did not cover it.
// - the early band: a permit of kind pulang_cepat or meninggalkan_kantor that
//   starts no later than the check-out and ends no earlier than the planned end.
// - a missing check-in (TL4) or check-out (PSW4) is never covered: a permit
//   excuses an hour, not a punch the person did not make.
//
// Limits (how many permits a month, how long one may be, how far back one may
// be asked for) are the city's policy: configuration (HOURLY_PERMIT_*), checked
// by permitLimitProblem when a permit is requested.

export const PERMIT_KINDS = ['terlambat', 'meninggalkan_kantor', 'pulang_cepat'] as const;
export type PermitKind = (typeof PERMIT_KINDS)[number];
export const PERMIT_STATUSES = ['diajukan', 'disetujui', 'ditolak', 'dibatalkan'] as const;
export type PermitStatus = (typeof PERMIT_STATUSES)[number];

/** An approved permit as the day rule sees it: its window as instants. */
export interface ApprovedPermit {
  id: number;
  kind: PermitKind;
  from: Date;
  to: Date;
}

/** What a permit did to a day: the band it cancelled and the minutes it excused. */
export interface PermitApplied {
  id: number;
  kind: PermitKind;
  band: string;
  minutes: number;
}

const COVERS_LATE: ReadonlySet<PermitKind> = new Set(['terlambat', 'meninggalkan_kantor']);
const COVERS_EARLY: ReadonlySet<PermitKind> = new Set(['pulang_cepat', 'meninggalkan_kantor']);

/** The permits that cancel the day's late and early bands, if any (see the header). */
export function excusedBands(input: {
  start: Date;
  end: Date;
  checkIn: Date | null;
  checkOut: Date | null;
  permits: readonly ApprovedPermit[];
}): { late: ApprovedPermit | null; early: ApprovedPermit | null } {
  const { start, end, checkIn, checkOut, permits } = input;
  const late = checkIn
    ? (permits.find((p) => COVERS_LATE.has(p.kind) && p.from <= start && p.to >= checkIn) ?? null)
    : null;
  const early = checkOut
    ? (permits.find((p) => COVERS_EARLY.has(p.kind) && p.from <= checkOut && p.to >= end) ?? null)
    : null;
  return { late, early };
}

/** The city's limits on hourly permits (config HOURLY_PERMIT_*; city policy, numbers unverified). */
export interface PermitLimits {
  /** Permits (asked or approved) a person may have in one calendar month. */
  maxPerMonth: number;
  /** The longest one permit may be, in minutes. */
  maxMinutes: number;
  /** How many days back a permit may still be asked for (a late arrival is often asked for afterwards). */
  daysBack: number;
}

/**
 * Defaults: four permits a month of at most four hours each, asked for up to
 * seven days after the day. Common practice in Perwali on TPP, not a national
 * rule (unverified): each city sets its own in HOURLY_PERMIT_MAX_PER_MONTH,
 * HOURLY_PERMIT_MAX_MINUTES and HOURLY_PERMIT_DAYS_BACK.
 */
export const DEFAULT_PERMIT_LIMITS: PermitLimits = { maxPerMonth: 4, maxMinutes: 240, daysBack: 7 };

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
export const isTime = (s: string) => TIME.test(s);
export const minutesOfTime = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

export type PermitProblem = {
  field: 'startTime' | 'endTime' | 'permitDate';
  key: string;
  params?: Record<string, string | number>;
} | null;

/**
 * Why a new permit may not be asked for, or null. Times are the city's wall
 * times on `date` ('HH:MM'); a permit lies within one date (a night shift's
 * hours after midnight are asked for on the next date). `sameMonth` counts the
 * person's permits of that month that are asked or approved.
 */
export function permitLimitProblem(input: {
  date: string;
  startTime: string;
  endTime: string;
  today: string;
  sameMonth: number;
  limits: PermitLimits;
}): PermitProblem {
  const { limits } = input;
  if (!isTime(input.startTime)) return { field: 'startTime', key: 'permit.err.time' };
  if (!isTime(input.endTime)) return { field: 'endTime', key: 'permit.err.time' };
  const minutes = minutesOfTime(input.endTime) - minutesOfTime(input.startTime);
  if (minutes <= 0) return { field: 'endTime', key: 'permit.err.order' };
  if (minutes > limits.maxMinutes)
    return { field: 'endTime', key: 'permit.err.too_long', params: { max: limits.maxMinutes, minutes } };
  const back = Math.round((Date.parse(input.today) - Date.parse(input.date)) / 86_400_000);
  if (back > limits.daysBack)
    return { field: 'permitDate', key: 'permit.err.too_old', params: { days: limits.daysBack } };
  if (back < -31) return { field: 'permitDate', key: 'permit.err.too_far' };
  if (input.sameMonth >= limits.maxPerMonth)
    return { field: 'permitDate', key: 'permit.err.month_limit', params: { max: limits.maxPerMonth } };
  return null;
}
