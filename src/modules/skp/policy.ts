// Who may do what with SKP (E-Kinerja). One access rule (canSeeSkp) with its SQL twin in repo.ts visiblePlans.
import type { Role } from '../../kernel/roles.js';

export const SKP_STATUSES = ['draf', 'diajukan', 'disetujui', 'diganti'] as const;
export type SkpStatus = (typeof SKP_STATUSES)[number];

/** The seven BerAKHLAK core values (SE MenPANRB 20/2021), the behaviours an SKP rates (PermenPANRB 6/2022). */
export const BERAKHLAK = [
  'berorientasi_pelayanan',
  'akuntabel',
  'kompeten',
  'harmonis',
  'loyal',
  'adaptif',
  'kolaboratif',
] as const;
export type BehaviourCode = (typeof BERAKHLAK)[number];

export const skpPolicy = {
  /** Civil servants keep their own SKP and appraise their staff's; the city admin reads the city's. */
  view: ['pegawai', 'admin_kota'] as readonly Role[],
  act: ['pegawai'] as readonly Role[],
};

export interface SkpViewer {
  role: Role;
  employeeId: number | null;
  /** Units (org_units paths) the viewer heads. */
  headOf: readonly string[];
  /** The city's unit-path prefix ('35.74') for its admin; null otherwise. */
  cityPrefix: string | null;
}

export interface SkpAccess {
  employeeId: number;
  appraiserId: number | null;
  unitPath: string;
}

const within = (path: string, top: string) => path === top || path.startsWith(top + '/');

/** The owner, their appraiser, the head of the unit or any unit above it; the city admin for the city. */
export function canSeeSkp(v: SkpViewer, p: SkpAccess): boolean {
  if (v.cityPrefix && p.unitPath.startsWith(v.cityPrefix + '/')) return true;
  if (v.employeeId === null) return false;
  if (p.employeeId === v.employeeId || p.appraiserId === v.employeeId) return true;
  return v.headOf.some((h) => within(p.unitPath, h));
}

/** Agreement is the appraiser's, or a head above the unit's when the appraiser is absent (never the owner's). */
export function canAgreeSkp(v: SkpViewer, p: SkpAccess): boolean {
  if (v.employeeId === null || v.employeeId === p.employeeId) return false;
  return p.appraiserId === v.employeeId || v.headOf.some((h) => within(p.unitPath, h));
}
