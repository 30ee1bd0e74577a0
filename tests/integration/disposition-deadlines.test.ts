// Disposition deadlines (issue 15 item 4): a disposition due Wednesday, disposed Monday 07:30, with Tuesday a
// national holiday of the city: its working-time budget is Monday and Wednesday (17 h), so the 75 % warning falls
// on Wednesday 11:45 WIB — not Tuesday, the holiday is counted out. The sweep (the pg-boss job's work) run before
// and after 75 % and after the due date sends exactly one warning to the recipient and one escalation to the sender
// (and, NASKAH_ESCALATE_TO_HEAD, to the sender's head); running it again, or on two instances at once, sends nothing
// more.
//
// The fake clock is in May 2016, an era no other test file uses: on a shared PostgreSQL test database the sweep,
// which covers every disposition as in production, finds other files' dispositions not yet due and never at 75 %
// (their working time has not begun at this clock).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { fixedClock } from '../../src/lib/clock.js';
import { generateSigningKey } from '../../src/kernel/signing.js';
import { createRepos, createServices, type Services } from '../../src/wiring.js';
import { createTestApp, openTestDatabase, type TestApp } from '../helpers/app.js';
import { naskahBody } from '../helpers/cases/correspondence.js';
import { TEST_DATABASE_URL } from '../helpers/env.js';
import { createEmployee, createUnit, type TestEmployee } from '../helpers/staff.js';

const clock = fixedClock('2016-05-02T00:30:00.000Z'); // Monday 07:30 WIB
const wib = (day: string, time: string) => new Date(`${day}T${time}:00+07:00`);
let t: TestApp;
let other: { database: Database; services: Services };
let head: TestEmployee, headBelow: TestEmployee, staff: TestEmployee, staffBelow: TestEmployee;
let d1: number, d2: number;

type Who = { auth: Record<string, string> };
const api = (who: Who, url: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers: who.auth, payload });

/** The deadline notifications of a disposition: kind and recipient user id. */
const notes = async (id: number) =>
  (
    await sql<{ kind: string; user_id: number }>`
      select kind, user_id from notifications where dedupe_key like ${`disposisi:%:${id}:%`} order by id`.execute(t.db)
  ).rows;
const sweep = () => t.services.correspondence.deadlines.sweep();

beforeAll(async () => {
  t = await createTestApp({ clock, config: { SESSION_TTL_HOURS: '720', NASKAH_ESCALATE_TO_HEAD: 'true' } });
  const area = await t.createArea();
  const admin = await t.createUser('admin_kota', area.city);
  const a = await createUnit(t, admin, { name: 'Dinas Tenggat' });
  const b = await createUnit(t, admin, { name: 'Bidang Tenggat', parentId: a.id });
  const old = { startDate: '2015-01-02' };
  head = await createEmployee(t, admin, { unitId: a.id, head: true, name: 'Kepala Dinas Tenggat', ...old });
  staff = await createEmployee(t, admin, { unitId: a.id, name: 'Staf Tenggat', ...old });
  headBelow = await createEmployee(t, admin, { unitId: b.id, head: true, name: 'Kabid Tenggat', ...old });
  staffBelow = await createEmployee(t, admin, { unitId: b.id, name: 'Staf Bidang Tenggat', ...old });
  // Tuesday 3 May 2016 is a national holiday of this city (the working calendar of E-Presensi).
  await sql`insert into calendar_entries (region_code, kind, start_date, end_date, name)
            values (${area.city}, 'libur_nasional', '2016-05-03', '2016-05-03', 'Libur uji')`.execute(t.db);
  const database = TEST_DATABASE_URL ? await openTestDatabase() : t.database;
  other = {
    database,
    services: createServices(database, createRepos(), clock, t.config, { signingKey: generateSigningKey().key }),
  };

  const reg = await api(
    head,
    '/api/v1/naskah',
    naskahBody(a.id, { senderDate: '2016-05-02', receivedDate: '2016-05-02', perihal: 'Undangan rapat tenggat' }),
  );
  expect(reg.statusCode, reg.body).toBe(201);
  const naskahId = (reg.json() as { id: number }).id;
  const r1 = await api(head, `/api/v1/naskah/${naskahId}/dispositions`, {
    to: [staff.id, headBelow.id],
    instructions: ['ditindaklanjuti'],
    dueDate: '2016-05-04',
  });
  expect(r1.statusCode, r1.body).toBe(201);
  const [toStaff, toBelow] = (r1.json() as { ids: number[] }).ids as [number, number];
  d1 = toStaff;
  const r2 = await api(headBelow, `/api/v1/naskah/${naskahId}/dispositions`, {
    parentId: toBelow,
    to: [staffBelow.id],
    instructions: ['ditindaklanjuti'],
    dueDate: '2016-05-04',
  });
  expect(r2.statusCode, r2.body).toBe(201);
  d2 = (r2.json() as { ids: number[] }).ids[0]!;
});
afterAll(async () => {
  if (other && other.database !== t.database) await other.database.close();
  await t.close();
});

