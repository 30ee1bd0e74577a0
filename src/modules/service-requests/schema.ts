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
  expectedVersion: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
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
