// Pages for looking back and looking over. /presensi/bulan: a month day by
// day with its summary and the history of changed days (own, or with
// ?pegawai= someone in the caller's units). /presensi/tim: this morning's
// board per unit with a server-drawn chart, the flagged records waiting for
// review (accept/reject), and links to each unit's recap (recap-page.tsx).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TIME_ZONES } from '../../config.js';
import { handleForm, type FormFailure } from '../../http/forms.js';
import type { App } from '../../http/types.js';
import { AppError } from '../../lib/errors.js';
import { ProgressChart } from '../../ui/charts.js';
import { formatTime } from '../../ui/format.js';
import { ErrorSummary, Form, TextField } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { dayLabel, typeLabel } from './pages-absence.js';
import { DayTag } from './day-tag.js';
import { attendancePolicy as P } from './policy.js';
import { absenceCounts, ABSENCE_GROUPS, monthLabel } from './recap-export.js';
import { monthQuery, registerRecapPage } from './recap-page.js';
import { ReviewForm } from './schema.js';
import { addDays } from '../work-schedule/index.js';
import { identityText } from '../employees/index.js';

const ID = /^[1-9][0-9]{0,9}$/;

const clock = (d: Date | null, pc: PageCtx) =>
  d
    ? new Intl.DateTimeFormat('en-GB', {
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone: pc.timeZone,
      }).format(d)
    : '–';
const shiftMonth = (month: string, n: number) => addDays(`${month}-15`, n * 30).slice(0, 7);

function historyReason(pc: PageCtx, reason: string) {
  if (reason.startsWith('absence:')) return pc.t('presensi.history_absence');
  if (reason === 'tutup_hari') return pc.t('presensi.history_close');
  if (reason.startsWith('permit:')) return pc.t('permit.history');
  return reason;
}

type Month = Awaited<ReturnType<Services['attendance']['month']>>;

