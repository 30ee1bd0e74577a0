// Input schemas of the pay-and-protect forms (payment identity, transfer
// proof, a claim's details, heirs and scholarship). Multipart forms (transfer
// proof, claim documents) have no body schema: the file arrives as a Buffer.
import { Type } from 'typebox';
import { Form, OptStr, RegionCode, Str } from '../../http/types.js';
import { HEIR_RELATIONSHIPS } from './claims-rules.js';

const Period = Type.String({ pattern: '^\\d{4}-((0[1-9]|1[0-2])|Q[1-4])$', maxLength: 7 });
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
/** Digits typed with spaces, dots or dashes (checked further by the service). */
const Number_ = (max: number) => Type.Optional(Type.String({ pattern: '^[0-9 .\\-]*$', maxLength: max }));

export const IdentityForm = Form({
  nik: Number_(24),
  bankName: Str(100, 1),
  accountNumber: Number_(30),
  accountHolder: Str(200, 1),
  npwp: Number_(30),
});

export const PaymentListQuery = Type.Object({
  under: Type.Optional(RegionCode),
  period: Period,
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
});

export const DocParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  docId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
});

export const ClaimDetailsForm = Form({
  occurredOn: Type.Optional(Type.Union([DateStr, Type.Literal('')])),
  incidentPlace: Str(300, 1),
  chronology: Str(4000, 1),
  roadAccident: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
});

export const HeirForm = Form({
  name: Str(200, 1),
  relationship: Type.Union(HEIR_RELATIONSHIPS.map((r) => Type.Literal(r))),
  nik: Type.String({ pattern: '^[0-9 ]{16,20}$', maxLength: 20 }),
  bankName: OptStr(100),
  accountNumber: Number_(30),
});

export const ScholarshipForm = Form({
  childName: Str(200, 1),
  level: Type.String({ pattern: '^[A-Z]{1,10}$', maxLength: 10 }),
  schoolYear: Type.String({ pattern: '^\\d{4}/\\d{4}$', maxLength: 9 }),
});
