import { describe, expect, it } from 'vitest';
import { rollUp, rollupLevel, totalOf } from './rollup.js';

const A = '35.74.01.1001';
const B = '35.74.01.1002';
const head = (
  code: string,
  o: Partial<Record<'trained' | 'dataReceived' | 'honorDue' | 'honorPaid', boolean>> = {},
) => ({
  code,
  trained: false,
  dataReceived: false,
  honorDue: false,
  honorPaid: false,
  ...o,
});

describe('rollupLevel', () => {
  it('rolls a city up by kecamatan, a kecamatan by kelurahan, and a kelurahan not at all', () => {
    expect(rollupLevel('35.74')).toBe('kecamatan');
    expect(rollupLevel('35.74.01')).toBe('kelurahan');
    expect(rollupLevel(A)).toBeNull();
  });
});

describe('rollUp', () => {
  it('counts each kelurahan from its own posts and heads only', () => {
    const rows = rollUp(
      [
        { code: A, name: 'Ketapang' },
        { code: B, name: 'Jati' },
      ],
      {
        posts: [
          { code: `${A}.001`, filled: true, pactSigned: true },
          { code: `${A}.001.001`, filled: true, pactSigned: false },
          { code: `${A}.001.002`, filled: false, pactSigned: false },
          { code: `${B}.001`, filled: false, pactSigned: false },
          // A code that only starts like A's is not under A.
          { code: '35.74.01.10011.001', filled: true, pactSigned: true },
        ],
        heads: [
          head(`${A}.001`, { trained: true, dataReceived: true, honorDue: true, honorPaid: true }),
          head(`${A}.001.001`, { honorDue: true }),
          head(`${B}.001.001`, { dataReceived: true }),
        ],
      },
    );
    expect(rows[0]).toEqual({
      code: A,
      name: 'Ketapang',
      posts: 3,
      filled: 2,
      pactSigned: 1,
      heads: 2,
      trained: 1,
      dataReceived: 1,
      honorDue: 2,
      honorPaid: 1,
    });
    expect(rows[1]).toMatchObject({ posts: 1, filled: 0, heads: 1, dataReceived: 1 });
    expect(totalOf(rows)).toMatchObject({ posts: 4, filled: 2, heads: 3, dataReceived: 2 });
  });
});
