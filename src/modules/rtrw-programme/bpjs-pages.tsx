// BPJS Ketenagakerjaan pages under /program-rtrw/bpjs: the monthly list the
// city pays (with its export), a chart of who is enrolled, the enrolment form;
// and the claims page where a claim is reported and then moved on
// (dilaporkan → diproses → dibayar / ditolak), each move kept with its note.
// Plain forms: they work without JavaScript.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { handleForm, type FormFailure } from '../../http/forms.js';
import { IdParam, type App } from '../../http/types.js';
import { notFound } from '../../lib/errors.js';
import { BarChart } from '../../ui/charts.js';
import { Form, SelectField, Submit, TextArea, TextField } from '../../ui/forms.js';
import { formatTime } from '../../ui/format.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { BASE, exportFormat, isManager, ListHead, ListPage, SheetTable, type Values } from './page-parts.js';
import { programmePolicy } from './policy.js';
import { ClaimFile } from './claims-file.js';
import { bpjsSheet, regionOf, sendSheet } from './present.js';
import type { Head } from './repo.js';
import { ClaimForm, ClaimStatusForm, EnrolmentForm, ListQuery } from './schema.js';

type Claims = Awaited<ReturnType<Services['programme']['claimsList']>>;
type Claim = Awaited<ReturnType<Services['programme']['claim']>>;
const headOptions = (heads: Head[]) =>
  heads.map((h) => ({ value: String(h.id), label: `${h.full_name} · ${regionOf(h)}` }));
const claimStatus = (pc: PageCtx, s: string) => pc.t(`prog.claim_status.${s}` as 'prog.claim_status.dilaporkan');
/** The `under` a form posted back (hidden field), if it is a region code; else the caller's own region. */
const underOf = (b: Values) => (/^\d{2}(\.\d{2,4}){0,5}$/.test(b.under ?? '') ? b.under : undefined);

