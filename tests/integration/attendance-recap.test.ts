// The recap of a unit of 200 employees with a month of records: the page and
// each export (CSV, XLSX, PDF, JSON) list everyone, and the XLSX holds the
// figures the records give. The people and records are inserted with SQL (an
// account through the service costs an argon2 hash each); the test computes
// each person's figures from the same generator and checks them against the
// XLSX the app sends. How fast the recap is (the "under one second")
// is measured by bench/recap.ts, against a baseline of the same run.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createEmployee, createUnit, makeNip, type TestEmployee } from '../helpers/staff.js';

const PEOPLE = 200;
const MONTH = '2026-03';
// Wednesday 1 April 2026, 09:00 WIB: March is over.
const clock = fixedClock('2026-04-01T02:00:00Z');

/** March 2026 working days under the default schedule (no holidays in a test city): day of month → end time. */
const workDays = Array.from({ length: 31 }, (_, i) => i + 1)
  .map((day) => ({ day, dow: new Date(Date.UTC(2026, 2, day)).getUTCDay() }))
  .filter((d) => d.dow >= 1 && d.dow <= 5)
  .map((d) => ({ day: d.day, end: d.dow === 5 ? '16:30' : '16:00' }));

/** Person n on a working day: absent, or minutes late (≤ 0 is on time) and minutes left early. */
function plan(n: number, day: number) {
  if ((n + day) % 11 === 0) return null;
  return { late: ((n * 7 + day * 3) % 50) - 10, early: (n + day) % 5 === 0 ? 20 : 0 };
}
const wib = (day: number, hhmm: string, plusMin: number) =>
  new Date(Date.UTC(2026, 2, day, Number(hhmm.slice(0, 2)) - 7, Number(hhmm.slice(3)) + plusMin));

/** What the recap must say for person n, by the city's default rules (TL/PSW 1–4 at 0.5/1/1.25/1.5 %, TK 3 %). */
function expected(n: number) {
  let present = 0;
  let lateMinutes = 0;
  let tk = 0;
  let cut = 0;
  const bands: Record<string, number> = { TL1: 0, TL2: 0, TL3: 0, TL4: 0, PSW1: 0, PSW2: 0, PSW3: 0, PSW4: 0 };
  for (const { day } of workDays) {
    const p = plan(n, day);
    if (!p) {
      tk++;
      cut += 3;
      continue;
    }
    present++;
    if (p.late > 0) {
      lateMinutes += p.late;
      const band = p.late <= 30 ? 'TL1' : 'TL2';
      bands[band]!++;
      cut += band === 'TL1' ? 0.5 : 1;
    }
    if (p.early) {
      bands.PSW1!++;
      cut += 0.5;
    }
  }
  return {
    workDays: workDays.length,
    present,
    lateMinutes,
    tk,
    bands,
    cut: Math.round(Math.min(cut, 100) * 100) / 100,
  };
}

