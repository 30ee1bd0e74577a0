// Queues follow the delegate (issue 15 item 1) for disposisi: while a Plh. for the kabid is in force, the Plh. sees
// the kabid's dispositions in their own list (marked "Plh. — a.n. <kabid>"), opens a rahasia naskah disposed to the
// kabid (which they could not see before), opens the disposition (the read receipt), passes it on and reports it;
// each act is recorded with both names and the naskah page shows them. Someone else in the unit sees nothing of it,
// and when the window has ended the Plh. no longer sees or acts on what is still open (404).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.js';
import type { ActingTables } from '../../src/modules/employees/acting-tables.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { naskahBody } from '../helpers/cases/correspondence.js';
import { createEmployee, createUnit, type TestEmployee } from '../helpers/staff.js';

const clock = fixedClock('2026-06-01T01:00:00Z'); // Monday 08:00 WIB
let t: TestApp;
let admin: Awaited<ReturnType<TestApp['createUser']>>;
let headA: TestEmployee, kabid: TestEmployee, plh: TestEmployee, staffB: TestEmployee, colleague: TestEmployee;
let bidangId: number, unitA: number;
let naskah1: number, naskah2: number, naskah3: number, d1: number, d2: number, d3: number, child: number;
let assignmentId: number;

type Who = { auth: Record<string, string> };
const post = (who: Who, url: string, payload: Record<string, unknown> = {}) =>
  t.app.inject({ method: 'POST', url, headers: who.auth, payload });
const get = (who: Who, url: string) => t.app.inject({ method: 'GET', url, headers: who.auth });
const page = (who: { cookies: Record<string, string> }, url: string) =>
  t.app.inject({ method: 'GET', url, cookies: who.cookies });

async function registerAndDispose(perihal: string) {
  const reg = await post(
    headA,
    '/api/v1/naskah',
    naskahBody(unitA, {
      senderDate: '2026-06-01',
      receivedDate: '2026-06-01',
      perihal,
      securityClass: 'rahasia',
      senderNumber: `R/${Math.random().toString(36).slice(2, 9)}/2026`,
    }),
  );
  expect(reg.statusCode, reg.body).toBe(201);
  const id = (reg.json() as { id: number }).id;
  const d = await post(headA, `/api/v1/naskah/${id}/dispositions`, {
    to: [kabid.id],
    instructions: ['ditindaklanjuti'],
    dueDate: '2026-06-10',
  });
  expect(d.statusCode, d.body).toBe(201);
  return { id, dispositionId: (d.json() as { ids: number[] }).ids[0]! };
}
const acts = () =>
  t.db
    .withTables<ActingTables>()
    .selectFrom('acting_acts')
    .select(['entity_type', 'entity_id', 'step', 'actor_employee_id', 'holder_employee_id', 'kind'])
    .where('assignment_id', '=', assignmentId)
    .orderBy('id')
    .execute();

beforeAll(async () => {
  t = await createTestApp({ clock, config: { SESSION_TTL_HOURS: '720' } });
  const area = await t.createArea();
  admin = await t.createUser('admin_kota', area.city);
  const a = await createUnit(t, admin, { name: 'Dinas Delegasi' });
  const b = await createUnit(t, admin, { name: 'Bidang Delegasi', parentId: a.id });
  unitA = a.id;
  bidangId = b.id;
  headA = await createEmployee(t, admin, { unitId: a.id, head: true, name: 'Kepala Dinas Delegasi' });
  kabid = await createEmployee(t, admin, { unitId: b.id, head: true, name: 'Kabid Berhalangan' });
  plh = await createEmployee(t, admin, { unitId: b.id, name: 'Pelaksana Harian Surat' });
  staffB = await createEmployee(t, admin, { unitId: b.id, name: 'Staf Bidang Delegasi' });
  colleague = await createEmployee(t, admin, { unitId: b.id, name: 'Rekan Sebidang' });
  ({ id: naskah1, dispositionId: d1 } = await registerAndDispose('Rahasia untuk kabid'));
  ({ id: naskah2, dispositionId: d2 } = await registerAndDispose('Rahasia kedua untuk kabid'));
  ({ id: naskah3, dispositionId: d3 } = await registerAndDispose('Rahasia ketiga untuk kabid'));
});
afterAll(() => t.close());

