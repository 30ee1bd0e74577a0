// /pegawai/pelaksana: acting officials and delegation windows (Plt., Plh.,
// a.n., u.b.). The city's admin sees every post of the city by unit —
// current, upcoming and past — names one with the decree number, and ends one
// early; the head of a unit sees their units and names a Plh. for their own
// absence from their unit's staff. Plain forms with CSRF, no script.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TIME_ZONES } from '../../config.js';
import { handleForm, type FormFailure } from '../../http/forms.js';
import { IdParam, type App } from '../../http/types.js';
import { AppError } from '../../lib/errors.js';
import { ErrorSummary, Form, SelectField, Submit, TextArea, TextField } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { actingDate } from './acting-notice.js';
import { ACTING_KINDS, ACTING_PREFIX, type ActingKind } from './acting-rules.js';
import { ActingEndForm, ActingForm, ActingPageQuery } from './acting-schema.js';
import { employeesPolicy as P } from './policy.js';

const BASE = '/pegawai/pelaksana';
type Values = Record<string, string | undefined>;
type Row = Awaited<ReturnType<Services['employees']['acting']['list']>>[number];
type Unit = Awaited<ReturnType<Services['employees']['units']>>[number];
const TONE: Record<Row['state'], string> = { current: 'green', upcoming: 'blue', past: 'grey', revoked: 'grey' };

function AssignmentCard(p: { pc: PageCtx; a: Row; mayEnd: boolean }) {
  const { pc, a } = p;
  const t = pc.t;
  return (
    <li class="card" data-testid={`acting-row-${a.id}`}>
      <p>
        <strong>
          {t('acting.row', { delegate: a.delegate.name, prefix: ACTING_PREFIX[a.kind], post: a.postTitle })}
        </strong>{' '}
        <span class={`tag tag--${TONE[a.state]}`}>{t(`acting.state.${a.state}`)}</span>
        <br />
        {t('acting.period', { from: actingDate(pc, a.startDate), to: actingDate(pc, a.endDate) })}
        {a.endedEarly ? ` (${t('acting.ended_early')})` : ''}
        <br />
        {a.holder ? t('acting.holder', { name: a.holder.name }) : t('acting.vacant')}
        <br />
        {t('acting.decree', { number: a.decreeNumber })}
      </p>
      <p>{a.reason}</p>
      {p.mayEnd && (a.state === 'current' || a.state === 'upcoming') ? (
        <Form pc={pc} action={`${BASE}/${a.id}/akhiri`} testid={`acting-end-${a.id}`}>
          <TextField
            t={t}
            name="lastDay"
            id={`lastDay-${a.id}`}
            label="f.lastDay"
            type="date"
            hint="acting.end_hint"
            optional
            class="input--medium"
          />
          <Submit label={t('acting.end')} variant="secondary" testid={`acting-end-submit-${a.id}`} />
        </Form>
      ) : null}
    </li>
  );
}

function NewForm(p: {
  pc: PageCtx;
  units: Unit[];
  asAdmin: boolean;
  values: Values;
  failure?: FormFailure | undefined;
}) {
  const { pc, values } = p;
  const t = pc.t;
  const errors = p.failure?.errors;
  return (
    <Form pc={pc} action={BASE} testid="acting-form">
      <SelectField
        t={t}
        name="unitId"
        label="acting.f.unit"
        value={values.unitId}
        options={p.units.map((u) => ({
          value: String(u.id),
          label: u.head_name ? `${u.name} — ${u.head_name}` : u.name,
        }))}
        errors={errors}
        testid="acting-unit"
      />
      {p.asAdmin ? (
        <SelectField
          t={t}
          name="kind"
          label="acting.f.kind"
          value={values.kind ?? 'plh'}
          options={ACTING_KINDS.map((k) => ({ value: k, label: t(`acting.kind.${k}`) }))}
          errors={errors}
          testid="acting-kind"
        />
      ) : (
        <input type="hidden" name="kind" value="plh" />
      )}
      <TextField
        t={t}
        name="delegateNumber"
        label="f.delegateNumber"
        hint="acting.hint.delegate"
        value={values.delegateNumber}
        maxLength={44}
        errors={errors}
        testid="acting-delegate"
      />
      <p class="hint">{t('acting.hint.dates', { zone: TIME_ZONES[pc.timeZone] })}</p>
      <TextField
        t={t}
        name="fromDate"
        label="f.fromDate"
        type="date"
        value={values.fromDate}
        errors={errors}
        class="input--medium"
        testid="acting-start"
      />
      <TextField
        t={t}
        name="untilDate"
        label="f.untilDate"
        type="date"
        value={values.untilDate}
        errors={errors}
        class="input--medium"
        testid="acting-end-date"
      />
      <TextField
        t={t}
        name="decree"
        label="f.decree"
        value={values.decree}
        maxLength={100}
        errors={errors}
        testid="acting-decree"
      />
      <TextArea
        t={t}
        name="reason"
        label="f.reason"
        value={values.reason}
        maxLength={500}
        rows={2}
        errors={errors}
        testid="acting-reason"
      />
      <Submit label={t('acting.submit')} testid="acting-submit" />
    </Form>
  );
}

