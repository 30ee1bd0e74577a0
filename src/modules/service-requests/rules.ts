// The approval state machine and the clocks of a request. Pure: no I/O, the
// time is passed in. The database makes each transition happen once
// (conditional update on version); these rules decide whether it may.
import type { Role } from '../../kernel/roles.js';

import { STAGES, type Stage } from '../catalogue/index.js';
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

export interface StageClock {
  startedAt: Date;
  warnAt: Date;
  dueAt: Date;
  budgetMinutes: number;
}

export function stageClock(startedAt: Date, budgetMinutes: number): StageClock {
  const ms = budgetMinutes * 60_000;
  return {
    startedAt,
    budgetMinutes,
    warnAt: new Date(startedAt.getTime() + ms * WARN_FRACTION),
    dueAt: new Date(startedAt.getTime() + ms),
  };
}

/** The per-stage budget from a type's configuration, falling back to an even share of the total. */
export function stageBudget(
  type: { route: readonly Stage[]; stage_budgets: Partial<Record<Stage, number>>; total_budget_minutes: number },
  stage: Stage,
): number {
  return type.stage_budgets[stage] ?? Math.max(1, Math.floor(type.total_budget_minutes / type.route.length));
}

export function elapsedSeconds(from: Date, to: Date): number {
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
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
  /** Seconds left (negative when late). */
  remainingSeconds: number;
  state: ClockState;
}

export interface RequestClocks {
  stage: ClockView | null;
  total: ClockView | null;
}

/** The stage clock and the end-to-end clock of a request at `now` (pure). Finished requests have no running clock. */
export function requestClocks(
  now: Date,
  r: { status: string; stage_warn_at: Date | null; stage_due_at: Date | null; submitted_at: Date; due_at: Date },
): RequestClocks {
  if (r.status !== 'in_progress') return { stage: null, total: null };
  const left = (d: Date) => Math.round((d.getTime() - now.getTime()) / 1000);
  const totalWarn = new Date(r.submitted_at.getTime() + (r.due_at.getTime() - r.submitted_at.getTime()) * 0.75);
  return {
    stage: r.stage_due_at
      ? { remainingSeconds: left(r.stage_due_at), state: clockState(now, r.stage_warn_at, r.stage_due_at) }
      : null,
    total: { remainingSeconds: left(r.due_at), state: clockState(now, totalWarn, r.due_at) },
  };
}

/** Late: the stage's budget or the end-to-end budget is spent at `now` (the queue shows these first). */
export function isLate(now: Date, r: { stage_due_at: Date | null; due_at: Date }): boolean {
  return (r.stage_due_at !== null && now >= r.stage_due_at) || now >= r.due_at;
}

/** RT code `….001.002` → its RW code `….001`. */
