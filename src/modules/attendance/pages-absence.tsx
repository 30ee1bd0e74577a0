// Absence request pages. /presensi/izin: the employee's own requests (cancel
// while pending), the year's annual-leave balance and the request form —
// multipart so the doctor's letter travels without JavaScript, with a hidden
// idempotency key so a double submit makes one request. /presensi/izin/putuskan:
// the requests waiting for the caller (a head of unit; a city admin sees the
// city's), each with approve/reject. A decision on days already closed
// recomputes them (the service keeps their history); the page says how many.
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { handleForm, type FormFailure } from '../../http/forms.js';
import { IdParam, type App } from '../../http/types.js';
import { AppError, type FieldError } from '../../lib/errors.js';
import { MAX_UPLOAD_BYTES } from '../../kernel/files/rules.js';
import { ErrorSummary, Form, SelectField, Submit, TextArea, TextField } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { attendancePolicy as P } from './policy.js';
import { ABSENCE_TYPES, type AbsenceType } from './rules.js';
import { isDate } from '../work-schedule/index.js';
import { DecisionForm } from './schema.js';
import { identityText } from '../employees/index.js';
import { isLeaveType } from './leave-rules.js';

type Absence = Awaited<ReturnType<Services['attendance']['absences']>>[number];
type Values = Record<string, string>;

const KEY = /^[A-Za-z0-9_-]{8,64}$/;
const COORD = /^-?\d{1,3}(\.\d{1,10})?$/;
/** One byte over the limit so an oversized letter is refused by the size rule with a message, not a bare 413. */
const ABSENCE_MULTIPART = {
  limits: { files: 2, fields: 14, fileSize: MAX_UPLOAD_BYTES + 1 },
  throwFileSizeLimit: false,
};
const STATUS_TONE: Record<string, string> = {
  diajukan: 'blue',
  disetujui: 'green',
  ditolak: 'red',
  dibatalkan: 'grey',
};

const newKey = () => randomUUID().replace(/-/g, '');
export const typeLabel = (pc: PageCtx, type: string) =>
  ABSENCE_TYPES.includes(type as AbsenceType) ? pc.t(`presensi.type.${type as AbsenceType}`) : type;
export const dayLabel = (pc: PageCtx, date: string) =>
  new Intl.DateTimeFormat(pc.locale === 'en' ? 'en-GB' : 'id-ID', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
const range = (pc: PageCtx, a: { start: string; end: string }) =>
  a.start === a.end ? dayLabel(pc, a.start) : `${dayLabel(pc, a.start)} – ${dayLabel(pc, a.end)}`;

/** Reads the request form (multipart or urlencoded) by hand: the values to show again, the checked input, and field errors. */
function readAbsenceForm(body: unknown) {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string).trim() : '');
  const fileOf = (raw: unknown) => (Array.isArray(raw) ? raw.find((x) => Buffer.isBuffer(x)) : raw) as unknown;
  const file = fileOf(b.attachment);
  const spt = fileOf(b.spt);
  const values: Values = Object.fromEntries(
    ['idempotencyKey', 'type', 'start', 'end', 'reason', 'place', 'placeLat', 'placeLon', 'sptNumber'].map((k) => [
      k,
      str(k).slice(0, 600),
    ]),
  );
  const errors: FieldError[] = [];
  const type = ABSENCE_TYPES.find((x) => x === values.type);
  if (!type) errors.push({ field: 'type', key: 'presensi.err.type' });
  if (!isDate(values.start))
    errors.push({ field: 'start', key: 'presensi.err.date', params: { field: 'presensi.f.start' } });
  if (!isDate(values.end)) errors.push({ field: 'end', key: 'presensi.err.date', params: { field: 'presensi.f.end' } });
  if (!values.reason) errors.push({ field: 'reason', key: 'presensi.err.reason' });
  else if (values.reason.length > 500)
    errors.push({ field: 'reason', key: 'field.too_long', params: { field: 'presensi.f.reason', limit: 500 } });
  if (values.sptNumber!.length > 100)
    errors.push({ field: 'sptNumber', key: 'field.too_long', params: { field: 'cuti.f.spt_number', limit: 100 } });
  if (values.place!.length > 160)
    errors.push({ field: 'place', key: 'field.too_long', params: { field: 'presensi.f.place', limit: 160 } });
  const lat = values.placeLat
    ? COORD.test(values.placeLat) && Math.abs(Number(values.placeLat)) <= 90
      ? Number(values.placeLat)
      : NaN
    : undefined;
  const lon = values.placeLon
    ? COORD.test(values.placeLon) && Math.abs(Number(values.placeLon)) <= 180
      ? Number(values.placeLon)
      : NaN
    : undefined;
  if (Number.isNaN(lat) || Number.isNaN(lon) || (lat === undefined) !== (lon === undefined))
    errors.push({ field: 'placeLat', key: 'presensi.err.coordinates' });
  const input = {
    idempotencyKey: values.idempotencyKey!,
    type: type ?? 'izin',
    start: values.start!,
    end: values.end!,
    reason: values.reason!,
    place: values.place || undefined,
    placeLat: lat,
    placeLon: lon,
    attachment: Buffer.isBuffer(file) && file.length ? file : undefined,
    sptNumber: values.sptNumber || undefined,
    spt: Buffer.isBuffer(spt) && spt.length ? spt : undefined,
  };
  return { values, input, errors, badKey: !KEY.test(values.idempotencyKey ?? '') };
}

