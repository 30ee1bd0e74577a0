import type { Role } from './rules.js';

export const accountPolicy = {
  /** Roles that create and manage accounts below them (which ones: rules.creatableRoles). */
  manage: ['admin_kota', 'camat', 'staf_kecamatan', 'lurah', 'staf_kelurahan'] as readonly Role[],
};
