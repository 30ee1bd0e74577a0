// The request form (GOV.UK pattern): every error of a submission comes back
// in one round — the form's own, the resident, the type's fields and every
// attachment, checked together — with a summary at the top linking to each
// field and the message beside it; the files it accepted are kept as pending
// uploads, named by token in the re-rendered form, so none is chosen twice.
// The upload limit in the hint is the one the server applies (UPLOAD_MAX_BYTES).
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { FormFailure } from '../../http/forms.js';
import type { App } from '../../http/types.js';
import { AppError, invalid, type FieldError } from '../../lib/errors.js';
import { sendStoredFile } from '../../kernel/files/serve.js';
import { ErrorSummary, SelectField, Submit, TextArea } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage, type PageCtx } from '../../ui/page.js';
import { PrivacyNotice } from '../../ui/privacy.js';
import type { Services } from '../../wiring.js';
import { AttachmentField, DynamicField, keptByKind, readParts, stageName } from './pages-fields.js';
import { requestPolicy } from './policy.js';
import { RefusedWithUploads, type KeptUpload } from './uploads.js';

type LetterTypeRow = Awaited<ReturnType<Services['requests']['listTypes']>>[number];
type Values = Record<string, string>;

const MAX_FILES = 5;
const KEY = /^[A-Za-z0-9_-]{8,64}$/;
const newKey = () => randomUUID().replace(/-/g, '');
const NewQuery = Type.Object({
  jenis: Type.Optional(Type.String({ maxLength: 40 })),
  warga: Type.Optional(Type.String({ maxLength: 12 })),
});
const TokenParam = Type.Object({ token: Type.String({ pattern: '^[0-9a-f]{32}$', maxLength: 32 }) });

