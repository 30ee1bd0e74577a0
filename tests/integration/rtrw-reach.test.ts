// Issue 13, reachable and comparable: the programme's pages in each role's
// menu (and every menu link opens), the head's programme status on their
// home page, training times in the city's zone, the monthly report's labels
// and counts, RT/RW named with their kelurahan, and the roll-up per region.
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fixedClock, type TestApp } from '../helpers/app.js';

let t: TestApp;
type U = Awaited<ReturnType<TestApp['createUser']>>;
type Area = Awaited<ReturnType<TestApp['createArea']>>;
let area: Area;
let admin: U, camat: U, stafKec: U, lurah: U, stafKel: U, rt: U, rw: U, rtOther: U;
const A = '/api/v1/program-rtrw';
// 10:00 WIB on 2 December 2026.
const clock = fixedClock('2026-12-02T03:00:00Z');
const MONTH = '2026-12';

beforeAll(async () => {
  t = await createTestApp({ clock });
  area = await t.createArea();
  const kec = area.kec[0]!;
  const kel = kec.kel[0]!;
  admin = await t.createUser('admin_kota', area.city);
  camat = await t.createUser('camat', kec.code);
  stafKec = await t.createUser('staf_kecamatan', kec.code);
  lurah = await t.createUser('lurah', kel.code);
  stafKel = await t.createUser('staf_kelurahan', kel.code);
  rt = await t.createUser('ketua_rt', kel.rts[0]!);
  rw = await t.createUser('ketua_rw', kel.rw);
  rtOther = await t.createUser('ketua_rt', kec.kel[1]!.rts[0]!);
});
afterAll(() => t.close());

const get = (u: U, url: string) => t.app.inject({ method: 'GET', url, headers: u.auth });
const post = (u: U, url: string, payload: object = {}) =>
  t.app.inject({ method: 'POST', url, headers: u.auth, payload });
const testid = (html: string, id: string) => {
  const m = new RegExp(`<[a-z]+[^>]*data-testid="${id}"[^>]*>([\\s\\S]*?)</(li|p|section|table)>`).exec(html);
  return m ? m[0] : '';
};
const menuOf = (html: string) =>
  [...(/<details class="site-menu"[\s\S]*?<\/details>/.exec(html)?.[0] ?? '').matchAll(/href="([^"]+)"/g)].map(
    (m) => m[1]!,
  );

describe('menus', () => {
  const expected: [string, () => U, string[], string[]][] = [
    ['lurah', () => lurah, ['/rt-rw', '/rt-rw/pakta', '/program-rtrw', '/kinerja'], ['/kinerja/saya']],
    ['staf_kelurahan', () => stafKel, ['/rt-rw', '/rt-rw/pakta', '/program-rtrw', '/kinerja'], []],
    ['camat', () => camat, ['/rt-rw', '/rt-rw/pakta', '/program-rtrw', '/kinerja'], []],
    ['staf_kecamatan', () => stafKec, ['/rt-rw', '/program-rtrw', '/kinerja'], ['/rt-rw/pakta']],
    ['admin_kota', () => admin, ['/rt-rw', '/rt-rw/pakta', '/program-rtrw', '/kinerja'], []],
    ['ketua_rt', () => rt, ['/rt-rw/pakta', '/program-rtrw', '/kinerja/saya'], ['/rt-rw', '/kinerja']],
    ['ketua_rw', () => rw, ['/rt-rw/pakta', '/program-rtrw', '/kinerja/saya'], ['/rt-rw', '/kinerja']],
  ];
  it.each(expected)(
    '%s finds the programme pages in the menu, and every menu link opens',
    async (_r, who, has, not) => {
      const home = await get(who(), '/');
      expect(home.statusCode).toBe(200);
      const menu = menuOf(home.body);
      for (const href of has) expect(menu).toContain(href);
      for (const href of not) expect(menu).not.toContain(href);
      for (const href of menu) expect((await get(who(), href)).statusCode, href).toBe(200);
      // Inbox and sign-out stay outside the folded menu (reachable without opening it).
      expect(home.body).toMatch(/<\/details>\s*<ul>[\s\S]*data-testid="inbox-link"[\s\S]*action="\/keluar"/);
    },
  );
});