let t: TestApp;
let head: TestEmployee;
let unitId: number;
const ids: number[] = [];
const nips: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ clock, config: { SESSION_TTL_HOURS: '720' } });
  const area = await t.createArea();
  const admin = await t.createUser('admin_kota', area.city);
  const unit = await createUnit(t, admin, { name: 'Dinas Kependudukan dan Pencatatan Sipil' });
  unitId = unit.id;
  head = await createEmployee(t, admin, { unitId, name: 'Kepala Dinas Dukcapil', head: true });
  const pool = t.database.pool;
  // The other 199: users and employees in two statements.
  const taken = new Set([head.nip]);
  while (taken.size < PEOPLE) taken.add(makeNip());
  const others = [...taken].slice(1);
  const hash = (await pool.query('select password_hash from users where id = $1', [head.userId])).rows[0]
    .password_hash as string;
  const users = await pool.query(
    `insert into users (username, full_name, role, region_code, password_hash)
     select n, 'Pegawai ' || lpad(i::text, 3, '0'), 'pegawai', $2, $3 from unnest($1::text[]) with ordinality as x(n, i) returning id, username`,
    [others, area.city, hash],
  );
  const byNip = new Map(users.rows.map((r: { id: number; username: string }) => [r.username, r.id]));
  const emps = await pool.query(
    `insert into employees (user_id, nip, kind, position, unit_id, start_date, created_at) select u, n, 'PNS', 'Analis', $3, '2020-01-02', '2020-01-02' from unnest($1::int[], $2::text[]) as x(u, n) returning id, nip`,
    [others.map((n) => byNip.get(n)), others, unitId],
  );
  const all = [{ id: head.id, nip: head.nip }, ...(emps.rows as { id: number; nip: string }[])];
  for (const e of all) {
    ids.push(e.id);
    nips.push(e.nip);
  }
  // A month of records for everyone, in one statement.
  const cols = {
    emp: [] as number[],
    key: [] as string[],
    kind: [] as string[],
    at: [] as string[],
    day: [] as string[],
  };
  ids.forEach((id, n) => {
    for (const { day, end } of workDays) {
      const p = plan(n, day);
      if (!p) continue;
      const date = `${MONTH}-${String(day).padStart(2, '0')}`;
      for (const [kind, at] of [
        ['masuk', wib(day, '07:30', p.late)],
        ['pulang', wib(day, end, p.early ? -p.early : 5)],
      ] as const) {
        cols.emp.push(id);
        cols.key.push(`bulk-${id}-${date}-${kind}`);
        cols.kind.push(kind);
        cols.at.push(at.toISOString());
        cols.day.push(date);
      }
    }
  });
  await pool.query(
    `insert into attendance_records (employee_id, idempotency_key, kind, taken_at, device_time, received_at, work_date)
     select e, k, w, a, a, a, d from unnest($1::int[], $2::text[], $3::text[], $4::timestamptz[], $5::date[]) as x(e, k, w, a, d)`,
    [cols.emp, cols.key, cols.kind, cols.at, cols.day],
  );
});
afterAll(() => t.close());

async function get(url: string) {
  const res = await t.app.inject({ method: 'GET', url, cookies: head.cookies });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res;
}

describe(`recap of a unit of ${PEOPLE}`, () => {
  it('renders the page and each export for everyone, with the figures the records give', async () => {
    const base = `/presensi/rekap?unit=${unitId}&bulan=${MONTH}`;
    const page = await get(base);
    expect(page.body.match(/data-testid="recap-\d+"/g)).toHaveLength(PEOPLE);
    const csv = await get(`${base}&format=csv`);
    expect(csv.body.trim().split('\r\n')).toHaveLength(PEOPLE + 1);
    const xlsx = await get(`${base}&format=xlsx`);
    const pdf = await get(`${base}&format=pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const api = (await get(`/api/v1/attendance/recap?unit=${unitId}&month=${MONTH}`)).json() as {
      month: string;
      rows: { employee: { nip: string } }[];
    };
    expect(api.month).toBe(MONTH);
    expect(api.rows.map((r) => r.employee.nip).sort()).toEqual([...nips].sort());

    // The XLSX holds numbers equal to the test's own computation.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (name: string) => header.indexOf(name) + 1;
    const rows = new Map((ws.getSheetValues().slice(2) as unknown[][]).map((r) => [r[1] as string, r]));
    expect(rows.size).toBe(PEOPLE);
    for (const n of [0, 1, 7, 42, 199]) {
      const want = expected(n);
      const row = rows.get(nips[n]!)!;
      expect(row, `person ${n}`).toBeDefined();
      expect(
        {
          workDays: row[col('Hari kerja')],
          present: row[col('Hadir')],
          lateMinutes: row[col('Menit terlambat')],
          tk: row[col('Tanpa keterangan')],
          cut: row[col('Potongan TPP (%)')],
          bands: Object.fromEntries(Object.keys(want.bands).map((b) => [b, row[col(b)]])),
        },
        `person ${n}`,
      ).toEqual(want);
    }
  });
});
