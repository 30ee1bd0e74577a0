// Who may do what with berkas (pure; berkas-repo.ts berkasVisibleTo is the SQL twin of canSeeBerkas).
import type { Role } from '../../kernel/roles.js';
import type { Viewer } from './policy.js';

export const berkasPolicy = {
  /** Heads and TU desks (checked per unit) and the city admin open the berkas pages. */
  view: ['pegawai', 'admin_kota'] as readonly Role[],
  /**
   * The city admin records the decisions of penyusutan for the city (with the decree of the authorised official)
   * and keeps the city's JRA. A separate archivist role is not built: where a city wants one, it is a role row
   * and this list, not a change of the rules.
   */
  decide: ['admin_kota'] as readonly Role[],
  editJra: ['admin_kota'] as readonly Role[],
};

const within = (path: string, top: string) => path === top || path.startsWith(top + '/');

/** The city admin sees the city's berkas; a head those of the units they head and below; a TU desk its units'. */
export function canSeeBerkas(v: Viewer, unitPath: string): boolean {
  if (v.role === 'admin_kota') return unitPath.startsWith(v.city + '/');
  if (v.role !== 'pegawai') return false;
  return v.headOf.some((h) => within(unitPath, h)) || v.tuOf.includes(unitPath);
}

/** The unit's own head and TU desk open, fill and close its berkas. */
export const canManageBerkas = (v: Viewer, unitPath: string) =>
  v.role === 'pegawai' && (v.headOf.includes(unitPath) || v.tuOf.includes(unitPath));
