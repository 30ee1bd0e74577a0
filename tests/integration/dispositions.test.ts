// Disposisi (issue 15 item 4): the head disposes to two people with due dates, one passes it on down, a withdrawal
// after the recipient opened it is refused (409) and before succeeds, reports close the branches and the parent
// closes by itself, the tree shows every node with its times, 50 withdraw-vs-open races never both win, recipients
// see the naskah (a rahasia one only when named), another unit's people neither see nor act (404).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { naskahBody, TINY_PDF } from '../helpers/cases/correspondence.js';
import { multipart } from '../helpers/multipart.js';
import { createEmployee, createUnit, type TestEmployee } from '../helpers/staff.js';
import { PHOTO_JPEG } from '../helpers/uploads.js';

let t: TestApp;
let headA: TestEmployee, staffA1: TestEmployee, staffA2: TestEmployee;
let headB: TestEmployee, staffB: TestEmployee, headX: TestEmployee, staffX: TestEmployee;
let unitA: number;

const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + 7 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
type Who = { auth: Record<string, string> };
const api = (who: Who, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method, url, headers: who.auth, ...(payload ? { payload } : {}) });
async function register(extra: Record<string, unknown> = {}) {
  const res = await api(
    headA,
    'POST',
    '/api/v1/naskah',
    naskahBody(unitA, {
      perihal: 'Rapat koordinasi',
      senderNumber: `005/${Math.random().toString(36).slice(2, 10)}/2026`,
      ...extra,
    }),
  );
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: number }).id;
}
async function dispose(who: Who, naskahId: number, to: number[], extra: Record<string, unknown> = {}) {
  return api(who, 'POST', `/api/v1/naskah/${naskahId}/dispositions`, {
    to,
    instructions: ['ditindaklanjuti'],
    dueDate: inDays(3),
    note: 'Mohon ditindaklanjuti',
    ...extra,
  });
}
const ids = (res: { json: () => unknown }) => (res.json() as { ids: number[] }).ids;
const treeOf = async (who: Who, naskahId: number) =>
  (await api(who, 'GET', `/api/v1/naskah/${naskahId}/dispositions`)).json() as {
    status: string;
    items: {
      id: number;
      parentId: number | null;
      readAt: string | null;
      closedAt: string | null;
      closedKind: string | null;
      withdrawnAt: string | null;
    }[];
  };

beforeAll(async () => {
  t = await createTestApp();
  await t.createArea();
  const admin = await t.createUser('admin_kota', (await t.createArea()).city);
  const a = await createUnit(t, admin, { name: 'Dinas Disposisi' });
  unitA = a.id;
  const b = await createUnit(t, admin, { name: 'Bidang Bawah', parentId: a.id });
  const x = await createUnit(t, admin, { name: 'Dinas Lain' });
  headA = await createEmployee(t, admin, { unitId: a.id, head: true, name: 'Kepala Dinas' });
  staffA1 = await createEmployee(t, admin, { unitId: a.id, name: 'Staf Satu' });
  staffA2 = await createEmployee(t, admin, { unitId: a.id, name: 'Staf Dua' });
  headB = await createEmployee(t, admin, { unitId: b.id, head: true, name: 'Kepala Bidang' });
  staffB = await createEmployee(t, admin, { unitId: b.id, name: 'Staf Bidang' });
  headX = await createEmployee(t, admin, { unitId: x.id, head: true });
  staffX = await createEmployee(t, admin, { unitId: x.id });
});
afterAll(() => t.close());

