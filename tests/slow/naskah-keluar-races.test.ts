// Naskah keluar races (issue 15 item 5), each repeated five times. The database decides, never the process:
// (a) numbering: 500 concurrent draws from ONE series give 500 distinct consecutive numbers. The draw is the
//     production one (keluar-repo.ts nextNumber, the counter row's upsert, locked until commit), inside a
//     transaction that keeps working after the draw as signing does; then a few naskah signed concurrently through
//     the full path (HTTP, PDF, /v/ record) continue the same series without a gap or a repeat.
// (b) paraf: 200 simultaneous clicks on one routing step record exactly one act (one 200, one audit row, the step
//     acted once, the naskah moved on once to its signer).
// On PGlite the calls interleave on one connection; on PostgreSQL (TEST_DATABASE_URL) they run on a pool.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeluarRepo } from '../../src/modules/correspondence/keluar-repo.js';
import { seriesKey } from '../../src/modules/correspondence/keluar-rules.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createEmployee, createUnit, type TestEmployee } from '../helpers/staff.js';

const ROUNDS = 5;
const NUMBERINGS = 500;
const SIGNINGS = 8;
const CLICKS = 200;

let t: TestApp;
let head: TestEmployee;
let verifier: TestEmployee;
let unitId: number;
let series: string;
const keluarRepo = createKeluarRepo();
// The signing year as signing computes it (the city's local date; the test app runs at UTC+7).
const year = () => new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();

type Who = { auth: Record<string, string> };
const post = (who: Who, url: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers: who.auth, ...(payload ? { payload } : {}) });
const draft = async (routing: { role: string; employeeId: number }[]) => {
  const res = await post(head, '/api/v1/naskah-keluar', {
    idempotencyKey: `race-${randomBytes(6).toString('hex')}`,
    unitId,
    kindCode: 'undangan',
    perihal: 'Undangan rapat',
    classificationCode: '000.1',
    securityClass: 'biasa',
    urgency: 'biasa',
    addressees: [{ type: 'external', name: 'Kepala Balai', address: 'Jl. Merdeka 1', email: 'tu@balai.example.go.id' }],
    body: 'Dengan hormat,\nkami mengundang Bapak/Ibu.',
    routing,
    attachments: [],
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: number }).id;
};
const counter = async () =>
  (
    await sql<{
      n: number;
    }>`select coalesce(max(last_number), 0)::int as n from naskah_number_counters where series = ${series} and year = ${year()}`.execute(
      t.db,
    )
  ).rows[0]!.n;

beforeAll(async () => {
  t = await createTestApp({ config: { NASKAH_NUMBER_SERIES: 'unit' } });
  const admin = await t.createUser('admin_kota', (await t.createArea()).city);
  const unit = await createUnit(t, admin, { name: 'Dinas Balapan Surat' });
  unitId = unit.id;
  series = seriesKey('unit', unitId, '');
  head = await createEmployee(t, admin, { unitId, head: true, name: 'Kepala Dinas Balapan' });
  verifier = await createEmployee(t, admin, { unitId, name: 'Sekretaris Balapan' });
});
afterAll(() => t.close());

