// Messages of the programme module (Bahasa Indonesia). Keys must also exist in programme.en.ts.
export const programmeId = {} as const;
