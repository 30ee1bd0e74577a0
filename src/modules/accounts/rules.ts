// Who may hold which role where, and who may create whose account. Pure.
import type { RegionLevel } from '../../kernel/regions.js';
import { ROLE_LEVEL, type Role } from '../../kernel/roles.js';
export { ROLES, ROLE_LEVEL, NON_REGIONAL_ROLES, isRole, type Role } from '../../kernel/roles.js';

/** Roles each role may create (always inside its own region, see canCreateAccount). */
const CREATABLE: Record<Role, readonly Role[]> = {
  admin_kota: ['admin_kota', 'camat', 'staf_kecamatan', 'lurah', 'staf_kelurahan', 'ketua_rw', 'ketua_rt'],
  camat: ['staf_kecamatan', 'lurah', 'staf_kelurahan', 'ketua_rw', 'ketua_rt'],
  staf_kecamatan: ['lurah', 'staf_kelurahan', 'ketua_rw', 'ketua_rt'],
  lurah: ['staf_kelurahan', 'ketua_rw', 'ketua_rt'],
  staf_kelurahan: ['ketua_rw', 'ketua_rt'],
  ketua_rw: [],
  ketua_rt: [],
  warga: [],
  pegawai: [],
};

export function creatableRoles(actor: Role): readonly Role[] {
  return CREATABLE[actor];
}

export type CreateAccountCheck = { ok: true } | { ok: false; reason: 'role_not_allowed' | 'role_level_mismatch' };

/** Scope (region within the actor's) is checked separately by the Scope itself. */
export function canCreateAccount(actor: Role, target: Role, targetLevel: RegionLevel): CreateAccountCheck {
  if (!CREATABLE[actor].includes(target)) return { ok: false, reason: 'role_not_allowed' };
  if (ROLE_LEVEL[target] !== targetLevel) return { ok: false, reason: 'role_level_mismatch' };
  return { ok: true };
}

/** May the actor manage (reset, deactivate) an existing account? Same rule as creating it. */
export function canManageAccount(actor: Role, target: Role): boolean {
  return CREATABLE[actor].includes(target);
}

export const PASSWORD_MIN = 8;
export function isWeakPassword(password: string, username: string): boolean {
  const p = password.toLowerCase();
  return (
    password.length < PASSWORD_MIN ||
    p === username.toLowerCase() ||
    /^(.)\1+$/.test(p) ||
    ['12345678', 'password', 'katasandi', 'qwertyui'].includes(p)
  );
}

export type LoginGate =
  { ok: true } | { ok: false; reason: 'locked'; minutes: number } | { ok: false; reason: 'inactive' };

export function checkLoginGate(user: { active: boolean; locked_until: Date | null }, now: Date): LoginGate {
  if (!user.active) return { ok: false, reason: 'inactive' };
  if (user.locked_until && user.locked_until > now) {
    return {
      ok: false,
      reason: 'locked',
      minutes: Math.max(1, Math.ceil((user.locked_until.getTime() - now.getTime()) / 60000)),
    };
  }
  return { ok: true };
}
