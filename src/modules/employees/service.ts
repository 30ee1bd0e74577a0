// Use cases of the staff side: the unit tree, employees with their accounts,
// work locations, schedules, the holiday calendar and the attendance rules.
// Each change commits with its audit record.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { fieldError, forbidden, invalid, isUniqueViolation, notFound } from '../../lib/errors.js';
import type { MessageKey } from '../../i18n/index.js';
import type { AccountsPort } from '../accounts/service.js';
import { hashPassword, temporaryPassword } from '../accounts/service.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import { DEFAULT_RULES, validateRules, type AttendanceRules } from '../work-schedule/index.js';
import { DEFAULT_SCHEDULE, validateSchedule, type CalendarEntry, type Schedule } from '../work-schedule/index.js';
import { createEmployeesRepo, type EmployeesRepo } from './repo.js';
import { cityOf } from '../../kernel/regions.js';
import {
  DEFAULT_NI_PPPK_CODES,
  hasNip,
  isUnitWithin,
  nipKinds,
  normalizeUnitCode,
  parseNip,
  pathAndAncestors,
  supervisorOf,
  unitPath,
  type AsnKind,
  type NiPppkCodes,
} from './rules.js';
import type { EmployeeKind, UnitKind } from './tables.js';

export interface EmployeesDeps {
  db: Db;
  clock: Clock;
  accounts: AccountsPort;
  audit: AuditRepo;
  employees?: EmployeesRepo;
  /** The codes an NI PPPK carries after its year (NI_PPPK_CODES, NI_PPPK_PW_CODES). */
  niPppkCodes?: NiPppkCodes;
}

export interface EmployeeInput {
  nip: string;
  fullName: string;
  kind: EmployeeKind;
  position: string;
  grade?: string | undefined;
  unitId: number;
  supervisorNip?: string | undefined;
  locationIds?: number[] | undefined;
  email?: string | undefined;
  phone?: string | undefined;
}

const needAdmin = (ctx: Ctx) => {
  if (ctx.scope.role !== 'admin_kota') throw forbidden();
};
/** The city a staff account belongs to (admins and civil servants are bound to their kabupaten/kota). */
export const cityOfScope = (ctx: Ctx) => cityOf(ctx.scope.regionCode);

