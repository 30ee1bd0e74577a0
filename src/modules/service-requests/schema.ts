import { Type } from 'typebox';
import { OptStr, PublicCodeParam, Str } from '../../http/types.js';

export const IdempotencyKey = Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$', maxLength: 64 });

export const SubmitBody = Type.Object({
  idempotencyKey: IdempotencyKey,
  letterType: Type.String({ pattern: '^[a-z0-9_]{2,40}$', maxLength: 40 }),
  residentId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  purpose: OptStr(300),
  fields: Type.Optional(
    Type.Record(Type.String({ pattern: '^[a-z0-9_]{1,40}$' }), Type.String({ maxLength: 500 }), { maxProperties: 30 }),
  ),
  attachments: Type.Optional(
    Type.Array(
      Type.Object({
        kind: Type.String({ pattern: '^[a-z0-9_]{1,40}$' }),
        contentBase64: Type.String({ maxLength: 2_900_000 }),
      }),
      { maxItems: 5 },
    ),
  ),
});

/** A returned request corrected by its requester: new content, new photos (each replaces its kind), a note. */
export const CorrectionBody = Type.Object({
  idempotencyKey: IdempotencyKey,
  expectedVersion: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  purpose: Type.String({ maxLength: 300 }),
  fields: Type.Optional(
    Type.Record(Type.String({ pattern: '^[a-z0-9_]{1,40}$' }), Type.String({ maxLength: 500 }), { maxProperties: 30 }),
  ),
  attachments: Type.Optional(
    Type.Array(
      Type.Object({
        kind: Type.String({ pattern: '^[a-z0-9_]{1,40}$' }),
        contentBase64: Type.String({ maxLength: 2_900_000 }),
      }),
      { maxItems: 5 },
    ),
  ),
  note: OptStr(500),
});
export const CorrectionOut = Type.Object({
  status: Type.String(),
  stage: Type.Union([Type.String(), Type.Null()]),
  versionNo: Type.Integer(),
  duplicate: Type.Boolean(),
});

export const ActionBody = Type.Object({
  action: Type.Union([
    Type.Literal('approve'),
    Type.Literal('return'),
    Type.Literal('reject'),
    Type.Literal('resubmit'),
  ]),
  reason: OptStr(500),
  /** The request version the decision was taken on: applied only if the request is still there. */
  expectedVersion: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  /** The stage it was taken at (a second guard, for a phone that queued it without signal). */
  expectedStage: Type.Optional(
    Type.Union([Type.Literal('rt'), Type.Literal('rw'), Type.Literal('kelurahan'), Type.Literal('kecamatan')]),
  ),
});

/** Who took the version first: the phone shows it instead of an error. */
export const DecidedOut = Type.Object({
  actorName: Type.String(),
  actorRole: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  at: Type.String(),
  fromStage: Type.Union([Type.String(), Type.Null()]),
  fromVersion: Type.Union([Type.Integer(), Type.Null()]),
});
export const ActionOut = Type.Object({ status: Type.String(), stage: Type.Union([Type.String(), Type.Null()]) });
export const AlreadyDecidedOut = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
  }),
  decided: Type.Union([DecidedOut, Type.Null()]),
});

export const ListQuery = Type.Object({
  status: Type.Optional(
    Type.Union([
      Type.Literal(''),
      Type.Literal('in_progress'),
      Type.Literal('returned'),
      Type.Literal('rejected'),
      Type.Literal('completed'),
    ]),
  ),
  overdue: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
});

/** Any case, stray spaces or hyphens: normalized by the service (kernel/codes.ts). */
export const TrackParam = PublicCodeParam;
export const AttachmentParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  attachmentId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
});

export const RequestOut = Type.Object({
  id: Type.Integer(),
  trackingCode: Type.String(),
  type: Type.Object({ code: Type.String(), name: Type.String() }),
  residentName: Type.String(),
  nikMasked: Type.String(),
  regionCode: Type.String(),
  status: Type.String(),
  stage: Type.Union([Type.String(), Type.Null()]),
  route: Type.Array(Type.String()),
  stageStartedAt: Type.String(),
  stageDueAt: Type.Union([Type.String(), Type.Null()]),
  stageClock: Type.Union([Type.Literal('service_hours'), Type.Literal('round_the_clock'), Type.Null()]),
  submittedAt: Type.String(),
  dueAt: Type.String(),
  totalClock: Type.Union([Type.Literal('service_hours'), Type.Literal('round_the_clock')]),
  overdue: Type.Boolean(),
  version: Type.Integer(),
});
export const SubmitOut = Type.Object({ id: Type.Integer(), trackingCode: Type.String(), duplicate: Type.Boolean() });
export { Str };
