// Pure rules for editing the catalogue: the one-line-per-item text format the
// admin page uses for extra fields and attachments, and turning the page's
// form into a letter type. No I/O; the service still checks route order and
// budgets (checkLetterType) for both the page and the API.
import type { IdentityField, LetterAttachment, LetterEffect, LetterField, LetterKind } from '../../db/schema.js';
import type { MessageKey } from '../../i18n/index.js';
import type { FieldError } from '../../lib/errors.js';
import { parseNik } from '../residents/index.js';
import type { LetterTypeInput } from './repo.js';

/** The stages a letter request may pass, in order; a letter type's route is a subsequence of them. */
export const STAGES = ['rt', 'rw', 'kelurahan', 'kecamatan'] as const;
export type Stage = (typeof STAGES)[number];

export const CODE_PATTERN = '^[a-z0-9_]{2,40}$';
export const NAME_PATTERN = '^[a-z0-9_]{1,40}$';
export const FIELD_TYPES = ['text', 'textarea', 'date', 'number', 'time', 'nik'] as const;
/** Closing and form of the naskah (Permendagri 1/2023): a pengantar and a rekomendasi are addressed to an office. */
export const LETTER_KINDS = ['keterangan', 'pengantar', 'rekomendasi'] as const satisfies readonly LetterKind[];
/** The resident's data the identity block may print, in the order the form lists them. */
export const IDENTITY_FIELDS = [
  'nik',
  'ttl',
  'jenis_kelamin',
  'agama',
  'status_perkawinan',
  'kewarganegaraan',
  'pekerjaan',
  'alamat',
  'no_kk',
] as const satisfies readonly IdentityField[];
export const LETTER_EFFECTS = ['mark_deceased'] as const satisfies readonly LetterEffect[];
/** The identity block most letters print (nama always comes first). */
export const DEFAULT_IDENTITY_FIELDS: IdentityField[] = [
  'nik',
  'ttl',
  'jenis_kelamin',
  'agama',
  'status_perkawinan',
  'kewarganegaraan',
  'pekerjaan',
  'alamat',
];
/** Submission accepts at most 30 field values of 500 characters and 5 attachments (service-requests/schema.ts). */
export const LIMITS = {
  fields: 20,
  attachments: 5,
  fieldMaxLength: 500,
  addressee: 200,
  disabledReason: 500,
  stageMinutes: 43_200,
  totalMinutes: 525_600,
  validityDays: 3650,
} as const;

const nameOk = (s: string) => new RegExp(NAME_PATTERN).test(s);
const REQUIRED: Record<string, boolean> = { wajib: true, ya: true, opsional: false, tidak: false };

function lines(text: string) {
  return text
    .split(/\r?\n/)
    .map((raw, i) => ({ line: i + 1, parts: raw.split('|').map((p) => p.trim()) }))
    .filter((l) => l.parts.some((p) => p !== ''));
}

const err = (field: string, key: MessageKey, params: Record<string, string | number>): FieldError => ({
  field,
  key,
  params,
});

/** `name|label|type|wajib[|maxLength]` per line. */
export function parseFieldLines(text: string): { fields: LetterField[]; errors: FieldError[] } {
  const list = 'cat.list_fields';
  const fields: LetterField[] = [];
  const errors: FieldError[] = [];
  const all = lines(text);
  if (all.length > LIMITS.fields)
    return { fields, errors: [err('fields', 'cat.line_too_many', { list, max: LIMITS.fields })] };
  for (const { line, parts } of all) {
    const e = (key: MessageKey, extra: Record<string, string | number> = {}) =>
      errors.push(err('fields', key, { list, line, ...extra }));
    if (parts.length < 4 || parts.length > 5) {
      e('cat.line_parts', { format: 'nama|label|jenis|wajib' });
      continue;
    }
    const [name, label, type, req, max] = parts as [string, string, string, string, string | undefined];
    if (!nameOk(name)) e('cat.line_bad_name', { name: name.slice(0, 60) });
    else if (fields.some((f) => f.name === name)) e('cat.line_duplicate', { name });
    if (!label || label.length > 120) e('cat.line_bad_label');
    if (!(FIELD_TYPES as readonly string[]).includes(type)) e('cat.line_bad_type', { type: type.slice(0, 30) });
    if (!(req.toLowerCase() in REQUIRED)) e('cat.line_bad_required', { value: req.slice(0, 30) });
    const maxLength = max === undefined || max === '' ? undefined : /^\d{1,4}$/.test(max) ? Number(max) : NaN;
    if (maxLength !== undefined && !(maxLength >= 1 && maxLength <= LIMITS.fieldMaxLength))
      e('cat.line_bad_max', { max: LIMITS.fieldMaxLength });
    fields.push({
      name,
      label,
      type: type as LetterField['type'],
      required: REQUIRED[req.toLowerCase()] ?? false,
      ...(maxLength ? { maxLength } : {}),
    });
  }
  return { fields, errors };
}

