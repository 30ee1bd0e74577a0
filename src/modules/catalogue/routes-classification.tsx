// Routes for the archive classification codes (Permendagri 83/2022): list them,
// and let the city admin import the shipped file again. Registered by routes.tsx.
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { handleForm } from '../../http/forms.js';
import { Form, OptStr, type App } from '../../http/types.js';
import { fieldErrorsFromAjv } from '../../http/validation.js';
import { AppError, fieldError, type FieldError } from '../../lib/errors.js';
import type { Role } from '../../kernel/roles.js';
import { pageCtx, redirectWithFlash, sendPage } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { ClassificationPage } from './pages-classification.js';
import { ClassificationImportOut, ClassificationOut } from './schema.js';

const ImportBody = Type.Object({ expectedVersion: Type.Integer({ minimum: 0, maximum: 1_000_000 }) });
const ImportForm = Form({ expected_version: OptStr(12) });

export function registerClassificationRoutes(
  app: App,
  s: Services,
  o: {
    config: { access: readonly Role[] };
    tags: string[];
    errors: Record<number, unknown>;
    relabel: (list: FieldError[]) => FieldError[];
  },
) {
  const { config, tags } = o;
  const errors = o.errors as Record<400 | 401 | 403 | 404 | 409 | 422, typeof ClassificationOut>;
  const refuseInvalid = (req: FastifyRequest) => {
    if (req.validationError)
      throw new AppError(
        400,
        'error.validation',
        {},
        o.relabel(fieldErrorsFromAjv(req.validationError.validation ?? [])),
      );
  };

  app.get(
    '/api/v1/admin/classification-codes',
    {
      config,
      schema: {
        tags,
        response: {
          200: Type.Object({
            shippedVersion: Type.Integer(),
            importedVersion: Type.Union([Type.Integer(), Type.Null()]),
            items: Type.Array(ClassificationOut),
          }),
          ...errors,
        },
      },
    },
    async () => {
      const d = await s.catalogue.classifications();
      return {
        shippedVersion: d.shippedVersion,
        importedVersion: d.lastImport?.source_version ?? null,
        items: d.codes.map((c) => ({ code: c.code, name: c.name, parentCode: c.parent_code, active: c.active })),
      };
    },
  );
  app.post(
    '/api/v1/admin/classification-codes/import',
    {
      config,
      attachValidation: true,
      schema: { tags, body: ImportBody, response: { 200: ClassificationImportOut, ...errors } },
    },
    async (req) => {
      refuseInvalid(req);
      return s.catalogue.reimportClassifications(req.ctx(), req.body.expectedVersion);
    },
  );

  app.get('/admin/klasifikasi', { config }, async (req, reply) =>
    sendPage(reply, <ClassificationPage pc={pageCtx(req, reply)} data={await s.catalogue.classifications()} />),
  );
  app.post(
    '/admin/klasifikasi/impor',
    { config, attachValidation: true, schema: { body: ImportForm } },
    async (req, reply) => {
      const data = await s.catalogue.classifications();
      const raw = req.body?.expected_version ?? '';
      return handleForm(req, reply, {
        render: (failure) => (
          <ClassificationPage
            pc={pageCtx(req, reply)}
            data={data}
            failure={failure ? { ...failure, errors: o.relabel(failure.errors) } : undefined}
          />
        ),
        run: async () => {
          if (!/^\d{1,7}$/.test(raw))
            throw fieldError('expected_version', 'cat.import_version_mismatch', { version: data.shippedVersion });
          return s.catalogue.reimportClassifications(req.ctx(), Number(raw));
        },
        done: () => redirectWithFlash(reply, '/admin/klasifikasi', 'cat.classification_imported'),
      });
    },
  );
}
