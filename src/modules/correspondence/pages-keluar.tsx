// Naskah keluar pages: /surat/keluar (the four queues and my drafts), /surat/keluar/baru (draft from the kind's
// template, multipart for attachments), /surat/keluar/:id (text, diff between versions, routing trail, the form of
// the current step, revise after a return, sign, send), the signed PDF, and /surat/keluar/alur (default routing
// per kind and unit, for heads and the city admin). Every form works without script (POST + redirect).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { sendStoredFile } from '../../kernel/files/serve.js';
import type { FormFailure } from '../../http/forms.js';
import { IdParam, type App } from '../../http/types.js';
import { AppError } from '../../lib/errors.js';
import { ErrorSummary, Form, SelectField, Submit, TextArea, TextField } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, redirectWithFlash, sendPage } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { names } from './page-parts.js';
import { correspondencePolicy as P } from './policy.js';
import { DiffView, QueueList, RoutingTrail } from './pages-keluar-parts.js';
import { BODY_MAX, templateOf, type AddresseeInput } from './keluar-service.js';

type Values = Record<string, string | string[]>;
const body = (req: FastifyRequest) =>
  (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
const str = (b: Record<string, unknown>, k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : [];
const num = (s: string) => (/^\d{1,9}$/.test(s) ? Number(s) : 0);
const failureOf = (err: unknown): FormFailure | null =>
  err instanceof AppError && err.status < 500 && ![401, 403, 404].includes(err.status)
    ? { errors: err.fields, message: err.fields.length ? undefined : err.key, params: err.params }
    : null;
/** "Nama | Alamat | email" a line → external addressees. */
function externalOf(text: string): AddresseeInput[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [name = '', address = '', email = ''] = l.split('|').map((s) => s.trim());
      return { type: 'external' as const, name, address, email };
    });
}

