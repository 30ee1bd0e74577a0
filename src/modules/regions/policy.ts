// Who may do what with regions. Scope (which regions) is the Scope's job.
import type { Role } from '../../kernel/roles.js';

export const regionPolicy = {
  view: ['admin_kota', 'camat', 'staf_kecamatan', 'lurah', 'staf_kelurahan', 'ketua_rw', 'ketua_rt'] as readonly Role[],
  manageRwRt: ['admin_kota', 'lurah', 'staf_kelurahan'] as readonly Role[],
};
