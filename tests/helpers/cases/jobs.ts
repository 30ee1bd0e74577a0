// Scope/bad-input cases for the jobs module's routes (see ../route-cases.ts).
// The inbox and settings routes act only on the caller's own account: their
// cases name a notification that is not the caller's (→ 404) or an invalid
// address (→ 422), so the scope test's "allowed write must be refused" holds
// and nothing is written.
import type { RouteCall, Target } from '../route-cases.js';
const NOT_YOURS = '999999999999';
export const jobsCases: Record<string, (t: Target) => RouteCall> = {
  'GET /api/v1/notifications': () => ({ url: '/api/v1/notifications' }),
  'POST /api/v1/notifications/read': () => ({ url: '/api/v1/notifications/read', payload: { ids: [NOT_YOURS] } }),
  'GET /api/v1/admin/deliveries': () => ({ url: '/api/v1/admin/deliveries?status=failed' }),
  'GET /kotak-masuk': () => ({ url: '/kotak-masuk' }),
  'POST /kotak-masuk/baca': () => ({ url: '/kotak-masuk/baca', payload: { id: NOT_YOURS } }),
  'GET /pengaturan/notifikasi': () => ({ url: '/pengaturan/notifikasi' }),
  'POST /pengaturan/notifikasi': () => ({
    url: '/pengaturan/notifikasi',
    payload: { notifyEmail: 'on', email: 'bukan-alamat-surel', phone: '12' },
  }),
  'GET /admin/pengiriman': () => ({ url: '/admin/pengiriman' }),
};
