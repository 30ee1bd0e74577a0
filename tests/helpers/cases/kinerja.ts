// Scope/bad-input cases for the kinerja module's routes (see ../route-cases.ts).
// The drill-down (`wilayah`) names the target's kelurahan: outside it, 404.
import type { RouteCall, Target } from '../route-cases.js';
export const kinerjaCases: Record<string, (t: Target) => RouteCall> = {
  'GET /kinerja': (t) => ({ url: `/kinerja?bulan=2026-01&wilayah=${t.kelurahan}` }),
  'GET /kinerja/saya': () => ({ url: '/kinerja/saya?bulan=2026-01' }),
  'GET /api/v1/kinerja': (t) => ({ url: `/api/v1/kinerja?bulan=2026-01&wilayah=${t.kelurahan}` }),
  'GET /api/v1/kinerja/saya': () => ({ url: '/api/v1/kinerja/saya?bulan=2026-01' }),
};
