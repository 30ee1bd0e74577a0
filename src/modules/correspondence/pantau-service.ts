// Counters per unit for heads (issue 15 item 8, /surat/pantau): every unit in the subtree of the units the person
// heads, with incoming unread (by the unit's head), not followed up, dispositions unread and overdue; each number
// links to its list. Counts and lists are the same SQL condition under the naskah's access rule (pantau-repo.ts).
import type { Db } from '../../db/database.js';
import { notFound } from '../../lib/errors.js';
import type { Ctx } from '../../kernel/context.js';
import type { Viewer } from './policy.js';
import { createPantauRepo, isNaskahState, type PantauState } from './pantau-repo.js';
import type { SecurityClass } from './rules.js';

export interface PantauDeps {
  db: Db;
  viewer: (ctx: Ctx) => Promise<Viewer>;
  units: (ctx: Ctx) => Promise<readonly { id: number; path: string; name: string }[]>;
  today: () => string;
  restricted: ReadonlySet<SecurityClass>;
}

const LIST_LIMIT = 200;
const within = (path: string, top: string) => path === top || path.startsWith(top + '/');

export function createPantauService(d: PantauDeps) {
  const repo = createPantauRepo();

  /** The units a head follows: their headed units and every unit below, in tree order. */
  async function followed(ctx: Ctx) {
    const v = await d.viewer(ctx);
    const units = v.headOf.length ? (await d.units(ctx)).filter((u) => v.headOf.some((h) => within(u.path, h))) : [];
    return { v, units: [...units].sort((a, b) => a.path.localeCompare(b.path)) };
  }

  return {
    /** Whether the person heads a unit (the page and its menu entry are for heads). */
    isHead: async (ctx: Ctx) => (await d.viewer(ctx)).headOf.length > 0,

    async overview(ctx: Ctx) {
      const { v, units } = await followed(ctx);
      const counts = await repo.counts(
        d.db,
        v,
        d.restricted,
        units.map((u) => u.id),
        d.today(),
      );
      return units.map((u) => ({
        id: u.id,
        name: u.name,
        depth: u.path.split('/').length,
        counts: counts.get(u.id) ?? { unread: 0, pending: 0, disp_unread: 0, disp_overdue: 0 },
      }));
    },

    /** The list behind one number: 404 for a unit the person does not follow. */
    async list(ctx: Ctx, unitId: number, state: PantauState) {
      const { v, units } = await followed(ctx);
      const unit = units.find((u) => u.id === unitId);
      if (!unit) throw notFound();
      const today = d.today();
      return isNaskahState(state)
        ? {
            unit,
            state,
            naskah: await repo.naskahIn(d.db, v, d.restricted, unitId, state, today, LIST_LIMIT),
            dispositions: [],
          }
        : {
            unit,
            state,
            naskah: [],
            dispositions: await repo.dispositionsIn(d.db, v, d.restricted, unitId, state, today, LIST_LIMIT),
          };
    },

    /** The personal "not followed up" counter of /surat. */
    pendingForMe: async (ctx: Ctx) => repo.pendingOfHeaded(d.db, await d.viewer(ctx), d.restricted),
  };
}
export type PantauService = ReturnType<typeof createPantauService>;