export function registerKeluarPages(app: App, s: Services) {
  const S = s.correspondence;
  const K = S.keluar;
  const nm = names(S.reference);

  app.get('/surat/keluar', { config: { access: P.register } }, async (req, reply) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const [q, mine, defUnits] = await Promise.all([K.queues(req.ctx()), K.mine(req.ctx()), K.defaultUnits(req.ctx())]);
    return sendPage(
      reply,
      <Layout pc={pc} title={t('keluar.home_title')}>
        <h1>{t('keluar.home_title')}</h1>
        <p>
          <a class="button" href="/surat/keluar/baru" data-testid="keluar-new">
            {t('keluar.new')}
          </a>
        </p>
        {defUnits.length ? (
          <p>
            <a href="/surat/keluar/alur">{t('keluar.defaults_title')}</a>
          </p>
        ) : null}
        <QueueList pc={pc} rows={q.tandatangan} testid="queue-tandatangan" title={t('keluar.q_sign')} />
        <QueueList pc={pc} rows={q.verifikasi} testid="queue-verifikasi" title={t('keluar.q_verify')} />
        <QueueList pc={pc} rows={q.tembusan} testid="queue-tembusan" title={t('keluar.q_copies')} />
        <QueueList pc={pc} rows={q.belum_kirim} testid="queue-belum-kirim" title={t('keluar.q_unsent')} />
        <QueueList pc={pc} rows={mine} testid="queue-mine" title={t('keluar.q_mine')} />
      </Layout>,
    );
  });

  // ── Drafting ──
  const renderNew = async (
    req: FastifyRequest,
    reply: FastifyReply,
    v: Values,
    failure?: FormFailure,
    status = 200,
  ) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const ctx = req.ctx();
    const units = await K.draftableUnits(ctx);
    // No unit to draft for (no staff-register record, or its unit closed): no form (the draft would be refused).
    if (!units.length)
      return sendPage(
        reply,
        <Layout pc={pc} title={t('keluar.new')}>
          <h1>{t('keluar.new')}</h1>
          <p data-testid="keluar-no-units">{t('keluar.no_units')}</p>
        </Layout>,
        status,
      );
    const unitId = num(String(v.unitId ?? '')) || units[0]?.id || 0;
    const kind = typeof v.kindCode === 'string' && v.kindCode ? v.kindCode : 'surat_biasa';
    const defaults = unitId ? await K.defaults(unitId, kind) : [];
    const routing =
      typeof v.routing === 'string'
        ? v.routing
        : defaults.map((d) => `${d.role} ${d.nip ?? d.staff_number ?? ''}`).join('\n');
    const cityUnits = await K.addresseeUnits(ctx);
    const chosen = new Set(list(v.internal));
    const errs = failure?.errors;
    const str1 = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : '');
    return sendPage(
      reply,
      <Layout pc={pc} title={t('keluar.new')}>
        <ErrorSummary t={t} errors={errs} message={failure?.message} params={failure?.params ?? {}} />
        <h1>{t('keluar.new')}</h1>
        <Form pc={pc} action="/surat/keluar/baru" testid="keluar-kind-form">
          <p class="hint">{t('keluar.kind_hint')}</p>
          <SelectField
            t={t}
            name="unitId"
            id="pick-unit"
            label="pegawai.f.unit"
            value={String(unitId)}
            options={units.map((u) => ({ value: String(u.id), label: u.name }))}
          />
          <SelectField
            t={t}
            name="kindCode"
            id="pick-kind"
            label="f.kindCode"
            value={kind}
            options={S.reference.kinds.map((k) => ({ value: k.code, label: k.name }))}
            testid="keluar-pick-kind"
          />
          <input type="hidden" name="pick" value="1" />
          <Submit label={t('keluar.use_template')} variant="secondary" testid="keluar-use-template" />
        </Form>
        <Form pc={pc} action="/surat/keluar/baru" multipart testid="keluar-form">
          <input
            type="hidden"
            name="idempotencyKey"
            value={str1('idempotencyKey') || randomBytes(12).toString('hex')}
          />
          <input type="hidden" name="unitId" value={String(unitId)} />
          <input type="hidden" name="kindCode" value={kind} />
          <p>{t('keluar.for_unit', { unit: units.find((u) => u.id === unitId)?.name ?? '-', kind: nm.kind(kind) })}</p>
          <TextField
            t={t}
            name="perihal"
            label="f.perihal"
            errors={errs}
            value={str1('perihal')}
            maxLength={500}
            testid="keluar-perihal"
          />
          <TextField
            t={t}
            name="classificationCode"
            label="f.classificationCode"
            errors={errs}
            value={str1('classificationCode')}
            testid="keluar-classification"
          />
          <SelectField
            t={t}
            name="securityClass"
            label="f.securityClass"
            errors={errs}
            value={str1('securityClass') || 'biasa'}
            options={S.reference.security.map((x) => ({ value: x.code, label: x.name }))}
          />
          <SelectField
            t={t}
            name="urgency"
            label="f.urgency"
            errors={errs}
            value={str1('urgency') || 'biasa'}
            options={S.reference.urgency.map((x) => ({ value: x.code, label: x.name }))}
          />
          <fieldset
            class={errs?.some((e) => e.field === 'addressees') ? 'form-group form-group--error' : 'form-group'}
            id="f-addressees"
          >
            <legend>{t('f.addressees')}</legend>
            {errs
              ?.filter((e) => e.field === 'addressees')
              .map((e) => (
                <p class="error-message">{t(e.key, e.params)}</p>
              ))}
            <label for="f-internal">{t('keluar.internal')}</label>
            <select
              id="f-internal"
              name="internal"
              multiple
              size={Math.min(6, Math.max(2, cityUnits.length))}
              data-testid="keluar-internal"
            >
              {cityUnits.map((u) => (
                <option value={String(u.id)} selected={chosen.has(String(u.id))}>
                  {u.name}
                </option>
              ))}
            </select>
          </fieldset>
          <TextArea
            t={t}
            name="external"
            label="f.external"
            hint="keluar.external_hint"
            optional
            errors={errs}
            value={str1('external')}
            rows={2}
            testid="keluar-external"
          />
          <TextArea
            t={t}
            name="body"
            label="f.body"
            errors={errs}
            value={str1('body') || templateOf(kind)}
            rows={12}
            maxLength={BODY_MAX}
            testid="keluar-body"
          />
          <TextArea
            t={t}
            name="routing"
            label="f.routing"
            hint="keluar.routing_hint"
            errors={errs}
            value={routing}
            rows={5}
            testid="keluar-routing"
          />
          <TextField
            t={t}
            name="replyToId"
            label="f.replyToId"
            hint="keluar.reply_hint"
            optional
            errors={errs}
            value={str1('replyToId')}
            inputmode="numeric"
          />
          <div class="form-group" id="f-attachments">
            <label for="f-attachment">
              {t('f.attachments')} {t('common.optional')}
            </label>
            {errs
              ?.filter((e) => e.field === 'attachments')
              .map((e) => (
                <p class="error-message">{t(e.key, e.params)}</p>
              ))}
            <input id="f-attachment" name="attachment" type="file" accept="application/pdf" multiple />
          </div>
          <Submit label={t('keluar.submit_draft')} testid="keluar-submit" />
        </Form>
      </Layout>,
      status,
    );
  };
  const multipart = { limits: { files: 10, fileSize: S.pdfMaxBytes + 1, fields: 30 } };
  app.get('/surat/keluar/baru', { config: { access: P.register } }, async (req, reply) =>
    renderNew(req, reply, {
      unitId: str(req.query as Record<string, unknown>, 'unit'),
      kindCode: str(req.query as Record<string, unknown>, 'jenis'),
    }),
  );
  app.post(
    '/surat/keluar/baru',
    { config: { access: P.register, multipartOptions: multipart } },
    async (req, reply) => {
      const b = body(req);
      const values: Values = {};
      for (const k of [
        'idempotencyKey',
        'unitId',
        'kindCode',
        'perihal',
        'classificationCode',
        'securityClass',
        'urgency',
        'external',
        'body',
        'routing',
        'replyToId',
      ])
        values[k] = str(b, k);
      values.internal = list(b.internal);
      if (str(b, 'pick'))
        return reply.redirect(
          `/surat/keluar/baru?unit=${num(values.unitId as string)}&jenis=${encodeURIComponent(values.kindCode as string)}`,
          303,
        );
      const pdfs = (Array.isArray(b.attachment) ? b.attachment : [b.attachment]).filter(
        (x): x is Buffer => Buffer.isBuffer(x) && x.length > 0,
      );
      try {
        const routing = await K.parseRouting(req.ctx(), values.routing as string);
        const r = await K.draft(req.ctx(), {
          idempotencyKey: values.idempotencyKey as string,
          unitId: num(values.unitId as string),
          kindCode: values.kindCode as string,
          perihal: values.perihal as string,
          classificationCode: values.classificationCode as string,
          securityClass: values.securityClass as string,
          urgency: values.urgency as string,
          addressees: [
            ...(values.internal as string[]).map((u) => ({ type: 'internal' as const, unitId: num(u) })),
            ...externalOf(values.external as string),
          ],
          body: values.body as string,
          replyToId: num(values.replyToId as string) || null,
          routing,
          attachments: pdfs.map((content, i) => ({ name: `lampiran-${i + 1}.pdf`, content })),
        });
        return redirectWithFlash(reply, `/surat/keluar/${r.id}`, 'keluar.drafted');
      } catch (err) {
        const f = failureOf(err);
        if (!f) throw err;
        return renderNew(req, reply, values, f, (err as AppError).status);
      }
    },
  );

  // ── One naskah ──
  const renderDetail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    failure?: FormFailure,
    status = 200,
    values: Values = {},
  ) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const x = await K.detail(req.ctx(), id);
    const n = x.naskah;
    const q = req.query as Record<string, unknown>;
    const last = x.versions[x.versions.length - 1]!;
    const to = num(str(q, 'ke')) || last.version;
    const from = num(str(q, 'dari')) || to - 1;
    const a = x.versions.find((v) => v.version === from);
    const b = x.versions.find((v) => v.version === to);
    const errs = failure?.errors;
    const rounds = [...new Set(x.steps.map((st) => st.round))].sort((p1, p2) => p2 - p1);
    const me = req.ctx().scope.userId;
    return sendPage(
      reply,
      <Layout pc={pc} title={n.perihal}>
        <ErrorSummary t={t} errors={errs} message={failure?.message} params={failure?.params ?? {}} />
        <h1 data-testid="keluar-perihal-title">{n.perihal}</h1>
        <dl class="summary-list" data-testid="keluar-details">
          <div>
            <dt>{t('keluar.d_status')}</dt>
            <dd data-testid="keluar-status">{t(`keluar.nstatus.${n.status}`)}</dd>
          </div>
          <div>
            <dt>{t('keluar.d_number')}</dt>
            <dd data-testid="keluar-number">{n.letter_number ?? t('keluar.no_number')}</dd>
          </div>
          <div>
            <dt>{t('f.kindCode')}</dt>
            <dd>{nm.kind(n.kind_code)}</dd>
          </div>
          <div>
            <dt>{t('f.classificationCode')}</dt>
            <dd>
              {n.classification_code} {n.classification_name}
            </dd>
          </div>
          <div>
            <dt>{t('f.securityClass')}</dt>
            <dd>{nm.security(n.security_class)}</dd>
          </div>
          <div>
            <dt>{t('f.urgency')}</dt>
            <dd>{nm.urgency(n.urgency)}</dd>
          </div>
          <div>
            <dt>{t('keluar.d_version')}</dt>
            <dd data-testid="keluar-version">{n.current_version}</dd>
          </div>
        </dl>
        {n.file_id ? (
          <p>
            <a href={`/surat/keluar/${id}/pdf`} data-testid="keluar-pdf">
              {t('keluar.download_pdf')}
            </a>{' '}
            · <a href={`/v/${n.verify_code}`}>{t('keluar.verify_link')}</a>
          </p>
        ) : null}
        <h2>{t('keluar.text_title', { version: last.version })}</h2>
        <div class="letter-text" data-testid="keluar-body-text">
          {last.body.split('\n').map((l) => (l.trim() ? <p>{l}</p> : null))}
        </div>
        {x.attachments.length ? (
          <ul>
            {x.attachments.map((f) => (
              <li>
                {f.name} (v{f.version}, SHA-256 {f.sha256.slice(0, 12)})
              </li>
            ))}
          </ul>
        ) : null}
        {a && b ? <DiffView pc={pc} ops={K.diff(a.body, b.body)} from={from} to={to} /> : null}
        {x.current && x.canAct && x.current.role !== 'tandatangan' ? (
          <Form pc={pc} action={`/surat/keluar/${id}/aksi`} testid="act-form">
            <h2>{t('keluar.act_title')}</h2>
            <input type="hidden" name="stepId" value={String(x.current.id)} />
            <TextArea
              t={t}
              name="comment"
              label="f.comment"
              hint="keluar.comment_hint"
              optional
              errors={errs}
              value={typeof values.comment === 'string' ? values.comment : ''}
              rows={3}
              maxLength={2000}
              testid="act-comment"
            />
            {x.current.role === 'paraf' ? (
              <button type="submit" name="act" value="paraf" class="button" data-testid="act-paraf">
                {t('keluar.act_paraf')}
              </button>
            ) : (
              <button type="submit" name="act" value="pendapat" class="button" data-testid="act-pendapat">
                {t('keluar.act_pendapat')}
              </button>
            )}{' '}
            <button
              type="submit"
              name="act"
              value="kembalikan"
              class="button button--secondary"
              data-testid="act-return"
            >
              {t('keluar.act_return')}
            </button>
          </Form>
        ) : null}
        {x.current && x.canAct && x.current.role === 'tandatangan' ? (
          <Form pc={pc} action={`/surat/keluar/${id}/tandatangan`} testid="sign-form">
            <h2>{t('keluar.sign_title')}</h2>
            <p>{t('keluar.sign_intro')}</p>
            <Submit label={t('keluar.sign_submit')} testid="sign-submit" />
          </Form>
        ) : null}
        {x.current && x.canAct && x.current.role === 'tandatangan' ? (
          <Form pc={pc} action={`/surat/keluar/${id}/aksi`} testid="signer-return-form">
            <input type="hidden" name="stepId" value={String(x.current.id)} />
            <TextArea t={t} name="comment" id="signer-comment" label="f.comment" rows={2} maxLength={2000} />
            <button type="submit" name="act" value="kembalikan" class="button button--secondary">
              {t('keluar.act_return')}
            </button>
          </Form>
        ) : null}
        {n.status === 'draf' && n.created_by === me ? (
          <Form pc={pc} action={`/surat/keluar/${id}/revisi`} multipart testid="revise-form">
            <h2>{t('keluar.revise_title')}</h2>
            <p>{t('keluar.revise_intro')}</p>
            <input type="hidden" name="fromVersion" value={String(last.version)} />
            <TextField
              t={t}
              name="perihal"
              id="revise-perihal"
              label="f.perihal"
              errors={errs}
              value={typeof values.perihal === 'string' ? values.perihal : last.perihal}
              maxLength={500}
            />
            <TextArea
              t={t}
              name="body"
              id="revise-body"
              label="f.body"
              errors={errs}
              value={typeof values.body === 'string' ? values.body : last.body}
              rows={12}
              maxLength={BODY_MAX}
              testid="revise-body"
            />
            <TextArea
              t={t}
              name="routing"
              id="revise-routing"
              label="f.routing"
              hint="keluar.routing_hint"
              errors={errs}
              value={
                typeof values.routing === 'string'
                  ? values.routing
                  : x.round.map((st) => `${st.role} ${st.person_nip ?? ''}`).join('\n')
              }
              rows={5}
            />
            <div class="form-group">
              <label for="f-revise-attachment">
                {t('f.attachments')} {t('common.optional')}
              </label>
              <input id="f-revise-attachment" name="attachment" type="file" accept="application/pdf" multiple />
            </div>
            <Submit label={t('keluar.revise_submit')} testid="revise-submit" />
          </Form>
        ) : null}
        {n.status === 'ditandatangani' ? (
          <Form pc={pc} action={`/surat/keluar/${id}/kirim`} testid="dispatch-form">
            <h2>{t('keluar.dispatch_title')}</h2>
            <p>{t('keluar.dispatch_intro')}</p>
            <Submit label={t('keluar.dispatch_submit')} testid="dispatch-submit" />
          </Form>
        ) : null}
        {x.dispatches.length ? (
          <section data-testid="dispatch-list">
            <h2>{t('keluar.dispatched_title')}</h2>
            <ul>
              {x.dispatches.map((d) => (
                <li data-testid={`dispatch-${d.id}`}>
                  {d.kind === 'internal'
                    ? t('keluar.dispatched_internal', { unit: d.unit_name ?? '', agenda: d.agenda_number ?? '' })
                    : t('keluar.dispatched_external', {
                        name: d.name ?? '',
                        email: d.email ?? '',
                        status: t(`keluar.mail.${d.status}`),
                      })}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <h2>{t('keluar.routing_title')}</h2>
        {rounds.map((r) => (
          <>
            <h3>{t('keluar.round', { round: r })}</h3>
            <RoutingTrail
              pc={pc}
              steps={x.steps.filter((st) => st.round === r)}
              currentId={x.current?.id ?? null}
              round={r}
            />
          </>
        ))}
      </Layout>,
      status,
    );
  };

  app.get('/surat/keluar/:id', { config: { access: P.view }, schema: { params: IdParam } }, async (req, reply) => {
    await S.open(req.ctx(), req.params.id);
    return renderDetail(req, reply, req.params.id);
  });
  app.get('/surat/keluar/:id/pdf', { config: { access: P.view }, schema: { params: IdParam } }, async (req, reply) => {
    const f = await K.file(req.ctx(), req.params.id);
    return sendStoredFile(reply, f, f.name);
  });
  const post = (
    path: string,
    run: (req: FastifyRequest, id: number, b: Record<string, unknown>) => Promise<unknown>,
    flash: 'keluar.acted' | 'keluar.signed' | 'keluar.sent' | 'keluar.revised',
    opts = {},
  ) =>
    app.post(path, { config: { access: P.register, ...opts }, schema: { params: IdParam } }, async (req, reply) => {
      const b = body(req);
      try {
        await run(req, req.params.id, b);
        return redirectWithFlash(reply, `/surat/keluar/${req.params.id}`, flash);
      } catch (err) {
        const f = failureOf(err);
        if (!f) throw err;
        const values: Values = {};
        for (const k of ['comment', 'perihal', 'body', 'routing']) values[k] = str(b, k);
        return renderDetail(req, reply, req.params.id, f, (err as AppError).status, values);
      }
    });
  post(
    '/surat/keluar/:id/aksi',
    (req, id, b) => {
      const act = str(b, 'act');
      return K.act(req.ctx(), id, {
        stepId: num(str(b, 'stepId')),
        act: act === 'pendapat' || act === 'kembalikan' ? act : 'paraf',
        comment: str(b, 'comment'),
      });
    },
    'keluar.acted',
  );
  post('/surat/keluar/:id/tandatangan', (req, id) => K.sign(req.ctx(), id), 'keluar.signed');
  post('/surat/keluar/:id/kirim', (req, id) => K.dispatch(req.ctx(), id), 'keluar.sent');
  post(
    '/surat/keluar/:id/revisi',
    async (req, id, b) => {
      const pdfs = (Array.isArray(b.attachment) ? b.attachment : [b.attachment]).filter(
        (x): x is Buffer => Buffer.isBuffer(x) && x.length > 0,
      );
      return K.revise(req.ctx(), id, {
        fromVersion: num(str(b, 'fromVersion')),
        perihal: str(b, 'perihal'),
        body: str(b, 'body'),
        routing: await K.parseRouting(req.ctx(), str(b, 'routing')),
        attachments: pdfs.map((content, i) => ({ name: `lampiran-${i + 1}.pdf`, content })),
      });
    },
    'keluar.revised',
    { multipartOptions: multipart },
  );

  // ── Default routing per kind and unit ──
  const renderDefaults = async (
    req: FastifyRequest,
    reply: FastifyReply,
    v: Values,
    failure?: FormFailure,
    status = 200,
  ) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const units = await K.defaultUnits(req.ctx());
    const unitId = num(String(v.unitId ?? '')) || units[0]?.id || 0;
    const kind = typeof v.kindCode === 'string' && v.kindCode ? v.kindCode : 'surat_biasa';
    const rows = unitId && units.some((u) => u.id === unitId) ? await K.defaults(unitId, kind) : [];
    const text =
      typeof v.routing === 'string'
        ? v.routing
        : rows.map((d) => `${d.role} ${d.nip ?? d.staff_number ?? ''}`).join('\n');
    return sendPage(
      reply,
      <Layout pc={pc} title={t('keluar.defaults_title')}>
        <ErrorSummary t={t} errors={failure?.errors} message={failure?.message} params={failure?.params ?? {}} />
        <h1>{t('keluar.defaults_title')}</h1>
        <p>{t('keluar.defaults_intro')}</p>
        <Form pc={pc} action="/surat/keluar/alur" testid="defaults-form">
          <SelectField
            t={t}
            name="unitId"
            label="pegawai.f.unit"
            value={String(unitId)}
            options={units.map((u) => ({ value: String(u.id), label: u.name }))}
          />
          <SelectField
            t={t}
            name="kindCode"
            label="f.kindCode"
            value={kind}
            options={S.reference.kinds.map((k) => ({ value: k.code, label: k.name }))}
          />
          <TextArea
            t={t}
            name="routing"
            label="f.routing"
            hint="keluar.routing_hint"
            optional
            errors={failure?.errors}
            value={text}
            rows={6}
            testid="defaults-routing"
          />
          <button type="submit" name="show" value="1" class="button button--secondary">
            {t('keluar.defaults_show')}
          </button>{' '}
          <Submit label={t('keluar.defaults_save')} testid="defaults-save" />
        </Form>
      </Layout>,
      status,
    );
  };
  app.get('/surat/keluar/alur', { config: { access: P.view } }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    return renderDefaults(req, reply, { unitId: str(q, 'unit'), kindCode: str(q, 'jenis') });
  });
  app.post('/surat/keluar/alur', { config: { access: P.view } }, async (req, reply) => {
    const b = body(req);
    const v: Values = { unitId: str(b, 'unitId'), kindCode: str(b, 'kindCode'), routing: str(b, 'routing') };
    if (str(b, 'show'))
      return reply.redirect(
        `/surat/keluar/alur?unit=${num(v.unitId as string)}&jenis=${encodeURIComponent(v.kindCode as string)}`,
        303,
      );
    try {
      const steps = await K.parseRouting(req.ctx(), v.routing as string);
      await K.setDefaults(req.ctx(), num(v.unitId as string), v.kindCode as string, steps);
      return redirectWithFlash(
        reply,
        `/surat/keluar/alur?unit=${num(v.unitId as string)}&jenis=${encodeURIComponent(v.kindCode as string)}`,
        'keluar.defaults_saved',
      );
    } catch (err) {
      const f = failureOf(err);
      if (!f) throw err;
      return renderDefaults(req, reply, v, f, (err as AppError).status);
    }
  });
}

/** The four counters of naskah keluar on the E-Surat home, each linking to its list. */
export function KeluarCounters(p: {
  t: (k: 'keluar.q_sign' | 'keluar.q_verify' | 'keluar.q_copies' | 'keluar.q_unsent') => string;
  q: { tandatangan: unknown[]; verifikasi: unknown[]; tembusan: unknown[]; belum_kirim: unknown[] };
}) {
  const item = (
    key: 'keluar.q_sign' | 'keluar.q_verify' | 'keluar.q_copies' | 'keluar.q_unsent',
    n: number,
    anchor: string,
  ) => (
    <li data-testid={`surat-counter-${anchor}`}>
      <a href={`/surat/keluar#${anchor}`}>
        <strong>{n}</strong> {p.t(key)}
      </a>
    </li>
  );
  return (
    <>
      {item('keluar.q_sign', p.q.tandatangan.length, 'queue-tandatangan')}
      {item('keluar.q_verify', p.q.verifikasi.length, 'queue-verifikasi')}
      {item('keluar.q_copies', p.q.tembusan.length, 'queue-tembusan')}
      {item('keluar.q_unsent', p.q.belum_kirim.length, 'queue-belum-kirim')}
    </>
  );
}
