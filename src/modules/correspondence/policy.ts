// Who may do what in E-Surat, and the one access rule for a naskah (pure, tested in policy.test.ts).
// The list and search SQL (repo.ts `visibleTo`) is written from the same Viewer and says the same.
import type { Role } from '../../kernel/roles.js';
import type { SecurityClass } from './rules.js';

export const correspondencePolicy = {
  /** Civil servants (their units) and the city admin (the city) open E-Surat. */
  view: ['pegawai', 'admin_kota'] as readonly Role[],
  /** Registering is a TU desk's or a unit head's work: civil servants, checked per unit. */
  register: ['pegawai'] as readonly Role[],
  /** The city admin keeps the TU desks. */
  manageDesks: ['admin_kota'] as readonly Role[],
};

/** Who is asking: their unit and the units they head or keep the TU desk of (org_units paths). */
export interface Viewer {
  role: Role;
  /** The city's code ('35.74'): unit paths start with it and '/'. */
  city: string;
  unitPath: string | null;
  headOf: readonly string[];
  tuOf: readonly string[];
  /** Their staff-register record (disposisi are addressed to it), or null. */
  employeeId: number | null;
  /**
   * The people whose queues they take today as Plh./Plt. in force (issue 15 item 1; employees' acting service,
   * QUEUE_KINDS): they see what those people see through dispositions — nothing of their units or desks.
   */
  actsFor?: readonly number[];
  /** The units those people head (a Plh. of a head passes the head's dispositions on within them). Not access. */
  actsForHeadOf?: readonly string[];
}

export interface NaskahAccess {
  unitPath: string;
  securityClass: SecurityClass;
  /** Employees a disposition of this naskah names (not withdrawn): each of them sees the naskah (disposisi). */
  recipients?: readonly number[];
  /** Employees named in an acting routing step of a naskah keluar (paraf, pendapat, signer): each sees it. */
  participants?: readonly number[];
  /** Employees a naskah keluar is copied to (tembusan steps): each may read it, nothing more (canAdministerNaskah). */
  copies?: readonly number[];
}

const within = (path: string, top: string) => path === top || path.startsWith(top + '/');

/**
 * Rahasia and sangat rahasia (the classes marked restricted in reference/naskah-keamanan.csv): only the head of the
 * naskah's own unit and that unit's TU. Otherwise: the city admin sees the city; a civil servant sees their own
 * unit's, a head everything below the units they head, a TU desk its units'. Whoever a disposition (not withdrawn)
 * names sees the naskah too, whatever its unit and class: a rahasia naskah is disposed to people by name — and so
 * does their Plh./Plt. in force (`actsFor`), while the window lasts. So does whoever a routing step of a naskah
 * keluar names (verifier, signer, copy), or their Plt./Plh. of the day.
 */
export function canSeeNaskah(v: Viewer, n: NaskahAccess, restricted: ReadonlySet<SecurityClass>): boolean {
  const named = v.employeeId === null ? [] : [v.employeeId, ...(v.actsFor ?? [])];
  if (v.role === 'pegawai' && named.some((id) => n.recipients?.includes(id))) return true;
  // Naskah keluar: whoever a routing step names (or their Plt./Plh. today) sees it, whatever its unit and class.
  if (v.role === 'pegawai' && named.some((id) => n.participants?.includes(id) || n.copies?.includes(id))) return true;
  if (restricted.has(n.securityClass)) return v.headOf.includes(n.unitPath) || v.tuOf.includes(n.unitPath);
  if (v.role === 'admin_kota') return n.unitPath.startsWith(v.city + '/');
  if (v.role !== 'pegawai') return false;
  return v.unitPath === n.unitPath || v.headOf.some((h) => within(n.unitPath, h)) || v.tuOf.includes(n.unitPath);
}

/**
 * Export (the SRIKANDI package) and filing need more than a copy: a tembusan informs its recipient, who reads the
 * naskah (detail, PDF, search) but does not archive or export another unit's letter. Everyone else who sees it —
 * by unit, by disposition, by an acting routing step — may.
 */
export const canAdministerNaskah = (v: Viewer, n: NaskahAccess, restricted: ReadonlySet<SecurityClass>) =>
  canSeeNaskah(v, { ...n, copies: [] }, restricted);

/** The unit's head and its TU desk register naskah for it (a head of a unit above does not, the TU of it does). */
export const canRegisterFor = (v: Viewer, unitPath: string) =>
  v.role === 'pegawai' && (v.headOf.includes(unitPath) || v.tuOf.includes(unitPath));
