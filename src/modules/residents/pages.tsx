// HTML pages for the resident register: search (by POST: a name or NIK never
// goes into a URL), detail (masked), the audited full record, create/edit,
// status and RT moves, CSV import, and a citizen's own record.
import { addMenu } from '../../kernel/menu.js';
import { STAFF_ROLES } from '../../kernel/roles.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { handleForm, type FormFailure } from '../../http/forms.js';
import { fieldErrorsFromAjv } from '../../http/validation.js';
import { IdParam, type App } from '../../http/types.js';
import { isMessageKey, type MessageKey, type Translate } from '../../i18n/index.js';
import { AppError, fieldError, notFound } from '../../lib/errors.js';
import { ErrorSummary, Form, SelectField, Submit, TextArea, TextField } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { Pagination, RowProblems } from '../../ui/lists.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { formatRtRw } from '../../kernel/regions.js';
import type { ImportReport, ImportSource } from './import.js';
import { ImportColumnsPage, RegisterFields, registerRows, registerValues } from './register-fields.js';
import { residentPolicy } from './policy.js';
import { RELATIONSHIPS, RESIDENT_STATUSES, SEXES, type ResidentStatus } from './rules.js';
import {
  DetailQuery,
  MAX_IMPORT_CSV_CHARS,
  MoveBody,
  ResidentBody,
  ResidentEditBody,
  ResidentsPageQuery,
  SearchForm,
  StatusBody,
} from './schema.js';

type Values = Record<string, string | undefined>;
type Region = { code: string; name: string; level: string };
type SearchResult = Awaited<ReturnType<Services['residents']['search']>>;
type View = Awaited<ReturnType<Services['residents']['view']>>;
type Full = Awaited<ReturnType<Services['residents']['viewFull']>>;
type ListRow = SearchResult['rows'][number];

/** A `date` column (local midnight) as DD-MM-YYYY. */
export function formatDate(d: Date | string | null | undefined): string {
  if (d === null || d === undefined || d === '') return '';
  if (typeof d === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
    return m ? `${m[3]}-${m[2]}-${m[1]}` : d;
  }
  if (Number.isNaN(d.getTime())) return '';
  return `${String(d.getDate()).padStart(2, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getFullYear()).padStart(4, '0')}`;
}

