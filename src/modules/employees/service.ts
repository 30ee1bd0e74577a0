// Use cases of the staff side: the unit tree, employees with their accounts,
// work locations, schedules, the holiday calendar and the attendance rules.
// Each change commits with its audit record.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, fieldError, forbidden, invalid, isUniqueViolation, notFound } from '../../lib/errors.js';
import type { MessageKey } from '../../i18n/index.js';
import type { AccountsPort } from '../accounts/service.js';
import { hashPassword, temporaryPassword } from '../accounts/service.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import { DEFAULT_RULES, validateRules, type AttendanceRules } from '../work-schedule/index.js';
import { DEFAULT_SCHEDULE, validateSchedule, type CalendarEntry, type Schedule } from '../work-schedule/index.js';
import { createEmployeesRepo, type EmployeesRepo } from './repo.js';
import { createActingUseCases } from './acting-service.js';
import { cityOf } from '../../kernel/regions.js';
import { localDateOf } from '../work-schedule/index.js';
import {
  DEFAULT_NI_PPPK_CODES,
  DEFAULT_STAFF_NUMBER_PATTERN,
  hasNip,
  parseStaffNumber,
  serviceStart,
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
  /** The city's pattern of non-ASN identifiers and an example for messages (STAFF_NUMBER_PATTERN, STAFF_NUMBER_EXAMPLE). */
  staffNumber?: { pattern: RegExp; example: string };
  /** The city's zone offset: which day a record was created on (a service start when none is recorded). */
  offsetMinutes?: number;
  /** ACTING_RESTRICTED_ACTIONS: what a Plh./Plt. may not do (acting-rules.ts). */
  actingRestricted?: readonly string[];
}

export interface EmployeeInput {
  /** NIP or NI PPPK: required for PNS, PPPK and PPPK Paruh Waktu, refused for non-ASN. */
  nip?: string | undefined;
  /** The city's nomor pegawai: required for non-ASN, refused for the ASN kinds. */
  staffNumber?: string | undefined;
  fullName: string;
  kind: EmployeeKind;
  /** Start of service in this post (TMT, 'YYYY-MM-DD'); empty: the day of registration. */
  startDate?: string | undefined;
  /** End of service (moved, retired), 'YYYY-MM-DD'; empty: still serving. */
  endDate?: string | undefined;
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
  const staff = d.staffNumber ?? { pattern: DEFAULT_STAFF_NUMBER_PATTERN, example: 'THL-2024-017' };
  const off = d.offsetMinutes ?? 420;

  /**
   * The number a person of `kind` carries, read and checked: a NIP (PNS) or
   * NI PPPK (PPPK, PPPK Paruh Waktu) and no nomor pegawai, or a nomor pegawai
   * (non-ASN) and no NIP. The account's username is that number.
   */
  function identityOf(kind: EmployeeKind, nipRaw: string | undefined, staffRaw: string | undefined) {
    const nipText = nipRaw?.trim() ?? '';
    const staffText = staffRaw?.trim() ?? '';
    if (!hasNip(kind)) {
      if (nipText) throw fieldError('nip', 'pegawai.err.nip_for_non_asn');
      if (!staffText) throw fieldError('staffNumber', 'pegawai.err.staff_number_required', { example: staff.example });
      const n = parseStaffNumber(staffText, staff.pattern);
      if (!n) throw fieldError('staffNumber', 'pegawai.err.staff_number', { example: staff.example });
      return { nip: null, staff_number: n, username: n.toLowerCase() };
    }
    if (staffText) throw fieldError('staffNumber', 'pegawai.err.staff_number_for_asn');
    if (!nipText) throw fieldError('nip', kind === 'PNS' ? 'pegawai.err.nip_required' : 'pegawai.err.ni_pppk_required');
    const nip = parseNip(nipText, kind, codes);
    if (!nip) throw fieldError('nip', kind === 'PNS' ? 'pegawai.err.nip' : 'pegawai.err.ni_pppk');
    return { nip: nip.nip, staff_number: null, username: nip.nip };
  }
  /** Start and end of service as given ('' = none); the end never before the start. */
  function serviceDates(input: { startDate?: string | undefined; endDate?: string | undefined }) {
    const start = input.startDate || null;
    const end = input.endDate || null;
    for (const [field, v] of [
      ['startDate', start],
      ['endDate', end],
    ] as const)
      if (v !== null && !isRealDate(v)) throw fieldError(field, 'pegawai.err.date');
    if (start && end && end < start) throw fieldError('endDate', 'pegawai.err.end_before_start');
    return { start_date: start, end_date: end };
  }
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

  /** A number as typed, normalised: a NIP / NI PPPK (18 digits), else a nomor pegawai in its form (upper case), else null. */
  const readNumber = (raw: string) => anyNip(raw)?.nip ?? parseStaffNumber(raw, /./);
  /** A colleague by the number they carry: a NIP / NI PPPK, or a non-ASN's nomor pegawai. */
  async function findByNumber(ctx: Ctx, raw: string) {
    const n = readNumber(raw);
    if (!n) return undefined;
    return /^\d{18}$/.test(n)
      ? ((await repo.findEmployeeByNip(db, ctx.scope, n)) ?? repo.findEmployeeByStaffNumber(db, ctx.scope, n))
      : repo.findEmployeeByStaffNumber(db, ctx.scope, n);
  }

