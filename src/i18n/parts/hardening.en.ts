// Messages of sign-in throttling (English). Same keys as hardening.id.ts.
import type { hardeningId } from './hardening.id.js';

export const hardeningEn: Record<keyof typeof hardeningId, string> = {
  'auth.throttled_seconds':
    'Too many failed sign-in attempts. Wait {seconds} seconds, then try again. If you have forgotten your password, ask kelurahan staff or an administrator to reset it.',
  'auth.throttled_minutes':
    'Too many failed sign-in attempts. Wait {minutes} minutes, then try again. If you have forgotten your password, ask kelurahan staff or an administrator to reset it.',
};
