// Pure rules of the RT/RW heads programme: terms, handover, what is signed
// for the integrity pact. No I/O; "today" is passed in.
import { createHash } from 'node:crypto';
import { checkUpload, type UploadProblem } from '../../kernel/files/rules.js';

export const POSITIONS = ['ketua', 'sekretaris', 'bendahara'] as const;
export type Position = (typeof POSITIONS)[number];
export const END_REASONS = ['digantikan', 'selesai', 'mengundurkan_diri', 'meninggal', 'diberhentikan'] as const;
export type EndReason = (typeof END_REASONS)[number];
/** Reasons a person may pick when ending a term by hand ('digantikan' is set by a handover). */
export const MANUAL_END_REASONS = END_REASONS.filter((r) => r !== 'digantikan');
export const ENDING_SOON_DAYS = 60;

const DAY = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD. */
export function isIsoDay(s: string): boolean {
  if (!ISO_DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The calendar day of an instant in the city's time zone. */
export function dayIn(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(now);
}

export function addDays(day: string, n: number): string {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() + n * DAY).toISOString().slice(0, 10);
}

/** An active term ends within the window when its end date is today or up to `days` ahead (already past counts too: it is overdue for a decision). */
export function endsWithin(endDate: string, today: string, days = ENDING_SOON_DAYS): boolean {
  return endDate <= addDays(today, days);
}

export function daysUntil(endDate: string, today: string): number {
  return Math.round((new Date(`${endDate}T00:00:00Z`).getTime() - new Date(`${today}T00:00:00Z`).getTime()) / DAY);
}

export type TermCheck =
  | { ok: true }
  | { ok: false; field: 'startDate' | 'endDate' | 'decreeDate'; reason: 'heads.bad_date' | 'heads.end_before_start' };
export function checkTermDates(t: { startDate: string; endDate: string; decreeDate?: string | undefined }): TermCheck {
  if (!isIsoDay(t.startDate)) return { ok: false, field: 'startDate', reason: 'heads.bad_date' };
  if (!isIsoDay(t.endDate)) return { ok: false, field: 'endDate', reason: 'heads.bad_date' };
  if (t.decreeDate && !isIsoDay(t.decreeDate)) return { ok: false, field: 'decreeDate', reason: 'heads.bad_date' };
  if (t.endDate < t.startDate) return { ok: false, field: 'endDate', reason: 'heads.end_before_start' };
  return { ok: true };
}

/** Appointing to a held position hands it over: the holder's term ends with reason 'digantikan'. */
export function handoverDecision(
  current: { id: number } | null | undefined,
): { endTermId: number; reason: 'digantikan' } | null {
  return current ? { endTermId: current.id, reason: 'digantikan' } : null;
}

/** The account linked to a ketua must be the head's own account for that level and region. */
export function headRoleFor(level: 'rw' | 'rt'): 'ketua_rw' | 'ketua_rt' {
  return level === 'rw' ? 'ketua_rw' : 'ketua_rt';
}

/** Active RW/RT without an active ketua. */
export function vacanciesOf<R extends { code: string }>(regions: R[], activeKetua: Set<string>): R[] {
  return regions.filter((r) => !activeKetua.has(r.code));
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface PactPayload {
  v: 1;
  verifyCode: string;
  term: { id: number; position: Position; startDate: string; endDate: string };
  region: { code: string; name: string; level: string };
  name: string;
  version: number;
  title: string;
  bodySha256: string;
  signedAt: string;
}

export function pactPayload(a: Omit<PactPayload, 'v' | 'bodySha256'> & { body: string }): PactPayload {
  const { body, ...rest } = a;
  return { v: 1, ...rest, bodySha256: sha256Hex(body) };
}

/** The lurah countersigns the head's signature itself, so the pair cannot be split or swapped. */
export interface CountersignPayload {
  v: 1;
  verifyCode: string;
  headSignature: string;
  lurahName: string;
  lurahRegion: string;
  countersignedAt: string;
  kid: string;
}

/** A scanned decree (SK): a photo or a PDF, judged by its first bytes; WebP is refused (many offices cannot open it). */
export const DECREE_MAX_BYTES = 2 * 1024 * 1024;
export const DECREE_MIMES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type DecreeMime = (typeof DECREE_MIMES)[number];
export type DecreeCheck = { ok: true; mime: DecreeMime } | { ok: false; reason: UploadProblem };
export function checkDecreeScan(content: Buffer, max = DECREE_MAX_BYTES): DecreeCheck {
  const c = checkUpload(content, max, DECREE_MIMES);
  return c.ok ? { ok: true, mime: c.mime as DecreeMime } : c;
}
