// Input and output shapes of the letter catalogue's admin API and pages.
import { Type, type Static } from 'typebox';
import { Form, OptStr, Str } from '../../http/types.js';
import { STAGES } from './rules.js';
import { CODE_PATTERN, LIMITS, NAME_PATTERN } from './rules.js';

const Stage = Type.Union([
  Type.Literal('rt'),
  Type.Literal('rw'),
  Type.Literal('kelurahan'),
  Type.Literal('kecamatan'),
]);
const Minutes = (min: number, max: number) => Type.Integer({ minimum: min, maximum: max });

export const LetterFieldSchema = Type.Object({
  name: Type.String({ pattern: NAME_PATTERN, maxLength: 40 }),
  label: Str(120, 1),
  type: Type.Union([Type.Literal('text'), Type.Literal('textarea'), Type.Literal('date'), Type.Literal('number')]),
  required: Type.Boolean(),
  maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.fieldMaxLength })),
});
export const LetterAttachmentSchema = Type.Object({
  kind: Type.String({ pattern: NAME_PATTERN, maxLength: 40 }),
  label: Str(120, 1),
  required: Type.Boolean(),
});

const editable = {
  name: Str(120, 1),
  description: OptStr(1000),
  fields: Type.Array(LetterFieldSchema, { maxItems: LIMITS.fields }),
  attachments: Type.Array(LetterAttachmentSchema, { maxItems: LIMITS.attachments }),
  validityDays: Minutes(1, LIMITS.validityDays),
  route: Type.Array(Stage, { minItems: 1, maxItems: STAGES.length }),
  stageBudgets: Type.Object({
    rt: Type.Optional(Minutes(0, LIMITS.stageMinutes)),
    rw: Type.Optional(Minutes(0, LIMITS.stageMinutes)),
    kelurahan: Type.Optional(Minutes(0, LIMITS.stageMinutes)),
    kecamatan: Type.Optional(Minutes(0, LIMITS.stageMinutes)),
  }),
  totalBudgetMinutes: Minutes(1, LIMITS.totalMinutes),
  classification: Str(20, 1),
  template: Str(20_000, 1),
  active: Type.Optional(Type.Boolean()),
};

export const CreateLetterTypeBody = Type.Object({
  code: Type.String({ pattern: CODE_PATTERN, maxLength: 40 }),
  ...editable,
});
export const UpdateLetterTypeBody = Type.Object({
  ...editable,
  expectedVersion: Type.Integer({ minimum: 1, maximum: 2147483647 }),
});
export type CreateLetterTypeBody = Static<typeof CreateLetterTypeBody>;
export type UpdateLetterTypeBody = Static<typeof UpdateLetterTypeBody>;

export const LetterTypeOut = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  fields: Type.Array(LetterFieldSchema),
  attachments: Type.Array(LetterAttachmentSchema),
  validityDays: Type.Integer(),
  route: Type.Array(Type.String()),
  stageBudgets: Type.Record(Type.String(), Type.Integer()),
  totalBudgetMinutes: Type.Integer(),
  classification: Type.String(),
  template: Type.String(),
  active: Type.Boolean(),
  version: Type.Integer(),
  updatedAt: Type.String(),
});

/**
 * The edit page posts text only; everything is parsed and checked by
 * letterTypeFromForm so each problem gets its own Indonesian message.
 * Lengths are still capped here: oversized input is refused, not truncated.
 */
export const LetterTypeFormBody = Form({
  code: OptStr(40),
  name: OptStr(120),
  description: OptStr(1000),
  route_rt: OptStr(10),
  route_rw: OptStr(10),
  route_kelurahan: OptStr(10),
  route_kecamatan: OptStr(10),
  budget_rt: OptStr(10),
  budget_rw: OptStr(10),
  budget_kelurahan: OptStr(10),
  budget_kecamatan: OptStr(10),
  total_budget_minutes: OptStr(10),
  validity_days: OptStr(10),
  classification: OptStr(20),
  template: OptStr(20_000),
  active: OptStr(10),
  fields: OptStr(10_000),
  attachments: OptStr(2_000),
  expected_version: OptStr(12),
});
export type LetterTypeFormBody = Static<typeof LetterTypeFormBody>;
