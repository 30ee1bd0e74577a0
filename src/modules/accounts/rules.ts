// Who may hold which role where, and who may create whose account. Pure.
import type { LoginThrottlePolicy } from '../../config.js';
export type { LoginThrottlePolicy };
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

/**
 * Sign-in throttling (see sign-in.ts). Nothing here locks an account: the
 * owner is never kept out by what someone else does from another address.
 * - per (account, client address): after `freeFailures` failures in a row the
 *   address waits `backoffSeconds`, doubling with each further failure up to
 *   `backoffMaxSeconds`; a success ends it; failures older than the window
 *   are forgotten.
 * - per client address, over all accounts: at most `clientMaxFailures`
 *   failures in the window (password spraying from one address).
 * - per account, over all addresses: at most `accountMaxFailures` failures
 *   in the window (guessing from many addresses); addresses that signed in to
 *   the account in the last `knownClientDays` days are exempt, so the owner
 *   keeps working while it lasts. It is larger than the per-address budget, so
 *   one address alone can never trigger it.
 * An account is named by its normalised login id, existing or not, so the
 * answers are the same for accounts that do not exist.
 */
/** Seconds an address waits after its n-th failure in a row on one account (n ≥ 1). */
export function backoffAfter(failures: number, p: LoginThrottlePolicy): number {
  if (failures < p.freeFailures) return 0;
  const doublings = Math.min(failures - p.freeFailures, 30);
  return Math.min(p.backoffSeconds * 2 ** doublings, p.backoffMaxSeconds);
}

/**
 * The waits after the 1st, 2nd, … failure, up to the first that reaches the
 * maximum; the n-th failure beyond the list waits as long as the last one.
 * The database indexes this list so the rule lives only here.
 */
export function backoffSchedule(p: LoginThrottlePolicy): number[] {
  const s: number[] = [];
  for (let n = 1; ; n++) {
    s.push(backoffAfter(n, p));
    if (s[s.length - 1]! >= p.backoffMaxSeconds || n >= 64) return s;
  }
}

export interface LoginThrottleState {
  /** This (account, address) pair must wait until then. */
  blockedUntil: Date | null;
  /** Last successful sign-in to this account from this address. */
  lastSuccessAt: Date | null;
  /** Failures from this address (all accounts) in the window, and the oldest of them. */
  clientFailures: number;
  clientOldest: Date | null;
  /** Failures on this account (all addresses) in the window, and the oldest of them. */
  accountFailures: number;
  accountOldest: Date | null;
}

export type LoginVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/** May this address try a password for this account now? Pure; the answer never depends on whether it exists. */
export function loginVerdict(s: LoginThrottleState, p: LoginThrottlePolicy, now: Date): LoginVerdict {
  const t = now.getTime();
  const window = p.windowMinutes * 60_000;
  const waits: number[] = [];
  if (s.blockedUntil && s.blockedUntil.getTime() > t) waits.push(s.blockedUntil.getTime() - t);
  // Until the oldest failure leaves the window: the earliest moment the count can drop.
  const untilOldestLeaves = (oldest: Date | null) => (oldest ? Math.max(oldest.getTime() + window - t, 1000) : window);
  if (s.clientFailures >= p.clientMaxFailures) waits.push(untilOldestLeaves(s.clientOldest));
  const known = !!s.lastSuccessAt && s.lastSuccessAt.getTime() > t - p.knownClientDays * 86_400_000;
  if (!known && s.accountFailures >= p.accountMaxFailures) waits.push(untilOldestLeaves(s.accountOldest));
  if (!waits.length) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.ceil(Math.max(...waits) / 1000) };
}

/**
 * What identifies the client for throttling: its address, with IPv6 cut to
 * its /64 (one subscriber usually holds a whole /64 and could rotate through
 * it) and IPv4-mapped IPv6 written as IPv4.
 */
export function clientKey(ip: string): string {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (v4) return v4[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return (
    groups
      .slice(0, 4)
      .map((g) => g.replace(/^0+(?=.)/, ''))
      .join(':') + '::/64'
  );
}

/** Accounts that may carry an official's identity (they sign letters, or sign by delegation). */
export const OFFICIAL_ROLES: readonly Role[] = ['admin_kota', 'camat', 'staf_kecamatan', 'lurah', 'staf_kelurahan'];
export const isOfficialRole = (r: Role) => OFFICIAL_ROLES.includes(r);

/**
 * NIP (PNS) or NI PPPK, 18 digits (BKN): birth date YYYYMMDD, then TMT year and month (PNS, 01–12)
 * or year of appointment and `21` (PPPK), sex 1/2, serial. Only the form is checked here.
 */
export function isNipForm(nip: string): boolean {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{4})(\d{2})([12])(\d{3})$/.exec(nip);
  if (!m) return false;
  const [, y, mo, d, , tmtMonth] = m.map(Number) as number[];
  const birth = new Date(Date.UTC(y!, mo! - 1, d!));
  const validBirth = birth.getUTCFullYear() === y && birth.getUTCMonth() === mo! - 1 && birth.getUTCDate() === d;
  return validBirth && ((tmtMonth! >= 1 && tmtMonth! <= 12) || tmtMonth === 21);
}

type IdentityField = {
  field: string;
  key: 'users.err.nip' | 'users.err.jabatan' | 'field.too_long';
  params?: { field: string; limit: number };
};
/** The official identity form, every problem at once; empty values clear the field. */
export function officialIdentityOf(input: {
  nip: string;
  jabatan: string;
  pangkat: string;
}):
  | { ok: true; value: { nip: string | null; jabatan: string | null; pangkat_golongan: string | null } }
  | { ok: false; errors: IdentityField[] } {
  const nip = input.nip.replace(/\s+/g, '');
  const jabatan = input.jabatan.trim();
  const pangkat = input.pangkat.trim();
  const errors: IdentityField[] = [];
  if (nip && !isNipForm(nip)) errors.push({ field: 'nip', key: 'users.err.nip' });
  if (nip && !jabatan) errors.push({ field: 'jabatan', key: 'users.err.jabatan' });
  if (jabatan.length > 160)
    errors.push({ field: 'jabatan', key: 'field.too_long', params: { field: 'users.f.jabatan', limit: 160 } });
  if (pangkat.length > 80)
    errors.push({ field: 'pangkat', key: 'field.too_long', params: { field: 'users.f.pangkat', limit: 80 } });
  return errors.length
    ? { ok: false, errors }
    : { ok: true, value: { nip: nip || null, jabatan: jabatan || null, pangkat_golongan: pangkat || null } };
}
