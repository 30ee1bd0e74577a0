import { describe, expect, it } from 'vitest';
import type { RegionLevel } from '../../kernel/regions.js';
import {
  canCreateAccount,
  backoffAfter,
  backoffSchedule,
  canManageAccount,
  clientKey,
  creatableRoles,
  isRole,
  isWeakPassword,
  loginVerdict,
  PASSWORD_MIN,
  ROLE_LEVEL,
  ROLES,
  type LoginThrottlePolicy,
  type LoginThrottleState,
  type Role,
} from './rules.js';

const STAFF_BELOW_KELURAHAN: Role[] = ['ketua_rw', 'ketua_rt'];

describe('canCreateAccount', () => {
  // Who may create whom (at the right level); everything else is refused.
  const allowed: Record<Role, Role[]> = {
    admin_kota: ['admin_kota', 'camat', 'staf_kecamatan', 'lurah', 'staf_kelurahan', 'ketua_rw', 'ketua_rt'],
    camat: ['staf_kecamatan', 'lurah', 'staf_kelurahan', 'ketua_rw', 'ketua_rt'],
    staf_kecamatan: ['lurah', 'staf_kelurahan', 'ketua_rw', 'ketua_rt'],
    lurah: ['staf_kelurahan', 'ketua_rw', 'ketua_rt'],
    staf_kelurahan: ['ketua_rw', 'ketua_rt'],
    ketua_rw: [],
    ketua_rt: [],
    warga: [],
    // Civil servants' accounts are made by the employees module (with their NIP), not by this form.
    pegawai: [],
  };

  for (const actor of ROLES) {
    for (const target of ROLES) {
      const ok = allowed[actor].includes(target);
      it(`${actor} → ${target} at its own level: ${ok ? 'allowed' : 'role_not_allowed'}`, () => {
        expect(canCreateAccount(actor, target, ROLE_LEVEL[target])).toEqual(
          ok ? { ok: true } : { ok: false, reason: 'role_not_allowed' },
        );
      });
    }
  }

  it('nobody may create a citizen account (citizens register themselves)', () => {
    for (const actor of ROLES)
      expect(canCreateAccount(actor, 'warga', 'rt')).toEqual({ ok: false, reason: 'role_not_allowed' });
  });

  it('refuses an allowed role bound to the wrong region level', () => {
    const levels: RegionLevel[] = ['provinsi', 'kabkota', 'kecamatan', 'kelurahan', 'rw', 'rt'];
    for (const target of allowed.admin_kota) {
      for (const level of levels.filter((l) => l !== ROLE_LEVEL[target])) {
        expect(canCreateAccount('admin_kota', target, level)).toEqual({ ok: false, reason: 'role_level_mismatch' });
      }
    }
    expect(canCreateAccount('lurah', 'ketua_rt', 'rw')).toEqual({ ok: false, reason: 'role_level_mismatch' });
    expect(canCreateAccount('lurah', 'ketua_rw', 'rt')).toEqual({ ok: false, reason: 'role_level_mismatch' });
  });

  it('checks the role before the level', () => {
    expect(canCreateAccount('lurah', 'camat', 'kelurahan')).toEqual({ ok: false, reason: 'role_not_allowed' });
  });

  it('binds each role to the expected level', () => {
    expect(ROLE_LEVEL).toEqual({
      admin_kota: 'kabkota',
      camat: 'kecamatan',
      staf_kecamatan: 'kecamatan',
      lurah: 'kelurahan',
      staf_kelurahan: 'kelurahan',
      ketua_rw: 'rw',
      ketua_rt: 'rt',
      warga: 'rt',
      pegawai: 'kabkota',
    });
  });

  it('creatableRoles and canManageAccount agree with the matrix', () => {
    for (const actor of ROLES) {
      expect([...creatableRoles(actor)].sort()).toEqual([...allowed[actor]].sort());
      for (const target of ROLES) expect(canManageAccount(actor, target)).toBe(allowed[actor].includes(target));
    }
    for (const r of STAFF_BELOW_KELURAHAN) expect(creatableRoles(r)).toEqual([]);
  });

  it('isRole recognises exactly the roles', () => {
    for (const r of ROLES) expect(isRole(r)).toBe(true);
    for (const s of ['', 'admin', 'Lurah', 'superuser', 'warga ']) expect(isRole(s)).toBe(false);
  });
});

