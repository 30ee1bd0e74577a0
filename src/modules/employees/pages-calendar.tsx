// /pegawai/kalender: the city's holiday calendar of a year — libur nasional,
// cuti bersama and Ramadan, each with where it came from — the import of the
// national calendar (a shipped year's file, or an uploaded CSV checked row by
// row), the days the city adds itself, and the warning while this year or the
// next has no national calendar. The services decide; these pages turn form
// fields into their input and their refusals into messages.
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { addMenu } from '../../kernel/menu.js';
import { handleForm, type FormFailure } from '../../http/forms.js';
import { Form as FormBody, IdParam, type App } from '../../http/types.js';
import type { Translate } from '../../i18n/index.js';
import { fieldError, notFound } from '../../lib/errors.js';
import { formatIndonesianDate } from '../../lib/text.js';
import { Form, SelectField, Submit, TextArea, TextField } from '../../ui/forms.js';
import { formatTime } from '../../ui/format.js';
import { TableWrap } from '../../ui/lists.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import type { CalendarEntry } from '../work-schedule/index.js';
import type { CalendarImportReport, CalendarService } from './calendar-service.js';
import { CALENDAR_KINDS } from './calendar-rules.js';
import { CalendarWarnings, type CalendarWarning } from './calendar-warning.js';
import { BASE, explainFailure, one, StaffPage, type Values } from './pages-parts.js';
import { employeesPolicy as P } from './policy.js';
import { CalendarForm, YearQuery } from './schema.js';

export const CALENDAR_PAGE = `${BASE}/kalender`;
const ShippedForm = FormBody({ year: Type.String({ pattern: '^20[0-9]{2}$', maxLength: 4 }) });
const EXAMPLE = [
  '# sumber: SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB Nomor … Tahun … (2027)',
  'date,end,kind,name',
  '2027-01-01,,libur_nasional,Tahun Baru 2027 Masehi',
  '2027-02-08,2027-03-09,ramadan,Ramadan 1448 H',
  '2027-12-24,,cuti_bersama,Cuti bersama Kelahiran Yesus Kristus',
].join('\n');

type Which = 'add' | 'shipped' | 'upload';
interface CalendarData {
  year: number;
  entries: Awaited<ReturnType<CalendarService['year']>>['entries'];
  imports: Awaited<ReturnType<CalendarService['year']>>['imports'];
  shipped: { year: number; source: string }[];
  warnings: CalendarWarning[];
}

