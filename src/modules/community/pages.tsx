// The /kegiatan page: a head's report form (photo shrunk on the phone, kept in
// the outbox without signal and sent later with the same key — public/app.js)
// and their own reports; the kelurahan's list with Konfirmasi/Tolak; the
// kecamatan and the city read the list.
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { addMenu } from '../../kernel/menu.js';
import { sendStoredFile } from '../../kernel/files/serve.js';
import type { FormFailure } from '../../http/forms.js';
import { Form as FormBody, IdParam, OptStr, type App } from '../../http/types.js';
import { AppError } from '../../lib/errors.js';
import { ErrorSummary, Form, SelectField, Submit, TextArea, TextField } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { ActivityTable } from './page-parts.js';
import { canDecideRole, communityPolicy as P, isReporter } from './policy.js';
import type { ActivityRow } from './repo.js';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, PHOTO_MAX_BYTES, REASON_MAX, type ActivityStatus } from './rules.js';

const newKey = () => randomUUID().replace(/-/g, '');
type Values = Record<string, string | undefined>;

function ReportForm(p: {
  pc: PageCtx;
  values: Values;
  failure?: FormFailure | undefined;
  windowDays: number;
  today: string;
}) {
  const { t } = p.pc;
  const errs = p.failure?.errors;
  const v = p.values;
  return (
    <section>
      <h2>{t('community.report_title')}</h2>
      <form
        method="post"
        action="/kegiatan"
        enctype="multipart/form-data"
        novalidate
        data-compress
        data-offline={t('community.offline_waiting')}
        data-offline-count={t('community.offline_count', { n: '{n}' })}
        data-offline-title={t('community.offline_title')}
        data-offline-sent={t('community.offline_sent')}
        data-offline-refused={t('community.offline_refused')}
        data-testid="activity-form"
      >
        <input type="hidden" name="_csrf" value={p.pc.csrf} />
        <input type="hidden" name="idempotencyKey" value={v.idempotencyKey ?? newKey()} />
        <div class="form-group">
          <label for="f-heldOn">{t('community.date')}</label>
          <div class="hint" id="f-heldOn-hint">
            {t('community.date_hint', { days: p.windowDays })}
          </div>
          {errs?.find((e) => e.field === 'heldOn') ? (
            <p class="error-message">
              {t(errs.find((e) => e.field === 'heldOn')!.key, errs.find((e) => e.field === 'heldOn')!.params)}
            </p>
          ) : null}
          <input
            id="f-heldOn"
            name="heldOn"
            type="date"
            max={p.today}
            value={v.heldOn ?? p.today}
            aria-describedby="f-heldOn-hint"
            data-testid="activity-date"
          />
        </div>
        <div data-testid="activity-kind">
          <SelectField
            t={t}
            name="kind"
            label="community.kind"
            errors={errs}
            value={v.kind}
            placeholder={t('community.kind_choose')}
            options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`community.kind.${k}`) }))}
          />
        </div>
        <TextArea
          t={t}
          name="description"
          label="community.description"
          hint="community.description_hint"
          errors={errs}
          value={v.description}
          rows={3}
          maxLength={500}
        />
        <div data-testid="activity-participants">
          <TextField
            t={t}
            name="participants"
            label="community.participants"
            hint="community.participants_hint"
            errors={errs}
            value={v.participants}
            inputmode="numeric"
            maxLength={5}
          />
        </div>
        <div class="form-group">
          <label for="f-photo">{t('community.photo')}</label>
          <div class="hint" id="f-photo-hint">
            {t('community.photo_hint', { max: `${Math.round(PHOTO_MAX_BYTES / 1024)} KB` })}
          </div>
          {errs?.find((e) => e.field === 'photo') ? (
            <p class="error-message">
              {t(errs.find((e) => e.field === 'photo')!.key, errs.find((e) => e.field === 'photo')!.params)}
            </p>
          ) : null}
          <input
            id="f-photo"
            name="photo"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            capture="environment"
            data-max-px="1280"
            data-max-bytes={String(PHOTO_MAX_BYTES)}
            aria-describedby="f-photo-hint"
            data-testid="activity-photo"
          />
        </div>
        <Submit label={t('community.submit')} testid="activity-submit" />
      </form>
    </section>
  );
}

function Decide(p: { pc: PageCtx; a: ActivityRow }) {
  const { t } = p.pc;
  if (p.a.status !== 'dilaporkan') return null;
  return (
    <div class="actions">
      <Form pc={p.pc} action={`/kegiatan/${p.a.id}/konfirmasi`} class="inline-form">
        <button type="submit" class="button" data-testid={`activity-confirm-${p.a.id}`}>
          {t('community.confirm')}
        </button>
      </Form>
      <Form pc={p.pc} action={`/kegiatan/${p.a.id}/tolak`} class="inline-form">
        <label for={`reason-${p.a.id}`}>{t('community.reason')}</label>{' '}
        <input id={`reason-${p.a.id}`} name="reason" type="text" maxlength={REASON_MAX} required />{' '}
        <button type="submit" class="button button--secondary" data-testid={`activity-reject-${p.a.id}`}>
          {t('community.reject')}
        </button>
      </Form>
    </div>
  );
}

