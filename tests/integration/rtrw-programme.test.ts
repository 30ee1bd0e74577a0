// The RT/RW programme end to end through HTTP: QR attendance (idempotent) and
// completion on the head's record; the BPJS, data-package and allowance lists
// for a kelurahan with their CSV/XLSX exports checked against sums computed
// here; and scope (a head sees only their own, a lurah only their kelurahan).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
type U = Awaited<ReturnType<TestApp['createUser']>>;
let kel: string, city: string, lurah: U, admin: U, rt1: U, rt2: U, rw: U, outsider: U, otherLurah: U;
const A = '/api/v1/program-rtrw';

beforeAll(async () => {
  t = await createTestApp();
  const area = await t.createArea();
  const k = area.kec[0]!.kel[0]!;
  const sib = area.kec[0]!.kel[1]!;
  kel = k.code;
  city = area.city;
  admin = await t.createUser('admin_kota', area.city);
  lurah = await t.createUser('lurah', kel);
  otherLurah = await t.createUser('lurah', sib.code);
  rt1 = await t.createUser('ketua_rt', k.rts[0]!);
  rt2 = await t.createUser('ketua_rt', k.rts[1]!);
  rw = await t.createUser('ketua_rw', k.rw);
  outsider = await t.createUser('ketua_rt', sib.rts[0]!);
});
afterAll(() => t.close());

const get = (u: U, url: string) => t.app.inject({ method: 'GET', url, headers: u.auth });
const post = (u: U, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: u.auth, payload });

