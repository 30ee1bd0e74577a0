// Input schemas of E-Presensi's API and forms.
import { Type } from 'typebox';
import { Form, OptStr, Str } from '../../http/types.js';
import { ABSENCE_TYPES } from './rules.js';

export const Key = Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$', maxLength: 64 });
const Kind = Type.Union([Type.Literal('masuk'), Type.Literal('pulang')]);
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
const Instant = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$',
  maxLength: 40,
});
export const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', maxLength: 7 });
const AbsenceType = Type.Union(ABSENCE_TYPES.map((t) => Type.Literal(t)));

export const CheckInBody = Type.Object({
  idempotencyKey: Key,
  kind: Kind,
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  accuracy: Type.Optional(Type.Number({ minimum: 0, maximum: 100000 })),
  deviceTime: Type.Optional(Instant),
  mock: Type.Optional(Type.Boolean()),
  queued: Type.Optional(Type.Boolean()),
  /** JPEG/PNG/WebP, base64, at most 100 KB once decoded. */
  selfie: Type.Optional(Type.String({ maxLength: 140_000, pattern: '^[A-Za-z0-9+/=]*$' })),
});
export const RecordOut = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  takenAt: Type.String(),
  receivedAt: Type.String(),
  sentLate: Type.Boolean(),
  flags: Type.Array(Type.String()),
  place: Type.Union([Type.String(), Type.Null()]),
  distanceM: Type.Union([Type.Number(), Type.Null()]),
  duplicate: Type.Boolean(),
});

export const MonthQuery = Type.Object({
  month: Type.Optional(Month),
  employeeId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
});
export const RecapQuery = Type.Object({
  unit: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  month: Type.Optional(Month),
  format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx'), Type.Literal('pdf')])),
});
export const AbsenceBody = Type.Object({
  idempotencyKey: Key,
  type: AbsenceType,
  start: DateStr,
  end: DateStr,
  reason: Str(500, 1),
  place: OptStr(160),
  placeLat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  placeLon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  /** A doctor's letter (photo or PDF), base64, at most 2 MB decoded. */
  attachment: Type.Optional(Type.String({ maxLength: 2_800_000, pattern: '^[A-Za-z0-9+/=]*$' })),
  /** Cuti melahirkan: which child (1st to 3rd). */
  childOrder: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  /** Dinas luar: the Surat Perintah Tugas number (required) and its PDF, base64 (optional). */
  sptNumber: OptStr(100),
  spt: Type.Optional(Type.String({ maxLength: 2_800_000, pattern: '^[A-Za-z0-9+/=]*$' })),
});
export const WhichQuery = Type.Object({
  which: Type.Optional(Type.Union([Type.Literal('mine'), Type.Literal('to_decide'), Type.Literal('unit')])),
});
export const DecisionBody = Type.Object({
  decision: Type.Union([Type.Literal('disetujui'), Type.Literal('ditolak')]),
  note: OptStr(500),
});
export const DecisionForm = Form({
  decision: Type.Union([Type.Literal('disetujui'), Type.Literal('ditolak')]),
  note: OptStr(500),
});
export const RecordParam = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,17}$', maxLength: 18 }) });
export const ReviewBody = Type.Object({ verdict: Type.Union([Type.Literal('diterima'), Type.Literal('ditolak')]) });
export const ReviewForm = Form({ verdict: Type.Union([Type.Literal('diterima'), Type.Literal('ditolak')]) });

const Days = Type.Integer({ minimum: 0, maximum: 12 });
export const CarryoverBody = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  unusedLastYear: Days,
  unusedTwoYearsAgo: Days,
});
export const YearQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) });
