// Schema validation. Path parameters and query strings arrive as text and are
// coerced ("2" → 2); bodies are not: a JSON `true` where a name belongs is a
// wrong-typed request and is refused, never stored as "true". HTML forms send
// only strings, so their schemas use strings too.
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchema } from 'fastify';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const base: Options = { removeAdditional: true, allErrors: true, useDefaults: true, strict: false };
const coercing = addFormats(new Ajv({ ...base, coerceTypes: 'array' }));
const strict = addFormats(new Ajv({ ...base, coerceTypes: false }));

export function compileValidator({ schema, httpPart }: { schema: FastifySchema; httpPart?: string }) {
  return (httpPart === 'body' ? strict : coercing).compile(schema as object);
}
