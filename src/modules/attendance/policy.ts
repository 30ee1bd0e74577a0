// Who may do what in E-Presensi. Whose records: employeeInScope's job.
import type { Role } from '../../kernel/roles.js';

export const attendancePolicy = {
  /** Checking in and out, asking for an absence: civil servants themselves. */
  own: ['pegawai'] as readonly Role[],
  /** Months, recaps, the live board, flagged records, decisions: heads of units (pegawai) and the city's administrator. */
  oversee: ['pegawai', 'admin_kota'] as readonly Role[],
};
