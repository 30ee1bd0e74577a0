// /surat/agenda?unit=&dari=&sampai=[&format=csv|xlsx|pdf]: the agenda book of a unit for a period — the units
// the person keeps (the admin: the city's; a head: theirs and below; a TU desk: its units).
import type { App } from '../../http/types.js';
import { sendSheet } from '../../kernel/export.js';
import { AppError } from '../../lib/errors.js';
import { ErrorSummary, SelectField, Submit, TextField } from '../../ui/forms.js';
import { TableWrap } from '../../ui/lists.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { agendaSheet, renderAgendaPdf } from './agenda-export.js';
import { formatDay } from './page-parts.js';
import { correspondencePolicy as P } from './policy.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const FORMATS = ['csv', 'xlsx', 'pdf'] as const;

export function registerAgendaPages(app: App, s: Services) {
  const S = s.correspondence;
  app.get('/surat/agenda', { config: { access: P.view } }, async (req, reply) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const ctx = req.ctx();
    const q = (req.query ?? {}) as Record<string, string | undefined>;
    const units = await S.agendaUnits(ctx);
    const today = S.today();
    const from = q.dari && DAY.test(q.dari) ? q.dari : `${today.slice(0, 4)}-01-01`;
    const to = q.sampai && DAY.test(q.sampai) ? q.sampai : today;
    const unitId = q.unit && /^\d{1,9}$/.test(q.unit) ? Number(q.unit) : units.length === 1 ? units[0]!.id : 0;
    const errors = [
      ...(q.dari && !DAY.test(q.dari) ? [{ field: 'dari', key: 'surat.err.date' as const }] : []),
      ...(q.sampai && !DAY.test(q.sampai) ? [{ field: 'sampai', key: 'surat.err.date' as const }] : []),
      ...(q.unit !== undefined && q.unit !== '' && !/^\d{1,9}$/.test(q.unit)
        ? [{ field: 'unit', key: 'surat.err.unit' as const }]
        : []),
    ];
    let book: Awaited<ReturnType<typeof S.agenda>> | null = null;
    if (unitId && !errors.length)
      try {
        book = await S.agenda(ctx, unitId, from, to);
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 422) throw err;
        errors.push(...(err.fields as { field: string; key: 'surat.err.date' }[]));
      }
    const format = FORMATS.find((f) => f === q.format);
    if (book && format) {
      const sheet = agendaSheet(t, pc.locale, S.reference, book.unit.name, book.rows);
      const name = `buku-agenda-${book.unit.id}-${from}-${to}`;
      if (format === 'pdf') {
        const pdf = await renderAgendaPdf(
          sheet,
          t('surat.agenda_period', { from: formatDay(from, pc.locale), to: formatDay(to, pc.locale) }),
        );
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${name}.pdf"`)
          .header('cache-control', 'private, no-store')
          .send(pdf);
      }
      return sendSheet(reply, sheet, format, name);
    }
    const link = (f: string) => `/surat/agenda?unit=${unitId}&dari=${from}&sampai=${to}&format=${f}`;
    const sheet = book ? agendaSheet(t, pc.locale, S.reference, book.unit.name, book.rows) : null;
    return sendPage(
      reply,
      <Layout pc={pc} title={t('surat.agenda_title')}>
        <h1>{t('surat.agenda_title')}</h1>
        <ErrorSummary t={t} errors={errors.length ? errors : undefined} />
        <p>{t('surat.agenda_intro')}</p>
        {!units.length ? (
          <p data-testid="agenda-no-units">{t('surat.agenda_no_units')}</p>
        ) : (
          <form method="get" action="/surat/agenda" class="filters" data-testid="agenda-form">
            <SelectField
              t={t}
              name="unit"
              label="pegawai.f.unit"
              errors={errors}
              value={unitId ? String(unitId) : undefined}
              placeholder={t('surat.choose')}
              options={units.map((u) => ({ value: String(u.id), label: u.name }))}
              testid="agenda-unit"
            />
            <TextField t={t} name="dari" label="f.dari" type="date" value={from} errors={errors} testid="agenda-from" />
            <TextField t={t} name="sampai" label="f.sampai" type="date" value={to} errors={errors} testid="agenda-to" />
            <Submit label={t('surat.agenda_show')} variant="secondary" testid="agenda-show" />
          </form>
        )}
        {book && sheet ? (
          <>
            <h2>{sheet.title}</h2>
            <p>
              <a class="button button--secondary" href={link('csv')} data-testid="agenda-csv">
                {t('surat.agenda_csv')}
              </a>{' '}
              <a class="button button--secondary" href={link('xlsx')} data-testid="agenda-xlsx">
                {t('surat.agenda_xlsx')}
              </a>{' '}
              <a class="button button--secondary" href={link('pdf')} data-testid="agenda-pdf">
                {t('surat.agenda_pdf')}
              </a>
            </p>
            {sheet.rows.length ? (
              <TableWrap label={sheet.title}>
                <table class="table" data-testid="agenda-table">
                  <thead>
                    <tr>
                      {sheet.header.map((h) => (
                        <th>{h}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {sheet.rows.map((r, i) => (
                      <tr data-testid={`agenda-row-${book.rows[i]!.id}`}>
                        {r.map((c) => (
                          <td>{c}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            ) : (
              <p data-testid="agenda-none">{t('surat.agenda_none')}</p>
            )}
          </>
        ) : null}
      </Layout>,
      errors.length ? 400 : 200,
    );
  });
}
