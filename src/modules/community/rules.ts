// Community activity (kegiatan warga) reported by RT/RW heads: pure rules.
//
// The kinds are the work DOMAIN.md names for heads ("penggerak swadaya"):
// kerja bakti, gotong royong, musyawarah, siskamling, and anything else. A
// report names the day it was held — never in the future, and at most
// `windowDays` back (ACTIVITY_REPORT_DAYS) — and how many took part.

export const ACTIVITY_KINDS = ['kerja_bakti', 'gotong_royong', 'musyawarah', 'siskamling', 'lainnya'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_STATUSES = ['dilaporkan', 'dikonfirmasi', 'ditolak'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const PARTICIPANTS_MIN = 1;
export const PARTICIPANTS_MAX = 10000;
export const DESCRIPTION_MAX = 500;
export const REASON_MAX = 500;
/** A photo as the phone sends it after shrinking (1280 px JPEG); the form's hint shows the number. */
export const PHOTO_MAX_BYTES = 1024 * 1024;
export const KEY = /^[A-Za-z0-9_-]{8,64}$/;

export const isKind = (s: string): s is ActivityKind => (ACTIVITY_KINDS as readonly string[]).includes(s);

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day 'YYYY-MM-DD' (no 2026-02-30). */
export function isDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Whole days from `a` to `b` (both 'YYYY-MM-DD'). */
export const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

export type DayProblem = 'invalid' | 'future' | 'too_old';

/** Is `day` a day an activity may be reported for, seen from `today` (both in the city's zone)? */
export function dayProblem(day: string, today: string, windowDays: number): DayProblem | null {
  if (!isDay(day)) return 'invalid';
  const back = daysBetween(day, today);
  if (back < 0) return 'future';
  if (back > windowDays) return 'too_old';
  return null;
}

/** Participants: a whole number 1..10000 (typed as text on a form). */
export function parseParticipants(raw: string | number): number | null {
  const s = String(raw).trim();
  if (!/^\d{1,5}$/.test(s)) return null;
  const n = Number(s);
  return n >= PARTICIPANTS_MIN && n <= PARTICIPANTS_MAX ? n : null;
}

/** The decision a lurah may take on a report still waiting; anything else changes nothing. */
export function canDecide(status: ActivityStatus): boolean {
  return status === 'dilaporkan';
}
