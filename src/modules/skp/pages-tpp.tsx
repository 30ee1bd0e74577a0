// TPP pages (issue 16, item 6): /skp/tpp — a unit's month for the city admin (and heads, read-only): each
// employee's figure with its inputs, setting job classes, closing (locking) the month, and the finance office's
// CSV/XLSX whose SHA-256 is shown and recorded; /skp/tpp/saya — an employee's own figure and how it was made.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormFailure } from '../../http/forms.js';
import type { App } from '../../http/types.js';
import { addMenu } from '../../kernel/menu.js';
import { AppError } from '../../lib/errors.js';
import { ErrorSummary, Form, Submit } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { TableWrap } from '../../ui/lists.js';
import { pageCtx, redirectWithFlash, sendPage } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import type { Translate } from '../../i18n/index.js';
import { skpPolicy as P } from './policy.js';
import type { TppRow } from './tpp-service.js';

interface State {
  failure?: FormFailure;
  status?: number;
}
const rp = (n: number) => `Rp${n.toLocaleString('id-ID')}`;
const monthOf = (raw: unknown, fallback: string) =>
  typeof raw === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(raw) ? raw : fallback;

function sheetOf(t: Translate, month: string, rows: TppRow[]) {
  return {
    title: `TPP ${month}`,
    header: [
      t('skp.col.employee'),
      'NIP',
      t('skp.tpp.kelas'),
      t('skp.tpp.basic'),
      t('skp.tpp.predikat'),
      t('skp.tpp.cut'),
      t('skp.tpp.days'),
      t('skp.tpp.stopped'),
      t('skp.tpp.perf'),
      t('skp.tpp.disc'),
      t('skp.tpp.amount'),
    ],
    rows: rows.map((r) => [
      r.name,
      r.nip,
      r.kelas,
      r.basic,
      r.predikat ? t(`skp.predikat.${r.predikat}`) : '',
      r.cutPercent,
      r.workingDays,
      r.stoppedDays,
      r.performancePart,
      r.disciplinePart,
      r.amount,
    ]),
    total: ['', '', '', '', '', '', '', '', '', '', rows.reduce((n, r) => n + r.amount, 0)],
  };
}

