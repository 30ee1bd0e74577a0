// Input schemas of leave's two levels (API and page forms).
import { Type } from 'typebox';
import { Form, OptStr } from '../../http/types.js';

const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
const Outcome = Type.Union([
  Type.Literal('setuju'),
  Type.Literal('perubahan'),
  Type.Literal('ditangguhkan'),
  Type.Literal('tidak_disetujui'),
]);
const step = {
  outcome: Outcome,
  note: OptStr(500),
  start: Type.Optional(DateStr),
  end: Type.Optional(DateStr),
  until: Type.Optional(DateStr),
};
/** A pertimbangan or a decision: the outcome, a reason (to defer or refuse), changed dates, a deferral date. */
export const StepBody = Type.Object(step);
/** The same from a page form: empty date fields arrive as '' and are read as absent. */
const EmptyOr = (s: typeof DateStr) => Type.Optional(Type.Union([s, Type.Literal('')]));
export const StepForm = Form({
  outcome: Outcome,
  note: OptStr(500),
  start: EmptyOr(DateStr),
  end: EmptyOr(DateStr),
  until: EmptyOr(DateStr),
});
export const VerifyParam = Type.Object({
  code: Type.String({ pattern: '^[A-Za-z0-9 -]{6,40}$', minLength: 6, maxLength: 40 }),
});
