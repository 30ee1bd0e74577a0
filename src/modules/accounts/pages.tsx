// HTML pages for signing in, registering, passwords and accounts.
import { addMenu } from '../../kernel/menu.js';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { handleForm, safeNext, type FormFailure } from '../../http/forms.js';
import { startSessionCookie, SESSION_COOKIE, LANG_COOKIE } from '../../http/cookies.js';
import { IdParam, type App } from '../../http/types.js';
import { fieldErrorsFromAjv } from '../../http/validation.js';
import { AppError } from '../../lib/errors.js';
import { ErrorSummary, Form, SelectField, Submit, TextField } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, redirectWithFlash, sendPage, type PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { Type } from 'typebox';
import { accountPolicy } from './policy.js';
import { creatableRoles, isOfficialRole, type Role } from './rules.js';
import { registerIdentityPages } from './pages-identity.js';
import { CreateUserBody, LoginBody, PasswordBody, RegisterBody, UsersQuery, UsersSearchForm } from './schema.js';

type Values = Record<string, string | undefined>;

function LoginPage(p: { pc: PageCtx; values?: Values; failure?: FormFailure }) {
  const t = p.pc.t;
  return (
    <Layout pc={p.pc} title={t('auth.login_title')}>
      <h1>{t('auth.login_title')}</h1>
      <ErrorSummary t={t} errors={p.failure?.errors} message={p.failure?.message} params={p.failure?.params} />
      <Form pc={p.pc} action="/masuk" testid="login-form">
        <input type="hidden" name="next" value={p.values?.next ?? ''} />
        <TextField
          t={t}
          name="loginId"
          label="f.login_id"
          hint="auth.login_hint"
          value={p.values?.loginId}
          autocomplete="username"
          errors={p.failure?.errors}
        />
        <TextField
          t={t}
          name="password"
          label="f.password"
          type="password"
          autocomplete="current-password"
          errors={p.failure?.errors}
        />
        <Submit label={t('auth.login_button')} testid="login-submit" />
      </Form>
      <p>
        <a href="/daftar">{t('auth.register_title')}</a>
      </p>
    </Layout>
  );
}

function PasswordPage(p: { pc: PageCtx; failure?: FormFailure }) {
  const t = p.pc.t;
  return (
    <Layout pc={p.pc} title={t('auth.password_title')}>
      <h1>{t('auth.password_title')}</h1>
      {p.pc.user?.mustChangePassword ? <div class="notice notice--warning">{t('auth.must_change')}</div> : null}
      <ErrorSummary t={t} errors={p.failure?.errors} message={p.failure?.message} />
      <Form pc={p.pc} action="/akun/sandi" testid="password-form">
        <TextField
          t={t}
          name="current"
          label="f.current_password"
          type="password"
          autocomplete="current-password"
          errors={p.failure?.errors}
        />
        <TextField
          t={t}
          name="next"
          label="f.new_password"
          hint="auth.password_hint"
          type="password"
          autocomplete="new-password"
          errors={p.failure?.errors}
        />
        <TextField
          t={t}
          name="confirm"
          label="f.confirm_password"
          type="password"
          autocomplete="new-password"
          errors={p.failure?.errors}
        />
        <Submit label={t('common.save')} testid="password-submit" />
      </Form>
      <Form pc={p.pc} action="/keluar-semua">
        <Submit label={t('auth.logout_all')} variant="secondary" />
      </Form>
    </Layout>
  );
}

function RegisterPage(p: { pc: PageCtx; values?: Values; failure?: FormFailure }) {
  const t = p.pc.t;
  const v = p.values ?? {};
  return (
    <Layout pc={p.pc} title={t('auth.register_title')}>
      <h1>{t('auth.register_title')}</h1>
      <p>{t('auth.register_hint')}</p>
      <ErrorSummary t={t} errors={p.failure?.errors} message={p.failure?.message} params={p.failure?.params} />
      <Form pc={p.pc} action="/daftar" testid="register-form">
        <TextField
          t={t}
          name="nik"
          label="f.nik"
          value={v.nik}
          inputmode="numeric"
          maxLength={16}
          errors={p.failure?.errors}
        />
        <TextField
          t={t}
          name="kk"
          label="f.kk"
          value={v.kk}
          inputmode="numeric"
          maxLength={16}
          errors={p.failure?.errors}
        />
        <TextField
          t={t}
          name="birthDate"
          label="f.birth_date"
          type="date"
          value={v.birthDate}
          errors={p.failure?.errors}
        />
        <TextField
          t={t}
          name="password"
          label="f.new_password"
          hint="auth.password_hint"
          type="password"
          autocomplete="new-password"
          errors={p.failure?.errors}
        />
        <TextField
          t={t}
          name="confirm"
          label="f.confirm_password"
          type="password"
          autocomplete="new-password"
          errors={p.failure?.errors}
        />
        <Submit label={t('auth.register_button')} />
      </Form>
    </Layout>
  );
}

