// How letter types and requests look in GeoReport v2 (https://wiki.open311.org/GeoReport_v2).
// Pure: no I/O. Requests map to open/closed; the "agency" is the unit whose
// turn it is, never below kelurahan.
import type { LetterField } from '../../db/schema.js';
import type { Translate } from '../../i18n/index.js';
import type { PublicRequestRow } from './repo.js';

const DATATYPE: Record<LetterField['type'], 'string' | 'text' | 'datetime' | 'number'> = {
  text: 'string',
  textarea: 'text',
  date: 'datetime',
  number: 'number',
  time: 'string',
  nik: 'string',
};

export function presentService(t: {
  code: string;
  name: string;
  description: string;
  fields: LetterField[];
  classification: string;
}) {
  return {
    service_code: t.code,
    service_name: t.name,
    description: t.description || t.name,
    metadata: t.fields.length > 0,
    type: 'realtime' as const,
    keywords: ['surat', ...t.code.split('_')].join(','),
    group: 'surat' as const,
  };
}

export function presentDefinition(tr: Translate, code: string, fields: LetterField[]) {
  return {
    service_code: code,
    attributes: fields.map((f, i) => ({
      variable: true,
      code: f.name,
      datatype: DATATYPE[f.type],
      required: f.required,
      datatype_description:
        f.type === 'date'
          ? tr('cat.o311_dt_date')
          : f.type === 'number'
            ? tr('cat.o311_dt_number')
            : f.type === 'time'
              ? tr('cat.o311_dt_time')
              : f.type === 'nik'
                ? tr('cat.o311_dt_nik')
                : f.maxLength
                  ? tr('cat.o311_dt_text', { max: f.maxLength })
                  : tr('cat.o311_dt_free'),
      order: i + 1,
      description: f.label,
    })),
  };
}

/** "Kelurahan Jati" — unless the stored name already says what it is. */
function unit(tr: Translate, level: 'kelurahan' | 'kecamatan', name: string | null) {
  if (!name) return '';
  return new RegExp(`^(${level}|desa)\\b`, 'i').test(name)
    ? name
    : tr(level === 'kelurahan' ? 'cat.o311_kelurahan' : 'cat.o311_kecamatan', { name });
}

function agency(tr: Translate, r: PublicRequestRow): string {
  const route = Array.isArray(r.route) ? r.route : [];
  const stage = r.stage ?? route[route.length - 1] ?? 'kelurahan';
  const kel = unit(tr, 'kelurahan', r.kelurahan_name);
  switch (stage) {
    case 'rt':
      return [tr('cat.o311_stage_rt'), kel].filter(Boolean).join(', ');
    case 'rw':
      return [tr('cat.o311_stage_rw'), kel].filter(Boolean).join(', ');
    case 'kecamatan':
      return unit(tr, 'kecamatan', r.kecamatan_name);
    default:
      return kel;
  }
}

function notes(tr: Translate, r: PublicRequestRow, responsible: string): string {
  switch (r.status) {
    case 'in_progress':
      return tr('cat.o311_waiting', { stage: responsible });
    case 'returned':
      return tr('cat.o311_returned');
    case 'rejected':
      return tr('cat.o311_rejected');
    case 'completed':
      return tr('cat.o311_completed');
  }
}

export function presentRequest(tr: Translate, r: PublicRequestRow) {
  const responsible = agency(tr, r);
  const updated = r.updated_at ? new Date(r.updated_at) : (r.completed_at ?? r.stage_started_at);
  return {
    service_request_id: r.public_id,
    status: r.status === 'in_progress' || r.status === 'returned' ? ('open' as const) : ('closed' as const),
    status_notes: notes(tr, r, responsible),
    service_name: r.service_name,
    service_code: r.service_code,
    requested_datetime: r.submitted_at.toISOString(),
    updated_datetime: updated.toISOString(),
    expected_datetime: r.due_at.toISOString(),
    agency_responsible: responsible,
  };
}
