// The home page each person lands on: for every approver (RT/RW heads,
// kelurahan and kecamatan officials) the requests waiting for them, late
// ones first; then the figures of their region, named (never a raw code);
// an RT head also sees their neighbours; a citizen goes to their own requests.
import { addMenu } from '../../kernel/menu.js';
import type { App } from '../../http/types.js';
import type { Translate } from '../../i18n/index.js';
import type { Ctx } from '../../kernel/context.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { formatRtRw } from '../../kernel/regions.js';
import { ApproverQueue, loadQueue } from '../service-requests/ui.js';
import { loadProgrammeStatus, ProgrammeStatus } from './programme-status.js';
import { CalendarWarnings } from '../employees/ui.js';

const APPROVERS = ['ketua_rt', 'ketua_rw', 'staf_kelurahan', 'lurah', 'staf_kecamatan', 'camat'];

/** "RT 001 / RW 002, Kelurahan Ketapang", "Kelurahan Ketapang, Kecamatan Kademangan", "Kota Probolinggo". */
async function regionLabel(s: Services, ctx: Ctx, t: Translate, code: string): Promise<string> {
  const found = await s.regions.get(ctx, code).catch(() => null);
  if (!found) return formatRtRw(code) ?? code;
  const chain = [...found.ancestors, found.region];
  const named = (level: string, key: 'home.region_kelurahan' | 'home.region_kecamatan') => {
    const r = chain.find((x) => x.level === level);
    return r ? t(key, { name: r.name }) : null;
  };
  const kel = named('kelurahan', 'home.region_kelurahan');
  const kec = named('kecamatan', 'home.region_kecamatan');
  switch (found.region.level) {
    case 'rt':
    case 'rw':
      return [formatRtRw(code), kel].filter(Boolean).join(', ');
    case 'kelurahan':
      return [kel, kec].filter(Boolean).join(', ');
    case 'kecamatan':
      return kec ?? found.region.name;
    default:
      return t('home.region_city', { name: found.region.name });
  }
}

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
    const [counts, list, queue, region, programme, calendar] = await Promise.all([
      s.residents.counts(ctx),
      req.user.role === 'ketua_rt' ? s.residents.search(ctx, { page: 1, status: 'hidup' }) : Promise.resolve(null),
      APPROVERS.includes(req.user.role) ? loadQueue(s, req) : Promise.resolve(null),
      regionLabel(s, ctx, t, req.user.regionCode),
      isHead ? loadProgrammeStatus(s, ctx) : Promise.resolve(null),
      // The city's BKPSDM imports the national calendar: warn while this year or the next has none.
      req.user.role === 'admin_kota' ? s.calendar.warnings(ctx) : Promise.resolve([]),
    ]);
    return sendPage(
      reply,
      <Layout pc={pc} title={t('home.title')}>
        <h1>{t('home.welcome', { name: req.user.fullName })}</h1>
        <p data-testid="home-scope">{t('home.scope', { region })}</p>
        <CalendarWarnings t={t} warnings={calendar} />
        {queue ? (
          <>
            <h2>{t('req.queue.home')}</h2>
            <ApproverQueue pc={pc} rows={queue} next="/" heading="h3" />
          </>
        ) : null}
        {programme ? <ProgrammeStatus pc={pc} status={programme} /> : null}
        <h2>{t('home.counts')}</h2>
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
            <div class="table-wrap" role="region" tabindex={0} aria-label={t('home.rt_residents')}>
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
