// The letter catalogue for the city admin: a JSON API and the pages that edit
// it. Every change makes a new version; requests keep their own snapshot.
import { addMenu } from '../../kernel/menu.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { handleForm } from '../../http/forms.js';
import { ErrorBody, IdParam, type App } from '../../http/types.js';
import { fieldErrorsFromAjv } from '../../http/validation.js';
import type { MessageKey } from '../../i18n/index.js';
import { AppError, invalid, notFound, type FieldError } from '../../lib/errors.js';
import { pageCtx, redirectWithFlash, sendPage } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import type { Role } from '../../kernel/roles.js';
import { EditPage, formValuesOf, ListPage, stageName, type LetterTypeRow } from './pages.js';
import type { LetterTypeInput } from './repo.js';
import { checkListNames, DEFAULT_IDENTITY_FIELDS, letterTypeFromForm, type LetterTypeForm } from './rules.js';
import { registerClassificationRoutes } from './routes-classification.js';
import {
  CreateLetterTypeBody,
  type CreateLetterTypeBody as CreateBody,
  LetterTypeFormBody,
  LetterTypeOut,
  UpdateLetterTypeBody,
} from './schema.js';

const ADMIN: readonly Role[] = ['admin_kota'];
const config = { access: ADMIN };
const tags = ['katalog'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

/** Names of this module's inputs → their labels, for schema errors (the shared table only knows common fields). */
const LABELS: Record<string, MessageKey> = {
  code: 'cat.f_code',
  name: 'cat.f_name',
  description: 'cat.f_description',
  route: 'cat.f_route',
  stageBudgets: 'cat.f_budgets',
  total_budget_minutes: 'cat.f_total',
  totalBudgetMinutes: 'cat.f_total',
  validity_days: 'cat.f_validity',
  validityDays: 'cat.f_validity',
  classification: 'cat.f_classification',
  template: 'cat.f_template',
  active: 'cat.f_active',
  fields: 'cat.f_fields',
  attachments: 'cat.f_attachments',
  expected_version: 'cat.f_expected_version',
  expectedVersion: 'cat.f_expected_version',
  kind: 'cat.f_kind',
  addressee: 'cat.f_addressee',
  identity_fields: 'cat.f_identity_fields',
  identityFields: 'cat.f_identity_fields',
  disabled_reason: 'cat.f_disabled_reason',
  disabledReason: 'cat.f_disabled_reason',
  effect: 'cat.f_effect',
};
const labelFor = (field: string): MessageKey | undefined =>
  LABELS[field] ??
  (field.startsWith('route_') ? 'cat.f_route' : field.startsWith('budget_') ? 'cat.f_budgets' : undefined);
function relabel(list: FieldError[]): FieldError[] {
  return list.map((e) => {
    const label = labelFor(e.field);
    return label && e.params && 'field' in e.params ? { ...e, params: { ...e.params, field: label } } : e;
  });
}

/** API routes validate with attachValidation so their errors carry this module's labels. */
function refuseInvalid(req: FastifyRequest) {
  if (req.validationError)
    throw new AppError(400, 'error.validation', {}, relabel(fieldErrorsFromAjv(req.validationError.validation ?? [])));
}

function present(r: LetterTypeRow, names: Map<string, string>) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    fields: r.fields,
    attachments: r.attachments,
    validityDays: r.validity_days,
    route: r.route,
    stageBudgets: r.stage_budgets,
    totalBudgetMinutes: r.total_budget_minutes,
    classification: r.classification,
    classificationName: names.get(r.classification) ?? null,
    template: r.template,
    active: r.active,
    kind: r.kind,
    addressee: r.addressee,
    identityFields: r.identity_fields,
    disabledReason: r.disabled_reason,
    effect: r.effect,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  };
}

function inputOf(code: string, b: Omit<CreateBody, 'code'>): LetterTypeInput {
  const listErrors = checkListNames(b.fields, b.attachments);
  if (listErrors.length) throw invalid(listErrors);
  // Budgets only for the stages on the route; the rest would be dead data.
  const stage_budgets = Object.fromEntries(b.route.map((s) => [s, b.stageBudgets[s] ?? 0]));
  return {
    code,
    name: b.name.trim(),
    description: (b.description ?? '').trim(),
    fields: b.fields,
    attachments: b.attachments,
    validity_days: b.validityDays,
    route: b.route,
    stage_budgets,
    total_budget_minutes: b.totalBudgetMinutes,
    classification: b.classification.trim(),
    template: b.template,
    active: b.active ?? true,
    kind: b.kind ?? 'keterangan',
    addressee: (b.addressee ?? '').trim(),
    identity_fields: b.identityFields ?? DEFAULT_IDENTITY_FIELDS,
    disabled_reason: (b.disabledReason ?? '').trim(),
    effect: b.effect ?? null,
  };
}

