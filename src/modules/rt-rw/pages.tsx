// HTML pages of the RT/RW heads programme: the kelurahan overview, a region's
// terms with the appoint (handover) form, the pact page and its public check.
import { TableWrap } from '../../ui/lists.js';
import { cityOf, formatRtRwIn } from '../../kernel/regions.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { handleForm, type FormFailure } from '../../http/forms.js';
import { CodeParam, IdParam, type App } from '../../http/types.js';
import { notFound } from '../../lib/errors.js';
import { ErrorSummary, Form, SelectField, Submit, TextArea, TextField } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { rtrwPolicy } from './policy.js';
import { presentPactVerification } from './present.js';
import { daysUntil, MANUAL_END_REASONS, POSITIONS } from './rules.js';
import { CityParam, EndBody, PublishBody, VerifyCodeParam } from './schema.js';
import { AppointSection, type AppointState } from './appoint-ui.js';
import { defaultPact } from './default-pact.js';
import { formatTime } from '../../ui/format.js';

type Values = Record<string, string | undefined>;
type Overview = Awaited<ReturnType<Services['rtrw']['overview']>>;
type Terms = Awaited<ReturnType<Services['rtrw']['regionTerms']>>;
type Pact = Awaited<ReturnType<Services['rtrw']['pactStatus']>>;
type Term = Terms['terms'][number];

/** A refusal about the state of things (no active term, already signed) is not "something to fix" in a form. */
export const stateTitle = (f: FormFailure | undefined) =>
  f && !f.errors.length && f.message ? ('heads.state_title' as const) : undefined;
export const may = (pc: PageCtx, roles: readonly string[]) => !!pc.user && roles.includes(pc.user.role);
export const posLabel = (pc: PageCtx, p: string) => pc.t(`heads.position_${p}` as 'heads.position_ketua');
export const reasonLabel = (pc: PageCtx, r: string) => pc.t(`heads.reason_${r}` as 'heads.reason_selesai');

