// The public verification of a letter (/v/<code>, page and JSON): whether the
// stored letter still matches its signature, its whole signed content with
// the person's name and NIK masked, what kind of electronic signature it is,
// and a form (multipart, no JavaScript needed) that checks an uploaded PDF
// against the letter: ASLI only for the exact file as issued. Public but
// throttled per address, like request tracking, so codes cannot be guessed.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config.js';
import { sniffMime, MAX_UPLOAD_BYTES } from '../../kernel/files/rules.js';
import { normalizePublicCode } from '../../kernel/codes.js';
import { ErrorBody, PublicCodeParam, type App } from '../../http/types.js';
import type { MessageKey } from '../../i18n/index.js';
import { AppError, notFound } from '../../lib/errors.js';
import { ErrorSummary, Form, Submit } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import type { LettersService } from './service.js';
import type { LetterFileVerdict } from './sign-pdf.js';
import { letterContent, type ContentRow } from './verify-view.js';

const VerifyOut = Type.Object({
  authentic: Type.Boolean(),
  number: Type.String(),
  type: Type.String(),
  issuedAt: Type.String(),
  validUntil: Type.String(),
  unit: Type.String(),
  residentName: Type.String(),
  nikMasked: Type.String(),
  signer: Type.Object({ name: Type.String(), position: Type.String() }),
  /** The whole signed content, masked, labelled in the caller's language (empty when not authentic). */
  content: Type.Array(Type.Object({ label: Type.String(), value: Type.String() })),
  text: Type.String(),
  signatureKind: Type.Union([Type.Literal('certified'), Type.Literal('uncertified')]),
});
const tags = ['layanan'];

/**
 * The parser keeps one byte more than the limit and does not throw: a larger
 * file arrives cut at limit + 1 bytes and the size check answers with a message.
 */
const VERIFY_MULTIPART = { limits: { files: 1, fields: 3, fileSize: MAX_UPLOAD_BYTES + 1 }, throwFileSizeLimit: false };

type Verification = NonNullable<Awaited<ReturnType<LettersService['verify']>>>;

/** Plain strings only: a tampered record may lack fields, and must still answer (TIDAK VALID), not fail. */
function presentVerification(v: Verification) {
  const str = (x: unknown) => (typeof x === 'string' ? x : '');
  return {
    authentic: v.authentic,
    number: str(v.number),
    type: str(v.type),
    issuedAt: str(v.issuedAt),
    validUntil: str(v.validUntil),
    unit: str(v.unit),
    residentName: str(v.residentName),
    nikMasked: str(v.nikMasked),
    signer: { name: str(v.signer?.name), position: str(v.signer?.position) },
    signatureKind: v.signatureKind,
  };
}

function formatDate(pc: PageCtx, iso: string, timeZone: string) {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const d = new Date(dateOnly ? `${iso}T00:00:00Z` : iso);
  if (!iso || Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(pc.locale === 'id' ? 'id-ID' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: dateOnly ? 'UTC' : timeZone,
  }).format(d);
}

const labelOf = (pc: PageCtx, r: ContentRow) => ('key' in r ? pc.t(r.key) : r.label);

function StatusTag(p: { pc: PageCtx; authentic: boolean; testid: string }) {
  return (
    <p>
      <strong class={`tag verify-status ${p.authentic ? 'tag--green' : 'tag--red'}`} data-testid={p.testid}>
        {p.pc.t(p.authentic ? 'letters.status_authentic' : 'letters.status_invalid')}
      </strong>
    </p>
  );
}

const FILE_MESSAGE: Record<Exclude<LetterFileVerdict, { authentic: true }>['problem'], MessageKey> = {
  changed: 'letters.file_changed',
  bad_signature: 'letters.file_bad_signature',
  no_signature: 'letters.file_no_signature',
  not_ours: 'letters.file_not_ours',
  other_letter: 'letters.file_other_letter',
  record_invalid: 'letters.file_record_invalid',
};

