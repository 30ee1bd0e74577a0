// Queues follow the delegate (issue 15 item 1). While a Plh./Plt. window is in
// force (employees' acting service, acting-rules.ts), the delegate sees the
// items waiting for the holder — absences, leave pertimbangan and decisions,
// hourly permits — and may decide them; each such decision is recorded with
// both names in the decision's transaction. This helper is all the attendance
// queues know about delegation: who the caller answers for, and the record.
import type { Db } from '../../db/database.js';
import { AppError } from '../../lib/errors.js';
import type { Ctx } from '../../kernel/context.js';
import { ACTING_PREFIX } from '../employees/index.js';
import type { ActingAs } from '../employees/index.js';
import type { EmployeesService } from '../employees/service.js';

/** 'self': in one's own right; an ActingAs: standing in for its holder; null: not the caller's item. */
export type Answer = 'self' | ActingAs | null;

export interface Standing {
  /** The caller's employee id, then the holders they stand in for today (empty when not an employee). */
  ids: number[];
  /** Does the caller answer for items waiting for `approverId` today? */
  for(approverId: number | null | undefined): Answer;
}

export function actingQueues(employees: EmployeesService) {
  return {
    async standing(ctx: Ctx, meId: number | undefined): Promise<Standing> {
      const holders = meId ? await employees.acting.queueHolders(ctx, meId) : new Map<number, ActingAs>();
      return {
        ids: meId ? [meId, ...holders.keys()] : [],
        for: (approverId) =>
          !meId || !approverId ? null : approverId === meId ? 'self' : (holders.get(approverId) ?? null),
      };
    },
    /** One list per id the caller answers for, merged (an item once). */
    async each<T extends { id: number }>(ids: number[], list: (id: number) => Promise<T[]>): Promise<T[]> {
      const seen = new Set<number>();
      return (await Promise.all(ids.map(list))).flat().filter((x) => !seen.has(x.id) && !!seen.add(x.id));
    },
    /** In the decision's transaction: the act for someone else, with both names. */
    async record(trx: Db, answer: Answer, on: { entityType: string; entityId: number; step: string }) {
      if (answer && answer !== 'self') await employees.acting.recordAct(trx, answer, on);
    },
    /** A Plh./Plt. may not take an action on the city's list (ACTING_RESTRICTED_ACTIONS): refused with why. */
    refuseIfRestricted(answer: Answer, action: string, subtype?: string) {
      if (answer && answer !== 'self' && employees.acting.isRestricted(action, subtype))
        throw new AppError(403, 'acting.err.restricted', { prefix: ACTING_PREFIX[answer.kind] });
    },
    /** The acts recorded on these entities (the request's page shows them). */
    actsOn: (entityType: string, ids: number[]) => employees.acting.actsOn(entityType, ids),
  };
}
export type ActingQueues = ReturnType<typeof actingQueues>;
