// The list of activities as a table: day, kind, region (with its kelurahan),
// reporter, participants, status, photo link, and the kelurahan's actions.
import { TableWrap } from '../../ui/lists.js';
import type { PageCtx } from '../../ui/page.js';
import { formatRtRw } from '../../kernel/regions.js';
import type { ActivityRow } from './repo.js';

/** '2026-12-02' → '2 Desember 2026' (a calendar day: no zone shifts it). */
export function formatDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** 'RT 001 / RW 001, Kelurahan Ketapang' */
export const regionText = (code: string, kelurahan: string | null) =>
  `${formatRtRw(code) ?? code}${kelurahan ? `, Kelurahan ${kelurahan}` : ''}`;

export function ActivityTable(p: {
  pc: PageCtx;
  items: ActivityRow[];
  actions?: ((a: ActivityRow) => unknown) | undefined;
}) {
  const { t, locale } = p.pc;
  if (!p.items.length) return <p data-testid="activity-none">{t('community.none')}</p>;
  return (
    <TableWrap label={t('community.title')}>
      <table class="table" data-testid="activity-list">
        <thead>
          <tr>
            <th>{t('community.col.date')}</th>
            <th>{t('community.col.kind')}</th>
            <th>{t('community.col.region')}</th>
            <th>{t('community.col.head')}</th>
            <th class="num">{t('community.col.participants')}</th>
            <th>{t('community.col.status')}</th>
            <th>{t('community.col.photo')}</th>
            {p.actions ? <th>{t('common.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {p.items.map((a) => (
            <tr data-testid={`activity-row-${a.id}`}>
              <td>{formatDay(a.held_on, locale)}</td>
              <td>
                {t(`community.kind.${a.kind}`)}
                <br />
                <span class="muted">{a.description}</span>
              </td>
              <td>{regionText(a.region_code, a.kelurahan_name)}</td>
              <td>{a.reporter_name}</td>
              <td class="num">{a.participants}</td>
              <td data-testid={`activity-status-${a.id}`}>
                {t(`community.status.${a.status}`)}
                {a.status === 'ditolak' && a.decision_reason ? (
                  <>
                    <br />
                    <span class="muted">{a.decision_reason}</span>
                  </>
                ) : null}
              </td>
              <td>
                <a href={`/kegiatan/${a.id}/foto`}>{t('community.photo_link')}</a>
              </td>
              {p.actions ? <td>{p.actions(a)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
