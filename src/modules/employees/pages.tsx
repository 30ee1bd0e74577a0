// Staff administration pages (/pegawai…) for the city's administrator: the
// unit tree with a unit's head and schedule, the searchable employee list.
// Employees (new, import, detail) are in pages-employee.tsx, work locations
// in pages-locations.tsx, schedules, the calendar and the rules in
// pages-settings.tsx; what they share in pages-parts.tsx.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { handleForm, type FormFailure } from '../../http/forms.js';
import { SEARCH_TOKEN_PATTERN } from '../../http/search-token.js';
import { fieldErrorsFromAjv } from '../../http/validation.js';
import { Form as FormBody, IdParam, OptStr, Page, type App } from '../../http/types.js';
import { AppError, notFound } from '../../lib/errors.js';
import { Form, SelectField, Submit, TextField } from '../../ui/forms.js';
import { Pagination } from '../../ui/lists.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { registerEmployeePages } from './pages-employee.js';
import { registerLocationPages } from './pages-locations.js';
import {
  BASE,
  explainFailure,
  idOf,
  one,
  StaffNav,
  StaffPage,
  unitOptions,
  type CitySchedule,
  type Unit,
  type Values,
} from './pages-parts.js';
import { registerSettingsPages } from './pages-settings.js';
import { registerCalendarPages } from './pages-calendar.js';
import { employeesPolicy as P } from './policy.js';
import { identityText, UNIT_KINDS } from './rules.js';
import { HeadForm, IdText, UnitForm, UnitScheduleForm } from './schema.js';

const PAGE_SIZE = 50;
/**
 * The list's filter in a URL: an empty unit means all. A search text (a name,
 * a NIP) is never taken from a URL: `q` is declared only to be refused with
 * advice; the search form is a POST and its result links carry a sealed `cari`.
 */
const IndexQuery = Type.Object({
  unit: Type.Optional(IdText),
  q: OptStr(60),
  cari: Type.Optional(Type.String({ pattern: SEARCH_TOKEN_PATTERN, maxLength: 512 })),
  page: Page,
});
const SearchForm = FormBody({
  unit: Type.Optional(IdText),
  q: OptStr(60),
  page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,3}$', maxLength: 4 })),
});
type Employee = Awaited<ReturnType<Services['employees']['employees']>>[number];

interface IndexData {
  units: Unit[];
  schedules: CitySchedule[];
  list: Employee[];
  hasMore: boolean;
  unit: Unit | undefined;
  /** The chosen unit's employees (and below), to pick its head from. */
  members: Employee[];
  q: string;
  /** The sealed search text for links to further pages (the text itself never goes into a URL). */
  token?: string | undefined;
  page: number;
}

