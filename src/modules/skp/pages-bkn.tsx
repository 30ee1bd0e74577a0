// The BKN export page (issue 16, item 8): /skp/ekspor-bkn — year, period and unit, then CSV or JSON
// (/skp/ekspor-bkn/unduh), with the SHA-256 of the bytes in X-Content-SHA256. Format: docs/BKN-EXPORT.md.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../http/types.js';
import { addMenu } from '../../kernel/menu.js';
import { AppError } from '../../lib/errors.js';
import { ErrorSummary, Submit } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import type { MessageKey } from '../../i18n/index.js';

type Query = { tahun?: string; periode?: string; unit?: string; format?: string };

export function registerSkpBknPages(app: App, s: Services) {
  addMenu(app, {
    href: '/skp/ekspor-bkn',
    key: 'skp.bkn.nav',
    roles: ['pegawai', 'admin_kota'],
    order: 52,
    when: (req) => s.skp.oversees(req.ctx()),
  });
  const access = ['pegawai', 'admin_kota'] as const;

  const page = async (req: FastifyRequest, reply: FastifyReply, failure?: { message: MessageKey; status: number }) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const q = (req.query ?? {}) as Query;
    const year = /^\d{4}$/.test(q.tahun ?? '') ? Number(q.tahun) : s.skp.yearNow();
    const v = await s.skp.viewer(req.ctx());
    const units = (await s.employees.units(req.ctx())).filter(
      (u) => !!v.cityPrefix || v.headOf.some((h) => u.path === h || u.path.startsWith(h + '/')),
    );
    const period = typeof q.periode === 'string' && /^\d{4}(-\d{2})?$/.test(q.periode) ? q.periode : String(year);
    return sendPage(
      reply,
      <Layout pc={pc} title={t('skp.bkn.title')}>
        <h1>{t('skp.bkn.title')}</h1>
        <p>{t('skp.bkn.intro')}</p>
        <p class="notice notice--warning">{t('skp.bkn.unconfirmed')}</p>
        <ErrorSummary t={t} errors={[]} message={failure?.message} />
        <form method="get" action="/skp/ekspor-bkn/unduh" class="stack" data-testid="bkn-form">
          <div class="form-group">
            <label for="f-tahun">{t('skp.year')}</label>
            <input id="f-tahun" name="tahun" type="number" min="2000" max="2999" value={String(year)} />
          </div>
          <div class="form-group">
            <label for="f-periode">{t('skp.bkn.period')}</label>
            <div class="hint">{t('skp.bkn.period_hint')}</div>
            <input id="f-periode" name="periode" type="text" maxlength={7} value={period} />
          </div>
          {units.length ? (
            <div class="form-group">
              <label for="f-unit">
                {t('skp.col.unit')} {t('common.optional')}
              </label>
              <select id="f-unit" name="unit">
                <option value="">{t('skp.bkn.all_units')}</option>
                {units.map((u) => (
                  <option value={String(u.id)}>{u.name}</option>
                ))}
              </select>
            </div>
          ) : null}
          <div class="form-group">
            <label for="f-format">{t('skp.bkn.format')}</label>
            <select id="f-format" name="format">
              <option value="csv">CSV</option>
              <option value="json">JSON</option>
            </select>
          </div>
          <Submit label={t('skp.bkn.download')} testid="bkn-download" />
        </form>
      </Layout>,
      failure?.status ?? 200,
    );
  };

  app.get('/skp/ekspor-bkn', { config: { access } }, (req, reply) => page(req, reply));
  app.get('/skp/ekspor-bkn/unduh', { config: { access } }, async (req, reply) => {
    const q = (req.query ?? {}) as Query;
    const format = q.format === 'json' ? 'json' : 'csv';
    try {
      const out = await s.skpBkn.export(req.ctx(), {
        year: /^\d{4}$/.test(q.tahun ?? '') ? Number(q.tahun) : 0,
        period: typeof q.periode === 'string' ? q.periode.slice(0, 7) : undefined,
        unitId: /^\d{1,10}$/.test(q.unit ?? '') ? Number(q.unit) : undefined,
        format,
      });
      return reply
        .header('content-disposition', `attachment; filename="skp-bkn-${out.period}.${format}"`)
        .header('x-content-sha256', out.sha256)
        .header('cache-control', 'private, no-store')
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
        .send(out.body);
    } catch (err) {
      if (err instanceof AppError && err.status === 422) {
        const f = err.fields[0];
        return page(req, reply, { message: (f?.key ?? err.key) as MessageKey, status: 422 });
      }
      throw err;
    }
  });
}
