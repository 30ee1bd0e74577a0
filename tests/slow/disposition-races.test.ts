// Disposisi: an open racing a withdraw has exactly one winner (issue 15, "500 withdraw-vs-open pairs → never both",
// repeated five times). The database decides: both are conditional UPDATEs of the same row. On PGlite the calls
// interleave on one connection; on PostgreSQL (TEST_DATABASE_URL) they run in parallel on a pool.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { naskahBody } from '../helpers/cases/correspondence.js';
import { createEmployee, createUnit, type TestEmployee } from '../helpers/staff.js';

const PAIRS = 500;
const ROUNDS = 5;
const RECIPIENTS = 20;

let t: TestApp;
let head: TestEmployee;
let staff: TestEmployee[];
let unitId: number;
const due = () => new Date(Date.now() + 7 * 3_600_000 + 3 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.createUser('admin_kota', (await t.createArea()).city);
  unitId = (await createUnit(t, admin, { name: 'Dinas Balapan' })).id;
  head = await createEmployee(t, admin, { unitId, head: true });
  staff = [];
  for (let i = 0; i < RECIPIENTS; i++) staff.push(await createEmployee(t, admin, { unitId }));
});
afterAll(() => t.close());

describe('withdraw vs open', () => {
  for (let round = 1; round <= ROUNDS; round++)
    it(`round ${round}: ${PAIRS} pairs, never both, never neither`, async () => {
      const reg = await t.app.inject({
        method: 'POST',
        url: '/api/v1/naskah',
        headers: head.auth,
        payload: naskahBody(unitId, { senderNumber: `005/${randomBytes(4).toString('hex')}/2026` }),
      });
      const naskahId = (reg.json() as { id: number }).id;
      const made: { id: number; to: TestEmployee }[] = [];
      while (made.length < PAIRS) {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/v1/naskah/${naskahId}/dispositions`,
          headers: head.auth,
          payload: { to: staff.map((s) => s.id), instructions: ['diketahui'], dueDate: due() },
        });
        expect(res.statusCode, res.body).toBe(201);
        (res.json() as { ids: number[] }).ids.forEach((id, i) => made.push({ id, to: staff[i]! }));
      }
      const pairs = made.slice(0, PAIRS);
      const results = await Promise.all(
        pairs.map(async ({ id, to }) => {
          const [w, o] = await Promise.all([
            t.app.inject({ method: 'POST', url: `/api/v1/dispositions/${id}/withdraw`, headers: head.auth }),
            t.app.inject({ method: 'GET', url: `/api/v1/dispositions/${id}`, headers: to.auth }),
          ]);
          if (w.statusCode !== 200) expect(w.statusCode).toBe(409);
          return {
            withdrew: w.statusCode === 200,
            read: o.statusCode === 200 && (o.json() as { readAt: string | null }).readAt !== null,
          };
        }),
      );
      expect(results.filter((r) => r.withdrew && r.read)).toHaveLength(0);
      expect(results.filter((r) => !r.withdrew && !r.read)).toHaveLength(0);
      const both = await t.database.pool.query(
        'select count(*)::int as n from naskah_dispositions where naskah_id = $1 and read_at is not null and withdrawn_at is not null',
        [naskahId],
      );
      expect(both.rows[0].n).toBe(0);
    });
});
