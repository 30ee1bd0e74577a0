// Messages of the kinerja module (Bahasa Indonesia). Keys must also exist in kinerja.en.ts.
export const kinerjaId = {} as const;
