// One answer to every failure: JSON for the API, a page for people. Always a
// clear message from the catalogue; a 500 never reveals internals.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describe, isConnectionError } from '../db/connection-errors.js';
import { AppError, type FieldError } from '../lib/errors.js';
import type { MessageKey } from '../i18n/index.js';
import { renderErrorPage } from '../ui/error-page.js';
import { fieldErrorsFromAjv } from './validation.js';

const CODE_KEYS: Record<string, { status: number; key: MessageKey }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, key: 'error.too_large' },
  FST_REQ_FILE_TOO_LARGE: { status: 413, key: 'error.too_large' },
  FST_FILES_LIMIT: { status: 413, key: 'error.too_large' },
  FST_PARTS_LIMIT: { status: 413, key: 'error.too_large' },
  FST_FIELDS_LIMIT: { status: 413, key: 'error.too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, key: 'error.unsupported_type' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 415, key: 'error.unsupported_type' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, key: 'error.bad_request' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, key: 'error.bad_request' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, key: 'error.bad_request' },
};

/** Seconds a client is told to wait (Retry-After) when the database cannot be reached. */
export const DB_RETRY_AFTER_SECONDS = 5;

/** Probes and the scraper read JSON, never a page. */
const MACHINE_PATHS = new Set(['/healthz', '/livez', '/readyz', '/metrics']);

export function isApiRequest(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') || req.url.startsWith('/open311/') || MACHINE_PATHS.has(req.url.split('?')[0]!);
}

export function toAppError(err: FastifyError): AppError {
  if (err instanceof AppError) return err;
  // A lost or refused database connection: the request may be sent again (writes with their idempotency key).
  if (isConnectionError(err)) return new AppError(503, 'error.db_unavailable', { seconds: DB_RETRY_AFTER_SECONDS });
  if (err.validation) return new AppError(400, 'error.validation', {}, fieldErrorsFromAjv(err.validation));
  const known = err.code ? CODE_KEYS[err.code] : undefined;
  if (known) return new AppError(known.status, known.key, { limit: '2 MB' });
  if (err.statusCode === 401) return new AppError(401, 'error.unauthenticated');
  if (err.statusCode === 404) return new AppError(404, 'error.not_found');
  if (err.statusCode === 429) return new AppError(429, 'error.rate_limited', { minutes: 1 });
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
    return new AppError(err.statusCode, 'error.bad_request');
  return new AppError(500, 'error.internal');
}

export function sendError(req: FastifyRequest, reply: FastifyReply, e: AppError) {
  if (e.status === 503) reply.header('retry-after', String(DB_RETRY_AFTER_SECONDS));
  if (isApiRequest(req)) {
    return reply
      .code(e.status)
      .type('application/json; charset=utf-8')
      .send({
        error: {
          code: e.key,
          message: req.t(e.key, { limit: '2 MB', ...e.params }),
          fields: e.fields.map((f: FieldError) => ({ field: f.field, message: req.t(f.key, f.params) })),
        },
      });
  }
  if (e.status === 401) return reply.redirect(`/masuk?next=${encodeURIComponent(req.url)}`, 303);
  return reply
    .code(e.status)
    .type('text/html; charset=utf-8')
    .send(renderErrorPage(req, reply, e));
}

export function installErrorHandlers(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const e = toAppError(err);
    // The code and pg's short message only: nothing of the statement or its values.
    if (e.key === 'error.db_unavailable') req.log.warn({ db: describe(err) }, 'database unavailable: answered 503');
    else if (e.status >= 500) req.log.error({ err }, 'unhandled error');
    return sendError(req, reply, e);
  });
  app.setNotFoundHandler({}, (req, reply) => sendError(req, reply, new AppError(404, 'error.not_found')));
}
