// Input schemas of hourly permits and the discipline list (API and forms).
import { Type } from 'typebox';
import { Form, OptStr, Str } from '../../http/types.js';
import { Key } from './schema.js';
import { PERMIT_KINDS } from './permits-rules.js';

const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
/** A wall time in the city's zone, as a phone's time input sends it. */
const Time = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', maxLength: 5 });
const Kind = Type.Union(PERMIT_KINDS.map((k) => Type.Literal(k)));
const Decision = Type.Union([Type.Literal('disetujui'), Type.Literal('ditolak')]);

const permitFields = {
  idempotencyKey: Key,
  permitKind: Kind,
  permitDate: DateStr,
  startTime: Time,
  endTime: Time,
  reason: Str(500, 1),
};
export const PermitBody = Type.Object(permitFields);
export const PermitForm = Form(permitFields);
export const PermitDecisionBody = Type.Object({ decision: Decision, note: OptStr(500) });
export const PermitDecisionForm = Form({ decision: Decision, note: OptStr(500) });
export const PermitWhichQuery = Type.Object({
  which: Type.Optional(Type.Union([Type.Literal('mine'), Type.Literal('to_decide'), Type.Literal('unit')])),
});
export const DisciplineQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) });
