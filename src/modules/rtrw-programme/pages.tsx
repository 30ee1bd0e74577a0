// HTML pages of the RT/RW programme under /program-rtrw (mobile-first):
// the lists with their CSV/XLSX exports, a training's QR and tick list, the
// QR target a head opens, and a head's own record.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { raw } from 'hono/html';
import QRCode from 'qrcode';
import { handleForm, type FormFailure } from '../../http/forms.js';
import { IdParam, type App } from '../../http/types.js';
import { notFound } from '../../lib/errors.js';
import { ProgressChart } from '../../ui/charts.js';
import { Form, SelectField, Submit, TextField } from '../../ui/forms.js';
import { formatTime } from '../../ui/format.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { BASE, exportFormat, isManager, ListHead, ListPage, SheetTable, type Values } from './page-parts.js';
import { programmePolicy } from './policy.js';
import { loadRollup, RollupTable } from './rollup-view.js';
import { completionSheet, dataSheet, regionOf, sendSheet } from './present.js';
import { DATA_PACKAGE, dayOf, sum, topicCounts, TOPICS } from './rules.js';
import { AttendanceForm, DistributionForm, ListQuery, MonthQuery, TokenParam, TrainingForm } from './schema.js';

function Nav(p: { pc: PageCtx }) {
  const t = p.pc.t;
  const links: [string, Parameters<typeof t>[0]][] = [
    ['/pelatihan', 'prog.trainings'],
    ['/kelengkapan', 'prog.completion'],
    ['/bpjs', 'prog.bpjs'],
    ['/paket-data', 'prog.data'],
    ['/honor', 'prog.allowance'],
  ];
  return (
    <ul class="link-list" data-testid="prog-nav">
      {links.map(([href, key]) => (
        <li>
          <a href={BASE + href}>{t(key)}</a>
        </li>
      ))}
    </ul>
  );
}

