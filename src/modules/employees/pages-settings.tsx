// The city's attendance settings under /pegawai/jadwal: work schedules (a
// fixed week from per-day fields, a shift schedule as JSON), a link to the
// holiday calendar (pages-calendar.tsx) with its warning, and the rules table (TL/PSW bands and cuts) edited as JSON. The service validates; these
// pages only turn form fields into its input and its refusals into messages.
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { handleForm, type FormFailure } from '../../http/forms.js';
import { Form as FormBody, Str, type App } from '../../http/types.js';
import { Form, Submit, TextArea, TextField } from '../../ui/forms.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import type { AttendanceRules, Band } from '../work-schedule/index.js';
import type { DayHours, FixedSchedule, IsoWeekday } from '../work-schedule/index.js';
import {
  BASE,
  explainFailure,
  one,
  parseJson,
  Row,
  scheduleSummary,
  StaffPage,
  WEEKDAYS,
  type CitySchedule,
  type Values,
} from './pages-parts.js';
import { CalendarWarnings, type CalendarWarning } from './calendar-warning.js';
import { CALENDAR_PAGE } from './pages-calendar.js';
import { employeesPolicy as P } from './policy.js';
import { RulesForm, YearQuery } from './schema.js';

const Time = Type.Optional(Type.String({ maxLength: 5 }));
/** The fixed-week form: s1/e1 … s7/e7 (start/end per ISO weekday), rs1/re1 … for Ramadan hours. */
const FixedForm = FormBody({
  fixedName: Str(120, 1),
  ...Object.fromEntries(WEEKDAYS.flatMap((d) => [`s${d}`, `e${d}`, `rs${d}`, `re${d}`].map((k) => [k, Time]))),
});
/** The shift form (ScheduleForm's fields, renamed so the page's three forms do not share the input id f-name). */
const ShiftForm = FormBody({ shiftName: Str(120, 1), definition: Str(8000, 2) });
const SHIFT_EXAMPLE = {
  kind: 'shift',
  shifts: {
    P: { start: '07:00', end: '15:00' },
    S: { start: '15:00', end: '23:00' },
    M: { start: '23:00', end: '07:00' },
  },
  pattern: ['P', 'P', 'S', 'S', 'M', 'M', null, null],
  anchor: '2026-01-05',
  worksHolidays: true,
};

/** The week (or Ramadan hours) the fields describe: a day with neither time is a day off. */
function weekFrom(v: Values, prefix: '' | 'r'): Partial<Record<IsoWeekday, DayHours>> {
  const week: Partial<Record<IsoWeekday, DayHours>> = {};
  for (const d of WEEKDAYS) {
    const start = (one(v[`${prefix}s${d}`]) ?? '').trim();
    const end = (one(v[`${prefix}e${d}`]) ?? '').trim();
    if (start || end) week[d] = { start, end };
  }
  return week;
}
function fixedFrom(v: Values): FixedSchedule {
  const ramadan = weekFrom(v, 'r');
  return { kind: 'tetap', week: weekFrom(v, ''), ...(Object.keys(ramadan).length ? { ramadan } : {}) };
}
function fieldsOf(s: FixedSchedule): Values {
  const out: Values = {};
  for (const d of WEEKDAYS) {
    Object.assign(out, {
      [`s${d}`]: s.week[d]?.start,
      [`e${d}`]: s.week[d]?.end,
      [`rs${d}`]: s.ramadan?.[d]?.start,
      [`re${d}`]: s.ramadan?.[d]?.end,
    });
  }
  return out;
}

type Which = 'fixed' | 'shift' | 'rules';
interface ScheduleData {
  schedules: CitySchedule[];
  fallback: FixedSchedule;
  /** Years without a national calendar (the calendar itself is on /pegawai/kalender). */
  warnings: CalendarWarning[];
  rules: AttendanceRules;
}

