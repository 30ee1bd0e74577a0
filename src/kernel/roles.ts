// The roles of the platform and the region level each is bound to. Pure; every module reads them from here.
import type { RegionLevel } from './regions.js';

export const ROLES = [
  'admin_kota',
  'camat',
  'staf_kecamatan',
  'lurah',
  'staf_kelurahan',
  'ketua_rw',
  'ketua_rt',
  'warga',
  'pegawai',
] as const;
export type Role = (typeof ROLES)[number];
/** Roles without any regional power: they act on their own records (and, for pegawai, on the units they head — see inUnitScope). */
export const NON_REGIONAL_ROLES: readonly Role[] = ['warga', 'pegawai'];

/** The region level an account of each role is bound to. */
export const ROLE_LEVEL: Record<Role, RegionLevel> = {
  admin_kota: 'kabkota',
  camat: 'kecamatan',
  staf_kecamatan: 'kecamatan',
  lurah: 'kelurahan',
  staf_kelurahan: 'kelurahan',
  ketua_rw: 'rw',
  ketua_rt: 'rt',
  warga: 'rt',
  // A civil servant's account hangs on their city; their reach is their unit, never the region.
  pegawai: 'kabkota',
};

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

/** Region officials and RT/RW heads: everyone who works the regional queues. */
export const STAFF_ROLES: readonly Role[] = [
  'admin_kota',
  'camat',
  'staf_kecamatan',
  'lurah',
  'staf_kelurahan',
  'ketua_rw',
  'ketua_rt',
];
