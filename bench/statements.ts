// The check-in path's three statements on their own (session lookup, the
// check-in's context read, the idempotent insert), each as the repos send it
// (one item per statement here, no batching),
// once as plain statements and once as named prepared statements
// (src/db/prepared.ts). Runs on the database bench/presensi.ts leaves behind.
//   npx tsx bench/presensi.ts && npx tsx bench/statements.ts
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/database.js';
import { createAccountsRepo } from '../src/modules/accounts/repo.js';
import { createAttendanceRepo } from '../src/modules/attendance/repo.js';
import { BENCH_DB, measure, print, type Figures } from './lib.js';

const N = Number(process.env.BENCH_N ?? 20_000);
const WIDTH = 50;
const accounts = createAccountsRepo();
const attendance = createAttendanceRepo();

async function run(d: Database, how: string): Promise<Figures[]> {
  const sessions = (await sql<{ token_hash: Buffer }>`select token_hash from sessions limit 5000`.execute(d.db)).rows;
  const people = (
    await sql<{ id: number; user_id: number }>`select id, user_id from employees limit 5000`.execute(d.db)
  ).rows;
  if (!sessions.length || !people.length)
    throw new Error('run bench/presensi.ts first: it seeds employees and sessions');
  const now = new Date();
  const pick = <T>(list: T[], i: number) => list[i % list.length]!;
  return [
    await measure(
      `session lookup, ${how}`,
      N,
      WIDTH,
      async (i) => void (await accounts.findSessions(d.db, [pick(sessions, i).token_hash], now)),
    ),
    await measure(
      `check-in context, ${how}`,
      N,
      WIDTH,
      async (i) =>
        void (await attendance.checkInContexts(d.db, [
          { userId: pick(people, i).user_id, key: `k${i}`, day: '2026-11-25' },
        ])),
    ),
    await measure(`check-in insert, ${how}`, N, WIDTH, async (i) => {
      await attendance.insertRecords(d.db, [
        {
          employeeId: pick(people, i).id,
          key: randomBytes(12).toString('hex'),
          kind: 'masuk',
          takenAt: now,
          deviceTime: now,
          receivedAt: now,
          workDate: '2026-11-25',
          lat: -5.11,
          lon: 105.3,
          accuracyM: 10,
          locationId: null,
          absenceId: null,
          distanceM: 10,
          flags: [],
          sentLate: false,
          selfieId: null,
        },
      ]);
    }),
  ];
}

console.log(`check-in statements, ${N} each, ${WIDTH} in flight (load generator in this process)`);
for (const prepare of [false, true]) {
  const d = await openDatabase({ databaseUrl: BENCH_DB, dataDir: '', poolSize: WIDTH, prepare });
  const figures = await run(d, prepare ? 'named prepared' : 'plain');
  figures.forEach(print);
  console.log(
    `  all three in sequence: at most ${Math.round(1 / figures.reduce((s, f) => s + 1 / f.perSecond, 0))} check-ins/s of database work`,
  );
  await d.close();
}