function FileResult(p: { pc: PageCtx; code: string; verdict: LetterFileVerdict; timeZone: string }) {
  const { pc, verdict } = p;
  return (
    <section class={`notice ${verdict.authentic ? 'notice--success' : 'notice--warning'}`} data-testid="file-result">
      <h2>{pc.t('letters.file_result_title')}</h2>
      <StatusTag pc={pc} authentic={verdict.authentic} testid="file-status" />
      <p data-testid="file-message">
        {verdict.authentic
          ? pc.t('letters.file_authentic', { code: p.code })
          : pc.t(FILE_MESSAGE[verdict.problem], { code: p.code })}
      </p>
      {verdict.authentic && verdict.signedAt ? (
        <p>{pc.t('letters.file_signed_at', { date: formatDate(pc, verdict.signedAt.toISOString(), p.timeZone) })}</p>
      ) : null}
    </section>
  );
}

function UploadForm(p: { pc: PageCtx; code: string; error?: MessageKey | undefined }) {
  const { t } = p.pc;
  return (
    <section>
      <h2>{t('letters.file_title')}</h2>
      <Form pc={p.pc} action={`/v/${p.code}`} multipart testid="verify-file-form">
        <div class={p.error ? 'form-group form-group--error' : 'form-group'}>
          <label for="f-file">{t('letters.f_file')}</label>
          <div class="hint" id="f-file-hint">
            {t('letters.file_hint')}
          </div>
          {p.error ? (
            <p class="error-message" id="f-file-error">
              {t(p.error)}
            </p>
          ) : null}
          <input
            id="f-file"
            type="file"
            name="file"
            accept="application/pdf,.pdf"
            aria-describedby={p.error ? 'f-file-hint f-file-error' : 'f-file-hint'}
            data-testid="verify-file"
          />
        </div>
        <Submit label={t('letters.file_submit')} testid="verify-file-submit" />
      </Form>
    </section>
  );
}

interface PageProps {
  pc: PageCtx;
  code: string;
  v: Verification | null;
  today: string;
  timeZone: string;
  verdict?: LetterFileVerdict | undefined;
  uploadError?: MessageKey | undefined;
}

function VerifyPage(p: PageProps) {
  const { pc, v } = p;
  const { t } = pc;
  const content = v?.authentic ? letterContent(v.payload, (iso) => formatDate(pc, iso, p.timeZone)) : null;
  const validUntil = v && typeof v.validUntil === 'string' ? v.validUntil : '';
  return (
    <Layout pc={pc} title={t(v ? 'letters.verify_title' : 'letters.not_found_title')}>
      {p.uploadError ? <ErrorSummary t={t} errors={[{ field: 'file', key: p.uploadError }]} /> : null}
      <h1>{t(v ? 'letters.verify_title' : 'letters.not_found_title')}</h1>
      {p.verdict ? <FileResult pc={pc} code={p.code} verdict={p.verdict} timeZone={p.timeZone} /> : null}
      <StatusTag pc={pc} authentic={!!v?.authentic} testid="verify-status" />
      {!v ? <p data-testid="verify-message">{t('letters.not_found_hint')}</p> : null}
      {v && !v.authentic ? (
        <div class="notice notice--warning" data-testid="verify-message">
          {t('letters.invalid_hint')}
        </div>
      ) : null}
      {v && content ? (
        <>
          <div class="notice notice--success" data-testid="verify-message">
            {t('letters.authentic_hint')}
          </div>
          {validUntil && validUntil < p.today ? <div class="notice notice--warning">{t('letters.expired')}</div> : null}
          <h2>{t('letters.kind_title')}</h2>
          <p data-testid="signature-kind">
            {t(v.signatureKind === 'certified' ? 'letters.kind_certified' : 'letters.kind_uncertified')}
          </p>
          <p>{t('letters.kind_pdf')}</p>
          <h2>{t('letters.content_title')}</h2>
          <p class="hint">{t('letters.content_hint')}</p>
          <dl class="summary-list" data-testid="verify-details">
            {content.rows.map((r) => (
              <div>
                <dt>{labelOf(pc, r)}</dt>
                <dd>{r.value}</dd>
              </div>
            ))}
          </dl>
          {content.text ? (
            <>
              <h3>{t('letters.text_title')}</h3>
              <div class="letter-text" data-testid="verify-text">
                {content.text.split('\n').map((line) => (line.trim() ? <p>{line}</p> : null))}
              </div>
            </>
          ) : null}
        </>
      ) : null}
      {v ? <UploadForm pc={pc} code={p.code} error={p.uploadError} /> : null}
      <p>{t('letters.code', { code: p.code })}</p>
    </Layout>
  );
}

