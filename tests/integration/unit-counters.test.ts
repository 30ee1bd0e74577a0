// Counters per unit for heads (issue 15 item 8, /surat/pantau): the head of a dinas sees their unit and each unit
// below with incoming unread (by the unit's head), not followed up, dispositions unread and dispositions overdue.
// Every number equals an independent SQL count written here, and the list it links to has that many rows; a
// rahasia naskah of a unit below is not counted for the head above (they may not see it); a head elsewhere gets
// 404 for these lists. The personal "not followed up" counter of /surat counts the units the person heads.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { naskahBody } from '../helpers/cases/correspondence.js';
import { createEmployee, createUnit, type TestEmployee } from '../helpers/staff.js';

const clock = fixedClock('2026-12-07T01:00:00Z'); // Monday 08:00 WIB
let t: TestApp;
let headA: TestEmployee, kabid: TestEmployee, tuB: TestEmployee, staffA: TestEmployee, staffB: TestEmployee;
let headX: TestEmployee;
let unitA: number, unitB: number, unitC: number;
const STATES = ['unread', 'pending', 'disp_unread', 'disp_overdue'] as const;

type Who = { auth: Record<string, string> };
const post = (who: Who, url: string, payload: Record<string, unknown> = {}) =>
  t.app.inject({ method: 'POST', url, headers: who.auth, payload });
const get = (who: Who, url: string) => t.app.inject({ method: 'GET', url, headers: who.auth });
const page = (who: { cookies: Record<string, string> }, url: string) =>
  t.app.inject({ method: 'GET', url, cookies: who.cookies });

async function register(who: Who, unitId: number, extra: Record<string, unknown> = {}) {
  const r = await post(
    who,
    '/api/v1/naskah',
    naskahBody(unitId, {
      senderDate: '2026-12-07',
      receivedDate: '2026-12-07',
      perihal: 'Naskah pantauan',
      senderNumber: `P/${Math.random().toString(36).slice(2, 9)}/2026`,
      ...extra,
    }),
  );
  expect(r.statusCode, r.body).toBe(201);
  return (r.json() as { id: number }).id;
}
async function dispose(who: Who, naskahId: number, to: number[], dueDate: string, parentId?: number) {
  const r = await post(who, `/api/v1/naskah/${naskahId}/dispositions`, {
    to,
    instructions: ['ditindaklanjuti'],
    dueDate,
    ...(parentId ? { parentId } : {}),
  });
  expect(r.statusCode, r.body).toBe(201);
  return (r.json() as { ids: number[] }).ids;
}

/** The counts as the head of A may see them, written independently of the module's SQL. */
async function expectedFor(unitId: number, today: string) {
  const seen = sql`(n.security_class not in ('rahasia', 'sangat_rahasia') or n.unit_id = ${unitA})`;
  const one = async (q: ReturnType<typeof sql<{ c: number }>>) => Number((await q.execute(t.db)).rows[0]!.c);
  return {
    unread: await one(sql<{ c: number }>`
      select count(*)::int as c from naskah n join org_units u on u.id = n.unit_id
      where n.unit_id = ${unitId} and n.direction = 'masuk' and ${seen}
        and n.id not in (select r.naskah_id from naskah_reads r join employees e on e.user_id = r.user_id
                         where e.id is not distinct from u.head_employee_id)`),
    pending: await one(sql<{ c: number }>`
      select count(*)::int as c from naskah n
      where n.unit_id = ${unitId} and n.direction = 'masuk' and n.status = 'diterima' and n.closed_at is null and ${seen}`),
    disp_unread: await one(sql<{ c: number }>`
      select count(*)::int as c from naskah_dispositions d join naskah n on n.id = d.naskah_id
      join employees e on e.id = d.to_employee_id
      where e.unit_id = ${unitId} and d.withdrawn_at is null and d.closed_at is null and d.read_at is null and ${seen}`),
    disp_overdue: await one(sql<{ c: number }>`
      select count(*)::int as c from naskah_dispositions d join naskah n on n.id = d.naskah_id
      join employees e on e.id = d.to_employee_id
      where e.unit_id = ${unitId} and d.withdrawn_at is null and d.closed_at is null
        and d.due_date < ${today}::date and ${seen}`),
  };
}
const shown = (body: string, unitId: number, state: string) => {
  const m = new RegExp(`data-testid="pantau-${unitId}-${state}">(\\d+)<`).exec(body);
  return m ? Number(m[1]) : null;
};

