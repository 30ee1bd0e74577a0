import { Type } from 'typebox';
import { SEARCH_TOKEN_PATTERN } from '../../http/search-token.js';
import { Form, OptStr, Page, RegionCode, Str } from '../../http/types.js';
import { RELATIONSHIPS, RESIDENT_STATUSES, SEXES } from './rules.js';
import { MAX_DOCUMENT_NO, MAX_PARENT_NAME } from './register-rules.js';

export const SexSchema = Type.Union(SEXES.map((s) => Type.Literal(s)));
export const RelationshipSchema = Type.Union(RELATIONSHIPS.map((r) => Type.Literal(r)));
export const StatusSchema = Type.Union(RESIDENT_STATUSES.map((s) => Type.Literal(s)));

export const MAX_IMPORT_CSV_CHARS = 2_000_000;

const personFields = {
  fullName: Str(120, 1),
  sex: SexSchema,
  birthPlace: OptStr(80),
  birthDate: Str(10, 1),
  relationship: RelationshipSchema,
  // The SIAK-coded fields take a code, a label or a SIAK number (register-rules.ts): the service
  // checks them, so a wrong value gets a message naming the field and nothing typed is lost.
  religion: OptStr(40),
  occupation: OptStr(80),
  address: OptStr(200),
  maritalStatus: OptStr(40),
  citizenship: OptStr(40),
  passportNo: OptStr(MAX_DOCUMENT_NO),
  kitasNo: OptStr(MAX_DOCUMENT_NO),
  education: OptStr(60),
  fatherName: OptStr(MAX_PARENT_NAME),
  motherName: OptStr(MAX_PARENT_NAME),
  bloodType: OptStr(20),
};

export const ResidentBody = Form({ nik: Str(20, 1), kk: Str(20, 1), ...personFields, rtCode: RegionCode });
export const ResidentEditBody = Form(personFields);
export const StatusBody = Form({ status: StatusSchema, date: OptStr(10), note: OptStr(200) });
export const MoveBody = Form({ rtCode: RegionCode });
/** CSV text in `csv`, or an XLSX workbook base64-encoded in `xlsx` (one of the two). */
export const ImportBody = Type.Object({
  kelurahan: RegionCode,
  csv: OptStr(MAX_IMPORT_CSV_CHARS),
  xlsx: Type.Optional(
    Type.String({ maxLength: Math.ceil((MAX_IMPORT_CSV_CHARS * 4) / 3) + 4, pattern: '^[A-Za-z0-9+/=\\s]*$' }),
  ),
  validOnly: Type.Optional(Type.Boolean()),
});

const filters = {
  under: Type.Optional(Type.Union([Type.Literal(''), RegionCode])),
  status: Type.Optional(Type.Union([Type.Literal(''), StatusSchema])),
  page: Page,
};
/**
 * List filters in the query string. A search text (name, NIK or KK) is never
 * taken from a URL: `q` is declared only so that it can be refused with advice
 * (POST the search instead); the page's result links carry a sealed `cari`.
 */
export const ResidentsQuery = Type.Object({ ...filters, q: OptStr(60) });
export const ResidentsPageQuery = Type.Object({
  ...filters,
  q: OptStr(60),
  cari: Type.Optional(Type.String({ pattern: SEARCH_TOKEN_PATTERN, maxLength: 512 })),
});
/** A search by POST (API and the page's form; the HTML form sends empty strings for "all"). */
export const SearchBody = Type.Object({
  q: OptStr(60),
  under: filters.under,
  status: filters.status,
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
});
export const SearchForm = Form({
  q: OptStr(60),
  under: filters.under,
  status: filters.status,
  page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,3}$', maxLength: 4 })),
});
export const DetailQuery = Type.Object({ w: OptStr(200) });

export const ResidentListItem = Type.Object({
  id: Type.Integer(),
  full_name: Type.String(),
  nik_masked: Type.String(),
  kk_masked: Type.String(),
  sex: Type.String(),
  relationship: Type.String(),
  status: Type.String(),
  region_code: Type.String(),
});

const residentProps = {
  id: Type.Integer(),
  family_id: Type.Integer(),
  full_name: Type.String(),
  nik_masked: Type.String(),
  kk_masked: Type.String(),
  sex: Type.String(),
  birth_place: Type.String(),
  birth_date: Type.Union([Type.String(), Type.Null()]),
  relationship: Type.String(),
  religion: Type.String(),
  occupation: Type.String(),
  address: Type.String(),
  marital_status: Type.String(),
  citizenship: Type.String(),
  passport_no: Type.String(),
  kitas_no: Type.String(),
  education: Type.String(),
  father_name: Type.String(),
  mother_name: Type.String(),
  blood_type: Type.String(),
  status: Type.String(),
  status_date: Type.Union([Type.String(), Type.Null()]),
  status_note: Type.String(),
  region_code: Type.String(),
};
export const ResidentOut = Type.Object(residentProps);
export const ResidentSummaryOut = Type.Object({ resident: ResidentOut, members: Type.Array(ResidentListItem) });
export const ResidentFullOut = Type.Object({ ...residentProps, nik: Type.String(), kk: Type.String() });

const RowMessage = Type.Object({ row: Type.Integer(), message: Type.String() });
export const ImportReportOut = Type.Object({
  total: Type.Integer(),
  imported: Type.Integer(),
  written: Type.Boolean(),
  updated: Type.Integer(),
  updatedRows: Type.Array(Type.Integer()),
  unchanged: Type.Integer(),
  refused: Type.Array(RowMessage),
  warnings: Type.Array(RowMessage),
});
