// Messages of the requests module (Bahasa Indonesia). Keys must also exist in requests.en.ts.
export const requestsId = {} as const;
