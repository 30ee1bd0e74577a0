// Messages of the letters module (Bahasa Indonesia). Keys must also exist in letters.en.ts.
export const lettersId = {} as const;
