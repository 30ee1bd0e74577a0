import type { headsId } from './heads.id.js';
export const headsEn: Record<keyof typeof headsId, string> = {};