function StatusTag(p: { pc: PageCtx; status: string }) {
  return (
    <span class={`tag tag--${STATUS_TONE[p.status] ?? 'grey'}`}>
      {p.pc.t(`presensi.absence_status.${p.status as 'diajukan'}`)}
    </span>
  );
}

function RequestForm(p: { pc: PageCtx; values: Values; failure?: FormFailure | undefined }) {
  const { pc, values } = p;
  const t = pc.t;
  const errors = p.failure?.errors;
  return (
    <Form pc={pc} action="/presensi/izin" multipart testid="absence-form">
      <input
        type="hidden"
        name="idempotencyKey"
        value={KEY.test(values.idempotencyKey ?? '') ? values.idempotencyKey : newKey()}
      />
      <SelectField
        t={t}
        name="type"
        label="presensi.f.type"
        value={values.type}
        options={ABSENCE_TYPES.filter((x) => !isLeaveType(x) && x !== 'cuti_bersama').map((x) => ({
          value: x,
          label: t(`presensi.type.${x}`),
        }))}
        errors={errors}
      />
      <TextField
        t={t}
        name="start"
        label="presensi.f.start"
        type="date"
        value={values.start}
        errors={errors}
        class="input--medium"
      />
      <TextField
        t={t}
        name="end"
        label="presensi.f.end"
        type="date"
        value={values.end}
        errors={errors}
        class="input--medium"
        hint="presensi.hint.end"
      />
      <TextArea
        t={t}
        name="reason"
        label="presensi.f.reason"
        value={values.reason}
        maxLength={500}
        rows={3}
        errors={errors}
      />
      <TextField
        t={t}
        name="place"
        label="presensi.f.place"
        value={values.place}
        maxLength={160}
        errors={errors}
        optional
        hint="presensi.hint.place"
      />
      <TextField
        t={t}
        name="sptNumber"
        label="cuti.f.spt_number"
        value={values.sptNumber}
        maxLength={100}
        errors={errors}
        optional
        hint="cuti.hint.spt"
      />
      <div class={errors?.some((e) => e.field === 'spt') ? 'form-group form-group--error' : 'form-group'}>
        <label for="f-spt">
          {t('cuti.f.spt')} {t('common.optional')}
        </label>
        {errors
          ?.filter((e) => e.field === 'spt')
          .map((e) => (
            <p class="error-message">{t(e.key, e.params)}</p>
          ))}
        <input type="file" id="f-spt" name="spt" accept="application/pdf" />
      </div>
      <TextField
        t={t}
        name="placeLat"
        label="presensi.f.place_lat"
        value={values.placeLat}
        inputmode="text"
        errors={errors}
        optional
        class="input--medium"
        hint="presensi.hint.coordinates"
      />
      <TextField
        t={t}
        name="placeLon"
        label="presensi.f.place_lon"
        value={values.placeLon}
        inputmode="text"
        errors={errors}
        optional
        class="input--medium"
      />
      <div class={errors?.some((e) => e.field === 'attachment') ? 'form-group form-group--error' : 'form-group'}>
        <label for="f-attachment">
          {t('presensi.f.attachment')} {t('common.optional')}
        </label>
        <div class="hint" id="f-attachment-hint">
          {t(p.failure ? 'presensi.hint.attachment_again' : 'presensi.hint.attachment')}
        </div>
        {errors
          ?.filter((e) => e.field === 'attachment')
          .map((e) => (
            <p class="error-message">{t(e.key, e.params)}</p>
          ))}
        <input
          type="file"
          id="f-attachment"
          name="attachment"
          accept="image/jpeg,image/png,image/webp,application/pdf"
          aria-describedby="f-attachment-hint"
        />
      </div>
      <Submit label={t('presensi.absence_submit')} testid="absence-submit" />
    </Form>
  );
}

