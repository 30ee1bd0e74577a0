// Naskah keluar (issue 15 item 5): draft from a template with an attachment and a routing list, a refused routing
// (signer not entitled, signer not last), verifier 1 returns with a comment, the drafter's new version restarts the
// routing and the diff shows, paraf, the signer signs (number from the unit's series, /v/ ASLI, the PDF passes the
// letters module's file check), dispatch to another unit's agenda and to an external address (outbox), idempotent
// retries, refusals (wrong person, not the current step, double sign), a Plh. acting for the signer's post, and
// access for routing participants and copies only.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { sql } from 'kysely';
import { readZip } from '../helpers/zip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TINY_PDF } from '../helpers/cases/correspondence.js';
import { createEmployee, createUnit, type TestEmployee } from '../helpers/staff.js';

let t: TestApp;
let headA: TestEmployee, headB: TestEmployee, drafter: TestEmployee, verifier2: TestEmployee, copy: TestEmployee;
let headX: TestEmployee, outsider: TestEmployee, plh: TestEmployee;
let unitA: number, unitB: number, unitX: number;
let unitBCode: string;

type Who = { auth: Record<string, string> };
const api = (who: Who, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: who.auth, ...(payload ? { payload: payload as Record<string, unknown> } : {}) });
const key = () => `kel-${randomBytes(6).toString('hex')}`;
const draftBody = (extra: Record<string, unknown> = {}) => ({
  idempotencyKey: key(),
  unitId: unitB,
  kindCode: 'undangan',
  perihal: 'Undangan rapat koordinasi',
  classificationCode: '000.1',
  securityClass: 'biasa',
  urgency: 'segera',
  addressees: [
    { type: 'internal', unitId: unitX },
    { type: 'external', name: 'Kepala Balai Wilayah', address: 'Jl. Merdeka 1', email: 'tu@balai.example.go.id' },
  ],
  body: 'Dengan hormat,\nkami mengundang Bapak/Ibu pada hari Senin pukul 09.00.\nTerima kasih.',
  routing: [
    { role: 'paraf', employeeId: headB.id },
    { role: 'paraf', employeeId: verifier2.id },
    { role: 'tandatangan', employeeId: headA.id },
    { role: 'tembusan', employeeId: copy.id },
  ],
  attachments: [{ name: 'daftar-hadir.pdf', pdf: TINY_PDF.toString('base64') }],
  ...extra,
});
type Keluar = {
  id: number;
  status: string;
  number: string | null;
  verifyCode: string | null;
  version: number;
  round: number;
  currentStepId: number | null;
  steps: {
    id: number;
    round: number;
    role: string;
    status: string;
    employeeId: number;
    actorName: string | null;
    actingKind: string | null;
    comment: string | null;
  }[];
  versions: { version: number; body: string }[];
  attachments: { sha256: string }[];
  dispatches: {
    kind: string;
    unitId: number | null;
    incomingId: number | null;
    email: string | null;
    status: string;
  }[];
};
const get = async (who: Who, id: number) => (await api(who, 'GET', `/api/v1/naskah-keluar/${id}`)).json() as Keluar;
const stepOf = (k: Keluar, employeeId: number) =>
  k.steps.find((s) => s.round === k.round && s.employeeId === employeeId)!;

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.createUser('admin_kota', (await t.createArea()).city);
  const a = await createUnit(t, admin, { name: 'Dinas Komunikasi' });
  const b = await createUnit(t, admin, { name: 'Bidang Persandian', parentId: a.id });
  const x = await createUnit(t, admin, { name: 'Dinas Pendidikan' });
  unitA = a.id;
  unitB = b.id;
  unitX = x.id;
  unitBCode = (await sql<{ code: string }>`select code from org_units where id = ${unitB}`.execute(t.db)).rows[0]!.code;
  headA = await createEmployee(t, admin, { unitId: unitA, head: true, name: 'Kepala Dinas Kominfo' });
  verifier2 = await createEmployee(t, admin, { unitId: unitA, name: 'Sekretaris Dinas' });
  copy = await createEmployee(t, admin, { unitId: unitA, name: 'Kasubbag Umum' });
  headB = await createEmployee(t, admin, { unitId: unitB, head: true, name: 'Kepala Bidang Persandian' });
  drafter = await createEmployee(t, admin, { unitId: unitB, name: 'Konseptor' });
  plh = await createEmployee(t, admin, { unitId: unitB, name: 'Pelaksana Harian' });
  headX = await createEmployee(t, admin, { unitId: unitX, head: true, name: 'Kepala Dinas Pendidikan' });
  outsider = await createEmployee(t, admin, { unitId: unitX, name: 'Staf Pendidikan' });
});
afterAll(() => t.close());

