// Messages of the heads module (Bahasa Indonesia). Keys must also exist in heads.en.ts.
export const headsId = {} as const;
