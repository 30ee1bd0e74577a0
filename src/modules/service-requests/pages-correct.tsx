// Correcting a returned request (its requester: the citizen, or the RT head
// who filed it): the type's fields, the purpose, new photos replacing or
// adding to the current ones, and a note; it goes back to the stage that
// returned it. Every error comes in one round with the accepted files kept
// (pages-form.tsx's pattern); the form carries an idempotency key and the
// request's version, and a stale form says what happened meanwhile.
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormFailure } from '../../http/forms.js';
import { IdParam, type App } from '../../http/types.js';
import { AppError, type FieldError } from '../../lib/errors.js';
import { ErrorSummary, Submit, TextArea } from '../../ui/forms.js';
import { formatTime } from '../../ui/format.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import { PrivacyNotice } from '../../ui/privacy.js';
import type { Services } from '../../wiring.js';
import { outboxTexts } from './pages-form.js';
import { AttachmentField, DynamicField, keptByKind, readParts, stageName } from './pages-fields.js';
import { requestPolicy } from './policy.js';
import { RefusedWithUploads, type KeptUpload } from './uploads.js';

type Detail = Awaited<ReturnType<Services['requests']['get']>>;
type Values = Record<string, string>;

const KEY = /^[A-Za-z0-9_-]{8,64}$/;
const newKey = () => randomUUID().replace(/-/g, '');

/** May this person correct the request now (the rule of rules.ts `decide`, to show the form or not)? */
const mayCorrect = (pc: PageCtx, d: Detail) =>
  d.request.status === 'returned' && (d.request.submitted_by === pc.user?.id || pc.user?.role === 'ketua_rt');

function valuesOf(d: Detail): Values {
  const v: Values = { purpose: d.request.purpose };
  for (const [k, x] of Object.entries(d.request.field_values)) v[`field_${k}`] = x;
  return v;
}

function CorrectPage(p: {
  pc: PageCtx;
  d: Detail;
  values: Values;
  idempotencyKey: string;
  limit: { bytes: number; label: string };
  privacy: ReturnType<Services['requests']['privacy']>;
  failure?: FormFailure | undefined;
  kept?: KeptUpload[] | undefined;
  /** The form was built on an older version: what happened since. */
  stale?: boolean;
}) {
  const t = p.pc.t;
  const r = p.d.request;
  const ty = r.type_snapshot;
  const errors = p.failure?.errors ?? [];
  const kept = keptByKind(p.kept);
  const current = new Map(p.d.attachments.map((a) => [a.kind, a]));
  const last = p.d.transitions[p.d.transitions.length - 1];
  const returned = p.d.transitions.findLast((x) => x.action === 'return');
  const open = mayCorrect(p.pc, p.d);
  return (
    <Layout pc={p.pc} title={t('req.correct.title')}>
      {p.stale && last ? (
        <div class="notice notice--warning" role="alert" data-testid="stale-form">
          <h2>{t('req.correct.stale_title')}</h2>
          <p>
            {t('req.correct.stale', {
              action: t(`req.action.${last.action}`),
              actor: last.actor_name ?? '',
              at: formatTime(last.at, p.pc),
            })}
          </p>
        </div>
      ) : (
        <ErrorSummary t={t} errors={errors} message={p.failure?.message} params={p.failure?.params} />
      )}
      <p>
        <a href={`/layanan/${r.id}`}>{t('req.correct.back')}</a>
      </p>
      <h1>{t('req.correct.title')}</h1>
      <p>
        {ty.name} · <code data-testid="tracking-code">{r.tracking_code}</code>
      </p>
      {!open ? (
        <p class="notice" data-testid="not-returned">
          {t('req.correct.not_returned')}
        </p>
      ) : (
        <>
          {returned ? (
            <p class="notice notice--warning" data-testid="returned-reason">
              {t('req.correct.returned_by', {
                name: returned.actor_name ?? '',
                stage: stageName(t, returned.from_stage),
                reason: returned.reason,
              })}
            </p>
          ) : null}
          <p>{t('req.correct.intro')}</p>
          <form
            method="post"
            action={`/layanan/${r.id}/perbaiki`}
            enctype="multipart/form-data"
            novalidate
            data-testid="correct-form"
            data-compress=""
            {...outboxTexts(p.pc, ty.name)}
          >
            <input type="hidden" name="_csrf" value={p.pc.csrf} />
            <input type="hidden" name="idempotencyKey" value={p.idempotencyKey} />
            <input type="hidden" name="expectedVersion" value={String(r.version)} />
            <h2>{t('req.correct.details')}</h2>
            <TextArea
              t={t}
              name="purpose"
              label="f.purpose"
              value={p.values.purpose}
              rows={2}
              maxLength={300}
              errors={errors}
            />
            {ty.fields.map((f) => (
              <DynamicField t={t} f={f} value={p.values[`field_${f.name}`] ?? ''} errors={errors} />
            ))}
            <h2>{t('req.new.attachments')}</h2>
            <p class="hint" data-testid="upload-hint">
              {t('req.new.attachment_hint', { limit: p.limit.label })}
            </p>
            {ty.attachments.map((a) => {
              const cur = current.get(a.kind);
              return (
                <AttachmentField
                  t={t}
                  a={a}
                  errors={errors}
                  maxBytes={p.limit.bytes}
                  kept={kept.get(a.kind)}
                  current={
                    cur
                      ? { href: `/api/v1/requests/${r.id}/attachments/${cur.id}`, sizeBytes: cur.size_bytes }
                      : undefined
                  }
                />
              );
            })}
            <TextArea
              t={t}
              name="note"
              label="req.detail.note"
              value={p.values.note}
              rows={2}
              maxLength={500}
              optional
              errors={errors}
            />
            <PrivacyNotice t={t} kind="request" policy={p.privacy} />
            <Submit label={t('req.correct.submit')} testid="correct-submit" />
          </form>
        </>
      )}
    </Layout>
  );
}

