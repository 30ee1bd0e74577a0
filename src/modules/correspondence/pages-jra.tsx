// /surat/jra: the city admin keeps the city's JRA (naskah_retention_rules): every classification code with the
// shipped default that applies (reference/naskah-jra.csv, nearest ancestor) and the city's own row; add or change a
// row (one form, by code), remove it. A naskah keeps the snapshot of its registration: these edits never change it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../http/types.js';
import type { AppError } from '../../lib/errors.js';
import { ErrorSummary, Form, SelectField, Submit, TextField } from '../../ui/forms.js';
import { TableWrap } from '../../ui/lists.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, redirectWithFlash, sendPage } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { berkasPolicy as B } from './berkas-policy.js';
import { bodyOf, failureOf, str, type BerkasFormState } from './pages-berkas.js';
import { FINAL_DISPOSITIONS } from './rules.js';

export function registerJraPages(app: App, s: Services) {
  const J = s.correspondence.jra;
  const render = async (req: FastifyRequest, reply: FastifyReply, st: BerkasFormState = {}) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const rows = await J.rows(req.ctx());
    const errs = st.failure?.errors;
    const v = st.values ?? {};
    const value = (
      r: { activeYears: number; inactiveYears: number; final: (typeof FINAL_DISPOSITIONS)[number] } | null,
    ) =>
      r
        ? t('surat.d_retention_value', {
            active: r.activeYears,
            inactive: r.inactiveYears,
            final: t(`surat.final.${r.final}`),
          })
        : t('jra.none');
    return sendPage(
      reply,
      <Layout pc={pc} title={t('jra.title')}>
        <h1>{t('jra.title')}</h1>
        <p>{t('jra.intro')}</p>
        <ErrorSummary t={t} errors={errs} message={st.failure?.message} params={st.failure?.params} />
        <h2>{t('jra.form_title')}</h2>
        <Form pc={pc} action="/surat/jra" testid="jra-form">
          <SelectField
            t={t}
            name="code"
            label="jra.f.code"
            errors={errs}
            value={v.code}
            placeholder={t('surat.choose')}
            options={rows.map((r) => ({ value: r.code, label: `${r.code} ${r.name}` }))}
            testid="jra-code"
          />
          <TextField
            t={t}
            name="activeYears"
            label="jra.f.active"
            errors={errs}
            value={v.activeYears}
            inputmode="numeric"
            maxLength={3}
            testid="jra-active"
          />
          <TextField
            t={t}
            name="inactiveYears"
            label="jra.f.inactive"
            errors={errs}
            value={v.inactiveYears}
            inputmode="numeric"
            maxLength={3}
            testid="jra-inactive"
          />
          <SelectField
            t={t}
            name="final"
            label="jra.f.final"
            errors={errs}
            value={v.final}
            placeholder={t('surat.choose')}
            options={FINAL_DISPOSITIONS.map((f) => ({ value: f, label: t(`surat.final.${f}`) }))}
            testid="jra-final"
          />
          <TextField
            t={t}
            name="note"
            label="jra.f.note"
            optional
            errors={errs}
            value={v.note}
            maxLength={500}
            testid="jra-note"
          />
          <Submit label={t('jra.save')} testid="jra-submit" />
        </Form>
        <TableWrap label={t('jra.title')}>
          <table class="table" data-testid="jra-list">
            <thead>
              <tr>
                <th>{t('jra.col_code')}</th>
                <th>{t('jra.col_shipped')}</th>
                <th>{t('jra.col_city')}</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr data-testid={`jra-row-${r.code}`}>
                  <td>
                    {r.code} {r.name}
                  </td>
                  <td>
                    {value(r.shipped)}
                    {r.shipped && r.shipped.code !== r.code
                      ? ` (${t('jra.from_ancestor', { code: r.shipped.code })})`
                      : ''}
                  </td>
                  <td data-testid={`jra-city-${r.code}`}>
                    {r.own
                      ? value({
                          activeYears: r.own.active_years,
                          inactiveYears: r.own.inactive_years,
                          final: r.own.final_disposition,
                        })
                      : '—'}
                    {r.own?.note ? ` — ${r.own.note}` : ''}
                  </td>
                  <td>
                    {r.own ? (
                      <Form pc={pc} action="/surat/jra/hapus" class="inline-form">
                        <input type="hidden" name="code" value={r.code} />
                        <Submit label={t('jra.remove')} variant="secondary" testid={`jra-remove-${r.code}`} />
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </Layout>,
      st.status ?? 200,
    );
  };

  app.get('/surat/jra', { config: { access: B.editJra } }, (req, reply) => render(req, reply));
  app.post('/surat/jra', { config: { access: B.editJra } }, async (req, reply) => {
    const b = bodyOf(req);
    const values = Object.fromEntries(
      ['code', 'activeYears', 'inactiveYears', 'final', 'note'].map((k) => [k, str(b[k]).slice(0, 600)]),
    );
    try {
      await J.set(req.ctx(), {
        code: values.code!,
        activeYears: values.activeYears!,
        inactiveYears: values.inactiveYears!,
        final: values.final!,
        note: values.note!,
      });
    } catch (err) {
      const failure = failureOf(err);
      if (!failure) throw err;
      return render(req, reply, { values, failure, status: (err as AppError).status });
    }
    return redirectWithFlash(reply, '/surat/jra', 'jra.saved');
  });
  app.post('/surat/jra/hapus', { config: { access: B.editJra } }, async (req, reply) => {
    await J.remove(req.ctx(), str(bodyOf(req).code).slice(0, 40));
    return redirectWithFlash(reply, '/surat/jra', 'jra.removed');
  });
}
