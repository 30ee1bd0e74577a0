// The public verification of a letter (page and JSON) and the printable PDF
// of an issued letter (page link and API). Verification is public but
// throttled per address, like request tracking, so codes cannot be guessed.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config.js';
import { ErrorBody, IdParam, type App } from '../../http/types.js';
import { AppError, notFound } from '../../lib/errors.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { lettersPolicy } from './policy.js';
import { renderLetterPdf } from './pdf.js';
import type { LetterPayload, LettersService } from './service.js';

const VerifyParam = Type.Object({ code: Type.String({ pattern: '^[A-Z0-9]{8,16}$', maxLength: 16 }) });
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
});
const tags = ['layanan'];

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
  };
}
type Presented = ReturnType<typeof presentVerification>;

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

function StatusTag(p: { pc: PageCtx; authentic: boolean }) {
  return (
    <p>
      <strong class={`tag verify-status ${p.authentic ? 'tag--green' : 'tag--red'}`} data-testid="verify-status">
        {p.pc.t(p.authentic ? 'letters.status_authentic' : 'letters.status_invalid')}
      </strong>
    </p>
  );
}

function VerifyPage(p: { pc: PageCtx; code: string; v: Presented | null; today: string; timeZone: string }) {
  const { t } = p.pc;
  const v = p.v;
  const rows: [Parameters<typeof t>[0], string][] = v
    ? [
        ['letters.f_type', v.type],
        ['letters.f_number', v.number],
        ['letters.f_issued_at', formatDate(p.pc, v.issuedAt, p.timeZone)],
        ['letters.f_valid_until', formatDate(p.pc, v.validUntil, p.timeZone)],
        ['letters.f_unit', v.unit],
        ['letters.f_resident_name', v.residentName],
        ['letters.f_nik', v.nikMasked],
        ['letters.f_signer', [v.signer.name, v.signer.position].filter(Boolean).join(', ')],
      ]
    : [];
  return (
    <Layout pc={p.pc} title={t(v ? 'letters.verify_title' : 'letters.not_found_title')}>
      <h1>{t(v ? 'letters.verify_title' : 'letters.not_found_title')}</h1>
      <StatusTag pc={p.pc} authentic={!!v?.authentic} />
      {!v ? <p data-testid="verify-message">{t('letters.not_found_hint')}</p> : null}
      {v && !v.authentic ? (
        <div class="notice notice--warning" data-testid="verify-message">
          {t('letters.invalid_hint')}
        </div>
      ) : null}
      {v?.authentic ? (
        <>
          <div class="notice notice--success" data-testid="verify-message">
            {t('letters.authentic_hint')}
          </div>
          {v.validUntil && v.validUntil < p.today ? (
            <div class="notice notice--warning">{t('letters.expired')}</div>
          ) : null}
          <dl class="summary-list" data-testid="verify-details">
            {rows.map(([k, value]) => (
              <div>
                <dt>{t(k)}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
      <p>{t('letters.code', { code: p.code })}</p>
    </Layout>
  );
}

/** "470/0001/35.74.01.1001/2026" → "470-0001-35.74.01.1001-2026", safe in a header and a file name. */
function fileNameOf(number: string) {
  return `surat-${
    number
      .replace(/[^A-Za-z0-9.-]+/g, '-')
      .replace(/^[-.]+|-+$/g, '')
      .slice(0, 100) || 'layanan'
  }.pdf`;
}

export function registerLettersPages(app: App, s: Services, config: Config) {
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

  // A malformed code is answered like an unknown one: the person sees "not found", not a form error.
  app.get(
    '/v/:code',
    { config: { access: 'public' }, attachValidation: true, schema: { params: VerifyParam } },
    async (req, reply) => {
      await throttle(req);
      const code = String((req.params as { code?: unknown }).code ?? '').slice(0, 32);
      const v = req.validationError ? null : await s.letters.verify(req.params.code);
      reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
      return sendPage(
        reply,
        <VerifyPage
          pc={pageCtx(req, reply)}
          code={code}
          v={v ? presentVerification(v) : null}
          today={today()}
          timeZone={config.timeZone}
        />,
        v ? 200 : 404,
      );
    },
  );

  app.get(
    '/api/v1/letters/:code/verify',
    {
      config: { access: 'public' },
      schema: {
        tags,
        security: [],
        params: VerifyParam,
        response: { 200: VerifyOut, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      await throttle(req);
      const v = await s.letters.verify(req.params.code);
      if (!v) throw notFound();
      reply.header('cache-control', 'no-store');
      return presentVerification(v);
    },
  );

  const sendPdf = async (req: FastifyRequest, reply: FastifyReply, id: number) => {
    const r = await s.requests.get(req.ctx(), id);
    if (!r.letter) throw notFound();
    const payload = r.letter.payload as unknown as LetterPayload;
    const pdf = await renderLetterPdf(payload, {
      ...(await s.letters.printInputs(r.request.resident_id, payload)),
      verifyUrl: `${config.publicUrl}/v/${r.letter.verify_code}`,
      cityName: payload.unit?.cityName ?? '',
      timeZone: config.timeZone,
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${fileNameOf(r.letter.number)}"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  };
  app.get(
    '/layanan/:id/surat.pdf',
    { config: { access: lettersPolicy.view }, schema: { params: IdParam } },
    async (req, reply) => sendPdf(req, reply, req.params.id),
  );
  app.get(
    '/api/v1/requests/:id/letter.pdf',
    {
      config: { access: lettersPolicy.view },
      schema: { tags, params: IdParam, response: { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
    },
    async (req, reply) => sendPdf(req, reply, req.params.id),
  );
}
