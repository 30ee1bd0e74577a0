// What the staff administration pages (/pegawai…) share: the page frame with
// its error summary, field errors made specific (labels, what to type,
// validation details translated), unit and location choices, and reading the
// CSV import's multipart or urlencoded body.
import type { Child } from 'hono/jsx';
import type { FormFailure } from '../../http/forms.js';
import { isMessageKey, type MessageKey, type Translate } from '../../i18n/index.js';
import { fieldError, type FieldError } from '../../lib/errors.js';
import { ErrorSummary } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import type { PageCtx } from '../../ui/page.js';
import type { DayHours, Schedule } from '../work-schedule/index.js';
import type { EmployeesService } from './service.js';

export const BASE = '/pegawai';
export type Values = Record<string, string | string[] | undefined>;
export type Unit = Awaited<ReturnType<EmployeesService['units']>>[number];
export type Location = Awaited<ReturnType<EmployeesService['locations']>>[number];
export type CitySchedule = Awaited<ReturnType<EmployeesService['schedules']>>[number];

/** One value of a form field (a repeated field keeps its first). */
export const one = (v: Values[string]) => (Array.isArray(v) ? v[0] : v);
/** All values of a repeated field (checkboxes). */
export const many = (v: Values[string]) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
/** Digits of a form id ('' or absent → undefined). */
export const idOf = (v: string | undefined) => (v ? Number(v) : undefined);

/** Labels of this module's form fields, used in the catalogue's generic field messages. */
const LABELS: Record<string, MessageKey> = {
  nip: 'pegawai.f.nip',
  staffNumber: 'pegawai.f.staff_number',
  startDate: 'pegawai.f.start_date',
  endDate: 'pegawai.f.end_date',
  fullName: 'pegawai.f.full_name',
  kind: 'pegawai.f.type',
  position: 'pegawai.f.position',
  grade: 'pegawai.f.grade',
  unitId: 'pegawai.f.unit',
  parentId: 'pegawai.f.parent',
  code: 'pegawai.f.code',
  name: 'pegawai.f.name',
  fixedName: 'pegawai.f.schedule_name',
  shiftName: 'pegawai.f.schedule_name',
  supervisorNip: 'pegawai.f.supervisor_nip',
  locationIds: 'pegawai.f.locations',
  shiftOffset: 'pegawai.f.shift_offset',
  employeeId: 'pegawai.f.head',
  scheduleId: 'pegawai.f.schedule',
  lat: 'pegawai.f.lat',
  lon: 'pegawai.f.lon',
  radiusM: 'pegawai.f.radius',
  definition: 'pegawai.f.definition',
  start: 'pegawai.f.start',
  end: 'pegawai.f.end',
  rules: 'pegawai.f.rules',
  csv: 'f.csv',
};
/** Where "not valid" would not say what to type. */
const SPECIFIC: Record<string, MessageKey> = {
  nip: 'pegawai.err.nip_format',
  supervisorNip: 'pegawai.err.supervisor_nip',
  staffNumber: 'pegawai.err.staff_number_format',
  email: 'pegawai.err.email',
  phone: 'pegawai.err.phone',
  lat: 'pegawai.err.lat',
  lon: 'pegawai.err.lon',
  radiusM: 'pegawai.err.radius',
  start: 'pegawai.err.date',
  end: 'pegawai.err.date',
  startDate: 'pegawai.err.date',
  endDate: 'pegawai.err.date',
  shiftOffset: 'pegawai.err.shift_offset',
};

/** A validation detail is a list of message keys ('a, b'): each is translated. */
function detailText(t: Translate, detail: string) {
  return detail
    .split(', ')
    .map((k) => (isMessageKey(k) ? t(k).replace(/\.$/, '') : k))
    .join('; ');
}

/** Field errors as this module shows them: its own labels, specific advice, details in words; `field` renames where a form shows them. */
export function explain(
  t: Translate,
  errors: FieldError[] | undefined,
  rename: Record<string, string> = {},
): FieldError[] {
  return (errors ?? []).map((e) => {
    const label = LABELS[e.field];
    const params: Record<string, string | number> = { ...e.params };
    if (label && params.field) params.field = label;
    if (typeof params.detail === 'string') params.detail = detailText(t, params.detail);
    const key = e.key === 'field.invalid' && SPECIFIC[e.field] ? SPECIFIC[e.field]! : e.key;
    return { field: rename[e.field] ?? e.field, key, params };
  });
}

/** A refusal as the page shows it, in the summary and next to each field (see explain). */
export const explainFailure = (
  t: Translate,
  f: FormFailure | undefined,
  rename?: Record<string, string>,
): FormFailure | undefined => f && { ...f, errors: explain(t, f.errors, rename) };

