// HTML views of the letter catalogue for the city admin: the list and one
// form for adding and editing a type. Registered in routes.tsx.
import type { LetterTypesTable } from '../../db/schema.js';
import type { FormFailure } from '../../http/forms.js';
import type { Selectable } from 'kysely';
import { ErrorSummary, Form, Submit, TextArea, TextField } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import type { PageCtx } from '../../ui/page.js';
import { STAGES, type Stage } from './rules.js';
import { formatAttachmentLines, formatFieldLines, type LetterTypeForm } from './rules.js';
import { ClassificationField, NaskahFields } from './pages-naskah.js';

export type LetterTypeRow = Selectable<LetterTypesTable>;

export const stageName = (pc: Pick<PageCtx, 't'>, s: Stage) => pc.t(`level.${s}`);

/** A stored type as the form's text values. */
export function formValuesOf(row: LetterTypeRow): LetterTypeForm {
  const v: LetterTypeForm = {
    code: row.code,
    name: row.name,
    description: row.description,
    total_budget_minutes: String(row.total_budget_minutes),
    validity_days: String(row.validity_days),
    classification: row.classification,
    template: row.template,
    active: row.active ? '1' : undefined,
    fields: formatFieldLines(row.fields),
    attachments: formatAttachmentLines(row.attachments),
    expected_version: String(row.version),
    kind: row.kind,
    addressee: row.addressee,
    identity_fields: row.identity_fields.join(', '),
    disabled_reason: row.disabled_reason,
    effect: row.effect ?? '',
  };
  for (const s of STAGES) {
    if (row.route.includes(s)) v[`route_${s}`] = '1';
    const b = row.stage_budgets[s];
    if (b !== undefined) v[`budget_${s}`] = String(b);
  }
  return v;
}

