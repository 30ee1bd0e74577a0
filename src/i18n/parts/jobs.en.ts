import type { jobsId } from './jobs.id.js';
export const jobsEn: Record<keyof typeof jobsId, string> = {};
