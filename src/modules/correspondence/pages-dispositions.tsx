// Disposisi pages: the section of the naskah page (/surat/masuk/:id: the tree, the dispose form, withdraw and report
// forms, "tidak perlu disposisi"), its form posts, /surat/disposisi (my dispositions) and /surat/disposisi/:id (opens
// it — the read receipt — and goes to its node on the naskah page). Every form works without script.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendStoredFile } from '../../kernel/files/serve.js';
import type { FormFailure } from '../../http/forms.js';
import { IdParam, type App } from '../../http/types.js';
import { AppError } from '../../lib/errors.js';
import { Form, Submit, TextArea, TextField } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { TableWrap } from '../../ui/lists.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import type { DispositionRow } from './dispositions-repo.js';
import { DISPOSITION_NOTE_MAX, isOverdue, REPORT_MAX } from './dispositions-rules.js';
import type { DispositionsService } from './dispositions-service.js';
import { formatDay, formatWhen } from './page-parts.js';
import { ActsTrail, OnBehalf } from './acting-parts.js';
import { correspondencePolicy as P } from './policy.js';

export type Tree = Awaited<ReturnType<DispositionsService['tree']>>;
export type Values = Record<string, string | string[] | undefined>;
export interface FormState {
  failure?: FormFailure | undefined;
  values?: Values | undefined;
  /** Which form the failure belongs to: 'dispose', 'close' or `report-<id>`. */
  form?: string | undefined;
}

const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : [];