export function registerSkpTppPages(app: App, s: Services) {
  const T = s.skpTpp;
  addMenu(
    app,
    { href: '/skp/tpp', key: 'skp.tpp.nav', roles: P.view, order: 50 },
    { href: '/skp/tpp/saya', key: 'skp.tpp.mine_nav', roles: P.act, order: 51 },
  );
  const thisMonth = () => s.skpLogs.today().slice(0, 7);

  const page = async (req: FastifyRequest, reply: FastifyReply, st: State = {}) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const q = (req.query ?? {}) as { unit?: string; bulan?: string };
    const month = monthOf(q.bulan, thisMonth());
    const units = await s.employees.units(req.ctx());
    const unitId = Number(q.unit) || 0;
    const admin = pc.user!.role === 'admin_kota';
    const r = unitId ? await T.rows(req.ctx(), unitId, month) : null;
    return sendPage(
      reply,
      <Layout pc={pc} title={t('skp.tpp.title')}>
        <h1>{t('skp.tpp.title')}</h1>
        <p>{t('skp.tpp.intro')}</p>
        <ErrorSummary t={t} errors={st.failure?.errors} message={st.failure?.message} params={st.failure?.params} />
        <form method="get" action="/skp/tpp" class="filters">
          <label for="f-unit">{t('skp.col.unit')}</label>{' '}
          <select id="f-unit" name="unit">
            {units.map((u) => (
              <option value={String(u.id)} selected={u.id === unitId}>
                {u.name}
              </option>
            ))}
          </select>{' '}
          <label for="f-bulan">{t('skp.tpp.month')}</label>{' '}
          <input id="f-bulan" name="bulan" type="month" value={month} />{' '}
          <Submit label={t('skp.open')} variant="secondary" />
        </form>
        {r ? (
          <>
            <TableWrap label={t('skp.tpp.title')}>
              <table class="table" data-testid="tpp-table">
                <thead>
                  <tr>
                    <th>{t('skp.col.employee')}</th>
                    <th class="num">{t('skp.tpp.kelas')}</th>
                    <th>{t('skp.tpp.predikat')}</th>
                    <th class="num">{t('skp.tpp.cut')}</th>
                    <th class="num">{t('skp.tpp.amount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.rows.map((x) => (
                    <tr data-testid={`tpp-row-${x.employeeId}`}>
                      <td>
                        {x.name}
                        <br />
                        <span class="muted">{x.locked ? t('skp.tpp.locked') : t('skp.tpp.open_row')}</span>
                      </td>
                      <td class="num">
                        {admin && !x.locked ? (
                          <Form pc={pc} action="/skp/tpp/kelas" class="inline-form">
                            <input type="hidden" name="employeeId" value={String(x.employeeId)} />
                            <input type="hidden" name="back" value={`/skp/tpp?unit=${unitId}&bulan=${month}`} />
                            <label for={`kelas-${x.employeeId}`} class="visually-hidden">
                              {t('skp.tpp.kelas')}
                            </label>
                            <input
                              id={`kelas-${x.employeeId}`}
                              name="kelas"
                              type="number"
                              min="1"
                              max="17"
                              value={x.kelas ? String(x.kelas) : ''}
                            />{' '}
                            <button type="submit" class="button button--secondary">
                              {t('skp.tpp.set_kelas')}
                            </button>
                          </Form>
                        ) : (
                          (x.kelas ?? '—')
                        )}
                      </td>
                      <td>{x.predikat ? t(`skp.predikat.${x.predikat}`) : t('skp.tpp.unrated')}</td>
                      <td class="num">{x.cutPercent.toLocaleString('id-ID')}%</td>
                      <td class="num" data-testid={`tpp-amount-${x.employeeId}`}>
                        {rp(x.amount)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            {admin ? (
              <>
                <Form pc={pc} action="/skp/tpp/kunci" confirm={t('skp.tpp.lock_confirm')} testid="tpp-lock">
                  <input type="hidden" name="unitId" value={String(unitId)} />
                  <input type="hidden" name="month" value={month} />
                  <Submit label={t('skp.tpp.lock')} />
                </Form>
                <p>
                  <a href={`/skp/tpp/ekspor?unit=${unitId}&bulan=${month}&format=csv`}>CSV</a> ·{' '}
                  <a href={`/skp/tpp/ekspor?unit=${unitId}&bulan=${month}&format=xlsx`}>XLSX</a>{' '}
                  <span class="muted">{t('skp.tpp.export_hint')}</span>
                </p>
              </>
            ) : null}
          </>
        ) : null}
      </Layout>,
      st.status ?? 200,
    );
  };

  app.get('/skp/tpp', { config: { access: P.view } }, (req, reply) => page(req, reply));
  app.post('/skp/tpp/kelas', { config: { access: ['admin_kota'] } }, async (req, reply) => {
    const b = (req.body ?? {}) as Record<string, string | undefined>;
    try {
      const kelas = typeof b.kelas === 'string' && /^\d{1,2}$/.test(b.kelas.trim()) ? Number(b.kelas) : NaN;
      const employeeId = typeof b.employeeId === 'string' && /^\d{1,10}$/.test(b.employeeId) ? Number(b.employeeId) : 0;
      await T.setClass(req.ctx(), employeeId, kelas);
    } catch (err) {
      if (err instanceof AppError && err.status === 422)
        return page(req, reply, { failure: { errors: [], message: 'skp.tpp.err.kelas' }, status: 422 });
      throw err;
    }
    const back = typeof b.back === 'string' && /^\/skp\/tpp\?[\w=&-]*$/.test(b.back) ? b.back : '/skp/tpp';
    return redirectWithFlash(reply, back, 'skp.saved_flash');
  });
  app.post('/skp/tpp/kunci', { config: { access: ['admin_kota'] } }, async (req, reply) => {
    const b = (req.body ?? {}) as Record<string, string | undefined>;
    const month = monthOf(b.month, '');
    const unitId = Number(b.unitId) || 0;
    if (!month) return page(req, reply, { failure: { errors: [], message: 'skp.tpp.err.month' }, status: 422 });
    await T.lock(req.ctx(), unitId, month);
    return redirectWithFlash(reply, `/skp/tpp?unit=${unitId}&bulan=${month}`, 'skp.tpp.locked_flash');
  });
  app.get('/skp/tpp/ekspor', { config: { access: ['admin_kota'] } }, async (req, reply) => {
    const q = (req.query ?? {}) as { unit?: string; bulan?: string; format?: string };
    const month = monthOf(q.bulan, '');
    const format = q.format === 'xlsx' ? 'xlsx' : 'csv';
    if (!month) return page(req, reply, { failure: { errors: [], message: 'skp.tpp.err.month' }, status: 422 });
    const { t } = pageCtx(req, reply);
    try {
      const out = await T.export(req.ctx(), Number(q.unit) || 0, month, format, (rows) => sheetOf(t, month, rows));
      reply.header('content-disposition', `attachment; filename="tpp-${month}.${format}"`);
      reply.header('x-content-sha256', out.sha256);
      return reply
        .type(
          format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .send(out.body);
    } catch (err) {
      if (err instanceof AppError && err.status === 409)
        return page(req, reply, { failure: { errors: [], message: err.key }, status: 409 });
      throw err;
    }
  });
  app.get('/skp/tpp/saya', { config: { access: P.act } }, async (req, reply) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const month = monthOf((req.query as { bulan?: string } | undefined)?.bulan, thisMonth());
    const m = await T.mine(req.ctx(), month);
    return sendPage(
      reply,
      <Layout pc={pc} title={t('skp.tpp.mine_title', { month })}>
        <h1>{t('skp.tpp.mine_title', { month })}</h1>
        <dl data-testid="tpp-mine">
          <dt>{t('skp.tpp.kelas')}</dt>
          <dd>{m.kelas ?? t('skp.tpp.no_kelas')}</dd>
          <dt>{t('skp.tpp.basic')}</dt>
          <dd>{rp(m.basic)}</dd>
          <dt>{t('skp.tpp.perf')}</dt>
          <dd>
            {t('skp.tpp.perf_explain', {
              share: m.scheme.performanceShare,
              predikat: m.predikat ? t(`skp.predikat.${m.predikat}`) : t('skp.tpp.unrated'),
              factor: m.result.performanceFactor,
              amount: rp(m.result.performancePart),
            })}
          </dd>
          <dt>{t('skp.tpp.disc')}</dt>
          <dd>
            {t('skp.tpp.disc_explain', {
              share: m.scheme.disciplineShare,
              cut: m.cutPercent.toLocaleString('id-ID'),
              amount: rp(m.result.disciplinePart),
            })}
          </dd>
          <dt>{t('skp.tpp.days')}</dt>
          <dd>{t('skp.tpp.days_explain', { paid: m.result.paidDays, days: m.workingDays })}</dd>
          <dt>{t('skp.tpp.amount')}</dt>
          <dd data-testid="tpp-mine-amount">
            {rp(m.result.amount)} {m.locked ? `(${t('skp.tpp.locked')})` : `(${t('skp.tpp.open_row')})`}
          </dd>
        </dl>
      </Layout>,
    );
  });
}
