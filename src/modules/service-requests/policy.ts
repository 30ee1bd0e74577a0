import type { Role } from '../../kernel/roles.js';

export const requestPolicy = {
  submit: ['warga', 'ketua_rt'] as readonly Role[],
  /** Everyone who acts in the chain, or watches it, sees requests in their region. */
  view: [
    'admin_kota',
    'camat',
    'staf_kecamatan',
    'lurah',
    'staf_kelurahan',
    'ketua_rw',
    'ketua_rt',
    'warga',
  ] as readonly Role[],
  act: ['camat', 'staf_kecamatan', 'lurah', 'staf_kelurahan', 'ketua_rw', 'ketua_rt', 'warga'] as readonly Role[],
  queue: ['camat', 'staf_kecamatan', 'lurah', 'staf_kelurahan', 'ketua_rw', 'ketua_rt'] as readonly Role[],
  list: ['admin_kota', 'camat', 'staf_kecamatan', 'lurah', 'staf_kelurahan', 'ketua_rw', 'ketua_rt'] as readonly Role[],
};
