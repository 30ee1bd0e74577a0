// The public Open311 GeoReport v2 feed: services from the catalogue, requests
// by their public id with open/closed status — and no personal data, nor the
// tracking codes that open each request's /lacak page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createChain, submitBody } from '../helpers/requests.js';

let t: TestApp;
let c: Awaited<ReturnType<typeof createChain>>;
let open: { id: number; trackingCode: string; publicId: string };
let closed: { id: number; trackingCode: string; publicId: string };
let personal: string[];

beforeAll(async () => {
  t = await createTestApp();
  c = await createChain(t);
  await t.services.residents.update(c.admin.ctx, c.residentId, {
    fullName: 'Warga Rahasia Open Tiga Sebelas',
    sex: 'P',
    birthDate: '1980-02-02',
    relationship: 'kepala_keluarga',
  });
  const submit = async (type: string) => {
    const r = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/requests',
        headers: c.rt.auth,
        payload: submitBody(c.residentId, type),
      })
    ).json() as { id: number; trackingCode: string };
    const row = await t.db
      .selectFrom('service_requests')
      .select('public_id')
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    return { ...r, publicId: row.public_id };
  };
  open = await submit('domisili');
  closed = await submit('domisili');
  for (const who of [c.rw, c.lurah])
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/requests/${closed.id}/actions`,
      headers: who.auth,
      payload: { action: 'approve' },
    });
  const full = await t.services.residents.viewFull(c.admin.ctx, c.residentId);
  personal = [
    'Warga Rahasia Open Tiga Sebelas',
    full.nik_masked,
    full.nik,
    full.kk,
    c.kel.rts[0]!,
    c.kel.rw,
    c.rt.username,
    open.trackingCode,
    closed.trackingCode,
  ];
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('Open311 GeoReport v2', () => {
  it('lists the active letter types as services, without signing in', async () => {
    const res = await get('/open311/v2/services.json');
    expect(res.statusCode).toBe(200);
    const services = res.json() as { service_code: string; metadata: boolean }[];
    expect(services.length).toBeGreaterThanOrEqual(12);
    expect(services.find((x) => x.service_code === 'usaha')).toEqual({
      service_code: 'usaha',
      service_name: 'Surat Keterangan Usaha',
      description: 'Surat Keterangan Usaha',
      metadata: true,
      type: 'realtime',
      keywords: 'surat,usaha',
      group: 'surat',
    });
    expect(services.find((x) => x.service_code === 'domisili')?.metadata).toBe(false);
  });

  it('describes a service from its fields', async () => {
    const res = await get('/open311/v2/services/kelahiran.json');
    expect(res.statusCode).toBe(200);
    const def = res.json();
    expect(def.service_code).toBe('kelahiran');
    expect(def.attributes).toHaveLength(4);
    expect(def.attributes[0]).toMatchObject({
      variable: true,
      code: 'nama_anak',
      datatype: 'string',
      required: true,
      order: 1,
      description: 'Nama anak',
    });
    expect(def.attributes[2]).toMatchObject({ code: 'tanggal_lahir_anak', datatype: 'datetime', order: 3 });
    expect((await get('/open311/v2/services/tidak_ada.json')).statusCode).toBe(404);
    expect((await get('/open311/v2/services/Bukan-Kode.json')).statusCode).toBe(400);
  });

  it('lists requests as open or closed, with no resident name, NIK or region below kelurahan', async () => {
    const res = await get('/open311/v2/requests.json');
    expect(res.statusCode).toBe(200);
    const items = res.json() as {
      service_request_id: string;
      status: string;
      agency_responsible: string;
      service_code: string;
    }[];
    const o = items.find((i) => i.service_request_id === open.publicId);
    const cl = items.find((i) => i.service_request_id === closed.publicId);
    expect(o).toMatchObject({
      status: 'open',
      service_code: 'domisili',
      service_name: 'Surat Keterangan Domisili',
      agency_responsible: expect.stringContaining('Ketua RW'),
    });
    expect(cl).toMatchObject({ status: 'closed', status_notes: expect.stringContaining('Selesai') });
    expect(Object.keys(o!).sort()).toEqual([
      'agency_responsible',
      'expected_datetime',
      'requested_datetime',
      'service_code',
      'service_name',
      'service_request_id',
      'status',
      'status_notes',
      'updated_datetime',
    ]);
    for (const p of personal) expect(res.body, p).not.toContain(p);
  });

  it('filters by status and service, and shows one request by its public id, never by its tracking code', async () => {
    const ids = async (q: string) =>
      ((await get(`/open311/v2/requests.json?${q}`)).json() as { service_request_id: string }[]).map(
        (i) => i.service_request_id,
      );
    expect(await ids('status=open')).toContain(open.publicId);
    expect(await ids('status=open')).not.toContain(closed.publicId);
    expect(await ids('status=closed')).toContain(closed.publicId);
    expect(await ids('service_code=sktm')).not.toContain(open.publicId);
    expect(await ids('service_code=domisili&status=&page=1')).toContain(open.publicId);
    expect(await ids('end_date=2001-01-01')).not.toContain(open.publicId);
    expect((await get('/open311/v2/requests.json?status=semua')).statusCode).toBe(400);
    expect((await get('/open311/v2/requests.json?start_date=kemarin')).statusCode).toBe(400);

    const one = await get(`/open311/v2/requests/${open.publicId}.json`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual([expect.objectContaining({ service_request_id: open.publicId, status: 'open' })]);
    for (const p of personal) expect(one.body, p).not.toContain(p);
    expect((await get(`/open311/v2/requests/${'0'.repeat(32)}.json`)).statusCode).toBe(404);
    // The tracking code opens only /lacak (rate-limited), never the feed.
    expect((await get(`/open311/v2/requests/${open.trackingCode}.json`)).statusCode).toBe(400);
  });

  it('has a discovery document and appears in the OpenAPI description', async () => {
    const disc = (await get('/open311/v2/discovery.json')).json();
    expect(disc.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      formats: ['application/json'],
    });
    expect(disc.endpoints[0].url).toMatch(/\/open311\/v2$/);
    const spec = (await get('/openapi.json')).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/open311/v2/services.json', '/open311/v2/requests.json', '/open311/v2/services/{file}']),
    );
    expect(spec.paths['/open311/v2/requests.json'].get.tags).toEqual(['open311']);
  });
});
