// Builds the Fastify app: plugins and the request pipeline (locale → session →
// access → control characters → CSRF → validation → inbox count → handler).
// The kernel knows no module: the modules' routes and menu come in through
// the `routes` callback of the composition root (src/app.ts).
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { isLocale, translator, type Locale, type Translate } from '../i18n/index.js';
import type { SessionUser } from '../kernel/session.js';
import type { Ctx } from '../kernel/context.js';
import { checkAccess, checkMetricsCredential, requireAccessDeclarations, type RouteInfo } from './access.js';
import { guardDisplayText, rejectControlCharacters } from './sanitize.js';
import { compileValidator } from './validator.js';
import { csrfBinding, csrfTokenFor, verifyCsrf } from './csrf.js';
import { installErrorHandlers, isApiRequest } from './errors.js';
import {
  documentIdempotency,
  idempotencyComponents,
  installIdempotency,
  type IdempotencyStore,
} from './idempotency.js';
import { createSearchSealer } from './search-token.js';
import { maskingSink, serializeRequest, type LogSink } from './log.js';
import { registerStatic } from './static.js';
import { BODY_LIMIT, LANG_COOKIE, SESSION_COOKIE, UPLOAD_LIMIT } from './cookies.js';
import type { App } from './types.js';
import { resolveMenu, type MenuItem } from '../kernel/menu.js';
import { registerProbes, type ProbeServices } from './probes.js';
import { genRequestId, installRequestScope } from './request-id.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared access rule. */
    routeTable: RouteInfo[];
    /** The menu the modules contributed when they registered (src/kernel/menu.ts). */
    menu: MenuItem[];
    /** Graceful shutdown has begun: /readyz answers 503 from now on, so the balancer stops sending traffic. */
    beginShutdown(): void;
  }
  interface FastifyRequest {
    user: SessionUser | null;
    /** True when the session came from an Authorization: Bearer header (no CSRF needed). */
    bearer: boolean;
    locale: Locale;
    t: Translate;
    /** The use-case context of the signed-in person; throws 401 when nobody is signed in. */
    ctx(): Ctx;
    /** Unread notifications of the signed-in person, for the page header (pages only). */
    unread: number;
    /** The menu of the signed-in person (pages only; resolveMenu). */
    menu: MenuItem[] | null;
    /** The configured time zone (WIB/WITA/WIT) for what pages show. */
    timeZone: Config['timeZone'];
    /** The CSRF token this request's forms must carry. */
    csrfToken(reply: FastifyReply): string;
    /** PUBLIC_URL without a trailing slash: the only source of absolute links (never the Host header). */
    publicUrl: string;
    /** A search text sealed for the signed-in account and a list, for links to further result pages (see search-token.ts). */
    sealSearch(list: string, q: string): string;
    /** The text of a sealed search, or null when it is not this account's, not this list's, or expired. */
    openSearch(list: string, token: string): string | null;
  }
  interface FastifyContextConfig {
    /** A public answer that carries personal data: never stored by a browser or proxy. */
    personalData?: boolean;
  }
}

export interface AppOptions {
  config: Config;
  services: KernelServices;
  /** Registers the modules' routes and menu items (the composition root, src/app.ts, passes it). */
  routes: (app: App) => void;
  /** false: no log; a sink: log lines go there (tests capture them); default: standard output. */
  logger?: boolean | { stream: LogSink };
}

/** What the request pipeline needs from the modules, handed in by the composition root. */
export interface KernelServices extends ProbeServices {
  accounts: { authenticate(token: string): Promise<SessionUser | null> };
  notify: { unreadCount(userId: number): Promise<number> };
  idempotency: IdempotencyStore;
}