function DecisionForms(p: { pc: PageCtx; list: Absence[]; showEmpty: boolean }) {
  const { pc } = p;
  const t = pc.t;
  if (!p.list.length) return p.showEmpty ? <p data-testid="to-decide-none">{t('presensi.to_decide_none')}</p> : null;
  return (
    <ul class="stack" data-testid="to-decide">
      {p.list.map((a) => (
        <li class="card" data-testid={`to-decide-${a.id}`}>
          <p>
            <strong>{a.full_name}</strong> · {identityText(t, a)}
            <br />
            {typeLabel(pc, a.type)} · {range(pc, a)} · {t('presensi.working_days', { n: a.working_days })}
            {a.place ? ` · ${a.place}` : ''}
            {a.spt_number ? ` · ${t('cuti.spt')} ${a.spt_number}` : ''}
          </p>
          <p>{a.reason}</p>
          {a.spt_file_id ? (
            <p class="hint">
              <a href={`/api/v1/attendance/absences/${a.id}/spt`}>{t('cuti.spt_file')}</a>
            </p>
          ) : null}
          {a.attachment_id ? (
            <p class="hint">
              <a href={`/api/v1/attendance/absences/${a.id}/attachment`}>{t('presensi.has_attachment')}</a>
            </p>
          ) : null}
          <Form pc={pc} action={`/presensi/izin/${a.id}/putuskan`} testid={`decide-${a.id}`}>
            <TextField t={t} name="note" label="presensi.f.note" maxLength={500} optional />
            <div class="button-group">
              <button type="submit" name="decision" value="disetujui" class="button" data-testid={`approve-${a.id}`}>
                {t('presensi.approve')}
              </button>
              <button
                type="submit"
                name="decision"
                value="ditolak"
                class="button button--danger"
                data-testid={`reject-${a.id}`}
              >
                {t('presensi.reject')}
              </button>
            </div>
          </Form>
        </li>
      ))}
    </ul>
  );
}

