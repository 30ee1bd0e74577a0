// /surat/pantau: counters per unit for heads (issue 15 item 8) — every unit in the subtree of the units the person
// heads, with incoming unread, not followed up, dispositions unread and overdue; each number links to its list,
// /surat/pantau/:id/:state (the same SQL condition, so the number and the list agree). Phone-first: the table
// scrolls inside its own region, never the page.
import { Type } from 'typebox';
import type { App } from '../../http/types.js';
import { addMenu } from '../../kernel/menu.js';
import { TableWrap } from '../../ui/lists.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { formatDay } from './page-parts.js';
import { PANTAU_STATES, type PantauState } from './pantau-repo.js';
import { correspondencePolicy as P } from './policy.js';

const STATE_KEY = {
  unread: 'tenggat.state.unread',
  pending: 'tenggat.state.pending',
  disp_unread: 'tenggat.state.disp_unread',
  disp_overdue: 'tenggat.state.disp_overdue',
} as const satisfies Record<PantauState, string>;

export const PantauListParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  state: Type.Union(PANTAU_STATES.map((s) => Type.Literal(s))),
});

export function registerPantauPages(app: App, s: Services) {
  addMenu(app, { href: '/surat/pantau', key: 'tenggat.nav', roles: P.register, order: 153 });
  const S = s.correspondence.pantau;

  app.get('/surat/pantau', { config: { access: P.register } }, async (req, reply) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const rows = await S.overview(req.ctx());
    const title = t('tenggat.pantau_title');
    return sendPage(
      reply,
      <Layout pc={pc} title={title}>
        <h1>{title}</h1>
        {rows.length ? (
          <>
            <p>{t('tenggat.pantau_intro')}</p>
            <TableWrap label={title}>
              <table class="table" data-testid="pantau-table">
                <thead>
                  <tr>
                    <th>{t('tenggat.col_unit')}</th>
                    {PANTAU_STATES.map((st) => (
                      <th>{t(STATE_KEY[st])}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((u) => (
                    <tr data-testid={`pantau-unit-${u.id}`}>
                      <td>
                        {'· '.repeat(Math.max(0, u.depth - rows[0]!.depth))}
                        {u.name}
                      </td>
                      {PANTAU_STATES.map((st) => (
                        <td>
                          <a href={`/surat/pantau/${u.id}/${st}`} data-testid={`pantau-${u.id}-${st}`}>
                            {u.counts[st]}
                          </a>
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </>
        ) : (
          <p data-testid="pantau-none">{t('tenggat.pantau_none')}</p>
        )}
      </Layout>,
    );
  });

  app.get(
    '/surat/pantau/:id/:state',
    { config: { access: P.register }, schema: { params: PantauListParams } },
    async (req, reply) => {
      const pc = pageCtx(req, reply);
      const { t } = pc;
      const r = await S.list(req.ctx(), req.params.id, req.params.state);
      const title = t('tenggat.list_title', { state: t(STATE_KEY[r.state]), unit: r.unit.name });
      const empty = !r.naskah.length && !r.dispositions.length;
      return sendPage(
        reply,
        <Layout pc={pc} title={title}>
          <h1>{title}</h1>
          <p>
            <a href="/surat/pantau">{t('tenggat.back')}</a>
          </p>
          {empty ? <p data-testid="pantau-list-none">{t('tenggat.list_none')}</p> : null}
          {r.naskah.length ? (
            <TableWrap label={title}>
              <table class="table" data-testid="pantau-list">
                <thead>
                  <tr>
                    <th>{t('tenggat.col_naskah')}</th>
                    <th>{t('tenggat.col_sender')}</th>
                    <th>{t('tenggat.col_received')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.naskah.map((n) => (
                    <tr data-testid={`pantau-naskah-${n.id}`}>
                      <td>
                        <a href={`/surat/masuk/${n.id}`}>{n.agenda_number ?? n.id}</a> — {n.perihal}
                      </td>
                      <td>{n.sender_instansi}</td>
                      <td>{formatDay(n.received_date, pc.locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : null}
          {r.dispositions.length ? (
            <TableWrap label={title}>
              <table class="table" data-testid="pantau-list">
                <thead>
                  <tr>
                    <th>{t('tenggat.col_naskah')}</th>
                    <th>{t('tenggat.col_to')}</th>
                    <th>{t('tenggat.col_due')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.dispositions.map((x) => (
                    <tr data-testid={`pantau-disposition-${x.id}`}>
                      <td>
                        <a href={`/surat/masuk/${x.naskah_id}#disposition-node-${x.id}`}>
                          {x.agenda_number ?? x.naskah_id}
                        </a>{' '}
                        — {x.perihal}
                      </td>
                      <td>{x.to_name}</td>
                      <td>{formatDay(x.due_date, pc.locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : null}
        </Layout>,
      );
    },
  );
}