export async function createHttpApp({ config, services, logger, routes }: AppOptions) {
  const app = Fastify({
    logger:
      logger === false
        ? false
        : {
            level: config.logLevel,
            stream: maskingSink(typeof logger === 'object' ? logger.stream : process.stdout),
            serializers: { req: serializeRequest },
          },
    genReqId: genRequestId,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(compileValidator);
  const routeTable = requireAccessDeclarations(app);
  app.decorate('routeTable', routeTable);
  app.decorate('menu', [] as MenuItem[]);
  const lifecycle = { shuttingDown: false };
  app.decorate('beginShutdown', () => {
    lifecycle.shuttingDown = true;
  });
  installRequestScope(app);
  installErrorHandlers(app);

  await app.register(compress, { global: true, encodings: ['br', 'gzip'], threshold: 512 });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: BODY_LIMIT });
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: UPLOAD_LIMIT, files: 1, fields: 20 },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Pamong API',
        version: '1',
        description:
          'API layanan warga dan portal aparatur. Autentikasi: `Authorization: Bearer <token>` dari POST /api/v1/auth/login.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, ...idempotencyComponents },
      security: [{ bearer: [] }],
    },
    transformObject: (doc) => ('openapiObject' in doc ? documentIdempotency(doc.openapiObject) : doc.swaggerObject),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.decorateRequest('user', null);
  app.decorateRequest('bearer', false);
  app.decorateRequest('locale', 'id');
  app.decorateRequest('unread', 0);
  app.decorateRequest('menu', null);
  app.decorateRequest('timeZone', config.timeZone);
  app.decorateRequest('publicUrl', config.publicUrl);
  app.decorateRequest('t', translator('id'));
  app.decorateRequest('ctx', function (this: FastifyRequest): Ctx {
    if (!this.user) throw Object.assign(new Error('no user'), { statusCode: 401 });
    return { scope: this.user.scope, actorName: this.user.fullName, ip: this.ip };
  });

  app.decorateRequest('csrfToken', function (this: FastifyRequest, reply: FastifyReply) {
    return csrfTokenFor(config.sessionSecret, csrfBinding(this, reply));
  });
  const searches = createSearchSealer(config.dataKey);
  app.decorateRequest('sealSearch', function (this: FastifyRequest, list: string, q: string) {
    return searches.seal(this.user?.id ?? 0, list, q);
  });
  app.decorateRequest('openSearch', function (this: FastifyRequest, list: string, token: string) {
    return this.user ? searches.open(this.user.id, list, token) : null;
  });

  app.addHook('onResponse', async (req, reply) => {
    services.metrics.observeRequest(req.method, req.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
  });
  app.addHook('onRequest', async (req) => {
    const lang =
      (req.query as Record<string, unknown> | undefined)?.lang ?? req.cookies[LANG_COOKIE] ?? acceptLanguage(req);
    req.locale = isLocale(lang) ? lang : 'id';
    req.t = translator(req.locale);
    // The scraper's Bearer is its own credential (checkMetricsCredential), not a session token.
    if (req.routeOptions.config?.access === 'metrics') return;
    const auth = req.headers.authorization;
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : null;
    const token = bearer ?? req.cookies[SESSION_COOKIE];
    if (token) {
      req.user = await services.accounts.authenticate(token);
      req.bearer = !!bearer && !!req.user;
    }
  });
  app.addHook('preValidation', checkMetricsCredential(config.metricsToken));
  app.addHook('preValidation', async (req, reply) => {
    const redirected = checkAccess(req, reply);
    if (redirected) return redirected;
  });
  app.addHook('preValidation', async (req) => rejectControlCharacters(req));
  app.addHook('preValidation', verifyCsrf(config.sessionSecret));
  app.addHook('preValidation', async (req) => guardDisplayText(req));
  installIdempotency(app, services.idempotency);
  // The header of every page shows the inbox count; the API and assets skip the query.
  app.addHook('preHandler', async (req) => {
    if (req.user && req.method === 'GET' && !isApiRequest(req) && !req.url.startsWith('/static/')) {
      [req.unread, req.menu] = await Promise.all([
        services.notify.unreadCount(req.user.id),
        resolveMenu(app.menu, req, req.user.role),
      ]);
    }
  });
  const hsts = config.publicUrl.startsWith('https://');
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (hsts) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // Personal data is never kept by a browser or proxy cache: every API answer (tokens, records,
    // tracking), every answer to a signed-in person that did not choose its own caching, and
    // public answers declared personalData. Static assets and public reference data keep theirs.
    const cached = String(reply.getHeader('cache-control') ?? '');
    if (req.url.startsWith('/api/v1/')) {
      if (!cached.includes('no-store')) reply.header('cache-control', 'no-store');
    } else if (!cached && (req.user || personal(req)))
      reply.header('cache-control', req.user ? 'private, no-store' : 'no-store');
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
      );
      reply.header('x-frame-options', 'DENY');
      if (req.user) reply.header('cache-control', 'private, no-store');
    }
    return payload;
  });

  registerProbes(app, services, lifecycle);
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  registerStatic(app);
  routes(app);
  await app.ready();
  return app;
}

const personal = (req: FastifyRequest) => req.routeOptions.config?.personalData === true;

function acceptLanguage(req: FastifyRequest): string {
  const h = req.headers['accept-language'] ?? '';
  return /^en\b/i.test(h) ? 'en' : 'id';
}
