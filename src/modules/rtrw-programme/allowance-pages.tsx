// Honorarium pages under /program-rtrw/honor: the payment list of a period
// (marked paid once, exported), a chart of paid against due, the rates in
// force, and for the city admin the form that sets a rate per role.
import { TableWrap } from '../../ui/lists.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { handleForm, type FormFailure } from '../../http/forms.js';
import type { App } from '../../http/types.js';
import { ProgressChart } from '../../ui/charts.js';
import { Form, SelectField, Submit, TextField } from '../../ui/forms.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { BASE, exportFormat, isManager, ListHead, ListPage, qs, SheetTable, type Values } from './page-parts.js';
import { programmePolicy } from './policy.js';
import { allowanceSheet, sendSheet } from './present.js';
import { PERIOD_RE, type Rate } from './rules.js';
import { PaymentForm, PeriodQuery, RateForm } from './schema.js';

const rupiah = (n: number) => `Rp ${n.toLocaleString('id-ID')}`;
const roleLabel = (pc: PageCtx, r: string) => pc.t(r === 'ketua_rw' ? 'role.ketua_rw' : 'role.ketua_rt');

/** The rates in force (region, role, amount, period, from) and, for who may set them, the form. */
function Rates(p: { pc: PageCtx; rates: Rate[]; failure?: FormFailure | undefined; values: Values }) {
  const { pc } = p;
  const t = pc.t;
  const canSet = !!pc.user && programmePolicy.setRates.includes(pc.user.role);
  return (
    <section>
      <h2>{t('prog.rates')}</h2>
      {p.rates.length ? (
        <TableWrap label={t('prog.rates')}>
          <table class="table" data-testid="rates-table">
            <thead>
              <tr>
                <th>{t('prog.region')}</th>
                <th>{t('prog.role')}</th>
                <th class="num">{t('prog.amount')}</th>
                <th>{t('prog.rate_period')}</th>
                <th>{t('prog.valid_from')}</th>
              </tr>
            </thead>
            <tbody>
              {p.rates.map((r) => (
                <tr>
                  <td>{r.region_code}</td>
                  <td>{roleLabel(pc, r.role)}</td>
                  <td class="num">{rupiah(r.amount)}</td>
                  <td>{t(`prog.rate.${r.period}`)}</td>
                  <td>{r.valid_from}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p data-testid="rates-table">{t('prog.none')}</p>
      )}
      {canSet ? (
        <>
          <h3>{t('prog.rate_new')}</h3>
          <Form pc={pc} action={`${BASE}/honor/tarif`} testid="rate-form">
            <TextField
              t={t}
              name="regionCode"
              label="prog.rate_region"
              value={p.values.regionCode ?? pc.user?.regionCode}
              maxLength={30}
              hint="prog.rate_region_hint"
              errors={p.failure?.errors}
            />
            <SelectField
              t={t}
              name="role"
              label="prog.role"
              value={p.values.role}
              options={['ketua_rt', 'ketua_rw'].map((r) => ({ value: r, label: roleLabel(pc, r) }))}
              errors={p.failure?.errors}
            />
            <TextField
              t={t}
              name="amount"
              label="prog.amount"
              inputmode="numeric"
              value={p.values.amount}
              maxLength={10}
              errors={p.failure?.errors}
            />
            <SelectField
              t={t}
              name="period"
              label="prog.rate_period"
              value={p.values.period}
              options={(['bulanan', 'triwulan'] as const).map((x) => ({ value: x, label: t(`prog.rate.${x}`) }))}
              errors={p.failure?.errors}
            />
            <TextField
              t={t}
              name="validFrom"
              label="prog.valid_from"
              type="date"
              value={p.values.validFrom}
              errors={p.failure?.errors}
            />
            <Submit label={t('prog.save')} testid="rate-submit" />
          </Form>
        </>
      ) : null}
    </section>
  );
}

export function registerAllowancePages(app: App, s: Services) {
  const P = s.programme;
  const payPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    q: { under?: string | undefined; period?: string | undefined },
  ) => {
    const period = q.period ?? P.currentMonth();
    const [r, rates] = await Promise.all([P.payList(req.ctx(), period, q.under), P.rates(req.ctx(), q.under)]);
    const pc = pageCtx(req, reply);
    const t = pc.t;
    const sheet = allowanceSheet(req.t, r, req.timeZone);
    const actions = isManager(pc)
      ? (i: number) => {
          const row = r.rows[i]!;
          const identity = (
            <a href={`${BASE}/identitas/${row.head.id}`} data-testid={`identity-${row.head.id}`}>
              {pc.t('money.identity_link')}
            </a>
          );
          return row.paymentId ? (
            <>
              <a href={`${BASE}/honor/pembayaran/${row.paymentId}`} data-testid={`payment-${row.head.id}`}>
                {pc.t('money.payment_open')}
              </a>{' '}
              {identity}
            </>
          ) : (
            <>
              <Form pc={pc} action={`${BASE}/honor/bayar`} class="inline-form">
                <input type="hidden" name="period" value={period} />
                <input type="hidden" name="userId" value={String(row.head.id)} />
                <Submit label={pc.t('prog.mark_paid')} variant="secondary" testid={`pay-${row.head.id}`} />
              </Form>{' '}
              {identity}
            </>
          );
        }
      : undefined;
    return {
      sheet,
      period,
      page: (failure?: FormFailure, v: Values = {}) => (
        <ListPage pc={pc} title="prog.allowance_list" failure={failure}>
          <ListHead
            pc={pc}
            path={`${BASE}/honor`}
            query={{ under: q.under, period }}
            extra={{ name: 'period', label: 'prog.period', value: period }}
          />
          {r.rows.length ? (
            <ProgressChart
              t={t}
              title={t('prog.chart_paid', { period })}
              rows={[
                { label: t('prog.paid_heads'), done: r.rows.filter((x) => x.paidAt).length, total: r.rows.length },
                { label: t('prog.paid_amount'), done: r.totalPaid, total: r.total, text: rupiah(r.totalPaid) },
              ]}
              testid="chart-paid"
            />
          ) : null}
          <SheetTable pc={pc} sheet={sheet} testid="allowance-table" actions={actions} />
          <p class="hint">{t('money.payment_list_hint')}</p>
          <p data-testid="payment-list-links">
            <a href={`${BASE}/honor/daftar-bayar?${qs({ under: q.under, period, format: 'csv' })}`}>
              {t('money.payment_list_csv')}
            </a>
            {' · '}
            <a href={`${BASE}/honor/daftar-bayar?${qs({ under: q.under, period, format: 'xlsx' })}`}>
              {t('money.payment_list_xlsx')}
            </a>
          </p>
          <Rates pc={pc} rates={rates} failure={failure} values={v} />
        </ListPage>
      ),
    };
  };
  app.get(
    `${BASE}/honor`,
    { config: { access: programmePolicy.view }, schema: { querystring: PeriodQuery } },
    async (req, reply) => {
      const r = await payPage(req, reply, req.query);
      const f = exportFormat(req.query.format);
      if (f) return sendSheet(reply, r.sheet, f, `honor-${r.period}`);
      return sendPage(reply, r.page());
    },
  );
  app.post(
    `${BASE}/honor/bayar`,
    { config: { access: programmePolicy.manage }, attachValidation: true, schema: { body: PaymentForm } },
    async (req, reply) => {
      const b = (req.body ?? {}) as Values;
      const view = (await payPage(req, reply, { period: PERIOD_RE.test(b.period ?? '') ? b.period : undefined })).page;
      return handleForm(req, reply, {
        render: (failure) => view(failure),
        run: () => P.markPaid(req.ctx(), req.body.period, Number(req.body.userId)),
        done: () => redirectWithFlash(reply, `${BASE}/honor?period=${req.body.period}`, 'flash.saved'),
      });
    },
  );
  app.post(
    `${BASE}/honor/tarif`,
    { config: { access: programmePolicy.setRates }, attachValidation: true, schema: { body: RateForm } },
    async (req, reply) => {
      const b = (req.body ?? {}) as Values;
      const view = (await payPage(req, reply, {})).page;
      return handleForm(req, reply, {
        render: (failure) => view(failure, b),
        run: () => P.setRate(req.ctx(), { ...req.body, amount: Number(req.body.amount) }),
        done: () => redirectWithFlash(reply, `${BASE}/honor`, 'flash.saved'),
      });
    },
  );
}
