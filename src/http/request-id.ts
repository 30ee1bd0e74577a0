// Request ids: one per request, in every log line of it (pino's child logger),
// in the `X-Request-Id` answer header and on the audit rows it writes. An id
// sent by the proxy in front (nginx `$request_id`) or by a client is kept only
// when well-formed — short, plain characters, no long run of digits, so a NIK
// or a phone number cannot ride into the logs through it; otherwise a new one
// is made.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { runWithRequestId } from '../kernel/request-scope.js';

export const REQUEST_ID_HEADER = 'x-request-id';
const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$/;
const LONG_DIGITS = /\d{13,}/;

export function acceptedRequestId(sent: string | string[] | undefined): string | null {
  const id = Array.isArray(sent) ? sent[0] : sent;
  return id && WELL_FORMED.test(id) && !LONG_DIGITS.test(id) ? id : null;
}

export const genRequestId = (raw: IncomingMessage): string =>
  acceptedRequestId(raw.headers[REQUEST_ID_HEADER]) ?? randomUUID();

/**
 * Enters the request's scope at the start of each stage that may resume outside it (a body is read from the
 * socket's events, which run outside the scope), so hooks and the handler see the id. Register before other hooks.
 */
export function installRequestScope(app: FastifyInstance) {
  app.addHook('onRequest', (req, _reply, done) => runWithRequestId(req.id, done));
  app.addHook('preValidation', (req, _reply, done) => runWithRequestId(req.id, done));
  app.addHook('preHandler', (req, _reply, done) => runWithRequestId(req.id, done));
  app.addHook('onSend', async (req, reply) => {
    reply.header(REQUEST_ID_HEADER, req.id);
  });
}
