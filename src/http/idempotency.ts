// Idempotency keys for every state-changing API call, in one place for all
// modules: a POST/PUT/PATCH/DELETE under /api/v1 by a signed-in account may
// carry `Idempotency-Key`. The first answer (status and body) is kept in
// PostgreSQL per (account, key) with a hash of method, path and body, so a
// phone that lost the answer and sends again gets that same answer (marked
// `Idempotent-Replayed: true`) instead of running twice or meeting a 409.
// The same key with another request is refused (422); while the first runs,
// a second gets 409 "sedang diproses" — the insert that claims the key is the
// lock, so two never both run. Keys expire after IDEMPOTENCY_TTL_HOURS.
// Limits: the answer is written after the handler's own transaction has
// committed, so an instance dying between the two leaves the key claimed;
// after ABANDONED_AFTER_MS a retry of the same request runs again and meets
// the module's own guard (e.g. "already acted"). Server errors (5xx) and 429
// are not kept: the retry runs again. Module-level keys (a request's or a
// check-in's `idempotencyKey` in the body) keep working beside this.
import { createHash, type Hash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { AppError } from '../lib/errors.js';
import { createIdempotencyRepo, type Claim } from './idempotency-repo.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
export const KEY_PATTERN = '^[A-Za-z0-9_-]{8,64}$';
const KEY = new RegExp(KEY_PATTERN);
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const API_PREFIX = '/api/v1/';
/** A claim still unfinished after this is taken to be from an instance that died mid-request. */
export const ABANDONED_AFTER_MS = 5 * 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when this request claimed an Idempotency-Key; its answer is kept on send. */
    idempotencyClaim: Claim | null;
  }
}

/** SHA-256 of method, path with query, and body (objects with sorted keys, bytes as bytes). */
export function requestFingerprint(method: string, url: string, body: unknown): Buffer {
  const h = createHash('sha256').update(`${method} ${url}\n`);
  feed(h, body);
  return h.digest();
}

function feed(h: Hash, v: unknown): void {
  if (v === undefined || v === null) h.update('n;');
  else if (Buffer.isBuffer(v)) h.update(`b${v.length}:`).update(v);
  else if (Array.isArray(v)) {
    h.update('[');
    for (const item of v) feed(h, item);
    h.update(']');
  } else if (typeof v === 'object') {
    h.update('{');
    for (const k of Object.keys(v).sort()) {
      h.update(`${JSON.stringify(k)}:`);
      feed(h, (v as Record<string, unknown>)[k]);
    }
    h.update('}');
  } else h.update(`${typeof v}:${JSON.stringify(v)};`);
}

export type Outcome =
  | { kind: 'claimed'; claim: Claim }
  | { kind: 'replay'; status: number; contentType: string | null; body: Buffer }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' };

export function createIdempotencyStore(d: { db: Db; clock: Clock; ttlHours: number }) {
  const repo = createIdempotencyRepo();
  return {
    async begin(userId: number, key: string, requestHash: Buffer): Promise<Outcome> {
      // Twice at most: a key found expired or deleted between the two statements is claimed on the next turn.
      for (let turn = 0; turn < 2; turn++) {
        const now = d.clock.now();
        const claim = { userId, key, claimedAt: now };
        const claimed = await repo.claim(d.db, {
          ...claim,
          requestHash,
          expiresAt: new Date(now.getTime() + d.ttlHours * 3_600_000),
          abandonedBefore: new Date(now.getTime() - ABANDONED_AFTER_MS),
        });
        if (claimed) return { kind: 'claimed', claim };
        const row = await repo.find(d.db, userId, key);
        if (!row || row.expires_at <= now) continue;
        if (!row.request_hash.equals(requestHash)) return { kind: 'mismatch' };
        if (row.status === null || !row.body) return { kind: 'in_progress' };
        return { kind: 'replay', status: row.status, contentType: row.content_type, body: row.body };
      }
      return { kind: 'in_progress' };
    },
    complete: (claim: Claim, answer: { status: number; contentType: string | null; body: Buffer }) =>
      repo.complete(d.db, claim, answer),
    release: (claim: Claim) => repo.release(d.db, claim),
    /** Housekeeping: one bounded batch of expired keys; the count. */
    deleteExpired: (limit: number) => repo.deleteExpired(d.db, d.clock.now(), limit),
  };
}
export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;

