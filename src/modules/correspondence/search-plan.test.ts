import { describe, expect, it } from 'vitest';
import { estimateShare, queryWords } from './search-repo.js';

describe('the word statistics that pick how a search runs', () => {
  const stats = {
    freq: new Map([
      ['rapat', 0.28],
      ['posyandu', 0.2],
      ['imunisasi', 0.2],
    ]),
    floor: 0.002,
  };
  it('reads the words as the simple configuration would, leaving out negated ones and "or"', () => {
    expect(queryWords('Rapat -Banjir "Posyandu" or imunisasi')).toEqual({
      words: ['rapat', 'posyandu', 'imunisasi'],
      any: true,
    });
  });
  it('one listed word: its share; an unlisted word: below the least listed', () => {
    expect(estimateShare(stats, 'rapat')).toBe(0.28);
    expect(estimateShare(stats, 'tejoagung')).toBe(0.001);
  });
  it('all words: the product (words that never meet are not walked for); or: the sum', () => {
    expect(estimateShare(stats, 'posyandu imunisasi')).toBeCloseTo(0.04);
    expect(estimateShare(stats, 'posyandu or imunisasi')).toBeCloseTo(0.4);
  });
  it('no statistics (a new database, PGlite before ANALYZE) or no words: 0, the GIN index', () => {
    expect(estimateShare(undefined, 'rapat')).toBe(0);
    expect(estimateShare(stats, '!!!')).toBe(0);
  });
});