function MonthView(p: {
  pc: PageCtx;
  m: Month;
  month: string;
  who: string | undefined;
  failure?: FormFailure | undefined;
}) {
  const { pc, m } = p;
  const t = pc.t;
  const s = m.summary;
  const abs = absenceCounts(s);
  const link = (month: string) =>
    `/presensi/bulan?${new URLSearchParams({ ...(p.who ? { pegawai: p.who } : {}), bulan: month }).toString()}`;
  const row = (label: string, value: string | number, testid?: string) => (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testid}>{value}</dd>
    </div>
  );
  return (
    <Layout pc={pc} title={t('presensi.month_title', { month: monthLabel(p.month, pc.locale) })}>
      <p>
        <a href={p.who ? '/presensi/tim' : '/presensi'}>{t('common.back')}</a>
      </p>
      <h1>{t('presensi.month_title', { month: monthLabel(p.month, pc.locale) })}</h1>
      <p data-testid="month-employee">
        {m.employee.full_name} · {identityText(t, m.employee)}
        <br />
        {m.employee.unit_name}
      </p>
      <ErrorSummary t={t} errors={p.failure?.errors} />
      <form method="get" action="/presensi/bulan" class="filters">
        {p.who ? <input type="hidden" name="pegawai" value={p.who} /> : null}
        <TextField
          t={t}
          name="bulan"
          label="presensi.f.month"
          type="month"
          value={p.month}
          errors={p.failure?.errors}
          class="input--medium"
          hint="presensi.hint.month"
        />
        <button type="submit" class="button button--secondary">
          {t('presensi.show')}
        </button>
      </form>
      <p>
        <a href={link(shiftMonth(p.month, -1))}>{t('common.prev')}</a> ·{' '}
        <a href={link(shiftMonth(p.month, 1))}>{t('common.next')}</a>
      </p>
      <h2>{t('presensi.summary')}</h2>
      <dl class="summary-list" data-testid="month-summary">
        {row(t('presensi.recap.work_days'), s.workDays)}
        {row(t('presensi.recap.present'), s.present, 'sum-present')}
        {row(t('presensi.sum_late'), t('presensi.days_minutes', { days: s.late, minutes: s.lateMinutes }), 'sum-late')}
        {row(
          t('presensi.sum_early'),
          t('presensi.days_minutes', { days: s.earlyLeave, minutes: s.earlyMinutes }),
          'sum-early',
        )}
        {row(t('presensi.recap.tk'), s.absentWithoutReason, 'sum-tk')}
        {row(
          t('presensi.sum_absences'),
          ABSENCE_GROUPS.filter((g) => abs[g])
            .map((g) => `${t(`presensi.status.${g}`)} ${abs[g]}`)
            .join(', ') || '0',
          'sum-absences',
        )}
        {row(
          t('presensi.sum_bands'),
          Object.entries(s.bands)
            .filter(([, n]) => n)
            .map(([code, n]) => `${code} × ${n}`)
            .join(', ') || '–',
        )}
        {row(
          t('presensi.recap.cut'),
          `${s.cutPercent.toLocaleString(pc.locale === 'en' ? 'en-GB' : 'id-ID')} %`,
          'sum-cut',
        )}
      </dl>
      <h2>{t('presensi.days')}</h2>
      <div class="table-wrap">
        <table class="table" data-testid="month-days">
          <thead>
            <tr>
              <th>{t('presensi.col_date')}</th>
              <th>{t('common.status')}</th>
              <th>{t('presensi.col_in_out', { zone: TIME_ZONES[pc.timeZone] })}</th>
              <th>{t('presensi.col_minutes')}</th>
              <th>{t('presensi.col_cut')}</th>
            </tr>
          </thead>
          <tbody>
            {m.days.map((d) => (
              <tr data-testid={`day-${d.date}`}>
                <td>{dayLabel(pc, d.date)}</td>
                <td>
                  <DayTag pc={pc} status={d} />
                  {d.absenceType && d.status !== 'libur' ? (
                    <div class="hint">{typeLabel(pc, d.absenceType)}</div>
                  ) : null}
                </td>
                <td>
                  {clock(d.checkIn, pc)}–{clock(d.checkOut, pc)}
                </td>
                <td>
                  {d.lateMinutes || d.earlyMinutes
                    ? t('presensi.late_early', { late: d.lateMinutes, early: d.earlyMinutes })
                    : ''}
                </td>
                <td>{d.cutPercent ? `${d.cutPercent} %` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('presensi.history')}</h2>
      {m.history.length ? (
        <ul data-testid="month-history">
          {m.history.map((h) => (
            <li>
              {dayLabel(pc, h.date)}: {t(`presensi.status.${h.old_status as 'hadir'}`)} ({Number(h.old_cut)} %) →{' '}
              {t(`presensi.status.${h.new_status as 'hadir'}`)} ({Number(h.new_cut)} %) · {historyReason(pc, h.reason)}
            </li>
          ))}
        </ul>
      ) : (
        <p data-testid="month-history-none">{t('presensi.history_none')}</p>
      )}
    </Layout>
  );
}

export function registerOverseePages(app: App, s: Services) {
  const A = s.attendance;

  app.get('/presensi/bulan', { config: { access: P.oversee } }, async (req, reply) => {
    const pc = pageCtx(req, reply);
    const q = (req.query ?? {}) as Record<string, string | undefined>;
    const { month, failure } = monthQuery(q, A.thisMonth());
    const who = q.pegawai || undefined;
    if (who !== undefined && !ID.test(who)) throw new AppError(404, 'error.not_found');
    const m = await A.month(req.ctx(), who ? Number(who) : null, month);
    return sendPage(reply, <MonthView pc={pc} m={m} month={month} who={who} failure={failure} />, failure ? 400 : 200);
  });

  /** Loads first, then renders synchronously (handleForm's render is not async). */
  const teamView = async (req: FastifyRequest, reply: FastifyReply) => {
    const pc = pageCtx(req, reply);
    const t = pc.t;
    const ctx = req.ctx();
    const [board, flagged, units] = await Promise.all([A.board(ctx), A.flagged(ctx), s.employees.units(ctx)]);
    const month = A.thisMonth();
    const q = (req.query ?? {}) as Record<string, string | undefined>;
    const total = board.reduce(
      (a, b) => ({ employees: a.employees + b.employees, checked_in: a.checked_in + b.checked_in }),
      { employees: 0, checked_in: 0 },
    );
    return (failure?: FormFailure) => (
      <Layout pc={pc} title={t('presensi.team_title')}>
        <h1>{t('presensi.team_title')}</h1>
        <ErrorSummary t={t} errors={failure?.errors} message={failure?.message} params={failure?.params ?? {}} />
        {q.ditinjau === 'diterima' || q.ditinjau === 'ditolak' ? (
          <div class="notice notice--success" role="status" data-testid="review-done">
            {t(q.ditinjau === 'diterima' ? 'presensi.review_accepted' : 'presensi.review_rejected')}
          </div>
        ) : null}
        <p>
          <a href="/presensi/izin/putuskan">{t('presensi.to_decide')}</a> ·{' '}
          <a href="/presensi/izin-jam/putuskan">{t('permit.to_decide')}</a>
        </p>
        <h2>{t('presensi.board_title')}</h2>
        <p data-testid="board-total">{t('presensi.board_total', { done: total.checked_in, total: total.employees })}</p>
        {board.length ? (
          <>
            <ProgressChart
              t={t}
              title={t('presensi.board_title')}
              rows={board.map((b) => ({ label: b.name, done: b.checked_in, total: b.employees }))}
              testid="board-chart"
            />
            <div class="table-wrap">
              <table class="table" data-testid="board">
                <thead>
                  <tr>
                    <th>{t('presensi.recap.unit')}</th>
                    <th>{t('presensi.board_checked_in')}</th>
                  </tr>
                </thead>
                <tbody>
                  {board.map((b) => (
                    <tr>
                      <td>{b.name}</td>
                      <td>
                        {b.checked_in}/{b.employees}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p>{t('common.none')}</p>
        )}
        <h2>{t('presensi.flagged_title')}</h2>
        {flagged.length ? (
          <ul class="stack" data-testid="flagged">
            {flagged.map((r) => (
              <li class="card" data-testid={`flagged-${r.id}`}>
                <p>
                  <strong>{r.full_name}</strong> · {identityText(t, { ...r, kind: r.employee_kind })}
                  <br />
                  {t(r.kind === 'masuk' ? 'presensi.kind.masuk' : 'presensi.kind.pulang')}{' '}
                  {formatTime(r.taken_at, pc, 'short')} · {r.place ?? '–'}
                  {r.distance_m !== null ? ` · ${Math.round(r.distance_m)} m` : ''}
                  {r.accuracy_m !== null ? ` · ±${Math.round(r.accuracy_m)} m` : ''}
                </p>
                <p>
                  {r.flags.map((f) => (
                    <span class="tag tag--yellow">{t(`presensi.flag.${f as 'akurasi_rendah'}`)}</span>
                  ))}
                </p>
                <Form
                  pc={pc}
                  action={`/presensi/tim/catatan/${r.id}/tinjau`}
                  class="inline-form"
                  testid={`review-${r.id}`}
                >
                  <div class="button-group">
                    <button type="submit" name="verdict" value="diterima" class="button" data-testid={`accept-${r.id}`}>
                      {t('presensi.review_accept')}
                    </button>
                    <button
                      type="submit"
                      name="verdict"
                      value="ditolak"
                      class="button button--danger"
                      data-testid={`reject-record-${r.id}`}
                    >
                      {t('presensi.review_reject')}
                    </button>
                  </div>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p data-testid="flagged-none">{t('presensi.flagged_none')}</p>
        )}
        <h2>{t('presensi.recap_title')}</h2>
        {units.length ? (
          <ul data-testid="recap-links">
            {units.map((u) => (
              <li>
                <a href={`/presensi/rekap?unit=${u.id}&bulan=${month}`}>{u.name}</a>
              </li>
            ))}
          </ul>
        ) : (
          <p data-testid="recap-links-none">{t('presensi.recap_no_units')}</p>
        )}
      </Layout>
    );
  };

  app.get('/presensi/tim', { config: { access: P.oversee } }, async (req, reply) =>
    sendPage(reply, (await teamView(req, reply))()),
  );

  app.post(
    '/presensi/tim/catatan/:id/tinjau',
    { config: { access: P.oversee }, attachValidation: true, schema: { body: ReviewForm } },
    async (req, reply) => {
      const id = String((req.params as { id?: unknown }).id ?? '');
      if (!/^[1-9][0-9]{0,17}$/.test(id)) throw new AppError(404, 'error.not_found');
      const view = await teamView(req, reply);
      return handleForm(req, reply, {
        render: (failure) => view(failure),
        run: () => A.review(req.ctx(), id, req.body.verdict),
        done: () => reply.redirect(`/presensi/tim?ditinjau=${req.body.verdict}`, 303),
      });
    },
  );

  registerRecapPage(app, s);
}
