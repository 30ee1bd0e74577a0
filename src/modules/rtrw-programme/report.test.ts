import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/index.js';
import { monthName, postCounts, reportSections, type MonthlyReport } from './report.js';

const KEL = '35.74.01.1001';

describe('postCounts', () => {
  it('counts RW and RT posts of the kelurahan alike, so active + vacant = posts', () => {
    const regions = [
      { code: `${KEL}.001`, ketua: { id: 1 } },
      { code: `${KEL}.001.001`, ketua: { id: 2 } },
      { code: `${KEL}.001.002`, ketua: null },
      { code: `${KEL}.002`, ketua: null },
      { code: `${KEL}.002.001`, ketua: null },
      { code: `${KEL}.002.002`, ketua: null },
      // Another kelurahan (the overview covers a kecamatan) is not counted.
      { code: '35.74.01.1002.001', ketua: { id: 3 } },
      { code: '35.74.01.10011.001', ketua: null },
    ];
    const c = postCounts(regions, KEL);
    expect(c).toEqual({ posts: 6, active: 2, vacant: 4 });
    expect(c.active + c.vacant).toBe(c.posts);
  });
});

describe('reportSections', () => {
  const r: MonthlyReport = {
    cityName: 'Kota Uji',
    regionName: 'Ketapang',
    month: '2026-12',
    posts: { posts: 3, active: 1, vacant: 2 },
    endingSoon: 0,
    pactVersion: 1,
    pactSigned: 1,
    pactUnsigned: 0,
    trainingComplete: 0,
    trainingMissing: [{ name: 'Budi', topics: ['Penggunaan paket data'] }],
    bpjsMembers: 0,
    bpjsTotal: 0,
    dataDistributed: 0,
    dataUsedMb: 0,
    allowanceRows: 0,
    allowanceTotal: 0,
    allowancePaid: 0,
    ranking: [],
  };
  it('prints labels from the catalogue, never raw codes', () => {
    const text = reportSections(r, translator('id'))
      .flatMap((s) => [s.title, ...s.lines])
      .join('\n');
    expect(text).toContain('Jabatan ketua RT/RW: 3');
    expect(text).toContain('Ketua menjabat: 1');
    expect(text).toContain('Jabatan kosong: 2');
    expect(text).toContain('Budi: belum Penggunaan paket data');
    expect(text).toContain('Pemakaian portal terukur: 0,0 MB');
    expect(text).not.toMatch(/[a-z]+_[a-z_]+/);
    expect(text).not.toMatch(/report\./);
  });
  it('names the month', () => {
    expect(monthName('2026-12', 'id')).toBe('Desember 2026');
    expect(monthName('2026-12', 'en')).toBe('December 2026');
  });
});
