// Who sees which SKP (issue 16, "Scope"): four roles — an employee (their own only), a superior who appraises a
// direct report without heading a unit (their own and their report's), the head of a bidang (their unit's subtree)
// and the city admin (the city) — against targets placed around them: their own, a colleague of the same unit, an
// employee of a unit below, an employee of another unit (and of another city for the admin). Every cell is asserted
// on every read view: the SKP detail (API and page), its evaluations (API) and the evaluation form, the daily logs
// (own list, the review queue as API and page, a log's evidence), and the unit's TPP rows (API and page). A stranger's
// id answers 404, as if it did not exist; a role the view is not for answers 403.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.js';
import { BERAKHLAK } from '../../src/modules/skp/policy.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createEmployee, createUnit, type TestEmployee } from '../helpers/staff.js';
import { SMALL_JPEG } from '../helpers/uploads.js';

const clock = fixedClock('2026-03-20T03:00:00Z');
const MONTH = '2026-03';
let t: TestApp;

type Name = 'emp' | 'peer' | 'sub' | 'other' | 'sup' | 'kabid' | 'otherCity';
interface TargetSkp {
  who: TestEmployee;
  unitId: number;
  skpId: number;
  logId: number;
  /** Text only this target's SKP, log and TPP row carry. */
  resultText: string;
  logText: string;
}
const targets = {} as Record<Name, TargetSkp>;
const KELAS: Record<Name, number> = { emp: 6, peer: 7, sub: 5, other: 9, sup: 8, kabid: 11, otherCity: 10 };
interface Actor {
  role: 'pegawai' | 'admin_kota';
  auth: { authorization: string };
  /** The target that is the actor's own (none for the admin). */
  own: Name | null;
  /** Which targets the actor may see, cell by cell; targets absent here are not in the actor's walk. */
  sees: Partial<Record<Name, boolean>>;
  /** Which targets' units the actor reads TPP rows of (heads of the unit or above, the city admin). */
  tpp: Partial<Record<Name, boolean>>;
}
const actors = {} as Record<'employee' | 'superior' | 'head' | 'admin', Actor>;

