// Turns schema-validation errors (ajv) into field errors with catalogue
// messages, so bad input always gets a clear, translated answer.
import type { FastifySchemaValidationError } from 'fastify';
import type { FieldError } from '../lib/errors.js';
import { isMessageKey, type MessageKey } from '../i18n/index.js';

/** Field name in the schemas → its label in the catalogue. */
const LABELS: Record<string, MessageKey> = {
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
  csv: 'f.csv',
  file: 'f.file',
  q: 'f.q',
  code: 'f.region_code',
  id: 'f.number',
  page: 'common.page',
  kelurahan: 'level.kelurahan',
};

export function labelOf(field: string): MessageKey {
  const key = LABELS[field];
  if (key) return key;
  const guess = `f.${field}`;
  return isMessageKey(guess) ? guess : 'f.name';
}

export function fieldErrorsFromAjv(errors: FastifySchemaValidationError[]): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const params = e.params as Record<string, unknown>;
    const path = (e.instancePath || '').split('/').filter(Boolean);
    const field = e.keyword === 'required' ? String(params.missingProperty) : (path[path.length - 1] ?? '_');
    if (out.some((o) => o.field === field)) continue;
    const label = labelOf(field);
    switch (e.keyword) {
      case 'required':
        out.push({ field, key: 'field.required', params: { field: label } });
        break;
      case 'maxLength':
      case 'maxItems':
        out.push({ field, key: 'field.too_long', params: { field: label, limit: Number(params.limit) } });
        break;
      case 'minLength':
        out.push({
          field,
          key: Number(params.limit) <= 1 ? 'field.required' : 'field.too_short',
          params: { field: label, limit: Number(params.limit) },
        });
        break;
      case 'enum':
      case 'const':
      case 'anyOf':
        out.push({ field, key: 'field.invalid_choice', params: { field: label } });
        break;
      case 'type':
        out.push({
          field,
          key: ['integer', 'number'].includes(String(params.type)) ? 'field.not_number' : 'field.invalid',
          params: { field: label },
        });
        break;
      case 'minimum':
      case 'maximum':
        out.push({ field, key: 'field.invalid', params: { field: label } });
        break;
      case 'additionalProperties':
        out.push({
          field: String(params.additionalProperty),
          key: 'field.unknown',
          params: { field: String(params.additionalProperty) },
        });
        break;
      default:
        out.push({ field, key: 'field.invalid', params: { field: label } });
    }
  }
  return out;
}
