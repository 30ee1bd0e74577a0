// /surat/berkas: the berkas a person may see (their units' as TU or head; the city's for the city admin), the
// list of berkas due for transfer or final disposition, and the form to open a berkas. /surat/berkas/:id: its
// naskah, filing, closing (retention fixed), the decision form (city admin) and the export package download.
// Every form works without script (POST + redirect); the decision form is multipart (optional berita acara PDF).
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormFailure } from '../../http/forms.js';
import { IdParam, type App } from '../../http/types.js';
import { AppError } from '../../lib/errors.js';
import { ErrorSummary, Form, SelectField, Submit, TextField } from '../../ui/forms.js';
import { TableWrap } from '../../ui/lists.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { berkasPolicy as B } from './berkas-policy.js';
import type { BerkasRow } from './berkas-repo.js';
import { formatDay } from './page-parts.js';
import { correspondencePolicy as P } from './policy.js';

type Values = Record<string, string | undefined>;
export type BerkasFormState = { values?: Values; failure?: FormFailure; status?: number };
const ID = /^\d{1,9}$/;
export const str = (v: unknown) => (typeof v === 'string' ? v : '');
export const bodyOf = (req: FastifyRequest) =>
  (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
export const failureOf = (err: unknown): FormFailure | null =>
  err instanceof AppError && err.status < 500 && ![401, 403, 404].includes(err.status)
    ? { errors: err.fields, message: err.fields.length ? undefined : err.key, params: err.params }
    : null;

/** One row of a berkas table: title, unit, code, state and its dates. */
export function BerkasRows(p: { pc: PageCtx; rows: (BerkasRow & { due?: string | null })[]; testid: string }) {
  const { t } = p.pc;
  return (
    <TableWrap label={t('berkas.list_title')}>
      <table class="table" data-testid={p.testid}>
        <thead>
          <tr>
            <th>{t('berkas.col_title')}</th>
            <th>{t('surat.col_unit')}</th>
            <th>{t('berkas.col_state')}</th>
            <th>{t('berkas.col_until')}</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((b) => (
            <tr data-testid={`berkas-row-${b.id}`}>
              <td>
                <a href={`/surat/berkas/${b.id}`}>{b.title}</a> ({b.classification_code}, {String(b.year)})
              </td>
              <td>{b.unit_name}</td>
              <td>
                {t(`berkas.state.${b.state}`)}
                {b.due ? ` — ${t(`berkas.due.${b.due as 'pindah' | 'akhir'}`)}` : ''}
              </td>
              <td>
                {b.active_until
                  ? t('berkas.until', {
                      active: formatDay(b.active_until, p.pc.locale),
                      inactive: formatDay(b.inactive_until, p.pc.locale),
                    })
                  : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function registerBerkasPages(app: App, s: Services) {
  const S = s.correspondence.berkas;
  const render = async (req: FastifyRequest, reply: FastifyReply, st: BerkasFormState = {}) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const ctx = req.ctx();
    const [rows, due, units, codes] = await Promise.all([
      S.list(ctx),
      S.due(ctx),
      S.units(ctx),
      s.correspondence.classificationCodes(),
    ]);
    const v = st.values ?? {};
    const errs = st.failure?.errors;
    return sendPage(
      reply,
      <Layout pc={pc} title={t('berkas.list_title')}>
        <h1>{t('berkas.list_title')}</h1>
        <p>{t('berkas.list_intro')}</p>
        <ErrorSummary t={t} errors={errs} message={st.failure?.message} params={st.failure?.params} />
        <h2>{t('berkas.due_title')}</h2>
        <p>{t('berkas.due_intro')}</p>
        {due.length ? (
          <BerkasRows pc={pc} rows={due} testid="berkas-due" />
        ) : (
          <p data-testid="berkas-due-none">{t('berkas.due_none')}</p>
        )}
        <h2>{t('berkas.all_title')}</h2>
        {rows.length ? (
          <BerkasRows pc={pc} rows={rows} testid="berkas-list" />
        ) : (
          <p data-testid="berkas-none">{t('berkas.none')}</p>
        )}
        {units.length ? (
          <>
            <h2>{t('berkas.new_title')}</h2>
            <Form pc={pc} action="/surat/berkas" testid="berkas-form">
              <input
                type="hidden"
                name="idempotencyKey"
                value={v.idempotencyKey ?? `berkas-${randomBytes(8).toString('hex')}`}
              />
              <SelectField
                t={t}
                name="unitId"
                label="pegawai.f.unit"
                errors={errs}
                value={v.unitId}
                placeholder={t('surat.choose')}
                options={units.map((u) => ({ value: String(u.id), label: u.name }))}
                testid="berkas-unit"
              />
              <SelectField
                t={t}
                name="classificationCode"
                label="berkas.f.classification"
                errors={errs}
                value={v.classificationCode}
                placeholder={t('surat.choose')}
                options={codes.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))}
                testid="berkas-code"
              />
              <TextField
                t={t}
                name="title"
                label="berkas.f.title"
                errors={errs}
                value={v.title}
                maxLength={200}
                testid="berkas-title"
              />
              <TextField
                t={t}
                name="year"
                label="berkas.f.year"
                errors={errs}
                value={v.year ?? s.correspondence.today().slice(0, 4)}
                inputmode="numeric"
                maxLength={4}
                testid="berkas-year"
              />
              <Submit label={t('berkas.new_submit')} testid="berkas-submit" />
            </Form>
          </>
        ) : null}
      </Layout>,
      st.status ?? 200,
    );
  };

  app.get('/surat/berkas', { config: { access: B.view } }, (req, reply) => render(req, reply));
  app.post('/surat/berkas', { config: { access: P.register } }, async (req, reply) => {
    const b = bodyOf(req);
    const values = Object.fromEntries(
      ['idempotencyKey', 'unitId', 'classificationCode', 'title', 'year'].map((k) => [k, str(b[k]).slice(0, 300)]),
    );
    try {
      const r = await S.create(req.ctx(), {
        key: values.idempotencyKey!,
        unitId: ID.test(values.unitId!) ? Number(values.unitId) : 0,
        classificationCode: values.classificationCode!,
        title: values.title!,
        year: /^\d{4}$/.test(values.year!) ? Number(values.year) : 0,
      });
      return redirectWithFlash(reply, `/surat/berkas/${r.id}`, 'berkas.created');
    } catch (err) {
      const failure = failureOf(err);
      if (!failure) throw err;
      return render(req, reply, { values, failure, status: (err as AppError).status });
    }
  });
  app.get(
    '/surat/masuk/:id/ekspor',
    { config: { access: P.view }, schema: { params: IdParam } },
    async (req, reply) => {
      const r = await s.correspondence.exports.naskahPackage(req.ctx(), req.params.id);
      return sendZip(reply, r);
    },
  );
}

export const sendZip = (reply: FastifyReply, r: { zip: Buffer; name: string }) =>
  reply
    .type('application/zip')
    .header('content-disposition', `attachment; filename="${r.name.replace(/[^A-Za-z0-9-]/g, '-')}.zip"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(r.zip);
