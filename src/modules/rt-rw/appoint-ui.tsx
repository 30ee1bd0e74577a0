// The appointment section of a post's page: search the register (POST, so a
// name or NIK never sits in a URL), pick a person, or type a name for
// someone not in the register. The region page embeds it.
import type { FormFailure } from '../../http/forms.js';
import { Form, SelectField, Submit, TextField } from '../../ui/forms.js';
import type { PageCtx } from '../../ui/page.js';
import { POSITIONS } from './rules.js';

type Values = Record<string, string | undefined>;
export interface Found {
  id: number;
  name: string;
  nikMasked: string;
  regionCode: string;
}
export interface AppointState {
  form?: 'search' | 'manual' | undefined;
  failure?: FormFailure | undefined;
  values?: Values | undefined;
  results?: Found[] | undefined;
}

const positionsOf = (pc: PageCtx) =>
  POSITIONS.map((x) => ({ value: x, label: pc.t(`heads.position_${x}` as 'heads.position_ketua') }));

export function AppointSection(p: { pc: PageCtx; code: string; state?: AppointState | undefined }) {
  const { pc, code } = p;
  const t = pc.t;
  const st = p.state ?? {};
  const v = st.values ?? {};
  const errs = (f: 'search' | 'manual') => (st.form === f ? st.failure?.errors : undefined);
  const manual = st.form === 'manual';
  return (
    <section>
      <h2>{t('heads.appoint')}</h2>
      <p class="hint">{t('heads.appoint_search_hint')}</p>
      <Form pc={pc} action={`/rt-rw/${code}/cari`} testid="appoint-search">
        <SelectField
          t={t}
          name="position"
          id="search-position"
          label="heads.f_position"
          value={st.form === 'search' || st.results ? v.position : 'ketua'}
          options={positionsOf(pc)}
          errors={errs('search')}
        />
        <TextField
          t={t}
          name="q"
          label="heads.f_search"
          hint="heads.f_search_hint"
          value={st.form === 'search' || st.results ? v.q : undefined}
          maxLength={60}
          autocomplete="off"
          errors={errs('search')}
        />
        <Submit label={t('heads.search')} testid="appoint-search-submit" />
      </Form>
      {st.results ? (
        st.results.length ? (
          <ul class="result-list" data-testid="appoint-results">
            {st.results.map((r) => (
              <li>
                <Form pc={pc} action={`/rt-rw/${code}/pilih`} class="inline-form">
                  <input type="hidden" name="residentId" value={String(r.id)} />
                  <input type="hidden" name="position" value={v.position ?? 'ketua'} />
                  {`${r.name} — ${r.nikMasked} `}
                  <button type="submit" class="button button--secondary" data-testid={`appoint-pick-${r.id}`}>
                    {t('heads.pick')}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p data-testid="appoint-results">{t('heads.search_none')}</p>
        )
      ) : null}
      <details open={manual}>
        <summary>{t('heads.appoint_manual')}</summary>
        <p class="hint">{t('heads.appoint_hint')}</p>
        <Form pc={pc} action={`/rt-rw/${code}/angkat`} testid="appoint-form">
          <SelectField
            t={t}
            name="position"
            label="heads.f_position"
            value={manual ? v.position : 'ketua'}
            options={positionsOf(pc)}
            errors={errs('manual')}
          />
          <TextField
            t={t}
            name="name"
            label="heads.f_name"
            value={manual ? v.name : undefined}
            maxLength={120}
            errors={errs('manual')}
          />
          <TermFields pc={pc} values={manual ? v : {}} errors={errs('manual')} />
          <Submit label={t('heads.appoint')} testid="appoint-submit" />
        </Form>
      </details>
    </section>
  );
}

/** Phone, dates and decree: shared by the typed-name form and the confirmation of a pick. */
export function TermFields(p: { pc: PageCtx; values: Values; errors?: FailureErrors }) {
  const t = p.pc.t;
  const v = p.values;
  return (
    <>
      <TextField
        t={t}
        name="phone"
        label="heads.f_phone"
        type="tel"
        inputmode="tel"
        value={v.phone}
        maxLength={20}
        optional
        errors={p.errors}
      />
      <TextField t={t} name="startDate" label="heads.f_start" type="date" value={v.startDate} errors={p.errors} />
      <TextField
        t={t}
        name="endDate"
        label="heads.f_end"
        type="date"
        hint="heads.f_end_hint"
        value={v.endDate}
        optional
        errors={p.errors}
      />
      <TextField
        t={t}
        name="decreeNumber"
        label="heads.f_decree_number"
        value={v.decreeNumber}
        maxLength={100}
        optional
        errors={p.errors}
      />
      <TextField
        t={t}
        name="decreeDate"
        label="heads.f_decree_date"
        type="date"
        value={v.decreeDate}
        optional
        errors={p.errors}
      />
    </>
  );
}
type FailureErrors = FormFailure['errors'] | undefined;
