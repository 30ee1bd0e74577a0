// Employee pages under /pegawai: a new employee (the temporary password shown
// once), the CSV import with its row-by-row report, and an employee's details
// with the administrator's edit form. A head of unit (pegawai) may open the
// details of their units' employees, read-only; the service answers 404 for
// anyone else.
import type { FastifyRequest } from 'fastify';
import { handleForm, type FormFailure } from '../../http/forms.js';
import { IdParam, type App } from '../../http/types.js';
import type { Translate } from '../../i18n/index.js';
import { notFound } from '../../lib/errors.js';
import { Form, SelectField, Submit, TextArea, TextField } from '../../ui/forms.js';
import { RowProblems } from '../../ui/lists.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { importEmployees, type EmployeeImportReport } from './import.js';
import {
  BASE,
  explainFailure,
  idOf,
  LocationChoices,
  many,
  one,
  readCsvForm,
  Row,
  StaffPage,
  unitOptions,
  type CitySchedule,
  type Location,
  type Unit,
  type Values,
} from './pages-parts.js';
import { employeesPolicy as P } from './policy.js';
import { EMPLOYEE_KINDS, employeeIdentity, employeeKindLabelKey, pathAndAncestors } from './rules.js';
import { formatIndonesianDate } from '../../lib/text.js';
import { EmployeeForm, EmployeeUpdateForm } from './schema.js';
import { CarryoverForm } from './schema.js';

type Detail = Awaited<ReturnType<Services['employees']['employee']>>;
type Account = { username: string; name: string; password: string };
const EXAMPLE_CSV = [
  'nip,nomor_pegawai,nama,jenis,jabatan,golongan,unit,atasan_nip,lokasi,tmt,akhir_tugas,email,telepon',
  '198503142010011001,,Budi Santoso,PNS,Kepala Bidang Aptika,III/d,DISKOMINFO/APTIKA,,Kantor Diskominfo|Balai Kota,2015-01-02,,budi@example.go.id,081234567890',
  '199312282025212001,,Rina Marlina,PPPK,Pranata Komputer,IX,DISKOMINFO/APTIKA,198503142010011001,Kantor Diskominfo,2025-03-01,,,',
  ',THL-2024-017,Agus Salim,Non-ASN,Pengemudi,,DISKOMINFO,198503142010011001,Kantor Diskominfo,2024-01-02,2026-12-31,,',
].join('\n');
const kindOptions = (t: Translate) => EMPLOYEE_KINDS.map((k) => ({ value: k, label: t(employeeKindLabelKey(k)) }));

/** The number fields (NIP / NI PPPK, or a non-ASN's nomor pegawai) and the service dates, shared by the new and edit forms. */
function NumberAndDates(p: {
  t: Translate;
  v: (n: string) => string | undefined;
  errors: FormFailure['errors'] | undefined;
}) {
  const { t, v, errors } = p;
  return (
    <>
      <TextField
        t={t}
        name="nip"
        label="pegawai.f.nip"
        hint="pegawai.nip_hint"
        value={v('nip')}
        inputmode="numeric"
        maxLength={24}
        optional
        errors={errors}
      />
      <TextField
        t={t}
        name="staffNumber"
        label="pegawai.f.staff_number"
        hint="pegawai.staff_number_hint"
        value={v('staffNumber')}
        maxLength={40}
        optional
        errors={errors}
      />
      <TextField
        t={t}
        name="startDate"
        label="pegawai.f.start_date"
        hint="pegawai.start_date_hint"
        type="date"
        value={v('startDate')}
        maxLength={10}
        optional
        errors={errors}
      />
      <TextField
        t={t}
        name="endDate"
        label="pegawai.f.end_date"
        hint="pegawai.end_date_hint"
        type="date"
        value={v('endDate')}
        maxLength={10}
        optional
        errors={errors}
      />
    </>
  );
}

