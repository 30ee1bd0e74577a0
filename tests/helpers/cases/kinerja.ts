// Scope/bad-input cases for the kinerja module's routes (see ../route-cases.ts).
import type { RouteCall, Target } from '../route-cases.js';
export const kinerjaCases: Record<string, (t: Target) => RouteCall> = {
  'GET /kinerja': () => ({ url: '/kinerja?bulan=2026-01' }),
  'GET /kinerja/saya': () => ({ url: '/kinerja/saya?bulan=2026-01' }),
  'GET /api/v1/kinerja': () => ({ url: '/api/v1/kinerja?bulan=2026-01' }),
  'GET /api/v1/kinerja/saya': () => ({ url: '/api/v1/kinerja/saya?bulan=2026-01' }),
};
