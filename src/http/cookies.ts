// Cookie names and request size limits shared by the pipeline and the pages.
import type { FastifyReply } from 'fastify';

export const SESSION_COOKIE = 'pamong_sid';
export const LANG_COOKIE = 'pamong_lang';
export const BODY_LIMIT = 1024 * 1024;
export const UPLOAD_LIMIT = 2 * 1024 * 1024;

export function startSessionCookie(reply: FastifyReply, token: string, secure: boolean, ttlHours: number) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: ttlHours * 3600,
  });
}