/** `kind|label|wajib` per line. */
export function parseAttachmentLines(text: string): { attachments: LetterAttachment[]; errors: FieldError[] } {
  const list = 'cat.list_attachments';
  const attachments: LetterAttachment[] = [];
  const errors: FieldError[] = [];
  const all = lines(text);
  if (all.length > LIMITS.attachments)
    return { attachments, errors: [err('attachments', 'cat.line_too_many', { list, max: LIMITS.attachments })] };
  for (const { line, parts } of all) {
    const e = (key: MessageKey, extra: Record<string, string | number> = {}) =>
      errors.push(err('attachments', key, { list, line, ...extra }));
    if (parts.length !== 3) {
      e('cat.line_parts', { format: 'jenis|label|wajib' });
      continue;
    }
    const [kind, label, req] = parts as [string, string, string];
    if (!nameOk(kind)) e('cat.line_bad_name', { name: kind.slice(0, 60) });
    else if (attachments.some((a) => a.kind === kind)) e('cat.line_duplicate', { name: kind });
    if (!label || label.length > 120) e('cat.line_bad_label');
    if (!(req.toLowerCase() in REQUIRED)) e('cat.line_bad_required', { value: req.slice(0, 30) });
    attachments.push({ kind, label, required: REQUIRED[req.toLowerCase()] ?? false });
  }
  return { attachments, errors };
}

export const formatFieldLines = (fields: LetterField[]) =>
  fields
    .map((f) =>
      [f.name, f.label, f.type, f.required ? 'wajib' : 'opsional', ...(f.maxLength ? [String(f.maxLength)] : [])].join(
        '|',
      ),
    )
    .join('\n');
export const formatAttachmentLines = (atts: LetterAttachment[]) =>
  atts.map((a) => [a.kind, a.label, a.required ? 'wajib' : 'opsional'].join('|')).join('\n');

/** The same checks for lists that arrive as JSON (the API): unique names within each list. */
export function checkListNames(fields: LetterField[], attachments: LetterAttachment[]): FieldError[] {
  const errors: FieldError[] = [];
  fields.forEach((f, i) => {
    if (fields.findIndex((g) => g.name === f.name) < i)
      errors.push(err('fields', 'cat.line_duplicate', { list: 'cat.list_fields', line: i + 1, name: f.name }));
  });
  attachments.forEach((a, i) => {
    if (attachments.findIndex((b) => b.kind === a.kind) < i)
      errors.push(
        err('attachments', 'cat.line_duplicate', { list: 'cat.list_attachments', line: i + 1, name: a.kind }),
      );
  });
  return errors;
}

/** What the edit page posts: every value is text, checkboxes are present only when ticked. */
export type LetterTypeForm = Partial<
  Record<
    | 'code'
    | 'name'
    | 'description'
    | 'total_budget_minutes'
    | 'validity_days'
    | 'classification'
    | 'template'
    | 'active'
    | 'fields'
    | 'attachments'
    | 'expected_version'
    | 'kind'
    | 'addressee'
    | 'identity_fields'
    | 'disabled_reason'
    | 'effect'
    | `route_${Stage}`
    | `budget_${Stage}`,
    string
  >
>;

function wholeNumber(
  errors: FieldError[],
  field: string,
  label: MessageKey | string,
  raw: string | undefined,
  min: number,
  max: number,
): number {
  const s = (raw ?? '').trim();
  const n = /^\d{1,7}$/.test(s) ? Number(s) : NaN;
  if (!(n >= min && n <= max)) errors.push(err(field, 'cat.bad_number', { field: label, min, max }));
  return n;
}

/** The page's form → a letter type, or every problem found at once. `code` comes from the stored type when editing. */
export function letterTypeFromForm(
  v: LetterTypeForm,
  code: string,
  stageLabel: (s: Stage) => string,
): { input: LetterTypeInput | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!new RegExp(CODE_PATTERN).test(code)) errors.push(err('code', 'cat.bad_code', {}));
  const name = (v.name ?? '').trim();
  if (!name) errors.push(err('name', 'cat.need_name', {}));
  const route = STAGES.filter((s) => v[`route_${s}`]);
  if (!route.length) errors.push(err('route', 'cat.need_route', {}));
  const stage_budgets: LetterTypeInput['stage_budgets'] = {};
  for (const s of route)
    stage_budgets[s] = wholeNumber(errors, `budget_${s}`, stageLabel(s), v[`budget_${s}`], 0, LIMITS.stageMinutes);
  const total = wholeNumber(
    errors,
    'total_budget_minutes',
    'cat.f_total',
    v.total_budget_minutes,
    1,
    LIMITS.totalMinutes,
  );
  const validity = wholeNumber(errors, 'validity_days', 'cat.f_validity', v.validity_days, 1, LIMITS.validityDays);
  const classification = (v.classification ?? '').trim();
  if (!classification) errors.push(err('classification', 'cat.need_classification', {}));
  const template = (v.template ?? '').replace(/\r\n/g, '\n');
  if (!template.trim()) errors.push(err('template', 'cat.need_template', {}));
  const f = parseFieldLines(v.fields ?? '');
  const a = parseAttachmentLines(v.attachments ?? '');
  errors.push(...f.errors, ...a.errors);
  const kind = (v.kind ?? 'keterangan') as LetterKind;
  const identity = parseIdentityFields(v.identity_fields ?? '');
  const effect = v.effect ? (v.effect as LetterEffect) : null;
  const active = !!v.active;
  const naskah = {
    kind,
    addressee: (v.addressee ?? '').trim(),
    identity_fields: identity.fields,
    disabled_reason: active ? '' : (v.disabled_reason ?? '').trim(),
    effect,
  };
  errors.push(...identity.errors, ...naskahErrors({ ...naskah, fields: f.fields }));
  if (errors.length) return { input: null, errors };
  return {
    input: {
      ...naskah,
      code,
      name,
      description: (v.description ?? '').trim(),
      route,
      stage_budgets,
      total_budget_minutes: total,
      validity_days: validity,
      classification,
      template,
      fields: f.fields,
      attachments: a.attachments,
      active,
    },
    errors,
  };
}

