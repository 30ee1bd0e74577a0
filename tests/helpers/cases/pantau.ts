// Scope/bad-input cases for the per-unit counters of heads (/surat/pantau, issue 15 item 8): an outsider asking for
// the target unit's list gets 404; the overview lists only the caller's own units.
import type { RouteCall, Target } from '../route-cases.js';

export const pantauCases: Record<string, (t: Target) => RouteCall> = {
  'GET /surat/pantau': () => ({ url: '/surat/pantau' }),
  'GET /surat/pantau/:id/:state': (t) => ({ url: `/surat/pantau/${t.unitId}/pending` }),
};