beforeAll(async () => {
  t = await createTestApp({ clock, config: { SESSION_TTL_HOURS: '720' } });
  const area = await t.createArea();
  const admin = await t.createUser('admin_kota', area.city);
  const a = await createUnit(t, admin, { name: 'Dinas Pantauan' });
  const b = await createUnit(t, admin, { name: 'Bidang Pantauan', parentId: a.id });
  const c = await createUnit(t, admin, { name: 'Bidang Sepi', parentId: a.id });
  const x = await createUnit(t, admin, { name: 'Dinas Lain Pantauan' });
  [unitA, unitB, unitC] = [a.id, b.id, c.id];
  headA = await createEmployee(t, admin, { unitId: a.id, head: true, name: 'Kepala Dinas Pantau' });
  staffA = await createEmployee(t, admin, { unitId: a.id, name: 'Staf Dinas Pantau' });
  kabid = await createEmployee(t, admin, { unitId: b.id, head: true, name: 'Kabid Pantau' });
  tuB = await createEmployee(t, admin, { unitId: b.id, name: 'TU Bidang Pantau' });
  staffB = await createEmployee(t, admin, { unitId: b.id, name: 'Staf Bidang Pantau' });
  headX = await createEmployee(t, admin, { unitId: x.id, head: true, name: 'Kepala Lain' });
  await t.services.correspondence.addDesk(admin.ctx, b.id, tuB.nip);

  // Unit A: three naskah registered by its head (opened by them); one disposed to two people, one closed.
  const a1 = await register(headA, unitA);
  const a2 = await register(headA, unitA);
  await register(headA, unitA);
  const [toStaffA, toKabid] = (await dispose(headA, a1, [staffA.id, kabid.id], '2026-12-08')) as [number, number];
  expect((await post(headA, `/api/v1/naskah/${a2}/close`, { note: 'Untuk diketahui saja' })).statusCode).toBe(200);
  // The kabid passes theirs on to their staff, who reads it; staffA never opens theirs.
  const [toStaffB] = await dispose(kabid, a1, [staffB.id], '2026-12-09', toKabid);
  expect((await get(staffB, `/api/v1/dispositions/${toStaffB}`)).statusCode).toBe(200);
  void toStaffA;
  // Unit B: two naskah registered by its TU desk (the kabid has not opened them), one opened by the kabid;
  // and a rahasia one the head of A may not see.
  const b1 = await register(tuB, unitB);
  await register(tuB, unitB);
  expect((await get(kabid, `/api/v1/naskah/${b1}`)).statusCode).toBe(200);
  await register(tuB, unitB, { securityClass: 'rahasia' });
  // A later disposition of a B naskah, due later: not overdue.
  await dispose(kabid, b1, [staffB.id], '2026-12-20');
  clock.set('2026-12-10T01:00:00Z');
});
afterAll(() => t.close());

describe('per-unit counters for heads', () => {
  it('each number equals the independent count and its list has that many rows', async () => {
    const res = await page(headA, '/surat/pantau');
    expect(res.statusCode).toBe(200);
    for (const unitId of [unitA, unitB, unitC]) {
      const want = await expectedFor(unitId, '2026-12-10');
      for (const st of STATES) {
        expect(shown(res.body, unitId, st), `${unitId} ${st}`).toBe(want[st]);
        const list = await page(headA, `/surat/pantau/${unitId}/${st}`);
        expect(list.statusCode).toBe(200);
        const rows = (list.body.match(/data-testid="pantau-(naskah|disposition)-\d+"/g) ?? []).length;
        expect(rows, `${unitId} ${st} list`).toBe(want[st]);
      }
    }
  });

  it('the figures are what happened: not hard zeros', async () => {
    const res = await page(headA, '/surat/pantau');
    // A: the third naskah is pending (one disposed, one closed); B: b2 unread by the kabid (b1 opened).
    expect(shown(res.body, unitA, 'pending')).toBe(1);
    expect(shown(res.body, unitA, 'disp_unread')).toBe(1); // staffA never opened theirs
    expect(shown(res.body, unitA, 'disp_overdue')).toBe(1);
    expect(shown(res.body, unitB, 'unread')).toBe(1); // the rahasia one is not counted for the head of A
    expect(shown(res.body, unitB, 'disp_overdue')).toBe(2); // the kabid's (passed on, open) and staffB's
    expect(shown(res.body, unitC, 'pending')).toBe(0);
  });

  it('the head below sees their own unit only, the rahasia one included', async () => {
    const res = await page(kabid, '/surat/pantau');
    expect(shown(res.body, unitA, 'pending')).toBeNull();
    expect(shown(res.body, unitB, 'unread')).toBe(2);
    expect((await page(kabid, `/surat/pantau/${unitA}/pending`)).statusCode).toBe(404);
  });

  it('a head elsewhere and a staff member get nothing of these units', async () => {
    expect((await page(headX, `/surat/pantau/${unitB}/unread`)).statusCode).toBe(404);
    expect(shown((await page(headX, '/surat/pantau')).body, unitA, 'pending')).toBeNull();
    const staff = await page(staffA, '/surat/pantau');
    expect(staff.statusCode).toBe(200);
    expect(staff.body).toContain('data-testid="pantau-none"');
    expect((await page(staffA, `/surat/pantau/${unitA}/pending`)).statusCode).toBe(404);
  });

  it('the personal counter of /surat: not followed up in the units the person heads', async () => {
    const home = await page(headA, '/surat');
    const m = /data-testid="surat-counter-pending">[\s\S]*?<strong>(\d+)<\/strong>/.exec(home.body);
    expect(Number(m?.[1])).toBe((await expectedFor(unitA, '2026-12-10')).pending);
    const kab = await page(kabid, '/surat');
    const k = /data-testid="surat-counter-pending">[\s\S]*?<strong>(\d+)<\/strong>/.exec(kab.body);
    expect(Number(k?.[1])).toBe(2); // b2 and the rahasia one
    // No heads' counter for who heads nothing (the menu entry stays: staff may open the page, it says so).
    expect((await page(staffA, '/surat')).body).not.toContain('surat-counter-pending');
  });
});