/** The unit tree as nested lists (the CSP allows no inline styles for indenting). */
function UnitTree(p: { pc: PageCtx; d: IndexData }) {
  const t = p.pc.t;
  const scheduleName = new Map(p.d.schedules.map((s) => [s.id, s.name]));
  const ids = new Set(p.d.units.map((u) => u.id));
  const children = new Map<number, Unit[]>();
  for (const u of p.d.units) {
    const parent = u.parent_id !== null && ids.has(u.parent_id) ? u.parent_id : 0; // a head's own unit is a root of their tree
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const branch = (parent: number) => (
    <ul class={parent ? undefined : 'tree'} data-testid={parent ? undefined : 'unit-tree'}>
      {(children.get(parent) ?? []).map((u) => (
        <li data-testid={`unit-${u.id}`}>
          <a href={`${BASE}?unit=${u.id}#unit-panel`}>{u.name}</a>{' '}
          <span class="muted">({u.path.split('/').slice(1).join('/')})</span> · {t(`pegawai.unit_kind.${u.kind}`)} ·{' '}
          {u.head_name ? `${t('pegawai.unit_head')}: ${u.head_name}` : t('pegawai.unit_no_head')} ·{' '}
          {t('pegawai.unit_count', { n: u.employee_count ?? 0 })} ·{' '}
          {u.schedule_id ? (scheduleName.get(u.schedule_id) ?? '') : t('pegawai.schedule_inherited')}
          {children.has(u.id) ? branch(u.id) : null}
        </li>
      ))}
    </ul>
  );
  if (!p.d.units.length) return <p data-testid="unit-tree">{t('pegawai.units_none')}</p>;
  return branch(0);
}

/** The chosen unit's two small forms: its head and its schedule. */
function UnitPanel(p: {
  pc: PageCtx;
  d: IndexData;
  unit: Unit;
  form?: 'head' | 'schedule';
  values: Values;
  failure?: FormFailure | undefined;
}) {
  const { pc, unit } = p;
  const t = pc.t;
  const errors = p.failure?.errors;
  const v = (form: 'head' | 'schedule', name: string, current: number | null) =>
    p.form === form ? one(p.values[name]) : current ? String(current) : '';
  return (
    <section id="unit-panel" data-testid="unit-panel">
      <h2>{t('pegawai.unit_panel', { name: unit.name })}</h2>
      <Form pc={pc} action={`${BASE}/unit/${unit.id}/kepala`} testid="head-form">
        <SelectField
          t={t}
          name="employeeId"
          label="pegawai.f.head"
          value={v('head', 'employeeId', unit.head_employee_id)}
          placeholder={t('pegawai.no_head')}
          options={p.d.members.map((e) => ({
            value: String(e.id),
            label: `${e.full_name} · ${identityText(t, e)} · ${e.position}`,
          }))}
          errors={p.form === 'head' ? errors : undefined}
        />
        <Submit label={t('pegawai.set_head')} variant="secondary" testid="head-submit" />
      </Form>
      <Form pc={pc} action={`${BASE}/unit/${unit.id}/jadwal`} testid="unit-schedule-form">
        <SelectField
          t={t}
          name="scheduleId"
          label="pegawai.f.schedule"
          hint="pegawai.unit_schedule_hint"
          value={v('schedule', 'scheduleId', unit.schedule_id)}
          placeholder={t('pegawai.schedule_default')}
          options={p.d.schedules.map((s) => ({ value: String(s.id), label: s.name }))}
          errors={p.form === 'schedule' ? errors : undefined}
        />
        <Submit label={t('pegawai.set_schedule')} variant="secondary" testid="unit-schedule-submit" />
      </Form>
    </section>
  );
}

function EmployeeList(p: { pc: PageCtx; d: IndexData }) {
  const { pc, d } = p;
  const t = pc.t;
  const link = (page: number) =>
    `${BASE}?${new URLSearchParams({ ...(d.unit ? { unit: String(d.unit.id) } : {}), ...(d.token ? { cari: d.token } : {}), page: String(page) })}`;
  return (
    <section>
      <h2>{t('pegawai.employees')}</h2>
      {/* POST: a name or NIP typed here must not end up in a URL (logs, history, proxies). */}
      <Form pc={pc} action={`${BASE}/cari`} class="filters" testid="employee-filter">
        <TextField t={t} name="q" label="pegawai.f.search" hint="pegawai.search_hint" value={d.q} maxLength={60} />
        <SelectField
          t={t}
          name="unit"
          label="pegawai.f.unit"
          value={d.unit ? String(d.unit.id) : ''}
          placeholder={t('pegawai.all_units')}
          options={unitOptions(d.units)}
        />
        <Submit label={t('common.search')} variant="secondary" />
      </Form>
      {d.list.length ? (
        <div class="table-wrap">
          <table class="table" data-testid="employee-list">
            <thead>
              <tr>
                <th>{t('pegawai.f.full_name')}</th>
                <th>{t('pegawai.f.number')}</th>
                <th>{t('pegawai.f.position')}</th>
                <th>{t('pegawai.f.unit')}</th>
              </tr>
            </thead>
            <tbody>
              {d.list.map((e) => (
                <tr>
                  <td>
                    <a href={`${BASE}/${e.id}`}>{e.full_name}</a>
                  </td>
                  <td>{identityText(t, e)}</td>
                  <td>{e.position}</td>
                  <td>{e.unit_name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p data-testid="employee-list">{t('pegawai.employees_none')}</p>
      )}
      <Pagination t={t} page={d.page} hasMore={d.hasMore} link={link} />
    </section>
  );
}

function IndexPage(p: {
  pc: PageCtx;
  d: IndexData;
  form?: 'unit' | 'head' | 'schedule';
  values?: Values;
  failure?: FormFailure | undefined;
}) {
  const failure = explainFailure(p.pc.t, p.failure);
  const { pc, d } = p;
  const t = pc.t;
  const values = p.values ?? {};
  const v = (name: string) => (p.form === 'unit' ? one(values[name]) : undefined);
  const unitErrors = p.form === 'unit' ? failure?.errors : undefined;
  return (
    <StaffPage pc={pc} title="pegawai.title" failure={failure} back={false}>
      <p>{t('pegawai.intro')}</p>
      <StaffNav t={t} />
      <h2>{t('pegawai.units')}</h2>
      <UnitTree pc={pc} d={d} />
      {d.unit ? (
        <UnitPanel
          pc={pc}
          d={d}
          unit={d.unit}
          form={p.form === 'unit' ? undefined : p.form}
          values={values}
          failure={failure}
        />
      ) : null}
      <section>
        <h2>{t('pegawai.unit_new')}</h2>
        <Form pc={pc} action={`${BASE}/unit`} testid="unit-form">
          <SelectField
            t={t}
            name="parentId"
            label="pegawai.f.parent"
            hint="pegawai.parent_hint"
            value={v('parentId')}
            placeholder={t('pegawai.no_parent')}
            options={unitOptions(d.units)}
            errors={unitErrors}
          />
          <TextField
            t={t}
            name="code"
            label="pegawai.f.code"
            hint="pegawai.code_hint"
            value={v('code')}
            maxLength={20}
            class="input--short"
            errors={unitErrors}
          />
          <TextField t={t} name="name" label="pegawai.f.name" value={v('name')} maxLength={160} errors={unitErrors} />
          <SelectField
            t={t}
            name="kind"
            label="pegawai.f.unit_kind"
            value={v('kind')}
            options={UNIT_KINDS.map((k) => ({ value: k, label: t(`pegawai.unit_kind.${k}`) }))}
            errors={unitErrors}
          />
          <Submit label={t('pegawai.add_unit')} testid="unit-submit" />
        </Form>
      </section>
      <EmployeeList pc={pc} d={d} />
    </StaffPage>
  );
}

export function registerEmployeesPages(app: App, s: Services) {
  const E = s.employees;

  /** Loads the index page's data (the unit tree, the filtered list, the chosen unit's members). */
  async function indexData(
    req: FastifyRequest,
    q: { unit?: number | undefined; q?: string | undefined; page?: number | undefined },
  ): Promise<IndexData> {
    const ctx = req.ctx();
    const page = q.page ?? 1;
    const [units, schedules, rows] = await Promise.all([
      E.units(ctx),
      E.schedules(ctx),
      E.employees(ctx, { unitId: q.unit, q: q.q || undefined, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE }),
    ]);
    const unit = q.unit ? units.find((u) => u.id === q.unit) : undefined;
    const members = unit ? await E.employees(ctx, { unitId: unit.id, limit: 500, offset: 0 }) : [];
    return {
      units,
      schedules,
      list: rows.slice(0, PAGE_SIZE),
      hasMore: rows.length > PAGE_SIZE,
      unit,
      members,
      q: q.q ?? '',
      page,
    };
  }
  const show =
    (reply: FastifyReply, pc: PageCtx, d: IndexData) =>
    (form: 'unit' | 'head' | 'schedule', values: Values) =>
    (failure: FormFailure) => <IndexPage pc={pc} d={d} form={form} values={values} failure={failure} />;

  app.get(BASE, { config: { access: P.manage }, schema: { querystring: IndexQuery } }, async (req, reply) => {
    if (req.query.q) throw new AppError(400, 'error.search_in_url');
    const q = req.query.cari ? req.openSearch('pegawai', req.query.cari) : undefined;
    if (q === null) throw new AppError(400, 'error.search_expired');
    const d = await indexData(req, { unit: idOf(req.query.unit), q, page: req.query.page });
    return sendPage(reply, <IndexPage pc={pageCtx(req, reply)} d={d} />);
  });
  // The list's search: results rendered from the POST; further pages linked by a sealed token.
  app.post(
    `${BASE}/cari`,
    { config: { access: P.manage }, attachValidation: true, schema: { body: SearchForm } },
    async (req, reply) => {
      if (req.validationError) {
        const failure = { errors: fieldErrorsFromAjv(req.validationError.validation ?? []) };
        return sendPage(
          reply,
          <IndexPage pc={pageCtx(req, reply)} d={await indexData(req, {})} failure={failure} />,
          400,
        );
      }
      const q = req.body.q?.trim() || undefined;
      const d = await indexData(req, { unit: idOf(req.body.unit), q, page: req.body.page ? Number(req.body.page) : 1 });
      return sendPage(
        reply,
        <IndexPage pc={pageCtx(req, reply)} d={{ ...d, token: q ? req.sealSearch('pegawai', q) : undefined }} />,
      );
    },
  );

  app.post(
    `${BASE}/unit`,
    { config: { access: P.manage }, attachValidation: true, schema: { body: UnitForm } },
    async (req, reply) => {
      const render = show(reply, pageCtx(req, reply), await indexData(req, {}))('unit', (req.body ?? {}) as Values);
      return handleForm(req, reply, {
        render,
        run: () => E.createUnit(req.ctx(), { ...req.body, parentId: idOf(req.body.parentId) }),
        done: (u) => redirectWithFlash(reply, `${BASE}?unit=${u.id}#unit-panel`, 'flash.saved'),
      });
    },
  );

  // The chosen unit's forms re-render the page with that unit open.
  const unitPost = (
    path: string,
    form: 'head' | 'schedule',
    body: typeof HeadForm | typeof UnitScheduleForm,
    run: (req: FastifyRequest, id: number, choice: number | null) => Promise<void>,
  ) =>
    app.post(
      `${BASE}/unit/:id/${path}`,
      { config: { access: P.manage }, attachValidation: true, schema: { params: IdParam, body } },
      async (req, reply) => {
        const id = (req.params as { id: number }).id;
        if (!Number.isSafeInteger(id)) throw notFound(); // a form post's params are not checked before the handler
        const values = (req.body ?? {}) as Values;
        const render = show(reply, pageCtx(req, reply), await indexData(req, { unit: id }))(form, values);
        return handleForm(req, reply, {
          render,
          run: () => run(req, id, idOf(one(values[form === 'head' ? 'employeeId' : 'scheduleId'])) ?? null),
          done: () => redirectWithFlash(reply, `${BASE}?unit=${id}#unit-panel`, 'flash.saved'),
        });
      },
    );
  unitPost('kepala', 'head', HeadForm, (req, id, choice) => E.setUnitHead(req.ctx(), id, choice));
  unitPost('jadwal', 'schedule', UnitScheduleForm, (req, id, choice) => E.setUnitSchedule(req.ctx(), id, choice));

  registerEmployeePages(app, s);
  registerLocationPages(app, s);
  registerSettingsPages(app, s);
  registerCalendarPages(app, s);
}