export function createEmployeesService(d: EmployeesDeps) {
  const { db, clock } = d;
  const repo = d.employees ?? createEmployeesRepo();
  const codes = d.niPppkCodes ?? DEFAULT_NI_PPPK_CODES;
  /** A colleague's number as typed: a NIP or an NI PPPK, whichever it reads as. */
  const anyNip = (raw: string) => {
    const kind = nipKinds(raw, codes)[0];
    return kind ? parseNip(raw, kind, codes) : null;
  };

  async function unitOrFail(ctx: Ctx, id: number, field = 'unitId') {
    const u = await repo.findUnit(db, ctx.scope, id);
    if (!u) throw fieldError(field, 'pegawai.err.unit_unknown');
    return u;
  }

  async function supervisorIdOf(ctx: Ctx, nip: string | undefined) {
    if (!nip) return null;
    const p = anyNip(nip);
    const s = p && (await repo.findEmployeeByNip(db, ctx.scope, p.nip));
    if (!s) throw fieldError('supervisorNip', 'pegawai.err.supervisor_unknown');
    return s.id;
  }

  async function insertEmployee(
    trx: Db,
    ctx: Ctx,
    input: Omit<EmployeeInput, 'supervisorNip' | 'locationIds'> & {
      nip: string;
      supervisorId: number | null;
      locationIds: number[];
    },
    passwordHash: string,
  ) {
    const user = await d.accounts.insert(trx, {
      username: input.nip,
      full_name: input.fullName,
      role: 'pegawai',
      region_code: cityOfScope(ctx),
      email: input.email || null,
      phone: input.phone || null,
      password_hash: passwordHash,
      must_change_password: true,
      created_by: ctx.scope.userId,
    });
    const e = await repo.insertEmployee(trx, {
      userId: user.id,
      nip: input.nip,
      kind: input.kind,
      position: input.position,
      grade: input.grade || null,
      unitId: input.unitId,
      supervisorId: input.supervisorId,
      now: clock.now(),
    });
    await repo.setLocations(trx, e.id, input.locationIds);
    await d.audit.append(
      trx,
      auditFrom(ctx, {
        action: 'employee.created',
        entityType: 'employee',
        entityId: e.id,
        regionCode: cityOfScope(ctx),
        details: { nip: input.nip, unitId: input.unitId },
      }),
    );
    return e.id;
  }

  return {
    /** Scoped reads other modules (E-Presensi) build on; only this module writes the register. */
    read: {
      calendar: repo.calendar,
      findEmployee: repo.findEmployee,
      findUnit: repo.findUnit,
      listEmployees: repo.listEmployees,
      headsAlong: repo.headsAlong,
    },
    units: (ctx: Ctx) => repo.listUnits(db, ctx.scope),

    async createUnit(ctx: Ctx, input: { parentId?: number | undefined; code: string; name: string; kind: UnitKind }) {
      needAdmin(ctx);
      const code = normalizeUnitCode(input.code);
      if (!code) throw fieldError('code', 'pegawai.err.unit_code');
      const parent = input.parentId ? await unitOrFail(ctx, input.parentId, 'parentId') : null;
      const city = cityOfScope(ctx);
      try {
        return await db.transaction().execute(async (trx) => {
          const u = await repo.insertUnit(trx, {
            regionCode: parent?.region_code ?? city,
            parentId: parent?.id ?? null,
            code,
            path: unitPath(parent, city, code),
            name: input.name.trim(),
            kind: input.kind,
          });
          await d.audit.append(
            trx,
            auditFrom(ctx, {
              action: 'unit.created',
              entityType: 'org_unit',
              entityId: u.id,
              regionCode: city,
              details: { path: u.path },
            }),
          );
          return u;
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw fieldError('code', 'pegawai.err.unit_code_taken');
        throw err;
      }
    },

    async setUnitHead(ctx: Ctx, unitId: number, employeeId: number | null) {
      needAdmin(ctx);
      const unit = await unitOrFail(ctx, unitId);
      if (employeeId !== null) {
        const e = await repo.findEmployee(db, ctx.scope, employeeId);
        if (!e || !isUnitWithin(unit.path, e.unit_path)) throw fieldError('employeeId', 'pegawai.err.head_outside');
      }
      await db.transaction().execute(async (trx) => {
        await repo.setUnitHead(trx, unitId, employeeId);
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'unit.head_set',
            entityType: 'org_unit',
            entityId: unitId,
            regionCode: cityOfScope(ctx),
            details: { employeeId },
          }),
        );
      });
    },

    /** Employees the caller may see, optionally only a unit's (and below). An unknown or hidden unit gives an empty list. */
    async employees(
      ctx: Ctx,
      opts: { unitId?: number | undefined; q?: string | undefined; limit: number; offset: number },
    ) {
      const unit = opts.unitId ? await repo.findUnit(db, ctx.scope, opts.unitId) : undefined;
      if (opts.unitId && !unit) return [];
      return repo.listEmployees(db, ctx.scope, {
        unitPath: unit?.path,
        q: opts.q,
        limit: opts.limit,
        offset: opts.offset,
      });
    },

    async employee(ctx: Ctx, id: number) {
      const e = await repo.findEmployee(db, ctx.scope, id);
      if (!e) throw notFound();
      const heads = await repo.headsAlong(db, pathAndAncestors(e.unit_path));
      const supervisorId = supervisorOf(e, heads);
      const supervisor = supervisorId ? await repo.findEmployee(db, ctx.scope, supervisorId) : undefined;
      return {
        ...e,
        locations: await repo.locationsOf(db, id),
        supervisorId,
        supervisorName: supervisor?.full_name ?? null,
      };
    },

    /** The civil servant behind an account, or null (not every account is one). */
    me: (ctx: Ctx) => repo.findEmployeeByUser(db, ctx.scope.userId),

    async createEmployee(ctx: Ctx, input: EmployeeInput) {
      needAdmin(ctx);
      if (!hasNip(input.kind)) throw fieldError('kind', 'pegawai.err.kind');
      const nip = parseNip(input.nip, input.kind, codes);
      if (!nip) throw fieldError('nip', input.kind === 'PNS' ? 'pegawai.err.nip' : 'pegawai.err.ni_pppk');
      await unitOrFail(ctx, input.unitId);
      const supervisorId = await supervisorIdOf(ctx, input.supervisorNip);
      const locationIds = await repo.locationsInCity(db, cityOfScope(ctx), input.locationIds ?? []);
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      try {
        const id = await db
          .transaction()
          .execute((trx) =>
            insertEmployee(trx, ctx, { ...input, nip: nip.nip, supervisorId, locationIds }, passwordHash),
          );
        return { id, username: nip.nip, password };
      } catch (err) {
        if (isUniqueViolation(err)) throw fieldError('nip', 'pegawai.err.nip_taken');
        throw err;
      }
    },

    async updateEmployee(
      ctx: Ctx,
      id: number,
      input: {
        position: string;
        grade?: string | undefined;
        unitId: number;
        supervisorNip?: string | undefined;
        shiftOffset?: number | undefined;
        locationIds: number[];
      },
    ) {
      needAdmin(ctx);
      const e = await repo.findEmployee(db, ctx.scope, id);
      if (!e) throw notFound();
      await unitOrFail(ctx, input.unitId);
      const supervisorId = await supervisorIdOf(ctx, input.supervisorNip);
      if (supervisorId === id) throw fieldError('supervisorNip', 'pegawai.err.supervisor_self');
      const locationIds = await repo.locationsInCity(db, cityOfScope(ctx), input.locationIds);
      await db.transaction().execute(async (trx) => {
        await repo.updateEmployee(
          trx,
          id,
          {
            position: input.position,
            grade: input.grade || null,
            unit_id: input.unitId,
            supervisor_id: supervisorId,
            shift_offset: input.shiftOffset ?? 0,
          },
          clock.now(),
        );
        await repo.setLocations(trx, id, locationIds);
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'employee.updated',
            entityType: 'employee',
            entityId: id,
            regionCode: cityOfScope(ctx),
            details: { unitId: input.unitId, locationIds },
          }),
        );
      });
    },

    /** A new temporary password for a civil servant who lost theirs (shown once); their sessions end. */
    async resetPassword(ctx: Ctx, id: number) {
      needAdmin(ctx);
      const e = await repo.findEmployee(db, ctx.scope, id);
      if (!e || !e.active) throw notFound();
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        await d.accounts.setPassword(trx, e.user_id, passwordHash, true, clock.now());
        await d.accounts.deleteUserSessions(trx, e.user_id);
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'employee.password_reset',
            entityType: 'employee',
            entityId: id,
            regionCode: cityOfScope(ctx),
          }),
        );
      });
      return { nip: e.nip, name: e.full_name, password };
    },

    /** A civil servant who leaves (transfer, retirement): account closed, sessions ended, no longer heading a unit; records kept. */
    async deactivate(ctx: Ctx, id: number) {
      needAdmin(ctx);
      const e = await repo.findEmployee(db, ctx.scope, id);
      if (!e || !e.active) throw notFound();
      if (e.user_id === ctx.scope.userId) throw forbidden();
      await db.transaction().execute(async (trx) => {
        const now = clock.now();
        await repo.deactivateEmployee(trx, id, now);
        await d.accounts.setActive(trx, e.user_id, false, now);
        await d.accounts.deleteUserSessions(trx, e.user_id);
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'employee.deactivated',
            entityType: 'employee',
            entityId: id,
            regionCode: cityOfScope(ctx),
          }),
        );
      });
    },

    /** What the CSV import checks rows against: units by path below the city, locations by name, NIPs already taken. */
    async importLookups(ctx: Ctx, nips: string[]) {
      const city = cityOfScope(ctx);
      return {
        units: new Map(
          (await repo.listUnits(db, ctx.scope)).map((u) => [u.path.slice(city.length + 1).toUpperCase(), u.id]),
        ),
        locations: await repo.locationIdsByName(db, city),
        taken: await repo.nipsTaken(db, nips),
      };
    },
    citiesWithUnits: () => repo.citiesWithUnits(db),
    /** For background work only (closing days): not scoped to a person. */
    activeEmployeesAfter: (city: string, afterId: number, limit: number) =>
      repo.activeEmployeesAfter(db, city, afterId, limit),
    /** A number as typed, read as a NIP or an NI PPPK of `kind` (any ASN kind when not given), with the city's NI PPPK codes. */
    readNip: (raw: string, kind?: AsnKind) => (kind ? parseNip(raw, kind, codes) : anyNip(raw)),

    findByNip: (ctx: Ctx, nip: string) => repo.findEmployeeByNip(db, ctx.scope, nip),

    /** Rows already checked by the import (see import.ts); all written in one transaction, supervisors named earlier in the file linked at the end. */
    async insertImported(
      ctx: Ctx,
      rows: (Omit<EmployeeInput, 'supervisorNip' | 'locationIds'> & {
        nip: string;
        supervisorId: number | null;
        supervisorNip: string | null;
        locationIds: number[];
      })[],
      hashes: string[],
    ) {
      needAdmin(ctx);
      return db.transaction().execute(async (trx) => {
        const byNip = new Map<string, number>();
        for (const [i, r] of rows.entries()) byNip.set(r.nip, await insertEmployee(trx, ctx, r, hashes[i]!));
        for (const r of rows)
          if (r.supervisorNip && r.supervisorId === null)
            await repo.updateEmployee(
              trx,
              byNip.get(r.nip)!,
              { supervisor_id: byNip.get(r.supervisorNip) ?? null },
              clock.now(),
            );
        return [...byNip.values()];
      });
    },

    locations: (ctx: Ctx) => repo.listLocations(db, cityOfScope(ctx)),
    async createLocation(ctx: Ctx, input: { name: string; lat: number; lon: number; radiusM?: number | undefined }) {
      needAdmin(ctx);
      return db.transaction().execute(async (trx) => {
        const l = await repo.insertLocation(trx, {
          regionCode: cityOfScope(ctx),
          name: input.name.trim(),
          lat: input.lat,
          lon: input.lon,
          radiusM: input.radiusM ?? 100,
        });
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'location.created',
            entityType: 'work_location',
            entityId: l.id,
            regionCode: cityOfScope(ctx),
            details: { lat: input.lat, lon: input.lon, radiusM: input.radiusM ?? 100 },
          }),
        );
        return l;
      });
    },

    schedules: async (ctx: Ctx) =>
      (await repo.listSchedules(db, cityOfScope(ctx))).map((s) => ({
        id: s.id,
        name: s.name,
        schedule: s.definition as Schedule,
      })),
    async saveSchedule(ctx: Ctx, name: string, definition: unknown) {
      needAdmin(ctx);
      const v = validateSchedule(definition);
      if (!v.ok) throw invalid(v.errors.map((key) => ({ field: 'definition', key: key as MessageKey })));
      return db.transaction().execute(async (trx) => {
        const s = await repo.upsertSchedule(trx, cityOfScope(ctx), name.trim(), v.schedule, clock.now());
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'schedule.saved',
            entityType: 'work_schedule',
            entityId: s.id,
            regionCode: cityOfScope(ctx),
            details: { name },
          }),
        );
        return s;
      });
    },
    async setUnitSchedule(ctx: Ctx, unitId: number, scheduleId: number | null) {
      needAdmin(ctx);
      await unitOrFail(ctx, unitId);
      if (scheduleId !== null && !(await repo.findSchedule(db, cityOfScope(ctx), scheduleId)))
        throw fieldError('scheduleId', 'pegawai.err.schedule_unknown');
      await db.transaction().execute(async (trx) => {
        await repo.setUnitSchedule(trx, unitId, scheduleId);
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'unit.schedule_set',
            entityType: 'org_unit',
            entityId: unitId,
            regionCode: cityOfScope(ctx),
            details: { scheduleId },
          }),
        );
      });
    },

    calendar: (ctx: Ctx, year = clock.now().getUTCFullYear()) =>
      repo.calendar(db, cityOfScope(ctx), `${year}-01-01`, `${year}-12-31`) as Promise<
        (CalendarEntry & { id: number })[]
      >,
    async addCalendarEntry(ctx: Ctx, e: CalendarEntry) {
      needAdmin(ctx);
      if (e.end < e.start) throw fieldError('end', 'pegawai.err.calendar_range');
      return db.transaction().execute(async (trx) => {
        const r = await repo.insertCalendarEntry(trx, cityOfScope(ctx), e);
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'calendar.added',
            entityType: 'calendar_entry',
            entityId: r.id,
            regionCode: cityOfScope(ctx),
            details: { ...e },
          }),
        );
        return r;
      });
    },
    async removeCalendarEntry(ctx: Ctx, id: number) {
      needAdmin(ctx);
      await db.transaction().execute(async (trx) => {
        const r = await repo.deleteCalendarEntry(trx, cityOfScope(ctx), id);
        if (!r.numDeletedRows) throw notFound();
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'calendar.removed',
            entityType: 'calendar_entry',
            entityId: id,
            regionCode: cityOfScope(ctx),
          }),
        );
      });
    },

    /** The city's rules table, or the defaults when the city has not set its own. */
    async rules(ctx: Ctx): Promise<AttendanceRules> {
      const r = await repo.rules(db, cityOfScope(ctx));
      const v = r ? validateRules(r.rules) : null;
      return v?.ok ? v.rules : DEFAULT_RULES;
    },
    async setRules(ctx: Ctx, input: unknown) {
      needAdmin(ctx);
      const v = validateRules(input);
      if (!v.ok) throw invalid(v.errors.map((key) => ({ field: 'rules', key: key as MessageKey })));
      await db.transaction().execute(async (trx) => {
        await repo.setRules(trx, cityOfScope(ctx), v.rules, ctx.scope.userId, clock.now());
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'attendance.rules_set',
            entityType: 'attendance_rules',
            entityId: cityOfScope(ctx),
            regionCode: cityOfScope(ctx),
          }),
        );
      });
      return v.rules;
    },
    defaultSchedule: DEFAULT_SCHEDULE,
  };
}
export type EmployeesService = ReturnType<typeof createEmployeesService>;
