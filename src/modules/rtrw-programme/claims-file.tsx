// A BPJS claim's file as shown on its page: incident details, heirs (NIK and
// account masked), the document checklist with uploads and the children's
// scholarship, with the forms for managers while the claim is open.
import type { FormFailure } from '../../http/forms.js';
import { Form, SelectField, Submit, TextArea, TextField } from '../../ui/forms.js';
import type { PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { HEIR_RELATIONSHIPS, itemsFor } from './claims-rules.js';
import { BASE, isManager, type Values } from './page-parts.js';

type Claim = Awaited<ReturnType<Services['programme']['claim']>>;
type Key = Parameters<PageCtx['t']>[0];
const docLabel = (pc: PageCtx, item: string) => pc.t(`money.doc.${item}` as Key);

export function ClaimFile(p: { pc: PageCtx; c: Claim; failure?: FormFailure | undefined; values: Values }) {
  const { pc, c } = p;
  const t = pc.t;
  const x = c.claim;
  const f = c.file;
  const errors = p.failure?.errors;
  const open = isManager(pc) && (x.status === 'dilaporkan' || x.status === 'diproses');
  const fileErr = errors?.find((e) => e.field === 'file');
  return (
    <>
      <h3>{t('money.claim_details')}</h3>
      <dl class="summary-list" data-testid="claim-details">
        <div>
          <dt>{t('money.incident_place')}</dt>
          <dd>{f.extras.incident_place || '–'}</dd>
        </div>
        <div>
          <dt>{t('money.chronology')}</dt>
          <dd style="white-space: pre-line">{f.extras.chronology || '–'}</dd>
        </div>
        {x.kind === 'kecelakaan' ? (
          <div>
            <dt>{t('money.road_accident')}</dt>
            <dd>{t(f.extras.road_accident ? 'money.yes' : 'money.no')}</dd>
          </div>
        ) : null}
      </dl>
      {open ? (
        <Form pc={pc} action={`${BASE}/bpjs/klaim/${x.id}/rincian`} testid="claim-details-form">
          <TextField
            t={t}
            name="occurredOn"
            label="prog.occurred_on"
            type="date"
            value={p.values.occurredOn ?? x.occurred_on ?? ''}
            optional
            errors={errors}
          />
          <TextField
            t={t}
            name="incidentPlace"
            label="money.incident_place"
            maxLength={300}
            value={p.values.incidentPlace ?? f.extras.incident_place}
            errors={errors}
          />
          <TextArea
            t={t}
            name="chronology"
            label="money.chronology"
            rows={4}
            maxLength={4000}
            value={p.values.chronology ?? f.extras.chronology}
            errors={errors}
          />
          {x.kind === 'kecelakaan' ? (
            <SelectField
              t={t}
              name="roadAccident"
              label="money.road_accident"
              hint="money.road_accident_hint"
              value={p.values.roadAccident ?? String(f.extras.road_accident)}
              options={[
                { value: 'false', label: t('money.no') },
                { value: 'true', label: t('money.yes') },
              ]}
              errors={errors}
            />
          ) : null}
          <Submit label={t('money.save_details')} testid="claim-details-submit" />
        </Form>
      ) : null}

      <h3>{t('money.documents')}</h3>
      <ul data-testid="claim-checklist">
        {f.checklist.map((d) => (
          <li data-item={d.item} data-done={String(d.done)}>
            {`${docLabel(pc, d.item)} (${t(d.required ? 'money.doc_required' : 'money.doc_optional')}): ${t(d.done ? 'money.doc_done' : 'money.doc_absent')}`}
            {f.documents
              .filter((u) => u.item === d.item)
              .map((u) => (
                <>
                  {' '}
                  <a href={`${BASE}/bpjs/klaim/${x.id}/dokumen/${u.id}`} target="_blank" rel="noopener">
                    {t('money.doc_view')}
                  </a>
                </>
              ))}
          </li>
        ))}
      </ul>
      {open ? (
        <Form pc={pc} action={`${BASE}/bpjs/klaim/${x.id}/dokumen`} multipart testid="document-form">
          <SelectField
            t={t}
            name="item"
            label="money.doc_item"
            value={p.values.item}
            options={itemsFor(x.kind).map((i) => ({ value: i, label: docLabel(pc, i) }))}
            errors={errors}
          />
          <div class={fileErr ? 'form-group form-group--error' : 'form-group'}>
            <label for="f-file">{t('money.doc_file')}</label>
            <div class="hint" id="f-file-hint">
              {t('money.transfer_file_hint')}
            </div>
            {fileErr ? (
              <p class="error-message" id="f-file-error">
                {t(fileErr.key, fileErr.params)}
              </p>
            ) : null}
            <input
              id="f-file"
              type="file"
              name="file"
              accept="image/jpeg,image/png,image/webp,application/pdf"
              aria-describedby="f-file-hint"
              data-testid="document-file"
            />
          </div>
          <Submit label={t('money.doc_upload')} testid="document-submit" />
        </Form>
      ) : null}

      {x.kind === 'kematian' ? (
        <>
          <h3>{t('money.heirs')}</h3>
          <ul data-testid="claim-heirs">
            {f.heirs.map((h) => (
              <li>{`${h.name} · ${t(`money.rel.${h.relationship}` as Key)} · ${h.nik_masked}${h.account_masked ? ` · ${h.bank_name} ${h.account_masked}` : ''}`}</li>
            ))}
          </ul>
          {open ? (
            <Form pc={pc} action={`${BASE}/bpjs/klaim/${x.id}/ahli-waris`} testid="heir-form">
              <TextField
                t={t}
                name="name"
                label="money.heir_name"
                maxLength={200}
                value={p.values.name}
                errors={errors}
              />
              <SelectField
                t={t}
                name="relationship"
                label="money.relationship"
                value={p.values.relationship}
                options={HEIR_RELATIONSHIPS.map((r) => ({ value: r, label: t(`money.rel.${r}`) }))}
                errors={errors}
              />
              <TextField
                t={t}
                name="nik"
                label="money.heir_nik"
                inputmode="numeric"
                maxLength={20}
                value={p.values.nik}
                errors={errors}
              />
              <TextField
                t={t}
                name="bankName"
                label="money.bank_name"
                maxLength={100}
                value={p.values.bankName}
                optional
                errors={errors}
              />
              <TextField
                t={t}
                name="accountNumber"
                label="money.account_number"
                inputmode="numeric"
                maxLength={30}
                value={p.values.accountNumber}
                optional
                errors={errors}
              />
              <Submit label={t('money.heir_add')} testid="heir-submit" />
            </Form>
          ) : null}
        </>
      ) : null}

      <h3>{t('money.scholarship')}</h3>
      <p class="hint">{t('money.scholarship_hint', { max: f.maxChildren, levels: f.levels.join(', ') })}</p>
      <ul data-testid="claim-scholarships">
        {f.scholarships.map((s) => (
          <li>{`${s.child_name} · ${s.level} · ${s.school_year} · ${t(`money.sch_status.${s.status}` as Key)}`}</li>
        ))}
      </ul>
      {isManager(pc) && x.status !== 'ditolak' ? (
        <Form pc={pc} action={`${BASE}/bpjs/klaim/${x.id}/beasiswa`} testid="scholarship-form">
          <TextField
            t={t}
            name="childName"
            label="money.child_name"
            maxLength={200}
            value={p.values.childName}
            errors={errors}
          />
          <SelectField
            t={t}
            name="level"
            label="money.level"
            value={p.values.level}
            options={f.levels.map((l) => ({ value: l, label: l }))}
            errors={errors}
          />
          <TextField
            t={t}
            name="schoolYear"
            label="money.school_year"
            hint="money.school_year_hint"
            maxLength={9}
            value={p.values.schoolYear}
            errors={errors}
          />
          <Submit label={t('money.sch_add')} testid="scholarship-submit" />
        </Form>
      ) : null}
    </>
  );
}
