// Appointing a head from a post's page: search the register, confirm the
// pick (default dates, Perwali warnings), appoint. The result page shows a
// new account's temporary password once: never in a flash, a URL or a log.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { handleForm } from '../../http/forms.js';
import { CodeParam, type App } from '../../http/types.js';
import { ErrorSummary, Form, Submit } from '../../ui/forms.js';
import type { FormFailure } from '../../http/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { TermFields, type AppointState } from './appoint-ui.js';
import { paramsOk, posLabel, RegionPage } from './pages.js';
import { rtrwPolicy } from './policy.js';
import type { Position } from './rules.js';
import { AppointForm, PickForm, ResidentSearchForm } from './schema.js';
import type { AppointResult } from './service.js';
import type { TermWarning } from './term-rules.js';

type Values = Record<string, string | undefined>;
type Pick = Awaited<ReturnType<Services['rtrw']['pick']>>;

function Warnings(p: { pc: PageCtx; warnings: readonly TermWarning[] }) {
  if (!p.warnings.length) return null;
  return (
    <div class="notice notice--warning" data-testid="appoint-warnings">
      <ul>
        {p.warnings.map((w) => (
          <li data-testid={`appoint-warning-${w.key.replace('heads.', '')}`}>{p.pc.t(w.key, w.params)}</li>
        ))}
      </ul>
    </div>
  );
}

function ConfirmPage(p: {
  pc: PageCtx;
  code: string;
  regionName: string;
  position: Position;
  pick: Pick;
  values: Values;
  failure?: FormFailure | undefined;
}) {
  const { pc, pick } = p;
  const t = pc.t;
  return (
    <Layout pc={pc} title={t('heads.confirm_title')}>
      <p>
        <a href={`/rt-rw/${p.code}`}>{t('common.back')}</a>
      </p>
      <h1>{t('heads.confirm_title')}</h1>
      <ErrorSummary t={t} errors={p.failure?.errors} message={p.failure?.message} params={p.failure?.params} />
      <dl class="summary-list" data-testid="appoint-person">
        <div>
          <dt>{t('heads.col_name')}</dt>
          <dd>{pick.resident.name}</dd>
        </div>
        <div>
          <dt>NIK</dt>
          <dd>{pick.resident.nikMasked}</dd>
        </div>
        <div>
          <dt>{t('heads.col_position')}</dt>
          <dd>{`${posLabel(pc, p.position)} — ${p.regionName}`}</dd>
        </div>
      </dl>
      <Warnings pc={pc} warnings={pick.warnings} />
      {p.position === 'ketua' ? (
        <p class="hint">
          {pick.existingAccount
            ? t('heads.account_will_link', { username: pick.existingAccount })
            : t('heads.account_will_create')}
        </p>
      ) : null}
      <Form pc={pc} action={`/rt-rw/${p.code}/angkat`} testid="appoint-confirm-form">
        <input type="hidden" name="residentId" value={String(pick.resident.id)} />
        <input type="hidden" name="position" value={p.position} />
        <TermFields pc={pc} values={p.values} errors={p.failure?.errors} />
        <Submit label={t('heads.appoint')} testid="appoint-confirm" />
      </Form>
    </Layout>
  );
}