export function registerBpjsPages(app: App, s: Services) {
  const P = s.programme;

  // ── The monthly list, the enrolment chart and form ──
  const bpjsPage = async (req: FastifyRequest, reply: FastifyReply, under: string | undefined) => {
    const r = await P.bpjsMonthly(req.ctx(), under);
    const pc = pageCtx(req, reply);
    const t = pc.t;
    const sheet = bpjsSheet(req.t, r, req.timeZone);
    return {
      sheet,
      page: (failure?: FormFailure, v: Values = {}) => (
        <ListPage pc={pc} title="prog.bpjs_monthly" failure={failure}>
          <p>
            <a href={`${BASE}/bpjs/klaim${under ? `?under=${under}` : ''}`} data-testid="claims-link">
              {t('prog.claims_link')}
            </a>
          </p>
          <ListHead pc={pc} path={`${BASE}/bpjs`} query={{ under }} />
          {r.heads.length ? (
            <BarChart
              t={t}
              title={t('prog.chart_enrolment')}
              bars={[
                { label: t('prog.status.aktif'), value: r.counts.aktif },
                { label: t('prog.status.nonaktif'), value: r.counts.nonaktif },
                { label: t('prog.not_enrolled_short'), value: r.counts.none },
              ]}
              testid="chart-enrolment"
            />
          ) : null}
          <SheetTable pc={pc} sheet={sheet} testid="bpjs-table" />
          {isManager(pc) && r.heads.length ? (
            <section>
              <h2>{t('prog.enrol')}</h2>
              <p class="hint">{t('prog.enrol_hint')}</p>
              <Form pc={pc} action={`${BASE}/bpjs/kepesertaan`} testid="enrol-form">
                <input type="hidden" name="under" value={under ?? ''} />
                <SelectField
                  t={t}
                  name="userId"
                  label="prog.name"
                  value={v.userId}
                  options={headOptions(r.heads)}
                  errors={failure?.errors}
                />
                <TextField
                  t={t}
                  name="membershipNumber"
                  label="prog.membership_number"
                  value={v.membershipNumber}
                  maxLength={30}
                  errors={failure?.errors}
                />
                <TextField
                  t={t}
                  name="startDate"
                  label="prog.start_date"
                  type="date"
                  value={v.startDate}
                  errors={failure?.errors}
                />
                <SelectField
                  t={t}
                  name="paidByCity"
                  label="prog.paid_by_city"
                  value={v.paidByCity ?? 'true'}
                  options={[
                    { value: 'true', label: t('prog.yes') },
                    { value: 'false', label: t('prog.no') },
                  ]}
                  errors={failure?.errors}
                />
                <TextField
                  t={t}
                  name="monthlyContribution"
                  label="prog.contribution"
                  inputmode="numeric"
                  value={v.monthlyContribution}
                  maxLength={9}
                  errors={failure?.errors}
                />
                <SelectField
                  t={t}
                  name="status"
                  label="prog.status"
                  value={v.status ?? 'aktif'}
                  options={[
                    { value: 'aktif', label: t('prog.status.aktif') },
                    { value: 'nonaktif', label: t('prog.status.nonaktif') },
                  ]}
                  errors={failure?.errors}
                />
                <Submit label={t('prog.save')} testid="enrol-submit" />
              </Form>
            </section>
          ) : null}
        </ListPage>
      ),
    };
  };
  app.get(
    `${BASE}/bpjs`,
    { config: { access: programmePolicy.view }, schema: { querystring: ListQuery } },
    async (req, reply) => {
      const r = await bpjsPage(req, reply, req.query.under);
      const f = exportFormat(req.query.format);
      if (f) return sendSheet(reply, r.sheet, f, 'iuran-bpjs');
      return sendPage(reply, r.page());
    },
  );
  app.post(
    `${BASE}/bpjs/kepesertaan`,
    { config: { access: programmePolicy.manage }, attachValidation: true, schema: { body: EnrolmentForm } },
    async (req, reply) => {
      const b = (req.body ?? {}) as Values;
      const view = (await bpjsPage(req, reply, underOf(b))).page;
      return handleForm(req, reply, {
        render: (failure) => view(failure, b),
        run: () =>
          P.enrol(req.ctx(), Number(req.body.userId), {
            membershipNumber: req.body.membershipNumber,
            startDate: req.body.startDate,
            paidByCity: req.body.paidByCity === 'true',
            monthlyContribution: Number(req.body.monthlyContribution),
            status: req.body.status,
          }),
        done: () => redirectWithFlash(reply, `${BASE}/bpjs${underOf(b) ? `?under=${underOf(b)}` : ''}`, 'flash.saved'),
      });
    },
  );

  // ── Claims: the list with the report form, and one claim's page with its history and the status form ──
  const claimsPage = async (req: FastifyRequest, reply: FastifyReply, under: string | undefined) => {
    const r = await P.claimsList(req.ctx(), under);
    const pc = pageCtx(req, reply);
    return (failure?: FormFailure, v: Values = {}) => (
      <ClaimsPage pc={pc} r={r} under={under} failure={failure} values={v} />
    );
  };
  const claimPage = async (req: FastifyRequest, reply: FastifyReply, id: number) => {
    if (!Number.isSafeInteger(id)) throw notFound(); // a form post's params are not checked before the handler
    const c = await P.claim(req.ctx(), id);
    const pc = pageCtx(req, reply);
    return (failure?: FormFailure, v: Values = {}) => renderClaimPage(pc, c, failure, v);
  };
  app.get(
    `${BASE}/bpjs/klaim`,
    { config: { access: programmePolicy.view }, schema: { querystring: ListQuery } },
    async (req, reply) => sendPage(reply, (await claimsPage(req, reply, req.query.under))()),
  );
  app.post(
    `${BASE}/bpjs/klaim`,
    { config: { access: programmePolicy.manage }, attachValidation: true, schema: { body: ClaimForm } },
    async (req, reply) => {
      const b = (req.body ?? {}) as Values;
      const view = await claimsPage(req, reply, underOf(b));
      return handleForm(req, reply, {
        render: (failure) => view(failure, b),
        run: () =>
          P.reportClaim(req.ctx(), Number(req.body.userId), {
            kind: req.body.kind,
            description: req.body.description,
            occurredOn: req.body.occurredOn || undefined,
          }),
        done: (c) => redirectWithFlash(reply, `${BASE}/bpjs/klaim/${c.id}`, 'flash.saved'),
      });
    },
  );
  app.get(
    `${BASE}/bpjs/klaim/:id`,
    { config: { access: programmePolicy.view }, schema: { params: IdParam } },
    async (req, reply) => sendPage(reply, (await claimPage(req, reply, req.params.id))()),
  );
  app.post(
    `${BASE}/bpjs/klaim/:id/status`,
    {
      config: { access: programmePolicy.manage },
      attachValidation: true,
      schema: { params: IdParam, body: ClaimStatusForm },
    },
    async (req, reply) => {
      const id = req.params?.id;
      const view = await claimPage(req, reply, id); // 404 outside the scope before anything else
      const b = (req.body ?? {}) as Values;
      return handleForm(req, reply, {
        render: (failure) => view(failure, b),
        run: () =>
          P.updateClaim(req.ctx(), id, {
            status: req.body.status,
            note: req.body.note,
            effectiveOn: req.body.effectiveOn || undefined,
          }),
        done: () => redirectWithFlash(reply, `${BASE}/bpjs/klaim/${id}`, 'flash.saved'),
      });
    },
  );
}

