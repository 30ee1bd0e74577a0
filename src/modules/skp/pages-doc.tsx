// The signed SKP and evaluation documents on the pages (issue 16, item 5): the list with download links and the
// appraiser's signing buttons (SkpDocuments, shown on /skp/:id and the evaluation page), the two signing forms
// (POST /skp/:id/dokumen, POST /skp/:id/evaluasi/dokumen) and the download (GET /skp/dokumen/:id: the stored bytes).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { Form as FormBody, IdParam, OptStr, type App } from '../../http/types.js';
import { sendStoredFile } from '../../kernel/files/serve.js';
import { AppError } from '../../lib/errors.js';
import { ErrorSummary, Form, Submit } from '../../ui/forms.js';
import { formatTime } from '../../ui/format.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import type { DocRow } from './pdf-repo.js';
import { skpPolicy as P } from './policy.js';

/**
 * The signed documents of an SKP with their download links; for the appraiser, the button signing the SKP (when
 * agreed and unsigned) or the evaluation of `period` (when saved and unsigned).
 */
export function SkpDocuments(p: {
  pc: PageCtx;
  skpId: number;
  year: number;
  docs: DocRow[];
  maySign: boolean;
  /** Offer to sign the SKP (agreed, no document yet). */
  signSkp?: boolean;
  /** Offer to sign the evaluation of this period (saved, no document yet). */
  signPeriod?: string | null;
}) {
  const { t } = p.pc;
  const signedPeriods = new Set(p.docs.map((d) => d.period));
  const offerSkp = p.maySign && p.signSkp && !p.docs.some((d) => d.kind === 'skp');
  const offerEval = p.maySign && p.signPeriod && !signedPeriods.has(p.signPeriod) ? p.signPeriod : null;
  return (
    <section data-testid="skp-documents">
      <h2>{t('skpdoc.title')}</h2>
      {p.docs.length ? (
        <ul>
          {p.docs.map((d) => (
            <li data-testid={`skp-doc-${d.kind}-${d.period ?? p.year}`}>
              {t('skpdoc.row', {
                name:
                  d.kind === 'skp'
                    ? t('skpdoc.kind.skp', { year: p.year })
                    : t('skpdoc.kind.evaluasi', { period: d.period ?? '' }),
                signer: d.signer_name,
                date: formatTime(d.signed_at, p.pc, 'long'),
              })}{' '}
              <a href={`/skp/dokumen/${d.id}`} data-testid={`skp-doc-download-${d.id}`}>
                {t('skpdoc.download')}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('skpdoc.none')}</p>
      )}
      {offerSkp || offerEval ? <p class="hint">{t('skpdoc.sign_hint')}</p> : null}
      {offerSkp ? (
        <Form pc={p.pc} action={`/skp/${p.skpId}/dokumen`} confirm={t('skpdoc.sign_confirm')} testid="skp-doc-sign">
          <Submit label={t('skpdoc.sign_skp')} variant="secondary" testid="skp-doc-sign-submit" />
        </Form>
      ) : null}
      {offerEval ? (
        <Form
          pc={p.pc}
          action={`/skp/${p.skpId}/evaluasi/dokumen`}
          confirm={t('skpdoc.sign_confirm')}
          testid="skp-doc-sign-eval"
        >
          <input type="hidden" name="period" value={offerEval} />
          <Submit label={t('skpdoc.sign_eval', { period: offerEval })} variant="secondary" />
        </Form>
      ) : null}
    </section>
  );
}

export function registerSkpDocPages(app: App, s: Services) {
  const D = s.skpDocs;

  /** A refusal (not agreed, nothing to sign, no NIP) shown on a small page with the way back. */
  const refused = (req: FastifyRequest, reply: FastifyReply, id: number, err: AppError) => {
    const pc = pageCtx(req, reply);
    return sendPage(
      reply,
      <Layout pc={pc} title={pc.t('skpdoc.title')}>
        <h1>{pc.t('skpdoc.title')}</h1>
        <ErrorSummary t={pc.t} errors={err.fields} message={err.fields.length ? undefined : err.key} />
        <p>
          <a href={`/skp/${id}`}>{pc.t('skp.eval.back')}</a>
        </p>
      </Layout>,
      err.status,
    );
  };
  const signing =
    (
      run: (req: FastifyRequest, id: number, period: string) => Promise<unknown>,
      back: (id: number, p: string) => string,
    ) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const id = (req.params as { id: number }).id;
      const period = String((req.body as { period?: string } | undefined)?.period ?? '');
      if (req.validationError) return refused(req, reply, id, new AppError(400, 'error.validation'));
      try {
        await run(req, id, period);
      } catch (err) {
        if (err instanceof AppError && err.status < 500 && ![401, 403, 404].includes(err.status))
          return refused(req, reply, id, err);
        throw err;
      }
      return redirectWithFlash(reply, back(id, period), 'skpdoc.signed_flash');
    };

  app.post(
    '/skp/:id/dokumen',
    { config: { access: P.act }, attachValidation: true, schema: { params: IdParam, body: FormBody({}) } },
    signing(
      (req, id) => D.signPlan(req.ctx(), id),
      (id) => `/skp/${id}`,
    ),
  );
  app.post(
    '/skp/:id/evaluasi/dokumen',
    {
      config: { access: P.act },
      attachValidation: true,
      schema: { params: IdParam, body: FormBody({ period: OptStr(7) }) },
    },
    signing(
      (req, id, period) => D.signEvaluation(req.ctx(), id, period),
      (id, period) => `/skp/${id}/evaluasi?periode=${encodeURIComponent(period)}`,
    ),
  );
  app.get(
    '/skp/dokumen/:id',
    { config: { access: P.view }, schema: { params: Type.Object({ id: IdParam.properties.id }) } },
    async (req, reply) => {
      const f = await D.file(req.ctx(), req.params.id);
      reply.header('x-content-sha256', f.sha256);
      return sendStoredFile(reply, { mime: 'application/pdf', content: f.content }, f.name);
    },
  );
}
