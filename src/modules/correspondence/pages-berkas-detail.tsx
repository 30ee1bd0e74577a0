// /surat/berkas/:id: a berkas with its naskah, the filing and closing forms (its unit's TU and head while open),
// the decision form (the city admin, when something is due), the decisions made, and the export download.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdParam, type App } from '../../http/types.js';
import type { AppError } from '../../lib/errors.js';
import { ErrorSummary, Form, SelectField, Submit, TextField } from '../../ui/forms.js';
import { TableWrap } from '../../ui/lists.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, redirectWithFlash, sendPage } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { berkasPolicy as B } from './berkas-policy.js';
import { FINAL_DECISIONS } from './berkas-rules.js';
import type { DecisionKind } from './berkas-tables.js';
import { formatDay } from './page-parts.js';
import { bodyOf, failureOf, sendZip, str, type BerkasFormState } from './pages-berkas.js';
import { correspondencePolicy as P } from './policy.js';

export function registerBerkasDetailPages(app: App, s: Services) {
  const S = s.correspondence.berkas;
  const render = async (req: FastifyRequest, reply: FastifyReply, id: number, st: BerkasFormState = {}) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const r = await S.detail(req.ctx(), id);
    const b = r.berkas;
    const errs = st.failure?.errors;
    const v = st.values ?? {};
    const kinds: DecisionKind[] =
      r.due === 'pindah'
        ? ['pindah']
        : r.due === 'akhir' && b.retention_final
          ? [...FINAL_DECISIONS[b.retention_final]]
          : [];
    const row = (label: Parameters<typeof t>[0], value: unknown, testid?: string) => (
      <>
        <dt>{t(label)}</dt>
        <dd data-testid={testid}>{value}</dd>
      </>
    );
    return sendPage(
      reply,
      <Layout pc={pc} title={b.title}>
        <h1 data-testid="berkas-title">{b.title}</h1>
        <ErrorSummary t={t} errors={errs} message={st.failure?.message} params={st.failure?.params} />
        <dl class="summary" data-testid="berkas-detail">
          {row('surat.d_unit', b.unit_name)}
          {row('surat.d_classification', `${b.classification_code} ${r.classificationName}`)}
          {row('berkas.f.year', String(b.year))}
          {row('berkas.col_state', t(`berkas.state.${b.state}`), 'berkas-state')}
          {b.retention_final
            ? row(
                'surat.d_retention',
                t('surat.d_retention_value', {
                  active: b.retention_active_years ?? 0,
                  inactive: b.retention_inactive_years ?? 0,
                  final: t(`surat.final.${b.retention_final}`),
                }),
                'berkas-retention',
              )
            : null}
          {b.closed_on ? row('berkas.d_closed_on', formatDay(b.closed_on, pc.locale)) : null}
          {b.active_until
            ? row(
                'berkas.col_until',
                t('berkas.until', {
                  active: formatDay(b.active_until, pc.locale),
                  inactive: formatDay(b.inactive_until, pc.locale),
                }),
                'berkas-dates',
              )
            : null}
          {r.due ? row('berkas.d_due', t(`berkas.due.${r.due}`), 'berkas-due-state') : null}
        </dl>
        <p>
          <a class="button button--secondary" href={`/surat/berkas/${b.id}/ekspor`} data-testid="berkas-export">
            {t('berkas.export')}
          </a>
        </p>
        <h2>{t('berkas.items_title')}</h2>
        {r.items.length ? (
          <TableWrap label={t('berkas.items_title')}>
            <table class="table" data-testid="berkas-items">
              <tbody>
                {r.items.map((n) => (
                  <tr>
                    <td>{n.agenda_number ?? String(n.id)}</td>
                    <td>{n.masked ? t('berkas.masked') : <a href={`/surat/masuk/${n.id}`}>{n.perihal}</a>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p>{t('berkas.items_none')}</p>
        )}
        {r.can.manage ? (
          <>
            <h2>{t('berkas.file_title')}</h2>
            {r.candidates.length ? (
              <Form pc={pc} action={`/surat/berkas/${b.id}/naskah`} testid="berkas-file-form">
                <SelectField
                  t={t}
                  name="naskahId"
                  label="berkas.f.naskah"
                  errors={errs}
                  placeholder={t('surat.choose')}
                  options={r.candidates.map((n) => ({
                    value: String(n.id),
                    label: `${n.agenda_number ?? n.id} — ${n.perihal}`,
                  }))}
                  testid="berkas-file-naskah"
                />
                <Submit label={t('berkas.file_submit')} testid="berkas-file-submit" />
              </Form>
            ) : (
              <p>{t('berkas.file_none')}</p>
            )}
            <h2>{t('berkas.close_title')}</h2>
            <p>{t('berkas.close_intro')}</p>
            <Form pc={pc} action={`/surat/berkas/${b.id}/tutup`} testid="berkas-close-form">
              <TextField
                t={t}
                name="closedOn"
                label="berkas.d_closed_on"
                type="date"
                errors={errs}
                value={v.closedOn ?? r.today}
                testid="berkas-closed-on"
              />
              <Submit label={t('berkas.close_submit')} testid="berkas-close-submit" />
            </Form>
          </>
        ) : null}
        {r.can.decide && kinds.length ? (
          <>
            <h2>{t('berkas.decide_title')}</h2>
            <p>{t('berkas.decide_intro')}</p>
            <Form pc={pc} action={`/surat/berkas/${b.id}/keputusan`} multipart testid="berkas-decide-form">
              <SelectField
                t={t}
                name="kind"
                label="berkas.f.kind"
                errors={errs}
                value={v.kind}
                placeholder={t('surat.choose')}
                options={kinds.map((k) => ({ value: k, label: t(`berkas.kind.${k}`) }))}
                testid="berkas-kind"
              />
              <TextField
                t={t}
                name="decree"
                label="berkas.f.decree"
                errors={errs}
                value={v.decree}
                maxLength={100}
                testid="berkas-decree"
              />
              <TextField
                t={t}
                name="decidedOn"
                label="berkas.f.decided_on"
                type="date"
                errors={errs}
                value={v.decidedOn ?? r.today}
                testid="berkas-decided-on"
              />
              <TextField
                t={t}
                name="note"
                label="berkas.f.note"
                optional
                errors={errs}
                value={v.note}
                maxLength={1000}
              />
              <div class="field">
                <label for="f-pdf">{t('berkas.f.pdf')}</label>
                <input id="f-pdf" type="file" name="pdf" accept="application/pdf" />
              </div>
              <Submit label={t('berkas.decide_submit')} variant="danger" testid="berkas-decide-submit" />
            </Form>
          </>
        ) : null}
        <h2>{t('berkas.decisions_title')}</h2>
        {r.decisions.length ? (
          <ul data-testid="berkas-decisions">
            {r.decisions.map((x) => (
              <li>
                {t(`berkas.kind.${x.kind as DecisionKind}`)} — {x.decree_number}, {formatDay(x.decided_on, pc.locale)} (
                {x.decided_by_name}){x.note ? `: ${x.note}` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('berkas.decisions_none')}</p>
        )}
      </Layout>,
      st.status ?? 200,
    );
  };
  const run = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    values: Record<string, string>,
    fn: () => Promise<unknown>,
    flash: 'berkas.filed' | 'berkas.closed' | 'berkas.decided',
  ) => {
    try {
      await fn();
    } catch (err) {
      const failure = failureOf(err);
      if (!failure) throw err;
      return render(req, reply, id, { values, failure, status: (err as AppError).status });
    }
    return redirectWithFlash(reply, `/surat/berkas/${id}`, flash);
  };

  app.get('/surat/berkas/:id', { config: { access: B.view }, schema: { params: IdParam } }, (req, reply) =>
    render(req, reply, req.params.id),
  );
  app.post(
    '/surat/berkas/:id/naskah',
    { config: { access: P.register }, schema: { params: IdParam } },
    (req, reply) => {
      const naskahId = str(bodyOf(req).naskahId);
      return run(
        req,
        reply,
        req.params.id,
        { naskahId },
        () => S.fileNaskah(req.ctx(), req.params.id, /^\d{1,9}$/.test(naskahId) ? Number(naskahId) : 0),
        'berkas.filed',
      );
    },
  );
  app.post('/surat/berkas/:id/tutup', { config: { access: P.register }, schema: { params: IdParam } }, (req, reply) => {
    const closedOn = str(bodyOf(req).closedOn).slice(0, 10);
    return run(
      req,
      reply,
      req.params.id,
      { closedOn },
      () => S.close(req.ctx(), req.params.id, closedOn),
      'berkas.closed',
    );
  });
  app.post(
    '/surat/berkas/:id/keputusan',
    {
      config: {
        access: B.decide,
        multipartOptions: { limits: { files: 1, fileSize: s.correspondence.pdfMaxBytes + 1, fields: 10 } },
      },
      schema: { params: IdParam },
    },
    (req, reply) => {
      const b = bodyOf(req);
      const values = Object.fromEntries(
        ['kind', 'decree', 'decidedOn', 'note'].map((k) => [k, str(b[k]).slice(0, 1000)]),
      );
      return run(
        req,
        reply,
        req.params.id,
        values,
        () =>
          S.decide(req.ctx(), req.params.id, {
            kind: values.kind!,
            decree: values.decree!,
            decidedOn: values.decidedOn!,
            note: values.note!,
            pdf: Buffer.isBuffer(b.pdf) ? b.pdf : undefined,
          }),
        'berkas.decided',
      );
    },
  );
  app.get('/surat/berkas/:id/ekspor', { config: { access: B.view }, schema: { params: IdParam } }, async (req, reply) =>
    sendZip(reply, await s.correspondence.exports.berkasPackage(req.ctx(), req.params.id)),
  );
}
