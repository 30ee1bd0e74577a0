import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import { Type, type TSchema } from 'typebox';
import { LOOSE_PUBLIC_CODE_PATTERN } from '../kernel/codes.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** Shared schema pieces. Every string has a maximum length: oversized input is refused, not truncated. */
export const Str = (max: number, min = 0) => Type.String({ maxLength: max, minLength: min });
export const OptStr = (max: number) => Type.Optional(Type.String({ maxLength: max }));
export const RegionCode = Type.String({
  pattern: '^\\d{2}(\\.\\d{2}(\\.\\d{2}(\\.\\d{4}(\\.\\d{3}(\\.\\d{3})?)?)?)?)?$',
  maxLength: 30,
});
export const IdParam = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });
export const CodeParam = Type.Object({ code: RegionCode });
/** A tracking or verification code as typed or scanned: any case, stray spaces or hyphens (normalizePublicCode). */
export const PublicCodeParam = Type.Object({
  code: Type.String({ pattern: LOOSE_PUBLIC_CODE_PATTERN, minLength: 6, maxLength: 40 }),
});
export const Page = Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 }));
/** Form bodies carry the CSRF token; it is checked before validation. */
export const Form = <T extends Record<string, TSchema>>(props: T) =>
  Type.Object({ ...props, _csrf: Type.Optional(Type.String({ maxLength: 200 })) });
export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
  }),
});
export const Ok = Type.Object({ ok: Type.Boolean() });
