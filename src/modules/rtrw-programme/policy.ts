// Who may do what in the RT/RW programme. Which regions: the Scope's job.
import type { Role } from '../../kernel/roles.js';

const managers = ['admin_kota', 'lurah', 'staf_kelurahan'] as const satisfies readonly Role[];
export const programmePolicy = {
  manage: managers as readonly Role[],
  /** Lists and exports: managers plus the kecamatan, who only look. */
  view: [...managers, 'camat', 'staf_kecamatan'] as readonly Role[],
  /** Rates are the city's decision. */
  setRates: ['admin_kota'] as readonly Role[],
  /** A head's own record. */
  own: ['ketua_rt', 'ketua_rw'] as readonly Role[],
};
export const canManage = (role: Role) => programmePolicy.manage.includes(role);
