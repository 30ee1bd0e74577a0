// Pure rules of naskah keluar (issue 15 item 5; Permendagri 1/2023 on tata naskah dinas: a naskah is checked by
// paraf along the hierarchy and signed by one authorised official): the routing list, who acts next, and the
// number. The signer is never named here: the list comes from the unit's configured defaults or the drafter.
import type { StepRole, StepStatus } from './keluar-tables.js';

export const STEP_ROLES = ['paraf', 'pendapat', 'tandatangan', 'tembusan'] as const satisfies readonly StepRole[];
/** Steps someone acts on, in order; tembusan (copies) only receive. */
export const ACTING_ROLES: readonly StepRole[] = ['paraf', 'pendapat', 'tandatangan'];
export const MAX_STEPS = 30;

export interface RouteStep {
  role: StepRole;
  employeeId: number;
}

export type RoutingProblem =
  'empty' | 'too_many' | 'signer_count' | 'signer_not_last' | 'duplicate' | 'signer_not_entitled';

/**
 * The rules of a routing list: exactly one signer; the signer last among the acting steps (copies may follow);
 * nobody twice among the acting steps; the signer entitled — `entitled` holds the heads of the naskah's unit and
 * of its ancestor units (a vacant post filled by its Plt.). Returns every problem found, in a stable order.
 */
export function routingProblems(steps: readonly RouteStep[], entitled: ReadonlySet<number>): RoutingProblem[] {
  const out: RoutingProblem[] = [];
  if (!steps.length) return ['empty'];
  if (steps.length > MAX_STEPS) out.push('too_many');
  const acting = steps.filter((s) => ACTING_ROLES.includes(s.role));
  const signers = acting.filter((s) => s.role === 'tandatangan');
  if (signers.length !== 1) out.push('signer_count');
  else if (acting[acting.length - 1]!.role !== 'tandatangan') out.push('signer_not_last');
  const seen = new Set<number>();
  for (const s of acting) {
    if (seen.has(s.employeeId)) {
      out.push('duplicate');
      break;
    }
    seen.add(s.employeeId);
  }
  if (signers.length === 1 && !entitled.has(signers[0]!.employeeId)) out.push('signer_not_entitled');
  return out;
}

export interface StepState {
  id: number;
  position: number;
  role: StepRole;
  status: StepStatus;
  employeeId: number;
}

/** The step waiting now: the first acting step (by position) still 'menunggu'; null when none is. */
export function currentStep<T extends StepState>(steps: readonly T[]): T | null {
  return (
    [...steps]
      .filter((s) => ACTING_ROLES.includes(s.role) && s.status === 'menunggu')
      .sort((a, b) => a.position - b.position)[0] ?? null
  );
}

/** What an act on a step may be, by the step's role. */
export type StepAct = 'paraf' | 'pendapat' | 'kembalikan' | 'tandatangan';
export function actAllowed(role: StepRole, act: StepAct): boolean {
  switch (act) {
    case 'paraf':
      return role === 'paraf';
    case 'pendapat':
      return role === 'pendapat';
    case 'kembalikan':
      return role === 'paraf' || role === 'pendapat' || role === 'tandatangan';
    case 'tandatangan':
      return role === 'tandatangan';
  }
}

/** The series a number is drawn from (NASKAH_NUMBER_SERIES): one per signing unit, or one for the whole city. */
export type NumberSeries = 'unit' | 'kota';
export const seriesKey = (mode: NumberSeries, unitId: number, city: string) =>
  mode === 'unit' ? `unit:${unitId}` : `kota:${city}`;

/**
 * The heading of the signature block (Permendagri 1/2023): the official in their own right prints the post;
 * a Plt./Plh. prints "Plt."/"Plh." before it; an a.n. signer prints "a.n." the post, then their own jabatan.
 */
export function signatureHeadingLines(post: string, acting: 'plt' | 'plh' | 'an' | 'ub' | null, ownJabatan: string) {
  const p = post.toUpperCase();
  switch (acting) {
    case null:
      return [`${p},`];
    case 'plt':
      return [`Plt. ${p},`];
    case 'plh':
      return [`Plh. ${p},`];
    case 'an':
    case 'ub':
      return [`a.n. ${p}`, `${ownJabatan},`];
  }
}