/** The frame of every /pegawai page: back link, heading, error summary (of an explained failure). */
export function StaffPage(p: {
  pc: PageCtx;
  title: MessageKey;
  failure?: FormFailure | undefined;
  back?: boolean;
  children?: Child;
}) {
  const t = p.pc.t;
  return (
    <Layout pc={p.pc} title={t(p.title)}>
      {p.back === false ? null : (
        <p>
          <a href={BASE}>{t('pegawai.title')}</a>
        </p>
      )}
      <h1>{t(p.title)}</h1>
      <ErrorSummary t={t} errors={p.failure?.errors} message={p.failure?.message} params={p.failure?.params} />
      {p.children}
    </Layout>
  );
}

/** The links between the administration pages. */
export function StaffNav(p: { t: Translate }) {
  const links: [string, MessageKey][] = [
    [`${BASE}/baru`, 'pegawai.new_title'],
    [`${BASE}/impor`, 'pegawai.import_title'],
    [`${BASE}/lokasi`, 'pegawai.locations_title'],
    [`${BASE}/jadwal`, 'pegawai.schedules_title'],
    [`${BASE}/kalender`, 'kalender.nav'],
  ];
  return (
    <ul class="link-list" data-testid="pegawai-nav">
      {links.map(([href, key]) => (
        <li>
          <a href={href}>{p.t(key)}</a>
        </li>
      ))}
    </ul>
  );
}

/** Units as select options, indented by their depth below the city. */
export const unitOptions = (units: readonly Unit[]) =>
  units.map((u) => ({
    value: String(u.id),
    label: `${'— '.repeat(Math.max(0, u.path.split('/').length - 2))}${u.name} (${u.path.split('/').slice(1).join('/')})`,
  }));

/** The city's work locations as checkboxes. */
export function LocationChoices(p: { t: Translate; locations: readonly Location[]; chosen: readonly string[] }) {
  return (
    <fieldset class="form-group" id="f-locationIds">
      <legend>{p.t('pegawai.f.locations')}</legend>
      {p.locations.length ? null : <p class="hint">{p.t('pegawai.locations_none_hint')}</p>}
      {p.locations.map((l) => (
        <label class="choice" for={`f-loc-${l.id}`}>
          <input
            id={`f-loc-${l.id}`}
            type="checkbox"
            name="locationIds"
            value={String(l.id)}
            checked={p.chosen.includes(String(l.id))}
          />
          {l.name} ({l.radius_m} m)
        </label>
      ))}
    </fieldset>
  );
}

/** A plain definition list row. */
export const Row = (p: { label: string; children?: Child; testid?: string }) => (
  <div>
    <dt>{p.label}</dt>
    <dd data-testid={p.testid}>{p.children}</dd>
  </div>
);

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const hours = (h: DayHours | undefined) => (h ? `${h.start}–${h.end}` : '—');

/** A schedule in a few words: each weekday's hours (fixed) or the shift pattern. */
export function scheduleSummary(t: Translate, s: Schedule): string {
  if (s.kind === 'shift')
    return t('pegawai.shift_summary', {
      shifts: Object.entries(s.shifts)
        .map(([c, h]) => `${c} ${hours(h)}`)
        .join(', '),
      pattern: s.pattern.map((x) => x ?? '-').join(' '),
      anchor: s.anchor,
    });
  return WEEKDAYS.filter((d) => s.week[d])
    .map((d) => `${t(`pegawai.day.${d}`)} ${hours(s.week[d])}`)
    .join(', ');
}

/** Reads one text field of a multipart (keyValues) or urlencoded body. */
const text = (body: Record<string, unknown>, name: string) => {
  const v = body[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
};
const MAX_CSV_CHARS = 1_000_000;

/** The CSV import's form: pasted text, or an uploaded file which wins when given. */
export function readCsvForm(raw: unknown) {
  const body = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const pasted = text(body, 'csv');
  const file = body.file;
  const uploaded = Buffer.isBuffer(file) ? file.toString('utf8') : typeof file === 'string' ? file : '';
  const csv = uploaded || pasted;
  const validOnly = ['1', 'on', 'true'].includes(text(body, 'validOnly'));
  const values: Values = { csv: pasted.length > MAX_CSV_CHARS ? '' : pasted, validOnly: validOnly ? '1' : undefined };
  return {
    values,
    validOnly,
    /** The CSV to import, or a field error saying what to do. */
    csv() {
      if (csv.length > MAX_CSV_CHARS) throw fieldError('csv', 'pegawai.err.csv_too_large');
      if (!csv.trim()) throw fieldError('csv', 'pegawai.err.csv_missing');
      return csv;
    },
  };
}

/** A JSON textarea's content, or a field error saying how to fix it. */
export function parseJson(field: string, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw fieldError(field, 'pegawai.err.json');
  }
}
