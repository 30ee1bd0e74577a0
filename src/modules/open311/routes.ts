// Open311 GeoReport v2, read only: which letters can be requested and how
// requests are moving, for civic apps and journalists. Public and without
// personal data (see repo.ts for what is selected).
import { Type } from 'typebox';
import { ErrorBody, OptStr, type App } from '../../http/types.js';
import { fieldLabel } from '../../http/validation.js';
import { AppError, fieldError, notFound } from '../../lib/errors.js';
import type { Services } from '../../wiring.js';
import { presentDefinition, presentRequest, presentService } from './present.js';

const tags = ['open311'];
const base = { tags, security: [] };
const config = { access: 'public' as const };
const errors = { 400: ErrorBody, 404: ErrorBody };

const CODE = '[a-z0-9_]{2,40}';
/** A request's public id (see migrations/0010): lower-case hex, so no tracking code (upper case) can match. */
const PUBLIC_ID = '[0-9a-f]{32}';
/** W3C date/time as GeoReport uses: a date, or a date and time with an optional zone. */
const W3C = '^(\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:?\\d{2})?)?)?$';

const ServiceOut = Type.Object({
  service_code: Type.String(),
  service_name: Type.String(),
  description: Type.String(),
  metadata: Type.Boolean(),
  type: Type.Literal('realtime'),
  keywords: Type.String(),
  group: Type.String(),
});
const DefinitionOut = Type.Object({
  service_code: Type.String(),
  attributes: Type.Array(
    Type.Object({
      variable: Type.Boolean(),
      code: Type.String(),
      datatype: Type.Union([
        Type.Literal('string'),
        Type.Literal('text'),
        Type.Literal('datetime'),
        Type.Literal('number'),
      ]),
      required: Type.Boolean(),
      datatype_description: Type.String(),
      order: Type.Integer(),
      description: Type.String(),
    }),
  ),
});
const RequestOut = Type.Object({
  service_request_id: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  status_notes: Type.String(),
  service_name: Type.String(),
  service_code: Type.String(),
  requested_datetime: Type.String(),
  updated_datetime: Type.String(),
  expected_datetime: Type.String(),
  agency_responsible: Type.String(),
});
const RequestsQuery = Type.Object({
  service_code: Type.Optional(Type.String({ pattern: `^(${CODE})?$`, maxLength: 40 })),
  status: Type.Optional(Type.Union([Type.Literal(''), Type.Literal('open'), Type.Literal('closed')])),
  start_date: Type.Optional(Type.String({ pattern: W3C, maxLength: 40 })),
  end_date: Type.Optional(Type.String({ pattern: W3C, maxLength: 40 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
  jurisdiction_id: OptStr(100),
});
const FileParam = (pattern: string) =>
  Type.Object({ file: Type.String({ pattern: `^${pattern}\\.json$`, maxLength: 50 }) });

function dateParam(field: string, raw: string | undefined): Date | undefined {
  if (!raw) return undefined;
  const d = new Date(raw);
  if (Number.isNaN(d.getTime())) throw fieldError(field, 'field.invalid', fieldLabel(field));
  return d;
}

export function registerOpen311Routes(app: App, s: Services) {
  app.get('/open311/v2/discovery.json', { config, schema: { ...base } }, async (req) => ({
    changeset: '2025-01-01T00:00:00Z',
    contact: 'Admin kota (Pamong)',
    key_service: 'Tanpa kunci: layanan ini hanya-baca dan tidak memuat data pribadi.',
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${req.publicUrl}/open311/v2`,
        changeset: '2025-01-01T00:00:00Z',
        type: 'production',
        formats: ['application/json'],
      },
    ],
  }));

  app.get(
    '/open311/v2/services.json',
    { config, schema: { ...base, response: { 200: Type.Array(ServiceOut) } } },
    async () => (await s.catalogue.list(true)).map(presentService),
  );

  app.get(
    '/open311/v2/services/:file',
    { config, schema: { ...base, params: FileParam(CODE), response: { 200: DefinitionOut, ...errors } } },
    async (req) => {
      const code = req.params.file.slice(0, -'.json'.length);
      const type = await s.catalogue.byCode(code);
      if (!type || !type.active) throw notFound();
      return presentDefinition(req.t, type.code, type.fields);
    },
  );

  app.get(
    '/open311/v2/requests.json',
    { config, schema: { ...base, querystring: RequestsQuery, response: { 200: Type.Array(RequestOut), ...errors } } },
    async (req) => {
      const q = req.query;
      const start = dateParam('start_date', q.start_date);
      const end = dateParam('end_date', q.end_date);
      if (start && end && start > end) throw new AppError(400, 'field.invalid', fieldLabel('end_date'));
      const rows = await s.open311.requests({
        serviceCode: q.service_code || undefined,
        status: q.status || undefined,
        start,
        end,
        page: q.page ?? 1,
      });
      return rows.map((r) => presentRequest(req.t, r));
    },
  );

  app.get(
    '/open311/v2/requests/:file',
    { config, schema: { ...base, params: FileParam(PUBLIC_ID), response: { 200: Type.Array(RequestOut), ...errors } } },
    async (req) => {
      const rows = await s.open311.request(req.params.file.slice(0, -'.json'.length));
      return rows.map((r) => presentRequest(req.t, r));
    },
  );
}