export function installIdempotency(app: FastifyInstance, store: IdempotencyStore) {
  app.decorateRequest('idempotencyClaim', null);
  // After access, CSRF and validation: a refused request claims nothing.
  app.addHook('preHandler', async (req, reply) => {
    const sent = req.headers[IDEMPOTENCY_HEADER];
    if (sent === undefined || !req.user || !STATE_CHANGING.has(req.method)) return;
    if (!req.routeOptions.url?.startsWith(API_PREFIX)) return;
    const key = Array.isArray(sent) ? sent[0] : sent;
    if (!key || !KEY.test(key)) throw new AppError(400, 'idempotency.bad_key');
    const r = await store.begin(req.user.id, key, requestFingerprint(req.method, req.url, req.body));
    switch (r.kind) {
      case 'claimed':
        req.idempotencyClaim = r.claim;
        return;
      case 'replay':
        reply.code(r.status).header(REPLAYED_HEADER, 'true');
        if (r.contentType) reply.type(r.contentType);
        return reply.send(r.body);
      case 'mismatch':
        throw new AppError(422, 'idempotency.mismatch');
      case 'in_progress':
        reply.header('retry-after', '1');
        throw new AppError(409, 'idempotency.in_progress');
      default: {
        const never: never = r;
        return never;
      }
    }
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const claim = req.idempotencyClaim;
    if (!claim) return payload;
    req.idempotencyClaim = null;
    const status = reply.statusCode;
    const body = typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : null;
    try {
      if (body && status < 500 && status !== 429) {
        const type = reply.getHeader('content-type');
        await store.complete(claim, { status, contentType: type === undefined ? null : String(type), body });
      } else await store.release(claim);
    } catch (err) {
      // The answer still goes out; the key stays claimed until it is taken to be abandoned.
      req.log.error({ err }, 'could not keep the idempotent answer');
    }
    return payload;
  });
}

/** OpenAPI: the shared header parameter and response header, referenced by every state-changing call. */
export const idempotencyComponents = {
  parameters: {
    IdempotencyKey: {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Kunci unik dari klien untuk permintaan ini (mis. UUID). Kirim ulang dengan kunci yang sama setelah jawaban hilang: ' +
        'jawaban pertama (status dan isi) dikembalikan lagi dengan `Idempotent-Replayed: true`, tanpa menjalankan ulang. ' +
        'Kunci yang sama untuk permintaan lain dijawab 422; selama permintaan pertama masih berjalan dijawab 409. ' +
        'Berlaku per akun, disimpan IDEMPOTENCY_TTL_HOURS jam (bawaan 24).',
      schema: { type: 'string' as const, pattern: KEY_PATTERN },
    },
  },
  headers: {
    IdempotentReplayed: {
      description:
        '`true` bila jawaban ini adalah jawaban tersimpan dari permintaan pertama dengan Idempotency-Key yang sama.',
      schema: { type: 'string' as const, enum: ['true'] },
    },
  },
};

type OpenApiOperation = {
  security?: unknown[];
  parameters?: unknown[];
  responses?: Record<string, { headers?: object }>;
};

/** Adds the Idempotency-Key parameter to every state-changing /api/v1 operation that needs an account. */
export function documentIdempotency<T extends { paths?: object }>(doc: T): T {
  for (const [path, item] of Object.entries(doc.paths ?? {}) as [string, Record<string, OpenApiOperation>][]) {
    if (!path.startsWith(API_PREFIX)) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!STATE_CHANGING.has(method.toUpperCase()) || (Array.isArray(op.security) && op.security.length === 0))
        continue;
      const ref = { $ref: '#/components/parameters/IdempotencyKey' };
      if (op.parameters?.some((p) => (p as { $ref?: string }).$ref === ref.$ref)) continue;
      op.parameters = [...(op.parameters ?? []), ref];
      for (const response of Object.values(op.responses ?? {}))
        response.headers = {
          ...response.headers,
          'Idempotent-Replayed': { $ref: '#/components/headers/IdempotentReplayed' },
        };
    }
  }
  return doc;
}
