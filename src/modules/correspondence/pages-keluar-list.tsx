// /surat/keluar/daftar: the naskah keluar the person may see — their units' outgoing letters, and those routed or
// copied (tembusan) to them — newest first, under the one access rule (service.ts listKeluar). The queues of
// /surat/keluar are a person's work; this is the register a head, a TU desk or the city admin reads.
import { type App } from '../../http/types.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { NaskahTable } from './page-parts.js';
import { correspondencePolicy as P } from './policy.js';

export function registerKeluarListPage(app: App, s: Services) {
  const S = s.correspondence;
  app.get('/surat/keluar/daftar', { config: { access: P.view } }, async (req, reply) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const raw = (req.query as { page?: string } | undefined)?.page;
    const page = raw !== undefined && /^[1-9]\d{0,3}$/.test(raw) ? Number(raw) : 1;
    const r = await S.listKeluar(req.ctx(), { page });
    return sendPage(
      reply,
      <Layout pc={pc} title={t('keluar.list_title')}>
        <h1>{t('keluar.list_title')}</h1>
        {r.items.length ? (
          <NaskahTable pc={pc} items={r.items} ref={S.reference} testid="keluar-list" />
        ) : (
          <p data-testid="keluar-list-none">{t('keluar.list_none')}</p>
        )}
        {r.hasMore ? (
          <p>
            <a href={`/surat/keluar/daftar?page=${page + 1}`}>{t('common.next')}</a>
          </p>
        ) : null}
      </Layout>,
    );
  });
}