export function registerAbsencePages(app: App, s: Services) {
  const A = s.attendance;

  const ownPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    failure?: FormFailure,
    values: Values = {},
    status = 200,
  ) => {
    const pc = pageCtx(req, reply);
    const t = pc.t;
    const ctx = req.ctx();
    const year = Number(A.thisMonth().slice(0, 4));
    const [mine, toDecide, leave] = await Promise.all([
      A.absences(ctx, 'mine'),
      A.absences(ctx, 'to_decide'),
      A.leave(ctx, year),
    ]);
    const q = (req.query ?? {}) as Record<string, string | undefined>;
    return sendPage(
      reply,
      <Layout pc={pc} title={t('presensi.absence_title')}>
        <p>
          <a href="/presensi">{t('presensi.title')}</a>
        </p>
        <h1>{t('presensi.absence_title')}</h1>
        <ErrorSummary t={t} errors={failure?.errors} message={failure?.message} params={failure?.params ?? {}} />
        {q.diajukan === '1' ? (
          <div class="notice notice--success" role="status" data-testid="absence-done">
            {t('presensi.absence_done')}
          </div>
        ) : null}
        {q.dibatalkan === '1' ? (
          <div class="notice notice--success" role="status" data-testid="absence-cancelled">
            {t('presensi.absence_cancelled')}
          </div>
        ) : null}
        <div class="card" data-testid="leave-balance">
          <p>
            {t('presensi.leave_balance', {
              year: leave.year,
              remaining: leave.remaining,
              available: leave.available,
              taken: leave.taken,
            })}
          </p>
        </div>
        {toDecide.length ? (
          <section>
            <h2>{t('presensi.to_decide')}</h2>
            <DecisionForms pc={pc} list={toDecide} showEmpty={false} />
          </section>
        ) : null}
        <h2>{t('presensi.absence_mine')}</h2>
        {mine.length ? (
          <ul class="stack" data-testid="absence-list">
            {mine.map((a) => (
              <li class="card" data-testid={`absence-${a.id}`}>
                <p>
                  <strong>{typeLabel(pc, a.type)}</strong> <StatusTag pc={pc} status={a.status} />
                  <br />
                  {range(pc, a)} · {t('presensi.working_days', { n: a.working_days })}
                  {a.place ? ` · ${a.place}` : ''}
                  {a.spt_number ? ` · ${t('cuti.spt')} ${a.spt_number}` : ''}
                </p>
                {a.decision_note ? (
                  <p>
                    {t('presensi.decision_note')}: {a.decision_note}
                  </p>
                ) : null}
                {a.status === 'diajukan' ? (
                  <Form pc={pc} action={`/presensi/izin/${a.id}/batal`} class="inline-form" testid={`cancel-${a.id}`}>
                    <Submit label={t('presensi.absence_cancel')} variant="secondary" />
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p data-testid="absence-none">{t('presensi.absence_none')}</p>
        )}
        <h2 id="ajukan">{t('presensi.absence_new')}</h2>
        <p>
          <a href="/presensi/cuti">{t('cuti.to_leave_form')}</a>
        </p>
        <RequestForm pc={pc} values={values} failure={failure} />
      </Layout>,
      status,
    );
  };

  app.get('/presensi/izin', { config: { access: P.own } }, async (req, reply) => ownPage(req, reply));

  // No body schema: multipart arrives as key/values (the letter as a Buffer) and is checked by hand, then by content in the service.
  app.post('/presensi/izin', { config: { access: P.own, multipartOptions: ABSENCE_MULTIPART } }, async (req, reply) => {
    const x = readAbsenceForm(req.body);
    if (x.badKey) return ownPage(req, reply, { errors: [], message: 'presensi.err.bad_form' }, x.values, 400);
    if (x.errors.length) return ownPage(req, reply, { errors: x.errors }, x.values, 400);
    try {
      await A.requestAbsence(req.ctx(), x.input);
    } catch (err) {
      if (err instanceof AppError && err.status < 500 && ![401, 403, 404].includes(err.status)) {
        return ownPage(
          req,
          reply,
          { errors: err.fields, message: err.fields.length ? undefined : err.key, params: err.params },
          x.values,
          err.status,
        );
      }
      throw err;
    }
    return reply.redirect('/presensi/izin?diajukan=1', 303);
  });

  app.post(
    '/presensi/izin/:id/batal',
    { config: { access: P.own }, attachValidation: true, schema: { params: IdParam } },
    async (req, reply) => {
      if (req.validationError) throw new AppError(404, 'error.not_found');
      try {
        await A.cancelAbsence(req.ctx(), req.params.id);
      } catch (err) {
        if (err instanceof AppError && err.status === 409)
          return ownPage(req, reply, { errors: [], message: err.key }, {}, 409);
        throw err;
      }
      return reply.redirect('/presensi/izin?dibatalkan=1', 303);
    },
  );

  /** Requests waiting for the caller; a city admin (no approver of their own) sees every pending one of the city. */
  const pending = async (req: FastifyRequest) => {
    const ctx = req.ctx();
    if (ctx.scope.role === 'admin_kota')
      return (await A.absences(ctx, 'unit')).filter((a) => a.status === 'diajukan' && a.levels === 1);
    return A.absences(ctx, 'to_decide');
  };

  /** Loads first, then renders synchronously (handleForm's render is not async). */
  const decideView = async (req: FastifyRequest, reply: FastifyReply) => {
    const pc = pageCtx(req, reply);
    const t = pc.t;
    const list = await pending(req);
    const q = (req.query ?? {}) as Record<string, string | undefined>;
    const days = Number(q.hari);
    return (failure?: FormFailure) => (
      <Layout pc={pc} title={t('presensi.to_decide')}>
        <p>
          <a href="/presensi/tim">{t('presensi.nav_team')}</a>
        </p>
        <h1>{t('presensi.to_decide')}</h1>
        <ErrorSummary t={t} errors={failure?.errors} message={failure?.message} params={failure?.params ?? {}} />
        {q.keputusan === 'disetujui' || q.keputusan === 'ditolak' ? (
          <div class="notice notice--success" role="status" data-testid="decision-done">
            {t(q.keputusan === 'disetujui' ? 'presensi.decided_approved' : 'presensi.decided_rejected')}
            {Number.isInteger(days) && days > 0 ? ` ${t('presensi.days_recomputed', { n: days })}` : ''}
          </div>
        ) : null}
        <DecisionForms pc={pc} list={list} showEmpty />
      </Layout>
    );
  };

  app.get('/presensi/izin/putuskan', { config: { access: P.oversee } }, async (req, reply) =>
    sendPage(reply, (await decideView(req, reply))()),
  );

  app.post(
    '/presensi/izin/:id/putuskan',
    { config: { access: P.oversee }, attachValidation: true, schema: { params: IdParam, body: DecisionForm } },
    async (req, reply) => {
      const id = Number((req.params as { id: unknown }).id);
      if (!Number.isSafeInteger(id) || id < 1) throw new AppError(404, 'error.not_found'); // params are not checked before the handler with attachValidation
      const view = await decideView(req, reply);
      return handleForm(req, reply, {
        render: (failure) => view(failure),
        run: () => A.decideAbsence(req.ctx(), id, req.body.decision, req.body.note?.trim() || null),
        done: (r) => reply.redirect(`/presensi/izin/putuskan?keputusan=${r.status}&hari=${r.recomputedDays}`, 303),
      });
    },
  );
}
