// JSON API for the region tree and the RW/RT that kelurahan manage.
import { Type } from 'typebox';
import { CodeParam, ErrorBody, Ok, type App } from '../../http/types.js';
import type { Services } from '../../wiring.js';
import { regionPolicy } from './policy.js';
import {
  ChildBody,
  ImportBody,
  ImportOut,
  parseLevels,
  regionOut,
  RegionDetailOut,
  RegionOut,
  RegionsQuery,
  RenameBody,
} from './schema.js';

const tags = ['wilayah'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export function registerRegionsApi(app: App, s: Services) {
  app.get(
    '/api/v1/regions',
    {
      config: { access: regionPolicy.view },
      schema: {
        tags,
        querystring: RegionsQuery,
        response: { 200: Type.Object({ items: Type.Array(RegionOut) }), ...errors },
      },
    },
    async (req) => ({
      items: (await s.regions.tree(req.ctx(), parseLevels(req.query.levels))).map(regionOut),
    }),
  );
  app.get(
    '/api/v1/regions/:code',
    {
      config: { access: regionPolicy.view },
      schema: { tags, params: CodeParam, response: { 200: RegionDetailOut, ...errors } },
    },
    async (req) => {
      const r = await s.regions.get(req.ctx(), req.params.code);
      return { region: regionOut(r.region), children: r.children.map(regionOut), ancestors: r.ancestors };
    },
  );
  app.post(
    '/api/v1/regions/:code/children',
    {
      config: { access: regionPolicy.manageRwRt },
      schema: { tags, params: CodeParam, body: ChildBody, response: { 201: RegionOut, ...errors } },
    },
    async (req, reply) => {
      const r = await s.regions.createChild(req.ctx(), req.params.code, {
        number: req.body.number,
        name: req.body.name,
      });
      return reply.code(201).send(regionOut(r));
    },
  );
  app.patch(
    '/api/v1/regions/:code',
    {
      config: { access: regionPolicy.manageRwRt },
      schema: { tags, params: CodeParam, body: RenameBody, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      await s.regions.rename(req.ctx(), req.params.code, req.body.name);
      return { ok: true };
    },
  );
  app.post(
    '/api/v1/regions/:code/retire',
    {
      config: { access: regionPolicy.manageRwRt },
      schema: { tags, params: CodeParam, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      await s.regions.retire(req.ctx(), req.params.code);
      return { ok: true };
    },
  );
  app.post(
    '/api/v1/regions/:code/import',
    {
      config: { access: regionPolicy.manageRwRt },
      schema: {
        tags,
        params: CodeParam,
        body: ImportBody,
        response: { 200: ImportOut, ...errors, 422: Type.Union([ImportOut, ErrorBody]) },
      },
    },
    async (req, reply) => {
      const r = await s.regions.importRwRt(req.ctx(), req.params.code, req.body.csv);
      const out = {
        created: r.created,
        skipped: r.skipped,
        errors: r.errors.map((e) => ({ row: e.row, message: req.t(e.key, e.params) })),
      };
      return reply.code(out.errors.length ? 422 : 200).send(out);
    },
  );
}
