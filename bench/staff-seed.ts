// Many employees with signed-in accounts, fast: the bench (5,000 people) and
// the crash test seed through the employees service (insertImported, the CSV
// import's path) with ONE argon2 hash shared by every account — hashing 5,000
// passwords would take minutes and is not what is measured — and open each
// person's session through the accounts repo (insertSession, what login does
// after the password check), so every token is a real Bearer session.
import { randomBytes, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../src/db/database.js';
import { hashPassword, hashToken } from '../src/modules/accounts/service.js';
import { createAccount, ctxOf } from '../src/seed/factories.js';
import type { Repos, Services } from '../src/wiring.js';

/** Kantor Wali Kota Metro (approximately), as in tests/helpers/staff.ts. */
export const OFFICE = { lat: -5.1131, lon: 105.3067 };

export interface SeededPerson {
  employeeId: number;
  userId: number;
  token: string;
}

/** Valid NIPs, distinct for i < 999 × 20,000: birth date and serial derived from i, a random day offset per seed. */
function nipMaker() {
  const base = randomInt(0, 8000);
  return (i: number) => {
    const birth = new Date(Date.UTC(1962, 0, 1) + (base + Math.floor(i / 999)) * 86_400_000);
    const y = birth.getUTCFullYear();
    const p = (n: number, w: number) => String(n).padStart(w, '0');
    return `${y}${p(birth.getUTCMonth() + 1, 2)}${p(birth.getUTCDate(), 2)}${y + 25}01${1}${p((i % 999) + 1, 3)}`;
  };
}

/** Runs `task(i)` for i in [0, total) with `width` in flight. */
export async function inParallel(total: number, width: number, task: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, total) }, async () => {
      while (next < total) await task(next++);
    }),
  );
}

/**
 * A unit with `count` employees, all assigned one office location (100 m
 * geofence), each with an active session. `cityCode` must exist in regions.
 */
export async function seedStaff(
  database: Database,
  repos: Repos,
  services: Services,
  opts: { cityCode: string; count: number; sessionHours?: number },
) {
  const db = database.db;
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const admin = await createAccount(db, repos, {
    username: `admin.presensi.${tag.toLowerCase()}`,
    fullName: 'Admin Presensi',
    role: 'admin_kota',
    regionCode: opts.cityCode,
    password: randomBytes(12).toString('base64url'),
  });
  const ctx = ctxOf({ ...admin, role: 'admin_kota' });
  const unit = await services.employees.createUnit(ctx, {
    code: `SETDA-${tag}`,
    name: 'Sekretariat Daerah',
    kind: 'opd',
  });
  const location = await services.employees.createLocation(ctx, {
    name: `Kantor Wali Kota ${tag}`,
    lat: OFFICE.lat,
    lon: OFFICE.lon,
    radiusM: 100,
  });

  const sharedHash = await hashPassword(randomBytes(16).toString('base64url'));
  const nip = nipMaker();
  const CHUNK = 500;
  for (let from = 0; from < opts.count; from += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, opts.count - from) }, (_, k) => ({
      identity: { nip: nip(from + k), staff_number: null, username: nip(from + k) },
      dates: { start_date: '2020-01-02', end_date: null },
      fullName: `Pegawai ${from + k + 1}`,
      kind: 'PNS' as const,
      position: 'Analis',
      unitId: unit.id,
      supervisorId: null,
      supervisorNip: null,
      locationIds: [location.id],
    }));
    await services.employees.insertImported(
      ctx,
      rows,
      rows.map(() => sharedHash),
    );
  }
  // The temporary password is "already changed" (as tests/helpers/staff.ts does), so the API accepts the session.
  await sql`update users set must_change_password = false where id in (select user_id from employees where unit_id = ${unit.id})`.execute(
    db,
  );
  const rows = (
    await sql<{
      id: number;
      user_id: number;
    }>`select id, user_id from employees where unit_id = ${unit.id} order by id`.execute(db)
  ).rows;

  const now = new Date();
  const expiresAt = new Date(now.getTime() + (opts.sessionHours ?? 24) * 3600_000);
  const people: SeededPerson[] = rows.map((r) => ({
    employeeId: r.id,
    userId: r.user_id,
    token: randomBytes(32).toString('base64url'),
  }));
  await inParallel(people.length, 8, async (i) => {
    const p = people[i]!;
    await repos.accounts.insertSession(db, {
      tokenHash: hashToken(p.token),
      userId: p.userId,
      expiresAt,
      ip: '127.0.0.1',
      userAgent: 'pamong-bench',
      now,
    });
  });
  return { admin, ctx, unit, location, people };
}
