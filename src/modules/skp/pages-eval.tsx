// Evaluation pages (issue 16, item 5): /skp/:id/evaluasi — the appraiser rates each result and behaviour for a
// period and sees the predikat; /skp/distribusi — a unit's annual predikat against its organisation rating, with
// the curve's warnings, and the leader above's form for that rating.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormFailure } from '../../http/forms.js';
import { IdParam, type App } from '../../http/types.js';
import { addMenu } from '../../kernel/menu.js';
import { AppError } from '../../lib/errors.js';
import { ErrorSummary, Form, SelectField, Submit, TextArea } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { TableWrap } from '../../ui/lists.js';
import { pageCtx, redirectWithFlash, sendPage } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { SkpDocuments } from './pages-doc.js';
import { BERAKHLAK, skpPolicy as P } from './policy.js';
import { ORG_RATINGS, PREDIKATS, RATINGS } from './rules.js';
import { BehaviourNotes } from './pages-feedback.js';

type Values = Record<string, string | undefined>;
interface State {
  failure?: FormFailure;
  values?: Values;
  status?: number;
}

const periodOf = (raw: unknown, fallback: string) => {
  const s = typeof raw === 'string' ? raw : '';
  return /^\d{4}(-(0[1-9]|1[0-2]))?$/.test(s) ? s : fallback;
};

