// Pure rules of the RT/RW support programme: periods, defaults, rates,
// training completion, list totals and the CSV text of an export.

export const TOPICS = ['penggunaan_paket_data', 'operasional_portal', 'administrasi', 'lainnya'] as const;
export type Topic = (typeof TOPICS)[number];
/** Topics every head must complete; "lainnya" sessions are extra. */
export const REQUIRED_TOPICS: readonly Topic[] = ['penggunaan_paket_data', 'operasional_portal', 'administrasi'];

/** The monthly package (also the column defaults in 0004_rtrw_programme.sql). */
export const DATA_PACKAGE = { quotaMb: 8192, portalMb: 4096 } as const;

export const HEAD_ROLES = ['ketua_rt', 'ketua_rw'] as const;
export type HeadRole = (typeof HEAD_ROLES)[number];
export type RatePeriod = 'bulanan' | 'triwulan';

export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
export const PERIOD_RE = /^\d{4}-((0[1-9]|1[0-2])|Q[1-4])$/;

export const isMonth = (s: string) => MONTH_RE.test(s);
export const periodKind = (period: string): RatePeriod => (/Q[1-4]$/.test(period) ? 'triwulan' : 'bulanan');

/** First day of a period, as YYYY-MM-DD. */
export function periodStart(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return `${q[1]}-${String((Number(q[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
  return `${period}-01`;
}

/** Month (YYYY-MM) of a date in the city's time zone. */
export function monthOf(d: Date, timeZone: string): string {
  return dayOf(d, timeZone).slice(0, 7);
}
// One formatter per zone: building an Intl.DateTimeFormat costs more than using it, and this runs on every signed-in response.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
export function dayOf(d: Date, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f)
    dayFormats.set(
      timeZone,
      (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })),
    );
  return f.format(d);
}

export interface Rate {
  region_code: string;
  role: string;
  amount: number;
  period: RatePeriod;
  valid_from: string;
}

/**
 * The rate for a head (role, region) in a period: among the rates of the
 * period's kind set for a region containing the head's, valid at the period's
 * first day, the latest; on the same date the most specific region.
 */
export function rateFor(rates: readonly Rate[], role: string, period: string, regionCode: string): Rate | null {
  const start = periodStart(period);
  const kind = periodKind(period);
  let best: Rate | null = null;
  for (const r of rates) {
    if (r.role !== role || r.period !== kind || r.valid_from > start) continue;
    if (regionCode !== r.region_code && !regionCode.startsWith(r.region_code + '.')) continue;
    if (
      !best ||
      r.valid_from > best.valid_from ||
      (r.valid_from === best.valid_from && r.region_code.length > best.region_code.length)
    )
      best = r;
  }
  return best;
}

/** Required topics a head has not yet attended. */
export function missingTopics(attended: readonly string[]): Topic[] {
  const done = new Set(attended);
  return REQUIRED_TOPICS.filter((t) => !done.has(t));
}

export const bytesToMb = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

export const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export { toCsv, type Sheet } from '../../kernel/export.js';

/** Adds bytes to an in-memory usage buffer keyed by user and day. */
export function addUsage(buf: Map<string, number>, userId: number, day: string, bytes: number) {
  if (!(bytes > 0)) return;
  const k = `${userId}|${day}`;
  buf.set(k, (buf.get(k) ?? 0) + bytes);
}
export function drainUsage(buf: Map<string, number>): { userId: number; day: string; bytes: number }[] {
  const out = [...buf].map(([k, bytes]) => {
    const [u, day] = k.split('|');
    return { userId: Number(u), day: day!, bytes };
  });
  buf.clear();
  return out;
}

// ── BPJS Ketenagakerjaan claims ──
export const CLAIM_STATUSES = ['dilaporkan', 'diproses', 'dibayar', 'ditolak'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
/** A claim is taken up, then paid or refused; it may also be refused at once. Paid and refused are final. */
const CLAIM_NEXT: Record<ClaimStatus, readonly ClaimStatus[]> = {
  dilaporkan: ['diproses', 'ditolak'],
  diproses: ['dibayar', 'ditolak'],
  dibayar: [],
  ditolak: [],
};
export const nextClaimStatuses = (from: string): readonly ClaimStatus[] => CLAIM_NEXT[from as ClaimStatus] ?? [];
export const canMoveClaim = (from: string, to: string) => nextClaimStatuses(from).includes(to as ClaimStatus);

/** A real calendar day (YYYY-MM-DD) that is not after `today`: events are recorded after they happen. */
export function checkPastDay(day: string, today: string): 'ok' | 'bad_date' | 'future' {
  const d = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day)
    return 'bad_date';
  return day > today ? 'future' : 'ok';
}

/** Heads by enrolment status: active, inactive, not enrolled. */
export function enrolmentCounts(
  headIds: readonly number[],
  enrolments: readonly { user_id: number; status: string }[],
) {
  const by = new Map(enrolments.map((e) => [e.user_id, e.status]));
  const c = { aktif: 0, nonaktif: 0, none: 0 };
  for (const id of headIds) {
    const s = by.get(id);
    if (s === 'aktif') c.aktif++;
    else if (s === 'nonaktif') c.nonaktif++;
    else c.none++;
  }
  return c;
}

/** How many heads have attended each required topic. */
export function topicCounts(
  list: readonly { attended: readonly { topic: string }[] }[],
): { topic: Topic; done: number; total: number }[] {
  return REQUIRED_TOPICS.map((topic) => ({
    topic,
    done: list.filter((h) => h.attended.some((a) => a.topic === topic)).length,
    total: list.length,
  }));
}