function ClaimsPage(p: {
  pc: PageCtx;
  r: Claims;
  under: string | undefined;
  failure?: FormFailure | undefined;
  values: Values;
}) {
  const { pc, r } = p;
  const t = pc.t;
  const v = p.values;
  const errors = p.failure?.errors;
  return (
    <ListPage pc={pc} title="prog.claims_title" failure={p.failure}>
      <p>
        <a href={`${BASE}/bpjs`}>{t('prog.bpjs_monthly')}</a>
      </p>
      {r.rows.length ? (
        <ul class="link-list" data-testid="claims">
          {r.rows.map((x) => (
            <li data-testid={`claim-${x.claim.id}`}>
              <a href={`${BASE}/bpjs/klaim/${x.claim.id}`}>{`${x.claim.full_name} · ${regionOf(x.claim)}`}</a>
              {` · ${t(`prog.claim.${x.claim.kind}`)} · ${x.claim.occurred_on ?? formatTime(x.claim.reported_at, pc, 'short')} · `}
              <span class="tag">{claimStatus(pc, x.claim.status)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p data-testid="claims">{t('prog.none')}</p>
      )}
      {isManager(pc) && r.heads.length ? (
        <section>
          <h2>{t('prog.claim_report')}</h2>
          <Form pc={pc} action={`${BASE}/bpjs/klaim`} testid="claim-form">
            <input type="hidden" name="under" value={p.under ?? ''} />
            <SelectField
              t={t}
              name="userId"
              label="prog.name"
              value={v.userId}
              options={headOptions(r.heads)}
              errors={errors}
            />
            <SelectField
              t={t}
              name="kind"
              label="prog.claim_kind"
              value={v.kind}
              options={[
                { value: 'kecelakaan', label: t('prog.claim.kecelakaan') },
                { value: 'kematian', label: t('prog.claim.kematian') },
              ]}
              errors={errors}
            />
            <TextField
              t={t}
              name="occurredOn"
              label="prog.occurred_on"
              type="date"
              value={v.occurredOn}
              optional
              errors={errors}
            />
            <TextArea
              t={t}
              name="description"
              label="prog.description"
              value={v.description}
              rows={3}
              maxLength={2000}
              errors={errors}
            />
            <Submit label={t('prog.claim_report')} testid="claim-report-submit" />
          </Form>
        </section>
      ) : null}
    </ListPage>
  );
}

function ClaimPage(p: { pc: PageCtx; c: Claim; failure?: FormFailure | undefined; values: Values }) {
  const { pc, c } = p;
  const t = pc.t;
  const x = c.claim;
  const errors = p.failure?.errors;
  return (
    <ListPage pc={pc} title="prog.claims_title" failure={p.failure}>
      <p>
        <a href={`${BASE}/bpjs/klaim`}>{t('prog.claims_title')}</a>
      </p>
      <h2>{`${x.full_name} · ${regionOf(x)}`}</h2>
      <p>
        {`${t(`prog.claim.${x.kind}`)} · ${t('prog.occurred_on')}: ${x.occurred_on ?? '–'} · `}
        <span class="tag" data-testid="claim-status">
          {claimStatus(pc, x.status)}
        </span>
      </p>
      <p style="white-space: pre-line">{x.description}</p>
      <h3>{t('prog.claim_history')}</h3>
      <ol data-testid="claim-history">
        <li>{`${formatTime(x.reported_at, pc, 'short')}: ${claimStatus(pc, 'dilaporkan')}`}</li>
        {c.events.map((e) => (
          <li>
            {t('prog.claim_event', {
              on: e.effective_on,
              to: claimStatus(pc, e.to_status),
              by: e.recorded_by_name,
              note: e.note || '–',
            })}
          </li>
        ))}
      </ol>
      <ClaimFile pc={pc} c={c} failure={p.failure} values={p.values} />
      {isManager(pc) && c.next.length ? (
        <Form pc={pc} action={`${BASE}/bpjs/klaim/${x.id}/status`} testid="claim-status-form">
          <SelectField
            t={t}
            name="status"
            label="prog.claim_new_status"
            value={p.values.status}
            options={c.next.map((st) => ({ value: st, label: claimStatus(pc, st) }))}
            errors={errors}
          />
          <TextField
            t={t}
            name="effectiveOn"
            label="prog.effective_on"
            type="date"
            value={p.values.effectiveOn}
            hint="prog.effective_hint"
            optional
            errors={errors}
          />
          <TextArea
            t={t}
            name="note"
            label="prog.claim_note"
            value={p.values.note}
            rows={2}
            maxLength={1000}
            hint="prog.claim_note_hint"
            optional
            errors={errors}
          />
          <Submit label={t('prog.claim_update')} testid="claim-status-submit" />
        </Form>
      ) : null}
    </ListPage>
  );
}

/** The claim's page (the claim-file routes re-render it with their messages). */
export const renderClaimPage = (pc: PageCtx, c: Claim, failure?: FormFailure, values: Values = {}) => (
  <ClaimPage pc={pc} c={c} failure={failure} values={values} />
);