export function registerSkpEvalPages(app: App, s: Services) {
  const E = s.skpEval;
  addMenu(app, { href: '/skp/distribusi', key: 'skp.dist.nav', roles: P.view, order: 49 });

  const evalPage = async (req: FastifyRequest, reply: FastifyReply, id: number, period: string, st: State = {}) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const f = await E.form(req.ctx(), id, period);
    const notes = await s.skpFeedback.notesOfPeriod(req.ctx(), id, period);
    const docs = await s.skpDocs.documents(req.ctx(), id);
    const saved = new Map(f.items.map((i) => [i.result_id ? `r_${i.result_id}` : `b_${i.behaviour}`, i.rating]));
    const val = (k: string) => st.values?.[k] ?? saved.get(k) ?? '';
    const errs = st.failure?.errors;
    const Radios = (p: { name: string; legend: string; notes?: unknown }) => {
      const err = errs?.find((e) => e.field === p.name);
      return (
        <fieldset class={err ? 'form-group form-group--error' : 'form-group'} id={`f-${p.name}`}>
          <legend>{p.legend}</legend>
          {err ? <p class="error-message">{t(err.key, err.params)}</p> : null}
          {p.notes ?? null}
          {RATINGS.map((r) => (
            <label class="radio">
              <input type="radio" name={p.name} value={r} checked={val(p.name) === r} data-testid={`${p.name}-${r}`} />{' '}
              {t(`skp.rating.${r}`)}
            </label>
          ))}
        </fieldset>
      );
    };
    const title = t('skp.eval.title', { name: f.p.employee_name, period });
    return sendPage(
      reply,
      <Layout pc={pc} title={title}>
        <h1>{title}</h1>
        {f.saved ? (
          <p class="notice" data-testid="eval-predikat">
            {t('skp.eval.saved', { predikat: t(`skp.predikat.${f.saved.predikat}`) })}
          </p>
        ) : null}
        <ErrorSummary t={t} errors={errs} message={st.failure?.message} params={st.failure?.params} />
        <Form pc={pc} action={`/skp/${id}/evaluasi`} testid="eval-form">
          <input type="hidden" name="period" value={period} />
          <h2>{t('skp.results_title')}</h2>
          {f.results.map((r) => (
            <Radios name={`r_${r.id}`} legend={`${t(`skp.kind.${r.kind}`)}: ${r.text}`} />
          ))}
          <h2>{t('skp.behaviours_title')}</h2>
          {notes.length ? <p class="hint">{t('skp.fb.eval_notes')}</p> : null}
          {BERAKHLAK.map((c) => (
            <Radios
              name={`b_${c}`}
              legend={t(`skp.behaviour.${c}`)}
              notes={<BehaviourNotes pc={pc} code={c} notes={notes} />}
            />
          ))}
          <h2>{t('skp.eval.overall')}</h2>
          <p class="hint">{t('skp.eval.overall_hint')}</p>
          {(['resultRating', 'behaviourRating'] as const).map((n) => (
            <SelectField
              t={t}
              name={n}
              label={`skp.eval.${n}`}
              errors={errs}
              value={st.values?.[n] ?? ''}
              placeholder={t('skp.eval.proposed')}
              options={RATINGS.map((r) => ({ value: r, label: t(`skp.rating.${r}`) }))}
            />
          ))}
          <TextArea
            t={t}
            name="note"
            label="skp.eval.note"
            optional
            errors={errs}
            value={st.values?.note ?? f.saved?.note}
            maxLength={1000}
            rows={3}
          />
          <Submit label={t('skp.eval.submit')} testid="eval-submit" />
        </Form>
        <SkpDocuments
          pc={pc}
          skpId={id}
          year={f.p.year}
          docs={docs.docs.filter((x) => x.period === period)}
          maySign={docs.maySign}
          signPeriod={f.saved ? period : null}
        />
        <p>
          <a href={`/skp/${id}`}>{t('skp.eval.back')}</a>
        </p>
      </Layout>,
      st.status ?? 200,
    );
  };

  app.get('/skp/:id/evaluasi', { config: { access: P.act }, schema: { params: IdParam } }, async (req, reply) => {
    const q = req.query as { periode?: string } | undefined;
    return evalPage(req, reply, req.params.id, periodOf(q?.periode, String(s.skp.yearNow())));
  });
  app.post('/skp/:id/evaluasi', { config: { access: P.act }, schema: { params: IdParam } }, async (req, reply) => {
    const b = (req.body ?? {}) as Values;
    const period = periodOf(b.period, String(s.skp.yearNow()));
    const pick = (prefix: string) =>
      Object.fromEntries(
        Object.entries(b)
          .filter(([k]) => k.startsWith(prefix))
          .map(([k, v]) => [k.slice(prefix.length), String(v ?? '')]),
      );
    try {
      const predikat = await E.evaluate(req.ctx(), req.params.id, period, {
        results: pick('r_'),
        behaviours: pick('b_'),
        resultRating: b.resultRating,
        behaviourRating: b.behaviourRating,
        note: b.note,
      });
      void predikat;
    } catch (err) {
      if (err instanceof AppError && err.status < 500 && ![401, 403, 404].includes(err.status))
        return evalPage(req, reply, req.params.id, period, {
          values: b,
          failure: { errors: err.fields, message: err.fields.length ? undefined : err.key, params: err.params },
          status: err.status,
        });
      throw err;
    }
    return redirectWithFlash(reply, `/skp/${req.params.id}/evaluasi?periode=${period}`, 'skp.eval.done');
  });

  const distPage = async (req: FastifyRequest, reply: FastifyReply, st: State = {}) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const q = (req.query ?? {}) as { unit?: string; tahun?: string };
    const year = Number(q.tahun) >= 2000 && Number(q.tahun) <= 2999 ? Number(q.tahun) : s.skp.yearNow();
    const v = await s.skp.viewer(req.ctx());
    const units = (await s.employees.units(req.ctx())).filter(
      (u) => !!v.cityPrefix || v.headOf.some((h) => u.path === h || u.path.startsWith(h + '/')),
    );
    const unitId = Number(st.values?.unitId ?? q.unit) || units[0]?.id || 0;
    const dist = unitId ? await E.distribution(req.ctx(), unitId, year) : null;
    const count = (p: string) => dist?.rows.filter((r) => r.predikat === p).length ?? 0;
    return sendPage(
      reply,
      <Layout pc={pc} title={t('skp.dist.title')}>
        <h1>{t('skp.dist.title')}</h1>
        <ErrorSummary t={t} errors={st.failure?.errors} message={st.failure?.message} params={st.failure?.params} />
        {units.length ? (
          <form method="get" action="/skp/distribusi" class="filters">
            <label for="f-unit">{t('skp.col.unit')}</label>{' '}
            <select id="f-unit" name="unit">
              {units.map((u) => (
                <option value={String(u.id)} selected={u.id === unitId}>
                  {u.name}
                </option>
              ))}
            </select>{' '}
            <label for="f-tahun">{t('skp.year')}</label>{' '}
            <input id="f-tahun" name="tahun" type="number" min="2000" max="2999" value={String(year)} />{' '}
            <Submit label={t('skp.open')} variant="secondary" />
          </form>
        ) : (
          <p>{t('skp.dist.no_units')}</p>
        )}
        {dist ? (
          <>
            <p data-testid="dist-org">
              {dist.org ? t('skp.dist.org', { rating: t(`skp.org.${dist.org.rating}`) }) : t('skp.dist.org_none')}
            </p>
            <TableWrap label={t('skp.dist.title')}>
              <table class="table" data-testid="dist-table">
                <thead>
                  <tr>
                    <th>{t('skp.dist.predikat')}</th>
                    <th class="num">{t('skp.dist.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {PREDIKATS.map((p) => (
                    <tr>
                      <td>{t(`skp.predikat.${p}`)}</td>
                      <td class="num" data-testid={`dist-${p}`}>
                        {count(p)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            {dist.warnings.length ? (
              <div class="notice" role="status" data-testid="dist-warnings">
                <h2>{t('skp.dist.warnings')}</h2>
                <ul>
                  {dist.warnings.map((w) => (
                    <li>
                      {t(`skp.dist.warn.${w.rule.rule}`, {
                        predikat: w.rule.predikat.map((p) => t(`skp.predikat.${p}`)).join(' / '),
                        percent: w.rule.percent,
                        count: w.count,
                        total: w.total,
                      })}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {dist.mayRate ? (
              <Form pc={pc} action="/skp/distribusi/organisasi" testid="org-rating-form">
                <input type="hidden" name="unitId" value={String(unitId)} />
                <input type="hidden" name="year" value={String(year)} />
                <SelectField
                  t={t}
                  name="rating"
                  label="skp.dist.set_org"
                  errors={st.failure?.errors}
                  value={dist.org?.rating ?? ''}
                  options={ORG_RATINGS.map((r) => ({ value: r, label: t(`skp.org.${r}`) }))}
                />
                <Submit label={t('skp.dist.save_org')} variant="secondary" />
              </Form>
            ) : null}
          </>
        ) : null}
      </Layout>,
      st.status ?? 200,
    );
  };
  app.get('/skp/distribusi', { config: { access: P.view } }, (req, reply) => distPage(req, reply));
  app.post('/skp/distribusi/organisasi', { config: { access: P.view } }, async (req, reply) => {
    const b = (req.body ?? {}) as Values;
    const unitId = Number(b.unitId) || 0;
    const year = Number(b.year) || s.skp.yearNow();
    try {
      await E.setOrgRating(req.ctx(), unitId, year, b.rating ?? '');
    } catch (err) {
      if (err instanceof AppError && err.status === 422)
        return distPage(req, reply, { values: b, failure: { errors: err.fields }, status: 422 });
      throw err;
    }
    return redirectWithFlash(reply, `/skp/distribusi?unit=${unitId}&tahun=${year}`, 'skp.saved_flash');
  });
}
