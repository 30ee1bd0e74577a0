// Pure rules of acting officials and delegation windows. No I/O; dates are
// 'YYYY-MM-DD' in the city's zone, windows inclusive at both ends.
//
// Sources: tata naskah dinas of regional governments, Permendagri 1/2023 —
// a.n. (atas nama), u.b. (untuk beliau), Plt. and Plh. in the signature block;
// UU 30/2014 art. 14 (mandate: a Plh. does the routine work of a holder who is
// temporarily away, a Plt. of a post whose holder is permanently gone) and
// Surat Edaran Kepala BKN 1/SE/I/2021 on the authority of Plh. and Plt. in
// staffing matters (and its predecessor SE 2/SE/VII/2019): no decision or act
// with strategic effect on organisation, the legal status of staff or the
// allocation of budget. Which actions of this platform that excludes is a
// city's list (ACTING_RESTRICTED_ACTIONS), not code: the default holds only
// the grant of a CLTN (cuti di luar tanggungan negara), which BKN's letter
// K.26-30/V.20-3/99 of 2016 leaves out of a Plh./Plt.'s leave authority
// ("menetapkan cuti selain CLTN" — as quoted by a BKD; unverified in the
// letter itself). No limit of days or scope is invented here.

export const ACTING_KINDS = ['plt', 'plh', 'an', 'ub'] as const;
export type ActingKind = (typeof ACTING_KINDS)[number];
export const isActingKind = (v: string): v is ActingKind => (ACTING_KINDS as readonly string[]).includes(v);

/** Plt. and Plh. occupy the post itself: at most one on any day (the database's exclusion constraint too). */
export const occupiesPost = (k: ActingKind) => k === 'plt' || k === 'plh';
/**
 * Kinds whose delegate takes over the holder's queues (approvals, pertimbangan,
 * decisions): the acting officials. An a.n./u.b. delegate signs within a scope
 * the holder set (E-Surat reads those with `kinds`), not every queue.
 */
export const QUEUE_KINDS: readonly ActingKind[] = ['plh', 'plt'];

/** Actions a Plh./Plt. may not take, as `<action>` or `<action>:<subtype>`. */
export const DEFAULT_ACTING_RESTRICTED: readonly string[] = ['leave.decide:cuti_luar_tanggungan'];
export function isRestrictedForActing(restricted: readonly string[], action: string, subtype?: string): boolean {
  return restricted.includes(action) || (subtype !== undefined && restricted.includes(`${action}:${subtype}`));
}

export interface ActingWindow {
  id: number;
  unitId: number;
  kind: ActingKind;
  holderId: number | null;
  delegateId: number;
  start: string;
  end: string;
  revoked: boolean;
}

/** Is the assignment in force on `date` (start and end days included)? */
export const inForce = (a: Pick<ActingWindow, 'start' | 'end' | 'revoked'>, date: string) =>
  !a.revoked && a.start <= date && date <= a.end;

export type WindowState = 'current' | 'upcoming' | 'past' | 'revoked';
export function windowState(a: Pick<ActingWindow, 'start' | 'end' | 'revoked'>, today: string): WindowState {
  if (a.revoked) return 'revoked';
  if (today < a.start) return 'upcoming';
  if (today > a.end) return 'past';
  return 'current';
}

/** Two assignments that may not both stand: the same post, both Plt./Plh., both in force, and a shared day. */
export function conflicts(a: ActingWindow, b: Omit<ActingWindow, 'id'>): boolean {
  return (
    a.unitId === b.unitId &&
    occupiesPost(a.kind) &&
    occupiesPost(b.kind) &&
    !a.revoked &&
    !b.revoked &&
    a.start <= b.end &&
    b.start <= a.end
  );
}
export const firstConflict = (existing: readonly ActingWindow[], candidate: Omit<ActingWindow, 'id'>) =>
  existing.find((a) => conflicts(a, candidate)) ?? null;

export interface ActingFor {
  assignmentId: number;
  actorId: number;
  holderId: number | null;
  unitId: number;
  kind: ActingKind;
}
const KIND_ORDER: Record<ActingKind, number> = { plt: 0, plh: 1, an: 2, ub: 3 };
const toActing = (a: ActingWindow): ActingFor => ({
  assignmentId: a.id,
  actorId: a.delegateId,
  holderId: a.holderId,
  unitId: a.unitId,
  kind: a.kind,
});

