// The shape every HTML form handler follows: invalid input or a refused use
// case re-renders the same form with an error summary (nothing is lost, the
// person's entries are kept); success redirects (post/redirect/get).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../lib/errors.js';
import type { MessageKey } from '../i18n/index.js';
import { sendPage } from '../ui/page.js';
import { fieldErrorsFromAjv } from './validation.js';

export interface FormFailure {
  errors: FieldError[];
  message?: MessageKey | undefined;
  params?: Record<string, string | number> | undefined;
}

export async function handleForm<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: { render: (failure: FormFailure) => unknown; run: () => Promise<T>; done: (result: T) => unknown },
) {
  if (req.validationError) {
    const errors = fieldErrorsFromAjv(req.validationError.validation ?? []);
    return sendPage(reply, opts.render({ errors }), 400);
  }
  let result: T;
  try {
    result = await opts.run();
  } catch (err) {
    if (err instanceof AppError && err.status < 500 && err.status !== 401 && err.status !== 404 && err.status !== 403) {
      const failure: FormFailure = {
        errors: err.fields,
        message: err.fields.length ? undefined : err.key,
        params: err.params,
      };
      return sendPage(reply, opts.render(failure), err.status);
    }
    throw err;
  }
  return opts.done(result);
}

/** Only same-site relative paths, so a login link cannot send people elsewhere. */
export function safeNext(next: unknown, fallback = '/'): string {
  return typeof next === 'string' && /^\/(?![/\\])[\w\-./?=&%]*$/.test(next) ? next : fallback;
}
