// The home page each person lands on: for an RT or RW head, the requests
// waiting for them, then their neighbours; for officials, the figures of
// their region; a citizen goes to their own requests.
import { addMenu } from '../../kernel/menu.js';
import type { App } from '../../http/types.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { formatRtRw } from '../../kernel/regions.js';
import { QueueList } from '../service-requests/ui.js';

export function registerHomePages(app: App, s: Services) {
  addMenu(app, { href: '/', key: 'nav.home', roles: 'all', order: 10 });
  app.get('/', { config: { access: 'public' } }, async (req, reply) => {
    if (!req.user) return reply.redirect('/masuk', 303);
    if (req.user.mustChangePassword) return reply.redirect('/akun/sandi', 303);
    if (req.user.role === 'warga') return reply.redirect('/layanan/saya', 303);
    if (req.user.role === 'pegawai') return reply.redirect('/presensi', 303);
    const pc = pageCtx(req, reply);
    const t = pc.t;
    const ctx = req.ctx();
    const isHead = req.user.role === 'ketua_rt' || req.user.role === 'ketua_rw';
    const [counts, list, queue] = await Promise.all([
      s.residents.counts(ctx),
      req.user.role === 'ketua_rt' ? s.residents.search(ctx, { page: 1, status: 'hidup' }) : Promise.resolve(null),
      isHead ? s.requests.queue(ctx) : Promise.resolve(null),
    ]);
    return sendPage(
      reply,
      <Layout pc={pc} title={t('home.title')}>
        <h1>{t('home.welcome', { name: req.user.fullName })}</h1>
        <p>{t('home.scope', { region: formatRtRw(req.user.regionCode) ?? req.user.regionCode })}</p>
        {queue ? (
          <>
            <h2>{t('req.queue.home')}</h2>
            <QueueList pc={pc} rows={await s.dashboard.clocksOfAll(queue)} next="/" />
          </>
        ) : null}
        <div class="cards">
          <div class="card" data-testid="count-residents">
            <strong>{counts.residents}</strong> {t('home.residents_count')}
          </div>
          <div class="card">
            <strong>{counts.families}</strong> {t('home.families_count')}
          </div>
        </div>
        {list ? (
          <>
            <h2>{t('home.rt_residents')}</h2>
            <div class="table-wrap">
              <table class="table" data-testid="residents-table">
                <thead>
                  <tr>
                    <th>{t('common.name')}</th>
                    <th>{t('f.nik')}</th>
                    <th>{t('f.rt_code')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.rows.map((r) => (
                    <tr data-testid="resident-row">
                      <td>
                        <a href={`/warga/${r.id}`}>{r.full_name}</a>
                      </td>
                      <td>{r.nik_masked}</td>
                      <td>{formatRtRw(r.region_code)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {list.hasMore ? (
              <p>
                <a href="/warga?page=2">{t('common.next')}</a>
              </p>
            ) : null}
          </>
        ) : isHead ? (
          <p>
            <a href="/warga">{t('req.queue.residents_link')}</a>
          </p>
        ) : null}
      </Layout>,
    );
  });
}
