// A search's free text (a name, a NIK, a KK number) never travels in a URL,
// where it would land in request logs, browser history and proxies: search
// forms are POSTs, and the links to further pages of their results carry this
// sealed token instead — the text encrypted (AES-256-GCM, key derived from
// DATA_KEY), bound to the account and the list, valid for 30 minutes.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export const SEARCH_TOKEN_TTL_MS = 30 * 60_000;
export const SEARCH_TOKEN_PATTERN = '^[A-Za-z0-9_-]{40,512}$';

export interface SearchSealer {
  seal(userId: number, list: string, q: string): string;
  /** The sealed text, or null when the token is malformed, expired, or was made for another account or list. */
  open(userId: number, list: string, token: string): string | null;
}

export function createSearchSealer(dataKey: Buffer, now: () => number = Date.now): SearchSealer {
  const key = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'pamong search token v1', 32));
  const aad = (userId: number, list: string) => Buffer.from(`${userId}:${list}`);
  return {
    seal(userId, list, q) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      c.setAAD(aad(userId, list));
      const body = Buffer.concat([c.update(JSON.stringify({ q, e: now() + SEARCH_TOKEN_TTL_MS }), 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url');
    },
    open(userId, list, token) {
      try {
        const raw = Buffer.from(token, 'base64url');
        if (raw.length < 29) return null;
        const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        d.setAAD(aad(userId, list));
        d.setAuthTag(raw.subarray(12, 28));
        const v = JSON.parse(Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8')) as {
          q?: unknown;
          e?: unknown;
        };
        return typeof v.q === 'string' && typeof v.e === 'number' && v.e > now() ? v.q : null;
      } catch {
        return null;
      }
    },
  };
}