describe('the journey', () => {
  let naskahId: number, d1: number, d2: number, d3: number, d4: number;

  it('the head disposes to two people with due dates; the recipient below now sees the naskah', async () => {
    naskahId = await register();
    expect((await api(headB, 'GET', `/api/v1/naskah/${naskahId}`)).statusCode).toBe(404);
    // Staff do not dispose at the top; nobody names someone outside the unit.
    expect((await dispose(staffA1, naskahId, [staffA2.id])).statusCode).toBe(403);
    const outside = await dispose(headA, naskahId, [headX.id]);
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.fields[0].field).toBe('to');
    const res = await dispose(headA, naskahId, [headB.id, staffA1.id]);
    expect(res.statusCode, res.body).toBe(201);
    [d1, d2] = ids(res) as [number, number];
    expect((await treeOf(headA, naskahId)).status).toBe('didisposisi');
    expect((await api(headB, 'GET', `/api/v1/naskah/${naskahId}`)).statusCode).toBe(200);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'naskah_disposition')
      .where('entity_id', '=', String(d1))
      .execute();
    expect(audit.map((r) => r.action)).toContain('naskah.disposed');
  });

  it('one passes it on down the tree, only inside the units they head', async () => {
    const wrong = await dispose(headB, naskahId, [staffA2.id], { parentId: d1 });
    expect(wrong.statusCode).toBe(422);
    const notMine = await dispose(headB, naskahId, [staffB.id], { parentId: d2 });
    expect(notMine.statusCode).toBe(422);
    const res = await dispose(headB, naskahId, [staffB.id], { parentId: d1, dueDate: inDays(2) });
    expect(res.statusCode, res.body).toBe(201);
    d3 = ids(res)[0]!;
    // Passing on counts as reading it.
    expect((await treeOf(headA, naskahId)).items.find((i) => i.id === d1)!.readAt).not.toBeNull();
  });

  it('withdrawal: before the recipient opened it succeeds; after, 409 with the reason', async () => {
    const before = await api(headA, 'POST', `/api/v1/dispositions/${d2}/withdraw`);
    expect(before.statusCode, before.body).toBe(200);
    const again = await dispose(headA, naskahId, [staffA1.id]);
    d4 = ids(again)[0]!;
    // Only its sender withdraws.
    expect((await api(headB, 'POST', `/api/v1/dispositions/${d4}/withdraw`)).statusCode).toBe(403);
    const opened = await api(staffA1, 'GET', `/api/v1/dispositions/${d4}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json().readAt).not.toBeNull();
    const after = await api(headA, 'POST', `/api/v1/dispositions/${d4}/withdraw`);
    expect(after.statusCode).toBe(409);
    expect(after.json().error.message).toContain('Disposisi sudah dibaca penerima, tidak dapat ditarik');
    // The page says the same.
    const page = await t.app.inject({
      method: 'POST',
      url: `/surat/disposisi/${d4}/tarik`,
      cookies: headA.cookies,
      payload: { _csrf: headA.csrf },
    });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('Disposisi sudah dibaca penerima, tidak dapat ditarik');
  });

  it('both report; the parent waits for its child, then closes by itself; the naskah is done', async () => {
    const early = await api(headB, 'POST', `/api/v1/dispositions/${d1}/report`, { report: 'Sudah' });
    expect(early.statusCode).toBe(409);
    expect((await api(staffA1, 'POST', `/api/v1/dispositions/${d3}/report`, { report: 'x' })).statusCode).toBe(403);
    const r3 = await api(staffB, 'POST', `/api/v1/dispositions/${d3}/report`, {
      report: 'Rapat sudah dihadiri',
      pdf: TINY_PDF.toString('base64'),
    });
    expect(r3.statusCode, r3.body).toBe(200);
    let tree = await treeOf(headA, naskahId);
    expect(tree.items.find((i) => i.id === d1)).toMatchObject({ closedKind: 'otomatis' });
    expect(tree.status).toBe('didisposisi');
    const r4 = await api(staffA1, 'POST', `/api/v1/dispositions/${d4}/report`, { report: 'Selesai dikerjakan' });
    expect(r4.statusCode, r4.body).toBe(200);
    tree = await treeOf(headA, naskahId);
    expect(tree.status).toBe('selesai');
    expect(tree.items.find((i) => i.id === d4)).toMatchObject({ closedKind: 'laporan' });
    // Closed: no more dispositions.
    expect((await dispose(headA, naskahId, [staffA2.id])).statusCode).toBe(409);
  });

  it('the tree shows every node with from → to, instructions, due, sent, read and report times', async () => {
    const page = await api(headA, 'GET', `/surat/masuk/${naskahId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="disposition-tree"');
    for (const id of [d1, d2, d3, d4]) expect(page.body).toContain(`data-testid="disposition-node-${id}"`);
    const when = /\d{1,2} [A-Z][a-z]+ \d{4} \d{2}\.\d{2} WIB/;
    const cell = (name: string, id: number) =>
      page.body.match(new RegExp(`data-testid="disposition-${name}-${id}">([^<]*)<`))?.[1] ?? '';
    for (const id of [d1, d3, d4]) {
      expect(cell('sent', id)).toMatch(when);
      expect(cell('read', id)).toMatch(when);
      expect(cell('closed', id)).toMatch(when);
    }
    expect(cell('withdrawn', d2)).toMatch(when);
    expect(page.body).toContain('Kepala Dinas → Kepala Bidang');
    expect(page.body).toContain('Kepala Bidang → Staf Bidang');
    expect(page.body).toContain('Untuk ditindaklanjuti');
    expect(page.body).toContain('Rapat sudah dihadiri');
    expect(page.body).toContain('selesai otomatis');
  });
});

