// Leave through HTTP on a real database: the types a kind may ask for and why
// others are closed, the doctor's letter, the two-level decision (pertimbangan
// by the atasan langsung, decision by the PyB) ending in a day status "cuti"
// and a numbered surat izin cuti, ditangguhkan, someone else's unit refused,
// double and concurrent decisions, the head of an OPD decided by the city's
// admin, and a dinas luar's SPT.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { pdfkitPdf, SEED_PNG } from '../helpers/uploads.js';
import { createEmployee, createUnit, makeNiPppk, type TestEmployee } from '../helpers/staff.js';

// Monday 2 March 2026, 07:25 WIB.
const clock = fixedClock('2026-03-02T00:25:00Z');
let t: TestApp;
let admin: Awaited<ReturnType<TestApp['createUser']>>;
let kepala: TestEmployee;
let kabid: TestEmployee;
let pppk: TestEmployee;
let pns: TestEmployee;
let junior: TestEmployee;
let outsider: TestEmployee;
let colleague: TestEmployee;
let opdCode: string;

const post = (who: { auth: Record<string, string> }, url: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers: who.auth, payload: payload as Record<string, unknown> });
const get = (who: { auth: Record<string, string> }, url: string) =>
  t.app.inject({ method: 'GET', url, headers: who.auth });
const form = (who: TestEmployee | typeof admin, url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { ...who.auth, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: (who as { csrf?: string }).csrf ?? '', ...fields }).toString(),
  });
let n = 0;
const ask = (who: TestEmployee, body: Record<string, unknown>) =>
  post(who, '/api/v1/attendance/absences', {
    idempotencyKey: `cuti-uji-${++n}-${who.id}`,
    reason: 'Keperluan keluarga',
    ...body,
  });
const setService = (e: TestEmployee, start: string, kind = 'PNS', nip?: string) =>
  sql`update employees set start_date = ${start}, kind = ${kind}, nip = coalesce(${nip ?? null}, nip) where id = ${e.id}`.execute(
    t.db,
  );

beforeAll(async () => {
  t = await createTestApp({ clock, config: { SESSION_TTL_HOURS: '720' } });
  const area = await t.createArea();
  admin = await t.createUser('admin_kota', area.city);
  const opd = await createUnit(t, admin, { name: 'Dinas Komunikasi dan Informatika' });
  opdCode = (await t.services.employees.read.findUnit(t.db, admin.ctx.scope, opd.id))!.code;
  const bidang = await createUnit(t, admin, { parentId: opd.id, name: 'Bidang Statistik' });
  const other = await createUnit(t, admin, { name: 'Dinas Tetangga' });
  kepala = await createEmployee(t, admin, { unitId: opd.id, name: 'Kepala Dinas Uji', head: true });
  kabid = await createEmployee(t, admin, { unitId: bidang.id, name: 'Kepala Bidang Uji', head: true });
  pppk = await createEmployee(t, admin, { unitId: bidang.id, name: 'Dra. Siti Nur’aini Ğüneş' });
  pns = await createEmployee(t, admin, { unitId: bidang.id, name: 'Pegawai Senior' });
  junior = await createEmployee(t, admin, { unitId: bidang.id, name: 'Pegawai Muda' });
  colleague = await createEmployee(t, admin, { unitId: bidang.id, name: 'Rekan Sebidang' });
  outsider = await createEmployee(t, admin, { unitId: other.id, name: 'Kepala Tetangga', head: true });
  // Exactly one year of service on 2 March 2026 (365 days).
  await setService(pppk, '2025-03-02', 'PPPK', makeNiPppk('2'));
  await setService(pns, '2010-01-01');
  await setService(junior, '2022-06-01');
  await setService(kepala, '2005-01-01');
});
afterAll(() => t.close());