async function readXlsx(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}
/** CSV rows; quoted fields may hold commas (region labels: "RT 001 / RW 001, Kelurahan …"). */
const csvRows = (body: string) =>
  body
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n')
    .map((l) =>
      [...l.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"')),
    );

describe('training', () => {
  it('QR attendance marks the head once, and completion shows on their record', async () => {
    const res = await post(lurah, `${A}/trainings`, {
      regionCode: kel,
      topic: 'operasional_portal',
      title: 'Operasional Portal Gelombang 1',
      place: 'Aula Kelurahan',
      startsAt: '2026-02-10T09:00',
    });
    expect(res.statusCode).toBe(201);
    const { id, attendanceUrl } = res.json() as { id: number; attendanceUrl: string };
    const page = await get(lurah, `/program-rtrw/pelatihan/${id}`);
    expect(page.body).toContain('<svg');
    expect(page.body).toContain(rt1.user.full_name);

    for (let i = 0; i < 2; i++) expect((await get(rt1, attendanceUrl)).statusCode).toBe(200);
    const n = await t.database.pool.query(
      'select count(*)::int as n from training_attendance where training_id = $1 and user_id = $2',
      [id, rt1.user.id],
    );
    expect(n.rows[0].n).toBe(1);
    // Not invited (another kelurahan): the link does not exist for them.
    expect((await get(outsider, attendanceUrl)).statusCode).toBe(404);
    // The trainer ticks another head; twice is still once.
    for (let i = 0; i < 2; i++)
      expect((await post(lurah, `${A}/trainings/${id}/attendance`, { userId: rt2.user.id })).statusCode).toBe(200);

    const mine = (await get(rt1, `${A}/me`)).json() as { attended: { topic: string }[]; missing: string[] };
    expect(mine.attended.map((a) => a.topic)).toEqual(['operasional_portal']);
    expect(mine.missing).not.toContain('operasional_portal');
    expect((await get(rt1, '/program-rtrw')).body).toContain('Operasional Portal Gelombang 1');

    const completion = (await get(lurah, `${A}/training-completion`)).json() as {
      items: { userId: number; topics: string[] }[];
    };
    expect(completion.items.find((x) => x.userId === rw.user.id)?.topics).toEqual([]);
    expect(completion.items.find((x) => x.userId === rt2.user.id)?.topics).toEqual(['operasional_portal']);
    const csv = await get(lurah, '/program-rtrw/kelengkapan?format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csvRows(csv.body)).toHaveLength(1 + 3);
  });
});

describe('lists and exports for a kelurahan', () => {
  it('BPJS monthly contribution list: XLSX and CSV totals match', async () => {
    const enrol = (u: U, amount: number, status = 'aktif') =>
      post(lurah, `${A}/bpjs/enrolments`, {
        userId: u.user.id,
        membershipNumber: `KPJ${u.user.id}`,
        startDate: '2026-01-01',
        paidByCity: true,
        monthlyContribution: amount,
        status,
      });
    expect((await enrol(rt1, 16800)).statusCode).toBe(200);
    expect((await enrol(rw, 20000)).statusCode).toBe(200);
    expect((await enrol(rt2, 99999, 'nonaktif')).statusCode).toBe(200);
    expect((await enrol(outsider, 1)).statusCode).toBe(404);
    const claim = await post(lurah, `${A}/bpjs/claims`, {
      userId: rt1.user.id,
      kind: 'kecelakaan',
      description: 'Jatuh saat kerja bakti',
    });
    expect(claim.statusCode).toBe(201);

    const expected = 16800 + 20000;
    const rows = await readXlsx((await get(lurah, `/program-rtrw/bpjs?format=xlsx`)).rawPayload);
    const data = rows.slice(1, -1);
    expect(data).toHaveLength(2);
    expect(data.reduce((a: number, r) => a + (r[5] as number), 0)).toBe(expected);
    expect(rows.at(-1)![5]).toBe(expected);
    const csv = csvRows((await get(lurah, `${A}/bpjs/monthly?format=csv`)).body);
    expect(csv.slice(1, -1).reduce((a, r) => a + Number(r[5]), 0)).toBe(expected);
    expect(Number(csv.at(-1)![5])).toBe(expected);
  });

  it('data-package distribution list with the portal use measured per head', async () => {
    const month = '2026-03';
    expect(
      (
        await post(lurah, `${A}/data-allocations`, {
          month,
          userId: rt1.user.id,
          phone: '081234567890',
          operator: 'Telkomsel',
          receiptNote: 'TT-01',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await post(lurah, `${A}/data-allocations`, {
          month,
          userId: rt1.user.id,
          phone: '081234567890',
          operator: 'Telkomsel',
          receiptNote: 'TT-01',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await post(lurah, `${A}/data-allocations`, {
          month,
          userId: rw.user.id,
          phone: '085712345678',
          operator: 'Indosat',
        })
      ).statusCode,
    ).toBe(200);
    const rows = await readXlsx((await get(lurah, `/program-rtrw/paket-data?month=${month}&format=xlsx`)).rawPayload);
    const data = rows.slice(1, -1);
    expect(data).toHaveLength(3);
    const quota = data.reduce((a: number, r) => a + ((r[7] as number | null) ?? 0), 0);
    expect(quota).toBe(2 * 8192);
    expect(rows.at(-1)![7]).toBe(quota);
    const csv = csvRows((await get(lurah, `/program-rtrw/paket-data?month=${month}&format=csv`)).body);
    expect(Number(csv.at(-1)![7])).toBe(quota);

    // Bytes served to the head's session are counted (this month, estimate).
    for (let i = 0; i < 3; i++) await get(rt1, '/program-rtrw');
    await t.services.programme.flushUsage();
    const now = t.services.programme.currentMonth();
    const r = await t.database.pool.query(
      `select sum(bytes)::bigint as b from portal_usage where user_id = $1 and to_char(day, 'YYYY-MM') = $2`,
      [rt1.user.id, now],
    );
    expect(Number(r.rows[0].b)).toBeGreaterThan(1000);
    const list = (await get(lurah, `${A}/data-allocations`)).json() as {
      items: { userId: number; usedMb: number; portalMb: number }[];
    };
    expect(list.items.find((x) => x.userId === rt1.user.id)!.portalMb).toBe(4096);
  });

  it('allowance payment list, marked paid once, exported with its total', async () => {
    expect(
      (
        await post(admin, `${A}/allowance-rates`, {
          regionCode: city,
          role: 'ketua_rt',
          amount: 300000,
          period: 'bulanan',
          validFrom: '2025-01-01',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await post(admin, `${A}/allowance-rates`, {
          regionCode: city,
          role: 'ketua_rw',
          amount: 400000,
          period: 'bulanan',
          validFrom: '2025-01-01',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await post(lurah, `${A}/allowance-rates`, {
          regionCode: city,
          role: 'ketua_rw',
          amount: 1,
          period: 'bulanan',
          validFrom: '2025-01-01',
        })
      ).statusCode,
    ).toBe(403);
    const period = '2026-02';
    for (let i = 0; i < 2; i++)
      expect((await post(lurah, `${A}/allowance-payments`, { period, userId: rt1.user.id })).statusCode).toBe(200);
    const n = await t.database.pool.query(
      'select count(*)::int as n from allowance_payments where period = $1 and user_id = $2',
      [period, rt1.user.id],
    );
    expect(n.rows[0].n).toBe(1);
    const json = (await get(lurah, `${A}/allowance-payments?period=${period}`)).json() as {
      items: { amount: number }[];
      total: number;
      totalPaid: number;
    };
    expect(json.items).toHaveLength(3);
    expect(json.total).toBe(300000 + 300000 + 400000);
    expect(json.totalPaid).toBe(300000);
    const rows = await readXlsx((await get(lurah, `/program-rtrw/honor?period=${period}&format=xlsx`)).rawPayload);
    const sumRows = rows.slice(1, -1).reduce((a: number, r) => a + (r[3] as number), 0);
    expect(sumRows).toBe(1000000);
    expect(rows.at(-1)![3]).toBe(1000000);
    const csv = csvRows((await get(lurah, `/program-rtrw/honor?period=${period}&format=csv`)).body);
    expect(Number(csv.at(-1)![3])).toBe(1000000);
    expect((await get(lurah, `/program-rtrw/honor?period=${period}`)).body).toContain('data-testid="allowance-table"');
  });
});

describe('scope', () => {
  it('a head sees only their own records', async () => {
    const me = (await get(outsider, `${A}/me`)).json() as {
      attended: unknown[];
      enrolment: unknown;
      payments: unknown[];
    };
    expect(me.attended).toEqual([]);
    expect(me.enrolment).toBeNull();
    expect(me.payments).toEqual([]);
    expect((await get(rt1, `${A}/bpjs/monthly`)).statusCode).toBe(403);
    expect((await get(rt1, '/program-rtrw/honor')).statusCode).toBe(403);
  });
  it('a lurah sees only their kelurahan', async () => {
    expect((await get(otherLurah, `${A}/bpjs/monthly?under=${kel}`)).statusCode).toBe(404);
    const own = (await get(otherLurah, `${A}/allowance-payments?period=2026-02`)).json() as {
      items: { userId: number }[];
    };
    expect(own.items.map((x) => x.userId)).toEqual([outsider.user.id]);
    const page = await get(otherLurah, '/program-rtrw/bpjs');
    expect(page.body).not.toContain(`KPJ${rt1.user.id}`);
    expect(
      (await post(otherLurah, `${A}/allowance-payments`, { period: '2026-02', userId: rt2.user.id })).statusCode,
    ).toBe(404);
  });
});

describe('monthly report', () => {
  it('a lurah downloads the kelurahan report as a PDF; another kelurahan is out of reach', async () => {
    const t2 = await createTestApp();
    try {
      const area = await t2.createArea();
      const kel = area.kec[0]!.kel[0]!;
      const lurah = await t2.createUser('lurah', kel.code);
      await t2.createUser('ketua_rt', kel.rts[0]!);
      const res = await t2.app.inject({
        method: 'GET',
        url: '/program-rtrw/laporan.pdf?bulan=2026-11',
        headers: lurah.auth,
      });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const other = await t2.app.inject({
        method: 'GET',
        url: `/program-rtrw/laporan.pdf?wilayah=${area.kec[0]!.kel[1]!.code}`,
        headers: lurah.auth,
      });
      expect(other.statusCode).toBe(404);
    } finally {
      await t2.close();
    }
  });
});
