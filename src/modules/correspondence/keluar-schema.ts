// Input and output schemas of the naskah keluar API (/api/v1/naskah-keluar).
import { Type } from 'typebox';
import { SECURITY_CLASSES, URGENCIES } from './rules.js';
import { STEP_ROLES } from './keluar-rules.js';

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
export const RouteStepIn = Type.Object({
  role: Type.Union(STEP_ROLES.map((r) => Type.Literal(r))),
  employeeId: Id,
});
const Attachment = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  /** A PDF, base64, at most NASKAH_PDF_MAX_BYTES once decoded. */
  pdf: Type.String({ minLength: 4, maxLength: 7_000_000, pattern: '^[A-Za-z0-9+/=]*$' }),
});
export const AddresseeIn = Type.Union([
  Type.Object({ type: Type.Literal('internal'), unitId: Id }),
  Type.Object({
    type: Type.Literal('external'),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    email: Type.String({ minLength: 3, maxLength: 254 }),
  }),
]);

export const DraftBody = Type.Object({
  idempotencyKey: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$', maxLength: 64 }),
  unitId: Id,
  kindCode: Type.String({ pattern: '^[a-z_]{2,40}$', maxLength: 40 }),
  perihal: Type.String({ minLength: 1, maxLength: 500 }),
  classificationCode: Type.String({ pattern: '^[0-9]{3}(\\.[0-9]{1,3}){0,5}$', maxLength: 40 }),
  securityClass: Type.Union(SECURITY_CLASSES.map((s) => Type.Literal(s))),
  urgency: Type.Union(URGENCIES.map((u) => Type.Literal(u))),
  addressees: Type.Array(AddresseeIn, { minItems: 1, maxItems: 50 }),
  body: Type.String({ minLength: 1, maxLength: 20000 }),
  replyToId: Type.Optional(Id),
  /** Omitted: the unit's configured default for the kind. */
  routing: Type.Optional(Type.Array(RouteStepIn, { minItems: 1, maxItems: 30 })),
  attachments: Type.Optional(Type.Array(Attachment, { maxItems: 10 })),
});

export const ReviseBody = Type.Object({
  fromVersion: Type.Integer({ minimum: 1, maximum: 1000 }),
  perihal: Type.String({ minLength: 1, maxLength: 500 }),
  body: Type.String({ minLength: 1, maxLength: 20000 }),
  routing: Type.Optional(Type.Array(RouteStepIn, { minItems: 1, maxItems: 30 })),
  attachments: Type.Optional(Type.Array(Attachment, { maxItems: 10 })),
});

export const ActBody = Type.Object({
  stepId: Id,
  act: Type.Union([Type.Literal('paraf'), Type.Literal('pendapat'), Type.Literal('kembalikan')]),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
});

export const DefaultsQuery = Type.Object({
  unitId: Id,
  kindCode: Type.String({ pattern: '^[a-z_]{2,40}$', maxLength: 40 }),
});
export const DefaultsBody = Type.Object({
  unitId: Id,
  kindCode: Type.String({ pattern: '^[a-z_]{2,40}$', maxLength: 40 }),
  steps: Type.Array(RouteStepIn, { maxItems: 30 }),
});

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
export const StepOut = Type.Object({
  id: Type.Integer(),
  round: Type.Integer(),
  position: Type.Integer(),
  role: Type.String(),
  status: Type.String(),
  version: Type.Integer(),
  employeeId: Type.Integer(),
  name: Type.String(),
  actorName: Nullable(Type.String()),
  actingKind: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  actedAt: Nullable(Type.String()),
});
export const KeluarOut = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  status: Type.String(),
  kindCode: Type.String(),
  perihal: Type.String(),
  classification: Type.Object({ code: Type.String(), name: Type.String() }),
  securityClass: Type.String(),
  urgency: Type.String(),
  version: Type.Integer(),
  round: Type.Integer(),
  number: Nullable(Type.String()),
  verifyCode: Nullable(Type.String()),
  signedAt: Nullable(Type.String()),
  sentAt: Nullable(Type.String()),
  replyToId: Nullable(Type.Integer()),
  fileSha256: Nullable(Type.String()),
  currentStepId: Nullable(Type.Integer()),
  steps: Type.Array(StepOut),
  versions: Type.Array(
    Type.Object({ version: Type.Integer(), perihal: Type.String(), body: Type.String(), byName: Type.String() }),
  ),
  attachments: Type.Array(
    Type.Object({ id: Type.Integer(), version: Type.Integer(), name: Type.String(), sha256: Type.String() }),
  ),
  dispatches: Type.Array(
    Type.Object({
      kind: Type.String(),
      unitId: Nullable(Type.Integer()),
      incomingId: Nullable(Type.Integer()),
      agendaNumber: Nullable(Type.String()),
      email: Nullable(Type.String()),
      status: Type.String(),
    }),
  ),
});
