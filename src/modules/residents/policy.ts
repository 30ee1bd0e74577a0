import type { Role } from '../../kernel/roles.js';

export const residentPolicy = {
  /** Staff who read the register of their area. */
  view: ['admin_kota', 'camat', 'staf_kecamatan', 'lurah', 'staf_kelurahan', 'ketua_rw', 'ketua_rt'] as readonly Role[],
  /** Staff who keep the register: the kelurahan (and the city admin). */
  manage: ['admin_kota', 'lurah', 'staf_kelurahan'] as readonly Role[],
  /** A citizen reading their own record. */
  viewOwn: ['warga'] as readonly Role[],
};
