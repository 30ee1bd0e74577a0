// The page of one term of office with its scanned appointment decree (SK):
// view the scan (audited), and for the kelurahan an upload form that works
// without JavaScript (multipart). The file is judged by its content, never by
// its name or the browser's claimed type.
import type { FastifyReply } from 'fastify';
import { handleForm, type FormFailure } from '../../http/forms.js';
import { IdParam, type App } from '../../http/types.js';
import { ErrorSummary, Form, Submit } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { may, paramsOk, posLabel, reasonLabel } from './pages.js';
import { rtrwPolicy } from './policy.js';
import { DECREE_MAX_BYTES, DECREE_MIMES } from './rules.js';
import { sendStoredFile } from '../../kernel/files/serve.js';

type TermView = Awaited<ReturnType<Services['rtrw']['term']>>;

/**
 * The parser keeps one byte more than the limit and does not throw: a larger
 * file arrives cut at limit + 1 bytes, the size check refuses it, and the form
 * comes back with a message instead of a bare error page.
 */
export const DECREE_MULTIPART = {
  limits: { files: 1, fields: 5, fileSize: DECREE_MAX_BYTES + 1 },
  throwFileSizeLimit: false,
};

/** The uploaded file from a multipart body (`file`), or an empty buffer. */
export function uploadedFile(body: unknown): Buffer {
  const f = (body && typeof body === 'object' ? (body as Record<string, unknown>).file : undefined) as unknown;
  const buf = Array.isArray(f) ? f.find((x) => Buffer.isBuffer(x)) : f;
  return Buffer.isBuffer(buf) ? buf : Buffer.alloc(0);
}

/** Sends a stored scan: private, never cached, as the type it was verified to be (see files/serve.ts). */
export function sendScan(reply: FastifyReply, id: number, f: { mime: string; content: Buffer }) {
  return sendStoredFile(reply, f, `sk-${id}`);
}

function TermPage(p: { pc: PageCtx; d: TermView; failure?: FormFailure | undefined }) {
  const { pc, d } = p;
  const t = pc.t;
  const x = d.term;
  const err = p.failure?.errors.find((e) => e.field === 'file');
  const row = (label: string, value: string) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <Layout pc={pc} title={t('heads.term_title', { position: posLabel(pc, x.position), region: x.region_name })}>
      <p>
        <a href={`/rt-rw/${x.region_code}`}>{t('common.back')}</a>
      </p>
      <h1>{t('heads.term_title', { position: posLabel(pc, x.position), region: x.region_name })}</h1>
      <ErrorSummary t={t} errors={p.failure?.errors} message={p.failure?.message} params={p.failure?.params} />
      <dl class="summary-list" data-testid="term-detail">
        {row(t('heads.col_name'), x.person_name)}
        {row(t('heads.col_start'), x.start_date)}
        {row(t('heads.col_end'), x.end_date)}
        {row(t('heads.f_decree_number'), x.decree_number || '–')}
        {row(t('heads.f_decree_date'), x.decree_date ?? '–')}
        {row(
          t('heads.col_status'),
          x.ended_at ? `${t('heads.ended')}: ${x.end_reason ? reasonLabel(pc, x.end_reason) : ''}` : t('heads.active'),
        )}
      </dl>
      <h2>{t('heads.decree_scan')}</h2>
      <p data-testid="decree-scan">
        {x.decree_file_id ? (
          <a href={`/rt-rw/masa/${x.id}/sk`} target="_blank" rel="noopener">
            {t('heads.decree_view')}
          </a>
        ) : (
          t('heads.decree_none')
        )}
      </p>
      {may(pc, rtrwPolicy.manage) ? (
        <Form pc={pc} action={`/rt-rw/masa/${x.id}/sk`} multipart testid="decree-form">
          <div class={err ? 'form-group form-group--error' : 'form-group'}>
            <label for="f-file">{t('heads.f_file')}</label>
            <div class="hint" id="f-file-hint">
              {t('heads.decree_hint')}
            </div>
            {err ? (
              <p class="error-message" id="f-file-error">
                {t(err.key, err.params)}
              </p>
            ) : null}
            <input
              id="f-file"
              type="file"
              name="file"
              accept={DECREE_MIMES.join(',')}
              aria-describedby={err ? 'f-file-hint f-file-error' : 'f-file-hint'}
              data-testid="decree-file"
            />
          </div>
          <Submit label={t('heads.decree_upload')} testid="decree-submit" />
        </Form>
      ) : null}
    </Layout>
  );
}

export function registerDecreePages(app: App, s: Services) {
  app.get('/rt-rw/masa/:id', { config: { access: rtrwPolicy.view }, schema: { params: IdParam } }, async (req, reply) =>
    sendPage(reply, <TermPage pc={pageCtx(req, reply)} d={await s.rtrw.term(req.ctx(), req.params.id)} />),
  );
  app.get(
    '/rt-rw/masa/:id/sk',
    { config: { access: rtrwPolicy.view }, schema: { params: IdParam } },
    async (req, reply) => sendScan(reply, req.params.id, await s.rtrw.decreeScan(req.ctx(), req.params.id)),
  );
  // No body schema: multipart arrives as key/values with `file` as a Buffer.
  app.post(
    '/rt-rw/masa/:id/sk',
    {
      config: { access: rtrwPolicy.manage, multipartOptions: DECREE_MULTIPART },
      attachValidation: true,
      schema: { params: IdParam },
    },
    async (req, reply) => {
      paramsOk(req);
      const d = await s.rtrw.term(req.ctx(), req.params.id); // 404 outside the scope before the file is looked at
      return handleForm(req, reply, {
        render: (failure) => <TermPage pc={pageCtx(req, reply)} d={d} failure={failure} />,
        run: () => s.rtrw.uploadDecree(req.ctx(), req.params.id, uploadedFile(req.body)),
        done: () => redirectWithFlash(reply, `/rt-rw/masa/${req.params.id}`, 'flash.saved'),
      });
    },
  );
}
