// Input schemas of the staff-side API and forms.
import { Type } from 'typebox';
import { Form, OptStr, Page, Str } from '../../http/types.js';
import { EMPLOYEE_KINDS, UNIT_KINDS } from './rules.js';

export const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
/** HTML forms send text: an id as digits, or empty. */
export const IdText = Type.String({ pattern: '^([1-9][0-9]{0,8})?$', maxLength: 9 });
export const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
export const Nip = Type.String({ pattern: '^[0-9 .]{18,24}$', maxLength: 24 });
/** A non-ASN's nomor pegawai as typed (the service checks it against the city's pattern). */
export const StaffNumber = Type.String({ pattern: '^[ ]*[0-9A-Za-z._-]{0,40}[ ]*$', maxLength: 44 });
/** A colleague's number: a NIP / NI PPPK or a nomor pegawai. */
const ColleagueNumber = Type.String({ pattern: '^[0-9A-Za-z ._-]*$', maxLength: 44 });
const OptDate = Type.Union([DateStr, Type.Literal('')]);
const UnitKind = Type.Union(UNIT_KINDS.map((k) => Type.Literal(k)));
const Kind = Type.Union(EMPLOYEE_KINDS.map((k) => Type.Literal(k)));
const Email = Type.String({ maxLength: 120, pattern: '^$|^[^@\\s]+@[^@\\s]+$' });
const Phone = Type.String({ maxLength: 20, pattern: '^$|^\\+?[0-9]{8,15}$' });

export const UnitBody = Type.Object({
  parentId: Type.Optional(Id),
  code: Str(20, 1),
  name: Str(160, 1),
  kind: UnitKind,
});
export const UnitForm = Form({ parentId: Type.Optional(IdText), code: Str(20, 1), name: Str(160, 1), kind: UnitKind });
export const HeadBody = Type.Object({ employeeId: Type.Union([Id, Type.Null()]) });
export const HeadForm = Form({ employeeId: IdText });
export const UnitScheduleBody = Type.Object({ scheduleId: Type.Union([Id, Type.Null()]) });
export const UnitScheduleForm = Form({ scheduleId: IdText });

const employee = {
  /** Required for PNS, PPPK and PPPK Paruh Waktu; empty or absent for non-ASN. */
  nip: Type.Optional(Type.Union([Nip, Type.Literal('')])),
  /** Required for non-ASN; empty or absent for the ASN kinds. */
  staffNumber: Type.Optional(StaffNumber),
  fullName: Str(120, 1),
  kind: Kind,
  position: Str(160, 1),
  grade: OptStr(20),
  supervisorNip: Type.Optional(ColleagueNumber),
  /** TMT in this post; empty: the day of registration. */
  startDate: Type.Optional(OptDate),
  /** End of service (moved, retired); empty: still serving. */
  endDate: Type.Optional(OptDate),
  email: Type.Optional(Email),
  phone: Type.Optional(Phone),
};
export const EmployeeBody = Type.Object({
  ...employee,
  unitId: Id,
  locationIds: Type.Optional(Type.Array(Id, { maxItems: 20 })),
});
export const EmployeeForm = Form({
  ...employee,
  unitId: IdText,
  locationIds: Type.Optional(Type.Union([IdText, Type.Array(IdText, { maxItems: 20 })])),
});
const update = {
  position: Str(160, 1),
  grade: OptStr(20),
  supervisorNip: Type.Optional(ColleagueNumber),
  /** A new kind re-checks the number (nip or staffNumber); absent: unchanged. */
  kind: Type.Optional(Kind),
  nip: Type.Optional(Type.Union([Nip, Type.Literal('')])),
  staffNumber: Type.Optional(StaffNumber),
  /** Absent: unchanged; empty: cleared. */
  startDate: Type.Optional(OptDate),
  endDate: Type.Optional(OptDate),
};
export const EmployeeUpdateBody = Type.Object({
  ...update,
  unitId: Id,
  shiftOffset: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 })),
  locationIds: Type.Array(Id, { maxItems: 20 }),
});
export const EmployeeUpdateForm = Form({
  ...update,
  unitId: IdText,
  shiftOffset: Type.Optional(Type.String({ pattern: '^([0-9]|[12][0-9]|30)?$', maxLength: 2 })),
  locationIds: Type.Optional(Type.Union([IdText, Type.Array(IdText, { maxItems: 20 })])),
});
export const ImportBody = Type.Object({ csv: Str(1_000_000, 1), validOnly: Type.Optional(Type.Boolean()) });
/** `q` is declared only to be refused with advice: a search text goes by POST (SearchBody), never in a URL. */
export const ListQuery = Type.Object({ unit: Type.Optional(Id), q: OptStr(60), page: Page });
export const SearchBody = Type.Object({
  unit: Type.Optional(Id),
  q: OptStr(60),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
});

const lat = Type.Number({ minimum: -11.5, maximum: 6.5 });
const lon = Type.Number({ minimum: 94, maximum: 141.5 });
export const LocationBody = Type.Object({
  name: Str(160, 1),
  lat,
  lon,
  radiusM: Type.Optional(Type.Integer({ minimum: 10, maximum: 2000 })),
});
const Decimal = Type.String({ pattern: '^-?[0-9]{1,3}(\\.[0-9]{1,8})?$', maxLength: 14 });
export const LocationForm = Form({
  name: Str(160, 1),
  lat: Decimal,
  lon: Decimal,
  radiusM: Type.String({ pattern: '^[0-9]{2,4}$', maxLength: 4 }),
});

export const ScheduleBody = Type.Object({ name: Str(120, 1), definition: Type.Unknown() });
export const ScheduleForm = Form({ name: Str(120, 1), definition: Str(8000, 2) });
const CalendarKind = Type.Union([
  Type.Literal('libur_nasional'),
  Type.Literal('cuti_bersama'),
  Type.Literal('ramadan'),
]);
export const CalendarBody = Type.Object({ kind: CalendarKind, start: DateStr, end: DateStr, name: Str(120, 1) });
export const CalendarForm = Form({ kind: CalendarKind, start: DateStr, end: DateStr, name: Str(120, 1) });
/** The national calendar import: a shipped year's file (`year`), or a CSV in the body with what it transcribes. */
export const CalendarImportBody = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  csv: Type.Optional(Type.String({ minLength: 1, maxLength: 65536 })),
  source: Type.Optional(Type.String({ maxLength: 300 })),
});
export const YearQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) });
export const RulesBody = Type.Object({ rules: Type.Unknown() });
export const RulesForm = Form({ rules: Str(8000, 2) });

const DaysText = Type.String({ pattern: '^([0-9]|1[0-2])$', maxLength: 2 });
/** Annual leave carried over from the two years before (the employee page's form; E-Presensi keeps the balance). */
export const CarryoverForm = Form({
  year: Type.String({ pattern: '^20[0-9]{2}$', maxLength: 4 }),
  unusedLastYear: DaysText,
  unusedTwoYearsAgo: DaysText,
});
