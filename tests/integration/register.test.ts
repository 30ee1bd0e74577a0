// The register fields from SIAK on the resident pages and API, the import of a
// SIAK extract (CSV and XLSX, row-by-row report, idempotent), and markDeceased
// as the letters module calls it.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentsReader } from '../../src/modules/residents/service.js';
import { makeKk, makeNik } from '../../src/seed/factories.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type User = Awaited<ReturnType<TestApp['createUser']>>;
let seq = 0;
const region6Of = (kel: string) => kel.split('.').slice(0, 3).join('');

const form = (u: User, url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    cookies: u.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: u.csrf, ...fields }).toString(),
  });
const countUnder = async (code: string) =>
  Number(
    (
      await t.db
        .selectFrom('residents')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('region_code', 'like', `${code}.%`)
        .executeTakeFirstOrThrow()
    ).n,
  );

const HEADER = [
  'NO_KK',
  'NIK',
  'NAMA_LGKP',
  'JENIS_KLMIN',
  'TMPT_LHR',
  'TGL_LHR',
  'AGAMA',
  'STAT_KWN',
  'STAT_HBKEL',
  'PDDK_AKH',
  'JENIS_PKRJN',
  'NAMA_LGKP_AYAH',
  'NAMA_LGKP_IBU',
  'ALAMAT',
  'NO_RT',
  'NO_RW',
  'DUSUN',
];
interface SiakRow {
  kk: string;
  nik: string;
  name: string;
  sex: string;
  birth: string;
  religion: string;
  marital: string;
  rel: string;
  education: string;
  rt: string;
}
const line = (r: SiakRow) =>
  [
    r.kk,
    r.nik,
    r.name,
    r.sex,
    'PROBOLINGGO',
    r.birth,
    r.religion,
    r.marital,
    r.rel,
    r.education,
    'WIRASWASTA',
    'AYAH UJI',
    'IBU UJI',
    '"JL. MAWAR 1, RT 1"',
    r.rt,
    '001',
    'KRAJAN',
  ].join(',');

/** DD-MM-YYYY as SIAK writes it, from an ISO date. */
const dmy = (iso: string) => iso.split('-').reverse().join('-');

