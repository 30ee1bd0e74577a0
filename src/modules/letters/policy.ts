import type { Role } from '../../kernel/roles.js';

/** Who may open an issued letter of a request in their region (the same people who see the request; scope still applies). */
export const lettersPolicy = {
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
};
