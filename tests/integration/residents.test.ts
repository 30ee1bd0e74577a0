import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFamily, makeKk, makeNik } from '../../src/seed/factories.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let area: Awaited<ReturnType<TestApp['createArea']>>;
let region6: string;
let seq = 0;
const serial = () => ++seq;

beforeAll(async () => {
  t = await createTestApp();
  area = await t.createArea();
  region6 = area.kec[0]!.code.replace(/\./g, '');
});
afterAll(() => t.close());

type User = Awaited<ReturnType<TestApp['createUser']>>;
const MASKED = /^\d{4}\*{8}\d{4}$/;

interface Person {
  nik: string;
  kk: string;
  fullName: string;
  sex: 'L' | 'P';
  birthDate: string;
  relationship: string;
  rtCode: string;
  address?: string;
}

/** A valid new person in the given RT (a new family, head of it, unless overridden). */
function person(rtCode: string, over: Partial<Person> = {}): Person {
  const birthDate = over.birthDate ?? '1985-04-17';
  const sex = over.sex ?? 'L';
  return {
    nik: makeNik(region6, birthDate, sex, serial()),
    kk: makeKk(region6, serial()),
    fullName: `Warga Uji ${seq}`,
    sex,
    birthDate,
    relationship: 'kepala_keluarga',
    rtCode,
    ...over,
  };
}

const createResident = (u: User, p: Person) =>
  t.app.inject({ method: 'POST', url: '/api/v1/residents', headers: u.auth, payload: p });
/** Filters go in the query string; a search text goes by POST (a name or NIK never travels in a URL). */
const list = (u: User, query: Record<string, string>) =>
  'q' in query
    ? t.app.inject({ method: 'POST', url: '/api/v1/residents/search', headers: u.auth, payload: query })
    : t.app.inject({
        method: 'GET',
        url: `/api/v1/residents?${new URLSearchParams(query).toString()}`,
        headers: u.auth,
      });
const listItems = async (u: User, query: Record<string, string>) =>
  (await list(u, query)).json().items as {
    id: number;
    full_name: string;
    nik_masked: string;
    kk_masked: string;
    status: string;
    region_code: string;
  }[];
