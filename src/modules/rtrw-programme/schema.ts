// Input schemas of the programme's API and forms.
import { Type } from 'typebox';
import { Form, OptStr, RegionCode, Str } from '../../http/types.js';
import { TOPICS } from './rules.js';

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
/** HTML forms send text: an account id as digits. */
const IdText = Type.String({ pattern: '^[1-9][0-9]{0,8}$', maxLength: 9 });
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', maxLength: 7 });
const Period = Type.String({ pattern: '^\\d{4}-((0[1-9]|1[0-2])|Q[1-4])$', maxLength: 7 });
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
/** A date field a form may leave empty. */
const OptDateText = Type.Optional(Type.Union([DateStr, Type.Literal('')]));
/** Rupiah typed in a form: digits only, at most the API's maximum. */
const RupiahText = (max: number) =>
  Type.String({ pattern: `^(${max}|[0-9]{1,${String(max).length - 1}})$`, maxLength: String(max).length });
/** Date and time as typed in a datetime-local field or ISO 8601. */
const DateTime = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?$',
  maxLength: 40,
});
const Format = Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx'), Type.Literal('html')]));
const Under = Type.Optional(RegionCode);

export const ListQuery = Type.Object({ under: Under, format: Format });
export const MonthQuery = Type.Object({ under: Under, month: Type.Optional(Month), format: Format });
export const PeriodQuery = Type.Object({ under: Under, period: Type.Optional(Period), format: Format });
export const TokenParam = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{10,64}$', maxLength: 64 }) });

const training = {
  regionCode: RegionCode,
  topic: Type.Union(TOPICS.map((t) => Type.Literal(t))),
  title: Str(200, 1),
  place: Str(200, 1),
  startsAt: DateTime,
};
export const TrainingBody = Type.Object(training);
export const TrainingForm = Form(training);

const attendance = { userId: Id };
export const AttendanceBody = Type.Object(attendance);
export const AttendanceForm = Form({ userId: IdText });

const enrolment = {
  userId: Id,
  membershipNumber: Type.String({ pattern: '^[0-9A-Za-z.-]{1,30}$', maxLength: 30 }),
  startDate: DateStr,
  paidByCity: Type.Boolean(),
  monthlyContribution: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
  status: Type.Union([Type.Literal('aktif'), Type.Literal('nonaktif')]),
};
export const EnrolmentBody = Type.Object(enrolment);
export const EnrolmentForm = Form({
  ...enrolment,
  userId: IdText,
  paidByCity: Type.Union([Type.Literal('true'), Type.Literal('false')]),
  monthlyContribution: RupiahText(100_000_000),
});

const claim = {
  userId: Id,
  kind: Type.Union([Type.Literal('kecelakaan'), Type.Literal('kematian')]),
  description: Str(2000, 1),
};
export const ClaimBody = Type.Object({ ...claim, occurredOn: Type.Optional(DateStr) });
export const ClaimForm = Form({ ...claim, userId: IdText, occurredOn: OptDateText });
/** A claim only moves forward: the report itself is 'dilaporkan'. */
const claimStatus = {
  status: Type.Union([Type.Literal('diproses'), Type.Literal('dibayar'), Type.Literal('ditolak')]),
  note: OptStr(1000),
};
export const ClaimStatusBody = Type.Object({ ...claimStatus, effectiveOn: Type.Optional(DateStr) });
export const ClaimStatusForm = Form({ ...claimStatus, effectiveOn: OptDateText });

const distribution = {
  month: Month,
  userId: Id,
  phone: Type.String({ pattern: '^\\+?[0-9]{8,15}$', maxLength: 16 }),
  operator: Str(60, 1),
  receiptNote: OptStr(300),
};
export const DistributionBody = Type.Object(distribution);
export const DistributionForm = Form({ ...distribution, userId: IdText });

const rate = {
  regionCode: RegionCode,
  role: Type.Union([Type.Literal('ketua_rt'), Type.Literal('ketua_rw')]),
  amount: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }),
  period: Type.Union([Type.Literal('bulanan'), Type.Literal('triwulan')]),
  validFrom: DateStr,
};
export const RateBody = Type.Object(rate);
export const RateForm = Form({ ...rate, amount: RupiahText(1_000_000_000) });

const payment = { period: Period, userId: Id };
export const PaymentBody = Type.Object(payment);
export const PaymentForm = Form({ ...payment, userId: IdText });