type Mine = Awaited<ReturnType<Services['programme']['mine']>>;
function MinePage(p: { pc: PageCtx; mine: Mine }) {
  const { pc, mine } = p;
  const t = pc.t;
  // The day in the city's zone: a session at 06:00 WIB is 23:00 UTC the day before.
  const day = (d: Date | string | null) => (d ? dayOf(new Date(d), pc.timeZone) : '');
  return (
    <Layout pc={pc} title={t('prog.mine_title')}>
      <h1>{t('prog.mine_title')}</h1>
      <h2>{t('prog.trainings_attended')}</h2>
      <ul data-testid="mine-trainings">
        {mine.attended.map((a) => (
          <li>
            {t(`prog.topic.${a.topic as (typeof TOPICS)[number]}`)}: {a.title} ({day(a.starts_at)})
          </li>
        ))}
      </ul>
      <p data-testid="mine-missing">
        {mine.missing.length
          ? `${t('prog.missing')}: ${mine.missing.map((m) => t(`prog.topic.${m}`)).join(', ')}`
          : t('prog.complete')}
      </p>
      <h2>{t('prog.bpjs')}</h2>
      <p data-testid="mine-bpjs">
        {mine.enrolment
          ? `${mine.enrolment.membership_number} · ${t(`prog.status.${mine.enrolment.status}`)} · ${day(mine.enrolment.start_date)}`
          : t('prog.not_enrolled')}
      </p>
      {mine.claims.map((c) => (
        <p>
          {t(`prog.claim.${c.kind}`)} · {c.occurred_on ?? day(c.reported_at)} · {t(`prog.claim_status.${c.status}`)}
        </p>
      ))}
      <h2>{t('prog.data')}</h2>
      <p data-testid="mine-usage">
        {t('prog.usage_mine', { month: mine.month, used: mine.usedMb, portal: mine.portalMb })}
      </p>
      <ul>
        {mine.allocations.map((a) => (
          <li>
            {a.month}: {a.quota_mb} MB · {a.operator ?? ''} {a.phone ?? ''} · {day(a.distributed_at)}
          </li>
        ))}
      </ul>
      <h2>{t('prog.allowance')}</h2>
      <ul data-testid="mine-payments">
        {mine.payments.map((x) => (
          <li>
            {x.period}: Rp {x.amount.toLocaleString('id-ID')} · {day(x.paid_at)}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function registerProgrammePages(app: App, s: Services) {
  const P = s.programme;

  app.get(BASE, { config: { access: [...programmePolicy.view, ...programmePolicy.own] } }, async (req, reply) => {
    const pc = pageCtx(req, reply);
    if (programmePolicy.own.includes(req.ctx().scope.role))
      return sendPage(reply, <MinePage pc={pc} mine={await P.mine(req.ctx())} />);
    return sendPage(
      reply,
      <Layout pc={pc} title={pc.t('prog.title')}>
        <h1>{pc.t('prog.title')}</h1>
        <p>{pc.t('prog.intro')}</p>
        <Nav pc={pc} />
      </Layout>,
    );
  });

  // ── Training ──
  /** Loads first, then renders synchronously (handleForm's render is not async). */
  const trainingsPage = async (req: FastifyRequest, reply: FastifyReply, under: string | undefined) => {
    const pc = pageCtx(req, reply);
    const list = await P.trainings(req.ctx(), under);
    const t = pc.t;
    return (failure?: FormFailure, values: Values = {}) => (
      <ListPage pc={pc} title="prog.trainings" failure={failure}>
        <ul data-testid="training-list">
          {list.map((x) => (
            <li>
              <a href={`${BASE}/pelatihan/${x.id}`}>{x.title}</a> ·{' '}
              {t(`prog.topic.${x.topic as (typeof TOPICS)[number]}`)} · {x.place} ·{' '}
              <span data-testid="training-at">{formatTime(x.starts_at, pc, 'long')}</span>
            </li>
          ))}
        </ul>
        {isManager(pc) ? (
          <section>
            <h2>{t('prog.training_new')}</h2>
            <Form pc={pc} action={`${BASE}/pelatihan`} testid="training-form">
              <TextField
                t={t}
                name="regionCode"
                label="prog.organiser"
                value={values.regionCode ?? pc.user?.regionCode}
                maxLength={30}
                errors={failure?.errors}
              />
              <SelectField
                t={t}
                name="topic"
                label="prog.topic"
                value={values.topic}
                options={TOPICS.map((x) => ({ value: x, label: t(`prog.topic.${x}`) }))}
                errors={failure?.errors}
              />
              <TextField
                t={t}
                name="title"
                label="prog.training_title"
                value={values.title}
                maxLength={200}
                errors={failure?.errors}
              />
              <TextField
                t={t}
                name="place"
                label="prog.place"
                value={values.place}
                maxLength={200}
                errors={failure?.errors}
              />
              <TextField
                t={t}
                name="startsAt"
                label="prog.starts_at"
                type="datetime-local"
                value={values.startsAt}
                errors={failure?.errors}
              />
              <Submit label={t('prog.save')} testid="training-submit" />
            </Form>
          </section>
        ) : null}
      </ListPage>
    );
  };
  app.get(
    `${BASE}/pelatihan`,
    { config: { access: programmePolicy.view }, schema: { querystring: ListQuery } },
    async (req, reply) => sendPage(reply, (await trainingsPage(req, reply, req.query.under))()),
  );
  app.post(
    `${BASE}/pelatihan`,
    { config: { access: programmePolicy.manage }, attachValidation: true, schema: { body: TrainingForm } },
    async (req, reply) => {
      const b = (req.body ?? {}) as Values;
      const view = await trainingsPage(req, reply, undefined);
      return handleForm(req, reply, {
        render: (failure) => view(failure, b),
        run: () => P.createTraining(req.ctx(), req.body),
        done: (t) => redirectWithFlash(reply, `${BASE}/pelatihan/${t.id}`, 'flash.saved'),
      });
    },
  );

  const trainingPage = async (req: FastifyRequest, reply: FastifyReply, id: number) => {
    if (!Number.isSafeInteger(id)) throw notFound(); // a form post's params are not checked before the handler
    const pc = pageCtx(req, reply);
    const t = pc.t;
    const r = await P.training(req.ctx(), id);
    const url = `${req.publicUrl}/pelatihan/hadir/${r.training.attendance_token}`;
    const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    const present = new Set(r.attendance.map((a) => a.user_id));
    return (failure?: FormFailure) => (
      <ListPage pc={pc} title="prog.trainings" failure={failure}>
        <h2>{r.training.title}</h2>
        <p>
          {t(`prog.topic.${r.training.topic as (typeof TOPICS)[number]}`)} · {r.training.place} ·{' '}
          <span data-testid="training-at">{formatTime(r.training.starts_at, pc, 'long')}</span>
        </p>
        {isManager(pc) ? (
          <>
            <div class="qr" data-testid="attendance-qr">
              {raw(svg)}
            </div>
            <p class="hint">{t('prog.qr_hint')}</p>
          </>
        ) : null}
        <h3>
          {t('prog.invited')} ({present.size}/{r.invited.length})
        </h3>
        <ul data-testid="invited-list">
          {r.invited.map((h) => (
            <li data-testid={`invited-${h.id}`}>
              {h.full_name} · {regionOf(h)} ·{' '}
              {present.has(h.id) ? <span class="tag tag--green">{t('prog.attended')}</span> : t('prog.not_attended')}
              {isManager(pc) && !present.has(h.id) ? (
                <Form pc={pc} action={`${BASE}/pelatihan/${id}/hadir`} class="inline-form">
                  <input type="hidden" name="userId" value={String(h.id)} />
                  <Submit label={t('prog.mark_present')} variant="secondary" testid={`tick-${h.id}`} />
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </ListPage>
    );
  };
  app.get(
    `${BASE}/pelatihan/:id`,
    { config: { access: programmePolicy.view }, schema: { params: IdParam } },
    async (req, reply) => sendPage(reply, (await trainingPage(req, reply, req.params.id))()),
  );
  app.post(
    `${BASE}/pelatihan/:id/hadir`,
    {
      config: { access: programmePolicy.manage },
      attachValidation: true,
      schema: { params: IdParam, body: AttendanceForm },
    },
    async (req, reply) => {
      const view = await trainingPage(req, reply, req.params.id);
      return handleForm(req, reply, {
        render: (failure) => view(failure),
        run: () => P.tickAttendance(req.ctx(), req.params.id, Number(req.body.userId)),
        done: () => redirectWithFlash(reply, `${BASE}/pelatihan/${req.params.id}`, 'flash.saved'),
      });
    },
  );
  // The QR target. Opening it is the act of attending (a head scans it in the
  // room); the unguessable token is what proves presence, and a repeat opening
  // changes nothing.
  app.get(
    '/pelatihan/hadir/:token',
    { config: { access: programmePolicy.own }, schema: { params: TokenParam } },
    async (req, reply) => {
      const r = await P.attendByToken(req.ctx(), req.params.token);
      const pc = pageCtx(req, reply);
      return sendPage(
        reply,
        <Layout pc={pc} title={pc.t('prog.trainings')}>
          <div class="notice notice--success" role="status" data-testid="attend-result">
            {pc.t(r.added ? 'prog.attend_done' : 'prog.attend_already', { title: r.training.title })}
          </div>
          <p>
            <a href={BASE}>{pc.t('prog.mine_title')}</a>
          </p>
        </Layout>,
      );
    },
  );

  // ── Lists with exports ──
  app.get(
    `${BASE}/kelengkapan`,
    { config: { access: programmePolicy.view }, schema: { querystring: ListQuery } },
    async (req, reply) => {
      const list = await P.completion(req.ctx(), req.query.under);
      const sheet = completionSheet(req.t, list);
      const f = exportFormat(req.query.format);
      if (f) return sendSheet(reply, sheet, f, 'kelengkapan-pelatihan');
      const pc = pageCtx(req, reply);
      const rollup = await loadRollup(s, req.ctx(), req.query.under, { completion: list });
      return sendPage(
        reply,
        <ListPage pc={pc} title="prog.completion">
          <ListHead pc={pc} path={`${BASE}/kelengkapan`} query={{ under: req.query.under }} />
          {rollup ? <RollupTable pc={pc} r={rollup} path={`${BASE}/kelengkapan`} query={{}} /> : null}
          {list.length ? (
            <ProgressChart
              t={pc.t}
              title={pc.t('prog.chart_topics')}
              rows={topicCounts(list).map((x) => ({
                label: pc.t(`prog.topic.${x.topic}`),
                done: x.done,
                total: x.total,
              }))}
              testid="chart-topics"
            />
          ) : null}
          <SheetTable pc={pc} sheet={sheet} testid="completion-table" />
        </ListPage>,
      );
    },
  );

  const dataPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    q: { under?: string | undefined; month?: string | undefined },
  ) => {
    const month = q.month ?? P.currentMonth();
    const [r, rollup] = await Promise.all([
      P.dataList(req.ctx(), month, q.under),
      loadRollup(s, req.ctx(), q.under, { month }),
    ]);
    const pc = pageCtx(req, reply);
    const t = pc.t;
    const sheet = dataSheet(req.t, r, req.timeZone);
    return {
      sheet,
      month,
      page: (failure?: FormFailure, values: Values = {}) => (
        <ListPage pc={pc} title="prog.data_list" failure={failure}>
          <ListHead
            pc={pc}
            path={`${BASE}/paket-data`}
            query={{ under: q.under, month }}
            extra={{ name: 'month', label: 'prog.month', value: month }}
          />
          {rollup ? <RollupTable pc={pc} r={rollup} path={`${BASE}/paket-data`} query={{ month }} /> : null}
          {r.rows.length ? (
            <ProgressChart
              t={t}
              title={t('prog.chart_data', { month })}
              rows={[
                { label: t('prog.distributed_at'), done: r.distributed, total: r.rows.length },
                {
                  label: t('prog.used_mb'),
                  done: sum(r.rows.map((x) => x.usedMb)),
                  total: r.rows.length * DATA_PACKAGE.portalMb,
                  text: `${Math.round(sum(r.rows.map((x) => x.usedMb)))} MB`,
                },
              ]}
              testid="chart-data"
            />
          ) : null}
          <SheetTable pc={pc} sheet={sheet} testid="data-table" />
          {isManager(pc) ? (
            <section>
              <h2>{t('prog.distribute')}</h2>
              <Form pc={pc} action={`${BASE}/paket-data`} testid="distribute-form">
                <input type="hidden" name="month" value={month} />
                <SelectField
                  t={t}
                  name="userId"
                  label="prog.name"
                  value={values.userId}
                  options={r.rows.map((x) => ({
                    value: String(x.head.id),
                    label: `${x.head.full_name} · ${regionOf(x.head)}`,
                  }))}
                  errors={failure?.errors}
                />
                <TextField
                  t={t}
                  name="phone"
                  label="prog.phone"
                  type="tel"
                  inputmode="tel"
                  value={values.phone}
                  maxLength={16}
                  errors={failure?.errors}
                />
                <TextField
                  t={t}
                  name="operator"
                  label="prog.operator"
                  value={values.operator}
                  maxLength={60}
                  errors={failure?.errors}
                />
                <TextField
                  t={t}
                  name="receiptNote"
                  label="prog.receipt"
                  value={values.receiptNote}
                  maxLength={300}
                  optional
                  errors={failure?.errors}
                />
                <Submit label={t('prog.save')} testid="distribute-submit" />
              </Form>
            </section>
          ) : null}
        </ListPage>
      ),
    };
  };
  app.get(
    `${BASE}/paket-data`,
    { config: { access: programmePolicy.view }, schema: { querystring: MonthQuery } },
    async (req, reply) => {
      const r = await dataPage(req, reply, req.query);
      const f = exportFormat(req.query.format);
      if (f) return sendSheet(reply, r.sheet, f, `paket-data-${r.month}`);
      return sendPage(reply, r.page());
    },
  );
  app.post(
    `${BASE}/paket-data`,
    { config: { access: programmePolicy.manage }, attachValidation: true, schema: { body: DistributionForm } },
    async (req, reply) => {
      const b = (req.body ?? {}) as Values;
      const view = (
        await dataPage(req, reply, { month: /^\d{4}-(0[1-9]|1[0-2])$/.test(b.month ?? '') ? b.month : undefined })
      ).page;
      return handleForm(req, reply, {
        render: (failure) => view(failure, b),
        run: () => P.distribute(req.ctx(), { ...req.body, userId: Number(req.body.userId) }),
        done: () => redirectWithFlash(reply, `${BASE}/paket-data?month=${req.body.month}`, 'flash.saved'),
      });
    },
  );
}
