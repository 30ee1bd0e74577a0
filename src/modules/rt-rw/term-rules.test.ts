import { describe, expect, it } from 'vitest';
import { addYears, defaultEndDate, postTitle, proposeUsername, termWarnings } from './term-rules.js';

const policy = { years: 5, maxConsecutive: 2 };

describe('term rules', () => {
  it('ends a term the configured years after it starts, 29 February falling to 28 February', () => {
    expect(defaultEndDate('2026-12-02', policy)).toBe('2031-12-02');
    expect(addYears('2024-02-29', 5)).toBe('2029-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('warns when the term is longer than configured, not at the limit', () => {
    const at = termWarnings({ startDate: '2026-01-01', endDate: '2031-01-01', residentId: null, history: [], policy });
    expect(at).toEqual([]);
    const over = termWarnings({
      startDate: '2026-01-01',
      endDate: '2031-01-02',
      residentId: null,
      history: [],
      policy,
    });
    expect(over).toEqual([{ key: 'heads.warn_term_long', params: { years: 5 } }]);
  });

  it('warns on the third consecutive term of one person, not the second, and not after another holder', () => {
    const h = (residentId: number | null, startDate: string) => ({ residentId, startDate });
    const second = termWarnings({
      startDate: '2026-01-01',
      endDate: '2031-01-01',
      residentId: 7,
      history: [h(7, '2021-01-01'), h(3, '2016-01-01')],
      policy,
    });
    expect(second).toEqual([]);
    const third = termWarnings({
      startDate: '2026-01-01',
      endDate: '2031-01-01',
      residentId: 7,
      history: [h(7, '2016-01-01'), h(7, '2021-01-01')],
      policy,
    });
    expect(third).toEqual([{ key: 'heads.warn_consecutive', params: { count: 3, max: 2 } }]);
    const broken = termWarnings({
      startDate: '2026-01-01',
      endDate: '2031-01-01',
      residentId: 7,
      history: [h(7, '2011-01-01'), h(7, '2016-01-01'), h(9, '2021-01-01')],
      policy,
    });
    expect(broken).toEqual([]);
  });

  it('proposes a login name from the person’s name, numbered when taken', () => {
    expect(proposeUsername("Siti Nur'aini", new Set())).toBe('siti.nuraini');
    expect(proposeUsername('Siti Nur’aini', new Set(['siti.nuraini', 'siti.nuraini2']))).toBe('siti.nuraini3');
    expect(proposeUsername('Ö', new Set())).toBe('ketua.o');
    expect(proposeUsername('Bambang  Sutejo, S.Pd.', new Set())).toMatch(/^[a-z0-9._-]{3,40}$/);
  });

  it('writes the post without doubling the level', () => {
    expect(postTitle('ketua', '35.74.01.1001.001.001')).toBe('Ketua RT 001 / RW 001');
    expect(postTitle('ketua', '35.74.01.1001.002')).toBe('Ketua RW 002');
  });
});

describe('the default pact text', () => {
  it('has a title and the commitments the programme asks for', async () => {
    const { defaultPact } = await import('./default-pact.js');
    const p = defaultPact();
    expect(p.title).toBe('Pakta Integritas Ketua RT/RW');
    for (const word of ['pungli', 'Nomor 27 Tahun 2022', 'batas waktu', 'netral', 'benturan kepentingan', 'sanksi'])
      expect(p.body).toContain(word);
  });
});
