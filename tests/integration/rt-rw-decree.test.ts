// The scanned appointment decree (SK) of a head's term: uploaded through the
// page's multipart form (no JavaScript) or the API, accepted or refused by its
// content and size, viewed only within scope, and every view audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { JPEG } from '../helpers/requests.js';

let t: TestApp;
type U = Awaited<ReturnType<TestApp['createUser']>>;
let lurah: U, otherLurah: U, camat: U, head: U, otherHead: U, rwHead: U;
let termId = 0;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const get = (url: string, who: U) => t.app.inject({ method: 'GET', url, headers: who.auth });
const upload = (who: U, id: number, file: { filename: string; type: string; content: Buffer } | null) => {
  const body = multipart({ _csrf: who.csrf }, file ? [{ name: 'file', ...file }] : []);
  return t.app.inject({
    method: 'POST',
    url: `/rt-rw/masa/${id}/sk`,
    cookies: who.cookies,
    headers: body.headers,
    payload: body.payload,
  });
};
const fileId = async (id: number) =>
  (await t.database.pool.query('select decree_file_id from rtrw_terms where id = $1', [id])).rows[0].decree_file_id as
    number | null;
const views = async (id: number) =>
  Number(
    (
      await t.database.pool.query(
        `select count(*) from audit_log where action = 'rtrw.decree_viewed' and entity_id = $1`,
        [String(id)],
      )
    ).rows[0].count,
  );

