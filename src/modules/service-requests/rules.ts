// The approval state machine and the clocks of a request. Pure: no I/O, the
// time is passed in. The database makes each transition happen once
// (conditional update on version); these rules decide whether it may.
import type { Role } from '../../kernel/roles.js';

import { STAGES, type Stage } from '../catalogue/index.js';
import { addServiceMinutes, serviceMillisBetween, type ServiceTime } from '../work-schedule/index.js';
export { STAGES, type Stage };
export type RequestStatus = 'in_progress' | 'returned' | 'rejected' | 'completed';
export type Action = 'approve' | 'return' | 'reject' | 'resubmit';

/** Who acts at each stage (and must also cover the request's region). */
export const STAGE_ROLES: Record<Stage, readonly Role[]> = {
  rt: ['ketua_rt'],
  rw: ['ketua_rw'],
  kelurahan: ['lurah', 'staf_kelurahan'],
  kecamatan: ['camat', 'staf_kecamatan'],
};

/** Who hears about a breach at each stage: the next level up. */
export const SUPERVISOR_ROLES: Record<Stage, readonly Role[]> = {
  rt: ['ketua_rw'],
  rw: ['lurah'],
  kelurahan: ['camat'],
  kecamatan: ['admin_kota'],
};

export const WARN_FRACTION = 0.75;

export interface RequestState {
  status: RequestStatus;
  stageIndex: number;
  route: readonly Stage[];
}

export type Decision =
  | { ok: true; next: { status: RequestStatus; stageIndex: number; stage: Stage | null }; issuesLetter: boolean }
  | { ok: false; reason: 'not_in_progress' | 'not_returned' | 'wrong_role' | 'reason_required' };

export function stageOf(s: RequestState): Stage | null {
  return s.route[s.stageIndex] ?? null;
}

export function canActAtStage(role: Role, stage: Stage | null): boolean {
  return stage !== null && STAGE_ROLES[stage].includes(role);
}

/** Not this person's stage: either it already passed them (someone acted: 409) or it never was theirs (403). */
function notYours(s: RequestState, role: Role): Decision {
  const passed = s.route.slice(0, s.stageIndex).some((st) => canActAtStage(role, st));
  return { ok: false, reason: passed ? 'not_in_progress' : 'wrong_role' };
}

/** What an action does to a request, if it is allowed at all. */
export function decide(
  s: RequestState,
  action: Action,
  actor: { role: Role; isSubmitter: boolean },
  reason = '',
): Decision {
  const stage = stageOf(s);
  switch (action) {
    case 'approve': {
      if (s.status !== 'in_progress') return { ok: false, reason: 'not_in_progress' };
      if (!canActAtStage(actor.role, stage)) return notYours(s, actor.role);
      const last = s.stageIndex >= s.route.length - 1;
      return last
        ? { ok: true, next: { status: 'completed', stageIndex: s.stageIndex, stage: null }, issuesLetter: true }
        : {
            ok: true,
            next: { status: 'in_progress', stageIndex: s.stageIndex + 1, stage: s.route[s.stageIndex + 1]! },
            issuesLetter: false,
          };
    }
    case 'return':
    case 'reject': {
      if (s.status !== 'in_progress') return { ok: false, reason: 'not_in_progress' };
      if (!canActAtStage(actor.role, stage)) return notYours(s, actor.role);
      if (!reason.trim()) return { ok: false, reason: 'reason_required' };
      return {
        ok: true,
        next: {
          status: action === 'return' ? 'returned' : 'rejected',
          stageIndex: s.stageIndex,
          stage: action === 'return' ? stage : null,
        },
        issuesLetter: false,
      };
    }
    case 'resubmit': {
      if (s.status !== 'returned') return { ok: false, reason: 'not_returned' };
      // The submitter (citizen or the RT head who filed it) fixes it; it resumes where it was returned.
      if (!actor.isSubmitter && actor.role !== 'ketua_rt') return { ok: false, reason: 'wrong_role' };
      return { ok: true, next: { status: 'in_progress', stageIndex: s.stageIndex, stage }, issuesLetter: false };
    }
  }
}

