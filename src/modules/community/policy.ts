// Who may do what with community activities. Which regions: the Scope's job.
import type { Role } from '../../kernel/roles.js';

export const communityPolicy = {
  /** Heads report their own RT/RW's activities. */
  report: ['ketua_rt', 'ketua_rw'] as readonly Role[],
  /** The kelurahan confirms or refuses a report. */
  decide: ['lurah', 'staf_kelurahan'] as readonly Role[],
  /** Who opens the list: heads (their own), the kelurahan, and above it read-only. */
  view: ['ketua_rt', 'ketua_rw', 'lurah', 'staf_kelurahan', 'camat', 'staf_kecamatan', 'admin_kota'] as readonly Role[],
};
export const isReporter = (role: Role) => communityPolicy.report.includes(role);
export const canDecideRole = (role: Role) => communityPolicy.decide.includes(role);
