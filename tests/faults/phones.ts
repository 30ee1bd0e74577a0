// Phones at work against the real server: the demo city's people signed in
// over HTTP, check-ins and citizens' service requests (each with its own
// idempotency key) plus reads and a page, and the properties every fault
// must keep for those writes.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { DEMO_OFFICE, DEMO_PASSWORD, DEMO_STAFF } from '../../src/seed/demo.js';
import { JPEG, PNG } from '../helpers/requests.js';
import { call, withClient } from './support.js';

export async function login(base: string, loginId: string): Promise<string> {
  const a = await call(base, 'POST', '/api/v1/auth/login', { body: { loginId, password: DEMO_PASSWORD } });
  expect(a?.status, `login ${loginId}: ${a?.body}`).toBe(200);
  return (JSON.parse(a!.body) as { token: string }).token;
}

/** The demo city's people this suite acts as. */
export async function signInDemo(base: string) {
  return {
    warga: await login(base, 'warga'),
    rt: await login(base, 'ketua.rt'),
    rw: await login(base, 'ketua.rw'),
    lurah: await login(base, 'lurah'),
    staff: [await login(base, DEMO_STAFF.head), await login(base, DEMO_STAFF.staff)],
  };
}
export type Demo = Awaited<ReturnType<typeof signInDemo>>;

export const newKey = () => randomBytes(12).toString('hex');

export interface Write {
  what: 'check-in' | 'request';
  token: string;
  path: string;
  body: { idempotencyKey: string } & Record<string, unknown>;
  /** Every answer this key got, in order (status, and the id a success carried). */
  answers: { status: number; id: string | null; sentAt: number; answeredAt: number }[];
  /** Sends that got no answer. */
  cut: number;
}

export const checkInBody = (i: number) => ({
  idempotencyKey: newKey(),
  kind: i % 2 ? 'pulang' : 'masuk',
  lat: DEMO_OFFICE.lat + 0.0002,
  lon: DEMO_OFFICE.lon,
  accuracy: 10,
});

/** A citizen's request for a letter of domicile, for themself (route RT → RW → kelurahan). */
export const requestBody = () => ({
  idempotencyKey: newKey(),
  letterType: 'domisili',
  purpose: 'Melamar pekerjaan',
  attachments: [
    { kind: 'ktp', contentBase64: JPEG.toString('base64') },
    { kind: 'kk', contentBase64: PNG.toString('base64') },
  ],
});

export const isOk = (s: number) => s === 200 || s === 201;

export async function send(base: string, w: Write) {
  const sentAt = performance.now();
  const a = await call(base, 'POST', w.path, { token: w.token, body: w.body });
  if (!a) {
    w.cut++;
    return null;
  }
  const id = isOk(a.status) ? String((JSON.parse(a.body) as { id: string | number }).id) : null;
  w.answers.push({ status: a.status, id, sentAt, answeredAt: performance.now() });
  return a;
}

export interface Read {
  path: string;
  status: number | null;
  sentAt: number;
  answeredAt: number;
}

/**
 * Phones at work: `width` loops, each in turn sending a check-in (the two
 * demo employees), a citizen's service request, and three reads (a JSON list,
 * today's attendance, the RW head's queue page). Each write has its own key
 * and is sent once here; settle() sends the unanswered ones again.
 */