function BandTable(p: { pc: PageCtx; caption: string; bands: Band[]; testid: string }) {
  const t = p.pc.t;
  return (
    <div class="table-wrap">
      <table class="table" data-testid={p.testid}>
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th>{t('pegawai.band')}</th>
            <th>{t('pegawai.band_minutes')}</th>
            <th>{t('pegawai.band_cut')}</th>
          </tr>
        </thead>
        <tbody>
          {p.bands.map((b) => (
            <tr>
              <td>{b.code}</td>
              <td>
                {b.toMinutes === null
                  ? t('pegawai.band_from', { from: b.fromMinutes })
                  : `${b.fromMinutes}–${b.toMinutes}`}
              </td>
              <td>{b.cutPercent} %</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FixedScheduleForm(p: { pc: PageCtx; values: Values; failure?: FormFailure | undefined }) {
  const t = p.pc.t;
  const v = (n: string) => one(p.values[n]) ?? '';
  const week = p.failure?.errors.find((e) => e.field === 'week');
  const time = (name: string, label: string) => (
    <label>
      <span class="visually-hidden">{label}</span>
      <input type="time" name={name} id={`f-${name}`} value={v(name)} class="input--short" />
    </label>
  );
  return (
    <Form pc={p.pc} action={`${BASE}/jadwal/tetap`} testid="fixed-schedule-form">
      <TextField
        t={t}
        name="fixedName"
        label="pegawai.f.schedule_name"
        value={v('fixedName')}
        maxLength={120}
        errors={p.failure?.errors}
      />
      <fieldset class={week ? 'form-group form-group--error' : 'form-group'} id="f-week">
        <legend>{t('pegawai.week_hours')}</legend>
        <p class="hint">{t('pegawai.week_hint')}</p>
        {week ? <p class="error-message">{t(week.key, week.params)}</p> : null}
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th>{t('pegawai.day')}</th>
                <th>{t('pegawai.start')}</th>
                <th>{t('pegawai.end')}</th>
                <th>{t('pegawai.ramadan_start')}</th>
                <th>{t('pegawai.ramadan_end')}</th>
              </tr>
            </thead>
            <tbody>
              {WEEKDAYS.map((d) => (
                <tr>
                  <th scope="row">{t(`pegawai.day.${d}`)}</th>
                  <td>{time(`s${d}`, `${t(`pegawai.day.${d}`)} ${t('pegawai.start')}`)}</td>
                  <td>{time(`e${d}`, `${t(`pegawai.day.${d}`)} ${t('pegawai.end')}`)}</td>
                  <td>{time(`rs${d}`, `${t(`pegawai.day.${d}`)} ${t('pegawai.ramadan_start')}`)}</td>
                  <td>{time(`re${d}`, `${t(`pegawai.day.${d}`)} ${t('pegawai.ramadan_end')}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </fieldset>
      <Submit label={t('pegawai.save_schedule')} testid="fixed-schedule-submit" />
    </Form>
  );
}

function SchedulesPage(p: {
  pc: PageCtx;
  d: ScheduleData;
  form?: Which;
  values?: Values;
  failure?: FormFailure | undefined;
}) {
  const failure = explainFailure(p.pc.t, p.failure, p.form === 'fixed' ? { definition: 'week' } : {});
  const { pc, d } = p;
  const t = pc.t;
  const mine = (w: Which) => (p.form === w ? (p.values ?? {}) : undefined);
  const errs = (w: Which) => (p.form === w ? failure?.errors : undefined);
  const r = d.rules;
  return (
    <StaffPage pc={pc} title="pegawai.schedules_title" failure={failure}>
      <h2>{t('pegawai.schedule_default')}</h2>
      <p data-testid="default-schedule">{scheduleSummary(t, d.fallback)}</p>
      <p class="hint">{t('pegawai.schedule_default_hint')}</p>
      <h2>{t('pegawai.city_schedules')}</h2>
      {d.schedules.length ? (
        <ul data-testid="schedule-list">
          {d.schedules.map((x) => (
            <li>
              <strong>{x.name}</strong>: {scheduleSummary(t, x.schedule)}
            </li>
          ))}
        </ul>
      ) : (
        <p data-testid="schedule-list">{t('pegawai.schedules_none')}</p>
      )}
      <h3>{t('pegawai.fixed_new')}</h3>
      <FixedScheduleForm
        pc={pc}
        values={mine('fixed') ?? fieldsOf(d.fallback)}
        failure={p.form === 'fixed' ? failure : undefined}
      />
      <details open={p.form === 'shift'}>
        <summary>{t('pegawai.shift_new')}</summary>
        <p class="hint">{t('pegawai.shift_hint')}</p>
        <Form pc={pc} action={`${BASE}/jadwal/shift`} testid="shift-schedule-form">
          <TextField
            t={t}
            name="shiftName"
            label="pegawai.f.schedule_name"
            value={one(mine('shift')?.shiftName)}
            maxLength={120}
            errors={errs('shift')}
          />
          <TextArea
            t={t}
            name="definition"
            label="pegawai.f.definition"
            value={one(mine('shift')?.definition) ?? JSON.stringify(SHIFT_EXAMPLE, null, 2)}
            rows={12}
            maxLength={8000}
            errors={errs('shift')}
          />
          <Submit label={t('pegawai.save_schedule')} testid="shift-schedule-submit" />
        </Form>
      </details>

      <h2 id="kalender">{t('kalender.nav')}</h2>
      <CalendarWarnings t={t} warnings={d.warnings} />
      <p>
        <a href={CALENDAR_PAGE} data-testid="calendar-page-link">
          {t('kalender.schedules_link')}
        </a>
      </p>

      <h2>{t('pegawai.rules_title')}</h2>
      <dl class="summary-list" data-testid="rules-summary">
        <Row label={t('pegawai.rules_grace')}>{t('pegawai.minutes', { n: r.graceMinutes })}</Row>
        <Row label={t('pegawai.rules_absent_cut')}>{r.absentCutPercent} %</Row>
        <Row label={t('pegawai.rules_cap')}>{r.monthlyCutCapPercent} %</Row>
        <Row label={t('pegawai.rules_missing')}>{`${r.missingCheckInBand} / ${r.missingCheckOutBand}`}</Row>
        <Row label={t('pegawai.rules_window')}>
          {t('pegawai.rules_window_value', {
            before: r.checkInOpensMinutesBefore,
            after: r.checkOutClosesMinutesAfter,
          })}
        </Row>
      </dl>
      <BandTable pc={pc} caption={t('pegawai.late_bands')} bands={r.lateBands} testid="late-bands" />
      <BandTable pc={pc} caption={t('pegawai.early_bands')} bands={r.earlyBands} testid="early-bands" />
      <details open={p.form === 'rules'}>
        <summary>{t('pegawai.rules_edit')}</summary>
        <p class="hint">{t('pegawai.rules_hint')}</p>
        <Form pc={pc} action={`${BASE}/aturan`} testid="rules-form">
          <TextArea
            t={t}
            name="rules"
            label="pegawai.f.rules"
            value={one(mine('rules')?.rules) ?? JSON.stringify(r, null, 2)}
            rows={16}
            maxLength={8000}
            errors={errs('rules')}
          />
          <Submit label={t('pegawai.save_rules')} testid="rules-submit" />
        </Form>
      </details>
    </StaffPage>
  );
}

export function registerSettingsPages(app: App, s: Services) {
  const E = s.employees;

  const scheduleData = async (req: FastifyRequest): Promise<ScheduleData> => {
    const ctx = req.ctx();
    const [schedules, warnings, rules] = await Promise.all([E.schedules(ctx), s.calendar.warnings(ctx), E.rules(ctx)]);
    return { schedules, fallback: E.defaultSchedule, warnings, rules };
  };
  // ?year= was the calendar's year when the calendar lived here: still accepted, the calendar page takes it now.
  app.get(`${BASE}/jadwal`, { config: { access: P.manage }, schema: { querystring: YearQuery } }, async (req, reply) =>
    sendPage(reply, <SchedulesPage pc={pageCtx(req, reply)} d={await scheduleData(req)} />),
  );

  /** A form of the schedules page: a refusal re-renders the page with that form's entries; success returns to it. */
  const schedulePost = <B,>(
    path: string,
    form: Which,
    body: B,
    run: (req: FastifyRequest) => Promise<unknown>,
    back: (req: FastifyRequest) => string = () => `${BASE}/jadwal`,
  ) =>
    app.post(
      path,
      { config: { access: P.manage }, attachValidation: true, schema: { body: body as typeof RulesForm } },
      async (req, reply) => {
        const d = await scheduleData(req);
        return handleForm(req, reply, {
          render: (failure) => (
            <SchedulesPage
              pc={pageCtx(req, reply)}
              d={d}
              form={form}
              values={(req.body ?? {}) as Values}
              failure={failure}
            />
          ),
          run: () => run(req),
          done: () => redirectWithFlash(reply, back(req), 'flash.saved'),
        });
      },
    );
  const body = <T,>(req: FastifyRequest) => req.body as T;
  schedulePost(`${BASE}/jadwal/tetap`, 'fixed', FixedForm, (req) =>
    E.saveSchedule(req.ctx(), body<{ fixedName: string }>(req).fixedName, fixedFrom(body<Values>(req))),
  );
  schedulePost(`${BASE}/jadwal/shift`, 'shift', ShiftForm, (req) => {
    const b = body<{ shiftName: string; definition: string }>(req);
    return E.saveSchedule(req.ctx(), b.shiftName, parseJson('definition', b.definition));
  });
  schedulePost(`${BASE}/aturan`, 'rules', RulesForm, (req) =>
    E.setRules(req.ctx(), parseJson('rules', body<{ rules: string }>(req).rules)),
  );
}
