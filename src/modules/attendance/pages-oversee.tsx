// Supervisor pages (/presensi/tim…): filled in by the oversight work.
import type { App } from '../../http/types.js';
import type { Services } from '../../wiring.js';

export function registerOverseePages(_app: App, _s: Services) {}