// ---- Clocks ----
//
// Each stage counts on one of two clocks (DOMAIN.md: service standards are
// set in working hours and days; the RT/RW stages may run round the clock):
// - 'service_hours': only the office's service hours on its working calendar
//   count (work-schedule/service-hours.ts); nights, weekends, libur nasional
//   and cuti bersama do not.
// - 'round_the_clock': every minute counts.
// Due and warning times are instants computed once, when the stage starts,
// and stored: the sweep and every "late" query compare instants, so they
// need no calendar. The elapsed time recorded on a transition is counted on
// the stage's clock, and the clock is recorded beside it.

export type ClockMode = 'service_hours' | 'round_the_clock';
export type StageClockModes = Readonly<Record<Stage, ClockMode>>;

/** RT and RW heads are neighbours, not offices: their stages run round the clock; kelurahan and kecamatan count service hours. */
export const DEFAULT_STAGE_CLOCKS: StageClockModes = {
  rt: 'round_the_clock',
  rw: 'round_the_clock',
  kelurahan: 'service_hours',
  kecamatan: 'service_hours',
};

/**
 * The stages that count service hours, from configuration
 * (`SLA_SERVICE_HOURS_STAGES`: comma-separated stages, or `none`); every
 * other stage runs round the clock.
 */
export function parseServiceHoursStages(
  text: string,
): { ok: true; modes: StageClockModes } | { ok: false; problem: string } {
  const v = text.trim().toLowerCase();
  const named =
    v === 'none'
      ? []
      : v
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean);
  const unknown = named.filter((x) => !(STAGES as readonly string[]).includes(x));
  if (unknown.length)
    return {
      ok: false,
      problem: `tahap tidak dikenal: ${unknown.join(', ')} (pilih dari ${STAGES.join(', ')}, atau none)`,
    };
  if (v !== 'none' && !named.length) return { ok: false, problem: `tulis tahap dari ${STAGES.join(', ')}, atau none` };
  const modes = Object.fromEntries(
    STAGES.map((st) => [st, named.includes(st) ? 'service_hours' : 'round_the_clock']),
  ) as Record<Stage, ClockMode>;
  return { ok: true, modes };
}

/**
 * The end-to-end clock of a route: service hours as soon as one of its stages
 * counts them — the promise (45 minutes in Kota Probolinggo) is the offices'
 * promise, kept while they are open; RT/RW minutes outside service hours do
 * not count against it.
 */
export function totalClockMode(route: readonly Stage[], modes: StageClockModes): ClockMode {
  return route.some((st) => modes[st] === 'service_hours') ? 'service_hours' : 'round_the_clock';
}

/** A clock to count on: round the clock, or the service hours of an office (hours, calendar, zone). */
export type Counting = { mode: 'round_the_clock' } | { mode: 'service_hours'; time: ServiceTime };
export const ROUND_THE_CLOCK: Counting = { mode: 'round_the_clock' };

/** The instant at which `minutes` will have been counted after `start`. */
export function dueAfter(start: Date, minutes: number, c: Counting): Date {
  return c.mode === 'service_hours'
    ? addServiceMinutes(start, minutes, c.time)
    : new Date(start.getTime() + Math.round(minutes * 60_000));
}

/** Milliseconds counted in [from, to) (0 when `to` is not after `from`). */
export function countedMillis(from: Date, to: Date, c: Counting): number {
  return c.mode === 'service_hours'
    ? serviceMillisBetween(from, to, c.time)
    : Math.max(0, to.getTime() - from.getTime());
}

export interface StageClock {
  startedAt: Date;
  warnAt: Date;
  dueAt: Date;
  budgetMinutes: number;
  mode: ClockMode;
}

/** A stage's clock: the warning at 75 % and the breach at 100 % of its budget, both counted on `c`. */
export function stageClock(startedAt: Date, budgetMinutes: number, c: Counting = ROUND_THE_CLOCK): StageClock {
  return {
    startedAt,
    budgetMinutes,
    mode: c.mode,
    warnAt: dueAfter(startedAt, budgetMinutes * WARN_FRACTION, c),
    dueAt: dueAfter(startedAt, budgetMinutes, c),
  };
}