export function registerCatalogueRoutes(app: App, s: Services) {
  addMenu(app, { href: '/admin/jenis-surat', key: 'nav.letter_types', roles: ['admin_kota'], order: 90 });
  // JSON API.
  app.get(
    '/api/v1/admin/letter-types',
    { config, schema: { tags, response: { 200: Type.Object({ items: Type.Array(LetterTypeOut) }), ...errors } } },
    async () => {
      const items = await s.catalogue.list(false);
      const names = await s.catalogue.classificationNames(items.map((i) => i.classification));
      return { items: items.map((i) => present(i, names)) };
    },
  );
  const presentOne = async (r: LetterTypeRow) => present(r, await s.catalogue.classificationNames([r.classification]));
  app.get(
    '/api/v1/admin/letter-types/:id',
    { config, schema: { tags, params: IdParam, response: { 200: LetterTypeOut, ...errors } } },
    async (req) => presentOne(await s.catalogue.get(req.params.id)),
  );
  app.post(
    '/api/v1/admin/letter-types',
    {
      config,
      attachValidation: true,
      schema: { tags, body: CreateLetterTypeBody, response: { 201: LetterTypeOut, ...errors } },
    },
    async (req, reply) => {
      refuseInvalid(req);
      const row = await s.catalogue.create(req.ctx(), inputOf(req.body.code, req.body));
      return reply.code(201).send(await presentOne(row));
    },
  );
  app.put(
    '/api/v1/admin/letter-types/:id',
    {
      config,
      attachValidation: true,
      schema: { tags, params: IdParam, body: UpdateLetterTypeBody, response: { 200: LetterTypeOut, ...errors } },
    },
    async (req) => {
      refuseInvalid(req);
      const current = await s.catalogue.get(req.params.id);
      return presentOne(
        await s.catalogue.update(req.ctx(), current.id, inputOf(current.code, req.body), req.body.expectedVersion),
      );
    },
  );

  // Pages.
  const fromForm = (req: FastifyRequest, v: LetterTypeForm, code: string) => {
    const { input, errors: list } = letterTypeFromForm(v, code, (st) =>
      req.t('cat.f_budget', { stage: stageName(req, st) }),
    );
    if (!input) throw invalid(list);
    return input;
  };
  // A malformed form may post anything here; only text names a code.
  const nameOf = async (code: unknown) =>
    typeof code === 'string' && code.trim()
      ? ((await s.catalogue.classificationNames([code.trim()])).get(code.trim()) ?? null)
      : null;
  const render =
    (req: FastifyRequest, reply: FastifyReply, values: LetterTypeForm, name: string | null, row?: LetterTypeRow) =>
    (failure: Parameters<typeof EditPage>[0]['failure']) => (
      <EditPage
        pc={pageCtx(req, reply)}
        row={row}
        values={values}
        classificationName={name}
        failure={failure ? { ...failure, errors: relabel(failure.errors) } : undefined}
      />
    );

  app.get('/admin/jenis-surat', { config }, async (req, reply) => {
    const types = await s.catalogue.list(false);
    const names = await s.catalogue.classificationNames(types.map((i) => i.classification));
    return sendPage(reply, <ListPage pc={pageCtx(req, reply)} types={types} names={names} />);
  });
  app.get('/admin/jenis-surat/baru', { config }, async (req, reply) =>
    sendPage(
      reply,
      <EditPage
        pc={pageCtx(req, reply)}
        values={{
          route_rt: '1',
          route_rw: '1',
          route_kelurahan: '1',
          budget_rt: '10',
          budget_rw: '10',
          budget_kelurahan: '25',
          total_budget_minutes: '45',
          validity_days: '30',
          active: '1',
          attachments: 'ktp|Foto KTP|wajib\nkk|Foto Kartu Keluarga|wajib',
          kind: 'keterangan',
          identity_fields: DEFAULT_IDENTITY_FIELDS.join(', '),
        }}
      />,
    ),
  );
  app.post(
    '/admin/jenis-surat',
    { config, attachValidation: true, schema: { body: LetterTypeFormBody } },
    async (req, reply) => {
      const values: LetterTypeForm = req.body ?? {};
      return handleForm(req, reply, {
        render: render(req, reply, values, await nameOf(values.classification)),
        run: () => s.catalogue.create(req.ctx(), fromForm(req, values, (values.code ?? '').trim())),
        done: (row) => redirectWithFlash(reply, `/admin/jenis-surat/${row.id}`, 'cat.created'),
      });
    },
  );
  app.get('/admin/jenis-surat/:id', { config, schema: { params: IdParam } }, async (req, reply) => {
    const row = await s.catalogue.get(req.params.id);
    return sendPage(
      reply,
      <EditPage
        pc={pageCtx(req, reply)}
        row={row}
        values={formValuesOf(row)}
        classificationName={await nameOf(row.classification)}
      />,
    );
  });
  app.post(
    '/admin/jenis-surat/:id',
    { config, attachValidation: true, schema: { params: IdParam, body: LetterTypeFormBody } },
    async (req, reply) => {
      // attachValidation also lets a malformed :id through; it names no type.
      if (!Number.isInteger(req.params.id)) throw notFound();
      const row = await s.catalogue.get(req.params.id); // 404 before anything else
      const values: LetterTypeForm = req.body ?? {};
      const expected = /^\d{1,9}$/.test(values.expected_version ?? '') ? Number(values.expected_version) : 0;
      return handleForm(req, reply, {
        render: render(req, reply, values, await nameOf(values.classification), row),
        run: () => s.catalogue.update(req.ctx(), row.id, fromForm(req, values, row.code), expected),
        done: (updated) => redirectWithFlash(reply, `/admin/jenis-surat/${updated.id}`, 'flash.saved'),
      });
    },
  );
  registerClassificationRoutes(app, s, { config, tags, errors, relabel });
}