/** A `date` column as YYYY-MM-DD, for `<input type="date">`. */
function inputDate(d: Date | string | null | undefined): string {
  if (d === null || d === undefined) return '';
  if (typeof d === 'string') return d;
  if (Number.isNaN(d.getTime())) return '';
  return `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const STATUS_TAG: Record<ResidentStatus, string> = {
  hidup: 'tag--green',
  meninggal: 'tag--grey',
  pindah: 'tag--blue',
  hilang: 'tag--yellow',
};

function StatusTag(p: { t: Translate; status: string }) {
  const known = (RESIDENT_STATUSES as readonly string[]).includes(p.status);
  const cls = known ? STATUS_TAG[p.status as ResidentStatus] : 'tag--grey';
  return <span class={`tag ${cls}`}>{known ? p.t(`status.${p.status as ResidentStatus}`) : p.status}</span>;
}

const relLabel = (t: Translate, r: string) =>
  (RELATIONSHIPS as readonly string[]).includes(r) ? t(`rel.${r as 'anak'}`) : r;
const sexLabel = (t: Translate, s: string) => (s === 'L' || s === 'P' ? t(`sex.${s}`) : s);
const rtLabel = (code: string) => formatRtRw(code) ?? code;
const rtOptions = (rts: Region[]) => rts.map((r) => ({ value: r.code, label: `${rtLabel(r.code)} — ${r.name}` }));
const canManage = (pc: PageCtx) => !!pc.user && residentPolicy.manage.includes(pc.user.role);

/** Only NIK warnings may be passed through the query string. */
function warningsFrom(w: string | undefined): MessageKey[] {
  if (!w) return [];
  return w
    .split(',')
    .map((k) => k.trim())
    .filter(
      (k): k is MessageKey =>
        (k === 'residents.nik_birthdate_mismatch' || k === 'residents.nik_sex_mismatch') && isMessageKey(k),
    );
}
const withWarnings = (path: string, warnings: MessageKey[]) =>
  warnings.length ? `${path}?w=${encodeURIComponent(warnings.join(','))}` : path;

function Warnings(p: { t: Translate; keys: MessageKey[] }) {
  if (!p.keys.length) return null;
  return (
    <div class="notice notice--warning" role="status" data-testid="resident-warnings">
      {p.keys.map((k) => (
        <p>{p.t(k)}</p>
      ))}
    </div>
  );
}

function ResidentsTable(p: { t: Translate; rows: ListRow[]; testid?: string }) {
  const t = p.t;
  if (!p.rows.length) return <p>{t('common.none')}</p>;
  return (
    <div class="table-wrap">
      <table class="table" data-testid={p.testid}>
        <thead>
          <tr>
            <th>{t('common.name')}</th>
            <th>{t('f.nik')}</th>
            <th>{t('f.kk')}</th>
            <th>{t('residents.rt_rw')}</th>
            <th>{t('f.relationship')}</th>
            <th>{t('common.status')}</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr data-testid="resident-row">
              <td>
                <a href={`/warga/${r.id}`}>{r.full_name}</a>
              </td>
              <td>{r.nik_masked}</td>
              <td>{r.kk_masked}</td>
              <td>{rtLabel(r.region_code)}</td>
              <td>{relLabel(t, r.relationship)}</td>
              <td>
                <StatusTag t={t} status={r.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SearchPage(p: {
  pc: PageCtx;
  result: SearchResult;
  rts: Region[];
  q?: string | undefined;
  /** The sealed search text for links to further pages: the text itself never goes into a URL. */
  token?: string | undefined;
  under?: string | undefined;
  status?: string | undefined;
  page: number;
  failure?: FormFailure | undefined;
}) {
  const t = p.pc.t;
  const link = (page: number) => {
    const qs = new URLSearchParams();
    if (p.token) qs.set('cari', p.token);
    if (p.under) qs.set('under', p.under);
    if (p.status) qs.set('status', p.status);
    qs.set('page', String(page));
    return `/warga?${qs.toString()}`;
  };
  return (
    <Layout pc={p.pc} title={t('residents.title')}>
      <h1>{t('residents.title')}</h1>
      {canManage(p.pc) ? (
        <p class="button-group">
          <a class="button" href="/warga/baru" data-testid="new-resident">
            {t('residents.new')}
          </a>
          <a class="button button--secondary" href="/warga/impor" data-testid="import-residents">
            {t('residents.import_csv')}
          </a>
        </p>
      ) : null}
      <ErrorSummary t={t} errors={p.failure?.errors} message={p.failure?.message} params={p.failure?.params} />
      {/* POST: a name or NIK typed here must not end up in a URL (logs, history, proxies). */}
      <Form pc={p.pc} action="/warga/cari" testid="residents-search">
        <div class="form-group">
          <label for="f-q">{t('f.q')}</label>
          <div class="hint" id="f-q-hint">
            {t('residents.search_hint')}
          </div>
          <input id="f-q" name="q" value={p.q ?? ''} maxlength={60} autocomplete="off" aria-describedby="f-q-hint" />
        </div>
        <SelectField
          t={t}
          name="under"
          label="f.rt_code"
          value={p.under}
          placeholder={t('residents.all_rt')}
          options={rtOptions(p.rts)}
        />
        <SelectField
          t={t}
          name="status"
          label="f.status"
          value={p.status}
          placeholder={t('residents.all_status')}
          options={RESIDENT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <button class="button button--secondary">{t('common.search')}</button>
      </Form>
      <ResidentsTable t={t} rows={p.result.rows} testid="residents-table" />
      <Pagination t={t} page={p.page} hasMore={p.result.hasMore} link={link} />
    </Layout>
  );
}

function PersonFields(p: { t: Translate; v: Values; failure?: FormFailure | undefined }) {
  const { t, v } = p;
  const errors = p.failure?.errors;
  return (
    <>
      <TextField t={t} name="fullName" label="f.full_name" value={v.fullName} maxLength={120} errors={errors} />
      <SelectField
        t={t}
        name="sex"
        label="f.sex"
        value={v.sex}
        placeholder=""
        options={SEXES.map((s) => ({ value: s, label: t(`sex.${s}`) }))}
        errors={errors}
      />
      <TextField
        t={t}
        name="birthPlace"
        label="f.birth_place"
        value={v.birthPlace}
        maxLength={80}
        optional
        errors={errors}
      />
      <TextField t={t} name="birthDate" label="f.birth_date" type="date" value={v.birthDate} errors={errors} />
      <SelectField
        t={t}
        name="relationship"
        label="f.relationship"
        value={v.relationship}
        placeholder=""
        options={RELATIONSHIPS.map((r) => ({ value: r, label: t(`rel.${r}`) }))}
        errors={errors}
      />
      <TextField
        t={t}
        name="occupation"
        label="f.occupation"
        value={v.occupation}
        maxLength={80}
        optional
        errors={errors}
      />
      <TextField t={t} name="address" label="f.address" value={v.address} maxLength={200} optional errors={errors} />
      <RegisterFields t={t} v={v} errors={errors} />
    </>
  );
}

function NewResidentPage(p: { pc: PageCtx; rts: Region[]; values?: Values; failure?: FormFailure }) {
  const t = p.pc.t;
  const v = p.values ?? {};
  return (
    <Layout pc={p.pc} title={t('residents.new')}>
      <h1>{t('residents.new')}</h1>
      <ErrorSummary t={t} errors={p.failure?.errors} message={p.failure?.message} params={p.failure?.params} />
      <Form pc={p.pc} action="/warga" testid="resident-form">
        <TextField
          t={t}
          name="nik"
          label="f.nik"
          value={v.nik}
          inputmode="numeric"
          maxLength={16}
          autocomplete="off"
          errors={p.failure?.errors}
        />
        <TextField
          t={t}
          name="kk"
          label="f.kk"
          value={v.kk}
          inputmode="numeric"
          maxLength={16}
          autocomplete="off"
          errors={p.failure?.errors}
        />
        <PersonFields t={t} v={v} failure={p.failure} />
        <SelectField
          t={t}
          name="rtCode"
          label="f.rt_code"
          value={v.rtCode}
          placeholder=""
          options={rtOptions(p.rts)}
          errors={p.failure?.errors}
        />
        <Submit label={t('common.save')} testid="resident-submit" />
      </Form>
      <p>
        <a href="/warga">{t('common.back')}</a>
      </p>
    </Layout>
  );
}

function EditResidentPage(p: { pc: PageCtx; id: number; name: string; values: Values; failure?: FormFailure }) {
  const t = p.pc.t;
  return (
    <Layout pc={p.pc} title={t('residents.edit')}>
      <h1>{t('residents.edit')}</h1>
      <p>{p.name}</p>
      <ErrorSummary t={t} errors={p.failure?.errors} message={p.failure?.message} params={p.failure?.params} />
      <Form pc={p.pc} action={`/warga/${p.id}/ubah`} testid="resident-form">
        <PersonFields t={t} v={p.values} failure={p.failure} />
        <Submit label={t('common.save')} testid="resident-submit" />
      </Form>
      <p>
        <a href={`/warga/${p.id}`}>{t('common.back')}</a>
      </p>
    </Layout>
  );
}

type Resident = View['resident'];

function SummaryList(p: { t: Translate; r: Resident; nik: string; kk: string; full?: boolean }) {
  const { t, r } = p;
  const row = (label: string, value: unknown, testid?: string) => (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testid}>{value}</dd>
    </div>
  );
  return (
    <dl class="summary-list" data-testid="resident-summary">
      {row(t('f.full_name'), r.full_name)}
      {row(t('f.nik'), p.nik, 'resident-nik')}
      {row(t('f.kk'), p.kk, 'resident-kk')}
      {row(t('f.sex'), sexLabel(t, r.sex))}
      {row(t('f.birth_place'), r.birth_place)}
      {row(t('f.birth_date'), formatDate(r.birth_date))}
      {row(t('f.relationship'), relLabel(t, r.relationship))}
      {registerRows(t, r, p.full ?? false).map(([label, value, testid]) => row(label, value, testid))}
      {row(t('f.occupation'), r.occupation)}
      {row(t('f.address'), r.address || r.family_address)}
      {row(t('residents.rt_rw'), rtLabel(r.region_code))}
      {row(t('common.status'), <StatusTag t={t} status={r.status} />)}
      {r.status_date ? row(t('f.status_date'), formatDate(r.status_date)) : null}
      {r.status_note ? row(t('f.status_note'), r.status_note) : null}
    </dl>
  );
}

function DetailPage(p: {
  pc: PageCtx;
  view: View;
  rts: Region[];
  warnings?: MessageKey[];
  form?: 'status' | 'move';
  values?: Values;
  failure?: FormFailure;
}) {
  const t = p.pc.t;
  const r = p.view.resident;
  const manage = canManage(p.pc);
  const statusFailure = p.form === 'status' ? p.failure : undefined;
  const moveFailure = p.form === 'move' ? p.failure : undefined;
  const v = p.values ?? {};
  return (
    <Layout pc={p.pc} title={r.full_name}>
      <h1>{r.full_name}</h1>
      <Warnings t={t} keys={p.warnings ?? []} />
      <ErrorSummary t={t} errors={p.failure?.errors} message={p.failure?.message} params={p.failure?.params} />
      <SummaryList t={t} r={r} nik={r.nik_masked} kk={r.kk_masked} />
      <div class="button-group">
        <form method="get" action={`/warga/${r.id}/lengkap`} class="inline-form">
          <button type="submit" class="button button--secondary" data-testid="show-full">
            {t('residents.show_full')}
          </button>
        </form>
        {manage ? (
          <a class="button" href={`/warga/${r.id}/ubah`} data-testid="edit-resident">
            {t('residents.edit')}
          </a>
        ) : null}
      </div>
      <h2>{t('residents.members')}</h2>
      <ResidentsTable t={t} rows={p.view.members} testid="family-members" />
      {manage ? (
        <>
          <h2>{t('residents.change_status')}</h2>
          <Form pc={p.pc} action={`/warga/${r.id}/status`} testid="status-form">
            <SelectField
              t={t}
              name="status"
              label="f.status"
              value={p.form === 'status' ? v.status : r.status}
              options={RESIDENT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              errors={statusFailure?.errors}
            />
            <TextField
              t={t}
              name="date"
              label="f.status_date"
              type="date"
              value={p.form === 'status' ? v.date : inputDate(r.status_date)}
              optional
              errors={statusFailure?.errors}
            />
            <TextField
              t={t}
              name="note"
              label="f.status_note"
              value={p.form === 'status' ? v.note : r.status_note}
              maxLength={200}
              optional
              errors={statusFailure?.errors}
            />
            <Submit label={t('common.save')} testid="status-submit" />
          </Form>
          <h2>{t('residents.move')}</h2>
          <Form pc={p.pc} action={`/warga/${r.id}/pindah`} testid="move-form">
            <SelectField
              t={t}
              name="rtCode"
              label="f.rt_code"
              value={p.form === 'move' ? v.rtCode : r.region_code}
              options={rtOptions(p.rts)}
              errors={moveFailure?.errors}
            />
            <Submit label={t('residents.move')} variant="secondary" testid="move-submit" />
          </Form>
        </>
      ) : null}
      <p>
        <a href="/warga">{t('common.back')}</a>
      </p>
    </Layout>
  );
}

function FullPage(p: { pc: PageCtx; r: Full }) {
  const t = p.pc.t;
  return (
    <Layout pc={p.pc} title={`${t('residents.full_record')} — ${p.r.full_name}`}>
      <h1>{t('residents.full_record')}</h1>
      <div class="notice notice--warning" role="note">
        {t('residents.full_record_note')}
      </div>
      <SummaryList t={t} r={p.r} nik={p.r.nik} kk={p.r.kk} full />
      <p>
        <a href={`/warga/${p.r.id}`}>{t('common.back')}</a>
      </p>
    </Layout>
  );
}

function MyRecordPage(p: { pc: PageCtx; view: View | null }) {
  const t = p.pc.t;
  return (
    <Layout pc={p.pc} title={t('nav.my_record')}>
      <h1>{t('nav.my_record')}</h1>
      {p.view ? (
        <SummaryList t={t} r={p.view.resident} nik={p.view.resident.nik_masked} kk={p.view.resident.kk_masked} />
      ) : (
        <p data-testid="not-linked">{t('residents.not_linked')}</p>
      )}
    </Layout>
  );
}

function ReportView(p: { t: Translate; report: ImportReport }) {
  const { t, report } = p;
  const refused = report.refused.length;
  const summary =
    report.written || !refused || report.unchanged
      ? refused
        ? t('residents.import_partial', { imported: report.imported, refused })
        : t('residents.import_done', { imported: report.imported })
      : t('residents.import_refused', { refused });
  return (
    <section data-testid="import-report">
      <h2>{t('residents.import_report')}</h2>
      <div
        class={report.written && !refused ? 'notice notice--success' : 'notice notice--warning'}
        role="status"
        data-testid="import-summary"
      >
        <p>{summary}</p>
        {report.updated ? (
          <p data-testid="import-updated">
            {t('siak.import_updated', { updated: report.updated, rows: report.updatedRows.join(', ') })}
          </p>
        ) : null}
        {report.unchanged ? (
          <p data-testid="import-unchanged">{t('siak.import_unchanged', { unchanged: report.unchanged })}</p>
        ) : null}
        <p>{t('residents.import_total', { total: report.total })}</p>
      </div>
      {refused ? <RowProblems t={t} rows={report.refused} testid="import-refused-row" /> : null}
      {report.warnings.length ? (
        <>
          <h3>{t('residents.import_warnings')}</h3>
          <RowProblems t={t} rows={report.warnings} testid="import-warning-row" />
        </>
      ) : null}
    </section>
  );
}

function ImportPage(p: {
  pc: PageCtx;
  kelurahans: Region[];
  values?: Values;
  failure?: FormFailure;
  report?: ImportReport;
}) {
  const t = p.pc.t;
  const v = p.values ?? {};
  return (
    <Layout pc={p.pc} title={t('siak.import_title')}>
      <h1>{t('siak.import_title')}</h1>
      <p>{t('siak.import_hint')}</p>
      <p>
        <a href="/warga/impor/kolom" data-testid="import-columns-link">
          {t('siak.columns_link')}
        </a>
      </p>
      {p.report ? <ReportView t={t} report={p.report} /> : null}
      <ErrorSummary t={t} errors={p.failure?.errors} message={p.failure?.message} params={p.failure?.params} />
      <Form pc={p.pc} action="/warga/impor" multipart testid="import-form">
        <SelectField
          t={t}
          name="kelurahan"
          label="f.kelurahan"
          value={v.kelurahan ?? (p.kelurahans.length === 1 ? p.kelurahans[0]?.code : undefined)}
          placeholder=""
          options={p.kelurahans.map((k) => ({ value: k.code, label: `${k.name} (${k.code})` }))}
          errors={p.failure?.errors}
        />
        <p class="hint">{t('siak.import_source_hint')}</p>
        <div class={p.failure?.errors.some((e) => e.field === 'file') ? 'form-group form-group--error' : 'form-group'}>
          <label for="f-file">{t('siak.f_file')}</label>
          <input
            id="f-file"
            name="file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          />
        </div>
        <TextArea t={t} name="csv" label="f.csv" value={v.csv} rows={6} optional errors={p.failure?.errors} />
        <div class="form-group">
          <label class="choice" for="f-validOnly">
            <input id="f-validOnly" name="validOnly" type="checkbox" value="1" checked={v.validOnly === '1'} />
            {t('f.valid_only')}
          </label>
        </div>
        <Submit label={t('residents.import_button')} testid="import-submit" />
      </Form>
      <p>
        <a href="/warga">{t('common.back')}</a>
      </p>
    </Layout>
  );
}

/** Reads a multipart (keyValues) or urlencoded field defensively. */
function textField(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return undefined;
}

function readImportBody(raw: unknown) {
  const body: Record<string, unknown> = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const kelurahan = (textField(body, 'kelurahan') ?? '').trim().slice(0, 30);
  const validOnlyRaw = textField(body, 'validOnly');
  const validOnly = validOnlyRaw === '1' || validOnlyRaw === 'on' || validOnlyRaw === 'true';
  const pasted = textField(body, 'csv') ?? '';
  const file = body.file;
  let csv = pasted;
  let xlsx: Buffer | null = null;
  let tooLarge = false;
  if (Buffer.isBuffer(file) && file.length > 0) {
    if (file.length > MAX_IMPORT_CSV_CHARS) tooLarge = true;
    // An XLSX workbook is a zip archive: it starts with "PK\x03\x04".
    else if (file.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) xlsx = file;
    else csv = file.toString('utf8');
  } else if (typeof file === 'string' && file.length > 0) {
    csv = file;
  }
  if (csv.length > MAX_IMPORT_CSV_CHARS) tooLarge = true;
  const source: ImportSource | null = tooLarge ? null : xlsx ? { xlsx } : csv.trim() ? { csv } : null;
  return {
    kelurahan,
    validOnly,
    source,
    tooLarge,
    pasted: pasted.length > MAX_IMPORT_CSV_CHARS ? '' : pasted,
  };
}

const residentValues = (r: Resident): Values => ({
  fullName: r.full_name,
  sex: r.sex,
  birthPlace: r.birth_place,
  birthDate: inputDate(r.birth_date),
  relationship: r.relationship,
  occupation: r.occupation,
  address: r.address,
  ...registerValues(r),
});

export function registerResidentsPages(app: App, s: Services) {
  addMenu(
    app,
    { href: '/warga', key: 'nav.residents', roles: STAFF_ROLES, order: 50 },
    { href: '/saya', key: 'nav.my_record', roles: ['warga'], order: 110 },
  );
  const rtsFor = (req: FastifyRequest) => s.regions.activeRts(req.ctx());
  const kelurahansFor = async (req: FastifyRequest) =>
    (await s.regions.tree(req.ctx(), ['kelurahan'])).filter((r) => r.retired_at === null);

  const searchPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    f: { q?: string | undefined; under?: string | undefined; status?: string | undefined; page: number },
    failure?: FormFailure,
  ) => {
    const q = f.q?.trim() || undefined;
    const [result, rts] = await Promise.all([
      failure ? { rows: [], hasMore: false } : s.residents.search(req.ctx(), { ...f, q }),
      rtsFor(req),
    ]);
    return sendPage(
      reply,
      <SearchPage
        pc={pageCtx(req, reply)}
        result={result}
        rts={rts}
        q={q}
        token={q ? req.sealSearch('warga', q) : undefined}
        under={f.under}
        status={f.status}
        page={f.page}
        failure={failure}
      />,
      failure ? 400 : 200,
    );
  };

  app.get(
    '/warga',
    { config: { access: residentPolicy.view }, schema: { querystring: ResidentsPageQuery } },
    async (req, reply) => {
      if (req.query.q) throw new AppError(400, 'residents.search_by_post');
      const q = req.query.cari ? req.openSearch('warga', req.query.cari) : undefined;
      if (q === null) throw new AppError(400, 'residents.search_expired');
      const page = req.query.page ?? 1;
      return searchPage(req, reply, {
        q,
        under: req.query.under || undefined,
        status: req.query.status || undefined,
        page,
      });
    },
  );
  // The search form: its results are rendered from the POST, and further pages are linked by a sealed token.
  app.post(
    '/warga/cari',
    { config: { access: residentPolicy.view }, attachValidation: true, schema: { body: SearchForm } },
    async (req, reply) => {
      if (req.validationError)
        return searchPage(
          req,
          reply,
          { page: 1 },
          { errors: fieldErrorsFromAjv(req.validationError.validation ?? []) },
        );
      const b = req.body;
      return searchPage(req, reply, {
        q: b.q,
        under: b.under || undefined,
        status: b.status || undefined,
        page: b.page ? Number(b.page) : 1,
      });
    },
  );

  app.get('/warga/baru', { config: { access: residentPolicy.manage } }, async (req, reply) =>
    sendPage(reply, <NewResidentPage pc={pageCtx(req, reply)} rts={await rtsFor(req)} />),
  );
  app.post(
    '/warga',
    { config: { access: residentPolicy.manage }, attachValidation: true, schema: { body: ResidentBody } },
    async (req, reply) => {
      const rts = await rtsFor(req);
      return handleForm(req, reply, {
        render: (failure) => (
          <NewResidentPage pc={pageCtx(req, reply)} rts={rts} values={req.body as Values} failure={failure} />
        ),
        run: () => s.residents.create(req.ctx(), req.body),
        done: (r) => redirectWithFlash(reply, withWarnings(`/warga/${r.id}`, r.warnings), 'flash.saved'),
      });
    },
  );

  app.get('/warga/impor/kolom', { config: { access: residentPolicy.manage } }, async (req, reply) =>
    sendPage(reply, <ImportColumnsPage pc={pageCtx(req, reply)} />),
  );
  app.get('/warga/impor', { config: { access: residentPolicy.manage } }, async (req, reply) =>
    sendPage(reply, <ImportPage pc={pageCtx(req, reply)} kelurahans={await kelurahansFor(req)} />),
  );
  app.post('/warga/impor', { config: { access: residentPolicy.manage } }, async (req, reply) => {
    const kelurahans = await kelurahansFor(req);
    const input = readImportBody(req.body);
    const values: Values = {
      kelurahan: input.kelurahan,
      validOnly: input.validOnly ? '1' : undefined,
      csv: input.pasted,
    };
    return handleForm(req, reply, {
      render: (failure) => (
        <ImportPage pc={pageCtx(req, reply)} kelurahans={kelurahans} values={values} failure={failure} />
      ),
      run: async () => {
        if (!input.kelurahan || !kelurahans.some((k) => k.code === input.kelurahan))
          throw fieldError('kelurahan', 'residents.import_need_kelurahan');
        if (input.tooLarge) throw fieldError('csv', 'siak.import_too_large');
        if (!input.source) throw fieldError('csv', 'siak.import_need_file');
        return s.residents.importFile(req.ctx(), input.kelurahan, input.source, input.validOnly);
      },
      done: (report) =>
        sendPage(
          reply,
          <ImportPage
            pc={pageCtx(req, reply)}
            kelurahans={kelurahans}
            values={report.written ? { kelurahan: input.kelurahan } : values}
            report={report}
          />,
          !report.written && report.refused.length && !input.validOnly ? 422 : 200,
        ),
    });
  });

  app.get(
    '/warga/:id',
    { config: { access: residentPolicy.view }, schema: { params: IdParam, querystring: DetailQuery } },
    async (req, reply) => {
      const view = await s.residents.view(req.ctx(), req.params.id);
      const pc = pageCtx(req, reply);
      const rts = canManage(pc) ? await rtsFor(req) : [];
      return sendPage(reply, <DetailPage pc={pc} view={view} rts={rts} warnings={warningsFrom(req.query.w)} />);
    },
  );

  app.get(
    '/warga/:id/lengkap',
    { config: { access: residentPolicy.view }, schema: { params: IdParam } },
    async (req, reply) => {
      const r = await s.residents.viewFull(req.ctx(), req.params.id);
      reply.header('cache-control', 'no-store');
      return sendPage(reply, <FullPage pc={pageCtx(req, reply)} r={r} />);
    },
  );

  app.get(
    '/warga/:id/ubah',
    { config: { access: residentPolicy.manage }, schema: { params: IdParam } },
    async (req, reply) => {
      const { resident } = await s.residents.view(req.ctx(), req.params.id);
      return sendPage(
        reply,
        <EditResidentPage
          pc={pageCtx(req, reply)}
          id={resident.id}
          name={resident.full_name}
          values={residentValues(resident)}
        />,
      );
    },
  );
  app.post(
    '/warga/:id/ubah',
    {
      config: { access: residentPolicy.manage },
      attachValidation: true,
      schema: { params: IdParam, body: ResidentEditBody },
    },
    async (req, reply) => {
      if (!Number.isInteger(req.params?.id)) throw notFound();
      const { resident } = await s.residents.view(req.ctx(), req.params.id);
      return handleForm(req, reply, {
        render: (failure) => (
          <EditResidentPage
            pc={pageCtx(req, reply)}
            id={resident.id}
            name={resident.full_name}
            values={(req.body ?? {}) as Values}
            failure={failure}
          />
        ),
        run: () => s.residents.update(req.ctx(), resident.id, req.body),
        done: (r) => redirectWithFlash(reply, withWarnings(`/warga/${resident.id}`, r.warnings), 'flash.saved'),
      });
    },
  );

  app.post(
    '/warga/:id/status',
    {
      config: { access: residentPolicy.manage },
      attachValidation: true,
      schema: { params: IdParam, body: StatusBody },
    },
    async (req, reply) => {
      if (!Number.isInteger(req.params?.id)) throw notFound();
      const view = await s.residents.view(req.ctx(), req.params.id);
      const rts = await rtsFor(req);
      return handleForm(req, reply, {
        render: (failure) => (
          <DetailPage
            pc={pageCtx(req, reply)}
            view={view}
            rts={rts}
            form="status"
            values={(req.body ?? {}) as Values}
            failure={failure}
          />
        ),
        run: () => s.residents.changeStatus(req.ctx(), view.resident.id, req.body),
        done: () => redirectWithFlash(reply, `/warga/${view.resident.id}`, 'flash.saved'),
      });
    },
  );

  app.post(
    '/warga/:id/pindah',
    { config: { access: residentPolicy.manage }, attachValidation: true, schema: { params: IdParam, body: MoveBody } },
    async (req, reply) => {
      if (!Number.isInteger(req.params?.id)) throw notFound();
      const view = await s.residents.view(req.ctx(), req.params.id);
      const rts = await rtsFor(req);
      return handleForm(req, reply, {
        render: (failure) => (
          <DetailPage
            pc={pageCtx(req, reply)}
            view={view}
            rts={rts}
            form="move"
            values={(req.body ?? {}) as Values}
            failure={failure}
          />
        ),
        run: () => s.residents.moveFamily(req.ctx(), view.resident.id, req.body.rtCode),
        done: () => redirectWithFlash(reply, `/warga/${view.resident.id}`, 'flash.saved'),
      });
    },
  );

  app.get('/saya', { config: { access: residentPolicy.viewOwn } }, async (req, reply) => {
    const ctx = req.ctx();
    const view = ctx.scope.residentId === null ? null : await s.residents.view(ctx, ctx.scope.residentId);
    return sendPage(reply, <MyRecordPage pc={pageCtx(req, reply)} view={view} />);
  });
}
