// /surat/meja-tu: the city admin keeps the TU desks — who registers naskah for which unit (units and people
// from the staff register). Add by the person's number; remove per row.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormFailure } from '../../http/forms.js';
import type { App } from '../../http/types.js';
import { AppError } from '../../lib/errors.js';
import { ErrorSummary, Form, SelectField, Submit, TextField } from '../../ui/forms.js';
import { TableWrap } from '../../ui/lists.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, redirectWithFlash, sendPage } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { correspondencePolicy as P } from './policy.js';

type Values = Record<string, string | undefined>;
const ID = /^\d{1,9}$/;

export function registerDeskPages(app: App, s: Services) {
  const S = s.correspondence;
  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    st: { values?: Values; failure?: FormFailure; status?: number } = {},
  ) => {
    const pc = pageCtx(req, reply);
    const { t } = pc;
    const { desks, units } = await S.desks(req.ctx());
    const errs = st.failure?.errors;
    const v = st.values ?? {};
    return sendPage(
      reply,
      <Layout pc={pc} title={t('surat.desks_title')}>
        <h1>{t('surat.desks_title')}</h1>
        <ErrorSummary t={t} errors={errs} message={st.failure?.message} params={st.failure?.params} />
        <p>{t('surat.desks_intro')}</p>
        {desks.length ? (
          <TableWrap label={t('surat.desks_title')}>
            <table class="table" data-testid="desk-list">
              <thead>
                <tr>
                  <th>{t('surat.col_unit')}</th>
                  <th>{t('surat.col_person')}</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                {desks.map((d) => (
                  <tr data-testid={`desk-row-${d.unit_id}-${d.employee_id}`}>
                    <td>{d.unit_name}</td>
                    <td>
                      {d.full_name} ({d.nip ?? d.staff_number})
                    </td>
                    <td>
                      <Form pc={pc} action="/surat/meja-tu/hapus" class="inline-form">
                        <input type="hidden" name="unitId" value={String(d.unit_id)} />
                        <input type="hidden" name="employeeId" value={String(d.employee_id)} />
                        <Submit
                          label={t('surat.desk_remove')}
                          variant="secondary"
                          testid={`desk-remove-${d.unit_id}-${d.employee_id}`}
                        />
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p data-testid="desk-none">{t('surat.desks_none')}</p>
        )}
        <h2>{t('surat.desk_add')}</h2>
        <Form pc={pc} action="/surat/meja-tu" testid="desk-form">
          <SelectField
            t={t}
            name="unitId"
            label="pegawai.f.unit"
            errors={errs}
            value={v.unitId}
            placeholder={t('surat.choose')}
            options={units.map((u) => ({ value: String(u.id), label: u.name }))}
            testid="desk-unit"
          />
          <TextField
            t={t}
            name="employeeNumber"
            label="f.employeeNumber"
            hint="surat.employee_hint"
            errors={errs}
            value={v.employeeNumber}
            maxLength={40}
            testid="desk-employee"
          />
          <Submit label={t('surat.desk_add')} testid="desk-submit" />
        </Form>
      </Layout>,
      st.status ?? 200,
    );
  };
  const fail = (req: FastifyRequest, reply: FastifyReply, values: Values) => (err: unknown) => {
    if (err instanceof AppError && err.status < 500 && ![401, 403, 404].includes(err.status))
      return render(req, reply, {
        values,
        failure: { errors: err.fields, message: err.fields.length ? undefined : err.key, params: err.params },
        status: err.status,
      });
    throw err;
  };
  const bodyOf = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');

  app.get('/surat/meja-tu', { config: { access: P.manageDesks } }, (req, reply) => render(req, reply));
  app.post('/surat/meja-tu', { config: { access: P.manageDesks } }, async (req, reply) => {
    const b = bodyOf(req);
    const values = { unitId: str(b.unitId).slice(0, 12), employeeNumber: str(b.employeeNumber).slice(0, 40) };
    try {
      await S.addDesk(req.ctx(), ID.test(values.unitId) ? Number(values.unitId) : 0, values.employeeNumber);
    } catch (err) {
      return fail(req, reply, values)(err);
    }
    return redirectWithFlash(reply, '/surat/meja-tu', 'surat.desk_added');
  });
  app.post('/surat/meja-tu/hapus', { config: { access: P.manageDesks } }, async (req, reply) => {
    const b = bodyOf(req);
    const unitId = str(b.unitId);
    const employeeId = str(b.employeeId);
    if (!ID.test(unitId) || !ID.test(employeeId))
      return render(req, reply, { failure: { errors: [{ field: 'unitId', key: 'surat.err.unit' }] }, status: 400 });
    await S.removeDesk(req.ctx(), Number(unitId), Number(employeeId));
    return redirectWithFlash(reply, '/surat/meja-tu', 'surat.desk_removed');
  });
}