/** The temporary passwords, shown on this page only: hand them over privately. */
function Passwords(p: { t: Translate; accounts: Account[] }) {
  return (
    <section data-testid="temporary-passwords">
      <div class="notice notice--warning" role="status">
        <p>{p.t('pegawai.password_once')}</p>
      </div>
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th>{p.t('pegawai.f.full_name')}</th>
              <th>{p.t('pegawai.username')}</th>
              <th>{p.t('pegawai.temporary_password')}</th>
            </tr>
          </thead>
          <tbody>
            {p.accounts.map((a) => (
              <tr data-testid="account-row">
                <td>{a.name}</td>
                <td>{a.username}</td>
                <td>
                  <code data-testid="temporary-password">{a.password}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function NewEmployeePage(p: {
  pc: PageCtx;
  units: Unit[];
  locations: Location[];
  values?: Values;
  failure?: FormFailure | undefined;
}) {
  const failure = explainFailure(p.pc.t, p.failure);
  const t = p.pc.t;
  const v = (n: string) => one(p.values?.[n]);
  const errors = failure?.errors;
  return (
    <StaffPage pc={p.pc} title="pegawai.new_title" failure={failure}>
      <Form pc={p.pc} action={`${BASE}/baru`} testid="employee-form">
        <SelectField
          t={t}
          name="kind"
          label="pegawai.f.kind"
          value={v('kind')}
          options={kindOptions(t)}
          errors={errors}
        />
        <NumberAndDates t={t} v={v} errors={errors} />
        <TextField
          t={t}
          name="fullName"
          label="pegawai.f.full_name"
          value={v('fullName')}
          maxLength={120}
          errors={errors}
        />
        <TextField
          t={t}
          name="position"
          label="pegawai.f.position"
          value={v('position')}
          maxLength={160}
          errors={errors}
        />
        <TextField
          t={t}
          name="grade"
          label="pegawai.f.grade"
          hint="pegawai.grade_hint"
          value={v('grade')}
          maxLength={20}
          class="input--short"
          optional
          errors={errors}
        />
        <SelectField
          t={t}
          name="unitId"
          label="pegawai.f.unit"
          value={v('unitId')}
          placeholder=""
          options={unitOptions(p.units)}
          errors={errors}
        />
        <TextField
          t={t}
          name="supervisorNip"
          label="pegawai.f.supervisor_nip"
          hint="pegawai.supervisor_hint"
          value={v('supervisorNip')}
          inputmode="numeric"
          maxLength={24}
          optional
          errors={errors}
        />
        <LocationChoices t={t} locations={p.locations} chosen={many(p.values?.locationIds)} />
        <TextField
          t={t}
          name="email"
          label="f.email"
          type="email"
          value={v('email')}
          maxLength={120}
          optional
          errors={errors}
        />
        <TextField
          t={t}
          name="phone"
          label="f.phone"
          type="tel"
          inputmode="tel"
          value={v('phone')}
          maxLength={20}
          optional
          errors={errors}
        />
        <Submit label={t('pegawai.create')} testid="employee-submit" />
      </Form>
    </StaffPage>
  );
}

function ImportPage(p: {
  pc: PageCtx;
  values?: Values;
  failure?: FormFailure | undefined;
  report?: EmployeeImportReport;
}) {
  const failure = explainFailure(p.pc.t, p.failure);
  const t = p.pc.t;
  const r = p.report;
  return (
    <StaffPage pc={p.pc} title="pegawai.import_title" failure={failure}>
      {r ? (
        <section data-testid="import-report">
          <div
            class={r.written && !r.refused.length ? 'notice notice--success' : 'notice notice--warning'}
            role="status"
            data-testid="import-summary"
          >
            <p>
              {r.written
                ? t('pegawai.import_written', { imported: r.imported, total: r.total })
                : t('pegawai.import_nothing', { refused: r.refused.length, total: r.total })}
            </p>
          </div>
          {r.refused.length ? (
            <RowProblems t={t} rows={r.refused} testid="import-refused-row" tableTestid="import-refused" />
          ) : null}
          {r.accounts.length ? <Passwords t={t} accounts={r.accounts} /> : null}
        </section>
      ) : null}
      <p>{t('pegawai.import_hint')}</p>
      <pre data-testid="import-example">{EXAMPLE_CSV}</pre>
      <ul>
        <li>{t('pegawai.import_col_unit')}</li>
        <li>{t('pegawai.import_col_location')}</li>
        <li>{t('pegawai.import_col_dates')}</li>
        <li>{t('pegawai.import_col_optional')}</li>
      </ul>
      <Form pc={p.pc} action={`${BASE}/impor`} multipart testid="import-form">
        <div class="form-group">
          <label for="f-file">{t('f.file')}</label>
          <input id="f-file" name="file" type="file" accept=".csv,text/csv" />
        </div>
        <TextArea
          t={t}
          name="csv"
          label="f.csv"
          value={one(p.values?.csv)}
          rows={6}
          optional
          errors={failure?.errors}
        />
        <div class="form-group">
          <label class="choice" for="f-validOnly">
            <input
              id="f-validOnly"
              name="validOnly"
              type="checkbox"
              value="1"
              checked={one(p.values?.validOnly) === '1'}
            />
            {t('f.valid_only')}
          </label>
        </div>
        <Submit label={t('pegawai.import_button')} testid="import-submit" />
      </Form>
    </StaffPage>
  );
}

/**
 * Where the employee's schedule comes from: their own, the nearest unit that
 * has one, or the city's default. `allUnits`: the viewer sees every unit (the
 * administrator); a head sees only their own, so a schedule set above them
 * cannot be named.
 */
function scheduleSource(t: Translate, e: Detail, units: Unit[], schedules: CitySchedule[], allUnits: boolean) {
  const byId = new Map(schedules.map((s) => [s.id, s]));
  if (e.schedule_id && byId.has(e.schedule_id))
    return t('pegawai.schedule_own', { name: byId.get(e.schedule_id)!.name });
  const byPath = new Map(units.map((u) => [u.path, u]));
  const unit = pathAndAncestors(e.unit_path)
    .map((path) => byPath.get(path))
    .find((u) => u?.schedule_id && byId.has(u.schedule_id));
  if (unit) return t('pegawai.schedule_from_unit', { name: byId.get(unit.schedule_id!)!.name, unit: unit.name });
  return t(allUnits ? 'pegawai.schedule_default' : 'pegawai.schedule_default_source');
}

interface DetailData {
  e: Detail;
  units: Unit[];
  locations: Location[];
  schedules: CitySchedule[];
  supervisorNip: string;
  /** The day the record was created (city zone) and when service is counted from (serviceStartOf). */
  createdDay: string;
  serviceStart: { date: string; source: 'start_date' | 'nip_tmt' | 'created' };
  leave: {
    year: number;
    taken: number;
    unusedLastYear: number;
    unusedTwoYearsAgo: number;
    available: number;
    remaining: number;
  };
}

function DetailPage(p: {
  pc: PageCtx;
  d: DetailData;
  canEdit: boolean;
  values?: Values;
  failure?: FormFailure | undefined;
  carryover?: { unusedLastYear: string; unusedTwoYearsAgo: string };
}) {
  const failure = explainFailure(p.pc.t, p.failure);
  const { pc, d } = p;
  const { e } = d;
  const t = pc.t;
  const errors = failure?.errors;
  const values: Values = p.values ?? {
    position: e.position,
    grade: e.grade ?? '',
    unitId: String(e.unit_id),
    supervisorNip: d.supervisorNip,
    shiftOffset: String(e.shift_offset),
    locationIds: e.locations.map((l) => String(l.id)),
    kind: e.kind,
    nip: e.nip ?? '',
    staffNumber: e.staff_number ?? '',
    startDate: e.start_date ?? '',
    endDate: e.end_date ?? '',
  };
  const v = (n: string) => one(values[n]);
  const id = employeeIdentity(e);
  const day = (iso: string) => formatIndonesianDate(iso);
  return (
    <StaffPage pc={pc} title="pegawai.detail_title" failure={failure} back={p.canEdit}>
      <dl class="summary-list" data-testid="employee-detail">
        <Row label={t('pegawai.f.full_name')}>{e.full_name}</Row>
        <Row label={t(id.labelKey)} testid="detail-number">
          {id.number}
        </Row>
        <Row label={t('pegawai.f.kind')}>{t(employeeKindLabelKey(e.kind))}</Row>
        <Row label={t('pegawai.f.start_date')} testid="detail-start">
          {e.start_date ? day(e.start_date) : t('pegawai.no_start_date', { date: day(d.createdDay) })}
        </Row>
        <Row label={t('pegawai.f.end_date')} testid="detail-end">
          {e.end_date ? day(e.end_date) : t('pegawai.no_end_date')}
        </Row>
        <Row label={t('pegawai.service_start')} testid="detail-service-start">
          {t(`pegawai.service_start.${d.serviceStart.source}`, { date: day(d.serviceStart.date) })}
        </Row>
        <Row label={t('pegawai.f.position')}>{e.position}</Row>
        <Row label={t('pegawai.f.grade')}>{e.grade ?? '—'}</Row>
        <Row label={t('pegawai.f.unit')} testid="detail-unit">
          {e.unit_name} ({e.unit_path.split('/').slice(1).join('/')})
        </Row>
        <Row label={t('pegawai.supervisor')} testid="detail-supervisor">
          {e.supervisorName ?? t('pegawai.no_supervisor')}
        </Row>
        <Row label={t('pegawai.f.locations')} testid="detail-locations">
          {e.locations.length ? e.locations.map((l) => l.name).join(', ') : t('pegawai.no_locations')}
        </Row>
        <Row label={t('pegawai.f.schedule')} testid="detail-schedule">
          {scheduleSource(t, e, d.units, d.schedules, p.canEdit)}
        </Row>
        <Row label={t('pegawai.f.shift_offset')}>{e.shift_offset}</Row>
      </dl>
      {p.canEdit ? (
        <section>
          <h2>{t('pegawai.edit_title')}</h2>
          <Form pc={pc} action={`${BASE}/${e.id}/ubah`} testid="employee-edit-form">
            <SelectField
              t={t}
              name="kind"
              label="pegawai.f.kind"
              hint="pegawai.kind_change_hint"
              value={v('kind')}
              options={kindOptions(t)}
              errors={errors}
            />
            <NumberAndDates t={t} v={v} errors={errors} />
            <TextField
              t={t}
              name="position"
              label="pegawai.f.position"
              value={v('position')}
              maxLength={160}
              errors={errors}
            />
            <TextField
              t={t}
              name="grade"
              label="pegawai.f.grade"
              hint="pegawai.grade_hint"
              value={v('grade')}
              maxLength={20}
              class="input--short"
              optional
              errors={errors}
            />
            <SelectField
              t={t}
              name="unitId"
              label="pegawai.f.unit"
              value={v('unitId')}
              options={unitOptions(d.units)}
              errors={errors}
            />
            <TextField
              t={t}
              name="supervisorNip"
              label="pegawai.f.supervisor_nip"
              hint="pegawai.supervisor_hint"
              value={v('supervisorNip')}
              inputmode="numeric"
              maxLength={24}
              optional
              errors={errors}
            />
            <TextField
              t={t}
              name="shiftOffset"
              label="pegawai.f.shift_offset"
              hint="pegawai.shift_offset_hint"
              value={v('shiftOffset')}
              inputmode="numeric"
              maxLength={2}
              class="input--short"
              optional
              errors={errors}
            />
            <LocationChoices t={t} locations={d.locations} chosen={many(values.locationIds)} />
            <Submit label={t('common.save')} testid="employee-edit-submit" />
          </Form>
          <h2>{t('pegawai.leave_title', { year: d.leave.year })}</h2>
          <p data-testid="leave-balance">
            {t('pegawai.leave_balance', {
              available: d.leave.available,
              taken: d.leave.taken,
              remaining: d.leave.remaining,
            })}
          </p>
          <Form pc={pc} action={`${BASE}/${e.id}/saldo-cuti`} testid="carryover-form">
            <input type="hidden" name="year" value={String(d.leave.year)} />
            <TextField
              t={t}
              name="unusedLastYear"
              label="pegawai.f.unused_last_year"
              hint="pegawai.carryover_hint"
              value={p.carryover?.unusedLastYear ?? String(d.leave.unusedLastYear)}
              inputmode="numeric"
              maxLength={2}
              class="input--short"
              errors={p.carryover ? errors : undefined}
            />
            <TextField
              t={t}
              name="unusedTwoYearsAgo"
              label="pegawai.f.unused_two_years_ago"
              value={p.carryover?.unusedTwoYearsAgo ?? String(d.leave.unusedTwoYearsAgo)}
              inputmode="numeric"
              maxLength={2}
              class="input--short"
              errors={p.carryover ? errors : undefined}
            />
            <Submit label={t('common.save')} variant="secondary" testid="carryover-submit" />
          </Form>
          <h2>{t('pegawai.account_title')}</h2>
          <Form
            pc={pc}
            action={`${BASE}/${e.id}/reset-sandi`}
            testid="employee-reset-form"
            confirm={t('pegawai.reset_confirm')}
          >
            <Submit label={t('pegawai.reset_password')} variant="secondary" testid="employee-reset" />
          </Form>
          <Form
            pc={pc}
            action={`${BASE}/${e.id}/nonaktif`}
            testid="employee-deactivate-form"
            confirm={t('pegawai.deactivate_confirm', { name: e.full_name })}
          >
            <Submit label={t('pegawai.deactivate')} variant="danger" testid="employee-deactivate" />
          </Form>
        </section>
      ) : null}
    </StaffPage>
  );
}

export function registerEmployeePages(app: App, s: Services) {
  const E = s.employees;
  const choices = async (req: FastifyRequest) => {
    const [units, locations] = await Promise.all([E.units(req.ctx()), E.locations(req.ctx())]);
    return { units, locations };
  };

  app.get(`${BASE}/baru`, { config: { access: P.manage } }, async (req, reply) =>
    sendPage(reply, <NewEmployeePage pc={pageCtx(req, reply)} {...await choices(req)} />),
  );
  app.post(
    `${BASE}/baru`,
    { config: { access: P.manage }, attachValidation: true, schema: { body: EmployeeForm } },
    async (req, reply) => {
      const c = await choices(req);
      const values = (req.body ?? {}) as Values;
      return handleForm(req, reply, {
        render: (failure) => <NewEmployeePage pc={pageCtx(req, reply)} {...c} values={values} failure={failure} />,
        run: () =>
          E.createEmployee(req.ctx(), {
            ...req.body,
            unitId: idOf(req.body.unitId) ?? 0,
            locationIds: many(req.body.locationIds).map(Number),
          }),
        done: (r) => {
          const pc = pageCtx(req, reply);
          return sendPage(
            reply,
            <StaffPage pc={pc} title="pegawai.created_title">
              <Passwords
                t={pc.t}
                accounts={[{ username: r.username, name: req.body.fullName, password: r.password }]}
              />
              <p>
                <a href={`${BASE}/${r.id}`} data-testid="created-employee">
                  {pc.t('pegawai.open_employee')}
                </a>
              </p>
            </StaffPage>,
            201,
          );
        },
      });
    },
  );

  app.get(`${BASE}/impor`, { config: { access: P.manage } }, async (req, reply) =>
    sendPage(reply, <ImportPage pc={pageCtx(req, reply)} />),
  );
  // Multipart (file upload) or urlencoded: read by hand, like the residents' import.
  // The passwords in the report are not cached: every signed-in page is sent private, no-store (http/app.ts).
  app.post(`${BASE}/impor`, { config: { access: P.manage } }, async (req, reply) => {
    const input = readCsvForm(req.body);
    return handleForm(req, reply, {
      render: (failure) => <ImportPage pc={pageCtx(req, reply)} values={input.values} failure={failure} />,
      run: () => importEmployees(E, req.ctx(), input.csv(), input.validOnly),
      done: (report) =>
        sendPage(
          reply,
          <ImportPage pc={pageCtx(req, reply)} values={report.written ? {} : input.values} report={report} />,
          !report.written && report.refused.length ? 422 : 200,
        ),
    });
  });

  const detailData = async (req: FastifyRequest, id: number): Promise<DetailData> => {
    const ctx = req.ctx();
    const e = await E.employee(ctx, id);
    const [units, locations, schedules, supervisor] = await Promise.all([
      E.units(ctx),
      E.locations(ctx),
      E.schedules(ctx),
      e.supervisor_id ? E.employee(ctx, e.supervisor_id).catch(() => null) : null,
    ]);
    const leave = await s.attendance.leaveOf(ctx, id, Number(s.attendance.thisMonth().slice(0, 4)));
    const serviceStart = E.serviceStartOf(e);
    const createdDay = E.createdDayOf(e);
    const supervisorNumber = supervisor ? employeeIdentity(supervisor).number : '';
    return { e, units, locations, schedules, supervisorNip: supervisorNumber, createdDay, serviceStart, leave };
  };
  const canEdit = (req: FastifyRequest) => P.manage.includes(req.ctx().scope.role);

  app.get(`${BASE}/:id`, { config: { access: P.view }, schema: { params: IdParam } }, async (req, reply) =>
    sendPage(
      reply,
      <DetailPage pc={pageCtx(req, reply)} d={await detailData(req, req.params.id)} canEdit={canEdit(req)} />,
    ),
  );
  app.post(
    `${BASE}/:id/saldo-cuti`,
    { config: { access: P.manage }, attachValidation: true, schema: { params: IdParam, body: CarryoverForm } },
    async (req, reply) => {
      if (!Number.isSafeInteger(req.params?.id)) throw notFound(); // a form post's params are not checked before the handler
      const d = await detailData(req, req.params.id);
      const b = (req.body ?? {}) as Values;
      return handleForm(req, reply, {
        render: (failure) => (
          <DetailPage
            pc={pageCtx(req, reply)}
            d={d}
            canEdit
            failure={failure}
            carryover={{
              unusedLastYear: one(b.unusedLastYear) ?? '',
              unusedTwoYearsAgo: one(b.unusedTwoYearsAgo) ?? '',
            }}
          />
        ),
        run: () =>
          s.attendance.setCarryover(req.ctx(), d.e.id, {
            year: Number(req.body.year),
            unusedLastYear: Number(req.body.unusedLastYear),
            unusedTwoYearsAgo: Number(req.body.unusedTwoYearsAgo),
          }),
        done: () => redirectWithFlash(reply, `${BASE}/${d.e.id}`, 'flash.saved'),
      });
    },
  );
  app.post(
    `${BASE}/:id/reset-sandi`,
    { config: { access: P.manage }, schema: { params: IdParam } },
    async (req, reply) => {
      const r = await E.resetPassword(req.ctx(), req.params.id);
      const pc = pageCtx(req, reply);
      return sendPage(
        reply,
        <StaffPage pc={pc} title="pegawai.reset_password">
          <Passwords t={pc.t} accounts={[{ username: r.username, name: r.name, password: r.password }]} />
          <p>
            <a href={`${BASE}/${req.params.id}`}>{pc.t('pegawai.back_to_employee')}</a>
          </p>
        </StaffPage>,
      );
    },
  );
  app.post(
    `${BASE}/:id/nonaktif`,
    { config: { access: P.manage }, schema: { params: IdParam } },
    async (req, reply) => {
      await E.deactivate(req.ctx(), req.params.id);
      return redirectWithFlash(reply, BASE, 'pegawai.deactivated');
    },
  );
  app.post(
    `${BASE}/:id/ubah`,
    { config: { access: P.manage }, attachValidation: true, schema: { params: IdParam, body: EmployeeUpdateForm } },
    async (req, reply) => {
      if (!Number.isSafeInteger(req.params?.id)) throw notFound(); // a form post's params are not checked before the handler
      const d = await detailData(req, req.params.id);
      const values = (req.body ?? {}) as Values;
      return handleForm(req, reply, {
        render: (failure) => <DetailPage pc={pageCtx(req, reply)} d={d} canEdit values={values} failure={failure} />,
        run: () =>
          E.updateEmployee(req.ctx(), d.e.id, {
            position: req.body.position,
            grade: req.body.grade,
            unitId: idOf(req.body.unitId) ?? 0,
            supervisorNip: req.body.supervisorNip,
            shiftOffset: idOf(req.body.shiftOffset) ?? 0,
            locationIds: many(req.body.locationIds).map(Number),
            // The form sends them all; a post without them (an older form) leaves them as they are.
            kind: req.body.kind,
            nip: req.body.nip,
            staffNumber: req.body.staffNumber,
            startDate: req.body.startDate,
            endDate: req.body.endDate,
          }),
        done: (r) => redirectWithFlash(reply, `${BASE}/${d.e.id}`, r.username ? 'pegawai.renumbered' : 'flash.saved'),
      });
    },
  );
}
