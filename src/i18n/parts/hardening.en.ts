// Messages of sign-in throttling and API idempotency (English). Same keys as hardening.id.ts.
import type { hardeningId } from './hardening.id.js';

export const hardeningEn: Record<keyof typeof hardeningId, string> = {
  'auth.throttled_seconds':
    'Too many failed sign-in attempts. Wait {seconds} seconds, then try again. If you have forgotten your password, ask kelurahan staff or an administrator to reset it.',
  'auth.throttled_minutes':
    'Too many failed sign-in attempts. Wait {minutes} minutes, then try again. If you have forgotten your password, ask kelurahan staff or an administrator to reset it.',
  'idempotency.bad_key':
    'The Idempotency-Key header is not valid. Use 8–64 letters, digits, "-" or "_", for example a UUID.',
  'idempotency.mismatch':
    'This Idempotency-Key was already used for a different request. Resend exactly the same request, or use a new key for a different one.',
  'idempotency.in_progress':
    'A request with this Idempotency-Key is still being processed. Wait a moment, then resend it with the same key to get its answer.',
};