describe('isWeakPassword', () => {
  it(`refuses anything shorter than ${PASSWORD_MIN} characters`, () => {
    expect(isWeakPassword('Ab3$xy7', 'budi')).toBe(true);
    expect(isWeakPassword('', 'budi')).toBe(true);
    expect(isWeakPassword('Ab3$xy7q', 'budi')).toBe(false);
  });

  it('refuses the username itself, in any case', () => {
    expect(isWeakPassword('budi.santoso', 'budi.santoso')).toBe(true);
    expect(isWeakPassword('BUDI.SANTOSO', 'budi.santoso')).toBe(true);
    expect(isWeakPassword('3574010101900001', '3574010101900001')).toBe(true);
  });

  it('refuses one character repeated', () => {
    expect(isWeakPassword('aaaaaaaa', 'budi')).toBe(true);
    expect(isWeakPassword('AAAAAAAAAAAA', 'budi')).toBe(true);
    expect(isWeakPassword('11111111', 'budi')).toBe(true);
    expect(isWeakPassword('aaaaaaab', 'budi')).toBe(false);
  });

  it('refuses the common passwords, in any case', () => {
    for (const p of ['12345678', 'password', 'PASSWORD', 'katasandi', 'KataSandi', 'qwertyui'])
      expect(isWeakPassword(p, 'budi')).toBe(true);
  });

  it('accepts a reasonable passphrase', () => {
    expect(isWeakPassword('uji-sandi-rahasia-1', 'budi')).toBe(false);
    expect(isWeakPassword('kopi tubruk pagi', 'budi')).toBe(false);
  });
});

describe('sign-in throttling rules', () => {
  const policy: LoginThrottlePolicy = {
    freeFailures: 5,
    backoffSeconds: 30,
    backoffMaxSeconds: 900,
    windowMinutes: 60,
    clientMaxFailures: 50,
    accountMaxFailures: 100,
    knownClientDays: 30,
  };
  const now = new Date('2025-03-01T10:00:00Z');
  const at = (ms: number) => new Date(now.getTime() + ms);
  const calm: LoginThrottleState = {
    blockedUntil: null,
    lastSuccessAt: null,
    clientFailures: 0,
    clientOldest: null,
    accountFailures: 0,
    accountOldest: null,
  };

  it('costs nothing for the first failures, then doubles the wait from the 5th up to the maximum', () => {
    expect([1, 2, 3, 4].map((n) => backoffAfter(n, policy))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 50].map((n) => backoffAfter(n, policy))).toEqual([
      30, 60, 120, 240, 480, 900, 900, 900,
    ]);
    expect(backoffSchedule(policy)).toEqual([0, 0, 0, 0, 30, 60, 120, 240, 480, 900]);
    expect(backoffSchedule({ ...policy, freeFailures: 1, backoffSeconds: 900 })).toEqual([900]);
  });

  it('lets a calm pair try, and holds a pair while it must wait, with the seconds left rounded up', () => {
    expect(loginVerdict(calm, policy, now)).toEqual({ ok: true });
    expect(loginVerdict({ ...calm, blockedUntil: now }, policy, now)).toEqual({ ok: true });
    expect(loginVerdict({ ...calm, blockedUntil: at(29_001) }, policy, now)).toEqual({
      ok: false,
      retryAfterSeconds: 30,
    });
  });

  it('holds an address that failed too often over all accounts until its oldest failure leaves the window', () => {
    const s = { ...calm, clientFailures: 50, clientOldest: at(-50 * 60_000) };
    expect(loginVerdict(s, policy, now)).toEqual({ ok: false, retryAfterSeconds: 600 });
    expect(loginVerdict({ ...s, clientFailures: 49 }, policy, now)).toEqual({ ok: true });
    // Even an address that signed in before: spraying from it is still spraying.
    expect(loginVerdict({ ...s, lastSuccessAt: at(-60_000) }, policy, now).ok).toBe(false);
  });

  it('holds unknown addresses of an account under attack from many, but not one that signed in to it recently', () => {
    const s = { ...calm, accountFailures: 100, accountOldest: at(-30 * 60_000) };
    expect(loginVerdict(s, policy, now)).toEqual({ ok: false, retryAfterSeconds: 1800 });
    expect(loginVerdict({ ...s, lastSuccessAt: at(-29 * 86_400_000) }, policy, now)).toEqual({ ok: true });
    expect(loginVerdict({ ...s, lastSuccessAt: at(-31 * 86_400_000) }, policy, now).ok).toBe(false);
  });

  it('keys clients by address, IPv6 by its /64', () => {
    expect(clientKey('203.0.113.9')).toBe('203.0.113.9');
    expect(clientKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(clientKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0db8:0001:0002::abcd')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
  });
});

describe('an official identity', () => {
  it('takes a PNS NIP and a PPPK NI, refuses a malformed one', async () => {
    const { isNipForm, officialIdentityOf } = await import('./rules.js');
    expect(isNipForm('198001012005011001')).toBe(true);
    expect(isNipForm('199312282025212001')).toBe(true); // NI PPPK: `21` where a PNS has the month
    expect(isNipForm('198013012005011001')).toBe(false); // month 13 of birth
    expect(isNipForm('198001012005131001')).toBe(false); // TMT month 13
    expect(isNipForm('19800101200501100')).toBe(false);
    const bad = officialIdentityOf({ nip: '123', jabatan: '', pangkat: '' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors.map((e) => e.field)).toEqual(['nip', 'jabatan']);
    expect(officialIdentityOf({ nip: ' 1980 0101 2005 0110 01 ', jabatan: 'Lurah Ketapang', pangkat: '' })).toEqual({
      ok: true,
      value: { nip: '198001012005011001', jabatan: 'Lurah Ketapang', pangkat_golongan: null },
    });
  });
});