interface PageState {
  values?: Values;
  failure?: FormFailure | undefined;
  status?: number;
}

export function registerCommunityPages(app: App, s: Services) {
  const C = s.community;
  addMenu(app, { href: '/kegiatan', key: 'community.nav', roles: P.view, order: 57 });

  const render = async (req: FastifyRequest, reply: FastifyReply, st: PageState = {}) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const q = (req.query ?? {}) as { status?: string; under?: string };
    const status = (ACTIVITY_STATUSES as readonly string[]).includes(q.status ?? '')
      ? (q.status as ActivityStatus)
      : undefined;
    const role = pc.user!.role;
    const reporter = isReporter(role);
    const items = await C.list(req.ctx(), { status });
    return sendPage(
      reply,
      <Layout pc={pc} title={t('community.title')}>
        <h1>{t('community.title')}</h1>
        <p>{t('community.intro')}</p>
        <ErrorSummary t={t} errors={st.failure?.errors} message={st.failure?.message} params={st.failure?.params} />
        {reporter ? (
          <ReportForm
            pc={pc}
            values={st.values ?? {}}
            failure={st.failure}
            windowDays={C.windowDays}
            today={C.today()}
          />
        ) : null}
        <h2>{t(reporter ? 'community.mine_title' : 'community.list_title')}</h2>
        <form method="get" action="/kegiatan" class="filters">
          <label for="f-status">{t('community.filter_status')}</label>{' '}
          <select id="f-status" name="status">
            <option value="">{t('community.filter_all')}</option>
            {ACTIVITY_STATUSES.map((x) => (
              <option value={x} selected={x === status}>
                {t(`community.status.${x}`)}
              </option>
            ))}
          </select>{' '}
          <Submit label={t('community.show')} variant="secondary" />
        </form>
        <ActivityTable
          pc={pc}
          items={items}
          actions={canDecideRole(role) ? (a) => <Decide pc={pc} a={a} /> : undefined}
        />
      </Layout>,
      st.status ?? 200,
    );
  };

  app.get('/kegiatan', { config: { access: P.view } }, (req, reply) => render(req, reply));

  // No body schema: multipart arrives as key/values (the photo as a Buffer) and is checked by the use case.
  app.post(
    '/kegiatan',
    {
      config: {
        access: P.report,
        multipartOptions: { limits: { files: 1, fileSize: PHOTO_MAX_BYTES * 3, fields: 10 } },
      },
    },
    async (req, reply) => {
      const b = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
      const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
      const values: Values = {
        idempotencyKey: str('idempotencyKey'),
        heldOn: str('heldOn'),
        kind: str('kind'),
        description: str('description'),
        participants: str('participants'),
      };
      try {
        await C.report(req.ctx(), {
          idempotencyKey: values.idempotencyKey!,
          heldOn: values.heldOn!,
          kind: values.kind!,
          description: values.description!,
          participants: values.participants!,
          photo: Buffer.isBuffer(b.photo) ? b.photo : undefined,
        });
        return redirectWithFlash(reply, '/kegiatan', 'community.reported');
      } catch (err) {
        if (err instanceof AppError && err.status < 500 && ![401, 403, 404].includes(err.status))
          return render(req, reply, {
            values,
            failure: { errors: err.fields, message: err.fields.length ? undefined : err.key, params: err.params },
            status: err.status,
          });
        throw err;
      }
    },
  );

  const decide = (decision: 'confirm' | 'reject') => async (req: FastifyRequest, reply: FastifyReply) => {
    const id = (req.params as { id: number }).id;
    if (req.validationError)
      return render(req, reply, {
        failure: { errors: [{ field: 'reason', key: 'community.err.reason', params: { max: REASON_MAX } }] },
        status: 400,
      });
    const reason = (req.body as { reason?: string } | undefined)?.reason ?? '';
    try {
      await C.decide(req.ctx(), id, decision, reason);
    } catch (err) {
      if (err instanceof AppError && err.status < 500 && ![401, 403, 404].includes(err.status))
        return render(req, reply, {
          failure: { errors: err.fields, message: err.fields.length ? undefined : err.key, params: err.params },
          status: err.status,
        });
      throw err;
    }
    return redirectWithFlash(
      reply,
      '/kegiatan',
      decision === 'confirm' ? 'community.confirmed_flash' : 'community.rejected_flash',
    );
  };
  const DecideForm = { params: IdParam, body: FormBody({ reason: OptStr(REASON_MAX) }) };
  const opts = { config: { access: P.decide }, attachValidation: true, schema: DecideForm };
  app.post('/kegiatan/:id/konfirmasi', opts, decide('confirm'));
  app.post('/kegiatan/:id/tolak', opts, decide('reject'));

  app.get('/kegiatan/:id/foto', { config: { access: P.view }, schema: { params: IdParam } }, async (req, reply) => {
    const f = await C.photo(req.ctx(), req.params.id);
    return sendStoredFile(reply, f, `kegiatan-${req.params.id}`);
  });
}
