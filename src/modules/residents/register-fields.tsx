// Page pieces for the register fields from SIAK (agama, status perkawinan,
// pendidikan, kewarganegaraan with passport/KITAS, parents, blood group) and
// the page listing the columns a resident import accepts.
import type { FieldError } from '../../lib/errors.js';
import type { MessageKey, Translate } from '../../i18n/index.js';
import { SelectField, TextField } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import type { PageCtx } from '../../ui/page.js';
import {
  MAX_DOCUMENT_NO,
  MAX_PARENT_NAME,
  REGISTER_VALUE_SETS,
  registerLabelKey,
  type CodedField,
} from './register-rules.js';
import { maskNumber } from './rules.js';
import { IMPORT_COLUMNS, REQUIRED_COLUMNS, type ImportColumn } from './siak-rules.js';

type Values = Record<string, string | undefined>;

/** A code's label from the catalogue; a value outside the set (old data) as it is. */
export function codedLabel(t: Translate, field: CodedField, code: string): string {
  const key = registerLabelKey(field, code);
  return key ? t(key as MessageKey) : code;
}

function CodedSelect(p: {
  t: Translate;
  field: CodedField;
  value: string | undefined;
  errors?: FieldError[] | undefined;
}) {
  const codes = REGISTER_VALUE_SETS[p.field] as readonly string[];
  return (
    <SelectField
      t={p.t}
      name={p.field}
      label={`f.${p.field}` as MessageKey}
      value={p.value}
      placeholder={p.t('reg.not_known')}
      options={codes.map((c) => ({ value: c, label: codedLabel(p.t, p.field, c) }))}
      errors={p.errors}
    />
  );
}

/**
 * The register fields of the resident form. A value the list does not know
 * (sent back after an error, or old data) is offered as it is, so nothing
 * typed is lost and the message says what to change.
 */
export function RegisterFields(p: { t: Translate; v: Values; errors?: FieldError[] | undefined }) {
  const { t, v, errors } = p;
  const select = (field: CodedField) => {
    const value = v[field];
    const known = !value || (REGISTER_VALUE_SETS[field] as readonly string[]).includes(value);
    return known ? (
      <CodedSelect t={t} field={field} value={value} errors={errors} />
    ) : (
      <TextField t={t} name={field} label={`f.${field}` as MessageKey} value={value} maxLength={60} errors={errors} />
    );
  };
  return (
    <>
      {select('religion')}
      {select('maritalStatus')}
      {select('education')}
      {select('citizenship')}
      <TextField
        t={t}
        name="passportNo"
        label="f.passportNo"
        hint="reg.passport_hint"
        value={v.passportNo}
        maxLength={MAX_DOCUMENT_NO}
        autocomplete="off"
        optional
        errors={errors}
      />
      <TextField
        t={t}
        name="kitasNo"
        label="f.kitasNo"
        value={v.kitasNo}
        maxLength={MAX_DOCUMENT_NO}
        autocomplete="off"
        optional
        errors={errors}
      />
      <TextField
        t={t}
        name="fatherName"
        label="f.fatherName"
        value={v.fatherName}
        maxLength={MAX_PARENT_NAME}
        optional
        errors={errors}
      />
      <TextField
        t={t}
        name="motherName"
        label="f.motherName"
        value={v.motherName}
        maxLength={MAX_PARENT_NAME}
        optional
        errors={errors}
      />
      {select('bloodType')}
    </>
  );
}

export interface RegisterRecord {
  religion: string;
  marital_status: string;
  education: string;
  citizenship: string;
  passport_no: string;
  kitas_no: string;
  father_name: string;
  mother_name: string;
  blood_type: string;
}

/** The form's values from a stored record. */
export const registerValues = (r: RegisterRecord): Values => ({
  religion: r.religion,
  maritalStatus: r.marital_status,
  education: r.education,
  citizenship: r.citizenship,
  passportNo: r.passport_no,
  kitasNo: r.kitas_no,
  fatherName: r.father_name,
  motherName: r.mother_name,
  bloodType: r.blood_type,
});

/** Rows of the summary list (`dl.summary-list`); passport and KITAS masked unless `full`. */
export function registerRows(t: Translate, r: RegisterRecord, full: boolean): [string, string, string][] {
  const doc = (n: string) => (full || !n ? n : maskNumber(n));
  const rows: [string, string, string][] = [
    [t('f.religion'), codedLabel(t, 'religion', r.religion), 'resident-religion'],
    [t('f.maritalStatus'), codedLabel(t, 'maritalStatus', r.marital_status), 'resident-marital'],
    [t('f.education'), codedLabel(t, 'education', r.education), 'resident-education'],
    [t('f.citizenship'), codedLabel(t, 'citizenship', r.citizenship), 'resident-citizenship'],
  ];
  if (r.citizenship === 'WNA') {
    rows.push([t('f.passportNo'), doc(r.passport_no), 'resident-passport']);
    rows.push([t('f.kitasNo'), doc(r.kitas_no), 'resident-kitas']);
  }
  rows.push(
    [t('f.fatherName'), r.father_name, 'resident-father'],
    [t('f.motherName'), r.mother_name, 'resident-mother'],
    [t('f.bloodType'), r.blood_type, 'resident-blood'],
  );
  return rows;
}

/** The columns an import accepts, generated from the same table the importer reads. */
export function ImportColumnsPage(p: { pc: PageCtx }) {
  const t = p.pc.t;
  const cols = Object.entries(IMPORT_COLUMNS) as [ImportColumn, readonly string[]][];
  return (
    <Layout pc={p.pc} title={t('siak.columns_title')}>
      <h1>{t('siak.columns_title')}</h1>
      <p>{t('siak.columns_intro')}</p>
      <p>{t('siak.columns_rules')}</p>
      <div class="table-wrap" tabindex={0} role="region" aria-label={t('siak.columns_title')}>
        <table class="table" data-testid="import-columns">
          <thead>
            <tr>
              <th scope="col">{t('siak.col_name')}</th>
              <th scope="col">{t('siak.col_aliases')}</th>
              <th scope="col">{t('siak.col_content')}</th>
              <th scope="col">{t('siak.col_required')}</th>
            </tr>
          </thead>
          <tbody>
            {cols.map(([col, names]) => (
              <tr>
                <td>
                  <code>{names[0]}</code>
                </td>
                <td>{names.slice(1).join(', ')}</td>
                <td>{t(`siak.c.${col}`)}</td>
                <td>{REQUIRED_COLUMNS.includes(col) ? t('common.yes') : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href="/warga/impor">{t('common.back')}</a>
      </p>
    </Layout>
  );
}