function ResultPage(p: { pc: PageCtx; code: string; name: string; position: string; r: AppointResult }) {
  const { pc, r } = p;
  const t = pc.t;
  return (
    <Layout pc={pc} title={t('heads.appointed_title')}>
      <h1>{t('heads.appointed_title')}</h1>
      <div class="notice notice--success" data-testid="appoint-done">
        {t('heads.appointed', { name: p.name, position: posLabel(pc, p.position) })}
      </div>
      <Warnings pc={pc} warnings={r.warnings} />
      {r.account ? (
        <dl class="summary-list" data-testid="appoint-account">
          <div>
            <dt>{t('heads.f_username')}</dt>
            <dd data-testid="appoint-username">{r.account.username}</dd>
          </div>
          {r.account.temporaryPassword ? (
            <div>
              <dt>{t('heads.f_temp_password')}</dt>
              <dd>
                <code data-testid="appoint-temp-password">{r.account.temporaryPassword}</code>
              </dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      {r.account?.temporaryPassword ? <p class="hint">{t('heads.temp_password_once')}</p> : null}
      {r.account && !r.account.created ? <p class="hint">{t('heads.account_linked')}</p> : null}
      <p>
        <a href={`/rt-rw/${p.code}`} data-testid="appoint-back">
          {t('heads.back_to_post')}
        </a>
      </p>
    </Layout>
  );
}

export function registerAppointPages(app: App, s: Services) {
  const region = async (req: FastifyRequest, code: string) => {
    paramsOk(req);
    return s.rtrw.regionTerms(req.ctx(), code); // 404 outside scope before anything else
  };
  const withState = (
    req: FastifyRequest,
    reply: FastifyReply,
    d: Awaited<ReturnType<typeof region>>,
    st: AppointState,
  ) => <RegionPage pc={pageCtx(req, reply)} d={d} appoint={st} />;

  app.post(
    '/rt-rw/:code/cari',
    {
      config: { access: rtrwPolicy.manage },
      attachValidation: true,
      schema: { params: CodeParam, body: ResidentSearchForm },
    },
    async (req, reply) => {
      const d = await region(req, req.params.code);
      const values: Values = { q: req.body?.q, position: req.body?.position };
      return handleForm(req, reply, {
        render: (failure) => withState(req, reply, d, { form: 'search', failure, values }),
        run: () => s.rtrw.searchResidents(req.ctx(), req.params.code, req.body.q),
        done: (results) => sendPage(reply, withState(req, reply, d, { form: 'search', values, results })),
      });
    },
  );

  app.post(
    '/rt-rw/:code/pilih',
    { config: { access: rtrwPolicy.manage }, attachValidation: true, schema: { params: CodeParam, body: PickForm } },
    async (req, reply) => {
      const d = await region(req, req.params.code);
      return handleForm(req, reply, {
        render: (failure) => withState(req, reply, d, { form: 'search', failure }),
        run: () => s.rtrw.pick(req.ctx(), req.params.code, Number(req.body.residentId), req.body.position),
        done: (pick) =>
          sendPage(
            reply,
            <ConfirmPage
              pc={pageCtx(req, reply)}
              code={d.region.code}
              regionName={d.region.name}
              position={req.body.position}
              pick={pick}
              values={{ startDate: pick.startDate, endDate: pick.endDate }}
            />,
          ),
      });
    },
  );

  app.post(
    '/rt-rw/:code/angkat',
    { config: { access: rtrwPolicy.manage }, attachValidation: true, schema: { params: CodeParam, body: AppointForm } },
    async (req, reply) => {
      const d = await region(req, req.params.code);
      const b = req.body ?? {};
      const values: Values = {
        position: b.position,
        name: b.name,
        phone: b.phone,
        startDate: b.startDate,
        endDate: b.endDate,
        decreeNumber: b.decreeNumber,
        decreeDate: b.decreeDate,
      };
      const residentId = b.residentId ? Number(b.residentId) : undefined;
      const pc = () => pageCtx(req, reply);
      // A confirmation keeps the chosen person; a typed name goes back to the post's page with what was typed.
      const pick =
        residentId !== undefined && b.position
          ? await s.rtrw.pick(req.ctx(), req.params.code, residentId, b.position).catch(() => null)
          : null;
      return handleForm(req, reply, {
        render: (failure) =>
          pick && b.position ? (
            <ConfirmPage
              pc={pc()}
              code={d.region.code}
              regionName={d.region.name}
              position={b.position}
              pick={pick}
              values={values}
              failure={failure}
            />
          ) : (
            withState(req, reply, d, { form: 'manual', failure, values })
          ),
        run: () =>
          s.rtrw.appoint(req.ctx(), req.params.code, {
            position: b.position,
            residentId,
            name: b.name,
            phone: b.phone,
            startDate: b.startDate,
            endDate: b.endDate || undefined,
            decreeNumber: b.decreeNumber,
            decreeDate: b.decreeDate || undefined,
          }),
        done: async (r) => {
          if (!r.account && !r.warnings.length)
            return redirectWithFlash(reply, `/rt-rw/${req.params.code}`, 'flash.saved');
          const term = await s.rtrw.term(req.ctx(), r.id);
          reply.header('cache-control', 'no-store');
          return sendPage(
            reply,
            <ResultPage
              pc={pc()}
              code={d.region.code}
              name={term.term.person_name}
              position={term.term.position}
              r={r}
            />,
          );
        },
      });
    },
  );
}
