// Who may do what on the staff side. Which units: inUnitScope's job.
import type { Role } from '../../kernel/roles.js';

export const employeesPolicy = {
  /** The city's staff administrator (BKPSDM) keeps units, employees, locations, schedules and rules. */
  manage: ['admin_kota'] as readonly Role[],
  /** Lists: the administrator, and civil servants (a head sees their units; others only themselves). */
  view: ['admin_kota', 'pegawai'] as readonly Role[],
};
