import type { catalogueId } from './catalogue.id.js';
export const catalogueEn: Record<keyof typeof catalogueId, string> = {};
