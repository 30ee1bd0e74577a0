// Absence request pages (/presensi/izin): filled in by the absence work.
import type { App } from '../../http/types.js';
import type { Services } from '../../wiring.js';

export function registerAbsencePages(_app: App, _s: Services) {}
