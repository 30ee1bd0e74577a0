// JSON API for signing in and accounts.
import { Type } from 'typebox';
import type { Config } from '../../config.js';
import { ErrorBody, IdParam, Ok, type App } from '../../http/types.js';
import { AppError } from '../../lib/errors.js';
import type { Services } from '../../wiring.js';
import { CreateUserBody, LoginBody, PasswordBody, RegisterBody, UserOut, UsersQuery, UsersSearch } from './schema.js';
import { accountPolicy } from './policy.js';

const tags = ['akun'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export function registerAccountsApi(app: App, s: Services, _config: Config) {
  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public', csrf: false },
      schema: {
        tags,
        security: [],
        body: LoginBody,
        response: { 200: Type.Object({ token: Type.String(), mustChangePassword: Type.Boolean() }), ...errors },
      },
    },
    async (req) =>
      s.accounts.login({
        loginId: req.body.loginId,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      }),
  );
  app.post(
    '/api/v1/auth/register',
    {
      config: { access: 'public', csrf: false },
      schema: { tags, security: [], body: RegisterBody, response: { 201: Ok, ...errors } },
    },
    async (req, reply) => {
      await s.accounts.register({ ...req.body, ip: req.ip });
      return reply.code(201).send({ ok: true });
    },
  );
  app.post(
    '/api/v1/auth/logout',
    { config: { access: 'authenticated' }, schema: { tags, response: { 200: Ok } } },
    async (req) => {
      await s.accounts.logout(req.user!.tokenHash);
      return { ok: true };
    },
  );
  app.post(
    '/api/v1/auth/logout-all',
    { config: { access: 'authenticated' }, schema: { tags, response: { 200: Ok } } },
    async (req) => {
      await s.accounts.logoutEverywhere(req.ctx(), req.user!.tokenHash);
      return { ok: true };
    },
  );
  app.get(
    '/api/v1/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        response: {
          200: Type.Object({
            id: Type.Integer(),
            username: Type.String(),
            fullName: Type.String(),
            role: Type.String(),
            regionCode: Type.String(),
            mustChangePassword: Type.Boolean(),
          }),
        },
      },
    },
    async (req) => {
      const u = req.user!;
      return {
        id: u.id,
        username: u.username,
        fullName: u.fullName,
        role: u.role,
        regionCode: u.regionCode,
        mustChangePassword: u.mustChangePassword,
      };
    },
  );
  app.post(
    '/api/v1/me/password',
    { config: { access: 'authenticated' }, schema: { tags, body: PasswordBody, response: { 200: Ok, ...errors } } },
    async (req) => {
      await s.accounts.changePassword(req.ctx(), req.body, req.user!.tokenHash);
      return { ok: true };
    },
  );
  app.get(
    '/api/v1/users',
    {
      config: { access: accountPolicy.manage },
      schema: { tags, querystring: UsersQuery, response: { 200: Type.Object({ items: Type.Array(UserOut) }) } },
    },
    async (req) => {
      // A name in a URL lands in request logs and proxies: the search text goes by POST.
      if (req.query.q) throw new AppError(400, 'error.search_in_url_api', { path: '/api/v1/users/search' });
      return {
        items: await s.accounts.listUsers(req.ctx(), { limit: 100, offset: ((req.query.page ?? 1) - 1) * 100 }),
      };
    },
  );
  app.post(
    '/api/v1/users/search',
    {
      config: { access: accountPolicy.manage },
      schema: { tags, body: UsersSearch, response: { 200: Type.Object({ items: Type.Array(UserOut) }) } },
    },
    async (req) => ({
      items: await s.accounts.listUsers(req.ctx(), {
        limit: 100,
        offset: ((req.body.page ?? 1) - 1) * 100,
        q: req.body.q,
      }),
    }),
  );
  app.post(
    '/api/v1/users',
    {
      config: { access: accountPolicy.manage },
      schema: {
        tags,
        body: CreateUserBody,
        response: { 201: Type.Object({ user: UserOut, temporaryPassword: Type.String() }), ...errors },
      },
    },
    async (req, reply) => {
      const { user, password } = await s.accounts.createUser(req.ctx(), req.body);
      return reply.code(201).send({ user, temporaryPassword: password });
    },
  );
  app.post(
    '/api/v1/users/:id/reset-password',
    {
      config: { access: accountPolicy.manage },
      schema: {
        tags,
        params: IdParam,
        response: { 200: Type.Object({ username: Type.String(), temporaryPassword: Type.String() }), ...errors },
      },
    },
    async (req) => {
      const r = await s.accounts.resetPassword(req.ctx(), req.params.id);
      return { username: r.username, temporaryPassword: r.password };
    },
  );
  app.post(
    '/api/v1/users/:id/deactivate',
    { config: { access: accountPolicy.manage }, schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } },
    async (req) => {
      await s.accounts.setActive(req.ctx(), req.params.id, false);
      return { ok: true };
    },
  );
}
