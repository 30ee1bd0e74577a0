// The SKP pages (issue 16, item 1): /skp — my SKP of the year and those I appraise or oversee; /skp/:id — the
// results with the superior's result each supports, indicators, behaviours with expectations, and the moves the
// viewer may make; /skp/pohon — the cascade as a tree. Every form posts and redirects; errors re-render the page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormFailure } from '../../http/forms.js';
import { Form as FormBody, IdParam, OptStr, type App } from '../../http/types.js';
import { addMenu } from '../../kernel/menu.js';
import { AppError } from '../../lib/errors.js';
import { ErrorSummary, Form, SelectField, Submit, TextArea, TextField } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { TableWrap } from '../../ui/lists.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { Type } from 'typebox';
import { SkpDocuments } from './pages-doc.js';
import { BERAKHLAK, skpPolicy as P } from './policy.js';
import type { PlanRow } from './repo.js';
import { ASPECTS, RESULT_KINDS } from './service.js';
import { FeedbackList } from './pages-feedback.js';

type Values = Record<string, string | undefined>;
interface State {
  failure?: FormFailure;
  values?: Values;
  status?: number;
}
type Detail = Awaited<ReturnType<Services['skp']['detail']>>;

function PlanTable(p: { pc: PageCtx; plans: PlanRow[] }) {
  const { t } = p.pc;
  return (
    <TableWrap label={t('skp.others')}>
      <table class="table" data-testid="skp-list">
        <thead>
          <tr>
            <th>{t('skp.col.employee')}</th>
            <th>{t('skp.col.unit')}</th>
            <th>{t('skp.col.status')}</th>
            <th>{t('skp.col.version')}</th>
          </tr>
        </thead>
        <tbody>
          {p.plans.map((x) => (
            <tr data-testid={`skp-row-${x.id}`}>
              <td>
                <a href={`/skp/${x.id}`}>{x.employee_name}</a>
                <br />
                <span class="muted">{x.position}</span>
              </td>
              <td>{x.unit_name}</td>
              <td>{t(`skp.status.${x.status}`)}</td>
              <td class="num">{x.version}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Results(p: { pc: PageCtx; d: Detail; st: State }) {
  const { t } = p.pc;
  const { d } = p;
  const errs = p.st.failure?.errors;
  const parentOptions = d.parents.map((r) => ({ value: String(r.id), label: `${r.employee_name}: ${r.text}` }));
  if (!d.results.length) return <p data-testid="skp-results-none">{t('skp.results_none')}</p>;
  return (
    <ol class="skp-results" data-testid="skp-results">
      {d.results.map((r) => (
        <li data-testid={`skp-result-${r.id}`}>
          <p>
            <strong>{t(`skp.kind.${r.kind}`)}:</strong> {r.text}
          </p>
          <p class="muted" data-testid={`skp-result-parent-${r.id}`}>
            {r.parent_text ? t('skp.supports', { text: r.parent_text }) : t('skp.supports_none')}
          </p>
          {r.indicators.length ? (
            <ul>
              {r.indicators.map((i) => (
                <li>
                  {i.text} — {t(`skp.aspect.${i.aspect}`)}: {Number(i.target).toLocaleString('id-ID')} {i.unit_label}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('skp.indicators_none')}</p>
          )}
          {d.mayEdit ? (
            <details>
              <summary>{t('skp.set_parent')}</summary>
              <Form pc={p.pc} action={`/skp/${d.p.id}/rhk/${r.id}/atasan`} testid={`skp-parent-form-${r.id}`}>
                <SelectField
                  t={t}
                  name="parentId"
                  id={`parentId-${r.id}`}
                  label="skp.field.parentId"
                  errors={errs}
                  value={r.parent_result_id ? String(r.parent_result_id) : ''}
                  placeholder={t('skp.field.parent_none')}
                  options={parentOptions}
                />
                <Submit label={t('skp.set_parent')} variant="secondary" />
              </Form>
            </details>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function DraftForms(p: { pc: PageCtx; d: Detail; st: State }) {
  const { t } = p.pc;
  const { d } = p;
  const errs = p.st.failure?.errors;
  const v = p.st.values ?? {};
  return (
    <>
      <h2>{t('skp.add_result')}</h2>
      <Form pc={p.pc} action={`/skp/${d.p.id}/rhk`} testid="skp-result-form">
        <SelectField
          t={t}
          name="kind"
          label="skp.field.kind"
          errors={errs}
          value={v.kind ?? 'utama'}
          options={RESULT_KINDS.map((k) => ({ value: k, label: t(`skp.kind.${k}`) }))}
        />
        <TextArea
          t={t}
          name="text"
          label="skp.field.text"
          hint="skp.field.text_hint"
          errors={errs}
          value={v.text}
          maxLength={500}
          rows={3}
        />
        <SelectField
          t={t}
          name="parentId"
          label="skp.field.parentId"
          errors={errs}
          value={v.parentId}
          placeholder={t('skp.field.parent_none')}
          options={d.parents.map((r) => ({ value: String(r.id), label: `${r.employee_name}: ${r.text}` }))}
        />
        <Submit label={t('skp.add_result')} testid="skp-result-submit" />
      </Form>
      {d.results.length ? (
        <>
          <h2>{t('skp.add_indicator')}</h2>
          <Form pc={p.pc} action={`/skp/${d.p.id}/indikator`} testid="skp-indicator-form">
            <SelectField
              t={t}
              name="resultId"
              label="skp.field.resultId"
              errors={errs}
              value={v.resultId}
              options={d.results.map((r) => ({ value: String(r.id), label: r.text }))}
            />
            <TextField
              t={t}
              name="indicator"
              label="skp.field.indicator"
              errors={errs}
              value={v.indicator}
              maxLength={500}
            />
            <SelectField
              t={t}
              name="aspect"
              label="skp.field.aspect"
              errors={errs}
              value={v.aspect ?? 'kuantitas'}
              options={ASPECTS.map((a) => ({ value: a, label: t(`skp.aspect.${a}`) }))}
            />
            <TextField
              t={t}
              name="target"
              label="skp.field.target"
              errors={errs}
              value={v.target}
              inputmode="text"
              maxLength={20}
            />
            <TextField
              t={t}
              name="unitLabel"
              label="skp.field.unitLabel"
              hint="skp.field.unitLabel_hint"
              errors={errs}
              value={v.unitLabel}
              maxLength={40}
            />
            <Submit label={t('skp.add_indicator')} testid="skp-indicator-submit" />
          </Form>
        </>
      ) : null}
      <Form pc={p.pc} action={`/skp/${d.p.id}/ajukan`} testid="skp-submit-form">
        <Submit label={t('skp.submit')} testid="skp-submit" />
      </Form>
    </>
  );
}

function Behaviours(p: { pc: PageCtx; d: Detail; st: State }) {
  const { t } = p.pc;
  const { d } = p;
  const exp = new Map(d.behaviours.map((b) => [b.code, b.expectation]));
  if (!d.maySetExpectations)
    return (
      <dl data-testid="skp-behaviours">
        {BERAKHLAK.map((c) => (
          <>
            <dt>{t(`skp.behaviour.${c}`)}</dt>
            <dd>{exp.get(c) || <span class="muted">{t('skp.expectation_none')}</span>}</dd>
          </>
        ))}
      </dl>
    );
  return (
    <Form pc={p.pc} action={`/skp/${d.p.id}/ekspektasi`} testid="skp-expectations-form">
      {BERAKHLAK.map((c) => (
        <TextArea
          t={t}
          name={`exp_${c}`}
          label={`skp.behaviour.${c}`}
          errors={p.st.failure?.errors}
          value={p.st.values?.[`exp_${c}`] ?? exp.get(c) ?? ''}
          maxLength={1000}
          rows={2}
        />
      ))}
      <Submit label={t('skp.save_expectations')} variant="secondary" />
    </Form>
  );
}

export function registerSkpPages(app: App, s: Services) {
  const S = s.skp;
  addMenu(app, { href: '/skp', key: 'skp.nav', roles: P.view, order: 46 });

  const yearOf = (req: FastifyRequest) => {
    const y = Number((req.query as { tahun?: string } | undefined)?.tahun);
    return Number.isInteger(y) && y >= 2000 && y <= 2999 ? y : S.yearNow();
  };

  const overview = async (req: FastifyRequest, reply: FastifyReply, st: State = {}) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const year = yearOf(req);
    const o = await S.overview(req.ctx(), year);
    return sendPage(
      reply,
      <Layout pc={pc} title={t('skp.title')}>
        <h1>{t('skp.title')}</h1>
        <p>{t('skp.intro')}</p>
        <ErrorSummary t={t} errors={st.failure?.errors} message={st.failure?.message} params={st.failure?.params} />
        <form method="get" action="/skp" class="filters">
          <label for="f-tahun">{t('skp.year')}</label>{' '}
          <input id="f-tahun" name="tahun" type="number" min="2000" max="2999" value={String(year)} />{' '}
          <Submit label={t('skp.open')} variant="secondary" />
        </form>
        {o.v.employeeId !== null ? (
          <section>
            <h2>{t('skp.mine')}</h2>
            {o.mine ? (
              <p data-testid="skp-mine">
                <a href={`/skp/${o.mine.id}`}>{t('skp.detail_title', { name: o.mine.employee_name, year })}</a> —{' '}
                {t('skp.version_line', { version: o.mine.version, status: t(`skp.status.${o.mine.status}`) })}
              </p>
            ) : (
              <>
                <p>{t('skp.none', { year })}</p>
                <Form pc={pc} action="/skp" testid="skp-create-form">
                  <input type="hidden" name="year" value={String(year)} />
                  <Submit label={t('skp.create', { year })} testid="skp-create" />
                </Form>
              </>
            )}
          </section>
        ) : null}
        <h2>{t('skp.others')}</h2>
        {o.others.length ? <PlanTable pc={pc} plans={o.others} /> : <p>{t('skp.others_none')}</p>}
        <p>
          <a href={`/skp/pohon?tahun=${year}`}>{t('skp.tree_link')}</a>
        </p>
        {o.others.length || o.v.headOf.length || o.v.cityPrefix ? (
          <ul data-testid="skp-oversee-links">
            <li>
              <a href="/skp/pantau">{t('skp.pantau.link')}</a>
            </li>
            <li>
              <a href={`/skp/ekspor-bkn?tahun=${year}`}>{t('skp.bkn.link')}</a>
            </li>
          </ul>
        ) : null}
      </Layout>,
      st.status ?? 200,
    );
  };

  const detail = async (req: FastifyRequest, reply: FastifyReply, id: number, st: State = {}) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const d = await S.detail(req.ctx(), id);
    const evaluations =
      d.p.status === 'disetujui' || d.p.status === 'diganti' ? await s.skpEval.list(req.ctx(), id) : [];
    const fb = await s.skpFeedback.ofPlan(req.ctx(), id);
    const docs =
      d.p.status === 'disetujui' || d.p.status === 'diganti' ? await s.skpDocs.documents(req.ctx(), id) : null;
    const title = t('skp.detail_title', { name: d.p.employee_name, year: d.p.year });
    return sendPage(
      reply,
      <Layout pc={pc} title={title}>
        <h1>{title}</h1>
        <p data-testid="skp-status">
          {t('skp.version_line', { version: d.p.version, status: t(`skp.status.${d.p.status}`) })}
        </p>
        <p>{d.p.appraiser_name ? t('skp.appraiser_line', { name: d.p.appraiser_name }) : t('skp.no_appraiser')}</p>
        {d.p.return_note && d.p.status === 'draf' ? (
          <p class="notice" data-testid="skp-return-note">
            {t('skp.returned_note', { note: d.p.return_note })}
          </p>
        ) : null}
        <ErrorSummary t={t} errors={st.failure?.errors} message={st.failure?.message} params={st.failure?.params} />
        <h2>{t('skp.results_title')}</h2>
        <Results pc={pc} d={d} st={st} />
        {d.mayEdit ? <DraftForms pc={pc} d={d} st={st} /> : null}
        <h2>{t('skp.behaviours_title')}</h2>
        <Behaviours pc={pc} d={d} st={st} />
        {evaluations.length || d.mayEvaluate ? <h2>{t('skp.eval.list')}</h2> : null}
        {evaluations.length ? (
          <ul data-testid="skp-evaluations">
            {evaluations.map((e) => (
              <li>
                {t('skp.eval.row', {
                  period: e.period,
                  predikat: t(`skp.predikat.${e.predikat}`),
                  result: t(`skp.rating.${e.result_rating}`),
                  behaviour: t(`skp.rating.${e.behaviour_rating}`),
                  name: e.rated_by_name,
                })}
              </li>
            ))}
          </ul>
        ) : null}
        {d.mayEvaluate ? (
          <p>
            <a href={`/skp/${id}/evaluasi?periode=${d.p.year}`} data-testid="skp-evaluate-year">
              {t('skp.eval.link', { period: String(d.p.year) })}
            </a>
          </p>
        ) : null}
        <h2>{t('skp.fb.list')}</h2>
        <FeedbackList pc={pc} items={fb.items.slice(0, 10)} owner={fb.isOwner} back={`/skp/${id}`} />
        <p>
          <a href={`/skp/${id}/umpan-balik`} data-testid="skp-feedback-link">
            {fb.mayGive ? t('skp.fb.give_link') : t('skp.fb.page_link')}
          </a>
        </p>
        {docs ? <SkpDocuments pc={pc} skpId={id} year={d.p.year} {...docs} signSkp /> : null}
        {d.mayAgree ? (
          <>
            <Form pc={pc} action={`/skp/${id}/setujui`} testid="skp-agree-form">
              <Submit label={t('skp.agree')} testid="skp-agree" />
            </Form>
            <Form pc={pc} action={`/skp/${id}/kembalikan`} testid="skp-return-form">
              <TextArea
                t={t}
                name="note"
                label="skp.field.note"
                errors={st.failure?.errors}
                value={st.values?.note}
                maxLength={1000}
                rows={2}
              />
              <Submit label={t('skp.return')} variant="secondary" />
            </Form>
          </>
        ) : null}
        {d.mayRevise ? (
          <Form pc={pc} action={`/skp/${id}/versi-baru`} confirm={t('skp.revise_confirm')} testid="skp-revise-form">
            <Submit label={t('skp.revise')} variant="secondary" />
          </Form>
        ) : null}
        <p>
          <a href={`/skp/pohon?tahun=${d.p.year}`}>{t('skp.tree_link')}</a> · <a href="/skp">{t('skp.title')}</a>
        </p>
      </Layout>,
      st.status ?? 200,
    );
  };

  /** Runs a use case from a form on the SKP page: success redirects with a flash, a refusal re-renders the page. */
  const act =
    (
      run: (req: FastifyRequest, id: number, body: Values) => Promise<unknown>,
      flash: Parameters<typeof redirectWithFlash>[2],
    ) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const id = (req.params as { id: number }).id;
      const body = (req.body ?? {}) as Values;
      if (req.validationError)
        return detail(req, reply, id, {
          values: body,
          failure: { errors: [], message: 'error.validation' },
          status: 400,
        });
      try {
        await run(req, id, body);
      } catch (err) {
        if (err instanceof AppError && err.status < 500 && ![401, 403, 404].includes(err.status))
          return detail(req, reply, id, {
            values: body,
            failure: { errors: err.fields, message: err.fields.length ? undefined : err.key, params: err.params },
            status: err.status,
          });
        throw err;
      }
      return redirectWithFlash(reply, `/skp/${id}`, flash);
    };

  const opts = (body: Record<string, ReturnType<typeof OptStr>>, access = P.act) => ({
    config: { access },
    attachValidation: true,
    schema: { params: IdParam, body: FormBody(body) },
  });

  app.get('/skp', { config: { access: P.view } }, (req, reply) => overview(req, reply));
  app.post(
    '/skp',
    { config: { access: P.act }, attachValidation: true, schema: { body: FormBody({ year: OptStr(4) }) } },
    async (req, reply) => {
      const year = Number((req.body as { year?: string } | undefined)?.year);
      try {
        const id = await S.create(req.ctx(), Number.isInteger(year) ? year : 0);
        return redirectWithFlash(reply, `/skp/${id}`, 'skp.created_flash');
      } catch (err) {
        if (err instanceof AppError && err.status === 422)
          return overview(req, reply, { failure: { errors: err.fields }, status: 422 });
        throw err;
      }
    },
  );
  app.get('/skp/pohon', { config: { access: P.view } }, async (req, reply) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const year = yearOf(req);
    const tree = await S.tree(req.ctx(), year);
    const Node = (n: (typeof tree)[number]): unknown => (
      <li data-testid={`skp-tree-${n.id}`}>
        <strong>{n.employee_name}</strong> ({n.unit_name}): {n.text}
        {n.children.length ? <ul>{n.children.map(Node)}</ul> : null}
      </li>
    );
    return sendPage(
      reply,
      <Layout pc={pc} title={t('skp.tree_title', { year })}>
        <h1>{t('skp.tree_title', { year })}</h1>
        {tree.length ? (
          <ul class="tree" data-testid="skp-tree">
            {tree.map(Node)}
          </ul>
        ) : (
          <p>{t('skp.tree_none')}</p>
        )}
      </Layout>,
    );
  });
  app.get('/skp/:id', { config: { access: P.view }, schema: { params: IdParam } }, (req, reply) =>
    detail(req, reply, req.params.id),
  );
  app.post(
    '/skp/:id/rhk',
    opts({ kind: OptStr(20), text: OptStr(2000), parentId: OptStr(12) }),
    act(
      (req, id, b) =>
        S.addResult(req.ctx(), id, {
          kind: b.kind ?? '',
          text: b.text ?? '',
          parentId: b.parentId ? Number(b.parentId) || -1 : undefined,
        }),
      'skp.saved_flash',
    ),
  );
  app.post(
    '/skp/:id/rhk/:rid/atasan',
    {
      config: { access: P.act },
      attachValidation: true,
      schema: {
        params: Type.Object({ id: IdParam.properties.id, rid: IdParam.properties.id }),
        body: FormBody({ parentId: OptStr(12) }),
      },
    },
    act(
      (req, id, b) =>
        S.setParent(req.ctx(), id, (req.params as { rid: number }).rid, b.parentId ? Number(b.parentId) || -1 : null),
      'skp.saved_flash',
    ),
  );
  app.post(
    '/skp/:id/indikator',
    opts({
      resultId: OptStr(12),
      indicator: OptStr(2000),
      aspect: OptStr(20),
      target: OptStr(40),
      unitLabel: OptStr(200),
    }),
    act(
      (req, id, b) =>
        S.addIndicator(req.ctx(), id, {
          resultId: Number(b.resultId) || -1,
          text: b.indicator ?? '',
          aspect: b.aspect ?? '',
          target: b.target ?? '',
          unitLabel: b.unitLabel ?? '',
        }),
      'skp.saved_flash',
    ),
  );
  app.post(
    '/skp/:id/ekspektasi',
    opts(Object.fromEntries(BERAKHLAK.map((c) => [`exp_${c}`, OptStr(4000)]))),
    act(
      (req, id, b) =>
        S.setExpectations(req.ctx(), id, Object.fromEntries(BERAKHLAK.map((c) => [c, b[`exp_${c}`] ?? '']))),
      'skp.saved_flash',
    ),
  );
  app.post(
    '/skp/:id/ajukan',
    opts({}),
    act((req, id) => S.submit(req.ctx(), id), 'skp.submitted_flash'),
  );
  app.post(
    '/skp/:id/setujui',
    opts({}),
    act((req, id) => S.agree(req.ctx(), id), 'skp.agreed_flash'),
  );
  app.post(
    '/skp/:id/kembalikan',
    opts({ note: OptStr(4000) }),
    act((req, id, b) => S.returnToDraft(req.ctx(), id, b.note ?? ''), 'skp.returned_flash'),
  );
  app.post('/skp/:id/versi-baru', opts({}), async (req, reply) => {
    const nid = await S.revise(req.ctx(), req.params.id);
    return redirectWithFlash(reply, `/skp/${nid}`, 'skp.revised_flash');
  });
}