/** '2026-12-25' → '25 Desember 2026'; a range '19 Februari 2026 – 20 Maret 2026'. */
function days(locale: string, start: string, end: string) {
  const f = (d: string) =>
    locale === 'en'
      ? new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`))
      : formatIndonesianDate(d);
  return start === end ? f(start) : `${f(start)} – ${f(end)}`;
}

const originLabel = (t: Translate, o: 'bawaan' | 'unggahan' | null) =>
  t(
    o === 'bawaan'
      ? 'kalender.origin_bawaan'
      : o === 'unggahan'
        ? 'kalender.origin_unggahan'
        : 'kalender.origin_manual',
  );

/** The imports the year's entries came from, each named once under the table ("Berkas bawaan: SKB …"). */
function Sources(p: { t: Translate; entries: CalendarData['entries'] }) {
  const seen = new Map<string, string>();
  for (const e of p.entries)
    if (e.importId !== null && e.source)
      seen.set(`${e.origin}|${e.source}`, `${originLabel(p.t, e.origin)}: ${e.source}`);
  if (!seen.size) return null;
  return (
    <ul class="hint" data-testid="calendar-sources">
      {[...seen.values()].map((x) => (
        <li>{x}</li>
      ))}
    </ul>
  );
}

function ImportReport(p: { t: Translate; r: CalendarImportReport; locale: string }) {
  const { t, r } = p;
  return (
    <section class="notice notice--success" role="status" data-testid="calendar-import-report">
      <p data-testid="calendar-import-summary">
        {t('kalender.imported', {
          year: r.year,
          source: r.source,
          inserted: r.inserted,
          kept: r.kept,
          removed: r.removed,
        })}
      </p>
      {r.skipped.length ? (
        <>
          <p>{t('kalender.skipped', { skipped: r.skipped.length })}</p>
          <ul data-testid="calendar-import-skipped">
            {r.skipped.map((s) => (
              <li>
                {days(p.locale, s.start, s.end)} — {s.name}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function EntryTable(p: { pc: PageCtx; d: CalendarData }) {
  const { pc, d } = p;
  const t = pc.t;
  const count = (k: CalendarEntry['kind']) => d.entries.filter((e) => e.kind === k).length;
  if (!d.entries.length) return <p data-testid="calendar-list">{t('pegawai.calendar_none')}</p>;
  return (
    <>
      <p data-testid="calendar-counts">
        {t('kalender.counts', {
          libur: count('libur_nasional'),
          cuti: count('cuti_bersama'),
          ramadan: count('ramadan'),
        })}
      </p>
      <TableWrap label={t('kalender.list_caption', { year: d.year })}>
        <table class="table" data-testid="calendar-list">
          <thead>
            <tr>
              <th>{t('kalender.col_dates')}</th>
              <th>{t('kalender.col_kind')}</th>
              <th>{t('kalender.col_name')}</th>
              <th>{t('kalender.col_origin')}</th>
              <th>{t('kalender.col_action')}</th>
            </tr>
          </thead>
          <tbody>
            {d.entries.map((c) => (
              <tr data-testid={`calendar-entry-${c.start}-${c.kind}`}>
                <td>{days(pc.locale, c.start, c.end)}</td>
                <td>{t(`pegawai.calendar_kind.${c.kind}`)}</td>
                <td>{c.name}</td>
                <td data-testid="calendar-origin">{originLabel(t, c.importId === null ? null : c.origin)}</td>
                <td>
                  <Form
                    pc={pc}
                    action={`${CALENDAR_PAGE}/${c.id}/hapus`}
                    class="inline-form"
                    confirm={t('pegawai.calendar_remove_confirm', { name: c.name })}
                  >
                    <Submit label={t('pegawai.remove')} variant="secondary" testid={`calendar-remove-${c.id}`} />
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <Sources t={t} entries={d.entries} />
    </>
  );
}

function CalendarPage(p: {
  pc: PageCtx;
  d: CalendarData;
  form?: Which;
  values?: Values;
  failure?: FormFailure | undefined;
  report?: CalendarImportReport;
}) {
  const failure = explainFailure(p.pc.t, p.failure);
  const { pc, d } = p;
  const t = pc.t;
  const mine = (w: Which) => (p.form === w ? (p.values ?? {}) : {});
  const errs = (w: Which) => (p.form === w ? failure?.errors : undefined);
  const add = mine('add');
  const upload = mine('upload');
  return (
    <StaffPage pc={pc} title="kalender.nav" failure={failure}>
      {p.report ? <ImportReport t={t} r={p.report} locale={pc.locale} /> : null}
      <CalendarWarnings t={t} warnings={d.warnings} link={false} />
      <p>{t('kalender.intro')}</p>
      <h2 id="tahun">{t('kalender.title', { year: d.year })}</h2>
      <form method="get" action={`${CALENDAR_PAGE}#tahun`} class="filters">
        <TextField
          t={t}
          name="year"
          label="pegawai.f.year"
          value={String(d.year)}
          inputmode="numeric"
          maxLength={4}
          class="input--short"
        />
        <Submit label={t('common.search')} variant="secondary" />
      </form>
      <EntryTable pc={pc} d={d} />
      <p class="hint">{t('kalender.ramadan_hint')}</p>

      <h2 id="impor">{t('kalender.shipped_title')}</h2>
      <p>{t('kalender.shipped_hint')}</p>
      {d.shipped.length ? (
        <ul class="link-list" data-testid="calendar-shipped">
          {d.shipped.map((s) => {
            const last = d.imports.find((i) => i.year === s.year);
            return (
              <li>
                <p>
                  <strong>{s.year}</strong>: {s.source}
                </p>
                <p class="hint">
                  {last
                    ? t('kalender.last_import', {
                        date: formatTime(last.created_at, pc, 'long'),
                        name: last.full_name ?? '—',
                        count: last.entries,
                      })
                    : t('kalender.never_imported')}
                </p>
                <Form pc={pc} action={`${CALENDAR_PAGE}/impor`} testid={`calendar-import-form-${s.year}`}>
                  <input type="hidden" name="year" value={String(s.year)} />
                  <Submit label={t('kalender.import_shipped', { year: s.year })} testid={`calendar-import-${s.year}`} />
                </Form>
              </li>
            );
          })}
        </ul>
      ) : (
        <p data-testid="calendar-shipped">{t('kalender.shipped_none')}</p>
      )}

      <h2 id="unggah">{t('kalender.upload_title')}</h2>
      <p>{t('kalender.upload_hint')}</p>
      <ul>
        <li>{t('kalender.col_help_date')}</li>
        <li>{t('kalender.col_help_end')}</li>
        <li>{t('kalender.col_help_kind')}</li>
        <li>{t('kalender.col_help_name')}</li>
        <li>{t('kalender.col_help_source')}</li>
      </ul>
      <pre data-testid="calendar-example">{EXAMPLE}</pre>
      <Form pc={pc} action={`${CALENDAR_PAGE}/unggah`} multipart testid="calendar-upload-form">
        <FileField t={t} errors={errs('upload')} />
        <TextArea
          t={t}
          name="csv"
          label="f.csv"
          value={one(upload.csv)}
          rows={6}
          maxLength={65536}
          optional
          errors={errs('upload')}
        />
        <TextField
          t={t}
          name="source"
          label="f.source"
          hint="kalender.source_hint"
          value={one(upload.source)}
          maxLength={300}
          optional
          errors={errs('upload')}
        />
        <Submit label={t('kalender.upload_button')} testid="calendar-upload-submit" />
      </Form>

      <h2 id="tambah">{t('kalender.add_title')}</h2>
      <p>{t('kalender.add_hint')}</p>
      <Form pc={pc} action={CALENDAR_PAGE} testid="calendar-form">
        <SelectField
          t={t}
          name="kind"
          label="pegawai.f.calendar_kind"
          value={one(add.kind)}
          options={CALENDAR_KINDS.map((k) => ({ value: k, label: t(`pegawai.calendar_kind.${k}`) }))}
          errors={errs('add')}
        />
        <TextField
          t={t}
          name="start"
          label="pegawai.f.start"
          type="date"
          value={one(add.start)}
          maxLength={10}
          errors={errs('add')}
        />
        <TextField
          t={t}
          name="end"
          label="pegawai.f.end"
          type="date"
          hint="pegawai.end_hint"
          value={one(add.end)}
          maxLength={10}
          errors={errs('add')}
        />
        <TextField
          t={t}
          name="name"
          label="pegawai.f.calendar_name"
          value={one(add.name)}
          maxLength={120}
          errors={errs('add')}
        />
        <Submit label={t('pegawai.add_calendar')} testid="calendar-submit" />
      </Form>
    </StaffPage>
  );
}

