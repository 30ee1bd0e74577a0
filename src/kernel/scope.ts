// The one place where "which regions may this account touch" is decided.
// A Scope can only be made from an authenticated account (see makeScope),
// every repository that reads or writes regional data takes one, and
// `inScope` is the only filter those repositories use. So forgetting the
// check is a type error, not a review comment.
import { sql, type Expression, type SqlBool } from 'kysely';
import { notFound } from '../lib/errors.js';
import { isWithin } from './regions.js';
import { NON_REGIONAL_ROLES, type Role } from './roles.js';

const brand: unique symbol = Symbol('scope');

export interface Scope {
  readonly [brand]: true;
  readonly userId: number;
  readonly role: Role;
  /** Region code the account is bound to; it may act on this region and everything below. */
  readonly regionCode: string;
  /** For a citizen: the only resident record they may see. */
  readonly residentId: number | null;
}

export function makeScope(user: { id: number; role: Role; region_code: string; resident_id: number | null }): Scope {
  return {
    [brand]: true,
    userId: user.id,
    role: user.role,
    regionCode: user.region_code,
    residentId: user.resident_id,
  };
}

export function covers(scope: Scope, code: string): boolean {
  // A citizen's account is bound to their RT for context only: they act on
  // their own records, never on the region's.
  if (NON_REGIONAL_ROLES.includes(scope.role)) return false;
  return isWithin(scope.regionCode, code);
}

/** Throws 404 (not 403: outsiders must not learn what exists) when code is outside the scope. */
export function assertCovers(scope: Scope, code: string | null | undefined): void {
  if (!code || !covers(scope, code)) throw notFound();
}

/**
 * SQL filter: the region column is `code` or below it ('35.74.01' covers
 * '35.74.01.1001.001'). The region-code hierarchy is written as SQL only in
 * this file (withinRegion, onRegionLine, inScopeOf); modules use these.
 */
export function withinRegion(column: Expression<string> | string, code: string): Expression<SqlBool> {
  const col = typeof column === 'string' ? sql.ref(column) : column;
  return sql<SqlBool>`(${col} = ${code} or ${col} like ${code + '.%'})`;
}

/** SQL filter: the region column is `code`, above it or below it (what applies to a region: a rate set by the city, a training of the kelurahan). */
export function onRegionLine(column: string, code: string): Expression<SqlBool> {
  const col = sql.ref(column);
  return sql<SqlBool>`(${withinRegion(column, code)} or ${code} like ${col} || '.%')`;
}

/** SQL filter over organisation unit paths: the unit `path` or below it ('35.74/DISKOMINFO' covers '35.74/DISKOMINFO/APTIKA'). */
export function withinUnit(column: string, path: string): Expression<SqlBool> {
  const col = sql.ref(column);
  return sql<SqlBool>`(${col} = ${path} or ${col} like ${path + '/%'})`;
}

/** SQL filter: the region column is the scope's region or below it. */
export function inScope(scope: Scope, column: Expression<string> | string): Expression<SqlBool> {
  if (NON_REGIONAL_ROLES.includes(scope.role)) return sql<SqlBool>`false`;
  return withinRegion(column, scope.regionCode);
}

/**
 * The scope as a row of a batched statement (many people's reads in one
 * statement, see lib/batch.ts): `region` is null for roles that see no region.
 */
export function scopeRow(scope: Scope) {
  return {
    uid: scope.userId,
    citizen: scope.role === 'warga',
    resident: scope.residentId,
    region: NON_REGIONAL_ROLES.includes(scope.role) ? null : scope.regionCode,
  };
}

/** inScope for a batched statement: the scope's region is the column `regionColumn` of its scopeRow. */
export function inScopeOf(regionColumn: string, column: string): Expression<SqlBool> {
  const [region, col] = [sql.ref(regionColumn), sql.ref(column)];
  return sql<SqlBool>`(${region} is not null and (${col} = ${region} or ${col} like ${region} || '.%'))`;
}

/**
 * SQL filter over organisation units (staff side): a city admin sees every
 * unit of their city; a civil servant who heads a unit sees that unit and
 * everything below it; nobody else sees any unit. `pathColumn` is an
 * org_units.path ('35.74/DISKOMINFO/APTIKA').
 */
export function inUnitScope(scope: Scope, pathColumn: string): Expression<SqlBool> {
  const col = sql.ref(pathColumn);
  if (scope.role === 'admin_kota') return sql<SqlBool>`(${col} like ${scope.regionCode + '/%'})`;
  if (scope.role !== 'pegawai') return sql<SqlBool>`false`;
  return sql<SqlBool>`exists (select 1 from org_units h join employees he on he.id = h.head_employee_id
    where he.user_id = ${scope.userId} and h.active and (${col} = h.path or ${col} like h.path || '/%'))`;
}

/** SQL filter over employees: their own record, or one in a unit the scope covers. */
export function employeeInScope(scope: Scope, userIdColumn: string, pathColumn: string): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(userIdColumn)} = ${scope.userId} or ${inUnitScope(scope, pathColumn)})`;
}
