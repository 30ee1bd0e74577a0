// Pure rules for editing the catalogue: the one-line-per-item text format the
// admin page uses for extra fields and attachments, and turning the page's
// form into a letter type. No I/O; the service still checks route order and
// budgets (checkLetterType) for both the page and the API.
import type { LetterAttachment, LetterField } from '../../db/schema.js';
import type { MessageKey } from '../../i18n/index.js';
import type { FieldError } from '../../lib/errors.js';
import type { LetterTypeInput } from './repo.js';

/** The stages a letter request may pass, in order; a letter type's route is a subsequence of them. */
export const STAGES = ['rt', 'rw', 'kelurahan', 'kecamatan'] as const;
export type Stage = (typeof STAGES)[number];

export const CODE_PATTERN = '^[a-z0-9_]{2,40}$';
export const NAME_PATTERN = '^[a-z0-9_]{1,40}$';
export const FIELD_TYPES = ['text', 'textarea', 'date', 'number'] as const;
/** Submission accepts at most 30 field values of 500 characters and 5 attachments (service-requests/schema.ts). */
export const LIMITS = {
  fields: 20,
  attachments: 5,
  fieldMaxLength: 500,
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
  if (errors.length) return { input: null, errors };
  return {
    input: {
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
      active: !!v.active,
    },
    errors,
  };
}