  async function supervisorIdOf(ctx: Ctx, nip: string | undefined) {
    if (!nip?.trim()) return null;
    const s = await findByNumber(ctx, nip);
    if (!s) throw fieldError('supervisorNip', 'pegawai.err.supervisor_unknown');
    return s.id;
  }

  async function insertEmployee(
    trx: Db,
    ctx: Ctx,
    input: Omit<EmployeeInput, 'supervisorNip' | 'locationIds' | 'nip' | 'staffNumber'> & {
      identity: { nip: string | null; staff_number: string | null; username: string };
      dates: { start_date: string | null; end_date: string | null };
      supervisorId: number | null;
      locationIds: number[];
    },
    passwordHash: string,
  ) {
    const user = await d.accounts.insert(trx, {
      username: input.identity.username,
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
      nip: input.identity.nip,
      staffNumber: input.identity.staff_number,
      kind: input.kind,
      startDate: input.dates.start_date,
      endDate: input.dates.end_date,
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
        details: {
          nip: input.identity.nip,
          staffNumber: input.identity.staff_number,
          kind: input.kind,
          unitId: input.unitId,
          ...input.dates,
        },
      }),
    );
    return e.id;
  }

  const acting = createActingUseCases({
    db,
    clock,
    audit: d.audit,
    offsetMinutes: off,
    employees: repo,
    findByNumber: (ctx, raw) => findByNumber(ctx, raw),
    ...(d.actingRestricted ? { restricted: d.actingRestricted } : {}),
  });

  return {
    /** Scoped reads other modules (E-Presensi) build on; only this module writes the register. */
    read: {
      calendar: repo.calendar,
      findEmployee: repo.findEmployee,
      findUnit: repo.findUnit,
      listEmployees: repo.listEmployees,
      /**
       * Heads along a path, a vacant post filled by its Plt. in force today
       * (acting-rules.ts): new requests go to the acting official.
       */
      headsAlong: async (dbx: Db, paths: string[]) =>
        acting.headsWithActing(dbx, await repo.headsAlong(dbx, paths), paths[0]?.split('/')[0] ?? ''),
    },
    /** Acting officials and delegation windows (Plt., Plh., a.n., u.b.): acting-service.ts. */
    acting,
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
      const identity = identityOf(input.kind, input.nip, input.staffNumber);
      const dates = serviceDates(input);
      await unitOrFail(ctx, input.unitId);
      const supervisorId = await supervisorIdOf(ctx, input.supervisorNip);
      const locationIds = await repo.locationsInCity(db, cityOfScope(ctx), input.locationIds ?? []);
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      try {
        const id = await db
          .transaction()
          .execute((trx) =>
            insertEmployee(trx, ctx, { ...input, identity, dates, supervisorId, locationIds }, passwordHash),
          );
        return { id, username: identity.username, password };
      } catch (err) {
        if (isUniqueViolation(err)) throw numberTaken(identity);
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
        /** A change of kind (an honorary worker appointed PPPK) re-checks the number; the username follows the number. */
        kind?: EmployeeKind | undefined;
        nip?: string | undefined;
        staffNumber?: string | undefined;
        /** Absent: unchanged; '' clears. */
        startDate?: string | undefined;
        endDate?: string | undefined;
      },
    ) {
      needAdmin(ctx);
      const e = await repo.findEmployee(db, ctx.scope, id);
      if (!e) throw notFound();
      const kind = input.kind ?? e.kind;
      const numberGiven = input.kind !== undefined || input.nip !== undefined || input.staffNumber !== undefined;
      const identity = numberGiven
        ? identityOf(
            kind,
            input.nip ?? (input.staffNumber === undefined && hasNip(kind) ? (e.nip ?? undefined) : undefined),
            input.staffNumber ?? (input.nip === undefined && !hasNip(kind) ? (e.staff_number ?? undefined) : undefined),
          )
        : null;
      const dates = serviceDates({
        startDate: input.startDate ?? e.start_date ?? undefined,
        endDate: input.endDate ?? e.end_date ?? undefined,
      });
      await unitOrFail(ctx, input.unitId);
      const supervisorId = await supervisorIdOf(ctx, input.supervisorNip);
      if (supervisorId === id) throw fieldError('supervisorNip', 'pegawai.err.supervisor_self');
      const locationIds = await repo.locationsInCity(db, cityOfScope(ctx), input.locationIds);
      const renumbered = identity && (identity.nip !== e.nip || identity.staff_number !== e.staff_number);
      try {
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
              ...dates,
              ...(identity ? { kind, nip: identity.nip, staff_number: identity.staff_number } : {}),
            },
            clock.now(),
          );
          if (renumbered) await d.accounts.setUsername(trx, e.user_id, identity.username, clock.now());
          await repo.setLocations(trx, id, locationIds);
          await d.audit.append(
            trx,
            auditFrom(ctx, {
              action: 'employee.updated',
              entityType: 'employee',
              entityId: id,
              regionCode: cityOfScope(ctx),
              details: {
                unitId: input.unitId,
                locationIds,
                ...dates,
                ...(identity && (renumbered || kind !== e.kind)
                  ? { kind: { from: e.kind, to: kind }, nip: identity.nip, staffNumber: identity.staff_number }
                  : {}),
              },
            }),
          );
        });
      } catch (err) {
        if (identity && isUniqueViolation(err)) throw numberTaken(identity);
        throw err;
      }
      return { username: renumbered ? identity.username : null };
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
      return { nip: e.nip, username: e.username, name: e.full_name, password };
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

    /** What the CSV import checks rows against: units by path below the city, locations by name, numbers (NIP, NI PPPK, nomor pegawai) already taken. */
    async importLookups(ctx: Ctx, numbers: string[]) {
      const city = cityOfScope(ctx);
      return {
        units: new Map(
          (await repo.listUnits(db, ctx.scope)).map((u) => [u.path.slice(city.length + 1).toUpperCase(), u.id]),
        ),
        locations: await repo.locationIdsByName(db, city),
        taken: await repo.numbersTaken(db, numbers),
      };
    },
    citiesWithUnits: () => repo.citiesWithUnits(db),
    /** For background work only (closing days): not scoped to a person. */
    activeEmployeesAfter: (city: string, afterId: number, limit: number) =>
      repo.activeEmployeesAfter(db, city, afterId, limit),
    /** A number as typed, read as a NIP or an NI PPPK of `kind` (any ASN kind when not given), with the city's NI PPPK codes. */
    readNip: (raw: string, kind?: AsnKind) => (kind ? parseNip(raw, kind, codes) : anyNip(raw)),
    /** A person's number of `kind` as typed, checked like the forms do: the identity to store, or the message key of what is wrong. */
    readIdentity(kind: EmployeeKind, nip: string, staffNumber: string) {
      try {
        return { ok: true as const, identity: identityOf(kind, nip, staffNumber) };
      } catch (err) {
        return { ok: false as const, ...firstFieldOf(err) };
      }
    },
    /** Start and end of service as typed: the dates to store, or the message key of what is wrong. */
    readServiceDates(startDate: string, endDate: string) {
      try {
        return { ok: true as const, dates: serviceDates({ startDate, endDate }) };
      } catch (err) {
        return { ok: false as const, ...firstFieldOf(err) };
      }
    },

    findByNip: (ctx: Ctx, nip: string) => repo.findEmployeeByNip(db, ctx.scope, nip),
    /** A colleague by the number they carry (NIP, NI PPPK or nomor pegawai), in the caller's scope. */
    findByNumber,
    readNumber,

    /**
     * When a person's service began, for rules counted in years of service
     * (leave eligibility: one year for annual leave, five for cuti besar and
     * CLTN): the start date recorded (TMT), else for a PNS the TMT CPNS month
     * in their NIP, else the day their record was created (city zone).
     * `date` is 'YYYY-MM-DD'; `source` says which one it is.
     */
    serviceStartOf: (e: { kind: EmployeeKind; nip: string | null; start_date: string | null; created_at: Date }) =>
      serviceStart(e, localDateOf(e.created_at, off)),
    /** The day a record was created, in the city's zone: where attendance starts when no TMT is recorded. */
    createdDayOf: (e: { created_at: Date }) => localDateOf(e.created_at, off),

    /** Rows already checked by the import (see import.ts); all written in one transaction, supervisors named earlier in the file linked at the end. */
    async insertImported(
      ctx: Ctx,
      rows: (Omit<EmployeeInput, 'supervisorNip' | 'locationIds' | 'nip' | 'staffNumber'> & {
        identity: { nip: string | null; staff_number: string | null; username: string };
        dates: { start_date: string | null; end_date: string | null };
        supervisorId: number | null;
        supervisorNip: string | null;
        locationIds: number[];
      })[],
      hashes: string[],
    ) {
      needAdmin(ctx);
      return db.transaction().execute(async (trx) => {
        const byNip = new Map<string, number>();
        for (const [i, r] of rows.entries())
          byNip.set(r.identity.nip ?? r.identity.staff_number!, await insertEmployee(trx, ctx, r, hashes[i]!));
        for (const r of rows)
          if (r.supervisorNip && r.supervisorId === null)
            await repo.updateEmployee(
              trx,
              byNip.get(r.identity.nip ?? r.identity.staff_number!)!,
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

/** The unique index a number hit: the message says which number is taken. */
function numberTaken(identity: { nip: string | null }) {
  return identity.nip
    ? fieldError('nip', 'pegawai.err.nip_taken')
    : fieldError('staffNumber', 'pegawai.err.staff_number_taken');
}

/** The first field message of a refusal raised by the checks above (anything else is rethrown). */
function firstFieldOf(err: unknown): { key: MessageKey; params: Record<string, string | number> } {
  const f = err instanceof AppError ? err.fields[0] : undefined;
  if (!f) throw err;
  return { key: f.key, params: f.params ?? {} };
}

function isRealDate(v: string) {
  const d = new Date(`${v}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