/**
 * Who acts for a post (`unitId`: its Plt./Plh.) or a person (`employeeId`: the
 * one standing in for them) on `date`, among `kinds`; null when nobody does.
 * An acting official comes before an a.n./u.b. delegate.
 */
export function actingFor(
  list: readonly ActingWindow[],
  who: { unitId?: number | undefined; employeeId?: number | undefined },
  date: string,
  kinds: readonly ActingKind[] = ACTING_KINDS,
): ActingFor | null {
  const found = list
    .filter(
      (a) =>
        kinds.includes(a.kind) &&
        inForce(a, date) &&
        (who.employeeId !== undefined
          ? a.holderId === who.employeeId
          : who.unitId !== undefined && a.unitId === who.unitId && occupiesPost(a.kind)),
    )
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.id - b.id)[0];
  return found ? toActing(found) : null;
}

/** Everyone `me` stands in for on `date` (a Plt. of a vacant post has no holder), among `kinds`. */
export function whomDoIActFor(
  list: readonly ActingWindow[],
  me: number,
  date: string,
  kinds: readonly ActingKind[] = ACTING_KINDS,
): ActingFor[] {
  return list
    .filter((a) => a.delegateId === me && kinds.includes(a.kind) && inForce(a, date))
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.id - b.id)
    .map(toActing);
}

export type AssignmentProblem =
  | { field: 'holderEmployeeId'; key: 'holder_required' | 'holder_for_plt' }
  | { field: 'delegateEmployeeId'; key: 'delegate_is_holder' }
  | { field: 'endDate'; key: 'end_before_start' | 'ended' };

/**
 * A new assignment's own problems: a holder for Plh./a.n./u.b. and none for a
 * Plt. (a vacant post), the delegate not the holder, the end not before the
 * start, and no window that has already ended (past days are not rewritten:
 * a decision taken then stays the holder's or their superior's).
 */
export function assignmentProblems(
  a: { kind: ActingKind; holderId: number | null; delegateId: number; start: string; end: string },
  today: string,
): AssignmentProblem[] {
  const out: AssignmentProblem[] = [];
  if (a.kind === 'plt' && a.holderId !== null) out.push({ field: 'holderEmployeeId', key: 'holder_for_plt' });
  if (a.kind !== 'plt' && a.holderId === null) out.push({ field: 'holderEmployeeId', key: 'holder_required' });
  if (a.holderId !== null && a.holderId === a.delegateId)
    out.push({ field: 'delegateEmployeeId', key: 'delegate_is_holder' });
  if (a.end < a.start) out.push({ field: 'endDate', key: 'end_before_start' });
  else if (a.end < today) out.push({ field: 'endDate', key: 'ended' });
  return out;
}

/**
 * Ending an assignment before its end: `lastDay` is the last day the delegate
 * acts. Before its start the assignment is withdrawn (kept, no longer in
 * force); not earlier than the end, or before yesterday, is refused.
 */
export function endEarly(
  a: Pick<ActingWindow, 'start' | 'end' | 'revoked'>,
  lastDay: string,
  yesterday: string,
):
  | { outcome: 'revoke' }
  | { outcome: 'end'; end: string }
  | { outcome: 'refuse'; key: 'not_earlier' | 'past' | 'over' } {
  if (a.revoked || a.end < yesterday) return { outcome: 'refuse', key: 'over' };
  if (lastDay >= a.end) return { outcome: 'refuse', key: 'not_earlier' };
  if (lastDay < yesterday) return { outcome: 'refuse', key: 'past' };
  if (lastDay < a.start) return { outcome: 'revoke' };
  return { outcome: 'end', end: lastDay };
}

/** The post's title as a signature block writes it: "Kepala Dinas X", "Camat Y", "Lurah Z". */
export function postTitle(unit: { name: string; kind: string }): string {
  const strip = (prefix: string) =>
    unit.name.toLowerCase().startsWith(prefix.toLowerCase() + ' ') ? unit.name.slice(prefix.length + 1) : unit.name;
  if (unit.kind === 'kecamatan') return `Camat ${strip('Kecamatan')}`;
  if (unit.kind === 'kelurahan') return `Lurah ${strip('Kelurahan')}`;
  return `Kepala ${unit.name}`;
}

/** The prefix of an acting title as tata naskah writes it: "Plt.", "Plh.", "a.n.", "u.b.". */
export const ACTING_PREFIX: Record<ActingKind, string> = { plt: 'Plt.', plh: 'Plh.', an: 'a.n.', ub: 'u.b.' };
