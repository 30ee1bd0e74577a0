// Input schemas of the RT/RW heads routes (API and page forms share them).
import { Type } from 'typebox';
import { Form, OptStr, PublicCodeParam, RegionCode, Str } from '../../http/types.js';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
const OptDay = Type.Optional(Type.Union([Day, Type.Literal('')]));
export const PositionSchema = Type.Union([
  Type.Literal('ketua'),
  Type.Literal('sekretaris'),
  Type.Literal('bendahara'),
]);
export const ManualReason = Type.Union([
  Type.Literal('selesai'),
  Type.Literal('mengundurkan_diri'),
  Type.Literal('meninggal'),
  Type.Literal('diberhentikan'),
]);

const appointFields = {
  position: PositionSchema,
  phone: OptStr(20),
  startDate: Day,
  decreeNumber: OptStr(100),
  decreeDate: OptDay,
};
const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const IdText = Type.String({ pattern: '^[0-9]{1,9}$', maxLength: 9 });
/**
 * The page form sends every value as text: the chosen resident's id (hidden), or a
 * name typed for someone not in the register; an empty end date takes the configured term.
 */
export const AppointForm = Form({
  ...appointFields,
  residentId: Type.Optional(Type.Union([IdText, Type.Literal('')])),
  name: OptStr(120),
  endDate: OptDay,
});
/** API: a resident (account created or linked) or a name; `userId` links a head account directly. */
export const AppointBody = Type.Object({
  ...appointFields,
  residentId: Type.Optional(Id),
  name: OptStr(120),
  endDate: OptDay,
  userId: Type.Optional(Id),
});
export const ResidentSearchBody = Type.Object({ q: Str(60, 1) });
export const ResidentSearchForm = Form({ q: Str(60, 1), position: PositionSchema });
export const PickForm = Form({ residentId: IdText, position: PositionSchema });
export const ResidentSearchOut = Type.Object({
  items: Type.Array(
    Type.Object({ id: Type.Integer(), name: Type.String(), nikMasked: Type.String(), regionCode: Type.String() }),
  ),
});
export const AppointOut = Type.Object({
  id: Type.Integer(),
  replacedTermId: Type.Union([Type.Integer(), Type.Null()]),
  warnings: Type.Array(Type.Object({ key: Type.String(), params: Type.Record(Type.String(), Type.Integer()) })),
  account: Type.Union([
    Type.Object({
      id: Type.Integer(),
      username: Type.String(),
      created: Type.Boolean(),
      temporaryPassword: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
});
export function appointOut(r: {
  id: number;
  replacedTermId: number | null;
  warnings: { key: string; params: Record<string, number> }[];
  account: { id: number; username: string; created: boolean; temporaryPassword: string | null } | null;
}) {
  return { id: r.id, replacedTermId: r.replacedTermId, warnings: r.warnings, account: r.account };
}
/** A scanned decree as base64 (up to ~3 MB of file, so the size rule, not the parser, answers a file over 2 MB). */
export const DecreeBody = Type.Object({
  contentBase64: Type.String({ minLength: 1, maxLength: 4 * 1024 * 1024, pattern: '^[A-Za-z0-9+/]+={0,2}$' }),
});
export const CityParam = Type.Object({ code: RegionCode });
export const EndBody = Form({ position: PositionSchema, reason: ManualReason });
export const PublishBody = Form({ title: Str(200, 1), body: Str(20000, 1) });
export const EmptyBody = Form({});
export const PositionParam = Type.Object({ code: RegionCode, position: PositionSchema });
/** Any case, stray spaces or hyphens: normalized by the service (kernel/codes.ts). */
export const VerifyCodeParam = PublicCodeParam;

export const TermOut = Type.Object({
  id: Type.Integer(),
  regionCode: Type.String(),
  position: Type.String(),
  name: Type.String(),
  phone: Type.String(),
  userId: Type.Union([Type.Integer(), Type.Null()]),
  residentId: Type.Union([Type.Integer(), Type.Null()]),
  startDate: Type.String(),
  endDate: Type.String(),
  decreeNumber: Type.String(),
  decreeDate: Type.Union([Type.String(), Type.Null()]),
  endedAt: Type.Union([Type.String(), Type.Null()]),
  endReason: Type.Union([Type.String(), Type.Null()]),
});

export function termOut(t: {
  id: number;
  region_code: string;
  position: string;
  person_name: string;
  phone: string;
  user_id: number | null;
  resident_id: number | null;
  start_date: string;
  end_date: string;
  decree_number: string;
  decree_date: string | null;
  ended_at: Date | null;
  end_reason: string | null;
}) {
  return {
    id: t.id,
    regionCode: t.region_code,
    position: t.position,
    name: t.person_name,
    phone: t.phone,
    userId: t.user_id,
    residentId: t.resident_id,
    startDate: t.start_date,
    endDate: t.end_date,
    decreeNumber: t.decree_number,
    decreeDate: t.decree_date,
    endedAt: t.ended_at ? t.ended_at.toISOString() : null,
    endReason: t.end_reason,
  };
}

export const SignatureOut = Type.Object({
  id: Type.Integer(),
  verifyCode: Type.String(),
  regionCode: Type.String(),
  name: Type.String(),
  version: Type.Integer(),
  signedAt: Type.String(),
  countersignedAt: Type.Union([Type.String(), Type.Null()]),
});
export function signatureOut(s: {
  id: number;
  verify_code: string;
  region_code: string;
  signer_name: string;
  version: number;
  signed_at: Date;
  countersigned_at: Date | null;
}) {
  return {
    id: s.id,
    verifyCode: s.verify_code,
    regionCode: s.region_code,
    name: s.signer_name,
    version: s.version,
    signedAt: s.signed_at.toISOString(),
    countersignedAt: s.countersigned_at?.toISOString() ?? null,
  };
}

export const VerifyOut = Type.Object({
  authentic: Type.Boolean(),
  name: Type.String(),
  region: Type.String(),
  version: Type.Integer(),
  signedAt: Type.String(),
  countersigner: Type.String(),
  countersignedAt: Type.String(),
});