function TermsTable(p: { pc: PageCtx; terms: Term[]; testid: string; today?: string }) {
  const t = p.pc.t;
  if (!p.terms.length) return <p data-testid={p.testid}>{t('common.none')}</p>;
  return (
    <TableWrap label={t('heads.title')}>
      <table class="table" data-testid={p.testid}>
        <thead>
          <tr>
            <th>{t('heads.col_region')}</th>
            <th>{t('heads.col_position')}</th>
            <th>{t('heads.col_name')}</th>
            <th>{t('heads.col_start')}</th>
            <th>{t('heads.col_end')}</th>
            <th>{t('heads.col_decree')}</th>
            <th>{t('heads.col_status')}</th>
          </tr>
        </thead>
        <tbody>
          {p.terms.map((x) => (
            <tr data-testid={`term-${x.id}`}>
              <td>
                <a href={`/rt-rw/${x.region_code}`}>{formatRtRwIn(x.region_code, x.kelurahan_name)}</a>
              </td>
              <td>{posLabel(p.pc, x.position)}</td>
              <td>{x.person_name}</td>
              <td>{x.start_date}</td>
              <td>
                {x.end_date}
                {p.today && !x.ended_at ? ` (${t('heads.days_left', { days: daysUntil(x.end_date, p.today) })})` : ''}
              </td>
              <td>
                {[x.decree_number, x.decree_date].filter(Boolean).join(', ')}{' '}
                <a href={`/rt-rw/masa/${x.id}`} data-testid={`term-link-${x.id}`}>
                  {t('heads.term_open')}
                </a>
              </td>
              <td data-testid="term-status">
                {x.ended_at ? (
                  <span class="tag tag--grey">{`${t('heads.ended')}: ${x.end_reason ? reasonLabel(p.pc, x.end_reason) : ''}`}</span>
                ) : (
                  <span class="tag tag--green">{t('heads.active')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function OverviewPage(p: { pc: PageCtx; o: Overview }) {
  const { pc, o } = p;
  const t = pc.t;
  const signed = new Map(o.pact.signatures.map((s) => [s.term_id, s]));
  return (
    <Layout pc={pc} title={t('heads.title')}>
      <h1>{t('heads.title')}</h1>
      <p>
        <a href="/rt-rw/pakta" data-testid="pact-link">
          {t('heads.pact_title')}
        </a>
      </p>
      <h2>{t('heads.regions')}</h2>
      <TableWrap label={t('heads.regions')}>
        <table class="table" data-testid="heads-overview">
          <thead>
            <tr>
              <th>{t('heads.col_region')}</th>
              <th>{t('heads.col_ketua')}</th>
              <th>{t('heads.col_end')}</th>
              <th>{t('heads.col_pact')}</th>
            </tr>
          </thead>
          <tbody>
            {o.regions.map((r) => {
              const s = r.ketua ? signed.get(r.ketua.id) : undefined;
              return (
                <tr data-testid={`overview-${r.code}`}>
                  <td>
                    <a href={`/rt-rw/${r.code}`}>{formatRtRwIn(r.code, r.kelurahan_name)}</a>
                  </td>
                  <td>{r.ketua ? r.ketua.person_name : <span class="tag tag--red">{t('heads.vacant')}</span>}</td>
                  <td>{r.ketua?.end_date ?? ''}</td>
                  <td>
                    {!r.ketua || !o.pact.current
                      ? ''
                      : s
                        ? t(s.countersigned_at ? 'heads.pact_countersigned' : 'heads.pact_signed')
                        : t('heads.pact_unsigned')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <h2>{t('heads.vacancies')}</h2>
      {o.vacancies.length ? (
        <ul data-testid="vacancies">
          {o.vacancies.map((v) => (
            <li data-testid={`vacancy-${v.code}`}>
              <a href={`/rt-rw/${v.code}`}>{formatRtRwIn(v.code, v.kelurahan_name)}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p data-testid="vacancies">{t('common.none')}</p>
      )}
      <h2>{t('heads.ending_soon')}</h2>
      <TermsTable pc={pc} terms={o.endingSoon} testid="ending-soon" today={o.today} />
    </Layout>
  );
}

export function RegionPage(p: {
  pc: PageCtx;
  d: Terms;
  failure?: FormFailure | undefined;
  form?: 'end';
  values?: Values;
  appoint?: AppointState | undefined;
}) {
  const { pc, d } = p;
  const t = pc.t;
  const v = p.values ?? {};
  const errs = (f: 'end') => (p.form === f ? p.failure?.errors : undefined);
  const manager = may(pc, rtrwPolicy.manage) && !d.region.retired_at;
  const positions = POSITIONS.map((x) => ({ value: x, label: posLabel(pc, x) }));
  return (
    <Layout pc={pc} title={`${d.region.name} — ${t('heads.title')}`}>
      <p>
        <a href="/rt-rw">{t('common.back')}</a>
      </p>
      <h1>{`${d.region.name} (${d.region.code})`}</h1>
      <ErrorSummary
        t={t}
        errors={p.failure?.errors}
        message={p.failure?.message}
        params={p.failure?.params}
        title={stateTitle(p.failure)}
      />
      {p.appoint?.failure ? (
        <ErrorSummary
          t={t}
          errors={p.appoint.failure.errors}
          message={p.appoint.failure.message}
          params={p.appoint.failure.params}
        />
      ) : null}
      <h2>{t('heads.history')}</h2>
      <TermsTable pc={pc} terms={d.terms} testid="terms-history" today={d.today} />
      {manager ? (
        <section>
          <AppointSection pc={pc} code={d.region.code} state={p.appoint} />
          <h2>{t('heads.end_term')}</h2>
          <Form pc={pc} action={`/rt-rw/${d.region.code}/akhiri`} testid="end-form">
            <SelectField
              t={t}
              name="position"
              label="heads.f_position"
              value={p.form === 'end' ? v.position : 'ketua'}
              options={positions}
              errors={errs('end')}
            />
            <SelectField
              t={t}
              name="reason"
              label="heads.f_reason"
              value={p.form === 'end' ? v.reason : 'selesai'}
              options={MANUAL_END_REASONS.map((r) => ({ value: r, label: reasonLabel(pc, r) }))}
              errors={errs('end')}
            />
            <Submit label={t('heads.end_term')} variant="danger" testid="end-submit" />
          </Form>
        </section>
      ) : null}
    </Layout>
  );
}

function PactPage(p: { pc: PageCtx; pact: Pact; failure?: FormFailure | undefined; values?: Values }) {
  const { pc, pact } = p;
  const t = pc.t;
  const cur = pact.current;
  const head = may(pc, rtrwPolicy.sign);
  const mine = head ? pact.signatures[0] : undefined;
  return (
    <Layout pc={pc} title={t('heads.pact_title')}>
      <h1>{t('heads.pact_title')}</h1>
      <ErrorSummary
        t={t}
        errors={p.failure?.errors}
        message={p.failure?.message}
        params={p.failure?.params}
        title={stateTitle(p.failure)}
      />
      {cur ? (
        <article data-testid="pact-text">
          <h2>{`${cur.title} — ${t('heads.pact_version', { version: cur.version })}`}</h2>
          <div class="pact-body" style="white-space: pre-line">
            {cur.body}
          </div>
        </article>
      ) : (
        <p data-testid="pact-text">{t('heads.pact_none')}</p>
      )}
      {head && cur ? (
        mine ? (
          <div class="notice notice--success" data-testid="pact-signed">
            {t('heads.signed_on')}{' '}
            <a href={`/rt-rw/pakta/${mine.id}.pdf`} data-testid="pact-pdf">
              {t('heads.print')}
            </a>
          </div>
        ) : pact.unsigned.length ? (
          <Form pc={pc} action="/rt-rw/pakta/tandatangan" testid="sign-form">
            <p class="hint">{t('heads.sign_hint')}</p>
            <Submit label={t('heads.sign')} testid="pact-sign" />
          </Form>
        ) : (
          <p>{t('heads.no_term_mine')}</p>
        )
      ) : null}
      {!head && cur ? (
        <>
          <h2>{t('heads.countersign_list')}</h2>
          <ul data-testid="countersign-list">
            {pact.signatures.map((s) => (
              <li data-testid={`signature-${s.id}`}>
                {`${s.signer_name} (${formatRtRwIn(s.region_code, s.kelurahan_name)}) `}
                <a href={`/rt-rw/pakta/${s.id}.pdf`} data-testid={`pact-pdf-${s.id}`}>
                  {t('heads.print')}
                </a>{' '}
                {s.countersigned_at ? (
                  <span class="tag tag--green">{t('heads.pact_countersigned')}</span>
                ) : may(pc, rtrwPolicy.countersign) ? (
                  <Form
                    pc={pc}
                    action={`/rt-rw/pakta/${s.id}/kontrasign`}
                    testid={`countersign-${s.id}`}
                    class="inline-form"
                  >
                    <Submit label={t('heads.countersign')} testid={`pact-countersign-${s.id}`} />
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
          <h2>{t('heads.unsigned_list')}</h2>
          <ul data-testid="unsigned-list">
            {pact.unsigned.map((u) => (
              <li>{`${u.person_name} (${formatRtRwIn(u.region_code, u.kelurahan_name)})`}</li>
            ))}
          </ul>
        </>
      ) : null}
      {may(pc, rtrwPolicy.publish) && pc.user ? (
        <section>
          <h2>{t('heads.publish')}</h2>
          {cur ? null : <p class="hint">{t('heads.publish_default_hint')}</p>}
          <Form pc={pc} action={`/rt-rw/pakta/terbitkan/${cityOf(pc.user.regionCode)}`} testid="publish-form">
            <TextField
              t={t}
              name="title"
              label="heads.f_title"
              value={p.values?.title ?? cur?.title ?? defaultPact().title}
              maxLength={200}
              errors={p.failure?.errors}
            />
            <TextArea
              t={t}
              name="body"
              label="heads.f_body"
              value={p.values?.body ?? cur?.body ?? defaultPact().body}
              rows={12}
              maxLength={20000}
              errors={p.failure?.errors}
            />
            <Submit label={t('heads.publish')} testid="publish-submit" />
          </Form>
        </section>
      ) : null}
    </Layout>
  );
}

function VerifyPage(p: { pc: PageCtx; code: string; v: ReturnType<typeof presentPactVerification> | null }) {
  const { t } = p.pc;
  const v = p.v;
  return (
    <Layout pc={p.pc} title={t(v ? 'heads.verify_title' : 'heads.not_found_title')}>
      <h1>{t(v ? 'heads.verify_title' : 'heads.not_found_title')}</h1>
      <p>
        <strong class={`tag verify-status ${v?.authentic ? 'tag--green' : 'tag--red'}`} data-testid="verify-status">
          {t(v?.authentic ? 'heads.status_authentic' : 'heads.status_invalid')}
        </strong>
      </p>
      <p data-testid="verify-message">
        {t(!v ? 'heads.not_found_hint' : v.authentic ? 'heads.authentic_hint' : 'heads.invalid_hint')}
      </p>
      {v?.authentic ? (
        <dl class="summary-list" data-testid="verify-details">
          <div>
            <dt>{t('heads.f_signer')}</dt>
            <dd>{v.name}</dd>
          </div>
          <div>
            <dt>{t('heads.f_region')}</dt>
            <dd>{v.region}</dd>
          </div>
          <div>
            <dt>{t('heads.f_version')}</dt>
            <dd>{v.version}</dd>
          </div>
          <div>
            <dt>{t('heads.f_signed_at')}</dt>
            <dd>{v.signedAt ? formatTime(v.signedAt, p.pc) : ''}</dd>
          </div>
          <div>
            <dt>{t('heads.f_countersigner')}</dt>
            <dd>{`${v.countersigner}, ${v.countersignedAt ? formatTime(v.countersignedAt, p.pc) : ''}`}</dd>
          </div>
        </dl>
      ) : null}
      <p>{t('heads.code', { code: p.code })}</p>
    </Layout>
  );
}

/** Out-of-shape path parameters are answered like unknown ones. */
export function paramsOk(req: FastifyRequest) {
  const e = req.validationError as { validationContext?: string } | undefined | null;
  if (e?.validationContext === 'params') throw notFound();
}

export function registerRtRwPages(
  app: App,
  s: Services,
  _config: Config,
  throttle: (req: FastifyRequest) => Promise<void>,
) {
  app.get('/rt-rw', { config: { access: rtrwPolicy.view } }, async (req, reply) =>
    sendPage(reply, <OverviewPage pc={pageCtx(req, reply)} o={await s.rtrw.overview(req.ctx())} />),
  );
  app.get('/rt-rw/pakta', { config: { access: rtrwPolicy.view } }, async (req, reply) =>
    sendPage(reply, <PactPage pc={pageCtx(req, reply)} pact={await s.rtrw.pactStatus(req.ctx())} />),
  );
  app.get('/rt-rw/:code', { config: { access: rtrwPolicy.view }, schema: { params: CodeParam } }, async (req, reply) =>
    sendPage(reply, <RegionPage pc={pageCtx(req, reply)} d={await s.rtrw.regionTerms(req.ctx(), req.params.code)} />),
  );

  const regionForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    code: string,
    form: 'end',
    values: Values,
    run: () => Promise<unknown>,
  ) => {
    paramsOk(req);
    const d = await s.rtrw.regionTerms(req.ctx(), code); // 404 outside scope before anything else
    return handleForm(req, reply, {
      render: (failure) => <RegionPage pc={pageCtx(req, reply)} d={d} failure={failure} form={form} values={values} />,
      run,
      done: () => redirectWithFlash(reply, `/rt-rw/${code}`, 'flash.saved'),
    });
  };
  app.post(
    '/rt-rw/:code/akhiri',
    { config: { access: rtrwPolicy.manage }, attachValidation: true, schema: { params: CodeParam, body: EndBody } },
    async (req, reply) =>
      regionForm(req, reply, req.params.code, 'end', { position: req.body?.position, reason: req.body?.reason }, () =>
        s.rtrw.endTerm(req.ctx(), req.params.code, req.body.position, req.body.reason),
      ),
  );

  const pactForm = async (req: FastifyRequest, reply: FastifyReply, values: Values, run: () => Promise<unknown>) => {
    paramsOk(req);
    const pact = await s.rtrw.pactStatus(req.ctx());
    return handleForm(req, reply, {
      render: (failure) => <PactPage pc={pageCtx(req, reply)} pact={pact} failure={failure} values={values} />,
      run,
      done: () => redirectWithFlash(reply, '/rt-rw/pakta', 'flash.saved'),
    });
  };
  app.post('/rt-rw/pakta/tandatangan', { config: { access: rtrwPolicy.sign } }, async (req, reply) =>
    pactForm(req, reply, {}, () => s.rtrw.signPact(req.ctx())),
  );
  app.post(
    '/rt-rw/pakta/:id/kontrasign',
    { config: { access: rtrwPolicy.countersign }, attachValidation: true, schema: { params: IdParam } },
    async (req, reply) => pactForm(req, reply, {}, () => s.rtrw.countersign(req.ctx(), req.params.id)),
  );
  app.post(
    '/rt-rw/pakta/terbitkan/:code',
    {
      config: { access: rtrwPolicy.publish },
      attachValidation: true,
      schema: { params: CityParam, body: PublishBody },
    },
    async (req, reply) =>
      pactForm(req, reply, { title: req.body?.title, body: req.body?.body }, () =>
        s.rtrw.publishPact(req.ctx(), req.params.code, req.body),
      ),
  );

  app.get(
    '/v/pakta/:code',
    { config: { access: 'public' }, attachValidation: true, schema: { params: VerifyCodeParam } },
    async (req, reply) => {
      await throttle(req);
      const code = String((req.params as { code?: unknown }).code ?? '').slice(0, 32);
      const v = req.validationError ? null : await s.rtrw.verifyPact(req.params.code);
      reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
      return sendPage(
        reply,
        <VerifyPage pc={pageCtx(req, reply)} code={code} v={v ? presentPactVerification(v) : null} />,
        v ? 200 : 404,
      );
    },
  );
}
