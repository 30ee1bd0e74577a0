// The offices' page for the lurah, the camat and the city's admin: the kop
// (address, telephone, e-mail, website, kode pos), the unit code used in
// letter numbers, the city's lambang (admin), and who may sign for the head
// (a.n., u.b., Plt., Plh.). Every form works without JavaScript.
import { Type } from 'typebox';
import { handleForm, type FormFailure } from '../../http/forms.js';
import { RegionCode, type App } from '../../http/types.js';
import { addMenu } from '../../kernel/menu.js';
import { formatIndonesianDate } from '../../lib/text.js';
import { ErrorSummary, Form, SelectField, Submit, TextField } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { DELEGATION_MODES } from './offices.js';

const OFFICE_ROLES = ['lurah', 'camat', 'admin_kota'] as const;
const CodeParam = Type.Object({ code: RegionCode });
const DelegationParam = Type.Object({ code: RegionCode, id: Type.Integer({ minimum: 1 }) });
const str = (max: number) => Type.String({ maxLength: max });
const OfficeForm = Type.Object({
  kode_unit: str(60),
  address: str(400),
  phone: str(80),
  email: str(160),
  website: str(160),
  postal_code: str(10),
});
const DelegationForm = Type.Object({
  userId: Type.String({ maxLength: 12 }),
  mode: str(8),
  viaJabatan: Type.Optional(str(200)),
  validFrom: str(10),
  validTo: Type.Optional(str(10)),
});
const LAMBANG_MULTIPART = { limits: { files: 1, fields: 2, fileSize: 512 * 1024 + 1 }, throwFileSizeLimit: false };

type OfficeView = Awaited<ReturnType<Services['letters']['office']>>;
type Values = Record<string, string | undefined>;