describe('SIAK extract import: 1,000 rows, 20 of them bad', () => {
  let kel: string;
  let lurah: User;
  let csv: string;
  const bad = new Map<number, RegExp>();

  beforeAll(async () => {
    const area = await t.createArea();
    kel = area.kec[0]!.kel[0]!.code;
    lurah = await t.createUser('lurah', kel);
    const region6 = region6Of(kel);
    const good: SiakRow[] = [];
    // 245 families of four: head, wife, two children, alternately in RT 001 and RT 002.
    for (let f = 0; f < 245; f++) {
      const kk = makeKk(region6, f + 1);
      const rt = f % 2 ? '002' : '001';
      const member = (rel: string, sex: 'L' | 'P', birth: string, marital: string) => {
        const nik = makeNik(region6, birth, sex, ++seq);
        return {
          kk,
          nik,
          name: `WARGA ${f}-${rel}`,
          sex: sex === 'L' ? (f % 3 ? '1' : 'LAKI-LAKI') : f % 3 ? '2' : 'PEREMPUAN',
          birth: f % 4 ? dmy(birth) : birth,
          religion: f % 5 ? 'ISLAM' : '2',
          marital,
          rel,
          education: f % 2 ? 'SLTA/SEDERAJAT' : '8',
          rt,
        };
      };
      good.push(
        member('1', 'L', '1980-01-15', 'KAWIN'),
        member('3', 'P', '1982-03-20', '2'),
        member('4', 'L', '2008-07-01', 'BELUM KAWIN'),
        member('ANAK', 'P', '2012-11-30', '1'),
      );
    }
    // The bad rows, each a child of a family of its own, placed among the good ones.
    const kid = (over: Partial<SiakRow>): SiakRow => {
      const birth = '2010-05-05';
      return {
        kk: makeKk(region6, 900 + seq),
        nik: makeNik(region6, birth, 'L', ++seq),
        name: `SALAH ${seq}`,
        sex: '1',
        birth: dmy(birth),
        religion: 'ISLAM',
        marital: '1',
        rel: '4',
        education: '2',
        rt: '001',
        ...over,
      };
    };
    const badRows: [SiakRow, RegExp][] = [
      [kid({ nik: '357401150580' }), /^NIK harus 16 angka\.$/],
      [kid({ nik: '35740115058A0001' }), /^NIK harus 16 angka\.$/],
      [kid({ nik: '3574011513800001' }), /^NIK harus 16 angka\.$/],
      [kid({ nik: '' }), /^NIK harus 16 angka\.$/],
      [kid({ rt: '009' }), /^RT 009 \/ RW 001 tidak ada di kelurahan ini\.$/],
      [kid({ rt: '003' }), /^RT 003 \/ RW 001 tidak ada/],
      [kid({ rt: 'X' }), /^RT X \/ RW 001 tidak ada/],
      [kid({ name: '' }), /^Nama lengkap wajib diisi/],
      [kid({ name: ' ' }), /^Nama lengkap wajib diisi/],
      [kid({ name: '' }), /^Nama lengkap wajib diisi/],
      [kid({ birth: '31-02-2010' }), /^Tanggal lahir tidak valid: tulis HH-BB-TTTT/],
      [kid({ birth: '2010/13/01' }), /^Tanggal lahir tidak valid/],
      [kid({ birth: 'KEMARIN' }), /^Tanggal lahir tidak valid/],
      [kid({ sex: '3' }), /^Jenis kelamin tidak dikenal/],
      [kid({ sex: 'X' }), /^Jenis kelamin tidak dikenal/],
      [kid({ sex: '' }), /^Jenis kelamin tidak dikenal/],
      [kid({ nik: good[10]!.nik }), /^NIK ini sudah ada di baris 12 berkas ini/],
      [kid({ nik: good[500]!.nik }), /^NIK ini sudah ada di baris \d+ berkas ini/],
      [kid({ religion: 'JEDI' }), /^Agama "JEDI" tidak dikenal/],
      [kid({ marital: 'JANDA' }), /^Status perkawinan "JANDA" tidak dikenal/],
    ];
    // Row 1 is the header; bad row i lands at row 50 * (i + 1) + 1 (every good row after its NIK twin).
    const rows: SiakRow[] = [...good];
    badRows.forEach(([r, why], i) => {
      const at = 50 * (i + 1);
      rows.splice(at - 1, 0, r);
      bad.set(at + 1, why);
    });
    expect(rows).toHaveLength(1000);
    csv = [HEADER.join(','), ...rows.map(line)].join('\r\n');
  });

  it('stores the 980 good rows and names each bad row with its reason; a second import adds nobody', async () => {
    const before = await countUnder(kel);
    // Without "valid rows only" nothing is written: 422 with the same report.
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/residents/import',
      headers: lurah.auth,
      payload: { kelurahan: kel, csv },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ written: false, imported: 0 });
    expect((refused.json() as { refused: { row: number }[] }).refused.map((p) => p.row)).toEqual([...bad.keys()]);
    expect(await countUnder(kel)).toBe(before);

    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/residents/import',
      headers: lurah.auth,
      payload: { kelurahan: kel, csv, validOnly: true },
    });
    expect(r.statusCode).toBe(200);
    const report = r.json() as {
      total: number;
      imported: number;
      updated: number;
      unchanged: number;
      refused: { row: number; message: string }[];
    };
    expect(report).toMatchObject({ total: 1000, imported: 980, updated: 0, unchanged: 0, written: true });
    expect(report.refused.map((p) => p.row)).toEqual([...bad.keys()]);
    for (const p of report.refused) expect(p.message).toMatch(bad.get(p.row)!);
    expect(await countUnder(kel)).toBe(before + 980);

    // Codes from SIAK's numbers and labels alike; a family of four under one card, its head from STAT_HBKEL.
    const fam = await t.db
      .selectFrom('residents')
      .select(['relationship', 'religion', 'marital_status', 'education', 'citizenship', 'sex', 'family_id'])
      .where('full_name', 'like', 'WARGA 5-%')
      .where('region_code', 'like', `${kel}.%`)
      .orderBy('id')
      .execute();
    expect(fam.map((m) => [m.relationship, m.religion, m.marital_status, m.education, m.sex])).toEqual([
      ['kepala_keluarga', 'kristen', 'kawin', 'slta', 'L'],
      ['istri', 'kristen', 'kawin', 'slta', 'P'],
      ['anak', 'kristen', 'belum_kawin', 'slta', 'L'],
      ['anak', 'kristen', 'belum_kawin', 'slta', 'P'],
    ]);
    expect(new Set(fam.map((m) => m.family_id)).size).toBe(1);
    expect(fam.every((m) => m.citizenship === 'WNI')).toBe(true);

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/residents/import',
      headers: lurah.auth,
      payload: { kelurahan: kel, csv, validOnly: true },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ total: 1000, imported: 0, updated: 0, unchanged: 980 });
    expect((again.json() as typeof report).refused.map((p) => p.row)).toEqual([...bad.keys()]);
    expect(await countUnder(kel)).toBe(before + 980);

    // A changed row updates its person (and says which row); nothing else moves.
    const changed = csv.replace(',WARGA 7-1,', ',WARGA TUJUH,');
    const third = await t.app.inject({
      method: 'POST',
      url: '/api/v1/residents/import',
      headers: lurah.auth,
      payload: { kelurahan: kel, csv: changed, validOnly: true },
    });
    expect(third.json()).toMatchObject({ imported: 0, updated: 1, updatedRows: [30], unchanged: 979 });
    expect(await countUnder(kel)).toBe(before + 980);
  });
});

