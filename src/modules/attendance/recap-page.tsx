// /presensi/rekap?unit=<id>&bulan=YYYY-MM: a unit's (and its sub-units')
// monthly recap per employee, each name linking to that person's month, with
// the CSV, XLSX and signing-PDF exports (`&format=`). Without a unit it lists
// the units the caller may see.
import type { App } from '../../http/types.js';
import { AppError } from '../../lib/errors.js';
import { ErrorSummary, TextField } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { attendancePolicy as P } from './policy.js';
import { monthLabel, recapFormat, recapSheet, RECAP_TEXT_COLUMNS, sendRecap, type Recap } from './recap-export.js';
import type { FormFailure } from '../../http/forms.js';

const ID = /^[1-9][0-9]{0,9}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month asked for in `?bulan=`, or this month with a field error when it is not YYYY-MM. */
export function monthQuery(
  q: Record<string, string | undefined>,
  fallback: string,
): { month: string; failure?: FormFailure } {
  if (q.bulan === undefined || q.bulan === '') return { month: fallback };
  if (MONTH.test(q.bulan)) return { month: q.bulan };
  return { month: fallback, failure: { errors: [{ field: 'bulan', key: 'presensi.err.month' }] } };
}

function RecapView(p: { pc: PageCtx; r: Recap; failure?: FormFailure | undefined }) {
  const { pc, r } = p;
  const t = pc.t;
  const sheet = recapSheet(t, r);
  const base = `/presensi/rekap?unit=${r.unit.id}&bulan=${r.month}`;
  const title = t('presensi.recap_of', { unit: r.unit.name, month: monthLabel(r.month, pc.locale) });
  return (
    <Layout pc={pc} title={title}>
      <p>
        <a href="/presensi/tim">{t('presensi.nav_team')}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary t={t} errors={p.failure?.errors} />
      <form method="get" action="/presensi/rekap" class="filters">
        <input type="hidden" name="unit" value={String(r.unit.id)} />
        <TextField
          t={t}
          name="bulan"
          label="presensi.f.month"
          type="month"
          value={r.month}
          errors={p.failure?.errors}
          class="input--medium"
          hint="presensi.hint.month"
        />
        <button type="submit" class="button button--secondary">
          {t('presensi.show')}
        </button>
      </form>
      <p class="button-group">
        <a class="button button--secondary" href={`${base}&format=csv`} data-testid="export-csv">
          CSV
        </a>
        <a class="button button--secondary" href={`${base}&format=xlsx`} data-testid="export-xlsx">
          XLSX
        </a>
        <a class="button button--secondary" href={`${base}&format=pdf`} data-testid="export-pdf">
          {t('presensi.export_pdf')}
        </a>
      </p>
      <p class="hint">{t('presensi.recap_hint', { n: r.rows.length })}</p>
      <div class="table-wrap">
        <table class="table" data-testid="recap">
          <thead>
            <tr>
              {sheet.header.map((h) => (
                <th>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sheet.rows.map((row, i) => (
              <tr data-testid={`recap-${r.rows[i]!.employee.id}`}>
                {row.map((c, col) =>
                  col === 1 ? (
                    <td>
                      <a href={`/presensi/bulan?pegawai=${r.rows[i]!.employee.id}&bulan=${r.month}`}>{c}</a>
                    </td>
                  ) : (
                    <td class={RECAP_TEXT_COLUMNS.includes(col) ? undefined : 'num'}>{c ?? ''}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export function registerRecapPage(app: App, s: Services) {
  const A = s.attendance;
  app.get('/presensi/rekap', { config: { access: P.oversee } }, async (req, reply) => {
    const pc = pageCtx(req, reply);
    const t = pc.t;
    const q = (req.query ?? {}) as Record<string, string | undefined>;
    const { month, failure } = monthQuery(q, A.thisMonth());
    if (!q.unit) {
      const units = await s.employees.units(req.ctx());
      return sendPage(
        reply,
        <Layout pc={pc} title={t('presensi.recap_title')}>
          <h1>{t('presensi.recap_title')}</h1>
          {units.length ? (
            <ul data-testid="recap-units">
              {units.map((u) => (
                <li>
                  <a href={`/presensi/rekap?unit=${u.id}&bulan=${month}`}>{u.name}</a>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('presensi.recap_no_units')}</p>
          )}
        </Layout>,
      );
    }
    if (!ID.test(q.unit)) throw new AppError(404, 'error.not_found');
    const r = await A.recap(req.ctx(), Number(q.unit), month);
    const format = recapFormat(q.format);
    if (format && !failure) return sendRecap(reply, s, t, r, format);
    return sendPage(reply, <RecapView pc={pc} r={r} failure={failure} />, failure ? 400 : 200);
  });
}