export function ListPage(p: { pc: PageCtx; types: LetterTypeRow[]; names: Map<string, string> }) {
  const { pc } = p;
  const t = pc.t;
  return (
    <Layout pc={pc} title={t('cat.title')}>
      <h1>{t('cat.title')}</h1>
      <p>{t('cat.intro')}</p>
      <p>
        <a class="button" href="/admin/jenis-surat/baru" data-testid="new-letter-type">
          {t('cat.new')}
        </a>{' '}
        <a href="/admin/klasifikasi">{t('cat.classification_title')}</a>
      </p>
      {p.types.length ? (
        <div class="table-wrap">
          <table class="table" data-testid="letter-types">
            <thead>
              <tr>
                <th>{t('cat.col_name')}</th>
                <th>{t('cat.col_code')}</th>
                <th>{t('cat.col_classification')}</th>
                <th>{t('cat.col_kind')}</th>
                <th>{t('cat.col_route')}</th>
                <th>{t('cat.col_budgets')}</th>
                <th>{t('cat.col_total')}</th>
                <th>{t('cat.col_active')}</th>
                <th>{t('cat.col_version')}</th>
              </tr>
            </thead>
            <tbody>
              {p.types.map((lt) => (
                <tr data-testid={`letter-type-${lt.code}`}>
                  <td>
                    <a href={`/admin/jenis-surat/${lt.id}`}>{lt.name}</a>
                  </td>
                  <td>{lt.code}</td>
                  <td data-testid={`classification-${lt.code}`}>
                    {lt.classification} {p.names.get(lt.classification) ?? t('cat.classification_unknown')}
                  </td>
                  <td>{t(`cat.kind_${lt.kind}`)}</td>
                  <td>{lt.route.map((s) => stageName(pc, s as Stage)).join(' → ')}</td>
                  <td>
                    {lt.route
                      .map((s) => `${stageName(pc, s as Stage)}: ${t('cat.minutes', { n: lt.stage_budgets[s] ?? 0 })}`)
                      .join(', ')}
                  </td>
                  <td>{t('cat.minutes', { n: lt.total_budget_minutes })}</td>
                  <td>
                    {lt.active ? (
                      <span class="tag tag--green">{t('common.yes')}</span>
                    ) : (
                      <>
                        <span class="tag tag--grey">{t('common.no')}</span>
                        {lt.disabled_reason ? <div class="hint">{lt.disabled_reason}</div> : null}
                      </>
                    )}
                  </td>
                  <td>{lt.version}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('cat.none')}</p>
      )}
    </Layout>
  );
}

function Check(p: { id: string; name: string; checked: boolean; label: string }) {
  return (
    <label class="choice" for={p.id}>
      <input id={p.id} name={p.name} type="checkbox" value="1" checked={p.checked} />
      {p.label}
    </label>
  );
}

export function EditPage(p: {
  pc: PageCtx;
  row?: LetterTypeRow | undefined;
  values: LetterTypeForm;
  failure?: FormFailure | undefined;
  classificationName?: string | null | undefined;
}) {
  const { pc, row } = p;
  const t = pc.t;
  const v = p.values;
  const errors = p.failure?.errors;
  const title = row ? `${t('cat.edit')}: ${row.name}` : t('cat.new');
  const routeError = errors?.find((e) => e.field === 'route');
  return (
    <Layout pc={pc} title={title}>
      <p>
        <a href="/admin/jenis-surat">
          {t('common.back')}: {t('cat.title')}
        </a>
      </p>
      <h1>{title}</h1>
      {row ? <p class="hint">{t('cat.version_note', { version: row.version })}</p> : null}
      <ErrorSummary t={t} errors={errors} message={p.failure?.message} params={p.failure?.params} />
      <Form pc={pc} action={row ? `/admin/jenis-surat/${row.id}` : '/admin/jenis-surat'} testid="letter-type-form">
        {row ? (
          <input type="hidden" name="expected_version" value={v.expected_version ?? String(row.version)} />
        ) : (
          <TextField
            t={t}
            name="code"
            label="cat.f_code"
            hint="cat.f_code_hint"
            value={v.code}
            maxLength={40}
            class="input--short"
            errors={errors}
          />
        )}
        <TextField t={t} name="name" label="cat.f_name" value={v.name} maxLength={120} errors={errors} />
        <TextArea
          t={t}
          name="description"
          label="cat.f_description"
          value={v.description}
          rows={2}
          maxLength={1000}
          optional
          errors={errors}
        />

        <fieldset
          class={routeError ? 'form-group form-group--error' : 'form-group'}
          id="f-route"
          aria-describedby="f-route-hint"
        >
          <legend>{t('cat.f_route')}</legend>
          <div class="hint" id="f-route-hint">
            {t('cat.f_route_hint')}
          </div>
          {routeError ? <p class="error-message">{t(routeError.key, routeError.params)}</p> : null}
          {STAGES.map((s) => (
            <div>
              <Check id={`f-route_${s}`} name={`route_${s}`} checked={!!v[`route_${s}`]} label={stageName(pc, s)} />
            </div>
          ))}
        </fieldset>

        <fieldset class="form-group">
          <legend>{t('cat.f_budgets')}</legend>
          {STAGES.map((s) => (
            <BudgetField pc={pc} stage={s} value={v[`budget_${s}`]} errors={errors} />
          ))}
        </fieldset>
        <TextField
          t={t}
          name="total_budget_minutes"
          label="cat.f_total"
          value={v.total_budget_minutes}
          inputmode="numeric"
          maxLength={7}
          class="input--short"
          errors={errors}
        />
        <TextField
          t={t}
          name="validity_days"
          label="cat.f_validity"
          value={v.validity_days}
          inputmode="numeric"
          maxLength={4}
          class="input--short"
          errors={errors}
        />
        <ClassificationField pc={pc} value={v.classification} name={p.classificationName} errors={errors} />
        <TextArea
          t={t}
          name="template"
          label="cat.f_template"
          hint="cat.f_template_hint"
          value={v.template}
          rows={12}
          maxLength={20000}
          errors={errors}
        />
        <TextArea
          t={t}
          name="fields"
          label="cat.f_fields"
          hint="cat.f_fields_hint"
          value={v.fields}
          rows={5}
          maxLength={10000}
          optional
          errors={errors}
        />
        <TextArea
          t={t}
          name="attachments"
          label="cat.f_attachments"
          hint="cat.f_attachments_hint"
          value={v.attachments}
          rows={3}
          maxLength={2000}
          optional
          errors={errors}
        />
        <NaskahFields pc={pc} values={v} errors={errors} />
        <div class="form-group">
          <Check id="f-active" name="active" checked={!!v.active} label={t('cat.f_active')} />
        </div>
        <Submit label={t('common.save')} testid="letter-type-submit" />
      </Form>
    </Layout>
  );
}

/** The field label carries the stage name, which TextField (a message key) cannot. */
function BudgetField(p: {
  pc: PageCtx;
  stage: Stage;
  value: string | undefined;
  errors: FormFailure['errors'] | undefined;
}) {
  const name = `budget_${p.stage}`;
  const err = p.errors?.find((e) => e.field === name);
  return (
    <div class={err ? 'form-group form-group--error' : 'form-group'}>
      <label for={`f-${name}`}>{p.pc.t('cat.f_budget', { stage: stageName(p.pc, p.stage) })}</label>
      {err ? (
        <p class="error-message" id={`f-${name}-error`}>
          {p.pc.t(err.key, err.params)}
        </p>
      ) : null}
      <input
        id={`f-${name}`}
        name={name}
        type="text"
        inputmode="numeric"
        maxlength={7}
        class="input--short"
        value={p.value ?? ''}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={err ? `f-${name}-error` : undefined}
      />
    </div>
  );
}
