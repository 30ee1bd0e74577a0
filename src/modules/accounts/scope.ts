// The one place where "which regions may this account touch" is decided.
// A Scope can only be made from an authenticated account (see makeScope),
// every repository that reads or writes regional data takes one, and
// `inScope` is the only filter those repositories use. So forgetting the
// check is a type error, not a review comment.
import { sql, type Expression, type SqlBool } from 'kysely';
import { notFound } from '../../lib/errors.js';
import { isWithin } from '../regions/rules.js';
import type { Role } from './rules.js';

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
  return { [brand]: true, userId: user.id, role: user.role, regionCode: user.region_code, residentId: user.resident_id };
}

export function covers(scope: Scope, code: string): boolean {
  // A citizen's account is bound to their RT for context only: they act on
  // their own records, never on the region's.
  if (scope.role === 'warga') return false;
  return isWithin(scope.regionCode, code);
}

/** Throws 404 (not 403: outsiders must not learn what exists) when code is outside the scope. */
export function assertCovers(scope: Scope, code: string | null | undefined): void {
  if (!code || !covers(scope, code)) throw notFound();
}

/** SQL filter: the region column is the scope's region or below it. */
export function inScope(scope: Scope, column: Expression<string> | string): Expression<SqlBool> {
  if (scope.role === 'warga') return sql<SqlBool>`false`;
  const col = typeof column === 'string' ? sql.ref(column) : column;
  return sql<SqlBool>`(${col} = ${scope.regionCode} or ${col} like ${scope.regionCode + '.%'})`;
}
