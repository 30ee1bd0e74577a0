import { expect } from 'vitest';

/**
 * No word of `name` stands as a whole word in `text`: a masked name leaks none of its words.
 * Whole words only, so a name such as "Agus" is not found inside "17 Agustus 1993".
 */
export function expectNoWordOf(text: string, name: string) {
  for (const word of name.split(/\s+/))
    if (word.length > 1) expect(text).not.toMatch(new RegExp(`(?<!\\p{L})${word}(?!\\p{L})`, 'u'));
}