export function registerActingPages(app: App, s: Services) {
  const E = s.employees;

  const view = async (req: FastifyRequest, reply: FastifyReply) => {
    const pc = pageCtx(req, reply);
    const t = pc.t;
    const ctx = req.ctx();
    const q = (req.query ?? {}) as { unit?: string; ok?: string };
    const unitId = q.unit && /^[1-9][0-9]{0,8}$/.test(q.unit) ? Number(q.unit) : undefined;
    const [units, me, list] = await Promise.all([E.units(ctx), E.me(ctx), E.acting.list(ctx, { unitId })]);
    const asAdmin = ctx.scope.role === 'admin_kota';
    const headed = units.filter((u) => me && u.head_employee_id === me.id);
    const mayEnd = (a: Row) => asAdmin || (!!me && a.kind === 'plh' && a.holder?.id === me.id);
    const section = (key: 'acting.current' | 'acting.upcoming' | 'acting.past', rows: Row[], testid: string) => (
      <section>
        <h2>{t(key)}</h2>
        {rows.length ? (
          <ul class="stack" data-testid={testid}>
            {rows.map((a) => (
              <AssignmentCard pc={pc} a={a} mayEnd={mayEnd(a)} />
            ))}
          </ul>
        ) : (
          <p data-testid={`${testid}-none`}>{t('acting.none')}</p>
        )}
      </section>
    );
    return (failure?: FormFailure, values: Values = {}) => (
      <Layout pc={pc} title={t('acting.title')}>
        <h1>{t('acting.title')}</h1>
        <ErrorSummary t={t} errors={failure?.errors} message={failure?.message} params={failure?.params ?? {}} />
        {q.ok === '1' || q.ok === '2' ? (
          <div class="notice notice--success" role="status" data-testid="acting-done">
            {t(q.ok === '1' ? 'acting.created' : 'acting.ended')}
          </div>
        ) : null}
        <p>{t('acting.intro')}</p>
        <p class="hint">{t('acting.authority')}</p>
        {units.length > 1 ? (
          <form method="get" action={BASE} class="inline-form" data-testid="acting-filter">
            <label for="unit">{t('acting.unit_filter')}</label>{' '}
            <select id="unit" name="unit">
              <option value="">{t('acting.all_units')}</option>
              {units.map((u) => (
                <option value={String(u.id)} selected={u.id === unitId}>
                  {u.name}
                </option>
              ))}
            </select>{' '}
            <button type="submit" class="button button--secondary">
              {t('acting.show')}
            </button>
          </form>
        ) : null}
        {section(
          'acting.current',
          list.filter((a) => a.state === 'current'),
          'acting-current',
        )}
        {section(
          'acting.upcoming',
          list.filter((a) => a.state === 'upcoming'),
          'acting-upcoming',
        )}
        {section(
          'acting.past',
          list.filter((a) => a.state === 'past' || a.state === 'revoked'),
          'acting-past',
        )}
        <h2 id="baru">{t(asAdmin ? 'acting.new' : 'acting.head_new')}</h2>
        {asAdmin ? (
          <NewForm pc={pc} units={units} asAdmin values={values} failure={failure} />
        ) : headed.length ? (
          <>
            <p>{t('acting.head_intro')}</p>
            <NewForm pc={pc} units={headed} asAdmin={false} values={values} failure={failure} />
          </>
        ) : (
          <p data-testid="acting-not-head">{t('acting.not_head')}</p>
        )}
      </Layout>
    );
  };

  app.get(BASE, { config: { access: P.view }, schema: { querystring: ActingPageQuery } }, async (req, reply) =>
    sendPage(reply, (await view(req, reply))()),
  );

  app.post(
    BASE,
    { config: { access: P.view }, attachValidation: true, schema: { body: ActingForm } },
    async (req, reply) => {
      const render = await view(req, reply);
      const raw = (req.body ?? {}) as Values;
      const values = Object.fromEntries(
        ['unitId', 'kind', 'delegateNumber', 'fromDate', 'untilDate', 'decree', 'reason'].map((k) => [
          k,
          typeof raw[k] === 'string' ? raw[k]!.slice(0, 600) : undefined,
        ]),
      );
      return handleForm(req, reply, {
        render: (failure) => render(failure, values),
        run: () =>
          E.acting.create(req.ctx(), {
            ...req.body,
            kind: req.body.kind as ActingKind,
            unitId: Number(req.body.unitId) || 0,
          }),
        done: () => reply.redirect(`${BASE}?ok=1`, 303),
      });
    },
  );

  app.post(
    `${BASE}/:id/akhiri`,
    { config: { access: P.view }, attachValidation: true, schema: { params: IdParam, body: ActingEndForm } },
    async (req, reply) => {
      const id = Number((req.params as { id: unknown }).id);
      if (!Number.isSafeInteger(id) || id < 1) throw new AppError(404, 'error.not_found'); // params are not checked before the handler with attachValidation
      const render = await view(req, reply);
      return handleForm(req, reply, {
        render: (failure) => render(failure),
        run: () => E.acting.end(req.ctx(), id, req.body.lastDay || undefined),
        done: () => reply.redirect(`${BASE}?ok=2`, 303),
      });
    },
  );
}