describe('what a kind may ask for', () => {
  it('a PPPK is offered tahunan, sakit and melahirkan only; cuti bersama is never offered', async () => {
    const page = await get(pppk, '/presensi/cuti');
    expect(page.statusCode, page.body).toBe(200);
    const select = /data-testid="leave-type">([\s\S]*?)<\/select>/.exec(page.body)![1]!;
    expect([...select.matchAll(/value="([a-z_]+)"/g)].map((m) => m[1])).toEqual([
      'cuti_tahunan',
      'cuti_sakit',
      'cuti_melahirkan',
    ]);
    expect(page.body).not.toContain('value="cuti_bersama"');
    const refused = await ask(pppk, { type: 'cuti_besar', start: '2026-03-09', end: '2026-03-10' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.fields[0]).toMatchObject({ field: 'type' });
  });

  it('a type not open yet is explained with the length of service', async () => {
    const page = await get(junior, '/presensi/cuti');
    expect(page.body).toContain('data-testid="leave-unavailable-cuti_besar"');
    expect(page.body).toContain('masa kerja Anda 3 tahun 9 bulan');
    const refused = await ask(junior, { type: 'cuti_luar_tanggungan', start: '2026-03-09', end: '2026-06-10' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.fields[0].message).toContain('5 tahun');
  });

  it('the form refuses a type not open to the person and keeps their entries', async () => {
    const res = await form(pppk, '/presensi/cuti', {
      idempotencyKey: 'cuti-form-pppk-01',
      type: 'cuti_besar',
      start: '2026-03-09',
      end: '2026-03-10',
      reason: 'Ibadah',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('data-testid="error-summary"');
    expect(res.body).toContain('Ibadah');
  });

  it("a PPPK's one-day sickness needs a doctor's letter; a PNS's only beyond one day", async () => {
    const p1 = await ask(pppk, { type: 'sakit', start: '2026-03-03', end: '2026-03-03' });
    expect(p1.statusCode).toBe(422);
    expect(p1.json().error.fields[0]).toMatchObject({ field: 'attachment' });
    const withLetter = await ask(pppk, {
      type: 'sakit',
      start: '2026-03-03',
      end: '2026-03-03',
      attachment: SEED_PNG.toString('base64'),
    });
    expect(withLetter.statusCode, withLetter.body).toBe(201);
    expect((await ask(pns, { type: 'sakit', start: '2026-03-03', end: '2026-03-03' })).statusCode).toBe(201);
    const twoDays = await ask(pns, { type: 'cuti_sakit', start: '2026-03-04', end: '2026-03-05' });
    expect(twoDays.statusCode).toBe(422);
    expect(twoDays.json().error.fields[0]).toMatchObject({ field: 'attachment' });
  });

  it('cuti melahirkan: the fourth child is refused and a PNS is pointed to cuti besar', async () => {
    const r = await ask(pns, { type: 'cuti_melahirkan', start: '2026-03-09', end: '2026-05-08', childOrder: 4 });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.fields[0]).toMatchObject({ field: 'childOrder' });
    expect(r.json().error.fields[0].message).toContain('Cuti besar');
  });
});

describe('two levels', () => {
  let id: number;
  it('request → pertimbangan → decision → the days are cuti and a numbered letter is issued', async () => {
    const r = await ask(pppk, { type: 'cuti_tahunan', start: '2026-03-09', end: '2026-03-11' });
    expect(r.statusCode, r.body).toBe(201);
    id = r.json().id;
    // The superior sees it to consider; the PyB not yet, and cannot decide before the pertimbangan.
    expect(
      (await get(kabid, '/api/v1/attendance/leave-queue')).json().consider.map((a: { id: number }) => a.id),
    ).toContain(id);
    expect((await get(kepala, '/api/v1/attendance/leave-queue')).json().decide).toEqual([]);
    expect(
      (await post(kepala, `/api/v1/attendance/absences/${id}/leave-decision`, { outcome: 'setuju' })).statusCode,
    ).toBe(409);
    // Not on the one-level queue, and not decidable there.
    expect(
      (await post(kabid, `/api/v1/attendance/absences/${id}/decision`, { decision: 'disetujui' })).statusCode,
    ).toBe(409);

    const considered = await form(kabid, `/presensi/cuti/${id}/pertimbangan`, { outcome: 'setuju', note: '' });
    expect(considered.statusCode, considered.body).toBe(303);
    const decided = await form(kepala, `/presensi/cuti/${id}/keputusan`, { outcome: 'setuju' });
    expect(decided.statusCode, decided.body).toBe(303);
    expect(decided.headers.location).toBe(`/presensi/cuti/${id}?diputuskan=1`);

    const page = await get(pppk, `/presensi/cuti/${id}`);
    expect(page.body).toContain(`800.1.11.4/0001/${opdCode}/2026`);
    expect(page.body).toContain('data-testid="leave-pdf"');
    const month = (await get(pppk, `/api/v1/attendance/month?employeeId=${pppk.id}&month=2026-03`)).json();
    const days = month.days as { date: string; status: string }[];
    expect(days.filter((d) => d.date >= '2026-03-09' && d.date <= '2026-03-11').map((d) => d.status)).toEqual([
      'cuti',
      'cuti',
      'cuti',
    ]);
    const balance = await get(kepala, `/api/v1/employees/${pppk.id}/leave?year=2026`);
    expect(balance.json()).toMatchObject({ taken: 3 });
  });

  it('a decision on an already decided request is refused, and the database refuses changing it', async () => {
    const again = await post(kepala, `/api/v1/attendance/absences/${id}/leave-decision`, {
      outcome: 'tidak_disetujui',
      note: 'Batal',
    });
    expect(again.statusCode).toBe(409);
    await expect(sql`update absence_requests set status = 'ditolak' where id = ${id}`.execute(t.db)).rejects.toThrow(
      /already decided/,
    );
  });

  it('the PDF opens, holds the number, and its text shows the name and NI PPPK as written', async () => {
    const res = await get(pppk, `/presensi/cuti/${id}/surat.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'cuti-'));
    writeFileSync(join(dir, 'surat.pdf'), res.rawPayload);
    const text = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', join(dir, 'surat.pdf'), '-']).toString('utf8');
    const nip = (await sql<{ nip: string }>`select nip from employees where id = ${pppk.id}`.execute(t.db)).rows[0]!
      .nip;
    expect(text).toContain('Dra. Siti Nur’aini Ğüneş');
    expect(text).toContain(nip);
    expect(text).toContain(`800.1.11.4/0001/${opdCode}/2026`);
    expect(text).toContain('SURAT IZIN CUTI TAHUNAN');
    expect(text).toContain('9 Maret 2026');
    expect(text).toContain('Kepala Dinas Uji');
    expect(text).not.toMatch(/Ã|Ð|�/);
  });

  it("someone else's unit is refused: another OPD's head, a colleague, the PyB as superior", async () => {
    const r = await ask(pns, { type: 'cuti_tahunan', start: '2026-03-16', end: '2026-03-17' });
    const rid = r.json().id;
    for (const who of [outsider, colleague, kepala])
      expect(
        (await post(who, `/api/v1/attendance/absences/${rid}/consideration`, { outcome: 'setuju' })).statusCode,
      ).toBe(404);
    expect((await get(outsider, `/presensi/cuti/${rid}`)).statusCode).toBe(404);
    expect((await get(colleague, `/presensi/cuti/${rid}/surat.pdf`)).statusCode).toBe(404);
    expect(
      (await post(pns, `/api/v1/attendance/absences/${rid}/consideration`, { outcome: 'setuju' })).statusCode,
    ).toBe(404);
  });

  it('two decisions at once: one wins, one letter', async () => {
    const r = await ask(pns, { type: 'cuti_tahunan', start: '2026-03-23', end: '2026-03-24' });
    const rid = r.json().id;
    expect(
      (await post(kabid, `/api/v1/attendance/absences/${rid}/consideration`, { outcome: 'setuju' })).statusCode,
    ).toBe(200);
    const both = await Promise.all([
      post(kepala, `/api/v1/attendance/absences/${rid}/leave-decision`, { outcome: 'setuju' }),
      post(kepala, `/api/v1/attendance/absences/${rid}/leave-decision`, { outcome: 'tidak_disetujui', note: 'Rapat' }),
    ]);
    expect(both.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    const letters = await sql<{
      n: number;
    }>`select count(*)::int as n from leave_letters where absence_id = ${rid}`.execute(t.db);
    expect(letters.rows[0]!.n).toBeLessThanOrEqual(1);
  });

  it('ditangguhkan: with reason and date, no letter, the days stay unexcused', async () => {
    const r = await ask(pppk, { type: 'cuti_tahunan', start: '2026-03-25', end: '2026-03-26' });
    const rid = r.json().id;
    const noReason = await post(kabid, `/api/v1/attendance/absences/${rid}/consideration`, {
      outcome: 'ditangguhkan',
      until: '2026-05-01',
    });
    expect(noReason.statusCode).toBe(422);
    expect(
      (
        await post(kabid, `/api/v1/attendance/absences/${rid}/consideration`, {
          outcome: 'ditangguhkan',
          note: 'Penyusunan laporan akhir tahun',
          until: '2026-05-01',
        })
      ).statusCode,
    ).toBe(200);
    const d = await post(kepala, `/api/v1/attendance/absences/${rid}/leave-decision`, {
      outcome: 'ditangguhkan',
      note: 'Tugas kedinasan mendesak',
      until: '2026-05-01',
    });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({ status: 'ditangguhkan', number: null });
    const page = await get(pppk, `/presensi/cuti/${rid}`);
    expect(page.body).toContain('Ditangguhkan sampai 1 Mei 2026');
    expect(page.body).not.toContain('data-testid="leave-pdf"');
    expect((await get(pppk, `/presensi/cuti/${rid}/surat.pdf`)).statusCode).toBe(404);
    const days = (await get(pppk, `/api/v1/attendance/month?employeeId=${pppk.id}&month=2026-03`)).json().days as {
      date: string;
      status: string;
    }[];
    expect(days.find((x) => x.date === '2026-03-25')!.status).not.toBe('cuti');
  });

  it('perubahan by the PyB grants other dates and keeps those asked', async () => {
    const r = await ask(pns, { type: 'cuti_tahunan', start: '2026-04-06', end: '2026-04-08' });
    const rid = r.json().id;
    await post(kabid, `/api/v1/attendance/absences/${rid}/consideration`, { outcome: 'setuju' });
    const d = await post(kepala, `/api/v1/attendance/absences/${rid}/leave-decision`, {
      outcome: 'perubahan',
      start: '2026-04-13',
      end: '2026-04-14',
    });
    expect(d.statusCode, d.body).toBe(200);
    const page = await get(pns, `/presensi/cuti/${rid}`);
    expect(page.body).toContain('13 April 2026 s.d. 14 April 2026 (2 hari kerja)');
    expect(page.body).toContain('6 April 2026 – 8 April 2026');
  });

  it("the head of an OPD: no superior's step, decided by the city's admin", async () => {
    const r = await ask(kepala, { type: 'cuti_tahunan', start: '2026-03-30', end: '2026-03-31' });
    expect(r.statusCode, r.body).toBe(201);
    const rid = r.json().id;
    const q = (await get(admin, '/api/v1/attendance/leave-queue')).json();
    expect(q.decide.map((a: { id: number }) => a.id)).toContain(rid);
    const d = await post(admin, `/api/v1/attendance/absences/${rid}/leave-decision`, { outcome: 'setuju' });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().number).toMatch(new RegExp(`^800\\.1\\.11\\.4/000\\d/${opdCode}/2026$`));
  });
});

describe('dinas luar', () => {
  it('needs the SPT number; its PDF is checked by content and shown to the superior', async () => {
    const base = { type: 'dinas_luar', start: '2026-03-12', end: '2026-03-12', place: 'Kantor Gubernur' };
    const none = await ask(pns, base);
    expect(none.statusCode).toBe(422);
    expect(none.json().error.fields[0]).toMatchObject({ field: 'sptNumber' });
    const png = await ask(pns, { ...base, sptNumber: '800.1.11.1/21/2026', spt: SEED_PNG.toString('base64') });
    expect(png.statusCode).toBe(422);
    expect(png.json().error.fields[0]).toMatchObject({ field: 'spt' });
    const ok = await ask(pns, {
      ...base,
      sptNumber: '800.1.11.1/21/2026',
      spt: (await pdfkitPdf('Surat Perintah Tugas')).toString('base64'),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const page = await get(kabid, '/presensi/izin/putuskan');
    expect(page.body).toContain('800.1.11.1/21/2026');
    const file = await get(kabid, `/api/v1/attendance/absences/${ok.json().id}/spt`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('application/pdf');
    expect((await get(outsider, `/api/v1/attendance/absences/${ok.json().id}/spt`)).statusCode).toBe(404);
  });
});
