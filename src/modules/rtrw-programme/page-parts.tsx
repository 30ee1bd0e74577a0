// What the programme's list pages share: the base path, the table of a
// sheet (the same rows the CSV/XLSX exports carry), the filter with export
// links, and the page frame with its error summary.
import { TableWrap } from '../../ui/lists.js';
import type { Child } from 'hono/jsx';
import type { FormFailure } from '../../http/forms.js';
import { ErrorSummary, Submit, TextField } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import type { PageCtx } from '../../ui/page.js';
import { canManage } from './policy.js';
import type { ExportFormat } from './present.js';
import type { Sheet } from './rules.js';

export const BASE = '/program-rtrw';
export type Values = Record<string, string | undefined>;
export const isManager = (pc: PageCtx) => !!pc.user && canManage(pc.user.role);
export const exportFormat = (f: string | undefined): ExportFormat | null => (f === 'csv' || f === 'xlsx' ? f : null);
export const qs = (o: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(o).filter((e): e is [string, string] => !!e[1])).toString();

export function SheetTable(p: {
  pc: PageCtx;
  sheet: Sheet;
  testid: string;
  actions?: ((i: number) => unknown) | undefined;
}) {
  if (!p.sheet.rows.length) return <p data-testid={p.testid}>{p.pc.t('prog.none')}</p>;
  return (
    <TableWrap label={p.sheet.title}>
      <table class="table" data-testid={p.testid}>
        <thead>
          <tr>
            {p.sheet.header.map((h) => (
              <th>{h}</th>
            ))}
            {p.actions ? <th>{p.pc.t('common.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {p.sheet.rows.map((r, i) => (
            <tr>
              {r.map((c) => (
                <td>{c ?? ''}</td>
              ))}
              {p.actions ? <td>{p.actions(i)}</td> : null}
            </tr>
          ))}
        </tbody>
        {p.sheet.total ? (
          <tfoot>
            <tr>
              {p.sheet.total.map((c) => (
                <th>{c ?? ''}</th>
              ))}
              {p.actions ? <th /> : null}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </TableWrap>
  );
}

/** The region/period filter and the export links of a list page. */
export function ListHead(p: {
  pc: PageCtx;
  path: string;
  query: Record<string, string | undefined>;
  extra?: { name: string; label: 'prog.month' | 'prog.period'; value: string };
}) {
  const t = p.pc.t;
  return (
    <>
      <form method="get" action={p.path} class="filters">
        <TextField
          t={t}
          name="under"
          label="prog.under"
          value={p.query.under ?? p.pc.user?.regionCode}
          maxLength={30}
        />
        {p.extra ? (
          <TextField t={t} name={p.extra.name} label={p.extra.label} value={p.extra.value} maxLength={7} />
        ) : null}
        <Submit label={t('prog.show')} variant="secondary" />
      </form>
      <p>
        <a
          class="button button--secondary"
          href={`${p.path}?${qs({ ...p.query, format: 'csv' })}`}
          data-testid="export-csv"
        >
          {t('prog.export_csv')}
        </a>{' '}
        <a
          class="button button--secondary"
          href={`${p.path}?${qs({ ...p.query, format: 'xlsx' })}`}
          data-testid="export-xlsx"
        >
          {t('prog.export_xlsx')}
        </a>
      </p>
    </>
  );
}

export function ListPage(p: {
  pc: PageCtx;
  title: Parameters<PageCtx['t']>[0];
  children?: Child;
  failure?: FormFailure | undefined;
}) {
  return (
    <Layout pc={p.pc} title={p.pc.t(p.title)}>
      <p>
        <a href={BASE}>{p.pc.t('prog.title')}</a>
      </p>
      <h1>{p.pc.t(p.title)}</h1>
      <ErrorSummary t={p.pc.t} errors={p.failure?.errors} message={p.failure?.message} params={p.failure?.params} />
      {p.children}
    </Layout>
  );
}
