// Versions of a request and the retention of its attachments. Pure: no I/O,
// the time is passed in. A correction keeps the content it replaces as a
// version (request_versions); these rules say what changed between two
// versions and when a request's attachments are due for removal.
import type { PrivacyPolicy } from '../../config.js';

export interface VersionContent {
  purpose: string;
  fields: Record<string, string>;
  /** The attachments current in this version: one per kind. */
  attachments: readonly { id: number; kind: string }[];
}

export type Change =
  | { what: 'purpose'; from: string; to: string }
  | { what: 'field'; name: string; from: string; to: string }
  | {
      what: 'attachment';
      kind: string;
      change: 'added' | 'replaced' | 'removed';
      from: number | null;
      to: number | null;
    };

/** What changed from one version to the next: the purpose, each field (in `order`, then any other), each attachment kind. */
export function diffVersions(prev: VersionContent, next: VersionContent, order: readonly string[] = []): Change[] {
  const out: Change[] = [];
  if (prev.purpose.trim() !== next.purpose.trim()) out.push({ what: 'purpose', from: prev.purpose, to: next.purpose });
  const names = [...new Set([...order, ...Object.keys(prev.fields), ...Object.keys(next.fields)])];
  for (const name of names) {
    const from = prev.fields[name] ?? '';
    const to = next.fields[name] ?? '';
    if (from !== to) out.push({ what: 'field', name, from, to });
  }
  const kinds = [...new Set([...prev.attachments.map((a) => a.kind), ...next.attachments.map((a) => a.kind)])];
  for (const kind of kinds) {
    const from = prev.attachments.find((a) => a.kind === kind)?.id ?? null;
    const to = next.attachments.find((a) => a.kind === kind)?.id ?? null;
    if (from === to) continue;
    out.push({
      what: 'attachment',
      kind,
      change: from === null ? 'added' : to === null ? 'removed' : 'replaced',
      from,
      to,
    });
  }
  return out;
}

/** A request's end as far as retention is concerned: finished, or returned and left uncorrected. */
export interface RetentionSubject {
  status: string;
  /** When it was completed or rejected. */
  completed_at: Date | null;
  /** When it was last returned (for a returned request). */
  returned_at?: Date | null;
}

const DAY = 86_400_000;

/** When a request's attachments are due for removal; null while it is under way. */
export function attachmentsDueAt(
  r: RetentionSubject,
  p: Pick<PrivacyPolicy, 'completedDays' | 'rejectedDays' | 'returnedDays'>,
): Date | null {
  if (r.status === 'completed' && r.completed_at) return new Date(r.completed_at.getTime() + p.completedDays * DAY);
  if (r.status === 'rejected' && r.completed_at) return new Date(r.completed_at.getTime() + p.rejectedDays * DAY);
  if (r.status === 'returned' && r.returned_at) return new Date(r.returned_at.getTime() + p.returnedDays * DAY);
  return null;
}

/** The cut-offs a retention run uses at `now`: requests that ended before them lose their attachments. */
export function retentionCutoffs(
  now: Date,
  p: Pick<PrivacyPolicy, 'completedDays' | 'rejectedDays' | 'returnedDays' | 'pendingHours'>,
) {
  return {
    completedBefore: new Date(now.getTime() - p.completedDays * DAY),
    rejectedBefore: new Date(now.getTime() - p.rejectedDays * DAY),
    returnedBefore: new Date(now.getTime() - p.returnedDays * DAY),
  };
}

/** When an upload kept from a refused form expires. */
export function pendingExpiry(now: Date, pendingHours: number): Date {
  return new Date(now.getTime() + pendingHours * 3_600_000);
}
