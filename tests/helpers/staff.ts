// Factories for the staff side: units, work locations and employees with
// signed-in accounts, each test on its own city (see createArea).
import { randomBytes, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Ctx } from '../../src/kernel/context.js';
import type { TestApp } from './app.js';

/** Kantor Wali Kota Metro (approximately): the default office of test employees. */
export const OFFICE = { lat: -5.1131, lon: 105.3067 };

/** A valid, random NIP (birth date, appointment, sex, serial): unique enough across a run. */
export function makeNip(sex: '1' | '2' = '1'): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + randomInt(0, 14_000) * 86_400_000);
  const y = birth.getUTCFullYear();
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${y}${pad(birth.getUTCMonth() + 1, 2)}${pad(birth.getUTCDate(), 2)}${y + 25}${pad(randomInt(1, 13), 2)}${sex}${pad(randomInt(1, 1000), 3)}`;
}

/** A random NI PPPK in BKN's form: birth date, year of appointment, `21`, sex, serial. */
export function makeNiPppk(sex: '1' | '2' = '1'): string {
  const nip = makeNip(sex);
  return `${nip.slice(0, 12)}21${nip.slice(14)}`;
}

export const unitCode = () => `U${randomBytes(3).toString('hex').toUpperCase()}`;

export async function createUnit(
  t: TestApp,
  admin: { ctx: Ctx },
  input: { parentId?: number; name?: string; kind?: 'opd' | 'bidang' | 'subbagian' } = {},
) {
  return t.services.employees.createUnit(admin.ctx, {
    code: unitCode(),
    name: input.name ?? 'Unit Uji',
    kind: input.kind ?? (input.parentId ? 'bidang' : 'opd'),
    ...(input.parentId ? { parentId: input.parentId } : {}),
  });
}

export async function createLocation(t: TestApp, admin: { ctx: Ctx }, at = OFFICE, radiusM = 100) {
  return t.services.employees.createLocation(admin.ctx, {
    name: `Kantor ${randomBytes(2).toString('hex')}`,
    lat: at.lat,
    lon: at.lon,
    radiusM,
  });
}

/** An employee with a signed-in account (temporary password already changed). */
export async function createEmployee(
  t: TestApp,
  admin: { ctx: Ctx },
  input: {
    unitId: number;
    locationIds?: number[];
    name?: string;
    supervisorNip?: string;
    head?: boolean;
    /**
     * TMT; default 2020-01-02, the record then backdated to it (registered long ago), so tests of past
     * days count them. '' leaves it empty: counted from registration at the test clock's now.
     */
    startDate?: string;
    endDate?: string;
  },
) {
  const nip = makeNip();
  const fullName = input.name ?? `Pegawai ${nip.slice(-4)}`;
  const r = await t.services.employees.createEmployee(admin.ctx, {
    nip,
    fullName,
    kind: 'PNS',
    position: 'Analis',
    unitId: input.unitId,
    locationIds: input.locationIds ?? [],
    startDate: input.startDate ?? '2020-01-02',
    ...(input.endDate ? { endDate: input.endDate } : {}),
    ...(input.supervisorNip ? { supervisorNip: input.supervisorNip } : {}),
  });
  await sql`update users set must_change_password = false where username = ${nip}`.execute(t.db);
  const startDate = input.startDate ?? '2020-01-02';
  if (startDate) await sql`update employees set created_at = ${startDate}::date where id = ${r.id}`.execute(t.db);
  if (input.head) await t.services.employees.setUnitHead(admin.ctx, input.unitId, r.id);
  const { token } = await t.services.accounts.login({
    loginId: nip,
    password: r.password,
    ip: `10.9.${randomInt(0, 255)}.1`,
    userAgent: 'vitest',
  });
  const user = (await t.services.employees.read.findEmployee(t.db, admin.ctx.scope, r.id))!;
  const ctx: Ctx = {
    scope: (await t.services.accounts.authenticate(token))!.scope,
    actorName: fullName,
    ip: '127.0.0.1',
  };
  return { id: r.id, nip, fullName, userId: user.user_id, token, ctx, ...(await t.sessionFor(token)) };
}
export type TestEmployee = Awaited<ReturnType<typeof createEmployee>>;

/** A check-in body at a place (default: the office), with a fresh key. */
export function checkInBody(kind: 'masuk' | 'pulang' = 'masuk', at = OFFICE, extra: Record<string, unknown> = {}) {
  return { idempotencyKey: randomBytes(12).toString('hex'), kind, lat: at.lat, lon: at.lon, accuracy: 12, ...extra };
}