describe('the outgoing journey', () => {
  let id: number;
  let number: string;
  let verifyCode: string;

  it('refuses a routing whose signer is not entitled or not last, naming the field', async () => {
    const notEntitled = await api(
      drafter,
      'POST',
      '/api/v1/naskah-keluar',
      draftBody({ routing: [{ role: 'tandatangan', employeeId: verifier2.id }] }),
    );
    expect(notEntitled.statusCode, notEntitled.body).toBe(422);
    expect(notEntitled.json().error.fields).toEqual([
      { field: 'routing', message: expect.stringContaining('kepala unit') },
    ]);
    const notLast = await api(
      drafter,
      'POST',
      '/api/v1/naskah-keluar',
      draftBody({
        routing: [
          { role: 'tandatangan', employeeId: headA.id },
          { role: 'paraf', employeeId: headB.id },
        ],
      }),
    );
    expect(notLast.statusCode).toBe(422);
    expect(notLast.json().error.fields[0].message).toContain('langkah terakhir');
    const twice = await api(
      drafter,
      'POST',
      '/api/v1/naskah-keluar',
      draftBody({
        routing: [
          { role: 'paraf', employeeId: headA.id },
          { role: 'tandatangan', employeeId: headA.id },
        ],
      }),
    );
    expect(twice.json().error.fields[0].message).toContain('hanya boleh muncul sekali');
    // Someone of another unit drafts nothing for this one.
    expect((await api(outsider, 'POST', '/api/v1/naskah-keluar', draftBody())).statusCode).toBe(422);
  });

  it('drafts with an attachment; a resend with the same key answers with the first', async () => {
    const body = draftBody();
    const res = await api(drafter, 'POST', '/api/v1/naskah-keluar', body);
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    const again = await api(drafter, 'POST', '/api/v1/naskah-keluar', body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ id, duplicate: true });
    const k = await get(drafter, id);
    expect(k.status).toBe('diverifikasi');
    expect(k.attachments[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(k.currentStepId).toBe(stepOf(k, headB.id).id);
  });

  it('lets only routing participants and the unit see it', async () => {
    expect((await api(outsider, 'GET', `/api/v1/naskah-keluar/${id}`)).statusCode).toBe(404);
    expect((await api(headX, 'GET', `/api/v1/naskah-keluar/${id}`)).statusCode).toBe(404);
    expect((await api(copy, 'GET', `/api/v1/naskah-keluar/${id}`)).statusCode).toBe(200);
    expect((await api(headA, 'GET', `/api/v1/naskah-keluar/${id}`)).statusCode).toBe(200);
    expect(
      (await api(outsider, 'POST', `/api/v1/naskah-keluar/${id}/act`, { stepId: 1, act: 'paraf' })).statusCode,
    ).toBe(404);
  });

  it('refuses the wrong person and a step that is not current', async () => {
    const k = await get(drafter, id);
    const s2 = stepOf(k, verifier2.id);
    const early = await api(verifier2, 'POST', `/api/v1/naskah-keluar/${id}/act`, { stepId: s2.id, act: 'paraf' });
    expect(early.statusCode).toBe(409);
    const s1 = stepOf(k, headB.id);
    const wrong = await api(verifier2, 'POST', `/api/v1/naskah-keluar/${id}/act`, { stepId: s1.id, act: 'paraf' });
    expect(wrong.statusCode).toBe(403);
    expect((await api(headA, 'POST', `/api/v1/naskah-keluar/${id}/sign`)).statusCode).toBe(409);
  });

  it('verifier 1 returns it with a required comment', async () => {
    const s1 = stepOf(await get(drafter, id), headB.id);
    const bare = await api(headB, 'POST', `/api/v1/naskah-keluar/${id}/act`, { stepId: s1.id, act: 'kembalikan' });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().error.fields[0].field).toBe('comment');
    const res = await api(headB, 'POST', `/api/v1/naskah-keluar/${id}/act`, {
      stepId: s1.id,
      act: 'kembalikan',
      comment: 'Ganti hari menjadi Selasa.',
    });
    expect(res.statusCode, res.body).toBe(200);
    const k = res.json() as Keluar;
    expect(k.status).toBe('draf');
    expect(k.currentStepId).toBeNull();
    expect(k.steps.find((s) => s.id === s1.id)).toMatchObject({
      status: 'dikembalikan',
      comment: 'Ganti hari menjadi Selasa.',
    });
    // The returned round is over: its other steps are cancelled, nobody acts on them.
    expect(
      k.steps
        .filter((s) => s.round === 1 && s.id !== s1.id && s.role !== 'tembusan')
        .every((s) => s.status === 'batal'),
    ).toBe(true);
  });

  it('only the drafter revises; the new version restarts from the first verifier and the diff shows', async () => {
    const newBody = 'Dengan hormat,\nkami mengundang Bapak/Ibu pada hari Selasa pukul 09.00.\nTerima kasih.';
    expect(
      (
        await api(headB, 'POST', `/api/v1/naskah-keluar/${id}/revisi`, {
          fromVersion: 1,
          perihal: 'Undangan rapat koordinasi',
          body: newBody,
        })
      ).statusCode,
    ).toBe(403);
    const res = await api(drafter, 'POST', `/api/v1/naskah-keluar/${id}/revisi`, {
      fromVersion: 1,
      perihal: 'Undangan rapat koordinasi',
      body: newBody,
    });
    expect(res.statusCode, res.body).toBe(200);
    const k = res.json() as Keluar;
    expect(k).toMatchObject({ status: 'diverifikasi', version: 2, round: 2 });
    expect(k.currentStepId).toBe(stepOf(k, headB.id).id);
    // A second revision from the same version finds it moved on.
    expect(
      (await api(drafter, 'POST', `/api/v1/naskah-keluar/${id}/revisi`, { fromVersion: 1, perihal: 'x', body: 'y' }))
        .statusCode,
    ).toBe(409);
    const page = await t.app.inject({ method: 'GET', url: `/surat/keluar/${id}`, headers: headB.auth });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<del[^>]*>.*Senin/s);
    expect(page.body).toMatch(/<ins[^>]*>.*Selasa/s);
  });

  it('paraf by both verifiers, a double click recorded once', async () => {
    let k = await get(drafter, id);
    const s1 = stepOf(k, headB.id);
    const [r1, r2] = await Promise.all([
      api(headB, 'POST', `/api/v1/naskah-keluar/${id}/act`, { stepId: s1.id, act: 'paraf' }),
      api(headB, 'POST', `/api/v1/naskah-keluar/${id}/act`, { stepId: s1.id, act: 'paraf' }),
    ]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
    k = await get(drafter, id);
    const s2 = stepOf(k, verifier2.id);
    expect(
      (await api(verifier2, 'POST', `/api/v1/naskah-keluar/${id}/act`, { stepId: s2.id, act: 'paraf' })).statusCode,
    ).toBe(200);
    k = await get(drafter, id);
    expect(k.currentStepId).toBe(stepOf(k, headA.id).id);
  });

  it('the signer signs once: the number from the series, /v/ says ASLI, the PDF passes the file check', async () => {
    expect((await api(drafter, 'POST', `/api/v1/naskah-keluar/${id}/sign`)).statusCode).toBe(403);
    const res = await api(headA, 'POST', `/api/v1/naskah-keluar/${id}/sign`);
    expect(res.statusCode, res.body).toBe(200);
    ({ number, verifyCode } = res.json() as { number: string; verifyCode: string });
    const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
    expect(number).toMatch(new RegExp(`^000\\.1/\\d+/${unitBCode}/${year}$`));
    expect(verifyCode).toMatch(/^[A-Z0-9]{14}$/);
    expect((await api(headA, 'POST', `/api/v1/naskah-keluar/${id}/sign`)).statusCode).toBe(409);
    const k = await get(drafter, id);
    expect(k).toMatchObject({ status: 'ditandatangani', number, verifyCode });

    const v = await t.app.inject({ method: 'GET', url: `/v/${verifyCode}` });
    expect(v.statusCode).toBe(200);
    expect(v.body).toContain('data-testid="verify-status"');
    expect(v.body).toMatch(/verify-status"[^>]*>ASLI/);
    const json = await t.app.inject({ method: 'GET', url: `/api/v1/letters/${verifyCode}/verify` });
    expect(json.json()).toMatchObject({ authentic: true, number });

    const pdf = await api(copy, 'GET', `/api/v1/naskah-keluar/${id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const check = await t.services.letters.checkFile(verifyCode, pdf.rawPayload);
    expect(check?.file).toMatchObject({ authentic: true });
    const changed = Buffer.from(pdf.rawPayload);
    changed[200] = changed[200]! ^ 1;
    expect((await t.services.letters.checkFile(verifyCode, changed))?.file.authentic).toBe(false);
  });

  it('the copy recipient finds it in "copies unread"; the creator in "signed not sent"', async () => {
    const q = (await api(copy, 'GET', '/api/v1/naskah-keluar/queues')).json() as { tembusan: { id: number }[] };
    expect(q.tembusan.map((r) => r.id)).toContain(id);
    const mine = (await api(drafter, 'GET', '/api/v1/naskah-keluar/queues')).json() as { belumKirim: { id: number }[] };
    expect(mine.belumKirim.map((r) => r.id)).toContain(id);
    const home = await t.app.inject({ method: 'GET', url: '/surat', headers: copy.auth });
    expect(home.body).toContain('data-testid="surat-counter-queue-tembusan"');
  });

  it("dispatch: into the other unit's agenda with the signed PDF, the external address into the outbox, once", async () => {
    expect((await api(outsider, 'POST', `/api/v1/naskah-keluar/${id}/dispatch`)).statusCode).toBe(404);
    const res = await api(drafter, 'POST', `/api/v1/naskah-keluar/${id}/dispatch`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as { duplicate: boolean; naskah: Keluar };
    expect(r.duplicate).toBe(false);
    expect(r.naskah.status).toBe('dikirim');
    const internal = r.naskah.dispatches.find((d) => d.kind === 'internal')!;
    expect(internal.unitId).toBe(unitX);
    expect(r.naskah.dispatches.find((d) => d.kind === 'external')).toMatchObject({
      email: 'tu@balai.example.go.id',
      status: 'antre',
    });

    const agenda = (await api(headX, 'GET', '/api/v1/naskah')).json() as {
      items: { id: number; senderNumber: string; senderInstansi: string; agendaNumber: string }[];
    };
    const arrived = agenda.items.find((n) => n.id === internal.incomingId)!;
    expect(arrived).toMatchObject({ senderNumber: number, senderInstansi: 'Bidang Persandian' });
    expect(arrived.agendaNumber).toBeTruthy();
    const file = await api(headX, 'GET', `/api/v1/naskah/${internal.incomingId}/pdf`);
    expect((await t.services.letters.checkFile(verifyCode, file.rawPayload))?.file).toMatchObject({ authentic: true });

    const again = await api(drafter, 'POST', `/api/v1/naskah-keluar/${id}/dispatch`);
    expect(again.json().duplicate).toBe(true);
    const count = await sql<{
      n: number;
    }>`select count(*)::int as n from naskah where direction = 'masuk' and unit_id = ${unitX} and sender_number = ${number}`.execute(
      t.db,
    );
    expect(count.rows[0]!.n).toBe(1);
    const outbox = await sql<{
      n: number;
    }>`select count(*)::int as n from naskah_dispatches where naskah_id = ${id} and kind = 'external' and status = 'antre'`.execute(
      t.db,
    );
    expect(outbox.rows[0]!.n).toBe(1);
  });

  it('mails the signed PDF to the external address once; a refused send stays queued', async () => {
    const mail = t.services.correspondence.keluarMail;
    const refused = await mail.sendQueued(async () => {
      throw new Error('SMTP menolak');
    });
    expect(refused.failed).toBeGreaterThanOrEqual(1);
    const sent: { to: string; attachments: { content: Buffer }[] }[] = [];
    await mail.sendQueued(async (m) => {
      sent.push(m);
    });
    const mine = sent.filter((m) => m.to === 'tu@balai.example.go.id');
    expect(mine).toHaveLength(1);
    // The attachment is the signed naskah: the letters module's file check says ASLI.
    expect((await t.services.letters.checkFile(verifyCode, mine[0]!.attachments[0]!.content))?.file).toMatchObject({
      authentic: true,
    });
    const row = await sql<{ status: string; attempts: number }>`
      select status, attempts from naskah_dispatches where naskah_id = ${id} and kind = 'external'`.execute(t.db);
    expect(row.rows).toEqual([{ status: 'terkirim', attempts: 2 }]);
    const again: unknown[] = [];
    await mail.sendQueued(async (m) => {
      again.push(m);
    });
    expect(again.filter((m) => (m as { to: string }).to === 'tu@balai.example.go.id')).toEqual([]);
  });

  it('exports a package whose naskah.json carries the routing trail and the external addressee, valid by the schema', async () => {
    const res = await api(drafter, 'GET', `/api/v1/naskah/${id}/export`);
    expect(res.statusCode).toBe(200);
    const files = readZip(res.rawPayload);
    const record = JSON.parse(files.get('naskah.json')!.toString('utf8'));
    const schema = JSON.parse(readFileSync(new URL('../../docs/srikandi-export.schema.json', import.meta.url), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    ajv.addSchema(schema);
    const validate = ajv.getSchema(`${schema.$id}#/$defs/naskahFile`)!;
    expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
    const routing = record.naskah.routing as { peran: string; status: string; catatan: string; nama: string }[];
    // Round 1: verifier 1 returned it with a comment; round 2: both paraf, the signer signed; the copy.
    expect(routing.map((r) => [r.peran, r.status])).toContainEqual(['pemeriksa', 'dikembalikan']);
    expect(routing.filter((r) => r.status === 'paraf')).toHaveLength(2);
    expect(routing.map((r) => [r.peran, r.status])).toContainEqual(['penandatangan', 'ditandatangani']);
    expect(routing.some((r) => r.peran === 'tembusan')).toBe(true);
    expect(routing.find((r) => r.status === 'dikembalikan')!.catatan).not.toBe('');
    expect(record.naskah.penerima.eksternal).toEqual([{ nama: 'Kepala Balai Wilayah', alamat: 'Jl. Merdeka 1' }]);
  });

  it('a reply from the receiving unit arrives linked to the original', async () => {
    const agenda = (await api(headX, 'GET', '/api/v1/naskah')).json() as {
      items: { id: number; senderNumber: string }[];
    };
    const incoming = agenda.items.find((n) => n.senderNumber === number)!;
    const res = await api(headX, 'POST', '/api/v1/naskah-keluar', {
      ...draftBody(),
      unitId: unitX,
      addressees: [{ type: 'internal', unitId: unitB }],
      replyToId: incoming.id,
      routing: [{ role: 'tandatangan', employeeId: headX.id }],
      attachments: [],
    });
    expect(res.statusCode, res.body).toBe(201);
    const reply = res.json().id as number;
    expect((await api(headX, 'POST', `/api/v1/naskah-keluar/${reply}/sign`)).statusCode).toBe(200);
    const sent = (await api(headX, 'POST', `/api/v1/naskah-keluar/${reply}/dispatch`)).json() as { naskah: Keluar };
    const arrivedId = sent.naskah.dispatches[0]!.incomingId!;
    const row = await sql<{
      reply_to_id: number | null;
      unit_id: number;
    }>`select reply_to_id, unit_id from naskah where id = ${arrivedId}`.execute(t.db);
    expect(row.rows[0]).toEqual({ reply_to_id: id, unit_id: unitB });
  });
});

describe('a Plh. acts for the signer', () => {
  it("signs in the holder's place; the trail shows both names", async () => {
    const res = await api(
      drafter,
      'POST',
      '/api/v1/naskah-keluar',
      draftBody({ routing: [{ role: 'tandatangan', employeeId: headB.id }] }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    // The head of the unit names a Plh. from their own unit for today.
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    await t.services.employees.acting.create(headB.ctx, {
      unitId: unitB,
      kind: 'plh',
      delegateNumber: plh.nip,
      fromDate: today,
      untilDate: today,
      decree: 'ND/1/2026',
      reason: 'Dinas luar',
    });
    expect((await api(plh, 'GET', `/api/v1/naskah-keluar/${id}`)).statusCode).toBe(200);
    const signed = await api(plh, 'POST', `/api/v1/naskah-keluar/${id}/sign`);
    expect(signed.statusCode, signed.body).toBe(200);
    const k = await get(drafter, id);
    expect(k.steps[0]).toMatchObject({ status: 'ditandatangani', actorName: 'Pelaksana Harian', actingKind: 'plh' });
    const page = await t.app.inject({ method: 'GET', url: `/surat/keluar/${id}`, headers: drafter.auth });
    expect(page.body).toContain('Pelaksana Harian sebagai Plh. a.n. Kepala Bidang Persandian');
  });
});
