// Pieces every list page shares: previous/next pagination and the
// row-by-row table of an import report.
import type { MessageKey, Translate } from '../i18n/index.js';

/** Previous/next links around the current page; nothing when there is one page. */
export function Pagination(p: { t: Translate; page: number; hasMore: boolean; link: (page: number) => string }) {
  if (p.page <= 1 && !p.hasMore) return null;
  return (
    <nav aria-label={p.t('common.page', { page: p.page })}>
      <ul class="pagination">
        {p.page > 1 ? (
          <li>
            <a href={p.link(p.page - 1)} rel="prev">
              {p.t('common.prev')}
            </a>
          </li>
        ) : null}
        <li>
          <span aria-current="page">{p.page}</span>
        </li>
        {p.hasMore ? (
          <li>
            <a href={p.link(p.page + 1)} rel="next" data-testid="next-page">
              {p.t('common.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

export interface RowProblem {
  row: number;
  key: MessageKey;
  params?: Record<string, string | number> | undefined;
}

/** The rows an import refused (or warned about), each with what to fix. */
export function RowProblems(p: { t: Translate; rows: readonly RowProblem[]; testid: string; tableTestid?: string }) {
  return (
    <div class="table-wrap">
      <table class="table" data-testid={p.tableTestid}>
        <thead>
          <tr>
            <th>{p.t('residents.import_row')}</th>
            <th>{p.t('residents.import_reason')}</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr data-testid={p.testid}>
              <td>{r.row}</td>
              <td>{p.t(r.key, r.params)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A table that may scroll sideways on a phone: the scrolling box takes the
 * keyboard focus and names itself, so it can be scrolled without a pointer
 * (axe: scrollable-region-focusable).
 */
export function TableWrap(p: { label: string; children?: unknown }) {
  return (
    <div class="table-wrap" role="region" tabindex={0} aria-label={p.label}>
      {p.children}
    </div>
  );
}
