// Input schemas of acting officials and delegation windows (API and forms).
import { Type } from 'typebox';
import { Form, Str } from '../../http/types.js';
import { ACTING_KINDS } from './acting-rules.js';
import { DateStr, Id, IdText } from './schema.js';

const Kind = Type.Union(ACTING_KINDS.map((k) => Type.Literal(k)));
/** A colleague's number as typed: a NIP / NI PPPK or a nomor pegawai. */
const Number_ = Type.String({ pattern: '^[0-9A-Za-z ._-]+$', minLength: 1, maxLength: 44 });
const OptDay = Type.Optional(Type.Union([DateStr, Type.Literal('')]));
const fields = {
  kind: Kind,
  delegateNumber: Number_,
  fromDate: DateStr,
  untilDate: DateStr,
  decree: Str(100, 1),
  reason: Str(500, 1),
};
export const ActingBody = Type.Object({ unitId: Id, ...fields });
export const ActingForm = Form({ unitId: IdText, ...fields });
export const ActingEndBody = Type.Object({ lastDay: OptDay });
export const ActingEndForm = Form({ lastDay: OptDay });
export const ActingListQuery = Type.Object({ unitId: Type.Optional(Id) });
export const ActingPageQuery = Type.Object({ unit: Type.Optional(IdText) });
export const ActingForQuery = Type.Object({
  unitId: Type.Optional(Id),
  employeeId: Type.Optional(Id),
  date: Type.Optional(DateStr),
});
export const ActingDateQuery = Type.Object({ date: Type.Optional(DateStr) });
