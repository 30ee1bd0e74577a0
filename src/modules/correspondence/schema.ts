// Input and output schemas of the E-Surat API (/api/v1/naskah).
import { Type } from 'typebox';
import { NUMBER_MAX, PERIHAL_MAX, SEARCH_MAX, SECURITY_CLASSES, SENDER_MAX, URGENCIES } from './rules.js';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });

export const RegisterBody = Type.Object({
  idempotencyKey: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$', maxLength: 64 }),
  unitId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  senderInstansi: Type.String({ minLength: 1, maxLength: SENDER_MAX }),
  senderName: Type.Optional(Type.String({ maxLength: SENDER_MAX })),
  senderNumber: Type.String({ minLength: 1, maxLength: NUMBER_MAX }),
  senderDate: Day,
  receivedDate: Day,
  perihal: Type.String({ minLength: 1, maxLength: PERIHAL_MAX }),
  classificationCode: Type.String({ pattern: '^[0-9]{3}(\\.[0-9]{1,3}){0,5}$', maxLength: 40 }),
  urgency: Type.Union(URGENCIES.map((u) => Type.Literal(u))),
  securityClass: Type.Union(SECURITY_CLASSES.map((s) => Type.Literal(s))),
  kindCode: Type.String({ pattern: '^[a-z_]{2,40}$', maxLength: 40 }),
  /** The scanned letter: a PDF, base64, at most NASKAH_PDF_MAX_BYTES once decoded. */
  pdf: Type.String({ minLength: 4, maxLength: 7_000_000, pattern: '^[A-Za-z0-9+/=]*$' }),
  /** True after a 409 likely-duplicate warning, when the TU confirms it is another naskah. */
  confirmDuplicate: Type.Optional(Type.Boolean()),
});

export const SearchBody = Type.Object({
  q: Type.String({ minLength: 1, maxLength: SEARCH_MAX }),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
});
export const ListQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })) });

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
export const NaskahOut = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  direction: Type.String(),
  status: Type.String(),
  kindCode: Type.String(),
  agendaNumber: Nullable(Type.String()),
  senderInstansi: Nullable(Type.String()),
  senderName: Nullable(Type.String()),
  senderNumber: Nullable(Type.String()),
  senderDate: Nullable(Type.String()),
  receivedDate: Nullable(Type.String()),
  perihal: Type.String(),
  classification: Type.Object({ code: Type.String(), name: Type.String() }),
  retention: Nullable(
    Type.Object({
      activeYears: Type.Integer(),
      inactiveYears: Type.Integer(),
      final: Type.String(),
      source: Type.String(),
      verified: Type.Boolean(),
    }),
  ),
  securityClass: Type.String(),
  urgency: Type.String(),
  fileSha256: Nullable(Type.String()),
  pdfUrl: Type.String(),
  registeredAt: Type.String(),
  read: Type.Optional(Type.Boolean()),
  /** Search results only: where the words were found ('isi' = the PDF's text layer). */
  matchedIn: Type.Optional(Type.Array(Type.Union([Type.Literal('metadata'), Type.Literal('isi')]))),
});
export const Registered = Type.Object({
  id: Type.Integer(),
  agendaNumber: Nullable(Type.String()),
  duplicate: Type.Boolean(),
});