describe('numbering in one series', () => {
  for (let round = 1; round <= ROUNDS; round++)
    it(`round ${round}: ${NUMBERINGS} concurrent draws, then ${SIGNINGS} concurrent signings, no gap, no repeat`, async () => {
      const base = await counter();
      const drawn = await Promise.all(
        Array.from({ length: NUMBERINGS }, () =>
          t.db.transaction().execute(async (trx) => {
            const seq = await keluarRepo.nextNumber(trx, series, year());
            // Signing keeps the transaction open after the draw (record, PDF, file, audit): the lock must hold.
            await sql`select 1`.execute(trx);
            return seq;
          }),
        ),
      );
      expect(new Set(drawn).size).toBe(NUMBERINGS);
      expect([...drawn].sort((a, b) => a - b)).toEqual(Array.from({ length: NUMBERINGS }, (_, i) => base + i + 1));
      expect(await counter()).toBe(base + NUMBERINGS);

      // The full signing path continues the same series.
      const ids: number[] = [];
      for (let i = 0; i < SIGNINGS; i++) ids.push(await draft([{ role: 'tandatangan', employeeId: head.id }]));
      const signed = await Promise.all(ids.map((id) => post(head, `/api/v1/naskah-keluar/${id}/sign`)));
      for (const r of signed) expect(r.statusCode, r.body).toBe(200);
      const numbers = signed.map((r) => (r.json() as { number: string }).number);
      expect(new Set(numbers).size).toBe(SIGNINGS);
      const rows = (
        await sql<{
          number_seq: number | null;
          number_series: string | null;
          letter_number: string | null;
          status: string;
        }>`select number_seq, number_series, letter_number, status from naskah where id in (${sql.join(ids)})`.execute(
          t.db,
        )
      ).rows;
      expect(rows.every((r) => r.status === 'ditandatangani' && r.number_series === series)).toBe(true);
      expect(rows.map((r) => r.number_seq!).sort((a, b) => a - b)).toEqual(
        Array.from({ length: SIGNINGS }, (_, i) => base + NUMBERINGS + i + 1),
      );
      expect(new Set(rows.map((r) => r.letter_number))).toEqual(new Set(numbers));
    });
});

describe('paraf clicks on one step', () => {
  for (let round = 1; round <= ROUNDS; round++)
    it(`round ${round}: ${CLICKS} simultaneous clicks, one act recorded`, async () => {
      const id = await draft([
        { role: 'paraf', employeeId: verifier.id },
        { role: 'tandatangan', employeeId: head.id },
      ]);
      type Step = { id: number; role: string; status: string; employeeId: number };
      const before = (
        await t.app.inject({ method: 'GET', url: `/api/v1/naskah-keluar/${id}`, headers: head.auth })
      ).json() as { currentStepId: number; steps: Step[] };
      const paraf = before.steps.find((s) => s.role === 'paraf')!;
      const signer = before.steps.find((s) => s.role === 'tandatangan')!;
      expect(before.currentStepId).toBe(paraf.id);

      const clicks = await Promise.all(
        Array.from({ length: CLICKS }, () =>
          post(verifier, `/api/v1/naskah-keluar/${id}/act`, { stepId: paraf.id, act: 'paraf' }),
        ),
      );
      const codes = clicks.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 200)).toHaveLength(1);
      expect(codes.filter((c) => c === 409)).toHaveLength(CLICKS - 1);

      const audit = await sql<{
        n: number;
      }>`select count(*)::int as n from audit_log where entity_type = 'naskah' and entity_id = ${id} and action = 'naskah.keluar_paraf'`.execute(
        t.db,
      );
      expect(audit.rows[0]!.n).toBe(1);
      const steps = (
        await sql<{
          id: number;
          status: string;
          acted_at: Date | null;
          actor_employee_id: number | null;
        }>`select id, status, acted_at, actor_employee_id from naskah_routing_steps where naskah_id = ${id}`.execute(
          t.db,
        )
      ).rows;
      expect(steps.find((s) => s.id === paraf.id)).toMatchObject({ status: 'paraf', actor_employee_id: verifier.id });
      expect(steps.find((s) => s.id === paraf.id)!.acted_at).not.toBeNull();
      expect(steps.find((s) => s.id === signer.id)).toMatchObject({ status: 'menunggu', acted_at: null });
      const after = (
        await t.app.inject({ method: 'GET', url: `/api/v1/naskah-keluar/${id}`, headers: head.auth })
      ).json() as { status: string; currentStepId: number; round: number };
      expect(after).toMatchObject({ status: 'diverifikasi', currentStepId: signer.id, round: 1 });
    });
});
