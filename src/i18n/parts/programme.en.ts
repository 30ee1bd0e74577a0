import type { programmeId } from './programme.id.js';
export const programmeEn: Record<keyof typeof programmeId, string> = {};
