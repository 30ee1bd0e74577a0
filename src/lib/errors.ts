// Errors a use case raises on purpose. Each carries a message key from the
// catalogue (src/i18n) so the person sees what to do, in their language.
import type { MessageKey } from '../i18n/index.js';

export interface FieldError {
  field: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
    readonly fields: FieldError[] = [],
  ) {
    super(key);
  }
}

export const notFound = () => new AppError(404, 'error.not_found');
export const forbidden = () => new AppError(403, 'error.forbidden');
export const conflict = (key: MessageKey, params?: Record<string, string | number>) => new AppError(409, key, params);
export const invalid = (fields: FieldError[]) => new AppError(422, 'error.validation', {}, fields);
export const fieldError = (field: string, key: MessageKey, params?: Record<string, string | number>) =>
  invalid([{ field, key, ...(params ? { params } : {}) }]);

/** A Postgres unique-violation, for turning races into clear 409s. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && (!constraint || e.constraint === constraint);
}