function UsersPage(p: {
  pc: PageCtx;
  users: Awaited<ReturnType<Services['accounts']['listUsers']>>;
  q?: string | undefined;
  notice?: string;
}) {
  const t = p.pc.t;
  return (
    <Layout pc={p.pc} title={t('users.title')}>
      <h1>{t('users.title')}</h1>
      {p.notice ? (
        <div class="notice notice--success" role="status" data-testid="user-notice">
          {p.notice}
        </div>
      ) : null}
      <p>
        <a class="button" href="/pengguna/baru" data-testid="new-user">
          {t('users.new')}
        </a>
      </p>
      {/* POST: a name typed here must not end up in a URL (logs, history, proxies). */}
      <Form pc={p.pc} action="/pengguna/cari" class="inline-form" testid="users-search">
        <label for="q" class="visually-hidden">
          {t('f.q')}
        </label>
        <input id="q" name="q" value={p.q ?? ''} maxlength={60} />
        <button class="button button--secondary">{t('common.search')}</button>
      </Form>
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th>{t('f.username')}</th>
              <th>{t('common.name')}</th>
              <th>{t('f.role')}</th>
              <th>{t('common.region')}</th>
              <th>{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {p.users.map((u) => (
              <tr>
                <td>{u.username}</td>
                <td>{u.full_name}</td>
                <td>{t(`role.${u.role}` as 'role.warga')}</td>
                <td>{u.region_code}</td>
                <td>
                  {u.active ? (
                    <>
                      {isOfficialRole(u.role as Role) ? (
                        <>
                          <a href={`/pengguna/${u.id}/identitas`}>{t('users.identity')}</a>{' '}
                        </>
                      ) : null}
                      <Form pc={p.pc} action={`/pengguna/${u.id}/reset-sandi`} class="inline-form">
                        <button class="button--link">{t('users.reset')}</button>
                      </Form>{' '}
                      <Form pc={p.pc} action={`/pengguna/${u.id}/nonaktif`} class="inline-form">
                        <button class="button--link">{t('users.deactivate')}</button>
                      </Form>
                    </>
                  ) : (
                    <span class="tag tag--grey">{t('common.retired')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

function NewUserPage(p: {
  pc: PageCtx;
  regions: { code: string; name: string; level: string }[];
  values?: Values;
  failure?: FormFailure;
}) {
  const t = p.pc.t;
  const v = p.values ?? {};
  const roles = p.pc.user ? creatableRoles(p.pc.user.role) : [];
  return (
    <Layout pc={p.pc} title={t('users.new')}>
      <h1>{t('users.new')}</h1>
      <ErrorSummary t={t} errors={p.failure?.errors} message={p.failure?.message} params={p.failure?.params} />
      <Form pc={p.pc} action="/pengguna" testid="user-form">
        <TextField
          t={t}
          name="username"
          label="f.username"
          hint="users.username_hint"
          value={v.username}
          autocomplete="off"
          errors={p.failure?.errors}
        />
        <TextField t={t} name="fullName" label="f.full_name" value={v.fullName} errors={p.failure?.errors} />
        <SelectField
          t={t}
          name="role"
          label="f.role"
          value={v.role}
          placeholder=""
          options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          errors={p.failure?.errors}
        />
        <SelectField
          t={t}
          name="regionCode"
          label="f.region_code"
          value={v.regionCode}
          placeholder=""
          options={p.regions.map((r) => ({
            value: r.code,
            label: `${t(`level.${r.level}` as 'level.rt')} ${r.name} (${r.code})`,
          }))}
          errors={p.failure?.errors}
        />
        <TextField
          t={t}
          name="email"
          label="f.email"
          type="email"
          value={v.email}
          optional
          errors={p.failure?.errors}
        />
        <TextField t={t} name="phone" label="f.phone" type="tel" value={v.phone} optional errors={p.failure?.errors} />
        <Submit label={t('common.save')} testid="user-submit" />
      </Form>
    </Layout>
  );
}

export function OfflinePage(p: { pc: PageCtx }) {
  return (
    <Layout pc={p.pc} title={p.pc.t('offline.title')}>
      <h1>{p.pc.t('offline.title')}</h1>
      <p>{p.pc.t('offline.body')}</p>
    </Layout>
  );
}

export function registerAccountsPages(app: App, s: Services, config: Config) {
  registerIdentityPages(app, s);
  addMenu(app, {
    href: '/pengguna',
    key: 'nav.users',
    roles: ['admin_kota', 'camat', 'staf_kecamatan', 'lurah', 'staf_kelurahan'],
    order: 70,
  });
  const secure = config.publicUrl.startsWith('https://');

  app.get(
    '/masuk',
    {
      config: { access: 'public' },
      schema: { querystring: Type.Object({ next: Type.Optional(Type.String({ maxLength: 300 })) }) },
    },
    async (req, reply) => {
      if (req.user) return reply.redirect(safeNext(req.query.next), 303);
      return sendPage(reply, <LoginPage pc={pageCtx(req, reply)} values={{ next: safeNext(req.query.next, '') }} />);
    },
  );
  app.post(
    '/masuk',
    { config: { access: 'public' }, attachValidation: true, schema: { body: LoginBody } },
    async (req, reply) => {
      const render = (failure: FormFailure) => (
        <LoginPage
          pc={pageCtx(req, reply)}
          values={{ loginId: req.body?.loginId, next: req.body?.next }}
          failure={failure}
        />
      );
      try {
        return await handleForm(req, reply, {
          render,
          run: () =>
            s.accounts.login({
              loginId: req.body.loginId,
              password: req.body.password,
              ip: req.ip,
              userAgent: req.headers['user-agent'] ?? null,
            }),
          done: (r) => {
            startSessionCookie(reply, r.token, secure, config.sessionTtlHours);
            return reply.redirect(r.mustChangePassword ? '/akun/sandi' : safeNext(req.body.next), 303);
          },
        });
      } catch (err) {
        // Wrong credentials are answered on the form itself (a 401 elsewhere means "sign in first").
        if (err instanceof AppError && err.status === 401)
          return sendPage(reply, render({ errors: [], message: err.key, params: err.params }), 401);
        throw err;
      }
    },
  );
  app.post('/keluar', { config: { access: 'authenticated' } }, async (req, reply) => {
    await s.accounts.logout(req.user!.tokenHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return redirectWithFlash(reply, '/masuk', 'flash.logged_out');
  });
  app.post('/keluar-semua', { config: { access: 'authenticated' } }, async (req, reply) => {
    await s.accounts.logoutEverywhere(req.ctx(), req.user!.tokenHash);
    return redirectWithFlash(reply, '/akun/sandi', 'flash.logged_out_all');
  });
  app.get('/akun/sandi', { config: { access: 'authenticated' } }, async (req, reply) =>
    sendPage(reply, <PasswordPage pc={pageCtx(req, reply)} />),
  );
  app.post(
    '/akun/sandi',
    { config: { access: 'authenticated' }, attachValidation: true, schema: { body: PasswordBody } },
    async (req, reply) =>
      handleForm(req, reply, {
        render: (failure) => <PasswordPage pc={pageCtx(req, reply)} failure={failure} />,
        run: () => s.accounts.changePassword(req.ctx(), req.body, req.user!.tokenHash),
        done: () => redirectWithFlash(reply, '/', 'flash.password_changed'),
      }),
  );
  app.get('/daftar', { config: { access: 'public' } }, async (req, reply) =>
    sendPage(reply, <RegisterPage pc={pageCtx(req, reply)} />),
  );
  app.post(
    '/daftar',
    { config: { access: 'public' }, attachValidation: true, schema: { body: RegisterBody } },
    async (req, reply) =>
      handleForm(req, reply, {
        render: (failure) => (
          <RegisterPage
            pc={pageCtx(req, reply)}
            values={{ nik: req.body?.nik, kk: req.body?.kk, birthDate: req.body?.birthDate }}
            failure={failure}
          />
        ),
        run: () => s.accounts.register({ ...req.body, ip: req.ip }),
        done: () => redirectWithFlash(reply, '/masuk', 'flash.registered'),
      }),
  );
  app.get(
    '/bahasa/:lang',
    {
      config: { access: 'public' },
      schema: {
        params: Type.Object({ lang: Type.Union([Type.Literal('id'), Type.Literal('en')]) }),
        querystring: Type.Object({ next: Type.Optional(Type.String({ maxLength: 300 })) }),
      },
    },
    async (req, reply) => {
      reply.setCookie(LANG_COOKIE, req.params.lang, { path: '/', sameSite: 'lax', maxAge: 365 * 86400 });
      return reply.redirect(safeNext(req.query.next), 303);
    },
  );
  app.get('/offline', { config: { access: 'public' } }, async (req, reply) =>
    sendPage(reply, <OfflinePage pc={pageCtx(req, reply)} />),
  );

  // Accounts
  app.get(
    '/pengguna',
    { config: { access: accountPolicy.manage }, schema: { querystring: UsersQuery } },
    async (req, reply) => {
      if (req.query.q) throw new AppError(400, 'error.search_in_url');
      const users = await s.accounts.listUsers(req.ctx(), { limit: 100, offset: ((req.query.page ?? 1) - 1) * 100 });
      return sendPage(reply, <UsersPage pc={pageCtx(req, reply)} users={users} />);
    },
  );
  // The search: its results are rendered from the POST (the list shows one page of 100).
  app.post(
    '/pengguna/cari',
    { config: { access: accountPolicy.manage }, attachValidation: true, schema: { body: UsersSearchForm } },
    async (req, reply) => {
      if (req.validationError)
        throw new AppError(400, 'error.validation', {}, fieldErrorsFromAjv(req.validationError.validation ?? []));
      const q = req.body.q?.trim() || undefined;
      const users = await s.accounts.listUsers(req.ctx(), { limit: 100, offset: 0, q });
      return sendPage(reply, <UsersPage pc={pageCtx(req, reply)} users={users} q={q} />);
    },
  );
  const regionsFor = (req: FastifyRequest) =>
    s.regions.tree(req.ctx(), ['kabkota', 'kecamatan', 'kelurahan', 'rw', 'rt']);
  app.get('/pengguna/baru', { config: { access: accountPolicy.manage } }, async (req, reply) =>
    sendPage(reply, <NewUserPage pc={pageCtx(req, reply)} regions={await regionsFor(req)} />),
  );
  app.post(
    '/pengguna',
    { config: { access: accountPolicy.manage }, attachValidation: true, schema: { body: CreateUserBody } },
    async (req, reply) => {
      const regions = await regionsFor(req);
      return handleForm(req, reply, {
        render: (failure) => (
          <NewUserPage pc={pageCtx(req, reply)} regions={regions} values={req.body as Values} failure={failure} />
        ),
        run: () => s.accounts.createUser(req.ctx(), req.body),
        done: async ({ user, password }) => {
          const users = await s.accounts.listUsers(req.ctx(), { limit: 100, offset: 0 });
          return sendPage(
            reply,
            <UsersPage
              pc={pageCtx(req, reply)}
              users={users}
              notice={req.t('users.created', { password }) + ` (${user.username})`}
            />,
            201,
          );
        },
      });
    },
  );
  app.post(
    '/pengguna/:id/reset-sandi',
    { config: { access: accountPolicy.manage }, schema: { params: IdParam } },
    async (req, reply) => {
      const r = await s.accounts.resetPassword(req.ctx(), req.params.id);
      const users = await s.accounts.listUsers(req.ctx(), { limit: 100, offset: 0 });
      return sendPage(
        reply,
        <UsersPage
          pc={pageCtx(req, reply)}
          users={users}
          notice={req.t('users.reset_done', { username: r.username, password: r.password })}
        />,
      );
    },
  );
  app.post(
    '/pengguna/:id/nonaktif',
    { config: { access: accountPolicy.manage }, schema: { params: IdParam } },
    async (req, reply) => {
      await s.accounts.setActive(req.ctx(), req.params.id, false);
      return redirectWithFlash(reply, '/pengguna', 'flash.saved');
    },
  );
}