function TypeList(p: { pc: PageCtx; types: LetterTypeRow[]; warga?: string | undefined }) {
  const t = p.pc.t;
  return (
    <Layout pc={p.pc} title={t('req.new.title')}>
      <h1>{t('req.new.choose')}</h1>
      <ul class="stack" data-testid="letter-types">
        {p.types.map((ty) => (
          <li>
            <a
              href={`/layanan/baru?jenis=${encodeURIComponent(ty.code)}${p.warga ? `&warga=${encodeURIComponent(p.warga)}` : ''}`}
            >
              {ty.name}
            </a>
            <br />
            <span class="muted">
              {t('req.new.route', {
                route: ty.route.map((s) => stageName(t, s)).join(' → '),
                minutes: ty.total_budget_minutes,
              })}
            </span>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** The texts app.js shows about the phone's outbox, from the catalogue. */
export function outboxTexts(pc: PageCtx, title: string) {
  const t = pc.t;
  return {
    'data-offline': t('req.offline.queued'),
    'data-offline-count': t('req.offline.count', { n: '{n}' }),
    'data-offline-title': title,
    'data-offline-waiting': t('req.offline.waiting'),
    'data-offline-sent': t('req.offline.sent'),
    'data-offline-code': t('req.offline.sent_code', { code: '{code}' }),
    'data-offline-track': t('req.offline.track'),
    'data-offline-refused': t('req.offline.refused'),
    'data-offline-close': t('req.offline.close'),
  };
}

interface NewFormProps {
  pc: PageCtx;
  type: LetterTypeRow;
  residents: { value: string; label: string }[] | null;
  values: Values;
  idempotencyKey: string;
  limit: { bytes: number; label: string };
  privacy: ReturnType<Services['requests']['privacy']>;
  failure?: FormFailure | undefined;
  kept?: KeptUpload[] | undefined;
}

function NewRequestPage(p: NewFormProps) {
  const t = p.pc.t;
  const errors = p.failure?.errors ?? [];
  const ty = p.type;
  const kept = keptByKind(p.kept);
  return (
    <Layout pc={p.pc} title={t('req.new.title')}>
      <ErrorSummary t={t} errors={errors} message={p.failure?.message} params={p.failure?.params} />
      <p>
        <a href="/layanan/baru">{t('req.new.change_type')}</a>
      </p>
      <h1>{ty.name}</h1>
      <p class="muted">
        {t('req.new.route', {
          route: ty.route.map((s) => stageName(t, s)).join(' → '),
          minutes: ty.total_budget_minutes,
        })}
      </p>
      <form
        method="post"
        action="/layanan"
        enctype="multipart/form-data"
        novalidate
        data-testid="request-form"
        data-compress=""
        {...outboxTexts(p.pc, ty.name)}
      >
        <input type="hidden" name="_csrf" value={p.pc.csrf} />
        <input type="hidden" name="letterType" value={ty.code} />
        <input type="hidden" name="idempotencyKey" value={p.idempotencyKey} />
        {p.residents ? (
          <SelectField
            t={t}
            name="residentId"
            label="f.resident"
            value={p.values.residentId}
            placeholder={t('req.new.pick_resident')}
            options={p.residents}
            errors={errors}
          />
        ) : (
          <p data-testid="for-yourself">{t('req.new.yourself', { name: p.pc.user?.fullName ?? '' })}</p>
        )}
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
        {ty.attachments.map((a) => (
          <AttachmentField t={t} a={a} errors={errors} maxBytes={p.limit.bytes} kept={kept.get(a.kind)} />
        ))}
        <PrivacyNotice t={t} kind="request" policy={p.privacy} />
        <Submit label={t('req.new.submit')} testid="request-submit" />
      </form>
    </Layout>
  );
}

/** What the form itself requires, answered together with the service's checks. */
function formErrors(key: string, purposeRaw: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!KEY.test(key)) errors.push({ field: 'letterType', key: 'req.new.bad_form' });
  const purpose = purposeRaw.trim();
  if (!purpose) errors.push({ field: 'purpose', key: 'field.required', params: { field: 'f.purpose' } });
  else if (purpose.length > 300)
    errors.push({ field: 'purpose', key: 'field.too_long', params: { field: 'f.purpose', limit: 300 } });
  return errors;
}

export function registerRequestFormPages(app: App, s: Services) {
  const residentOptions = async (req: FastifyRequest) => {
    if (req.user?.role === 'warga') return null;
    const out: { value: string; label: string }[] = [];
    for (let page = 1; page <= 4; page++) {
      const res = await s.residents.search(req.ctx(), { page, status: 'hidup' });
      out.push(...res.rows.map((r) => ({ value: String(r.id), label: `${r.full_name} — ${r.nik_masked}` })));
      if (!res.hasMore) break;
    }
    return out;
  };
  const activeType = async (code: string) => (await s.requests.listTypes()).find((x) => x.code === code);
  const limit = s.requests.uploadLimit();

  app.get(
    '/layanan/baru',
    { config: { access: requestPolicy.submit }, schema: { querystring: NewQuery } },
    async (req, reply) => {
      const type = req.query.jenis ? await activeType(req.query.jenis) : undefined;
      const pc = pageCtx(req, reply);
      if (!type)
        return sendPage(reply, <TypeList pc={pc} types={await s.requests.listTypes()} warga={req.query.warga} />);
      const warga = /^[0-9]{1,10}$/.test(req.query.warga ?? '') ? req.query.warga! : '';
      return sendPage(
        reply,
        <NewRequestPage
          pc={pc}
          type={type}
          residents={await residentOptions(req)}
          values={{ residentId: warga }}
          idempotencyKey={newKey()}
          limit={limit}
          privacy={s.requests.privacy()}
        />,
      );
    },
  );

  // No body schema: multipart arrives as key/values (files as Buffers) and is checked by hand. A file one
  // byte over the limit arrives cut there (not a bare 413), so the size rule answers it with the rest.
  app.post(
    '/layanan',
    {
      config: {
        access: requestPolicy.submit,
        multipartOptions: {
          limits: { files: MAX_FILES, fileSize: limit.bytes + 1, fields: 40 },
          throwFileSizeLimit: false,
        },
      },
    },
    async (req, reply) => {
      const parts = readParts(req.body);
      const type = parts.str('letterType') ? await activeType(parts.str('letterType')) : undefined;
      const pc = pageCtx(req, reply);
      if (!type) return sendPage(reply, <TypeList pc={pc} types={await s.requests.listTypes()} />, 422);
      const x = parts.ofType(type);
      const key = parts.str('idempotencyKey');
      const values: Values = {
        residentId: parts.str('residentId').slice(0, 12),
        purpose: parts.str('purpose').slice(0, 1000),
        ...x.values,
      };
      const forOthers = req.user?.role !== 'warga';
      const residentId = /^[1-9][0-9]{0,9}$/.test(values.residentId ?? '') ? Number(values.residentId) : undefined;
      try {
        const errors = formErrors(key, values.purpose ?? '');
        if (errors.some((e) => e.field === 'letterType')) throw invalid(errors);
        const r = await s.requests.submit(
          req.ctx(),
          {
            idempotencyKey: key,
            letterType: type.code,
            residentId: forOthers ? residentId : undefined,
            purpose: (values.purpose ?? '').trim(),
            fields: x.fields,
            attachments: x.attachments,
            pending: x.pending,
          },
          { formErrors: errors, keepAccepted: true },
        );
        return reply.redirect(`/layanan/${r.id}?baru=1`, 303);
      } catch (err) {
        // A refused submission re-renders the form with the entries and the accepted files kept; 403/404 stay errors.
        if (err instanceof AppError && err.status < 500 && ![401, 403, 404].includes(err.status)) {
          const failure = { errors: err.fields, message: err.fields.length ? undefined : err.key, params: err.params };
          return sendPage(
            reply,
            <NewRequestPage
              pc={pc}
              type={type}
              residents={await residentOptions(req)}
              values={values}
              idempotencyKey={KEY.test(key) ? key : newKey()}
              limit={limit}
              privacy={s.requests.privacy()}
              failure={failure}
              kept={err instanceof RefusedWithUploads ? err.kept : undefined}
            />,
            err.status,
          );
        }
        throw err;
      }
    },
  );

  // An upload kept from a refused form, shown to its owner only.
  app.get(
    '/layanan/unggahan/:token',
    { config: { access: requestPolicy.submit }, schema: { params: TokenParam } },
    async (req, reply) => {
      const f = await s.requests.pendingUpload(req.ctx(), req.params.token);
      return sendStoredFile(reply, f, 'unggahan');
    },
  );
}