function Node(p: {
  pc: PageCtx;
  tree: Tree;
  node: DispositionRow;
  kids: Map<number | null, DispositionRow[]>;
  st: FormState;
  maxMb: string;
  texts: Map<string, string>;
}) {
  const { pc, tree, node: r, st } = p;
  const { t } = pc;
  const overdue = isOverdue({ dueDate: r.due_date, closed: !!r.closed_at, withdrawn: !!r.withdrawn_at }, tree.today);
  const errs = st.form === `report-${r.id}` ? st.failure?.errors : undefined;
  const children = p.kids.get(r.id) ?? [];
  return (
    <li data-testid={`disposition-node-${r.id}`} id={`disposition-node-${r.id}`} class="disposition-node">
      <p>
        <strong>{t('disposisi.from_to', { from: r.from_name, to: `${r.to_name} (${r.to_unit_name})` })}</strong>
      </p>
      <dl class="summary">
        <dt>{t('disposisi.instructions')}</dt>
        <dd data-testid={`disposition-instructions-${r.id}`}>
          {r.instructions.map((c) => p.texts.get(c) ?? c).join('; ')}
        </dd>
        {r.note ? (
          <>
            <dt>{t('disposisi.note')}</dt>
            <dd>{r.note}</dd>
          </>
        ) : null}
        <dt>{t('disposisi.due')}</dt>
        <dd data-testid={`disposition-due-${r.id}`}>
          {formatDay(r.due_date, pc.locale)}
          {overdue ? <strong class="tag tag--danger"> {t('disposisi.overdue')}</strong> : null}
        </dd>
        <dt>{t('disposisi.sent')}</dt>
        <dd data-testid={`disposition-sent-${r.id}`}>{formatWhen(r.created_at, pc)}</dd>
        <dt>{t('disposisi.read')}</dt>
        <dd data-testid={`disposition-read-${r.id}`}>
          {r.read_at ? formatWhen(r.read_at, pc) : t('disposisi.unread')}
        </dd>
        {r.withdrawn_at ? (
          <>
            <dt>{t('disposisi.withdrawn')}</dt>
            <dd data-testid={`disposition-withdrawn-${r.id}`}>{formatWhen(r.withdrawn_at, pc)}</dd>
          </>
        ) : null}
        {r.closed_at ? (
          <>
            <dt>{t(r.closed_kind === 'laporan' ? 'disposisi.report_at' : 'disposisi.auto_closed')}</dt>
            <dd data-testid={`disposition-closed-${r.id}`}>{formatWhen(r.closed_at, pc)}</dd>
          </>
        ) : null}
        {r.report_text ? (
          <>
            <dt>{t('disposisi.report')}</dt>
            <dd>
              {r.report_text}
              {r.report_file_id ? (
                <>
                  {' '}
                  <a href={`/surat/disposisi/${r.id}/pdf`}>
                    {t('disposisi.report_file', { sha: (r.report_sha256 ?? '').slice(0, 12) })}
                  </a>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      <ActsTrail pc={pc} acts={tree.acts.filter((a) => a.entity_id === String(r.id))} id={r.id} />
      {tree.behalf
        .filter((b) => b.id === r.id)
        .map((b) => (
          <OnBehalf pc={pc} kind={b.kind} name={r.to_name} id={r.id} />
        ))}
      <p data-testid={`disposition-holder-${r.id}`}>
        {r.withdrawn_at
          ? t('disposisi.withdrawn')
          : r.closed_at
            ? t('disposisi.holder_closed')
            : t('disposisi.holder', { name: r.to_name, since: formatWhen(r.created_at, pc) })}
      </p>
      {tree.can.withdrawable.includes(r.id) ? (
        <Form pc={pc} action={`/surat/disposisi/${r.id}/tarik`}>
          <Submit label={t('disposisi.withdraw')} variant="secondary" testid={`withdraw-${r.id}`} />
        </Form>
      ) : null}
      {tree.can.reportable.includes(r.id) ? (
        <Form pc={pc} action={`/surat/disposisi/${r.id}/lapor`} multipart testid={`report-form-${r.id}`}>
          <h4>{t('disposisi.report_title')}</h4>
          <TextArea
            t={t}
            name="report"
            id={`report-${r.id}`}
            label="f.report"
            errors={errs?.map((e) => (e.field === 'report' ? { ...e, field: `report-${r.id}` } : e))}
            value={typeof st.values?.report === 'string' && errs ? st.values.report : undefined}
            rows={3}
            maxLength={REPORT_MAX}
            testid={`report-text-${r.id}`}
          />
          <div class="form-group">
            <label for={`f-pdf-${r.id}`}>
              {t('f.pdf')} {t('common.optional')}
            </label>
            <div class="hint">{t('disposisi.report_pdf_hint', { max: p.maxMb })}</div>
            {errs?.find((e) => e.field === 'pdf') ? (
              <p class="error-message">
                {t(errs.find((e) => e.field === 'pdf')!.key, errs.find((e) => e.field === 'pdf')!.params)}
              </p>
            ) : null}
            <input id={`f-pdf-${r.id}`} name="pdf" type="file" accept="application/pdf" />
          </div>
          <Submit label={t('disposisi.report_submit')} testid={`report-submit-${r.id}`} />
        </Form>
      ) : null}
      {children.length ? (
        <ul class="disposition-children">
          {children.map((c) => (
            <Node {...p} node={c} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** The disposition part of the naskah page. */
export function DispositionSection(p: {
  pc: PageCtx;
  tree: Tree;
  st: FormState;
  maxMb: string;
  instructions: { code: string; text: string }[];
}) {
  const { pc, tree, st } = p;
  const { t } = pc;
  const kids = new Map<number | null, DispositionRow[]>();
  for (const n of tree.nodes) kids.set(n.parent_id, [...(kids.get(n.parent_id) ?? []), n]);
  const texts = new Map(p.instructions.map((i) => [i.code, i.text]));
  const v = st.form === 'dispose' ? (st.values ?? {}) : {};
  const errs = st.form === 'dispose' ? st.failure?.errors : undefined;
  const closeErrs = st.form === 'close' ? st.failure?.errors : undefined;
  const chosenTo = new Set(list(v.to));
  const chosenIns = new Set(list(v.instructions));
  const err = (f: string) => errs?.find((e) => e.field === f);
  const x = tree.naskah;
  return (
    <section data-testid="disposition-section">
      <h2>{t('disposisi.tree_title')}</h2>
      <p>
        {t('disposisi.d_status')}:{' '}
        <strong data-testid="naskah-status">
          {t(`disposisi.status.${x.status === 'didisposisi' || x.status === 'selesai' ? x.status : 'diterima'}`)}
        </strong>
      </p>
      <p class="hint">{t('disposisi.closing_rule')}</p>
      {tree.nodes.length ? (
        <ul class="disposition-tree" data-testid="disposition-tree">
          {(kids.get(null) ?? []).map((n) => (
            <Node pc={pc} tree={tree} node={n} kids={kids} st={st} maxMb={p.maxMb} texts={texts} />
          ))}
        </ul>
      ) : (
        <p data-testid="disposition-tree">{t('disposisi.tree_none')}</p>
      )}
      {tree.can.people.length && (tree.can.top || tree.can.passOn.length) ? (
        <Form pc={pc} action={`/surat/masuk/${x.id}/disposisi`} testid="dispose-form">
          <h3>{t('disposisi.form_title')}</h3>
          <p>{t('disposisi.form_intro')}</p>
          <div class={err('parentId') ? 'form-group form-group--error' : 'form-group'}>
            <label for="f-parentId">{t('f.parentId')}</label>
            {err('parentId') ? <p class="error-message">{t(err('parentId')!.key)}</p> : null}
            <select id="f-parentId" name="parentId" data-testid="dispose-parent">
              {tree.can.top ? <option value="">{t('disposisi.as_head')}</option> : null}
              {tree.can.passOn.map((h) => (
                <option value={String(h.id)} selected={v.parentId === String(h.id)}>
                  {t('disposisi.as_holder', { from: h.fromName })}
                </option>
              ))}
            </select>
          </div>
          <div class={err('to') ? 'form-group form-group--error' : 'form-group'}>
            <label for="f-to">{t('f.to')}</label>
            <div class="hint" id="f-to-hint">
              {t('disposisi.to_hint')}
            </div>
            {err('to') ? (
              <p class="error-message" id="f-to-error">
                {t(err('to')!.key, err('to')!.params)}
              </p>
            ) : null}
            <select
              id="f-to"
              name="to"
              multiple
              size={Math.min(8, tree.can.people.length)}
              data-testid="dispose-to"
              aria-describedby="f-to-hint"
            >
              {tree.can.people.map((e) => (
                <option value={String(e.id)} selected={chosenTo.has(String(e.id))}>
                  {e.full_name} — {e.unit_name}
                </option>
              ))}
            </select>
          </div>
          <fieldset
            class={err('instructions') ? 'form-group form-group--error' : 'form-group'}
            data-testid="dispose-instruction"
          >
            <legend>{t('f.instructions')}</legend>
            {err('instructions') ? <p class="error-message">{t(err('instructions')!.key)}</p> : null}
            {p.instructions.map((i) => (
              <label class="checkbox">
                <input
                  type="checkbox"
                  name="instructions"
                  value={i.code}
                  checked={chosenIns.has(i.code)}
                  data-testid={`dispose-instruction-${i.code}`}
                />{' '}
                {i.text}
              </label>
            ))}
          </fieldset>
          <TextField
            t={t}
            name="dueDate"
            label="f.dueDate"
            type="date"
            errors={errs}
            value={typeof v.dueDate === 'string' ? v.dueDate : undefined}
            testid="dispose-due"
          />
          <TextArea
            t={t}
            name="note"
            label="f.note"
            optional
            errors={errs}
            value={typeof v.note === 'string' ? v.note : undefined}
            rows={2}
            maxLength={DISPOSITION_NOTE_MAX}
            testid="dispose-note"
          />
          <Submit label={t('disposisi.submit')} testid="dispose-submit" />
        </Form>
      ) : null}
      {tree.can.closable ? (
        <Form pc={pc} action={`/surat/masuk/${x.id}/selesai`} testid="close-form">
          <h3>{t('disposisi.close_title')}</h3>
          <p>{t('disposisi.close_intro')}</p>
          <TextArea
            t={t}
            name="note"
            id="close-note"
            label="f.note"
            errors={closeErrs?.map((e) => (e.field === 'note' ? { ...e, field: 'close-note' } : e))}
            rows={2}
            maxLength={DISPOSITION_NOTE_MAX}
            testid="close-note"
          />
          <Submit label={t('disposisi.close_submit')} variant="secondary" testid="close-submit" />
        </Form>
      ) : null}
      {x.closed_at ? (
        <p data-testid="naskah-closed-note">
          {t('disposisi.closed_no_disposition', { at: formatWhen(x.closed_at, pc), note: x.closed_note ?? '' })}
        </p>
      ) : null}
    </section>
  );
}

type RenderDetail = (
  req: FastifyRequest,
  reply: FastifyReply,
  id: number,
  st?: FormState & { status?: number },
) => Promise<unknown>;

export function registerDispositionPages(app: App, s: Services, renderDetail: RenderDetail) {
  const D = s.correspondence.dispositions;
  const body = (req: FastifyRequest) =>
    (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
  const str = (b: Record<string, unknown>, k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
  const num = (s: string) => (/^\d{1,9}$/.test(s) ? Number(s) : 0);
  /** A refused form comes back on the naskah page with its errors; 401/403/404 and 5xx stay errors. */
  const back = async (
    req: FastifyRequest,
    reply: FastifyReply,
    naskahId: number,
    err: unknown,
    form: string,
    values: Values,
  ) => {
    if (err instanceof AppError && err.status < 500 && ![401, 403, 404].includes(err.status))
      return renderDetail(req, reply, naskahId, {
        form,
        values,
        failure: { errors: err.fields, message: err.fields.length ? undefined : err.key, params: err.params },
        status: err.status,
      });
    throw err;
  };

  app.get('/surat/disposisi', { config: { access: P.view } }, async (req, reply) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const rows = await D.mine(req.ctx());
    const title = t('disposisi.mine_title');
    return sendPage(
      reply,
      <Layout pc={pc} title={title}>
        <h1>{title}</h1>
        <p>{t('disposisi.mine_intro')}</p>
        {rows.length ? (
          <TableWrap label={title}>
            <table class="table" data-testid="disposition-list">
              <thead>
                <tr>
                  <th>{t('disposisi.col_naskah')}</th>
                  <th>{t('disposisi.col_from_to')}</th>
                  <th>{t('disposisi.col_due')}</th>
                  <th>{t('disposisi.col_state')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr data-testid={`disposition-row-${r.id}`}>
                    <td>
                      <a href={`/surat/disposisi/${r.id}`}>{r.agenda_number ?? r.naskah_id}</a> — {r.perihal}
                    </td>
                    <td>
                      {t('disposisi.from_to', { from: r.from_name, to: r.to_name })}
                      {r.onBehalfOf ? (
                        <OnBehalf pc={pc} kind={r.onBehalfOf.kind} name={r.onBehalfOf.name} id={r.id} />
                      ) : null}
                    </td>
                    <td>
                      {formatDay(r.due_date, pc.locale)}
                      {r.overdue ? <strong class="tag tag--danger"> {t('disposisi.overdue')}</strong> : null}
                    </td>
                    <td>
                      {r.closed_at
                        ? t('disposisi.holder_closed')
                        : r.read_at
                          ? `${t('disposisi.read')} ${formatWhen(r.read_at, pc)}`
                          : t('disposisi.unread')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p data-testid="disposition-none">{t('disposisi.none')}</p>
        )}
      </Layout>,
    );
  });

  // Opening a disposition by its link: the recipient's read receipt, then its node on the naskah page.
  app.get('/surat/disposisi/:id', { config: { access: P.view }, schema: { params: IdParam } }, async (req, reply) => {
    const r = await D.open(req.ctx(), req.params.id);
    return reply.redirect(`/surat/masuk/${r.naskah_id}#disposition-node-${r.id}`, 303);
  });
  app.get(
    '/surat/disposisi/:id/pdf',
    { config: { access: P.view }, schema: { params: IdParam } },
    async (req, reply) => {
      const f = await D.reportFile(req.ctx(), req.params.id);
      return sendStoredFile(reply, f, f.name);
    },
  );

  app.post(
    '/surat/masuk/:id/disposisi',
    { config: { access: P.view }, schema: { params: IdParam } },
    async (req, reply) => {
      const b = body(req);
      const values: Values = {
        parentId: str(b, 'parentId'),
        to: list(b.to),
        instructions: list(b.instructions),
        dueDate: str(b, 'dueDate'),
        note: str(b, 'note'),
      };
      try {
        await D.dispose(req.ctx(), req.params.id, {
          parentId: values.parentId ? num(values.parentId as string) || -1 : null,
          to: (values.to as string[]).map(num),
          instructions: values.instructions as string[],
          dueDate: values.dueDate as string,
          note: values.note as string,
        });
        return redirectWithFlash(reply, `/surat/masuk/${req.params.id}`, 'disposisi.created');
      } catch (err) {
        return back(req, reply, req.params.id, err, 'dispose', values);
      }
    },
  );

  app.post(
    '/surat/masuk/:id/selesai',
    { config: { access: P.view }, schema: { params: IdParam } },
    async (req, reply) => {
      const note = str(body(req), 'note');
      try {
        await D.closeWithoutDisposition(req.ctx(), req.params.id, note);
        return redirectWithFlash(reply, `/surat/masuk/${req.params.id}`, 'disposisi.closed_flash');
      } catch (err) {
        return back(req, reply, req.params.id, err, 'close', { note });
      }
    },
  );

  app.post(
    '/surat/disposisi/:id/tarik',
    { config: { access: P.view }, schema: { params: IdParam } },
    async (req, reply) => {
      const naskahId = await D.naskahOf(req.ctx(), req.params.id);
      try {
        await D.withdraw(req.ctx(), req.params.id);
        return redirectWithFlash(reply, `/surat/masuk/${naskahId}`, 'disposisi.withdrawn_flash');
      } catch (err) {
        return back(req, reply, naskahId, err, `withdraw-${req.params.id}`, {});
      }
    },
  );

  // Multipart (the optional PDF): the report text and the file arrive as key/values and are checked by the use case.
  app.post(
    '/surat/disposisi/:id/lapor',
    {
      config: { access: P.view, multipartOptions: { limits: { files: 1, fileSize: D.pdfMaxBytes + 1, fields: 5 } } },
      schema: { params: IdParam },
    },
    async (req, reply) => {
      const naskahId = await D.naskahOf(req.ctx(), req.params.id);
      const b = body(req);
      const report = str(b, 'report');
      try {
        await D.report(req.ctx(), req.params.id, { text: report, pdf: Buffer.isBuffer(b.pdf) ? b.pdf : undefined });
        return redirectWithFlash(reply, `/surat/masuk/${naskahId}`, 'disposisi.reported');
      } catch (err) {
        return back(req, reply, naskahId, err, `report-${req.params.id}`, { report });
      }
    },
  );
}