/** The uploaded file from a multipart body (`file`), or an empty buffer. */
function uploadedFile(body: unknown): Buffer {
  const f = body && typeof body === 'object' ? (body as Record<string, unknown>).file : undefined;
  const buf = Array.isArray(f) ? f.find((x) => Buffer.isBuffer(x)) : f;
  return Buffer.isBuffer(buf) ? buf : Buffer.alloc(0);
}

/** What is wrong with the upload itself (judged by its first bytes, never its name), or null. */
function uploadProblem(file: Buffer): MessageKey | null {
  if (!file.length) return 'letters.file_empty';
  if (file.length > MAX_UPLOAD_BYTES) return 'letters.file_too_large';
  if (sniffMime(file) !== 'application/pdf') return 'letters.file_not_pdf';
  return null;
}

export function registerVerifyPages(app: App, s: Services, config: Config) {
  const throttle = async (req: FastifyRequest) => {
    if (!(await s.requests.allowTrackingLookup(req.ip))) throw new AppError(429, 'error.rate_limited', { minutes: 15 });
  };
  const today = () =>
    new Intl.DateTimeFormat('en-CA', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      timeZone: config.timeZone,
    }).format(new Date());
  const render = (req: FastifyRequest, reply: FastifyReply, props: Omit<PageProps, 'pc' | 'today' | 'timeZone'>) => {
    reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
    const status = !props.v ? 404 : props.uploadError ? 400 : 200;
    return sendPage(
      reply,
      <VerifyPage pc={pageCtx(req, reply)} today={today()} timeZone={config.timeZone} {...props} />,
      status,
    );
  };
  /** The code as issued (any case, spaces or hyphens typed), or the raw text, cut, to show on a not-found page. */
  const codeOf = (req: FastifyRequest) => {
    const raw = String((req.params as { code?: unknown }).code ?? '');
    return { raw: raw.slice(0, 32), code: req.validationError ? null : normalizePublicCode(raw) };
  };

  // A malformed code is answered like an unknown one: the person sees "not found", not a form error.
  const page = { config: { access: 'public' as const }, attachValidation: true, schema: { params: PublicCodeParam } };
  app.get('/v/:code', page, async (req, reply) => {
    await throttle(req);
    const { raw, code } = codeOf(req);
    const v = code ? await s.letters.verify(code) : null;
    return render(req, reply, { code: v?.verifyCode ?? raw, v });
  });

  // No body schema: multipart arrives as key/values with `file` as a Buffer, checked by hand.
  app.post(
    '/v/:code',
    { ...page, config: { access: 'public', multipartOptions: VERIFY_MULTIPART } },
    async (req, reply) => {
      await throttle(req);
      const { raw, code } = codeOf(req);
      const file = uploadedFile(req.body);
      const uploadError = uploadProblem(file) ?? undefined;
      if (!code || uploadError) {
        const v = code ? await s.letters.verify(code) : null;
        return render(req, reply, { code: v?.verifyCode ?? raw, v, uploadError });
      }
      const r = await s.letters.checkFile(code, file);
      return render(req, reply, { code: r?.letter.verifyCode ?? raw, v: r?.letter ?? null, verdict: r?.file });
    },
  );

  app.get(
    '/api/v1/letters/:code/verify',
    {
      config: { access: 'public' },
      schema: {
        tags,
        security: [],
        params: PublicCodeParam,
        response: { 200: VerifyOut, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      await throttle(req);
      const v = await s.letters.verify(req.params.code);
      if (!v) throw notFound();
      reply.header('cache-control', 'no-store');
      const content = v.authentic ? letterContent(v.payload, (iso) => iso) : { rows: [], text: '' };
      return {
        ...presentVerification(v),
        content: content.rows.map((r) => ({ label: 'key' in r ? req.t(r.key) : r.label, value: r.value })),
        text: content.text,
      };
    },
  );
}
