// Who may do what in the RT/RW heads programme. Which regions: the Scope.
import type { Role } from '../../kernel/roles.js';

const HEADS: readonly Role[] = ['ketua_rw', 'ketua_rt'];
export const rtrwPolicy = {
  manage: ['admin_kota', 'lurah', 'staf_kelurahan'] as readonly Role[],
  view: ['admin_kota', 'camat', 'staf_kecamatan', 'lurah', 'staf_kelurahan', 'ketua_rw', 'ketua_rt'] as readonly Role[],
  sign: HEADS,
  countersign: ['lurah'] as readonly Role[],
  publish: ['admin_kota'] as readonly Role[],
};

/** A head sees only their own terms and signatures, not their whole region's. */
export const isHead = (role: Role) => HEADS.includes(role);