const summary = async (u: User, id: number) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/residents/${id}`, headers: u.auth })).json();

describe('creating residents', () => {
  it('creates a valid resident, with masked numbers only in the summary', async () => {
    const kel = area.kec[0]!.kel[0]!;
    const lurah = await t.createUser('lurah', kel.code);
    const p = person(kel.rts[0]!, { fullName: 'Budi Kreasi', address: 'Jl. Mawar 1' });
    const r = await createResident(lurah, p);
    expect(r.statusCode).toBe(201);
    expect(r.json().warnings).toEqual([]);
    const id = r.json().id as number;

    const s = await t.app.inject({ method: 'GET', url: `/api/v1/residents/${id}`, headers: lurah.auth });
    expect(s.statusCode).toBe(200);
    expect(s.json().resident).toMatchObject({
      id,
      full_name: 'Budi Kreasi',
      sex: 'L',
      birth_date: p.birthDate,
      relationship: 'kepala_keluarga',
      status: 'hidup',
      region_code: p.rtCode,
      address: 'Jl. Mawar 1',
    });
    expect(s.json().resident.nik_masked).toMatch(MASKED);
    expect(s.json().resident.nik_masked).toBe(`${p.nik.slice(0, 4)}********${p.nik.slice(12)}`);
    expect(s.json().resident.kk_masked).toMatch(MASKED);
    expect(s.body).not.toContain(p.nik);
    expect(s.body).not.toContain(p.kk);

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'region_code'])
      .where('action', '=', 'resident.created')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit).toEqual([{ actor_user_id: lurah.user.id, region_code: p.rtCode }]);
  });

  it('stores the NIK and KK encrypted, never in clear', async () => {
    const kel = area.kec[0]!.kel[0]!;
    const lurah = await t.createUser('lurah', kel.code);
    const p = person(kel.rts[0]!);
    const id = (await createResident(lurah, p)).json().id as number;
    const row = await t.db
      .selectFrom('residents')
      .innerJoin('families', 'families.id', 'residents.family_id')
      .select(['residents.nik_enc', 'families.kk_enc'])
      .where('residents.id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.nik_enc.toString('latin1')).not.toContain(p.nik);
    expect(row.kk_enc.toString('latin1')).not.toContain(p.kk);
  });

  it('creates a resident whose NIK disagrees with the birth date, with a warning', async () => {
    const kel = area.kec[0]!.kel[0]!;
    const lurah = await t.createUser('lurah', kel.code);
    const p = person(kel.rts[0]!, { birthDate: '1990-05-12' });
    const r = await createResident(lurah, { ...p, birthDate: '1990-05-13' });
    expect(r.statusCode).toBe(201);
    expect(r.json().warnings).toEqual([
      'Peringatan: tanggal lahir pada NIK tidak sama dengan tanggal lahir yang diisi. Data tetap disimpan.',
    ]);
    expect((await summary(lurah, r.json().id)).resident.birth_date).toBe('1990-05-13');
  });

  it('refuses a 15-digit NIK with an Indonesian message', async () => {
    const kel = area.kec[0]!.kel[0]!;
    const lurah = await t.createUser('lurah', kel.code);
    const p = person(kel.rts[0]!);
    const r = await createResident(lurah, { ...p, nik: p.nik.slice(0, 15) });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.fields).toContainEqual({ field: 'nik', message: 'NIK harus 16 angka.' });
    expect(await listItems(lurah, { q: p.fullName })).toEqual([]);
  });

  it('refuses a NIK that is already registered', async () => {
    const kel = area.kec[0]!.kel[0]!;
    const lurah = await t.createUser('lurah', kel.code);
    const p = person(kel.rts[0]!);
    expect((await createResident(lurah, p)).statusCode).toBe(201);
    const again = await createResident(lurah, person(kel.rts[1]!, { nik: p.nik, fullName: 'Orang Lain Ganda' }));
    expect(again.statusCode).toBe(422);
    expect(again.json().error.fields).toEqual([{ field: 'nik', message: 'NIK ini sudah terdaftar.' }]);
    expect(await listItems(lurah, { q: 'Orang Lain Ganda' })).toEqual([]);
  });

  it('refuses a second head for one family card', async () => {
    const kel = area.kec[0]!.kel[0]!;
    const lurah = await t.createUser('lurah', kel.code);
    const head = person(kel.rts[0]!);
    expect((await createResident(lurah, head)).statusCode).toBe(201);
    const second = await createResident(lurah, person(kel.rts[0]!, { kk: head.kk }));
    expect(second.statusCode).toBe(422);
    expect(second.json().error.fields).toEqual([
      { field: 'relationship', message: 'Keluarga ini sudah punya kepala keluarga.' },
    ]);
    const wife = await createResident(lurah, person(kel.rts[0]!, { kk: head.kk, sex: 'P', relationship: 'istri' }));
    expect(wife.statusCode).toBe(201);
  });

  it('refuses an RT outside the account’s kelurahan (404) and a ketua_rt (403)', async () => {
    const kel = area.kec[0]!.kel[0]!;
    const lurah = await t.createUser('lurah', kel.code);
    const other = await createResident(lurah, person(area.kec[0]!.kel[1]!.rts[0]!));
    expect(other.statusCode).toBe(404);
    const rt = await t.createUser('ketua_rt', kel.rts[0]!);
    expect((await createResident(rt, person(kel.rts[0]!))).statusCode).toBe(403);
  });
});

describe('lists, full view and search', () => {
  it('lists masked numbers and never the full NIK; /full shows it and is audited', async () => {
    const kel = area.kec[0]!.kel[1]!;
    const lurah = await t.createUser('lurah', kel.code);
    const fam = await createFamily(t.services, lurah.ctx, kel.rts[0]!, serial);
    const rows = await t.db.selectFrom('residents').select('id').where('id', 'in', fam.ids).execute();
    expect(rows).toHaveLength(fam.ids.length);

    const res = await list(lurah, { under: kel.rts[0]! });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: number; nik_masked: string; kk_masked: string }[];
    const mine = items.filter((i) => fam.ids.includes(i.id));
    expect(mine).toHaveLength(fam.ids.length);
    for (const i of mine) {
      expect(i.nik_masked).toMatch(MASKED);
      expect(i.kk_masked).toMatch(MASKED);
      expect(Object.keys(i)).not.toContain('nik');
    }
    expect(res.body).not.toContain(fam.kk);

    const headId = fam.ids[0]!;
    const full = await t.app.inject({ method: 'GET', url: `/api/v1/residents/${headId}/full`, headers: lurah.auth });
    expect(full.statusCode).toBe(200);
    const nik = full.json().nik as string;
    expect(nik).toMatch(/^\d{16}$/);
    expect(full.json().kk).toBe(fam.kk);
    expect(nik.slice(0, 4) + '********' + nik.slice(12)).toBe(full.json().nik_masked);
    // The list never contains it.
    expect(res.body).not.toContain(nik);
    const page = await t.app.inject({ method: 'GET', url: `/warga?under=${kel.rts[0]}`, cookies: lurah.cookies });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(nik);
    expect(page.body).toContain(full.json().nik_masked);

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'actor_role', 'region_code'])
      .where('action', '=', 'resident.viewed_full')
      .where('entity_id', '=', String(headId))
      .execute();
    expect(audit).toEqual([{ actor_user_id: lurah.user.id, actor_role: 'lurah', region_code: kel.rts[0] }]);

    // The page's full view is audited as well, and is not cached.
    const fullPage = await t.app.inject({ method: 'GET', url: `/warga/${headId}/lengkap`, cookies: lurah.cookies });
    expect(fullPage.statusCode).toBe(200);
    expect(fullPage.headers['cache-control']).toMatch(/\bno-store\b/);
    expect(fullPage.body).toContain(nik);
    const after = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'resident.viewed_full')
      .where('entity_id', '=', String(headId))
      .execute();
    expect(after).toHaveLength(2);
  });

  it('an RT head reads only their RT; out-of-scope ids answer 404 and leave no audit', async () => {
    const kel = area.kec[0]!.kel[1]!;
    const lurah = await t.createUser('lurah', kel.code);
    const inRt1 = (await createResident(lurah, person(kel.rts[0]!))).json().id as number;
    const inRt2 = (await createResident(lurah, person(kel.rts[1]!))).json().id as number;
    const rt = await t.createUser('ketua_rt', kel.rts[0]!);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/residents/${inRt1}/full`, headers: rt.auth })).statusCode,
    ).toBe(200);
    const out = await t.app.inject({ method: 'GET', url: `/api/v1/residents/${inRt2}/full`, headers: rt.auth });
    expect(out.statusCode).toBe(404);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'resident.viewed_full')
      .where('entity_id', '=', String(inRt2))
      .execute();
    expect(audit).toEqual([]);
    const ids = (await listItems(rt, {})).map((i) => i.id);
    expect(ids).toContain(inRt1);
    expect(ids).not.toContain(inRt2);
  });

  it('searches by name, by full NIK and by full KK', async () => {
    const kel = area.kec[1]!.kel[0]!;
    const lurah = await t.createUser('lurah', kel.code);
    const head = person(kel.rts[0]!, { fullName: 'Sukarjo Wiryosentiko' });
    const headId = (await createResident(lurah, head)).json().id as number;
    const child = person(kel.rts[0]!, {
      kk: head.kk,
      fullName: 'Lestari Wiryosentiko',
      sex: 'P',
      birthDate: '2010-02-03',
      relationship: 'anak',
    });
    const childId = (await createResident(lurah, child)).json().id as number;
    const stranger = (await createResident(lurah, person(kel.rts[0]!, { fullName: 'Paijo Tetangga' }))).json()
      .id as number;

    expect((await listItems(lurah, { q: 'wiryosentiko' })).map((i) => i.id).sort()).toEqual([headId, childId].sort());
    expect((await listItems(lurah, { q: 'SUKARJO' })).map((i) => i.id)).toEqual([headId]);
    expect((await listItems(lurah, { q: child.nik })).map((i) => i.id)).toEqual([childId]);
    expect((await listItems(lurah, { q: head.kk })).map((i) => i.id).sort()).toEqual([headId, childId].sort());
    expect((await listItems(lurah, { q: head.kk })).map((i) => i.id)).not.toContain(stranger);
    // LIKE wildcards typed by a person are literal.
    expect(await listItems(lurah, { q: '%' })).toEqual([]);

    const page = await t.app.inject({
      method: 'POST',
      url: '/warga/cari',
      cookies: lurah.cookies,
      payload: { _csrf: lurah.csrf, q: 'Wiryosentiko' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Sukarjo Wiryosentiko');
    expect(page.body).toContain('Lestari Wiryosentiko');
    expect(page.body).not.toContain('Paijo Tetangga');
  });

  it('escapes a name with markup in the /warga page', async () => {
    const kel = area.kec[1]!.kel[0]!;
    const lurah = await t.createUser('lurah', kel.code);
    const id = (await createResident(lurah, person(kel.rts[1]!, { fullName: '<script>alert(1)</script>' }))).json()
      .id as number;
    const page = await t.app.inject({ method: 'GET', url: `/warga?under=${kel.rts[1]}`, cookies: lurah.cookies });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/warga/${id}">&lt;script&gt;alert(1)&lt;/script&gt;</a>`);
    expect(page.body).not.toContain('<script>alert(1)</script>');
    const detail = await t.app.inject({ method: 'GET', url: `/warga/${id}`, cookies: lurah.cookies });
    expect(detail.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(detail.body).not.toContain('<script>alert(1)</script>');
  });
});

describe('status and moves', () => {
  it('records a death', async () => {
    const kel = area.kec[1]!.kel[1]!;
    const lurah = await t.createUser('lurah', kel.code);
    const id = (await createResident(lurah, person(kel.rts[0]!))).json().id as number;
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/residents/${id}/status`,
      headers: lurah.auth,
      payload: { status: 'meninggal', date: '2024-06-01', note: 'Akta kematian 123' },
    });
    expect(r.statusCode).toBe(200);
    const s = (await summary(lurah, id)).resident;
    expect(s).toMatchObject({ status: 'meninggal', status_date: '2024-06-01', status_note: 'Akta kematian 123' });
    expect((await listItems(lurah, { under: kel.rts[0]!, status: 'meninggal' })).map((i) => i.id)).toContain(id);
    expect((await listItems(lurah, { under: kel.rts[0]!, status: 'hidup' })).map((i) => i.id)).not.toContain(id);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'resident.status_changed')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ from: 'hidup', to: 'meninggal' });

    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/residents/${id}/status`,
      headers: lurah.auth,
      payload: { status: 'wafat' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('moves the whole family to another RT', async () => {
    const kel = area.kec[1]!.kel[1]!;
    const lurah = await t.createUser('lurah', kel.code);
    const fam = await createFamily(t.services, lurah.ctx, kel.rts[0]!, serial);
    const last = fam.ids[fam.ids.length - 1]!;
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/residents/${last}/move`,
      headers: lurah.auth,
      payload: { rtCode: kel.rts[1] },
    });
    expect(r.statusCode).toBe(200);
    for (const id of fam.ids) expect((await summary(lurah, id)).resident.region_code).toBe(kel.rts[1]);
    const family = await t.db
      .selectFrom('families')
      .innerJoin('residents', 'residents.family_id', 'families.id')
      .select('families.region_code')
      .where('residents.id', '=', last)
      .executeTakeFirstOrThrow();
    expect(family.region_code).toBe(kel.rts[1]);
    const inOld = (await listItems(lurah, { under: kel.rts[0]! })).map((i) => i.id);
    expect(inOld.filter((id) => fam.ids.includes(id))).toEqual([]);

    // Not to an RT outside the account's area.
    const out = await t.app.inject({
      method: 'POST',
      url: `/api/v1/residents/${last}/move`,
      headers: lurah.auth,
      payload: { rtCode: area.kec[0]!.kel[0]!.rts[0] },
    });
    expect(out.statusCode).toBe(404);
    // Not to an RW.
    const rw = await t.app.inject({
      method: 'POST',
      url: `/api/v1/residents/${last}/move`,
      headers: lurah.auth,
      payload: { rtCode: kel.rw },
    });
    expect(rw.statusCode).toBe(422);
  });
});

describe('CSV import', () => {
  const HEADER = 'nik,no_kk,nama,jenis_kelamin,tanggal_lahir,hubungan,rw,rt';
  const row = (p: {
    nik: string;
    kk: string;
    name: string;
    sex?: 'L' | 'P';
    birth?: string;
    rel?: string;
    rw?: string;
    rt?: string;
  }) =>
    [
      p.nik,
      p.kk,
      p.name,
      p.sex ?? 'L',
      p.birth ?? '1980-01-02',
      p.rel ?? 'kepala_keluarga',
      p.rw ?? '1',
      p.rt ?? '1',
    ].join(',');
  const goodRow = (
    name: string,
    over: { kk?: string; rel?: string; sex?: 'L' | 'P'; birth?: string; rt?: string } = {},
  ) => {
    const birth = over.birth ?? '1980-01-02';
    const sex = over.sex ?? 'L';
    return {
      nik: makeNik(region6, birth, sex, serial()),
      kk: over.kk ?? makeKk(region6, serial()),
      name,
      sex,
      birth,
      ...(over.rel ? { rel: over.rel } : {}),
      ...(over.rt ? { rt: over.rt } : {}),
    };
  };
  const importCsv = (u: User, kelurahan: string, csv: string, validOnly?: boolean) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/residents/import',
      headers: u.auth,
      payload: { kelurahan, csv, ...(validOnly === undefined ? {} : { validOnly }) },
    });
  const countIn = async (u: User, rt: string) => (await listItems(u, { under: rt })).length;

  it('with a bad row and without validOnly: 422 and nothing written; with validOnly: the good rows', async () => {
    const kel = area.kec[0]!.kel[1]!;
    const lurah = await t.createUser('lurah', kel.code);
    const rt = kel.rts[1]!;
    const before = await countIn(lurah, rt);
    const a = goodRow('Impor Satu', { rt: '2' });
    const b = goodRow('Impor Dua', { rt: '2', kk: a.kk, rel: 'istri', sex: 'P', birth: '1982-03-04' });
    const bad = goodRow('Impor Salah', { rt: '2' });
    const csv = [HEADER, row(a), row({ ...bad, nik: bad.nik.slice(0, 15) }), row(b)].join('\n');

    const refused = await importCsv(lurah, kel.code, csv);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toEqual({
      total: 3,
      imported: 0,
      written: false,
      updated: 0,
      updatedRows: [],
      unchanged: 0,
      refused: [{ row: 3, message: 'NIK harus 16 angka.' }],
      warnings: [],
    });
    expect(await countIn(lurah, rt)).toBe(before);

    const partial = await importCsv(lurah, kel.code, csv, true);
    expect(partial.statusCode).toBe(200);
    expect(partial.json()).toMatchObject({
      total: 3,
      imported: 2,
      written: true,
      refused: [{ row: 3, message: 'NIK harus 16 angka.' }],
    });
    expect(await countIn(lurah, rt)).toBe(before + 2);
    const names = (await listItems(lurah, { q: 'Impor ' })).map((i) => i.full_name).sort();
    expect(names).toEqual(['Impor Dua', 'Impor Satu']);
    // Both rows share one family card.
    const fams = await t.db
      .selectFrom('residents')
      .select('family_id')
      .where('region_code', '=', rt)
      .where('full_name', 'in', ['Impor Satu', 'Impor Dua'])
      .execute();
    expect(new Set(fams.map((f) => f.family_id)).size).toBe(1);
  });

  it('a good file is written whole, with NIK warnings reported', async () => {
    const kel = area.kec[1]!.kel[0]!;
    const lurah = await t.createUser('lurah', kel.code);
    const rt = kel.rts[0]!;
    const before = await countIn(lurah, rt);
    const a = goodRow('Sahabat Pertama');
    const b = { ...goodRow('Sahabat Kedua'), birth: '1981-01-02' }; // NIK says 1980
    const r = await importCsv(lurah, kel.code, [HEADER, row(a), row(b)].join('\n'));
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ total: 2, imported: 2, written: true, refused: [] });
    expect(r.json().warnings).toEqual([
      {
        row: 3,
        message: 'Peringatan: tanggal lahir pada NIK tidak sama dengan tanggal lahir yang diisi. Data tetap disimpan.',
      },
    ]);
    expect(await countIn(lurah, rt)).toBe(before + 2);
  });

  it('refuses a row whose NIK is already registered with another family card', async () => {
    const kel = area.kec[1]!.kel[1]!;
    const lurah = await t.createUser('lurah', kel.code);
    const rt = kel.rts[0]!;
    const existing = person(rt);
    expect((await createResident(lurah, existing)).statusCode).toBe(201);
    const before = await countIn(lurah, rt);
    const fresh = goodRow('Baru Datang');
    const csv = [HEADER, row(fresh), row({ nik: existing.nik, kk: makeKk(region6, serial()), name: 'Sudah Ada' })].join(
      '\n',
    );
    const r = await importCsv(lurah, kel.code, csv);
    expect(r.statusCode).toBe(422);
    expect(r.json().refused).toEqual([
      {
        row: 3,
        message:
          'NIK ini sudah terdaftar dengan No. KK atau RT lain. Ubah kartu keluarga atau RT-nya lewat halaman warga, lalu impor lagi.',
      },
    ]);
    expect(await countIn(lurah, rt)).toBe(before);
    const ok = await importCsv(lurah, kel.code, csv, true);
    expect(ok.json()).toMatchObject({ imported: 1, written: true });
    expect(await countIn(lurah, rt)).toBe(before + 1);
  });

  it('refuses two heads for one family card', async () => {
    const kel = area.kec[0]!.kel[0]!;
    const lurah = await t.createUser('lurah', kel.code);
    const rt = kel.rts[1]!;
    const before = await countIn(lurah, rt);
    const h1 = goodRow('Kepala Pertama', { rt: '2' });
    const h2 = goodRow('Kepala Kedua', { rt: '2', kk: h1.kk, birth: '1979-05-06' });
    const r = await importCsv(lurah, kel.code, [HEADER, row(h1), row(h2)].join('\n'));
    expect(r.statusCode).toBe(422);
    expect(r.json().refused).toEqual([{ row: 3, message: 'Keluarga ini sudah punya kepala keluarga.' }]);
    expect(await countIn(lurah, rt)).toBe(before);
  });

  it('refuses a head for a family card that already has one in the register', async () => {
    const kel = area.kec[0]!.kel[0]!;
    const lurah = await t.createUser('lurah', kel.code);
    const rt = kel.rts[0]!;
    const head = person(rt);
    expect((await createResident(lurah, head)).statusCode).toBe(201);
    const before = await countIn(lurah, rt);
    const other = goodRow('Anggota Sah', { kk: head.kk, rel: 'anak', birth: '2005-07-08' });
    const second = goodRow('Kepala Tandingan', { kk: head.kk });
    const csv = [HEADER, row(other), row(second)].join('\n');
    const r = await importCsv(lurah, kel.code, csv);
    expect(r.statusCode).toBe(422);
    expect(r.json().refused).toEqual([{ row: 3, message: 'Keluarga ini sudah punya kepala keluarga.' }]);
    expect(await countIn(lurah, rt)).toBe(before);
    const ok = await importCsv(lurah, kel.code, csv, true);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ imported: 1, written: true });
    expect(await countIn(lurah, rt)).toBe(before + 1);
  });

  it('refuses rows for an RT that does not exist in the kelurahan, and a kelurahan out of scope', async () => {
    const kel = area.kec[0]!.kel[0]!;
    const lurah = await t.createUser('lurah', kel.code);
    const r = await importCsv(lurah, kel.code, [HEADER, row({ ...goodRow('Tanpa RT'), rt: '9' })].join('\n'));
    expect(r.statusCode).toBe(422);
    expect(r.json().refused).toEqual([{ row: 2, message: 'RT 9 / RW 1 tidak ada di kelurahan ini.' }]);
    const out = await importCsv(lurah, area.kec[0]!.kel[1]!.code, [HEADER, row(goodRow('Luar'))].join('\n'));
    expect(out.statusCode).toBe(404);
  });
});
