// CSRF protection: a form's token is an HMAC of the session (or, before
// sign-in, of an anonymous cookie), checked on every state-changing request
// that rides on cookies. Requests with a Bearer token carry no ambient
// authority and need no token.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';

export const ANON_COOKIE = 'pamong_anon';

export function csrfTokenFor(secret: string, binding: string): string {
  return createHmac('sha256', secret).update(`csrf:${binding}`).digest('base64url');
}

export function csrfBinding(req: FastifyRequest, reply: FastifyReply): string {
  if (req.user) return req.user.tokenHash.toString('hex');
  let anon = req.cookies[ANON_COOKIE];
  if (!anon || !/^[A-Za-z0-9_-]{20,64}$/.test(anon)) {
    anon = randomBytes(18).toString('base64url');
    req.cookies[ANON_COOKIE] = anon;
    reply.setCookie(ANON_COOKIE, anon, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: req.publicUrl.startsWith('https://'),
    });
  }
  return `anon:${anon}`;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function verifyCsrf(secret: string) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (SAFE.has(req.method) || req.routeOptions.config?.csrf === false) return;
    if (req.bearer) return;
    const sent =
      (req.headers['x-csrf-token'] as string | undefined) ?? (req.body as Record<string, unknown> | undefined)?._csrf;
    const expected = csrfTokenFor(secret, csrfBinding(req, reply));
    if (
      typeof sent !== 'string' ||
      sent.length !== expected.length ||
      !timingSafeEqual(Buffer.from(sent), Buffer.from(expected))
    ) {
      throw new AppError(403, 'error.csrf');
    }
  };
}
