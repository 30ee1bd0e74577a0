// Messages of the catalogue module (Bahasa Indonesia). Keys must also exist in catalogue.en.ts.
export const catalogueId = {} as const;