async function agreedSkp(name: Name, who: TestEmployee, appraiser: TestEmployee, unitId: number) {
  const resultText = `RHK Matriks ${name} Kappa`;
  const logText = `Log Matriks ${name} Kappa`;
  const S = t.services.skp;
  const skpId = await S.create(who.ctx, 2026);
  const resultId = await S.addResult(who.ctx, skpId, { kind: 'utama', text: resultText });
  await S.addIndicator(who.ctx, skpId, {
    resultId,
    text: 'Jumlah dokumen yang diselesaikan',
    aspect: 'kuantitas',
    target: '12',
    unitLabel: 'dokumen',
  });
  await S.submit(who.ctx, skpId);
  await S.agree(appraiser.ctx, skpId);
  const { log } = await t.services.skpLogs.submit(who.ctx, {
    idempotencyKey: `matriks-${name}-0001`,
    logDate: '2026-03-19',
    target: `${resultId}:`,
    quantity: '1',
    minutes: '30',
    description: logText,
    evidence: SMALL_JPEG,
  });
  await t.services.skpEval.evaluate(appraiser.ctx, skpId, MONTH, {
    results: { [resultId]: 'sesuai' },
    behaviours: Object.fromEntries(BERAKHLAK.map((c) => [c, 'sesuai'])),
  });
  targets[name] = { who, unitId, skpId, logId: log.id, resultText, logText };
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  const area = await t.createArea();
  const admin = await t.createUser('admin_kota', area.city);
  // Dinas P ⊃ Bidang A ⊃ Seksi A1; Dinas Q beside P.
  const p = await createUnit(t, admin, { name: 'Dinas Matriks' });
  const a = await createUnit(t, admin, { parentId: p.id, name: 'Bidang Matriks', kind: 'bidang' });
  const a1 = await createUnit(t, admin, { parentId: a.id, name: 'Seksi Matriks', kind: 'subbagian' });
  const q = await createUnit(t, admin, { name: 'Dinas Tetangga Matriks' });
  const kadis = await createEmployee(t, admin, { unitId: p.id, head: true, name: 'Kadis Matriks' });
  const kabid = await createEmployee(t, admin, { unitId: a.id, head: true, name: 'Kabid Matriks Lambda' });
  const kasi = await createEmployee(t, admin, { unitId: a1.id, head: true, name: 'Kasi Matriks' });
  const kaq = await createEmployee(t, admin, { unitId: q.id, head: true, name: 'Kepala Tetangga Matriks' });
  // The superior appraises the employee (named their supervisor) without heading a unit.
  const sup = await createEmployee(t, admin, { unitId: a.id, name: 'Atasan Matriks Mu', supervisorNip: kabid.nip });
  const emp = await createEmployee(t, admin, { unitId: a.id, name: 'Pegawai Matriks Nu', supervisorNip: sup.nip });
  const peer = await createEmployee(t, admin, { unitId: a.id, name: 'Rekan Matriks Xi' });
  const sub = await createEmployee(t, admin, { unitId: a1.id, name: 'Staf Seksi Matriks Omikron' });
  const other = await createEmployee(t, admin, { unitId: q.id, name: 'Staf Tetangga Matriks Pi' });
  // Another city: its admin, a unit, its head and an employee.
  const area2 = await t.createArea();
  const admin2 = await t.createUser('admin_kota', area2.city);
  const r = await createUnit(t, admin2, { name: 'Dinas Kota Lain Matriks' });
  const kar = await createEmployee(t, admin2, { unitId: r.id, head: true, name: 'Kepala Kota Lain Matriks' });
  const oc = await createEmployee(t, admin2, { unitId: r.id, name: 'Staf Kota Lain Matriks Rho' });

  await agreedSkp('emp', emp, sup, a.id);
  await agreedSkp('sup', sup, kabid, a.id);
  await agreedSkp('peer', peer, kabid, a.id);
  await agreedSkp('kabid', kabid, kadis, a.id);
  await agreedSkp('sub', sub, kasi, a1.id);
  await agreedSkp('other', other, kaq, q.id);
  await agreedSkp('otherCity', oc, kar, r.id);
  // A job class of their own for each (the TPP basic amount follows it): the own TPP view shows whose row it is.
  for (const [n, kelas] of Object.entries(KELAS) as [Name, number][])
    await t.services.skpTpp.setClass(n === 'otherCity' ? admin2.ctx : admin.ctx, targets[n].who.id, kelas);

  actors.employee = {
    role: 'pegawai',
    auth: emp.auth,
    own: 'emp',
    sees: { emp: true, peer: false, sub: false, other: false, sup: false, otherCity: false },
    tpp: { emp: false, peer: false, sub: false, other: false, otherCity: false },
  };
  actors.superior = {
    role: 'pegawai',
    auth: sup.auth,
    own: 'sup',
    sees: { sup: true, emp: true, peer: false, sub: false, other: false, otherCity: false },
    tpp: { sup: false, sub: false, other: false, otherCity: false },
  };
  actors.head = {
    role: 'pegawai',
    auth: kabid.auth,
    own: 'kabid',
    sees: { kabid: true, peer: true, emp: true, sup: true, sub: true, other: false, otherCity: false },
    tpp: { kabid: true, sub: true, other: false, otherCity: false },
  };
  actors.admin = {
    role: 'admin_kota',
    auth: admin.auth,
    own: null,
    sees: { emp: true, peer: true, sub: true, other: true, kabid: true, otherCity: false },
    tpp: { emp: true, sub: true, other: true, otherCity: false },
  };
});
afterAll(() => t.close());

const get = (a: Actor, url: string) => t.app.inject({ method: 'GET', url, headers: a.auth });
const allLogTexts = () => Object.values(targets).map((x) => x.logText);

