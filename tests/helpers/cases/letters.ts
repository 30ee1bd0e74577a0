// Scope/bad-input cases for the letters module's routes (see ../route-cases.ts).
import type { RouteCall, Target } from '../route-cases.js';

/** A well-formed code that belongs to no letter: public verification must answer "not found", never leak. */
const UNKNOWN_CODE = 'ZZZZ2345ZZZZ';

export const lettersCases: Record<string, (t: Target) => RouteCall> = {
  'GET /v/:code': () => ({ url: `/v/${UNKNOWN_CODE}` }),
  // Checks an uploaded PDF, writes nothing; an unknown code is "not found" whatever the body.
  'POST /v/:code': () => ({ url: `/v/${UNKNOWN_CODE}`, payload: { file: '%PDF-1.4 penyusup' }, form: true }),
  'GET /api/v1/letters/:code/verify': () => ({ url: `/api/v1/letters/${UNKNOWN_CODE}/verify` }),
  'GET /layanan/:id/surat.pdf': (t) => ({ url: `/layanan/${t.requestId}/surat.pdf` }),
  'GET /api/v1/requests/:id/letter.pdf': (t) => ({ url: `/api/v1/requests/${t.requestId}/letter.pdf` }),
};