function OfficesList(p: { pc: PageCtx; rows: Awaited<ReturnType<Services['letters']['keptOffices']>> }) {
  const t = p.pc.t;
  return (
    <Layout pc={p.pc} title={t('offices.title')}>
      <h1>{t('offices.title')}</h1>
      <p>{t('offices.intro')}</p>
      {p.rows.length === 0 ? <p>{t('offices.list_empty')}</p> : null}
      <ul class="link-list" data-testid="offices-list">
        {p.rows.map((r) => (
          <li>
            <a href={`/kantor/${r.code}`}>
              {t(`level.${r.level}` as 'level.rt')} {r.name}
            </a>
            {r.office?.kode_unit ? ` — ${r.office.kode_unit}` : ` — ${t('offices.no_kode_unit')}`}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

function OfficePage(p: { pc: PageCtx; d: OfficeView; values?: Values; failure?: FormFailure; form?: string }) {
  const { pc, d } = p;
  const t = pc.t;
  const o = d.office;
  const v: Values = p.form === 'office' && p.values ? p.values : {};
  const val = (k: keyof NonNullable<typeof o> & string) => v[k] ?? (o ? String(o[k] ?? '') : '');
  const fail = (form: string) => (p.form === form ? p.failure?.errors : undefined);
  const dv: Values = p.form === 'delegation' && p.values ? p.values : {};
  const title = t('offices.office_title', { name: `${t(`level.${d.level}` as 'level.rt')} ${d.name}` });
  return (
    <Layout pc={pc} title={title}>
      <p>
        <a href="/kantor">{t('common.back')}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary t={t} errors={p.failure?.errors} message={p.failure?.message} params={p.failure?.params} />
      <h2>{t('offices.kop')}</h2>
      <Form pc={pc} action={`/kantor/${d.code}`} testid="office-form">
        <TextField
          t={t}
          name="kode_unit"
          label="offices.f.kode_unit"
          hint="offices.f.kode_unit_hint"
          value={val('kode_unit')}
          maxLength={40}
          errors={fail('office')}
        />
        <TextField
          t={t}
          name="address"
          label="offices.f.address"
          value={val('address')}
          maxLength={200}
          errors={fail('office')}
        />
        <TextField
          t={t}
          name="phone"
          label="offices.f.phone"
          type="tel"
          value={val('phone')}
          maxLength={60}
          errors={fail('office')}
        />
        <TextField
          t={t}
          name="email"
          label="offices.f.email"
          type="email"
          value={val('email')}
          maxLength={120}
          errors={fail('office')}
        />
        <TextField
          t={t}
          name="website"
          label="offices.f.website"
          value={val('website')}
          maxLength={120}
          errors={fail('office')}
        />
        <TextField
          t={t}
          name="postal_code"
          label="offices.f.postal_code"
          inputmode="numeric"
          value={val('postal_code')}
          maxLength={5}
          errors={fail('office')}
        />
        <Submit label={t('common.save')} testid="office-submit" />
      </Form>

      <h2>{t('offices.lambang_title')}</h2>
      <p data-testid="lambang-state">{d.hasLambang ? t('offices.lambang_set') : t('offices.lambang_missing')}</p>
      {pc.user?.role === 'admin_kota' ? (
        <Form pc={pc} action={`/kantor/${d.code}/lambang`} multipart testid="lambang-form">
          <div class={fail('lambang') ? 'form-group form-group--error' : 'form-group'}>
            <label for="f-lambang">{t('offices.f.lambang')}</label>
            {fail('lambang')?.map((e) => (
              <p class="error-message" id="f-lambang-error">
                {t(e.key, e.params)}
              </p>
            ))}
            <input id="f-lambang" name="file" type="file" accept="image/png,image/jpeg" />
          </div>
          <Submit label={t('common.save')} variant="secondary" testid="lambang-submit" />
        </Form>
      ) : null}

      <h2>{t('offices.delegations')}</h2>
      <p>{t('offices.delegations_intro')}</p>
      {d.delegations.length === 0 ? <p>{t('offices.none')}</p> : null}
      <ul class="link-list" data-testid="delegations">
        {d.delegations.map((x) => (
          <li>
            {t(`offices.mode.${x.mode}`)} — {x.full_name}
            {x.via_jabatan ? ` (${x.via_jabatan})` : ''}, {formatIndonesianDate(x.valid_from)} –{' '}
            {x.valid_to ? formatIndonesianDate(x.valid_to) : t('offices.until_open')}
            {x.revoked_at ? (
              ` (${t('offices.revoked')})`
            ) : (
              <Form pc={pc} action={`/kantor/${d.code}/kuasa/${x.id}/cabut`} class="inline-form">
                <button class="button--link">{t('offices.revoke')}</button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      <Form pc={pc} action={`/kantor/${d.code}/kuasa`} testid="delegation-form">
        <SelectField
          t={t}
          name="userId"
          label="offices.f.user"
          value={dv.userId}
          placeholder=""
          options={d.officials.map((u) => ({
            value: String(u.id),
            label: `${u.full_name}${u.jabatan ? `, ${u.jabatan}` : ''}${u.nip ? '' : ' (NIP belum diisi)'}`,
          }))}
          errors={fail('delegation')}
        />
        <SelectField
          t={t}
          name="mode"
          label="offices.f.mode"
          value={dv.mode}
          placeholder=""
          options={DELEGATION_MODES.map((m) => ({ value: m, label: t(`offices.mode.${m}`) }))}
          errors={fail('delegation')}
        />
        <TextField
          t={t}
          name="viaJabatan"
          label="offices.f.via"
          value={dv.viaJabatan}
          maxLength={160}
          optional
          errors={fail('delegation')}
        />
        <TextField
          t={t}
          name="validFrom"
          label="offices.f.valid_from"
          type="date"
          value={dv.validFrom}
          errors={fail('delegation')}
        />
        <TextField
          t={t}
          name="validTo"
          label="offices.f.valid_to"
          type="date"
          value={dv.validTo}
          optional
          errors={fail('delegation')}
        />
        <Submit label={t('offices.add_delegation')} testid="delegation-submit" />
      </Form>
    </Layout>
  );
}

/** The uploaded file from a multipart body (`file`), or an empty buffer. */
function uploaded(body: unknown): Buffer {
  const f = body && typeof body === 'object' ? (body as Record<string, unknown>).file : undefined;
  const buf = Array.isArray(f) ? f.find((x) => Buffer.isBuffer(x)) : f;
  return Buffer.isBuffer(buf) ? buf : Buffer.alloc(0);
}

export function registerOfficesPages(app: App, s: Services) {
  addMenu(app, { href: '/kantor', key: 'nav.offices', roles: [...OFFICE_ROLES], order: 85 });
  const access = { access: [...OFFICE_ROLES] };

  app.get('/kantor', { config: access }, async (req, reply) =>
    sendPage(reply, <OfficesList pc={pageCtx(req, reply)} rows={await s.letters.keptOffices(req.ctx())} />),
  );
  app.get('/kantor/:code', { config: access, schema: { params: CodeParam } }, async (req, reply) =>
    sendPage(reply, <OfficePage pc={pageCtx(req, reply)} d={await s.letters.office(req.ctx(), req.params.code)} />),
  );
  app.post(
    '/kantor/:code',
    { config: access, attachValidation: true, schema: { params: CodeParam, body: OfficeForm } },
    async (req, reply) => {
      const d = await s.letters.office(req.ctx(), req.params.code);
      return handleForm(req, reply, {
        render: (failure) => (
          <OfficePage pc={pageCtx(req, reply)} d={d} values={req.body as Values} failure={failure} form="office" />
        ),
        run: () => s.letters.saveOffice(req.ctx(), req.params.code, req.body),
        done: () => redirectWithFlash(reply, `/kantor/${req.params.code}`, 'flash.saved'),
      });
    },
  );
  app.post(
    '/kantor/:code/lambang',
    {
      config: { ...access, multipartOptions: LAMBANG_MULTIPART },
      attachValidation: true,
      schema: { params: CodeParam },
    },
    async (req, reply) => {
      const d = await s.letters.office(req.ctx(), req.params.code);
      return handleForm(req, reply, {
        render: (failure) => <OfficePage pc={pageCtx(req, reply)} d={d} failure={failure} form="lambang" />,
        run: () => s.letters.setLambang(req.ctx(), uploaded(req.body)),
        done: () => redirectWithFlash(reply, `/kantor/${req.params.code}`, 'flash.saved'),
      });
    },
  );
  app.post(
    '/kantor/:code/kuasa',
    { config: access, attachValidation: true, schema: { params: CodeParam, body: DelegationForm } },
    async (req, reply) => {
      const d = await s.letters.office(req.ctx(), req.params.code);
      const b = req.body;
      return handleForm(req, reply, {
        render: (failure) => (
          <OfficePage pc={pageCtx(req, reply)} d={d} values={b as Values} failure={failure} form="delegation" />
        ),
        run: () =>
          s.letters.addDelegation(req.ctx(), req.params.code, {
            userId: Number(b.userId) || 0,
            mode: b.mode,
            viaJabatan: b.viaJabatan ?? '',
            validFrom: b.validFrom,
            validTo: b.validTo ?? '',
          }),
        done: () => redirectWithFlash(reply, `/kantor/${req.params.code}`, 'flash.saved'),
      });
    },
  );
  app.post(
    '/kantor/:code/kuasa/:id/cabut',
    { config: access, schema: { params: DelegationParam } },
    async (req, reply) => {
      await s.letters.revokeDelegation(req.ctx(), req.params.code, req.params.id);
      return redirectWithFlash(reply, `/kantor/${req.params.code}`, 'flash.saved');
    },
  );
}
