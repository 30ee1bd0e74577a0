// Every route declares who may call it. A route without a declaration makes
// the app refuse to start, so no route can be added without thinking about
// access; the scope test (tests/integration/scope.test.ts) then walks them all.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';
import type { Role } from '../kernel/roles.js';

/** 'metrics': the scraper's own credential (METRICS_TOKEN as Bearer), no account — see checkMetricsCredential. */
export type Access = 'public' | 'authenticated' | 'metrics' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Forms and API calls that change state are CSRF-checked unless this is false (e.g. login by API token). */
    csrf?: boolean;
  }
}

/** Routes added by plugins we trust (API docs). */
const PLUGIN_PREFIXES = ['/docs'];

export interface RouteInfo {
  method: string;
  url: string;
  access: Access;
  /** The route's declared input schemas (body, querystring, params), for tests that walk every input. */
  schema?: { body?: unknown; querystring?: unknown; params?: unknown } | undefined;
}

/** Returns the live list of the app's routes with their access rule (the scope test walks it). */
export function requireAccessDeclarations(app: FastifyInstance): RouteInfo[] {
  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    if (PLUGIN_PREFIXES.some((p) => route.url === p || route.url.startsWith(p + '/'))) {
      route.config = { ...(route.config ?? {}), access: 'public', csrf: false };
      return;
    }
    if (!route.config?.access) throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule`);
    for (const m of [route.method].flat())
      if (m !== 'HEAD') routes.push({ method: m, url: route.url, access: route.config.access, schema: route.schema });
    const isApi = route.url.startsWith('/api/') || route.url.startsWith('/open311/');
    if (!isApi && !['/healthz', '/livez', '/readyz'].includes(route.url))
      route.schema = { ...(route.schema ?? {}), hide: true };
  });
  return routes;
}

/** What a person with a temporary password may still do: change it, or leave. */
const WHILE_PASSWORD_TEMPORARY = new Set([
  '/akun/sandi',
  '/keluar',
  '/keluar-semua',
  '/api/v1/me',
  '/api/v1/me/password',
  '/api/v1/auth/logout',
  '/api/v1/auth/logout-all',
]);

export function checkAccess(req: FastifyRequest, reply: FastifyReply): FastifyReply | void {
  const access = req.routeOptions.config?.access;
  if (!access || access === 'public' || access === 'metrics') return;
  if (!req.user) throw new AppError(401, 'error.unauthenticated');
  if (req.user.mustChangePassword && !WHILE_PASSWORD_TEMPORARY.has(req.routeOptions.url ?? '')) {
    if (req.url.startsWith('/api/')) throw new AppError(403, 'auth.must_change');
    return reply.redirect('/akun/sandi', 303);
  }
  if (access === 'authenticated') return;
  if (!access.includes(req.user.role)) throw new AppError(403, 'error.forbidden');
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * The access rule of 'metrics' routes: `Authorization: Bearer <METRICS_TOKEN>`. Without a configured token the
 * route does not exist (404); a missing or wrong credential is 401. Compared as SHA-256 digests in constant time,
 * so neither the token's length nor its first differing byte shows in the answer time.
 */
export function checkMetricsCredential(token: string | null) {
  const expected = token ? digest(token) : null;
  return async (req: FastifyRequest) => {
    if (req.routeOptions.config?.access !== 'metrics') return;
    if (!expected) throw new AppError(404, 'error.not_found');
    const auth = req.headers.authorization;
    const sent = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : '';
    if (!timingSafeEqual(digest(sent), expected)) throw new AppError(401, 'error.unauthenticated');
  };
}
