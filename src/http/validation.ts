// Turns schema-validation errors (ajv) into field errors with catalogue
// messages, so bad input always gets a clear, translated answer.
import type { FastifySchemaValidationError } from 'fastify';
import type { FieldError } from '../lib/errors.js';
import { isMessageKey, type MessageKey } from '../i18n/index.js';

/**
 * Field name in the schemas → its label in the catalogue. A field not listed
 * here is labelled `f.<field>` when the catalogue has that key (modules add
 * theirs to their own catalogue part), and otherwise by its own name — never
 * by another field's label (a shared fallback once made every unlabelled
 * field say "Nama …"). tests/integration/hardening-data.test.ts walks every
 * route's inputs and fails on a field without a catalogue label.
 */
const LABELS: Record<string, MessageKey> = {
  // E-Kinerja (SKP) forms.
  text: 'skp.field.text',
  rid: 'skp.field.resultId',
  resultId: 'skp.field.resultId',
  indicator: 'skp.field.indicator',
  aspect: 'skp.field.aspect',
  target: 'skp.field.target',
  unitLabel: 'skp.field.unitLabel',
  exp_berorientasi_pelayanan: 'skp.behaviour.berorientasi_pelayanan',
  exp_akuntabel: 'skp.behaviour.akuntabel',
  exp_kompeten: 'skp.behaviour.kompeten',
  exp_harmonis: 'skp.behaviour.harmonis',
  exp_loyal: 'skp.behaviour.loyal',
  exp_adaptif: 'skp.behaviour.adaptif',
  exp_kolaboratif: 'skp.behaviour.kolaboratif',
  // E-Kinerja feedback, dashboard and BKN export.
  message: 'skp.fb.f.message',
  logId: 'skp.fb.f.log',
  behaviour: 'skp.fb.f.behaviour',
  tone: 'skp.fb.f.tone',
  period: 'skp.bkn.period',
  format: 'skp.bkn.f.format',
  logDate: 'skp.log.date',
  quantity: 'skp.log.quantity',
  minutes: 'skp.log.minutes',
  indicatorId: 'skp.field.indicator',
  evidence: 'skp.log.evidence',
  logIds: 'skp.review.tick',
  // E-Surat: naskah keluar, the unit counters' lists, filing.
  fromVersion: 'keluar.d_version',
  steps: 'f.routing',
  state: 'tenggat.f.state',
  naskahId: 'berkas.f.naskah',
  closedOn: 'berkas.d_closed_on',
  decidedOn: 'berkas.f.decided_on',
  _csrf: 'f.csrf',
  username: 'f.username',
  loginId: 'f.login_id',
  password: 'f.password',
  current: 'f.current_password',
  next: 'f.new_password',
  confirm: 'f.confirm_password',
  fullName: 'f.full_name',
  role: 'f.role',
  regionCode: 'f.region_code',
  email: 'f.email',
  phone: 'f.phone',
  nik: 'f.nik',
  kk: 'f.kk',
  sex: 'f.sex',
  birthPlace: 'f.birth_place',
  birthDate: 'f.birth_date',
  relationship: 'f.relationship',
  religion: 'f.religion',
  occupation: 'f.occupation',
  address: 'f.address',
  status: 'f.status',
  date: 'f.status_date',
  note: 'f.status_note',
  rtCode: 'f.rt_code',
  number: 'f.number',
  name: 'f.name',
  newName: 'f.name',
  csv: 'f.csv',
  // Only Open311's path parameter ({code}.json) is called `file` in a schema; uploads are read by hand.
  file: 'f.path_file',
  q: 'f.q',
  code: 'f.code',
  id: 'f.number',
  page: 'common.page',
  kelurahan: 'level.kelurahan',
  under: 'f.region_code',
  wilayah: 'f.region_code',
  lang: 'lang.label',
  levels: 'regions.level',
  validOnly: 'f.valid_only',
  action: 'audit.action',
  letterType: 'f.letter_type',
  jenis: 'f.letter_type',
  residentId: 'f.resident',
  warga: 'f.resident',
  kode: 'req.code',
  w: 'f.warnings',
  cari: 'f.search_token',
  // The catalogue's letter types (the request's own `fields`/`attachments` are the same things, filled in).
  fields: 'cat.f_fields',
  attachments: 'cat.f_attachments',
  attachmentId: 'cat.f_attachments',
  expectedVersion: 'cat.f_expected_version',
  expected_version: 'cat.f_expected_version',
  expectedStage: 'appr.f_expected_stage',
  validityDays: 'cat.f_validity',
  validity_days: 'cat.f_validity',
  route: 'cat.f_route',
  route_rt: 'cat.f_route',
  route_rw: 'cat.f_route',
  route_kelurahan: 'cat.f_route',
  route_kecamatan: 'cat.f_route',
  stageBudgets: 'cat.f_budgets',
  budget_rt: 'cat.f_budgets',
  budget_rw: 'cat.f_budgets',
  budget_kelurahan: 'cat.f_budgets',
  budget_kecamatan: 'cat.f_budgets',
  rt: 'cat.f_budgets',
  rw: 'cat.f_budgets',
  kecamatan: 'cat.f_budgets',
  totalBudgetMinutes: 'cat.f_total',
  total_budget_minutes: 'cat.f_total',
  classification: 'cat.f_classification',
  template: 'cat.f_template',
  active: 'cat.f_active',
  notifyEmail: 'jobs.f_notify_email',
  notifyWebhook: 'jobs.f_notify_webhook',
  // RT/RW heads and their programme.
  position: 'heads.f_position',
  endDate: 'heads.f_end',
  decreeNumber: 'heads.f_decree_number',
  decreeDate: 'heads.f_decree_date',
  title: 'heads.f_title',
  body: 'heads.f_body',
  topic: 'prog.topic',
  place: 'prog.place',
  startsAt: 'prog.starts_at',
  month: 'prog.month',
  bulan: 'prog.month',
  operator: 'prog.operator',
  receiptNote: 'prog.receipt',
  // Staff and attendance.
  nip: 'pegawai.f.nip',
  staffNumber: 'pegawai.f.staff_number',
  startDate: 'pegawai.f.start_date',
  grade: 'pegawai.f.grade',
  supervisorNip: 'pegawai.f.supervisor_nip',
  unitId: 'pegawai.f.unit',
  unit: 'pegawai.f.unit',
  parentId: 'pegawai.f.parent',
  locationIds: 'pegawai.f.locations',
  shiftOffset: 'pegawai.f.shift_offset',
  scheduleId: 'pegawai.f.schedule',
  fixedName: 'pegawai.f.schedule_name',
  shiftName: 'pegawai.f.schedule_name',
  lat: 'pegawai.f.lat',
  lon: 'pegawai.f.lon',
  radiusM: 'pegawai.f.radius',
  definition: 'pegawai.f.definition',
  rules: 'pegawai.f.rules',
  year: 'pegawai.f.year',
  start: 'presensi.f.start',
  end: 'presensi.f.end',
  type: 'presensi.f.type',
  placeLat: 'presensi.f.place_lat',
  placeLon: 'presensi.f.place_lon',
  attachment: 'presensi.f.attachment',
  // Officials' identity, offices' kop and signing delegations.
  jabatan: 'users.f.jabatan',
  pangkat: 'users.f.pangkat',
  kode_unit: 'offices.f.kode_unit',
  website: 'offices.f.website',
  postal_code: 'offices.f.postal_code',
  mode: 'offices.f.mode',
  viaJabatan: 'offices.f.via',
  validTo: 'offices.f.valid_to',
  // RT/RW heads' payment identity, BPJS claims and community activities.
  bankName: 'money.bank_name',
  accountNumber: 'money.account_number',
  accountHolder: 'money.account_holder',
  npwp: 'money.npwp',
  incidentPlace: 'money.incident_place',
  chronology: 'money.chronology',
  roadAccident: 'money.road_accident',
  docId: 'money.doc_file',
  childName: 'money.child_name',
  level: 'money.level',
  schoolYear: 'money.school_year',
  heldOn: 'community.date',
  participants: 'community.participants',
  photo: 'community.photo',
};