describe('a Plh. for the kabid takes the kabid’s dispositions', () => {
  it('before any Plh. is named the staff member sees nothing of the rahasia naskah', async () => {
    expect((await get(plh, `/api/v1/naskah/${naskah1}`)).statusCode).toBe(404);
    expect((await get(plh, `/api/v1/dispositions/${d1}`)).statusCode).toBe(404);
  });

  it('with the Plh. in force: the kabid’s dispositions are in the Plh.’s list, marked a.n.', async () => {
    const r = await post(admin, '/api/v1/employees/acting', {
      unitId: bidangId,
      kind: 'plh',
      delegateNumber: plh.nip,
      fromDate: '2026-06-01',
      untilDate: '2026-06-03',
      decree: '800.1.11.1/077/DELEGASI/2026',
      reason: 'Kepala bidang dinas luar',
    });
    expect(r.statusCode, r.body).toBe(201);
    assignmentId = (r.json() as { id: number }).id;
    expect((await get(plh, `/api/v1/naskah/${naskah1}`)).statusCode).toBe(200);
    const list = await page(plh, '/surat/disposisi');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`data-testid="disposition-row-${d1}"`);
    expect(list.body).toContain(`data-testid="disposition-on-behalf-${d1}"`);
    expect(list.body).toContain('Plh. — a.n. Kabid Berhalangan');
    // Someone else in the unit: nothing.
    expect((await get(colleague, `/api/v1/naskah/${naskah1}`)).statusCode).toBe(404);
    expect((await page(colleague, '/surat/disposisi')).body).not.toContain(`disposition-row-${d1}"`);
  });

  it('the Plh. opens it: the read receipt is the disposition’s, recorded with both names', async () => {
    const opened = await get(plh, `/api/v1/dispositions/${d1}`);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json().readAt).not.toBeNull();
    expect(await acts()).toEqual([
      {
        entity_type: 'naskah_disposition',
        entity_id: String(d1),
        step: 'baca',
        actor_employee_id: plh.id,
        holder_employee_id: kabid.id,
        kind: 'plh',
      },
    ]);
  });

  it('the Plh. passes it on (from the kabid, a.n.) and reports; the trail shows both names', async () => {
    const sub = await post(plh, `/api/v1/naskah/${naskah1}/dispositions`, {
      parentId: d1,
      to: [staffB.id],
      instructions: ['ditindaklanjuti'],
      dueDate: '2026-06-05',
    });
    expect(sub.statusCode, sub.body).toBe(201);
    child = (sub.json() as { ids: number[] }).ids[0]!;
    const tree = (await get(headA, `/api/v1/naskah/${naskah1}/dispositions`)).json() as {
      items: { id: number; from: { employeeId: number } }[];
    };
    // Given a.n.: from the kabid.
    expect(tree.items.find((i) => i.id === child)?.from.employeeId).toBe(kabid.id);
    expect(tree.items.map((i) => i.id)).toContain(child);
    const row = await t.db
      .selectFrom('audit_log')
      .select(['actor_user_id'])
      .where('action', '=', 'naskah.disposed')
      .where('entity_id', '=', String(child))
      .executeTakeFirstOrThrow();
    expect(row.actor_user_id).toBe(plh.userId);
    // The child's report closes the branch; the kabid's disposition, passed on, closes by itself.
    const rep = await post(staffB, `/api/v1/dispositions/${child}/report`, { report: 'Sudah dikerjakan' });
    expect(rep.statusCode, rep.body).toBe(200);
    // The third the Plh. reports directly, for the kabid.
    const done = await post(plh, `/api/v1/dispositions/${d3}/report`, { report: 'Selesai, a.n. kabid' });
    expect(done.statusCode, done.body).toBe(200);
    expect((await acts()).map((a) => [a.entity_id, a.step, a.actor_employee_id, a.holder_employee_id])).toEqual([
      [String(d1), 'baca', plh.id, kabid.id],
      [String(child), 'disposisi', plh.id, kabid.id],
      [String(d3), 'lapor', plh.id, kabid.id],
    ]);
    const from = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'naskah.disposed')
      .where('entity_id', '=', String(child))
      .executeTakeFirstOrThrow();
    expect(from.details).toMatchObject({ actingFor: kabid.id, actingKind: 'plh' });
    const view = await page(headA, `/surat/masuk/${naskah1}`);
    expect(view.statusCode).toBe(200);
    const trail = new RegExp(`data-testid="disposition-acts-${d1}">([\\s\\S]*?)</ul>`).exec(view.body)?.[1] ?? '';
    expect(trail).toContain('Dibaca oleh Pelaksana Harian Surat, Plh. a.n. Kabid Berhalangan');
    // The child goes out from the kabid (on whose behalf), by the Plh.
    const childTrail =
      new RegExp(`data-testid="disposition-acts-${child}">([\\s\\S]*?)</ul>`).exec(view.body)?.[1] ?? '';
    expect(childTrail).toContain('Didisposisikan oleh Pelaksana Harian Surat, Plh. a.n. Kabid Berhalangan');
    const third = await page(headA, `/surat/masuk/${naskah3}`);
    expect(third.body).toContain('Dilaporkan oleh Pelaksana Harian Surat, Plh. a.n. Kabid Berhalangan');
  });

  it('the colleague can neither open nor report the kabid’s disposition', async () => {
    expect((await get(colleague, `/api/v1/dispositions/${d2}`)).statusCode).toBe(404);
    expect((await post(colleague, `/api/v1/dispositions/${d2}/report`, { report: 'x' })).statusCode).toBe(404);
  });

  it('after the window ends: no access to what is still open, no act', async () => {
    expect((await get(plh, `/api/v1/naskah/${naskah2}`)).statusCode).toBe(200);
    clock.set('2026-06-04T01:00:00Z');
    expect((await get(plh, `/api/v1/naskah/${naskah2}`)).statusCode).toBe(404);
    expect((await get(plh, `/api/v1/dispositions/${d2}`)).statusCode).toBe(404);
    expect((await post(plh, `/api/v1/dispositions/${d2}/report`, { report: 'Terlambat' })).statusCode).toBe(404);
    expect((await page(plh, '/surat/disposisi')).body).not.toContain(`disposition-row-${d2}"`);
    // The kabid, back, finds it unread.
    const back = await get(kabid, `/api/v1/dispositions/${d2}`);
    expect(back.statusCode).toBe(200);
    expect(back.json().readAt).not.toBeNull();
  });
});