describe.each(['employee', 'superior', 'head', 'admin'] as const)('%s', (who) => {
  const cells = () => Object.entries(actors[who].sees) as [Name, boolean][];

  it('the SKP detail, API and page: 200 with its results where the actor may see it, 404 elsewhere', async () => {
    for (const [name, sees] of cells()) {
      const x = targets[name];
      for (const url of [`/api/v1/skp/${x.skpId}`, `/skp/${x.skpId}`]) {
        const r = await get(actors[who], url);
        expect(r.statusCode, `${who} → ${name}: ${url}`).toBe(sees ? 200 : 404);
        expect(r.body.includes(x.resultText), `${who} → ${name}: ${url} shows the result`).toBe(sees);
      }
    }
  });

  it("the SKP's evaluations (API) and the evaluation form", async () => {
    const a = actors[who];
    for (const [name, sees] of cells()) {
      const x = targets[name];
      const list = await get(a, `/api/v1/skp/${x.skpId}/evaluations`);
      expect(list.statusCode, `${who} → ${name}: evaluations`).toBe(sees ? 200 : 404);
      if (sees) expect((list.json() as { items: { period: string }[] }).items.map((v) => v.period)).toEqual([MONTH]);
      // The form is the rater's: the appraiser or a head above — never the owner; the admin's role is not a rater's.
      const form = await get(a, `/skp/${x.skpId}/evaluasi?periode=${MONTH}`);
      const expected = a.role === 'admin_kota' ? 403 : name === a.own ? 403 : sees ? 200 : 404;
      expect(form.statusCode, `${who} → ${name}: evaluation form`).toBe(expected);
    }
  });

  it('the daily logs: own list, review queue (API and page) and evidence', async () => {
    const a = actors[who];
    const views = ['/api/v1/skp/logs?month=2026-03', '/skp/harian', '/api/v1/skp/logs/queue', '/skp/persetujuan'];
    if (a.role === 'admin_kota') {
      // The logs are the civil servants' business: the admin's role is refused outright.
      for (const url of [...views, ...cells().map(([n]) => `/skp/harian/${targets[n].logId}/bukti`)])
        expect((await get(a, url)).statusCode, `admin: ${url}`).toBe(403);
      return;
    }
    const [ownApi, ownPage, queueApi, queuePage] = await Promise.all([
      get(a, '/api/v1/skp/logs?month=2026-03'),
      get(a, '/skp/harian'),
      get(a, '/api/v1/skp/logs/queue'),
      get(a, '/skp/persetujuan'),
    ]);
    for (const r of [ownApi, ownPage, queueApi, queuePage]) expect(r.statusCode).toBe(200);
    // Nothing of anyone outside the walk either.
    for (const text of allLogTexts()) {
      const name = (Object.keys(targets) as Name[]).find((n) => targets[n].logText === text)!;
      const own = name === a.own;
      const reviews = !own && a.sees[name] === true;
      expect(ownApi.body.includes(text), `${who}: own list API has ${name}'s log`).toBe(own);
      expect(ownPage.body.includes(text), `${who}: own list page has ${name}'s log`).toBe(own);
      expect(queueApi.body.includes(text), `${who}: queue API has ${name}'s log`).toBe(reviews);
      expect(queuePage.body.includes(text), `${who}: queue page has ${name}'s log`).toBe(reviews);
    }
    for (const [name, sees] of cells()) {
      const r = await get(a, `/skp/harian/${targets[name].logId}/bukti`);
      expect(r.statusCode, `${who} → ${name}: evidence`).toBe(sees ? 200 : 404);
    }
  });

  it('a log the actor may not review is not found, and stays waiting', async () => {
    const a = actors[who];
    for (const [name, sees] of cells()) {
      if (sees) continue;
      const x = targets[name];
      const api = await t.app.inject({
        method: 'POST',
        url: '/api/v1/skp/logs/review',
        headers: a.auth,
        payload: { logIds: [x.logId], decision: 'dikembalikan', note: 'Bukan wewenang' },
      });
      expect(api.statusCode, `${who} → ${name}: review API`).toBe(a.role === 'admin_kota' ? 403 : 404);
      const row = await sql<{ status: string }>`select status from skp_daily_logs where id = ${x.logId}`.execute(t.db);
      expect(row.rows[0]!.status).toBe('diajukan');
    }
  });

  it("the unit's TPP rows, API and page: the heads of the unit and above and the city admin", async () => {
    const a = actors[who];
    for (const [name, reads] of Object.entries(a.tpp) as [Name, boolean][]) {
      const x = targets[name];
      const api = await get(a, `/api/v1/skp/tpp?unitId=${x.unitId}&month=${MONTH}`);
      const page = await get(a, `/skp/tpp?unit=${x.unitId}&bulan=${MONTH}`);
      for (const [r, what] of [
        [api, 'API'],
        [page, 'page'],
      ] as const) {
        expect(r.statusCode, `${who} → ${name}'s unit: TPP ${what}`).toBe(reads ? 200 : 404);
        expect(r.body.includes(x.who.fullName), `${who} → ${name}'s unit: TPP ${what} names them`).toBe(reads);
      }
    }
    // Everyone who has a TPP row sees their own (its job class), and nobody else's.
    if (a.own) {
      const mine = await get(a, `/skp/tpp/saya?bulan=${MONTH}`);
      expect(mine.statusCode).toBe(200);
      const kelas = /data-testid="tpp-mine"><dt>[^<]*<\/dt><dd>(\d+)<\/dd>/.exec(mine.body)?.[1];
      expect(kelas, `${who}: own TPP is their own row`).toBe(String(KELAS[a.own]));
      for (const n of Object.keys(targets) as Name[])
        expect(mine.body.includes(targets[n].who.fullName), `${who}: own TPP names ${n}`).toBe(false);
    }
  });
});

describe('the cells are not vacuous', () => {
  it('the superior and the head approve what they may see', async () => {
    const approve = (a: Actor, id: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/skp/logs/review',
        headers: a.auth,
        payload: { logIds: [id], decision: 'disetujui' },
      });
    expect((await approve(actors.superior, targets.emp.logId)).json()).toEqual({ moved: 1, already: 0 });
    expect((await approve(actors.head, targets.sub.logId)).json()).toEqual({ moved: 1, already: 0 });
    // Decided already: the second tap says so.
    expect((await approve(actors.head, targets.emp.logId)).statusCode).toBe(409);
  });
});