beforeAll(async () => {
  t = await createTestApp();
  const area = await t.createArea();
  const kel = area.kec[0]!.kel[0]!;
  lurah = await t.createUser('lurah', kel.code);
  otherLurah = await t.createUser('lurah', area.kec[0]!.kel[1]!.code);
  camat = await t.createUser('camat', area.kec[0]!.code);
  head = await t.createUser('ketua_rt', kel.rts[0]!);
  otherHead = await t.createUser('ketua_rt', kel.rts[1]!);
  rwHead = await t.createUser('ketua_rw', kel.rw);
  const r = await t.app.inject({
    method: 'POST',
    url: `/api/v1/rt-rw/regions/${kel.rts[0]}/terms`,
    headers: lurah.auth,
    payload: {
      position: 'ketua',
      name: 'Ketua Ber-SK',
      userId: head.user.id,
      startDate: '2026-01-01',
      endDate: '2028-12-31',
      decreeNumber: 'SK/7/2026',
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  termId = r.json().id;
});
afterAll(() => t.close());

describe('scanned decree upload', () => {
  it('the term page offers the upload form to the lurah, linked from the region page', async () => {
    const region = await t.app.inject({
      method: 'GET',
      url: `/rt-rw/${(await t.services.rtrw.term(lurah.ctx, termId)).term.region_code}`,
      cookies: lurah.cookies,
    });
    expect(region.body).toContain(`href="/rt-rw/masa/${termId}"`);
    const page = await t.app.inject({ method: 'GET', url: `/rt-rw/masa/${termId}`, cookies: lurah.cookies });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain('name="_csrf"');
    expect(page.body).toContain('Pindaian SK belum diunggah.');
    // The head sees their own term, without the form.
    const mine = await t.app.inject({ method: 'GET', url: `/rt-rw/masa/${termId}`, cookies: head.cookies });
    expect(mine.statusCode).toBe(200);
    expect(mine.body).not.toContain('data-testid="decree-form"');
  });

  it('refuses a file that is not a JPEG, PNG or PDF by its content, whatever its name and type say', async () => {
    for (const content of [Buffer.from('MZ\x90\x00 this is a program'), Buffer.from('RIFF\0\0\0\0WEBPVP8 webp')]) {
      const res = await upload(lurah, termId, { filename: 'sk.pdf', type: 'application/pdf', content });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('data-testid="error-summary"');
      expect(res.body).toContain('bukan foto JPG/PNG atau PDF');
      expect(res.body).toContain('data-testid="decree-form"'); // the form comes back, ready for another try
    }
    expect(await fileId(termId)).toBeNull();
  });

  it('refuses an empty form and a file over 2 MB with a message saying what to do, not a bare error page', async () => {
    const empty = await upload(lurah, termId, null);
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Pilih berkas pindaian SK dulu');
    const big = await upload(lurah, termId, {
      filename: 'sk.pdf',
      type: 'application/pdf',
      content: Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024)]),
    });
    expect(big.statusCode).toBe(422);
    expect(big.body).toContain('lebih besar dari 2 MB');
    expect(big.body).toContain('data-testid="decree-form"');
    expect(await fileId(termId)).toBeNull();
  });

  it('needs the CSRF token like every form', async () => {
    const body = multipart({}, [{ name: 'file', filename: 'sk.pdf', type: 'application/pdf', content: PDF }]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/rt-rw/masa/${termId}/sk`,
      cookies: lurah.cookies,
      headers: body.headers,
      payload: body.payload,
    });
    expect(res.statusCode).toBe(403);
    expect(await fileId(termId)).toBeNull();
  });

  it('accepts a PDF from the page form, stores it and shows the link; the upload is audited', async () => {
    const res = await upload(lurah, termId, { filename: 'scan-sk.pdf', type: 'application/pdf', content: PDF });
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(`/rt-rw/masa/${termId}`);
    expect(await fileId(termId)).not.toBeNull();
    const page = await t.app.inject({ method: 'GET', url: `/rt-rw/masa/${termId}`, cookies: lurah.cookies });
    expect(page.body).toContain(`href="/rt-rw/masa/${termId}/sk"`);
    const audit = await t.database.pool.query(
      `select details from audit_log where action = 'rtrw.decree_uploaded' and entity_id = $1`,
      [String(termId)],
    );
    expect(audit.rows[0].details).toMatchObject({ mime: 'application/pdf', bytes: PDF.length });
  });

  it('accepts a JPEG through the API (base64) and refuses a non-image there too', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/rt-rw/terms/${termId}/decree`,
      headers: lurah.auth,
      payload: { contentBase64: JPEG.toString('base64') },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().mime).toBe('image/jpeg');
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/rt-rw/terms/${termId}/decree`,
      headers: lurah.auth,
      payload: { contentBase64: Buffer.from('<html>not a scan</html>').toString('base64') },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields[0].message).toContain('bukan foto JPG/PNG atau PDF');
    const big = await t.app.inject({
      method: 'POST',
      url: `/api/v1/rt-rw/terms/${termId}/decree`,
      headers: lurah.auth,
      payload: { contentBase64: Buffer.concat([JPEG, Buffer.alloc(2 * 1024 * 1024)]).toString('base64') },
    });
    expect(big.statusCode).toBe(422);
    expect(big.json().error.fields[0].message).toContain('2 MB');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/rt-rw/terms/${termId}/decree`,
          headers: head.auth,
          payload: { contentBase64: JPEG.toString('base64') },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('viewing the scan', () => {
  it('the lurah, the camat and the head themself see it, each view audited', async () => {
    const before = await views(termId);
    for (const who of [lurah, camat, head]) {
      const res = await get(`/rt-rw/masa/${termId}/sk`, who);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('image/jpeg');
      expect(res.headers['cache-control']).toContain('no-store');
      expect(res.rawPayload.equals(JPEG)).toBe(true);
    }
    const api = await get(`/api/v1/rt-rw/terms/${termId}/decree`, lurah);
    expect(api.statusCode).toBe(200);
    expect(await views(termId)).toBe(before + 4);
  });

  it('another kelurahan, another RT head and the RW head above get 404, and nothing is audited', async () => {
    const before = await views(termId);
    for (const who of [otherLurah, otherHead, rwHead]) {
      expect((await get(`/rt-rw/masa/${termId}/sk`, who)).statusCode).toBe(404);
      expect((await get(`/api/v1/rt-rw/terms/${termId}/decree`, who)).statusCode).toBe(404);
      expect((await get(`/rt-rw/masa/${termId}`, who)).statusCode).toBe(404);
    }
    const res = await upload(otherLurah, termId, { filename: 'sk.pdf', type: 'application/pdf', content: PDF });
    expect(res.statusCode).toBe(404);
    expect(await views(termId)).toBe(before);
  });
});
