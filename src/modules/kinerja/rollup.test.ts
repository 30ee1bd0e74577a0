import { describe, expect, it } from 'vitest';
import { rollUp } from './rollup.js';
import { kecamatanOf, kelurahanOf } from './rules.js';

const row = (regionCode: string, score: number, pactSigned = false, activitiesDone = 0) => ({
  regionCode,
  score,
  pactSigned,
  activitiesDone,
  kel: `Kel ${kelurahanOf(regionCode).slice(-4)}`,
});

describe('rollUp', () => {
  it('averages and counts per kelurahan and kecamatan, best average first', () => {
    const rows = [
      row('35.74.01.1001.001.001', 50, true, 2),
      row('35.74.01.1001.001.002', 71, false, 1),
      row('35.74.01.1002.001', 90, true, 0),
      row('35.74.02.1001.001.001', 10),
    ];
    expect(rollUp(rows, kelurahanOf, (r) => r.kel)).toEqual([
      { code: '35.74.01.1002', name: 'Kel 1002', heads: 1, average: 90, pactSigned: 1, activities: 0 },
      { code: '35.74.01.1001', name: 'Kel 1001', heads: 2, average: 60.5, pactSigned: 1, activities: 3 },
      { code: '35.74.02.1001', name: 'Kel 1001', heads: 1, average: 10, pactSigned: 0, activities: 0 },
    ]);
    const kec = rollUp(rows, kecamatanOf, () => null);
    expect(kec.map((k) => [k.code, k.heads, k.average])).toEqual([
      ['35.74.01', 3, 70.3],
      ['35.74.02', 1, 10],
    ]);
    expect(rollUp([], kecamatanOf, () => null)).toEqual([]);
  });
});
