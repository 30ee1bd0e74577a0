import type { kinerjaId } from './kinerja.id.js';
export const kinerjaEn: Record<keyof typeof kinerjaId, string> = {};
