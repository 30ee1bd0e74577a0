import type { lettersId } from './letters.id.js';
export const lettersEn: Record<keyof typeof lettersId, string> = {};