/** The per-stage budget from a type's configuration, falling back to an even share of the total. */
export function stageBudget(
  type: { route: readonly Stage[]; stage_budgets: Partial<Record<Stage, number>>; total_budget_minutes: number },
  stage: Stage,
): number {
  return type.stage_budgets[stage] ?? Math.max(1, Math.floor(type.total_budget_minutes / type.route.length));
}

/** Whole seconds counted from `from` to `to` on `c` (wall seconds by default). */
export function elapsedSeconds(from: Date, to: Date, c: Counting = ROUND_THE_CLOCK): number {
  return Math.round(countedMillis(from, to, c) / 1000);
}

export type ClockState = 'ok' | 'warning' | 'overdue';
export function clockState(now: Date, warnAt: Date | null, dueAt: Date | null): ClockState {
  if (dueAt && now >= dueAt) return 'overdue';
  if (warnAt && now >= warnAt) return 'warning';
  return 'ok';
}

/** "12 mnt" / "1 j 05 mnt": short enough for a phone's queue row. */
export function formatDuration(seconds: number): string {
  const m = Math.floor(Math.abs(seconds) / 60);
  const h = Math.floor(m / 60);
  const sign = seconds < 0 ? '-' : '';
  return h ? `${sign}${h} j ${String(m % 60).padStart(2, '0')} mnt` : `${sign}${m} mnt`;
}

/** Median of a list of numbers (null when empty). */
export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface ClockView {
  /** Seconds left on the clock's own count (negative when late): service seconds for a service-hours clock. */
  remainingSeconds: number;
  state: ClockState;
  mode: ClockMode;
}

export interface RequestClocks {
  stage: ClockView | null;
  total: ClockView | null;
}

/** What requestClocks reads of a request. */
export interface ClockedRequest {
  status: string;
  stage_clock: ClockMode | null;
  stage_warn_at: Date | null;
  stage_due_at: Date | null;
  total_clock: ClockMode;
  submitted_at: Date;
  due_at: Date;
}

/** Whether showing the clocks of a request needs the service time of its office. */
export const needsServiceTime = (r: ClockedRequest) =>
  r.status === 'in_progress' && (r.total_clock === 'service_hours' || r.stage_clock === 'service_hours');

/**
 * The stage clock and the end-to-end clock of a request at `now` (pure).
 * Lateness comes from the stored instants (the same ones the sweep and the
 * dashboards compare); the time left or overrun is counted on each clock, so
 * a service-hours stage shows service minutes. `time` is the office's service
 * time around now and the due instants (needed when needsServiceTime).
 * Finished requests have no running clock.
 */
export function requestClocks(now: Date, r: ClockedRequest, time?: ServiceTime): RequestClocks {
  if (r.status !== 'in_progress') return { stage: null, total: null };
  const counting = (mode: ClockMode): Counting => {
    if (mode === 'round_the_clock') return ROUND_THE_CLOCK;
    if (!time) throw new RangeError('a service-hours clock needs the office service time');
    return { mode, time };
  };
  const left = (due: Date, c: Counting) =>
    Math.round((now < due ? countedMillis(now, due, c) : -countedMillis(due, now, c)) / 1000);
  const total = counting(r.total_clock);
  const totalWarn = dueAfter(
    r.submitted_at,
    (countedMillis(r.submitted_at, r.due_at, total) / 60_000) * WARN_FRACTION,
    total,
  );
  const stageMode = r.stage_clock ?? 'round_the_clock';
  return {
    stage: r.stage_due_at
      ? {
          remainingSeconds: left(r.stage_due_at, counting(stageMode)),
          state: clockState(now, r.stage_warn_at, r.stage_due_at),
          mode: stageMode,
        }
      : null,
    total: {
      remainingSeconds: left(r.due_at, total),
      state: clockState(now, totalWarn, r.due_at),
      mode: r.total_clock,
    },
  };
}

/** Late: the stage's budget or the end-to-end budget is spent at `now` (the queue shows these first). */
export function isLate(now: Date, r: { stage_due_at: Date | null; due_at: Date }): boolean {
  return (r.stage_due_at !== null && now >= r.stage_due_at) || now >= r.due_at;
}

/** RT code `….001.002` → its RW code `….001`. */
