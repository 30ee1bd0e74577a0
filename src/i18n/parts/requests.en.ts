import type { requestsId } from './requests.id.js';
export const requestsEn: Record<keyof typeof requestsId, string> = {};