describe('SIAK extract as XLSX through the import page', () => {
  it('reads text and date cells, resolves RT/RW and shows the report and the column list', async () => {
    const area = await t.createArea();
    const kel = area.kec[1]!.kel[1]!.code;
    const lurah = await t.createUser('lurah', kel);
    const region6 = region6Of(kel);
    const kk = makeKk(region6, 1);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Biodata');
    ws.addRow(['no_kk', 'nik', 'nama_lgkp', 'jenis_klmin', 'tgl_lhr', 'stat_hbkel', 'no_rt', 'no_rw', 'kwrngrn']);
    ws.addRow([
      kk,
      makeNik(region6, '1975-08-17', 'L', 1),
      'AHMAD XLSX',
      'LAKI-LAKI',
      new Date(Date.UTC(1975, 7, 17)),
      'KEPALA KELUARGA',
      2,
      1,
      'WNI',
    ]);
    ws.addRow([
      kk,
      makeNik(region6, '1977-02-03', 'P', 2),
      'SITI XLSX',
      'PEREMPUAN',
      '03-02-1977',
      'ISTRI',
      '002',
      '001',
      '',
    ]);
    ws.addRow([
      kk,
      makeNik(region6, '2001-01-01', 'L', 3),
      'TAMU XLSX',
      'L',
      '01-01-2001',
      'FAMILI LAIN',
      '002',
      '001',
      'WNA',
    ]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const body = multipart({ _csrf: lurah.csrf, kelurahan: kel, validOnly: '1' }, [
      {
        name: 'file',
        filename: 'biodata.xlsx',
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        content: bytes,
      },
    ]);
    const r = await t.app.inject({ method: 'POST', url: '/warga/impor', cookies: lurah.cookies, ...body });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('data-testid="import-report"');
    expect(r.body).toMatch(/<td>4<\/td>\s*<td>Untuk WNA, isi nomor paspor atau nomor KITAS\/KITAP\.<\/td>/);
    const stored = await t.db
      .selectFrom('residents')
      .select(['full_name', 'birth_date', 'region_code', 'relationship'])
      .where('region_code', 'like', `${kel}.%`)
      .orderBy('id')
      .execute();
    expect(stored.map((s) => [s.full_name, s.region_code, s.relationship])).toEqual([
      ['AHMAD XLSX', `${kel}.001.002`, 'kepala_keluarga'],
      ['SITI XLSX', `${kel}.001.002`, 'istri'],
    ]);
    expect(stored[0]!.birth_date.getFullYear()).toBe(1975);
    expect(stored[0]!.birth_date.getDate()).toBe(17);

    const page = await t.app.inject({ method: 'GET', url: '/warga/impor', cookies: lurah.cookies });
    expect(page.body).toContain('href="/warga/impor/kolom"');
    const cols = await t.app.inject({ method: 'GET', url: '/warga/impor/kolom', cookies: lurah.cookies });
    expect(cols.statusCode).toBe(200);
    for (const c of ['NO_KK', 'NAMA_LGKP', 'STAT_HBKEL', 'PDDK_AKH', 'NAMA_LGKP_IBU']) expect(cols.body).toContain(c);
  });

  it('refuses a file that is not a workbook with a message saying what to do', async () => {
    const area = await t.createArea();
    const kel = area.kec[0]!.kel[1]!.code;
    const lurah = await t.createUser('lurah', kel);
    const fake = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('not a zip')]);
    const body = multipart({ _csrf: lurah.csrf, kelurahan: kel }, [
      { name: 'file', filename: 'x.xlsx', type: 'application/octet-stream', content: fake },
    ]);
    const r = await t.app.inject({ method: 'POST', url: '/warga/impor', cookies: lurah.cookies, ...body });
    expect(r.statusCode).toBe(422);
    expect(r.body).toContain('Berkas XLSX tidak dapat dibaca');
  });
});

