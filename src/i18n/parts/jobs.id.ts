// Messages of the jobs module (Bahasa Indonesia). Keys must also exist in jobs.en.ts.
export const jobsId = {} as const;