/** The weekly schedule form's times: s1/e1 … s7/e7, and rs1/re1 … for Ramadan (ISO weekday). */
const DAY_TIMES: Record<string, MessageKey> = {
  s: 'pegawai.f.day_start',
  e: 'pegawai.f.day_end',
  rs: 'pegawai.f.day_ramadan_start',
  re: 'pegawai.f.day_ramadan_end',
};

/** The message parameters that name a field: `field` (a catalogue label, or the bare name), plus what the label needs. */
export function fieldLabel(field: string): Record<string, string> {
  const day = /^(s|e|rs|re)([1-7])$/.exec(field);
  if (day) return { field: DAY_TIMES[day[1]!]!, day: `pegawai.day.${day[2]}` };
  const guess = `f.${field}`;
  return { field: LABELS[field] ?? (isMessageKey(guess) ? guess : field) };
}

/** True when the catalogue names this field (the bare-name fallback is a gap to fill). */
export const hasLabel = (field: string): boolean => isMessageKey(fieldLabel(field).field!);

export function fieldErrorsFromAjv(errors: FastifySchemaValidationError[]): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const params = e.params as Record<string, unknown>;
    const path = (e.instancePath || '').split('/').filter(Boolean);
    const field = e.keyword === 'required' ? String(params.missingProperty) : (path[path.length - 1] ?? '_');
    if (out.some((o) => o.field === field)) continue;
    const label = fieldLabel(field);
    switch (e.keyword) {
      case 'required':
        out.push({ field, key: 'field.required', params: label });
        break;
      case 'maxLength':
      case 'maxItems':
        out.push({ field, key: 'field.too_long', params: { ...label, limit: Number(params.limit) } });
        break;
      case 'minLength':
        out.push({
          field,
          key: Number(params.limit) <= 1 ? 'field.required' : 'field.too_short',
          params: { ...label, limit: Number(params.limit) },
        });
        break;
      case 'enum':
      case 'const':
      case 'anyOf':
        out.push({ field, key: 'field.invalid_choice', params: label });
        break;
      case 'type':
        out.push({
          field,
          key: ['integer', 'number'].includes(String(params.type)) ? 'field.not_number' : 'field.invalid',
          params: label,
        });
        break;
      case 'minimum':
      case 'maximum':
        out.push({ field, key: 'field.invalid', params: label });
        break;
      case 'additionalProperties':
        out.push({
          field: String(params.additionalProperty),
          key: 'field.unknown',
          params: { field: String(params.additionalProperty) },
        });
        break;
      default:
        out.push({ field, key: 'field.invalid', params: label });
    }
  }
  return out;
}