describe('register fields on the resident pages', () => {
  let kel: { code: string; rts: string[] };
  let lurah: User;
  let region6: string;
  beforeAll(async () => {
    const area = await t.createArea();
    kel = area.kec[0]!.kel[1]!;
    lurah = await t.createUser('lurah', kel.code);
    region6 = region6Of(kel.code);
  });
  const fields = (over: Record<string, string> = {}) => ({
    nik: makeNik(region6, '1990-06-13', 'P', ++seq),
    kk: makeKk(region6, ++seq),
    fullName: 'Rahayu Lengkap',
    sex: 'P',
    birthPlace: 'Probolinggo',
    birthDate: '1990-06-13',
    relationship: 'kepala_keluarga',
    religion: 'hindu',
    occupation: 'Guru',
    maritalStatus: 'cerai_mati',
    education: 'diploma_4_s1',
    citizenship: 'WNI',
    passportNo: '',
    kitasNo: '',
    fatherName: 'I Made Ayah',
    motherName: 'Ni Luh Ibu',
    bloodType: 'B+',
    rtCode: kel.rts[0]!,
    ...over,
  });

  it('a bad value gets a message naming the field, and nothing typed is lost', async () => {
    const f = fields({ maritalStatus: 'janda', citizenship: 'WNA', fatherName: 'Ayah Tetap Ada' });
    const r = await form(lurah, '/warga', f);
    expect(r.statusCode).toBe(422);
    expect(r.body).toContain('Status perkawinan tidak dikenal. Pilih salah satu dari daftar.');
    expect(r.body).toContain('Untuk WNA, isi nomor paspor atau nomor KITAS/KITAP.');
    expect(r.body).toContain('value="janda"');
    expect(r.body).toContain('value="Ayah Tetap Ada"');
    expect(r.body).toContain(`value="${f.nik}"`);
    expect(r.body).toMatch(/<option value="WNA" selected="">/);
    expect(await countUnder(kel.code)).toBe(0);
  });

  it('stores the fields as codes, shows their labels and round-trips through the edit form', async () => {
    const f = fields();
    const r = await form(lurah, '/warga', f);
    expect(r.statusCode).toBe(303);
    const id = Number(/\/warga\/(\d+)/.exec(r.headers.location as string)![1]);
    const row = await t.db.selectFrom('residents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      religion: 'hindu',
      marital_status: 'cerai_mati',
      education: 'diploma_4_s1',
      citizenship: 'WNI',
      father_name: 'I Made Ayah',
      mother_name: 'Ni Luh Ibu',
      blood_type: 'B+',
    });
    const detail = await t.app.inject({ method: 'GET', url: `/warga/${id}`, cookies: lurah.cookies });
    expect(detail.body).toMatch(/data-testid="resident-marital">Cerai mati</);
    expect(detail.body).toMatch(/data-testid="resident-education">Diploma IV\/Strata I</);
    expect(detail.body).toMatch(/data-testid="resident-religion">Hindu</);
    expect(detail.body).toMatch(/data-testid="resident-mother">Ni Luh Ibu</);

    const edit = await t.app.inject({ method: 'GET', url: `/warga/${id}/ubah`, cookies: lurah.cookies });
    expect(edit.body).toMatch(/<option value="cerai_mati" selected="">/);
    // A foreign national with a KITAS: the number is masked on the summary, full on the audited record.
    const { nik: _n, kk: _k, rtCode: _r, ...editable } = f;
    const saved = await form(lurah, `/warga/${id}/ubah`, {
      ...editable,
      citizenship: 'WNA',
      kitasNo: '2C11AB0123456',
      maritalStatus: 'CERAI HIDUP',
    });
    expect(saved.statusCode).toBe(303);
    const after = await t.db.selectFrom('residents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ citizenship: 'WNA', kitas_no: '2C11AB0123456', marital_status: 'cerai_hidup' });
    const summary = await t.app.inject({ method: 'GET', url: `/api/v1/residents/${id}`, headers: lurah.auth });
    expect(summary.json().resident).toMatchObject({ citizenship: 'WNA', kitas_no: '*********3456' });
    const full = await t.app.inject({ method: 'GET', url: `/api/v1/residents/${id}/full`, headers: lurah.auth });
    expect(full.json()).toMatchObject({ kitas_no: '2C11AB0123456' });
  });

  it('the API refuses an unknown value with the field named, all problems in one answer', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/residents',
      headers: lurah.auth,
      payload: fields({ education: 'S4', bloodType: 'Z', citizenship: 'WNI', passportNo: 'X123' }),
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.fields).toEqual([
      { field: 'education', message: 'Pendidikan terakhir tidak dikenal. Pilih salah satu dari daftar.' },
      { field: 'bloodType', message: 'Golongan darah tidak dikenal. Pilih salah satu dari daftar.' },
      {
        field: 'passportNo',
        message:
          'Nomor paspor dan KITAS/KITAP hanya diisi untuk WNA. Kosongkan kolom itu, atau pilih kewarganegaraan WNA.',
      },
    ]);
  });
});