describe('races', () => {
  it('50 concurrent withdraw-vs-open pairs: exactly one wins each', async () => {
    const naskahId = await register();
    const made: number[] = [];
    for (let i = 0; i < 50; i++) made.push(ids(await dispose(headA, naskahId, [staffA2.id]))[0]!);
    const results = await Promise.all(
      made.map(async (id) => {
        const [w, o] = await Promise.all([
          api(headA, 'POST', `/api/v1/dispositions/${id}/withdraw`),
          api(staffA2, 'GET', `/api/v1/dispositions/${id}`),
        ]);
        const withdrew = w.statusCode === 200;
        const read = o.statusCode === 200 && (o.json() as { readAt: string | null }).readAt !== null;
        if (!withdrew) expect(w.statusCode).toBe(409);
        return { withdrew, read };
      }),
    );
    for (const r of results) expect(r.withdrew !== r.read).toBe(true);
    const rows = await sql<{ n: number }>`select count(*)::int as n from naskah_dispositions
      where naskah_id = ${naskahId} and read_at is not null and withdrawn_at is not null`.execute(t.db);
    expect(rows.rows[0]!.n).toBe(0);
  });
});

describe('visibility and scope', () => {
  it('another unit neither sees nor acts (404)', async () => {
    const naskahId = await register();
    const d = ids(await dispose(headA, naskahId, [staffA1.id]))[0]!;
    for (const who of [headX, staffX]) {
      expect((await api(who, 'GET', `/api/v1/naskah/${naskahId}`)).statusCode).toBe(404);
      expect((await api(who, 'GET', `/api/v1/naskah/${naskahId}/dispositions`)).statusCode).toBe(404);
      expect((await api(who, 'GET', `/api/v1/dispositions/${d}`)).statusCode).toBe(404);
      expect((await api(who, 'POST', `/api/v1/dispositions/${d}/withdraw`)).statusCode).toBe(404);
      expect((await api(who, 'POST', `/api/v1/dispositions/${d}/report`, { report: 'x' })).statusCode).toBe(404);
      expect((await dispose(who, naskahId, [staffA2.id])).statusCode).toBe(404);
      expect((await api(who, 'POST', `/api/v1/naskah/${naskahId}/close`, { note: 'x' })).statusCode).toBe(404);
      expect((await api(who, 'GET', `/surat/disposisi/${d}`)).statusCode).toBe(404);
    }
    expect((await treeOf(headA, naskahId)).items[0]!.readAt).toBeNull();
  });

  it('a rahasia naskah: only the people named see it (not a colleague, not the named one’s staff)', async () => {
    const naskahId = await register({ securityClass: 'rahasia' });
    const d = ids(await dispose(headA, naskahId, [headB.id]))[0]!;
    expect((await api(headB, 'GET', `/api/v1/naskah/${naskahId}`)).statusCode).toBe(200);
    for (const who of [staffB, staffA2])
      expect((await api(who, 'GET', `/api/v1/naskah/${naskahId}`)).statusCode).toBe(404);
    const list = (await api(headB, 'GET', '/api/v1/naskah')).json() as { items: { id: number }[] };
    expect(list.items.map((i) => i.id)).toContain(naskahId);
    // Withdrawn (unread): the named person no longer sees it.
    const naskah2 = await register({ securityClass: 'rahasia' });
    const d2 = ids(await dispose(headA, naskah2, [staffB.id]))[0]!;
    expect((await api(headA, 'POST', `/api/v1/dispositions/${d2}/withdraw`)).statusCode).toBe(200);
    expect((await api(staffB, 'GET', `/api/v1/naskah/${naskah2}`)).statusCode).toBe(404);
    expect(d).toBeGreaterThan(0);
  });

  it('counters on /surat: unread and overdue; my list', async () => {
    const naskahId = await register();
    const d = ids(await dispose(headA, naskahId, [staffB.id], { dueDate: today() }))[0]!;
    const counter = async (who: Who, name: string) => {
      const page = await api(who, 'GET', '/surat');
      const m = page.body.match(
        new RegExp(
          `data-testid="surat-counter-dispositions-${name}"><a href="/surat/disposisi"><strong>(\\d+)</strong>`,
        ),
      );
      return Number(m?.[1]);
    };
    const unreadBefore = await counter(staffB, 'unread');
    expect(unreadBefore).toBeGreaterThanOrEqual(1);
    await sql`update naskah_dispositions set due_date = due_date - 2 where id = ${d}`.execute(t.db);
    expect(await counter(staffB, 'overdue')).toBeGreaterThanOrEqual(1);
    const mine = await api(staffB, 'GET', '/surat/disposisi');
    expect(mine.body).toContain(`disposition-row-${d}`);
    // Opening the naskah page is the read receipt.
    expect((await api(staffB, 'GET', `/surat/masuk/${naskahId}`)).statusCode).toBe(200);
    expect(await counter(staffB, 'unread')).toBe(unreadBefore - 1);
  });

  it('"tidak perlu disposisi" closes a naskah at the top; then it cannot be disposed', async () => {
    const naskahId = await register();
    expect((await api(staffA1, 'POST', `/api/v1/naskah/${naskahId}/close`, { note: 'Cukup' })).statusCode).toBe(403);
    const res = await api(headA, 'POST', `/api/v1/naskah/${naskahId}/close`, { note: 'Cukup diketahui' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await treeOf(headA, naskahId)).status).toBe('selesai');
    expect((await dispose(headA, naskahId, [staffA1.id])).statusCode).toBe(409);
    const page = await api(headA, 'GET', `/surat/masuk/${naskahId}`);
    expect(page.body).toContain('Cukup diketahui');
  });

  it('the page form disposes without script, and a bad one comes back with its errors', async () => {
    const naskahId = await register();
    const page = await api(headA, 'GET', `/surat/masuk/${naskahId}`);
    for (const id of ['dispose-form', 'dispose-to', 'dispose-instruction', 'dispose-due', 'dispose-submit'])
      expect(page.body).toContain(`data-testid="${id}"`);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/surat/masuk/${naskahId}/disposisi`,
      cookies: headA.cookies,
      payload: { _csrf: headA.csrf, dueDate: 'kemarin' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Pilih minimal satu penerima disposisi.');
    const ok = await t.app.inject({
      method: 'POST',
      url: `/surat/masuk/${naskahId}/disposisi`,
      cookies: headA.cookies,
      payload: `_csrf=${encodeURIComponent(headA.csrf)}&to=${staffA1.id}&to=${staffA2.id}&instructions=diketahui&instructions=ditindaklanjuti&dueDate=${inDays(5)}&note=Segera`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(ok.statusCode, ok.body).toBe(303);
    const tree = await treeOf(headA, naskahId);
    expect(tree.items).toHaveLength(2);
    const after = await api(headA, 'GET', `/surat/masuk/${naskahId}`);
    for (const i of tree.items) expect(after.body).toContain(`data-testid="withdraw-${i.id}"`);
    const recipient = await api(staffA1, 'GET', `/surat/masuk/${naskahId}`);
    const own = tree.items.find((i) => i.id)!;
    expect(recipient.body).toMatch(/data-testid="report-form-\d+"/);
    expect(own).toBeDefined();
  });

  it('the report form (multipart, no script): a non-PDF is refused with its reason, a PDF is kept with its hash', async () => {
    const naskahId = await register();
    const d = ids(await dispose(headA, naskahId, [staffA1.id]))[0]!;
    const send = (content: Buffer, type: string) => {
      const form = multipart({ _csrf: staffA1.csrf, report: 'Sudah dikerjakan' }, [
        { name: 'pdf', filename: 'laporan', type, content },
      ]);
      return t.app.inject({ method: 'POST', url: `/surat/disposisi/${d}/lapor`, cookies: staffA1.cookies, ...form });
    };
    const bad = await send(PHOTO_JPEG, 'application/pdf');
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('bukan PDF');
    const ok = await send(TINY_PDF, 'application/pdf');
    expect(ok.statusCode, ok.body).toBe(303);
    const tree = await treeOf(headA, naskahId);
    expect(tree.status).toBe('selesai');
    const file = await api(headA, 'GET', `/surat/disposisi/${d}/pdf`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('application/pdf');
    expect((await api(staffX, 'GET', `/surat/disposisi/${d}/pdf`)).statusCode).toBe(404);
  });
});
