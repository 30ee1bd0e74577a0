// An official's identity for the signature block (NIP, jabatan, pangkat/golongan):
// kept by whoever manages the account (the city's admin for a lurah or camat).
import { Type } from 'typebox';
import { handleForm, type FormFailure } from '../../http/forms.js';
import { IdParam, type App } from '../../http/types.js';
import { notFound } from '../../lib/errors.js';
import { ErrorSummary, Form, Submit, TextField } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { accountPolicy } from './policy.js';

const IdentityForm = Type.Object({
  nip: Type.String({ maxLength: 40 }),
  jabatan: Type.String({ maxLength: 300 }),
  pangkat: Type.String({ maxLength: 200 }),
});
type View = Awaited<ReturnType<Services['accounts']['officialIdentity']>>;

function IdentityPage(p: { pc: PageCtx; u: View; values?: Record<string, string>; failure?: FormFailure }) {
  const t = p.pc.t;
  const v = p.values ?? { nip: p.u.nip ?? '', jabatan: p.u.jabatan ?? '', pangkat: p.u.pangkat_golongan ?? '' };
  const title = t('users.identity_title', { name: p.u.full_name });
  return (
    <Layout pc={p.pc} title={title}>
      <p>
        <a href="/pengguna">{t('common.back')}</a>
      </p>
      <h1>{title}</h1>
      <p>{t('users.identity_intro')}</p>
      <ErrorSummary t={t} errors={p.failure?.errors} message={p.failure?.message} params={p.failure?.params} />
      <Form pc={p.pc} action={`/pengguna/${p.u.id}/identitas`} testid="identity-form">
        <TextField
          t={t}
          name="nip"
          label="users.f.nip"
          hint="users.f.nip_hint"
          inputmode="numeric"
          value={v.nip}
          maxLength={18}
          errors={p.failure?.errors}
        />
        <TextField
          t={t}
          name="jabatan"
          label="users.f.jabatan"
          hint="users.f.jabatan_hint"
          value={v.jabatan}
          maxLength={160}
          errors={p.failure?.errors}
        />
        <TextField
          t={t}
          name="pangkat"
          label="users.f.pangkat"
          hint="users.f.pangkat_hint"
          value={v.pangkat}
          maxLength={80}
          optional
          errors={p.failure?.errors}
        />
        <Submit label={t('common.save')} testid="identity-submit" />
      </Form>
    </Layout>
  );
}

export function registerIdentityPages(app: App, s: Services) {
  const config = { access: accountPolicy.manage };
  app.get('/pengguna/:id/identitas', { config, schema: { params: IdParam } }, async (req, reply) =>
    sendPage(
      reply,
      <IdentityPage pc={pageCtx(req, reply)} u={await s.accounts.officialIdentity(req.ctx(), req.params.id)} />,
    ),
  );
  app.post(
    '/pengguna/:id/identitas',
    { config, attachValidation: true, schema: { params: IdParam, body: IdentityForm } },
    async (req, reply) => {
      const e = req.validationError as { validationContext?: string } | undefined | null;
      if (e?.validationContext === 'params') throw notFound();
      const u = await s.accounts.officialIdentity(req.ctx(), req.params.id);
      return handleForm(req, reply, {
        render: (failure) => (
          <IdentityPage pc={pageCtx(req, reply)} u={u} values={req.body as Record<string, string>} failure={failure} />
        ),
        run: () => s.accounts.setOfficialIdentity(req.ctx(), req.params.id, req.body),
        done: () => redirectWithFlash(reply, '/pengguna', 'flash.saved'),
      });
    },
  );
}
