import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let area: Awaited<ReturnType<TestApp['createArea']>>;
beforeAll(async () => {
  t = await createTestApp();
  area = await t.createArea();
});
afterAll(() => t.close());

type User = Awaited<ReturnType<TestApp['createUser']>>;

/** A urlencoded form post riding on the session cookie, as a browser sends it. */
const postForm = (u: User, url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    cookies: u.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: u.csrf, ...fields }).toString(),
  });

const getRegion = (u: User, code: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1/regions/${code}`, headers: u.auth });
const childCodes = async (u: User, code: string) =>
  ((await getRegion(u, code)).json().children as { code: string }[]).map((c) => c.code);

describe('RW and RT under a kelurahan', () => {
  it('creates an RW and an RT under it through the API', async () => {
    const kel = area.kec[0]!.kel[0]!;
    const lurah = await t.createUser('lurah', kel.code);
    const rw = await t.app.inject({
      method: 'POST',
      url: `/api/v1/regions/${kel.code}/children`,
      headers: lurah.auth,
      payload: { number: '7' },
    });
    expect(rw.statusCode).toBe(201);
    expect(rw.json()).toEqual({
      code: `${kel.code}.007`,
      parent_code: kel.code,
      level: 'rw',
      name: 'RW 007',
      retired: false,
    });

    const rt = await t.app.inject({
      method: 'POST',
      url: `/api/v1/regions/${kel.code}.007/children`,
      headers: lurah.auth,
      payload: { number: 'RT 03', name: 'RT Melati' },
    });
    expect(rt.statusCode).toBe(201);
    expect(rt.json()).toMatchObject({
      code: `${kel.code}.007.003`,
      parent_code: `${kel.code}.007`,
      level: 'rt',
      name: 'RT Melati',
      retired: false,
    });

    const detail = await getRegion(lurah, `${kel.code}.007.003`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().ancestors.map((a: { code: string }) => a.code)).toEqual([
      area.city.split('.')[0],
      area.city,
      area.kec[0]!.code,
      kel.code,
      `${kel.code}.007`,
    ]);
    expect(await childCodes(lurah, kel.code)).toContain(`${kel.code}.007`);

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id'])
      .where('entity_type', '=', 'region')
      .where('entity_id', 'in', [`${kel.code}.007`, `${kel.code}.007.003`])
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.action === 'region.created' && a.actor_user_id === lurah.user.id)).toBe(true);
  });

  it('creates an RW through the page form (cookie + CSRF) and redirects to the kelurahan', async () => {
    const kel = area.kec[0]!.kel[1]!;
    const staf = await t.createUser('staf_kelurahan', kel.code);
    const page = await t.app.inject({ method: 'GET', url: `/wilayah/${kel.code}`, cookies: staf.cookies });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="add-child-form"');
    expect(page.body).toContain('data-testid="import-link"');

    const res = await postForm(staf, `/wilayah/${kel.code}/anak`, { number: '004', name: 'RW Mawar' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/wilayah/${kel.code}`);
    const after = await t.app.inject({
      method: 'GET',
      url: `/wilayah/${kel.code}`,
      cookies: { ...staf.cookies, pamong_flash: 'flash.saved' },
    });
    expect(after.body).toContain('Perubahan disimpan.');
    expect(after.body).toContain(`data-testid="child-${kel.code}.004"`);
    expect(after.body).toContain('RW Mawar');

    // An RT under it, through the RW's page.
    const rt = await postForm(staf, `/wilayah/${kel.code}.004/anak`, { number: '1', name: '' });
    expect(rt.statusCode).toBe(303);
    expect((await getRegion(staf, `${kel.code}.004.001`)).json().region).toMatchObject({ level: 'rt', name: 'RT 001' });
  });

  it('refuses a page form post without the CSRF token', async () => {
    const kel = area.kec[0]!.kel[1]!;
    const lurah = await t.createUser('lurah', kel.code);
    const res = await t.app.inject({
      method: 'POST',
      url: `/wilayah/${kel.code}/anak`,
      cookies: lurah.cookies,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'number=9',
    });
    expect(res.statusCode).toBe(403);
    expect(await childCodes(lurah, kel.code)).not.toContain(`${kel.code}.009`);
  });

  it('answers a duplicate number with 422 and an Indonesian message (API and page)', async () => {
    const kel = area.kec[1]!.kel[0]!;
    const lurah = await t.createUser('lurah', kel.code);
    // RW 001 already exists in every test kelurahan.
    const dup = await t.app.inject({
      method: 'POST',
      url: `/api/v1/regions/${kel.code}/children`,
      headers: lurah.auth,
      payload: { number: '1' },
    });
    expect(dup.statusCode).toBe(422);
    expect(dup.json().error.fields).toEqual([{ field: 'number', message: 'Nomor itu sudah dipakai di wilayah ini.' }]);

    const dupRt = await t.app.inject({
      method: 'POST',
      url: `/api/v1/regions/${kel.rw}/children`,
      headers: lurah.auth,
      payload: { number: 'RT 002' },
    });
    expect(dupRt.statusCode).toBe(422);
    expect(dupRt.json().error.fields[0].message).toBe('Nomor itu sudah dipakai di wilayah ini.');

    const page = await postForm(lurah, `/wilayah/${kel.code}/anak`, { number: '001', name: 'Kembar' });
    expect(page.statusCode).toBe(422);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('Nomor itu sudah dipakai di wilayah ini.');
    expect(page.body).toContain('value="001"'); // the person's entry is kept

    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/regions/${kel.code}/children`,
      headers: lurah.auth,
      payload: { number: '1000' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields[0].field).toBe('number');
  });

  it('refuses children below an RT or above a kelurahan', async () => {
    const kel = area.kec[1]!.kel[0]!;
    const admin = await t.createUser('admin_kota', area.city);
    const underRt = await t.app.inject({
      method: 'POST',
      url: `/api/v1/regions/${kel.rts[0]}/children`,
      headers: admin.auth,
      payload: { number: '1' },
    });
    expect(underRt.statusCode).toBe(422);
    const underKec = await t.app.inject({
      method: 'POST',
      url: `/api/v1/regions/${area.kec[1]!.code}/children`,
      headers: admin.auth,
      payload: { number: '1' },
    });
    expect(underKec.statusCode).toBe(422);
  });

  it('renames an RW/RT (API and page), and escapes the new name', async () => {
    const kel = area.kec[1]!.kel[1]!;
    const lurah = await t.createUser('lurah', kel.code);
    const r = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/regions/${kel.rts[0]}`,
      headers: lurah.auth,
      payload: { name: '  RT Kenanga  ' },
    });
    expect(r.statusCode).toBe(200);
    expect((await getRegion(lurah, kel.rts[0]!)).json().region.name).toBe('RT Kenanga');

    const page = await postForm(lurah, `/wilayah/${kel.rw}/ubah`, { newName: 'RW <b>Baru</b>' });
    expect(page.statusCode).toBe(303);
    expect((await getRegion(lurah, kel.rw)).json().region.name).toBe('RW <b>Baru</b>');
    const html = (await t.app.inject({ method: 'GET', url: `/wilayah/${kel.rw}`, cookies: lurah.cookies })).body;
    expect(html).toContain('RW &lt;b&gt;Baru&lt;/b&gt;');
    expect(html).not.toContain('<b>Baru</b>');

    const audit = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'region.renamed')
      .where('entity_id', '=', kel.rts[0]!)
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ from: 'RT 001', to: 'RT Kenanga' });

    // A kelurahan is national data: not renamed here.
    const kelRename = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/regions/${kel.code}`,
      headers: lurah.auth,
      payload: { name: 'X' },
    });
    expect(kelRename.statusCode).toBe(404);
  });

  it('retires an RW only once its RTs are retired; retiring twice is harmless', async () => {
    const kel = area.kec[1]!.kel[1]!;
    const lurah = await t.createUser('lurah', kel.code);
    const rw = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/regions/${kel.code}/children`,
        headers: lurah.auth,
        payload: { number: '21' },
      })
    ).json().code as string;
    const rt = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/regions/${rw}/children`,
        headers: lurah.auth,
        payload: { number: '1' },
      })
    ).json().code as string;

    const refused = await t.app.inject({ method: 'POST', url: `/api/v1/regions/${rw}/retire`, headers: lurah.auth });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('Nonaktifkan dulu wilayah di bawahnya.');
    expect((await getRegion(lurah, rw)).json().region.retired).toBe(false);

    for (let i = 0; i < 2; i++) {
      const ok = await t.app.inject({ method: 'POST', url: `/api/v1/regions/${rt}/retire`, headers: lurah.auth });
      expect(ok.statusCode).toBe(200);
    }
    expect((await getRegion(lurah, rt)).json().region.retired).toBe(true);
    const retiredAudit = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'region.retired')
      .where('entity_id', '=', rt)
      .execute();
    expect(retiredAudit).toHaveLength(1);

    // No new children under a retired region.
    const underRetired = await t.app.inject({
      method: 'POST',
      url: `/api/v1/regions/${rt}/children`,
      headers: lurah.auth,
      payload: { number: '1' },
    });
    expect(underRetired.statusCode).toBe(404);

    // Now the RW can go, through the page form.
    const page = await postForm(lurah, `/wilayah/${rw}/nonaktif`, {});
    expect(page.statusCode).toBe(303);
    expect((await getRegion(lurah, rw)).json().region.retired).toBe(true);
    const html = (await t.app.inject({ method: 'GET', url: `/wilayah/${rw}`, cookies: lurah.cookies })).body;
    expect(html).toContain('Nonaktif');
    expect(html).not.toContain('data-testid="add-child-form"');
  });

  it('shows the has-children refusal on the page form too', async () => {
    const kel = area.kec[1]!.kel[1]!;
    const lurah = await t.createUser('lurah', kel.code);
    const res = await postForm(lurah, `/wilayah/${kel.rw}/nonaktif`, {});
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Nonaktifkan dulu wilayah di bawahnya.');
  });
});

describe('CSV import of RW/RT', () => {
  it('creates every RW and RT of a good file, and skips what exists', async () => {
    const kel = area.kec[0]!.kel[0]!;
    const lurah = await t.createUser('lurah', kel.code);
    const csv = 'rw,rt,nama\n30,1,RT Anggrek\n30,2,\nRW 31,RT.01,\n1,2,\n';
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/regions/${kel.code}/import`,
      headers: lurah.auth,
      payload: { csv },
    });
    expect(r.statusCode).toBe(200);
    // RW 030 + 2 RT, RW 031 + 1 RT = 5 new; RW 001 and RT 001.002 exist already.
    expect(r.json()).toEqual({ created: 5, skipped: 2, errors: [] });
    expect(await childCodes(lurah, kel.code)).toEqual(expect.arrayContaining([`${kel.code}.030`, `${kel.code}.031`]));
    expect(await childCodes(lurah, `${kel.code}.030`)).toEqual([`${kel.code}.030.001`, `${kel.code}.030.002`]);
    expect((await getRegion(lurah, `${kel.code}.030.001`)).json().region.name).toBe('RT Anggrek');

    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/regions/${kel.code}/import`,
      headers: lurah.auth,
      payload: { csv },
    });
    expect(again.json()).toEqual({ created: 0, skipped: 7, errors: [] });
  });

  it('creates nothing when one row is bad (API)', async () => {
    const kel = area.kec[0]!.kel[1]!;
    const lurah = await t.createUser('lurah', kel.code);
    const before = await childCodes(lurah, kel.code);
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/regions/${kel.code}/import`,
      headers: lurah.auth,
      payload: { csv: 'rw,rt\n40,1\n40,2\nempat puluh,3\n41,1000\n' },
    });
    expect(r.statusCode).toBe(422);
    expect(r.json()).toEqual({
      created: 0,
      skipped: 0,
      errors: [
        { row: 4, message: 'Nomor RW/RT harus angka antara 1 dan 999.' },
        { row: 5, message: 'Nomor RW/RT harus angka antara 1 dan 999.' },
      ],
    });
    expect(await childCodes(lurah, kel.code)).toEqual(before);
    expect((await getRegion(lurah, `${kel.code}.040`)).statusCode).toBe(404);
  });

  it('imports pasted CSV through the page form, all or nothing', async () => {
    const kel = area.kec[1]!.kel[0]!;
    const lurah = await t.createUser('lurah', kel.code);
    const form = await t.app.inject({ method: 'GET', url: `/wilayah/${kel.code}/impor`, cookies: lurah.cookies });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('data-testid="import-form"');

    const bad = await postForm(lurah, `/wilayah/${kel.code}/impor`, { csv: 'rw,rt\n50,1\nx,2\n' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('data-testid="import-errors"');
    expect(bad.body).toContain('Nomor RW/RT harus angka antara 1 dan 999.');
    expect((await getRegion(lurah, `${kel.code}.050`)).statusCode).toBe(404);

    const good = await postForm(lurah, `/wilayah/${kel.code}/impor`, { csv: 'rw,rt\n50,1\n50,2\n' });
    expect(good.statusCode).toBe(200);
    expect(good.body).toContain('3 wilayah dibuat, 0 sudah ada.');
    expect(await childCodes(lurah, `${kel.code}.050`)).toEqual([`${kel.code}.050.001`, `${kel.code}.050.002`]);

    const empty = await postForm(lurah, `/wilayah/${kel.code}/impor`, { csv: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Pilih berkas CSV atau tempel isinya.');
  });

  it('only imports under a kelurahan in scope', async () => {
    const lurah = await t.createUser('lurah', area.kec[0]!.kel[0]!.code);
    const other = area.kec[0]!.kel[1]!.code;
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/regions/${other}/import`,
      headers: lurah.auth,
      payload: { csv: 'rw,rt\n60,1\n' },
    });
    expect(r.statusCode).toBe(404);
  });
});

describe('the tree and who may change it', () => {
  it('renders the tree of the account’s region, and nothing beside it', async () => {
    const kec = area.kec[1]!;
    const camat = await t.createUser('camat', kec.code);
    const res = await t.app.inject({ method: 'GET', url: '/wilayah', cookies: camat.cookies });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-testid="region-tree"');
    for (const kel of kec.kel) {
      expect(res.body).toContain(`data-testid="tree-${kel.code}"`);
      expect(res.body).toContain(`data-testid="tree-${kel.rts[1]}"`);
    }
    expect(res.body).not.toContain(`data-testid="tree-${area.kec[0]!.code}"`);
    expect(res.body).not.toContain(`data-testid="tree-${area.kec[0]!.kel[0]!.code}"`);

    const api = await t.app.inject({ method: 'GET', url: '/api/v1/regions?levels=kelurahan', headers: camat.auth });
    expect(api.statusCode).toBe(200);
    expect(api.json().items.map((r: { code: string }) => r.code)).toEqual(kec.kel.map((k) => k.code));
  });

  it('a ketua_rt may view their RT but not create, rename or retire (403), and cannot see above it (404)', async () => {
    const kel = area.kec[1]!.kel[0]!;
    const rt = await t.createUser('ketua_rt', kel.rts[0]!);
    const view = await getRegion(rt, kel.rts[0]!);
    expect(view.statusCode).toBe(200);
    expect(view.json().region.code).toBe(kel.rts[0]);
    const page = await t.app.inject({ method: 'GET', url: `/wilayah/${kel.rts[0]}`, cookies: rt.cookies });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('data-testid="rename-form"');
    expect(page.body).not.toContain('data-testid="retire-form"');
    const tree = await t.app.inject({ method: 'GET', url: '/wilayah', cookies: rt.cookies });
    expect(tree.statusCode).toBe(200);
    expect(tree.body).toContain(`data-testid="tree-${kel.rts[0]}"`);
    expect(tree.body).not.toContain(`data-testid="tree-${kel.rts[1]}"`);

    expect((await getRegion(rt, kel.rw)).statusCode).toBe(404);
    expect((await getRegion(rt, kel.rts[1]!)).statusCode).toBe(404);

    const create = await t.app.inject({
      method: 'POST',
      url: `/api/v1/regions/${kel.rw}/children`,
      headers: rt.auth,
      payload: { number: '9' },
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.message).toBe('Anda tidak berwenang melakukan ini.');
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/regions/${kel.rts[0]}`,
          headers: rt.auth,
          payload: { name: 'X' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/regions/${kel.rts[0]}/retire`, headers: rt.auth }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/regions/${kel.code}/import`,
          headers: rt.auth,
          payload: { csv: 'rw,rt\n9,1\n' },
        })
      ).statusCode,
    ).toBe(403);
    const form = await postForm(rt, `/wilayah/${kel.rw}/anak`, { number: '9' });
    expect(form.statusCode).toBe(403);

    const lurah = await t.createUser('lurah', kel.code);
    expect(await childCodes(lurah, kel.rw)).not.toContain(`${kel.rw}.009`);
    expect(await childCodes(lurah, kel.code)).not.toContain(`${kel.code}.009`);
  });

  it('a lurah cannot touch a neighbouring kelurahan (404, not 403)', async () => {
    const lurah = await t.createUser('lurah', area.kec[0]!.kel[0]!.code);
    const other = area.kec[0]!.kel[1]!;
    expect((await getRegion(lurah, other.code)).statusCode).toBe(404);
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/regions/${other.code}/children`,
      headers: lurah.auth,
      payload: { number: '77' },
    });
    expect(r.statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/regions/${other.rw}`,
          headers: lurah.auth,
          payload: { name: 'X' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/regions/${other.rts[0]}/retire`, headers: lurah.auth }))
        .statusCode,
    ).toBe(404);
  });
});