/** The file input with its own error (the text fields' Group does not take a file). */
function FileField(p: { t: Translate; errors?: FormFailure['errors'] | undefined }) {
  const mine = p.errors?.filter((e) => e.field === 'file') ?? [];
  return (
    <div class={mine.length ? 'form-group form-group--error' : 'form-group'}>
      <label for="f-file">{p.t('f.file')}</label>
      {mine.map((e) => (
        <p class="error-message" data-testid="calendar-file-error">
          {p.t(e.key, e.params)}
        </p>
      ))}
      <input id="f-file" name="file" type="file" accept=".csv,text/csv" />
    </div>
  );
}

/** A text field of a multipart (keyValues) or urlencoded body. */
function textOf(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
}

export function registerCalendarPages(app: App, s: Services) {
  addMenu(app, { href: CALENDAR_PAGE, key: 'kalender.nav', roles: P.manage, order: 152 });
  const C = s.calendar;
  const E = s.employees;

  /** The year asked for, else the city's current year (its zone, the injected clock). */
  const calendarData = async (req: FastifyRequest, asked?: number): Promise<CalendarData> => {
    const ctx = req.ctx();
    const year = asked ?? Number(C.today().slice(0, 4));
    const [y, shipped, warnings] = await Promise.all([C.year(ctx, year), C.shippedYears(), C.warnings(ctx)]);
    return { year, ...y, shipped, warnings };
  };
  const yearOf = (v: unknown) => (typeof v === 'string' && /^20\d{2}$/.test(v) ? Number(v) : undefined);

  app.get(CALENDAR_PAGE, { config: { access: P.manage }, schema: { querystring: YearQuery } }, async (req, reply) =>
    sendPage(reply, <CalendarPage pc={pageCtx(req, reply)} d={await calendarData(req, req.query.year)} />),
  );

  // A day the city adds itself (kept by every import).
  app.post(
    CALENDAR_PAGE,
    { config: { access: P.manage }, attachValidation: true, schema: { body: CalendarForm } },
    async (req, reply) => {
      const b = (req.body ?? {}) as Values;
      const start: unknown = one(b.start); // a refused form may carry any type here
      const d = await calendarData(req, yearOf(typeof start === 'string' ? start.slice(0, 4) : undefined));
      return handleForm(req, reply, {
        render: (failure) => <CalendarPage pc={pageCtx(req, reply)} d={d} form="add" values={b} failure={failure} />,
        run: () => E.addCalendarEntry(req.ctx(), req.body as CalendarEntry),
        done: () =>
          redirectWithFlash(
            reply,
            `${CALENDAR_PAGE}?year=${(req.body as CalendarEntry).start.slice(0, 4)}#tahun`,
            'flash.saved',
          ),
      });
    },
  );

  app.post(
    `${CALENDAR_PAGE}/:id/hapus`,
    { config: { access: P.manage }, attachValidation: true, schema: { params: IdParam } },
    async (req, reply) => {
      if (!Number.isSafeInteger(req.params?.id)) throw notFound(); // a form post's params are not checked before the handler
      await E.removeCalendarEntry(req.ctx(), req.params.id);
      return redirectWithFlash(reply, `${CALENDAR_PAGE}#tahun`, 'flash.saved');
    },
  );

  // The shipped file of a year (reference/kalender-libur-YYYY.csv).
  app.post(
    `${CALENDAR_PAGE}/impor`,
    { config: { access: P.manage }, attachValidation: true, schema: { body: ShippedForm } },
    async (req, reply) => {
      const year = yearOf(one(((req.body ?? {}) as Values).year));
      const d = await calendarData(req, year);
      return handleForm(req, reply, {
        render: (failure) => <CalendarPage pc={pageCtx(req, reply)} d={d} form="shipped" failure={failure} />,
        run: () => C.importShipped(req.ctx(), year!),
        done: async (report) =>
          sendPage(
            reply,
            <CalendarPage pc={pageCtx(req, reply)} d={await calendarData(req, report.year)} report={report} />,
          ),
      });
    },
  );

  // An uploaded (or pasted) CSV: multipart, read by hand like the employees' import.
  app.post(`${CALENDAR_PAGE}/unggah`, { config: { access: P.manage } }, async (req, reply) => {
    const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
    const file = Buffer.isBuffer(body.file) && body.file.length ? body.file : null;
    const pasted = textOf(body, 'csv');
    const source = textOf(body, 'source');
    const values: Values = { csv: pasted.length > 65536 ? '' : pasted, source: source.slice(0, 300) };
    const d = await calendarData(req);
    return handleForm(req, reply, {
      render: (failure) => (
        <CalendarPage pc={pageCtx(req, reply)} d={d} form="upload" values={values} failure={failure} />
      ),
      run: () => {
        if (!file && !pasted.trim()) throw fieldError('file', 'kalender.err.file_missing');
        return C.importUpload(req.ctx(), {
          bytes: file ?? Buffer.from(pasted, 'utf8'),
          source,
          field: file ? 'file' : 'csv',
        });
      },
      done: async (report) =>
        sendPage(
          reply,
          <CalendarPage pc={pageCtx(req, reply)} d={await calendarData(req, report.year)} report={report} />,
        ),
    });
  });
}
