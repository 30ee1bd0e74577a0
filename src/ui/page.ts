// What every page needs to render: translations, the signed-in person, the
// CSRF token for its forms, and a one-time flash message.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isMessageKey, type Locale, type MessageKey, type Translate } from '../i18n/index.js';
import type { FieldError } from '../lib/errors.js';
import type { SessionUser } from '../kernel/session.js';
import { menuFor, type MenuItem } from '../kernel/menu.js';
import type { TimeZone } from '../config.js';

export const FLASH_COOKIE = 'pamong_flash';

export interface PageCtx {
  t: Translate;
  locale: Locale;
  user: SessionUser | null;
  csrf: string;
  path: string;
  flash: MessageKey | null;
  unread: number;
  /** The city's zone for every time shown (config TIME_ZONE). */
  timeZone: TimeZone;
  /** The menu items the signed-in role may open. */
  menu: MenuItem[];
}

export function pageCtx(req: FastifyRequest, reply: FastifyReply): PageCtx {
  const raw = req.cookies[FLASH_COOKIE];
  const flash = raw && isMessageKey(raw) ? raw : null;
  if (raw) reply.clearCookie(FLASH_COOKIE, { path: '/' });
  return {
    t: req.t,
    locale: req.locale,
    user: req.user,
    csrf: req.csrfToken(reply),
    path: req.url.split('?')[0] ?? '/',
    flash,
    unread: req.unread,
    timeZone: req.timeZone,
    menu: req.menu ?? (req.user ? menuFor(req.server.menu, req.user.role).filter((n) => !n.when) : []),
  };
}

export function redirectWithFlash(reply: FastifyReply, to: string, flash: MessageKey) {
  reply.setCookie(FLASH_COOKIE, flash, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 });
  return reply.redirect(to, 303);
}

/** Sends a rendered page. hono/jsx escapes every interpolated value by default. */
export function sendPage(reply: FastifyReply, node: unknown, status = 200) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send('<!doctype html>' + String(node));
}

export type Errors = FieldError[];
export const errorFor = (errors: Errors | undefined, field: string) => errors?.find((e) => e.field === field);