describe('the reader letters use', () => {
  const reader = () =>
    residentsReader(t.repos.residents, { audit: t.repos.audit, pii: t.services.pii, clock: t.clock });

  async function resident() {
    const area = await t.createArea();
    const kel = area.kec[0]!.kel[0]!;
    const lurah = await t.createUser('lurah', kel.code);
    const region6 = region6Of(kel.code);
    const p = {
      nik: makeNik(region6, '1950-01-02', 'L', ++seq),
      kk: makeKk(region6, ++seq),
      fullName: 'Mbah Uji',
      sex: 'L',
      birthDate: '1950-01-02',
      relationship: 'kepala_keluarga',
      religion: 'Islam',
      maritalStatus: 'KAWIN',
      rtCode: kel.rts[0]!,
    };
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/residents', headers: lurah.auth, payload: p });
    expect(r.statusCode).toBe(201);
    return { id: r.json().id as number, ...p, lurah };
  }

  it('byId carries the register fields and the masked No. KK; kkEncOf gives the full number', async () => {
    const p = await resident();
    const r = await reader().byId(t.db, p.id);
    expect(r).toMatchObject({
      religion: 'islam',
      marital_status: 'kawin',
      kk_masked: `${p.kk.slice(0, 4)}********${p.kk.slice(12)}`,
    });
    const enc = await reader().kkEncOf(t.db, p.id);
    expect(t.services.pii.decrypt(enc!)).toBe(p.kk);
    expect(await reader().kkEncOf(t.db, 2147483000)).toBeNull();
  });

  it('markDeceased marks once, by id or NIK, audits, and refuses someone who moved away', async () => {
    const p = await resident();
    const first = await t.db.transaction().execute((trx) =>
      reader().markDeceased(trx, {
        nik: p.nik,
        date: '2026-11-30',
        note: 'Surat kematian',
        actorUserId: p.lurah.user.id,
      }),
    );
    expect(first).toEqual({ residentId: p.id, changed: true });
    const row = await t.db.selectFrom('residents').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'meninggal', status_note: 'Surat kematian' });
    expect(row.status_date!.getDate()).toBe(30);
    const again = await t.db
      .transaction()
      .execute((trx) => reader().markDeceased(trx, { residentId: p.id, date: '2026-12-01', actorUserId: null }));
    expect(again).toEqual({ residentId: p.id, changed: false });
    const audits = await t.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'details'])
      .where('action', '=', 'resident.marked_deceased')
      .where('entity_id', '=', String(p.id))
      .execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_user_id: p.lurah.user.id, details: { from: 'hidup', date: '2026-11-30' } });
    const stillThe30th = await t.db
      .selectFrom('residents')
      .select(sql<string>`status_date::text`.as('d'))
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(stillThe30th.d).toBe('2026-11-30');

    const moved = await resident();
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/residents/${moved.id}/status`,
      headers: moved.lurah.auth,
      payload: { status: 'pindah', date: '2026-10-01' },
    });
    await expect(
      t.db
        .transaction()
        .execute((trx) => reader().markDeceased(trx, { residentId: moved.id, date: '2026-11-30', actorUserId: null })),
    ).rejects.toMatchObject({ status: 409, key: 'reg.deceased_moved' });
    await expect(
      t.db
        .transaction()
        .execute((trx) => reader().markDeceased(trx, { residentId: moved.id, date: '2999-01-01', actorUserId: null })),
    ).rejects.toMatchObject({ key: 'error.validation' });
    await expect(
      t.db
        .transaction()
        .execute((trx) =>
          reader().markDeceased(trx, { residentId: 2147483000, date: '2026-11-30', actorUserId: null }),
        ),
    ).rejects.toMatchObject({ status: 404 });
  });
});