export function startLoad(base: string, demo: Demo, width = 12) {
  const writes: Write[] = [];
  const reads: Read[] = [];
  let stopped = false;
  let n = 0;
  const read = async (path: string, token: string) => {
    const sentAt = performance.now();
    const a = await call(base, 'GET', path, { token });
    reads.push({ path, status: a?.status ?? null, sentAt, answeredAt: performance.now() });
  };
  const step = async () => {
    const i = n++;
    switch (i % 5) {
      case 0:
      case 2: {
        const w: Write = {
          what: 'check-in',
          token: demo.staff[i % 2]!,
          path: '/api/v1/attendance/check-ins',
          body: checkInBody(i),
          answers: [],
          cut: 0,
        };
        writes.push(w);
        return void (await send(base, w));
      }
      case 1: {
        const w: Write = {
          what: 'request',
          token: demo.warga,
          path: '/api/v1/requests',
          body: requestBody(),
          answers: [],
          cut: 0,
        };
        writes.push(w);
        return void (await send(base, w));
      }
      case 3:
        return read(i % 2 ? '/api/v1/requests/mine' : '/api/v1/attendance/today', i % 2 ? demo.warga : demo.staff[0]!);
      default:
        return read('/layanan', demo.rw);
    }
  };
  const loops = Array.from({ length: width }, async () => {
    while (!stopped) await step();
  });
  return {
    writes,
    reads,
    /** Writes answered 2xx so far. */
    acked: () => writes.filter((w) => w.answers.some((a) => isOk(a.status))).length,
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

export interface FaultWindow {
  start: number;
  recovered: number;
}

/** Whether a call was under way at some time during a fault (sent before recovery, answered after it began). */
export const duringFault = (faults: FaultWindow[], sentAt: number, answeredAt: number) =>
  faults.some((f) => sentAt < f.recovered && answeredAt > f.start);

/**
 * The properties every fault must keep, checked after the load stopped:
 *  - no 500, ever; outside fault windows every answer is a success;
 *  - every write answered 2xx is in the database once, with the id it was answered with;
 *  - every write not answered 2xx, sent again with its key, succeeds, and is then stored once.
 */
export async function checkWrites(
  base: string,
  databaseUrl: string,
  writes: Write[],
  reads: Read[],
  faults: FaultWindow[],
) {
  const answers = writes.flatMap((w) => w.answers.map((a) => ({ ...a, path: w.path })));
  const all = [...answers, ...reads.map((r) => ({ ...r, status: r.status ?? 0 }))];
  expect(all.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
  expect(all.filter((a) => a.status !== 0 && !isOk(a.status) && a.status !== 503)).toEqual([]);
  const outside = all.filter((a) => !duringFault(faults, a.sentAt, a.answeredAt));
  expect(outside.filter((a) => !isOk(a.status))).toEqual([]);

  const acked = writes.filter((w) => w.answers.some((a) => isOk(a.status)));
  const unacked = writes.filter((w) => !acked.includes(w));
  for (const w of acked) expect(new Set(w.answers.filter((a) => a.id).map((a) => a.id)).size).toBe(1);
  const resent = await Promise.all(unacked.map(async (w) => ({ w, a: await send(base, w) })));
  for (const { w, a } of resent)
    expect(a?.status, `${w.what} ${w.body.idempotencyKey}: ${a?.body}`).toBeOneOf([200, 201]);

  const stored = await storedWrites(databaseUrl, writes);
  for (const w of writes) {
    const key = w.body.idempotencyKey;
    const rows = stored.get(key) ?? [];
    expect(rows.length, `${w.what} ${key} stored once`).toBe(1);
    const id = w.answers.find((a) => a.id)!.id;
    expect(rows[0], `${w.what} ${key} stored with the id it was answered with`).toBe(id);
  }
  return {
    acked: acked.length,
    unacked: unacked.length,
    unackedStoredBefore: resent.filter((x) => x.a?.status === 200).length,
    status503: all.filter((a) => a.status === 503).length,
    reads503: reads.filter((r) => r.status === 503).length,
    noAnswer: writes.reduce((s, w) => s + w.cut, 0) + reads.filter((r) => r.status === null).length,
  };
}

/** key → ids of the rows stored under it (check-ins and service requests), read straight from the database. */
async function storedWrites(url: string, writes: Write[]) {
  const keys = writes.map((w) => w.body.idempotencyKey);
  const rows = await withClient(url, (c) =>
    c.query<{ key: string; id: string }>(
      `select idempotency_key as key, id::text as id from attendance_records where idempotency_key = any($1)
       union all
       select idempotency_key, id::text from service_requests where idempotency_key = any($1)`,
      [keys],
    ),
  );
  const out = new Map<string, string[]>();
  for (const r of rows.rows) out.set(r.key, [...(out.get(r.key) ?? []), r.id]);
  return out;
}