describe("a head's home", () => {
  it('shows what the programme asks now, and follows it as it is done', async () => {
    const kel = area.kec[0]!.kel[0]!;
    let home = (await get(rt, '/')).body;
    expect(testid(home, 'home-pact')).toContain('Belum ada pakta integritas');
    expect(testid(home, 'home-training')).toContain('Belum ada jadwal pelatihan');
    expect(testid(home, 'home-data')).toContain('belum diterima');
    expect(testid(home, 'home-honor')).toContain('Belum ada honor');
    expect(testid(home, 'home-bpjs')).toContain('belum terdaftar');

    // Appointed, a pact published: the home asks for the signature and links to it.
    expect(
      (
        await post(lurah, `/api/v1/rt-rw/regions/${kel.rts[0]}/terms`, {
          position: 'ketua',
          name: 'Pak RT Satu',
          userId: rt.user.id,
          startDate: '2026-01-01',
          endDate: '2030-12-31',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await post(admin, `/api/v1/rt-rw/pakta/versions/${area.city}`, { title: 'Pakta', body: 'Saya berjanji.' }))
        .statusCode,
    ).toBeLessThan(300);
    home = (await get(rt, '/')).body;
    expect(testid(home, 'home-pact')).toMatch(/data-state="unsigned"/);
    expect(testid(home, 'home-pact')).toContain('href="/rt-rw/pakta"');
    expect(testid(home, 'home-pact')).toContain('Tanda tangani pakta');
    expect((await post(rt, '/api/v1/rt-rw/pakta/sign')).statusCode).toBeLessThan(300);

    // A training next week at 09:00 typed without an offset, this month's package, honor paid, BPJS active.
    expect(
      (
        await post(lurah, `${A}/trainings`, {
          regionCode: kel.code,
          topic: 'operasional_portal',
          title: 'Pelatihan Portal Ketapang',
          place: 'Aula Kelurahan',
          startsAt: '2026-12-09T09:00',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await post(lurah, `${A}/data-allocations`, {
          month: MONTH,
          userId: rt.user.id,
          phone: '081234567890',
          operator: 'Telkomsel',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await post(admin, `${A}/allowance-rates`, {
          regionCode: area.city,
          role: 'ketua_rt',
          amount: 300000,
          period: 'bulanan',
          validFrom: '2026-01-01',
        })
      ).statusCode,
    ).toBe(200);
    expect((await post(lurah, `${A}/allowance-payments`, { period: '2026-11', userId: rt.user.id })).statusCode).toBe(
      200,
    );
    expect(
      (
        await post(lurah, `${A}/bpjs/enrolments`, {
          userId: rt.user.id,
          membershipNumber: 'KPJ0001',
          startDate: '2026-01-01',
          paidByCity: true,
          monthlyContribution: 16800,
          status: 'aktif',
        })
      ).statusCode,
    ).toBe(200);

    home = (await get(rt, '/')).body;
    expect(testid(home, 'home-pact')).toMatch(/data-state="signed"/);
    expect(testid(home, 'home-pact')).not.toContain('Tanda tangani pakta');
    expect(testid(home, 'home-training')).toContain('Pelatihan Portal Ketapang');
    expect(testid(home, 'home-training')).toContain('9 Desember 2026');
    expect(testid(home, 'home-training')).toContain('09.00 WIB');
    expect(testid(home, 'home-training')).toContain('Aula Kelurahan');
    expect(testid(home, 'home-data')).toMatch(/data-state="received"/);
    expect(testid(home, 'home-honor')).toMatch(/data-state="paid"/);
    expect(testid(home, 'home-honor')).toContain('2026-11');
    expect(testid(home, 'home-honor')).toContain('300.000');
    expect(testid(home, 'home-bpjs')).toContain('aktif');
    // An official's home has no head's status.
    expect((await get(lurah, '/')).body).not.toContain('data-testid="home-programme"');
  });
});

describe('training times', () => {
  it('reads a time typed without an offset in the city zone: 09:00 is stored 02:00Z and shown 09.00 WIB', async () => {
    const kel = area.kec[0]!.kel[1]!;
    const lurah2 = await t.createUser('lurah', kel.code);
    const res = await post(lurah2, `${A}/trainings`, {
      regionCode: kel.code,
      topic: 'administrasi',
      title: 'Administrasi RT',
      place: 'Balai RW',
      startsAt: '2026-12-02T09:00',
    });
    expect(res.statusCode).toBe(201);
    const { id } = res.json() as { id: number };
    const row = await t.database.pool.query('select starts_at from trainings where id = $1', [id]);
    expect((row.rows[0].starts_at as Date).toISOString()).toBe('2026-12-02T02:00:00.000Z');
    const page = (await get(lurah2, `/program-rtrw/pelatihan/${id}`)).body;
    expect(page).toContain('2 Desember 2026');
    expect(page).toContain('09.00 WIB');
    const list = (await get(lurah2, '/program-rtrw/pelatihan')).body;
    expect(list).toContain('09.00 WIB');
    expect(list).not.toContain('16.00 WIB');
    // With an explicit offset the time is taken as written.
    const z = await post(lurah2, `${A}/trainings`, {
      regionCode: kel.code,
      topic: 'administrasi',
      title: 'UTC',
      place: 'Balai RW',
      startsAt: '2026-12-02T09:00Z',
    });
    const zr = await t.database.pool.query('select starts_at from trainings where id = $1', [z.json().id]);
    expect((zr.rows[0].starts_at as Date).toISOString()).toBe('2026-12-02T09:00:00.000Z');
  });
});

/** The text a pdfkit PDF draws (its content streams inflated, the hex strings of each TJ joined). */
function pdfText(pdf: Buffer): string {
  const out: string[] = [];
  const raw = pdf.toString('latin1');
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    let body: string;
    try {
      body = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const tj of body.matchAll(/\[([^\]]*)\]\s*TJ/g))
      out.push(
        [...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''),
      );
  }
  return out.join('\n');
}

describe('monthly report', () => {
  it('prints labels, not codes, and its post counts add up', async () => {
    // A kelurahan of its own: 1 RW and 2 RT = 3 posts; one ketua appointed, three head accounts.
    const a2 = await t.createArea();
    const kel = a2.kec[0]!.kel[0]!;
    const l = await t.createUser('lurah', kel.code);
    const h1 = await t.createUser('ketua_rt', kel.rts[0]!);
    await t.createUser('ketua_rt', kel.rts[1]!);
    await t.createUser('ketua_rw', kel.rw);
    expect(
      (
        await post(l, `/api/v1/rt-rw/regions/${kel.rts[0]}/terms`, {
          position: 'ketua',
          name: 'Bu RT',
          userId: h1.user.id,
          startDate: '2026-01-01',
          endDate: '2030-12-31',
        })
      ).statusCode,
    ).toBe(201);
    const res = await get(l, `/program-rtrw/laporan.pdf?bulan=${MONTH}`);
    expect(res.statusCode).toBe(200);
    const text = pdfText(res.rawPayload);
    expect(text).toContain('Jabatan ketua RT/RW: 3');
    expect(text).toContain('Ketua menjabat: 1');
    expect(text).toContain('Jabatan kosong: 2');
    expect(text).toContain('Bulan Desember 2026');
    expect(text).toContain('Penggunaan paket data');
    expect(text).not.toContain('penggunaan_paket_data');
    for (const code of ['penggunaan_paket_data', 'operasional_portal', 'administrasi,', 'report.', 'prog.'])
      expect(text).not.toContain(code);
  });
});

describe('region names and roll-ups', () => {
  it("names every RT with its kelurahan, so two kelurahan's RT 001 differ", async () => {
    const k1 = area.kec[0]!.kel[0]!;
    const k2 = area.kec[0]!.kel[1]!;
    const page = (await get(camat, '/program-rtrw/kelengkapan')).body;
    expect(page).toContain('RT 001 / RW 001, Kelurahan Kelurahan 1-1');
    expect(page).toContain('RT 001 / RW 001, Kelurahan Kelurahan 1-2');
    const csv = (await get(camat, '/program-rtrw/kelengkapan?format=csv')).body;
    expect(csv).toContain('"RT 001 / RW 001, Kelurahan Kelurahan 1-2"');
    const heads = (await get(camat, '/rt-rw')).body;
    expect(heads).toContain(`href="/rt-rw/${k1.rts[0]}">RT 001 / RW 001, Kelurahan Kelurahan 1-1<`);
    expect(heads).toContain(`href="/rt-rw/${k2.rts[0]}">RT 001 / RW 001, Kelurahan Kelurahan 1-2<`);
    expect((await get(camat, '/program-rtrw/paket-data')).body).toContain('RW 001, Kelurahan Kelurahan 1-1');
    expect((await get(camat, '/program-rtrw/bpjs')).body).toContain('RT 001 / RW 001, Kelurahan Kelurahan 1-1');
    expect((await get(rtOther, '/')).statusCode).toBe(200);
  });

  it('rolls the kecamatan up per kelurahan with drill-down, and the city per kecamatan', async () => {
    const kec = area.kec[0]!;
    const k1 = kec.kel[0]!;
    const page = (await get(camat, '/program-rtrw/kelengkapan')).body;
    const table = testid(page, 'rollup-table');
    expect(table).toContain(`data-testid="rollup-${k1.code}"`);
    expect(table).toContain(`data-testid="rollup-${kec.kel[1]!.code}"`);
    expect(table).toContain(`href="/program-rtrw/kelengkapan?under=${k1.code}"`);
    const row = /data-testid="rollup-[0-9.]+"[\s\S]*?<\/tr>/.exec(table)![0];
    // Kelurahan 1-1: 3 posts, the RT 001 ketua appointed and signed; 2 head accounts (rt, rw), neither trained,
    // rt's data package received; December's honor due to rt only (the city set a rate for ketua_rt), not yet paid.
    const cells = [...row.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells).toEqual(['1 / 3', '1 / 1', '0 / 2', '1 / 2', '0 / 1']);
    // Drilled down to the kelurahan: the list, no roll-up.
    const one = (await get(camat, `/program-rtrw/kelengkapan?under=${k1.code}`)).body;
    expect(one).not.toContain('data-testid="rollup-table"');
    expect(one).toContain('RT 001 / RW 001, Kelurahan Kelurahan 1-1');
    expect(one).not.toContain('Kelurahan Kelurahan 1-2');
    // The city: one row per kecamatan.
    const city = testid((await get(admin, '/program-rtrw/kelengkapan')).body, 'rollup-table');
    expect(city).toContain(`data-testid="rollup-${kec.code}"`);
    expect(city).toContain(`data-testid="rollup-${area.kec[1]!.code}"`);
    // The data-package list rolls up the same way, for the month it shows.
    const data = testid((await get(camat, `/program-rtrw/paket-data?month=${MONTH}`)).body, 'rollup-table');
    const dataRow = new RegExp(`data-testid="rollup-${k1.code.replace(/\./g, '\\.')}"[\\s\\S]*?</tr>`).exec(data)![0];
    expect([...dataRow.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1])[3]).toBe('1 / 2');
    expect(data).toContain(`href="/program-rtrw/paket-data?month=${MONTH}&amp;under=${k1.code}"`);
    // A lurah's list is one kelurahan already.
    expect((await get(lurah, '/program-rtrw/kelengkapan')).body).not.toContain('data-testid="rollup-table"');
  });
});
