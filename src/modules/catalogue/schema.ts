// Input and output shapes of the letter catalogue's admin API and pages.
import { Type, type Static } from 'typebox';
import { Form, OptStr, Str } from '../../http/types.js';
import { STAGES } from './rules.js';
import { CODE_PATTERN, IDENTITY_FIELDS, LIMITS, NAME_PATTERN } from './rules.js';

const Stage = Type.Union([
  Type.Literal('rt'),
  Type.Literal('rw'),
  Type.Literal('kelurahan'),
  Type.Literal('kecamatan'),
]);
// Spelled out (a mapped union loses its literal types); rules.ts holds the same lists as data.
const FieldType = Type.Union([
  Type.Literal('text'),
  Type.Literal('textarea'),
  Type.Literal('date'),
  Type.Literal('number'),
  Type.Literal('time'),
  Type.Literal('nik'),
]);
const Kind = Type.Union([Type.Literal('keterangan'), Type.Literal('pengantar'), Type.Literal('rekomendasi')]);
const IdentityKey = Type.Union([
  Type.Literal('nik'),
  Type.Literal('ttl'),
  Type.Literal('jenis_kelamin'),
  Type.Literal('agama'),
  Type.Literal('status_perkawinan'),
  Type.Literal('kewarganegaraan'),
  Type.Literal('pekerjaan'),
  Type.Literal('alamat'),
  Type.Literal('no_kk'),
]);
const Effect = Type.Literal('mark_deceased');
const Minutes = (min: number, max: number) => Type.Integer({ minimum: min, maximum: max });

export const LetterFieldSchema = Type.Object({
  name: Type.String({ pattern: NAME_PATTERN, maxLength: 40 }),
  label: Str(120, 1),
  type: FieldType,
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
  /** Only the statement paragraph(s); the letters module writes opening, identity block and closing. */
  template: Str(20_000, 1),
  active: Type.Optional(Type.Boolean()),
  kind: Type.Optional(Kind),
  addressee: OptStr(LIMITS.addressee),
  identityFields: Type.Optional(Type.Array(IdentityKey, { maxItems: IDENTITY_FIELDS.length })),
  disabledReason: OptStr(LIMITS.disabledReason),
  effect: Type.Optional(Type.Union([Effect, Type.Null()])),
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
  /** The code's name in the 83/2022 table; null when the code is not (or no longer) there. */
  classificationName: Type.Union([Type.String(), Type.Null()]),
  template: Type.String(),
  active: Type.Boolean(),
  kind: Kind,
  addressee: Type.String(),
  identityFields: Type.Array(IdentityKey),
  disabledReason: Type.String(),
  effect: Type.Union([Effect, Type.Null()]),
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
  kind: OptStr(20),
  addressee: OptStr(LIMITS.addressee),
  identity_fields: OptStr(300),
  disabled_reason: OptStr(LIMITS.disabledReason),
  effect: OptStr(20),
});

export const ClassificationOut = Type.Object({
  code: Type.String(),
  name: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
});
export const ClassificationImportOut = Type.Object({
  sourceVersion: Type.Integer(),
  total: Type.Integer(),
  added: Type.Integer(),
  changed: Type.Integer(),
  deactivated: Type.Integer(),
});
export type LetterTypeFormBody = Static<typeof LetterTypeFormBody>;
