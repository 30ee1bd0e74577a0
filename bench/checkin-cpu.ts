// The app's own CPU per check-in, without sockets or a load generator: the
// app in this process, check-ins sent one at a time through Fastify's inject
// (the whole route: session, validation, service, repos, pg driver), on a
// fresh bench database with 500 employees. Prints user and system CPU per
// request for three rounds; run it with `node --cpu-prof --import tsx` to see
// where the time goes. For optimising the hot path, not a target.
//   npx tsx bench/checkin-cpu.ts      (N=4000 check-ins per round)
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/app.js';
import { systemClock } from '../src/lib/clock.js';
import { generateSigningKey } from '../src/kernel/signing.js';
import { createRepos, createServices } from '../src/wiring.js';
import { freshBenchDatabase } from './lib.js';
import { OFFICE, seedStaff } from './staff-seed.js';
const database = await freshBenchDatabase(10);
const config = loadConfig({
  NODE_ENV: 'test',
  SESSION_SECRET: randomBytes(32).toString('hex'),
  DATA_KEY: randomBytes(32).toString('base64'),
  DATA_DIR: '/tmp/x',
  CITY_CODE: '35.74',
  SESSION_TTL_HOURS: '24',
});
const repos = createRepos();
const services = createServices(database, repos, systemClock, config, { signingKey: generateSigningKey().key });
await services.regions.importCity('35.74');
const staff = await seedStaff(database, repos, services, { cityCode: '35.74', count: 500, sessionHours: 24 });
const app = await createApp({ config, services, logger: false });
const N = Number(process.env.N ?? 4000);
async function one(i: number) {
  const p = staff.people[i % staff.people.length]!;
  const r = await app.inject({
    method: 'POST',
    url: '/api/v1/attendance/check-ins',
    headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' },
    payload: JSON.stringify({
      idempotencyKey: randomBytes(12).toString('hex'),
      kind: 'pulang',
      lat: OFFICE.lat,
      lon: OFFICE.lon,
      accuracy: 12,
    }),
  });
  if (r.statusCode !== 201) throw new Error(r.body);
}
for (let i = 0; i < 500; i++) await one(i);
for (let round = 0; round < 3; round++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await one(i);
  const c = process.cpuUsage(c0);
  console.log(
    `check-in via inject: user ${(c.user / N / 1000).toFixed(3)} ms  sys ${(c.system / N / 1000).toFixed(3)} ms per request, wall ${((performance.now() - t0) / N).toFixed(3)} ms`,
  );
}
await app.close();
await database.close();