/** The identity block's fields as the form writes them: keys separated by commas or spaces, in print order. */
export function parseIdentityFields(text: string): { fields: IdentityField[]; errors: FieldError[] } {
  const fields: IdentityField[] = [];
  const errors: FieldError[] = [];
  for (const key of text.split(/[\s,]+/).filter(Boolean)) {
    if (!(IDENTITY_FIELDS as readonly string[]).includes(key))
      errors.push(
        err('identity_fields', 'cat.bad_identity_field', {
          name: key.slice(0, 40),
          allowed: IDENTITY_FIELDS.join(', '),
        }),
      );
    else if (fields.includes(key as IdentityField))
      errors.push(err('identity_fields', 'cat.duplicate_identity_field', { name: key }));
    else fields.push(key as IdentityField);
  }
  return { fields, errors };
}

/** The required NIK field whose person an effect acts on (the deceased for mark_deceased), or null. */
export const effectNikField = (t: { fields: LetterField[] }): string | null =>
  t.fields.find((f) => f.type === 'nik' && f.required)?.name ?? null;

/** What the naskah needs, checked the same for the page and the API. */
export function naskahErrors(t: {
  kind: LetterKind;
  addressee: string;
  identity_fields: IdentityField[];
  disabled_reason: string;
  effect: LetterEffect | null;
  fields: LetterField[];
}): FieldError[] {
  const errors: FieldError[] = [];
  if (!LETTER_KINDS.includes(t.kind)) errors.push(err('kind', 'field.invalid_choice', { field: 'cat.f_kind' }));
  if (t.addressee.length > LIMITS.addressee)
    errors.push(err('addressee', 'field.too_long', { field: 'cat.f_addressee', limit: LIMITS.addressee }));
  else if (t.kind === 'pengantar' && !t.addressee) errors.push(err('addressee', 'cat.need_addressee', {}));
  if (t.identity_fields.some((k, i) => !IDENTITY_FIELDS.includes(k) || t.identity_fields.indexOf(k) !== i))
    errors.push(err('identity_fields', 'cat.bad_identity_fields', { allowed: IDENTITY_FIELDS.join(', ') }));
  if (t.disabled_reason.length > LIMITS.disabledReason)
    errors.push(
      err('disabled_reason', 'field.too_long', { field: 'cat.f_disabled_reason', limit: LIMITS.disabledReason }),
    );
  if (t.effect !== null && !LETTER_EFFECTS.includes(t.effect))
    errors.push(err('effect', 'field.invalid_choice', { field: 'cat.f_effect' }));
  else if (t.effect === 'mark_deceased' && !effectNikField(t)) errors.push(err('effect', 'cat.effect_needs_nik', {}));
  return errors;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3])[:.]([0-5]\d)$/;

/**
 * A submitted value of one extra field, already trimmed and non-empty: the message key of what is wrong, or null.
 * A nik is another person's NIK (e.g. the deceased), checked with the residents module's NIK rules.
 */
export function fieldValueProblem(type: LetterField['type'], v: string): MessageKey | null {
  switch (type) {
    case 'text':
    case 'textarea':
      return null;
    case 'date': {
      const m = DATE.exec(v);
      if (!m) return 'field.invalid';
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return d.getUTCDate() === Number(m[3]) && d.getUTCMonth() === Number(m[2]) - 1 ? null : 'field.invalid';
    }
    case 'number':
      return /^-?\d+([.,]\d+)?$/.test(v) ? null : 'field.not_number';
    case 'time':
      return TIME.test(v) ? null : 'cat.bad_time';
    case 'nik':
      return parseNik(v).ok ? null : 'cat.bad_nik';
  }
}
