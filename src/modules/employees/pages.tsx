// Staff administration pages (/pegawai…): filled in by the employees pages work.
import type { App } from '../../http/types.js';
import type { Services } from '../../wiring.js';

export function registerEmployeesPages(_app: App, _s: Services) {}
