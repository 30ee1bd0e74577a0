// E-Surat pages: /surat (home with the counters), /surat/masuk (list; search by POST /surat/masuk/cari so the
// text stays out of URLs), /surat/masuk/baru (the TU's register form, multipart, no script needed),
// /surat/masuk/:id (detail; opening records the read receipt) and its PDF.
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendStoredFile } from '../../kernel/files/serve.js';
import type { FormFailure } from '../../http/forms.js';
import { IdParam, type App } from '../../http/types.js';
import { AppError } from '../../lib/errors.js';
import { ErrorSummary, Form, SelectField, Submit, TextArea, TextField } from '../../ui/forms.js';
import { formatTime } from '../../ui/format.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, redirectWithFlash, sendPage } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { formatDay, names, NaskahTable } from './page-parts.js';
import { DispositionSection, registerDispositionPages, type FormState } from './pages-dispositions.js';
import { KeluarCounters } from './pages-keluar.js';
import { correspondencePolicy as P } from './policy.js';
import { NUMBER_MAX, PERIHAL_MAX, SEARCH_MAX, SENDER_MAX } from './rules.js';

const newKey = () => randomUUID().replace(/-/g, '');
type Values = Record<string, string | undefined>;
const FIELDS = [
  'idempotencyKey',
  'unitId',
  'senderInstansi',
  'senderName',
  'senderNumber',
  'senderDate',
  'receivedDate',
  'perihal',
  'classificationCode',
  'urgency',
  'securityClass',
  'kindCode',
  'confirmDuplicate',
] as const;