function formErrors(key: string, version: string, purposeRaw: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!KEY.test(key) || !/^[1-9][0-9]{0,8}$/.test(version)) errors.push({ field: 'purpose', key: 'req.new.bad_form' });
  const purpose = purposeRaw.trim();
  if (!purpose) errors.push({ field: 'purpose', key: 'field.required', params: { field: 'f.purpose' } });
  else if (purpose.length > 300)
    errors.push({ field: 'purpose', key: 'field.too_long', params: { field: 'f.purpose', limit: 300 } });
  return errors;
}

export function registerCorrectionPages(app: App, s: Services) {
  const limit = s.requests.uploadLimit();
  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: { values?: Values; key?: string; failure?: FormFailure; kept?: KeptUpload[]; stale?: boolean } = {},
    status = 200,
  ) => {
    const d = await s.requests.get(req.ctx(), id);
    return sendPage(
      reply,
      <CorrectPage
        pc={pageCtx(req, reply)}
        d={d}
        values={extra.values ?? valuesOf(d)}
        idempotencyKey={extra.key ?? newKey()}
        limit={limit}
        privacy={s.requests.privacy()}
        failure={extra.failure}
        kept={extra.kept}
        stale={extra.stale ?? false}
      />,
      status,
    );
  };

  app.get(
    '/layanan/:id/perbaiki',
    { config: { access: requestPolicy.submit }, schema: { params: IdParam } },
    async (req, reply) => render(req, reply, req.params.id),
  );

  app.post(
    '/layanan/:id/perbaiki',
    {
      config: {
        access: requestPolicy.submit,
        multipartOptions: { limits: { files: 5, fileSize: limit.bytes + 1, fields: 40 }, throwFileSizeLimit: false },
      },
      schema: { params: IdParam },
    },
    async (req, reply) => {
      const id = req.params.id;
      const d = await s.requests.get(req.ctx(), id); // 404 outside the scope, before anything else
      const parts = readParts(req.body);
      const x = parts.ofType(d.request.type_snapshot);
      const key = parts.str('idempotencyKey');
      const version = parts.str('expectedVersion');
      const values: Values = {
        purpose: parts.str('purpose').slice(0, 1000),
        note: parts.str('note').slice(0, 1000),
        ...x.values,
      };
      try {
        const errors = formErrors(key, version, values.purpose ?? '');
        await s.requests.correct(
          req.ctx(),
          id,
          {
            idempotencyKey: KEY.test(key) ? key : newKey(),
            expectedVersion: Number(version) || 0,
            purpose: (values.purpose ?? '').trim(),
            fields: x.fields,
            attachments: x.attachments,
            pending: x.pending,
            note: values.note ?? '',
          },
          { formErrors: errors, keepAccepted: true },
        );
      } catch (err) {
        if (err instanceof AppError && err.status === 409) return render(req, reply, id, { values, stale: true }, 409);
        if (err instanceof AppError && err.status === 422) {
          const failure = { errors: err.fields, message: err.fields.length ? undefined : err.key, params: err.params };
          const kept = err instanceof RefusedWithUploads ? err.kept : undefined;
          return render(req, reply, id, { values, key: KEY.test(key) ? key : undefined, failure, kept }, 422);
        }
        throw err;
      }
      return redirectWithFlash(reply, `/layanan/${id}`, 'req.flash.corrected');
    },
  );
}
