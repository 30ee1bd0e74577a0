// JSON API for the resident register. Lists and summaries carry masked
// numbers only; the full NIK/KK come from /full, which is audited. A search
// text (name, NIK, KK) is sent by POST /search, never in a URL.
import { Type } from 'typebox';
import { ErrorBody, IdParam, Ok, type App } from '../../http/types.js';
import { AppError, fieldError, notFound } from '../../lib/errors.js';
import type { Translate } from '../../i18n/index.js';
import type { Services } from '../../wiring.js';
import type { ImportReport } from './import.js';
import { residentPolicy } from './policy.js';
import { maskNumber } from './rules.js';
import {
  ImportBody,
  ImportReportOut,
  MoveBody,
  ResidentBody,
  ResidentEditBody,
  ResidentFullOut,
  ResidentListItem,
  ResidentsQuery,
  ResidentSummaryOut,
  SearchBody,
  StatusBody,
} from './schema.js';

const tags = ['warga'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

/** A `date` column (local midnight) as 'YYYY-MM-DD'. */
export function isoDate(d: Date | string | null | undefined): string | null {
  if (d === null || d === undefined) return null;
  if (typeof d === 'string') return d;
  if (Number.isNaN(d.getTime())) return null;
  return `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface ResidentLike {
  id: number;
  family_id: number;
  full_name: string;
  nik_masked: string;
  kk_masked: string;
  sex: string;
  birth_place: string;
  birth_date: Date | string | null;
  relationship: string;
  religion: string;
  occupation: string;
  address: string;
  marital_status: string;
  citizenship: string;
  passport_no: string;
  kitas_no: string;
  education: string;
  father_name: string;
  mother_name: string;
  blood_type: string;
  status: string;
  status_date: Date | string | null;
  status_note: string;
  region_code: string;
}

/** Only the listed, masked fields: never the encrypted or clear numbers (passport and KITAS masked too). */
export function residentOut(r: ResidentLike) {
  return {
    id: r.id,
    family_id: r.family_id,
    full_name: r.full_name,
    nik_masked: r.nik_masked,
    kk_masked: r.kk_masked,
    sex: r.sex,
    birth_place: r.birth_place,
    birth_date: isoDate(r.birth_date),
    relationship: r.relationship,
    religion: r.religion,
    occupation: r.occupation,
    address: r.address,
    marital_status: r.marital_status,
    citizenship: r.citizenship,
    passport_no: r.passport_no ? maskNumber(r.passport_no) : '',
    kitas_no: r.kitas_no ? maskNumber(r.kitas_no) : '',
    education: r.education,
    father_name: r.father_name,
    mother_name: r.mother_name,
    blood_type: r.blood_type,
    status: r.status,
    status_date: isoDate(r.status_date),
    status_note: r.status_note,
    region_code: r.region_code,
  };
}

export function listItemOut(r: {
  id: number;
  full_name: string;
  nik_masked: string;
  kk_masked: string;
  sex: string;
  relationship: string;
  status: string;
  region_code: string;
}) {
  return {
    id: r.id,
    full_name: r.full_name,
    nik_masked: r.nik_masked,
    kk_masked: r.kk_masked,
    sex: r.sex,
    relationship: r.relationship,
    status: r.status,
    region_code: r.region_code,
  };
}

export function translateReport(t: Translate, r: ImportReport) {
  return {
    total: r.total,
    imported: r.imported,
    written: r.written,
    updated: r.updated,
    updatedRows: r.updatedRows,
    unchanged: r.unchanged,
    refused: r.refused.map((p) => ({ row: p.row, message: t(p.key, p.params) })),
    warnings: r.warnings.map((p) => ({ row: p.row, message: t(p.key, p.params) })),
  };
}

export function registerResidentsApi(app: App, s: Services) {
  app.get(
    '/api/v1/residents',
    {
      config: { access: residentPolicy.view },
      schema: {
        tags,
        querystring: ResidentsQuery,
        response: { 200: Type.Object({ items: Type.Array(ResidentListItem), hasMore: Type.Boolean() }), ...errors },
      },
    },
    async (req) => {
      // A name or NIK in a URL lands in request logs and proxies: the search text goes by POST.
      if (req.query.q) throw new AppError(400, 'residents.search_by_post_api');
      const r = await s.residents.search(req.ctx(), {
        under: req.query.under || undefined,
        status: req.query.status || undefined,
        page: req.query.page ?? 1,
      });
      return { items: r.rows.map(listItemOut), hasMore: r.hasMore };
    },
  );
  app.post(
    '/api/v1/residents/search',
    {
      config: { access: residentPolicy.view },
      schema: {
        tags,
        body: SearchBody,
        response: { 200: Type.Object({ items: Type.Array(ResidentListItem), hasMore: Type.Boolean() }), ...errors },
      },
    },
    async (req) => {
      const r = await s.residents.search(req.ctx(), {
        q: req.body.q,
        under: req.body.under || undefined,
        status: req.body.status || undefined,
        page: req.body.page ?? 1,
      });
      return { items: r.rows.map(listItemOut), hasMore: r.hasMore };
    },
  );
  app.post(
    '/api/v1/residents',
    {
      config: { access: residentPolicy.manage },
      schema: {
        tags,
        body: ResidentBody,
        response: { 201: Type.Object({ id: Type.Integer(), warnings: Type.Array(Type.String()) }), ...errors },
      },
    },
    async (req, reply) => {
      const r = await s.residents.create(req.ctx(), req.body);
      return reply.code(201).send({ id: r.id, warnings: r.warnings.map((k) => req.t(k)) });
    },
  );
  app.post(
    '/api/v1/residents/import',
    {
      config: { access: residentPolicy.manage },
      schema: {
        tags,
        body: ImportBody,
        response: { 200: ImportReportOut, ...errors, 422: Type.Union([ImportReportOut, ErrorBody]) },
      },
    },
    async (req, reply) => {
      const b = req.body;
      if (!b.csv === !b.xlsx) throw fieldError('csv', 'siak.import_need_file');
      const source = b.xlsx ? { xlsx: Buffer.from(b.xlsx, 'base64') } : { csv: b.csv ?? '' };
      const r = await s.residents.importFile(req.ctx(), b.kelurahan, source, b.validOnly ?? false);
      // 422 when bad rows held the file back; with "valid rows only" an import that had nothing new to write is fine.
      const heldBack = !r.written && r.refused.length > 0 && !(b.validOnly ?? false);
      return reply.code(heldBack ? 422 : 200).send(translateReport(req.t, r));
    },
  );
  app.get(
    '/api/v1/residents/:id',
    {
      config: { access: residentPolicy.view },
      schema: { tags, params: IdParam, response: { 200: ResidentSummaryOut, ...errors } },
    },
    async (req) => {
      const r = await s.residents.view(req.ctx(), req.params.id);
      return { resident: residentOut(r.resident), members: r.members.map(listItemOut) };
    },
  );
  app.get(
    '/api/v1/residents/:id/full',
    {
      config: { access: residentPolicy.view },
      schema: { tags, params: IdParam, response: { 200: ResidentFullOut, ...errors } },
    },
    async (req) => {
      const r = await s.residents.viewFull(req.ctx(), req.params.id);
      return { ...residentOut(r), passport_no: r.passport_no, kitas_no: r.kitas_no, nik: r.nik, kk: r.kk };
    },
  );
  app.patch(
    '/api/v1/residents/:id',
    {
      config: { access: residentPolicy.manage },
      schema: {
        tags,
        params: IdParam,
        body: ResidentEditBody,
        response: { 200: Type.Object({ ok: Type.Boolean(), warnings: Type.Array(Type.String()) }), ...errors },
      },
    },
    async (req) => {
      const r = await s.residents.update(req.ctx(), req.params.id, req.body);
      return { ok: true, warnings: r.warnings.map((k) => req.t(k)) };
    },
  );
  app.post(
    '/api/v1/residents/:id/status',
    {
      config: { access: residentPolicy.manage },
      schema: { tags, params: IdParam, body: StatusBody, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      await s.residents.changeStatus(req.ctx(), req.params.id, req.body);
      return { ok: true };
    },
  );
  app.post(
    '/api/v1/residents/:id/move',
    {
      config: { access: residentPolicy.manage },
      schema: { tags, params: IdParam, body: MoveBody, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      await s.residents.moveFamily(req.ctx(), req.params.id, req.body.rtCode);
      return { ok: true };
    },
  );
  app.get(
    '/api/v1/me/resident',
    { config: { access: residentPolicy.viewOwn }, schema: { tags, response: { 200: ResidentSummaryOut, ...errors } } },
    async (req) => {
      const ctx = req.ctx();
      if (ctx.scope.residentId === null) throw notFound();
      const r = await s.residents.view(ctx, ctx.scope.residentId);
      return { resident: residentOut(r.resident), members: r.members.map(listItemOut) };
    },
  );
}
