import { describe, expect, it } from 'vitest';
import type { RegionLevel } from '../../kernel/regions.js';
import {
  canCreateAccount,
  canManageAccount,
  checkLoginGate,
  creatableRoles,
  isRole,
  isWeakPassword,
  PASSWORD_MIN,
  ROLE_LEVEL,
  ROLES,
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

describe('checkLoginGate', () => {
  const now = new Date('2025-03-01T10:00:00Z');
  const at = (ms: number) => new Date(now.getTime() + ms);

  it('lets an active, unlocked account through', () => {
    expect(checkLoginGate({ active: true, locked_until: null }, now)).toEqual({ ok: true });
  });

  it('lets an account through once its lock has passed (or ends exactly now)', () => {
    expect(checkLoginGate({ active: true, locked_until: at(-1) }, now)).toEqual({ ok: true });
    expect(checkLoginGate({ active: true, locked_until: now }, now)).toEqual({ ok: true });
  });

  it('reports a lock with the minutes left, rounded up, at least 1', () => {
    expect(checkLoginGate({ active: true, locked_until: at(1) }, now)).toEqual({
      ok: false,
      reason: 'locked',
      minutes: 1,
    });
    expect(checkLoginGate({ active: true, locked_until: at(60_000) }, now)).toEqual({
      ok: false,
      reason: 'locked',
      minutes: 1,
    });
    expect(checkLoginGate({ active: true, locked_until: at(60_001) }, now)).toEqual({
      ok: false,
      reason: 'locked',
      minutes: 2,
    });
    expect(checkLoginGate({ active: true, locked_until: at(15 * 60_000) }, now)).toEqual({
      ok: false,
      reason: 'locked',
      minutes: 15,
    });
  });

  it('refuses an inactive account, before looking at any lock', () => {
    expect(checkLoginGate({ active: false, locked_until: null }, now)).toEqual({ ok: false, reason: 'inactive' });
    expect(checkLoginGate({ active: false, locked_until: at(60_000) }, now)).toEqual({ ok: false, reason: 'inactive' });
  });
});
