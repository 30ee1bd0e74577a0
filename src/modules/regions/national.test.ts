import { describe, expect, it } from 'vitest';
import { nationalRegionsOf } from './national.js';

describe('national regions from idn-area-data', () => {
  it('Kota Probolinggo 35.74: 5 kecamatan, 29 kelurahan, parents first', () => {
    const rows = nationalRegionsOf('35.74');
    expect(
      rows
        .filter((r) => r.level === 'kecamatan')
        .map((r) => r.name)
        .sort(),
    ).toEqual(['Kademangan', 'Kanigaran', 'Kedopok', 'Mayangan', 'Wonoasih']);
    expect(rows.filter((r) => r.level === 'kelurahan')).toHaveLength(29);
    expect(rows[0]).toMatchObject({ code: '35', level: 'provinsi', parent_code: null });
    expect(rows[1]).toMatchObject({ code: '35.74', level: 'kabkota', name: 'Kota Probolinggo' });
  });

  it('Kota Metro 18.72: 5 kecamatan, 22 kelurahan, Banjarsari in Metro Utara', () => {
    const rows = nationalRegionsOf('18.72');
    expect(rows.filter((r) => r.level === 'kecamatan')).toHaveLength(5);
    expect(rows.filter((r) => r.level === 'kelurahan')).toHaveLength(22);
    const utara = rows.find((r) => r.name === 'Metro Utara')!;
    expect(rows.find((r) => r.name === 'Banjarsari' && r.parent_code === utara.code)).toBeTruthy();
  });

  it('an unknown code yields nothing (the start-up then refuses with a clear message)', () => {
    expect(nationalRegionsOf('99.99')).toEqual([]);
  });
});