export function registerCorrespondencePages(app: App, s: Services) {
  const S = s.correspondence;
  const ref = S.reference;
  const n = names(ref);

  app.get('/surat', { config: { access: P.view } }, async (req, reply) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const ctx = req.ctx();
    const [unread, units, dc, pending, kq, isHead] = await Promise.all([
      S.unreadCount(ctx),
      S.registerableUnits(ctx),
      S.dispositions.counters(ctx),
      S.pantau.pendingForMe(ctx),
      S.keluar.queues(ctx),
      S.pantau.isHead(ctx),
    ]);
    return sendPage(
      reply,
      <Layout pc={pc} title={t('surat.home_title')}>
        <h1>{t('surat.home_title')}</h1>
        <p>{t('surat.home_intro')}</p>
        <ul class="counters" data-testid="surat-counters">
          <li data-testid="surat-counter-unread">
            <a href="/surat/masuk">
              <strong>{unread}</strong> {t('surat.unread')}
            </a>
          </li>
          {/* /surat/pantau is a head's page (civil servants only): no link to it for whoever cannot use it. */}
          {isHead ? (
            <li data-testid="surat-counter-pending">
              <a href="/surat/pantau">
                <strong>{pending}</strong> {t('tenggat.counter_pending')}
              </a>
            </li>
          ) : null}
          <li data-testid="surat-counter-dispositions-unread">
            <a href="/surat/disposisi">
              <strong>{dc.unread}</strong> {t('disposisi.counter_unread')}
            </a>
          </li>
          <li data-testid="surat-counter-dispositions-overdue">
            <a href="/surat/disposisi">
              <strong>{dc.overdue}</strong> {t('disposisi.counter_overdue')}
            </a>
          </li>
          <KeluarCounters t={t} q={kq} />
        </ul>
        <ul>
          <li>
            <a href="/surat/masuk">{t('surat.link_incoming')}</a>
          </li>
          <li>
            <a href="/surat/keluar/daftar" data-testid="surat-link-keluar-list">
              {t('keluar.list_title')}
            </a>
          </li>
          <li>
            <a href="/surat/disposisi">{t('disposisi.mine_title')}</a>
          </li>
          {units.length ? (
            <li>
              <a href="/surat/masuk/baru" data-testid="surat-link-register">
                {t('surat.link_register')}
              </a>
            </li>
          ) : null}
          <li>
            <a href="/surat/agenda">{t('surat.link_agenda')}</a>
          </li>
          {pc.user?.role === 'admin_kota' ? (
            <li>
              <a href="/surat/meja-tu">{t('surat.link_desks')}</a>
            </li>
          ) : null}
        </ul>
      </Layout>,
    );
  });

  const renderList = async (req: FastifyRequest, reply: FastifyReply, q?: string, status = 200) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const page = Number((req.query as { page?: number } | undefined)?.page ?? 1);
    const bad = q !== undefined && (!q.trim() || q.length > SEARCH_MAX);
    const r = bad ? { items: [], hasMore: false } : await S.list(req.ctx(), { q, page: q ? 1 : page });
    const title = t('surat.incoming_title');
    return sendPage(
      reply,
      <Layout pc={pc} title={title}>
        <h1>{title}</h1>
        <ErrorSummary
          t={t}
          errors={bad ? [{ field: 'q', key: 'surat.err.required', params: { max: SEARCH_MAX } }] : undefined}
        />
        <Form pc={pc} action="/surat/masuk/cari" testid="naskah-search-form" class="filters">
          <TextField
            t={t}
            name="q"
            label="surat.search_title"
            hint="surat.search_hint"
            value={q}
            maxLength={SEARCH_MAX}
            testid="naskah-search-q"
            errors={bad ? [{ field: 'q', key: 'surat.err.required', params: { max: SEARCH_MAX } }] : undefined}
          />
          <Submit label={t('surat.search')} variant="secondary" testid="naskah-search-submit" />
        </Form>
        {q && !bad ? <h2>{t('surat.search_results', { q })}</h2> : null}
        {r.items.length ? (
          <NaskahTable pc={pc} items={r.items} ref={ref} testid="naskah-list" />
        ) : (
          <p data-testid="naskah-none">{t(q ? 'surat.none_found' : 'surat.none')}</p>
        )}
        {!q && r.hasMore ? (
          <p>
            <a href={`/surat/masuk?page=${page + 1}`}>{t('common.next')}</a>
          </p>
        ) : null}
      </Layout>,
      bad ? 400 : status,
    );
  };
  app.get('/surat/masuk', { config: { access: P.view } }, (req, reply) => {
    const page = (req.query as { page?: string } | undefined)?.page;
    if (page !== undefined && !/^[1-9]\d{0,3}$/.test(page)) (req.query as { page?: number }).page = 1;
    return renderList(req, reply);
  });
  app.post('/surat/masuk/cari', { config: { access: P.view } }, (req, reply) => {
    const q = (req.body as { q?: unknown } | undefined)?.q;
    return renderList(req, reply, typeof q === 'string' ? q : '');
  });

  const renderNew = async (
    req: FastifyRequest,
    reply: FastifyReply,
    st: { values?: Values; failure?: FormFailure; status?: number } = {},
  ) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const ctx = req.ctx();
    const units = await S.registerableUnits(ctx);
    const codes = units.length ? await S.classificationCodes() : [];
    const v = st.values ?? {};
    const errs = st.failure?.errors;
    const dup = errs?.find((e) => e.field === 'confirmDuplicate');
    const maxMb = `${Math.round((S.pdfMaxBytes / 1024 / 1024) * 10) / 10} MB`;
    const title = t('surat.new_title');
    return sendPage(
      reply,
      <Layout pc={pc} title={title}>
        <h1>{title}</h1>
        <ErrorSummary t={t} errors={errs} message={st.failure?.message} params={st.failure?.params} />
        {!units.length ? (
          <p data-testid="naskah-no-units">{t('surat.no_units')}</p>
        ) : (
          <>
            <p>{t('surat.new_intro')}</p>
            <Form pc={pc} action="/surat/masuk/baru" multipart testid="naskah-register-form">
              <input type="hidden" name="idempotencyKey" value={v.idempotencyKey || newKey()} />
              <SelectField
                t={t}
                name="unitId"
                label="pegawai.f.unit"
                errors={errs}
                value={v.unitId ?? (units.length === 1 ? String(units[0]!.id) : undefined)}
                placeholder={t('surat.choose')}
                options={units.map((u) => ({ value: String(u.id), label: u.name }))}
                testid="naskah-unit"
              />
              <TextField
                t={t}
                name="senderInstansi"
                label="f.senderInstansi"
                errors={errs}
                value={v.senderInstansi}
                maxLength={SENDER_MAX}
                testid="naskah-sender-instansi"
              />
              <TextField
                t={t}
                name="senderName"
                label="f.senderName"
                hint="surat.sender_name_hint"
                optional
                errors={errs}
                value={v.senderName}
                maxLength={SENDER_MAX}
                testid="naskah-sender-name"
              />
              <TextField
                t={t}
                name="senderNumber"
                label="f.senderNumber"
                errors={errs}
                value={v.senderNumber}
                maxLength={NUMBER_MAX}
                testid="naskah-sender-number"
              />
              <TextField
                t={t}
                name="senderDate"
                label="f.senderDate"
                type="date"
                errors={errs}
                value={v.senderDate}
                testid="naskah-sender-date"
              />
              <TextField
                t={t}
                name="receivedDate"
                label="f.receivedDate"
                type="date"
                errors={errs}
                value={v.receivedDate ?? S.today()}
                testid="naskah-received-date"
              />
              <TextArea
                t={t}
                name="perihal"
                label="f.perihal"
                errors={errs}
                value={v.perihal}
                rows={2}
                maxLength={PERIHAL_MAX}
                testid="naskah-perihal"
              />
              <SelectField
                t={t}
                name="kindCode"
                label="f.kindCode"
                errors={errs}
                value={v.kindCode}
                placeholder={t('surat.choose')}
                options={ref.kinds.map((k) => ({ value: k.code, label: k.name }))}
                testid="naskah-kind"
              />
              <SelectField
                t={t}
                name="classificationCode"
                label="f.classificationCode"
                hint="surat.classification_hint"
                errors={errs}
                value={v.classificationCode}
                placeholder={t('surat.choose')}
                options={codes.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))}
                testid="naskah-classification"
              />
              <SelectField
                t={t}
                name="urgency"
                label="f.urgency"
                errors={errs}
                value={v.urgency ?? 'biasa'}
                options={ref.urgency.map((u) => ({ value: u.code, label: u.name }))}
                testid="naskah-urgency"
              />
              <SelectField
                t={t}
                name="securityClass"
                label="f.securityClass"
                errors={errs}
                value={v.securityClass ?? 'biasa'}
                options={ref.security.map((u) => ({ value: u.code, label: u.name }))}
                testid="naskah-security"
              />
              <div class={errs?.some((e) => e.field === 'pdf') ? 'form-group form-group--error' : 'form-group'}>
                <label for="f-pdf">{t('f.pdf')}</label>
                <div class="hint" id="f-pdf-hint">
                  {t('surat.pdf_hint', { max: maxMb })}
                </div>
                {errs?.find((e) => e.field === 'pdf') ? (
                  <p class="error-message" id="f-pdf-error">
                    {t(errs.find((e) => e.field === 'pdf')!.key, errs.find((e) => e.field === 'pdf')!.params)}
                  </p>
                ) : null}
                <input
                  id="f-pdf"
                  name="pdf"
                  type="file"
                  accept="application/pdf"
                  aria-describedby="f-pdf-hint"
                  data-testid="naskah-pdf"
                />
              </div>
              {dup ? (
                <div class="form-group form-group--error" data-testid="naskah-duplicate-warning">
                  <h2>{t('surat.duplicate_title')}</h2>
                  <p class="error-message">{t(dup.key, dup.params)}</p>
                  <label>
                    <input
                      type="checkbox"
                      id="f-confirmDuplicate"
                      name="confirmDuplicate"
                      value="1"
                      data-testid="naskah-confirm-duplicate"
                    />{' '}
                    {t('f.confirmDuplicate')}
                  </label>
                </div>
              ) : null}
              <Submit label={t('surat.submit')} testid="naskah-register-submit" />
            </Form>
          </>
        )}
      </Layout>,
      st.status ?? 200,
    );
  };
  app.get('/surat/masuk/baru', { config: { access: P.register } }, (req, reply) => renderNew(req, reply));
  // No body schema: multipart arrives as key/values (the PDF as a Buffer) and is checked by the use case.
  app.post(
    '/surat/masuk/baru',
    {
      config: {
        access: P.register,
        multipartOptions: { limits: { files: 1, fileSize: S.pdfMaxBytes + 1, fields: 20 } },
      },
    },
    async (req, reply) => {
      const b = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
      const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
      const values: Values = Object.fromEntries(FIELDS.map((k) => [k, str(k)]));
      try {
        const r = await S.registerIncoming(req.ctx(), {
          idempotencyKey: values.idempotencyKey!,
          unitId: /^\d{1,9}$/.test(values.unitId!) ? Number(values.unitId) : 0,
          senderInstansi: values.senderInstansi!,
          senderName: values.senderName!,
          senderNumber: values.senderNumber!,
          senderDate: values.senderDate!,
          receivedDate: values.receivedDate!,
          perihal: values.perihal!,
          classificationCode: values.classificationCode!,
          urgency: values.urgency!,
          securityClass: values.securityClass!,
          kindCode: values.kindCode!,
          confirmDuplicate: values.confirmDuplicate === '1',
          pdf: Buffer.isBuffer(b.pdf) ? b.pdf : undefined,
        });
        return redirectWithFlash(reply, `/surat/masuk/${r.id}`, 'surat.registered');
      } catch (err) {
        if (err instanceof AppError && err.status < 500 && ![401, 403, 404].includes(err.status))
          return renderNew(req, reply, {
            values,
            failure: { errors: err.fields, message: err.fields.length ? undefined : err.key, params: err.params },
            status: err.status,
          });
        throw err;
      }
    },
  );

  const maxMb = `${Math.round((S.pdfMaxBytes / 1024 / 1024) * 10) / 10} MB`;
  /** The naskah page; opening it is the read receipt (of the naskah and of the dispositions addressed to them). */
  const renderDetail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    st: FormState & { status?: number } = {},
  ) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const { naskah: x, readers } = await S.open(req.ctx(), id);
    const textLayer = (await S.search.textStatus(id)).find((r) => r.file_id === x.file_id)?.status;
    const tree = await S.dispositions.tree(req.ctx(), id);
    const title = t('surat.detail_title', { agenda: x.agenda_number ?? String(x.id) });
    const row = (label: Parameters<typeof t>[0], value: unknown, testid?: string) => (
      <>
        <dt>{t(label)}</dt>
        <dd data-testid={testid}>{value}</dd>
      </>
    );
    return sendPage(
      reply,
      <Layout pc={pc} title={title}>
        <h1 data-testid="naskah-title">{title}</h1>
        <p data-testid="naskah-perihal">{x.perihal}</p>
        <dl class="summary" data-testid="naskah-detail">
          {row('surat.d_unit', x.unit_name)}
          {row('surat.d_sender', [x.sender_instansi, x.sender_name].filter(Boolean).join(' — '))}
          {row('surat.d_number_date', `${x.sender_number ?? ''}, ${formatDay(x.sender_date, pc.locale)}`)}
          {row('surat.d_received', formatDay(x.received_date, pc.locale))}
          {row('surat.d_kind', n.kind(x.kind_code))}
          {row('surat.d_classification', `${x.classification_code} ${x.classification_name}`)}
          {row(
            'surat.d_retention',
            x.retention_final
              ? `${t('surat.d_retention_value', {
                  active: x.retention_active_years ?? 0,
                  inactive: x.retention_inactive_years ?? 0,
                  final: t(`surat.final.${x.retention_final}`),
                })} (${t(x.retention_source === 'kota' ? 'surat.d_retention_city' : 'surat.d_retention_default')})`
              : t('surat.d_retention_none'),
            'naskah-retention',
          )}
          {row('surat.d_security', n.security(x.security_class), 'naskah-security')}
          {row('surat.d_urgency', n.urgency(x.urgency))}
          {row('surat.d_sha256', <code>{x.file_sha256}</code>)}
          {row('surat.d_registered', `${x.created_by_name}, ${formatTime(x.created_at, pc)}`)}
        </dl>
        {/* A refused disposition form (dispose, withdraw, report, close) comes back here with its errors. */}
        <ErrorSummary t={t} errors={st.failure?.errors} message={st.failure?.message} params={st.failure?.params} />
        {x.duplicate_of_id ? <p>{t('surat.d_duplicate')}</p> : null}
        <p>
          <a class="button button--secondary" href={`/surat/masuk/${x.id}/pdf`} data-testid="naskah-download">
            {t('surat.d_download')}
          </a>{' '}
          <a class="button button--secondary" href={`/surat/masuk/${x.id}/ekspor`} data-testid="naskah-export">
            {t('berkas.export')}
          </a>
        </p>
        {textLayer ? (
          <p class="hint" data-testid="naskah-text-status">
            {t(`cari.text_${textLayer}`)}
          </p>
        ) : null}
        <h2>{t('surat.d_readers')}</h2>
        <ul data-testid="naskah-readers">
          {readers.map((r) => (
            <li>
              {r.full_name} — {formatTime(r.read_at, pc)}
            </li>
          ))}
        </ul>
        <DispositionSection pc={pc} tree={tree} st={st} maxMb={maxMb} instructions={ref.instructions} />
      </Layout>,
      st.status ?? 200,
    );
  };
  app.get('/surat/masuk/:id', { config: { access: P.view }, schema: { params: IdParam } }, (req, reply) =>
    renderDetail(req, reply, req.params.id),
  );
  registerDispositionPages(app, s, renderDetail);
  app.get('/surat/masuk/:id/pdf', { config: { access: P.view }, schema: { params: IdParam } }, async (req, reply) => {
    const f = await S.file(req.ctx(), req.params.id);
    return sendStoredFile(reply, f, f.name);
  });
}
