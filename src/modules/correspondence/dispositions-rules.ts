// Pure rules of disposisi (issue 15 item 4): who may dispose to whom, the checks of a disposition, and the tree's
// closing rule. The database guards the races (dispositions-repo.ts); these say what is allowed.
import type { FieldError } from '../../lib/errors.js';

export const DISPOSITION_NOTE_MAX = 1000;
export const REPORT_MAX = 2000;
/** How many people one disposition form may name at once. */
export const RECIPIENTS_MAX = 20;
/** The latest due date, counted from today (a due date is a working promise, not a year plan). */
export const DUE_DAYS_MAX = 366;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const realDay = (s: string) => DAY.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const within = (path: string, top: string) => path === top || path.startsWith(top + '/');
const plusDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Whom a disposer may name: an active employee other than themselves, inside the naskah's unit subtree and inside
 * the disposer's reach. The reach of the head of the naskah's unit (a top disposition) is that unit and below; the
 * reach of a holder passing a disposition on is the units they head and below — a holder who heads no unit does
 * not pass on (they report).
 */
export function mayDisposeTo(
  o: { reach: readonly string[]; naskahUnitPath: string; fromEmployeeId: number },
  to: { employeeId: number; unitPath: string },
): boolean {
  if (to.employeeId === o.fromEmployeeId) return false;
  if (!within(to.unitPath, o.naskahUnitPath)) return false;
  return o.reach.some((r) => within(to.unitPath, r));
}

/** The reach of a disposer (see mayDisposeTo): top = the naskah's unit if they head it; sub = the units they head. */
export function reachOf(kind: 'top' | 'sub', headOf: readonly string[], naskahUnitPath: string): readonly string[] {
  if (kind === 'top') return headOf.includes(naskahUnitPath) ? [naskahUnitPath] : [];
  return headOf.filter((h) => within(h, naskahUnitPath) || within(naskahUnitPath, h));
}

export interface DispositionFields {
  to: readonly number[];
  instructions: readonly string[];
  dueDate: string;
  note: string;
}

/** Every problem of a disposition form at once (whether the people may be named is the service's, per person). */
export function dispositionProblems(
  f: DispositionFields,
  today: string,
  instructionCodes: ReadonlySet<string>,
): FieldError[] {
  const e: FieldError[] = [];
  if (!f.to.length) e.push({ field: 'to', key: 'disposisi.err.to_required' });
  else if (f.to.length > RECIPIENTS_MAX)
    e.push({ field: 'to', key: 'disposisi.err.to_many', params: { max: RECIPIENTS_MAX } });
  else if (new Set(f.to).size !== f.to.length) e.push({ field: 'to', key: 'disposisi.err.to_twice' });
  if (!f.instructions.length) e.push({ field: 'instructions', key: 'disposisi.err.instruction_required' });
  else if (
    f.instructions.some((c) => !instructionCodes.has(c)) ||
    new Set(f.instructions).size !== f.instructions.length
  )
    e.push({ field: 'instructions', key: 'disposisi.err.instruction_unknown' });
  if (!realDay(f.dueDate)) e.push({ field: 'dueDate', key: 'disposisi.err.due_date' });
  else if (f.dueDate < today) e.push({ field: 'dueDate', key: 'disposisi.err.due_past' });
  else if (f.dueDate > plusDays(today, DUE_DAYS_MAX))
    e.push({ field: 'dueDate', key: 'disposisi.err.due_far', params: { days: DUE_DAYS_MAX } });
  if (f.note.trim().length > DISPOSITION_NOTE_MAX)
    e.push({ field: 'note', key: 'disposisi.err.too_long', params: { max: DISPOSITION_NOTE_MAX } });
  return e;
}

export function reportProblems(text: string): FieldError[] {
  const s = text.trim();
  if (!s) return [{ field: 'report', key: 'disposisi.err.report_required', params: { max: REPORT_MAX } }];
  if (s.length > REPORT_MAX) return [{ field: 'report', key: 'disposisi.err.too_long', params: { max: REPORT_MAX } }];
  return [];
}

export interface TreeNode {
  id: number;
  parentId: number | null;
  closed: boolean;
  withdrawn: boolean;
}

/**
 * The closing rule. A branch closes with its holder's report; a disposition passed on closes by itself
 * (`otomatis`) once every child not withdrawn has closed — and then its own parent may close the same way.
 * Given the tree after a change under `parentId`, returns the ancestors that close now, nearest first.
 */
export function ancestorsToClose(nodes: readonly TreeNode[], parentId: number | null): number[] {
  const byId = new Map(nodes.map((n) => [n.id, { ...n }]));
  const out: number[] = [];
  let p = parentId;
  while (p !== null) {
    const node = byId.get(p);
    if (!node || node.closed || node.withdrawn) break;
    const kids = nodes.filter((n) => n.parentId === p && !n.withdrawn).map((n) => byId.get(n.id)!);
    if (!kids.length || kids.some((k) => !k.closed)) break;
    node.closed = true;
    out.push(p);
    p = node.parentId;
  }
  return out;
}

/** The naskah is done (selesai) when it has top dispositions not withdrawn and all of them have closed. */
export function treeDone(nodes: readonly TreeNode[]): boolean {
  const top = nodes.filter((n) => n.parentId === null && !n.withdrawn);
  return top.length > 0 && top.every((n) => n.closed);
}

/** A holder reports on a disposition that is open and has no open child (a parent waits for its children). */
export function mayReport(nodes: readonly TreeNode[], id: number): boolean {
  const n = nodes.find((x) => x.id === id);
  if (!n || n.closed || n.withdrawn) return false;
  return !nodes.some((c) => c.parentId === id && !c.withdrawn && !c.closed);
}

/** Overdue: the due day has passed (in the city's calendar) and it is still open. */
export const isOverdue = (d: { dueDate: string; closed: boolean; withdrawn: boolean }, today: string) =>
  !d.closed && !d.withdrawn && d.dueDate < today;