describe('disposition deadlines in working hours', () => {
  it('the holiday is counted out: nothing on Tuesday, nor on Wednesday before 11:45', async () => {
    clock.set(wib('2016-05-03', '12:00')); // 75 % here if Tuesday were a working day
    await sweep();
    clock.set(wib('2016-05-04', '11:40'));
    await sweep();
    expect(await notes(d1)).toEqual([]);
    expect(await notes(d2)).toEqual([]);
  });

  it('after 75 %: exactly one warning to each recipient, even with two instances sweeping at once', async () => {
    clock.set(wib('2016-05-04', '11:50'));
    await Promise.all([sweep(), other.services.correspondence.deadlines.sweep()]);
    await sweep();
    expect(await notes(d1)).toEqual([{ kind: 'naskah.disposition_warning', user_id: staff.userId }]);
    expect(await notes(d2)).toEqual([{ kind: 'naskah.disposition_warning', user_id: staffBelow.userId }]);
  });

  it('still on the due date: not overdue yet', async () => {
    clock.set(wib('2016-05-04', '23:59'));
    await sweep();
    expect((await notes(d1)).length).toBe(1);
  });

  it('after the due date: one escalation to the sender (and the sender’s head); re-runs send nothing', async () => {
    clock.set(wib('2016-05-05', '00:01'));
    await Promise.all([sweep(), other.services.correspondence.deadlines.sweep()]);
    await sweep();
    clock.set(wib('2016-05-06', '09:00'));
    await sweep();
    expect(await notes(d1)).toEqual([
      { kind: 'naskah.disposition_warning', user_id: staff.userId },
      { kind: 'naskah.disposition_overdue', user_id: head.userId },
    ]);
    // Passed on by the kabid: escalated to the kabid and to the head above them.
    expect(await notes(d2)).toEqual([
      { kind: 'naskah.disposition_warning', user_id: staffBelow.userId },
      { kind: 'naskah.disposition_overdue', user_id: headBelow.userId },
      { kind: 'naskah.disposition_overdue', user_id: head.userId },
    ]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'naskah_disposition')
      .where('entity_id', '=', String(d1))
      .where('action', 'in', ['naskah.disposition_warned', 'naskah.disposition_escalated'])
      .orderBy('id')
      .execute();
    expect(audit.map((r) => r.action)).toEqual(['naskah.disposition_warned', 'naskah.disposition_escalated']);
  });

  it('the notice reads in Bahasa Indonesia with the due date and links to the disposition', async () => {
    const n = (
      await sql<{ title: string; body: string; link: string }>`
        select title, body, link from notifications where dedupe_key like ${`disposisi:warn:${d1}:%`}`.execute(t.db)
    ).rows[0]!;
    expect(n.title).toContain('mendekati tenggat');
    expect(n.body).toContain('4 Mei 2016');
    expect(n.link).toBe(`/surat/disposisi/${d1}`);
  });
});
