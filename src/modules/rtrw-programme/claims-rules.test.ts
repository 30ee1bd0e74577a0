import { describe, expect, it } from 'vitest';
import {
  checklist,
  claimReadiness,
  DEFAULT_SCHOLARSHIP,
  missingDocuments,
  parseScholarship,
  scholarshipProblem,
} from './claims-rules.js';

describe('document checklist', () => {
  it('a death claim needs the death certificate, KK, heir KTP and membership card', () => {
    expect(missingDocuments({ kind: 'kematian', road_accident: false }, [])).toEqual([
      'surat_kematian',
      'kk',
      'ktp_ahli_waris',
      'kartu_peserta',
    ]);
    expect(
      missingDocuments({ kind: 'kematian', road_accident: false }, [
        'surat_kematian',
        'kk',
        'ktp_ahli_waris',
        'kartu_peserta',
      ]),
    ).toEqual([]);
  });
  it('a police report is required only for a road accident', () => {
    const base = ['kronologi', 'dokumen_medis'];
    expect(missingDocuments({ kind: 'kecelakaan', road_accident: false }, base)).toEqual([]);
    expect(missingDocuments({ kind: 'kecelakaan', road_accident: true }, base)).toEqual(['laporan_polisi']);
    expect(checklist({ kind: 'kecelakaan', road_accident: false }, base).map((d) => d.item)).not.toContain(
      'laporan_polisi',
    );
  });
  it('a death claim without heirs is not ready', () => {
    expect(claimReadiness({ kind: 'kematian', road_accident: false }, [], 0).needsHeir).toBe(true);
    expect(claimReadiness({ kind: 'kecelakaan', road_accident: false }, [], 0).needsHeir).toBe(false);
  });
});

describe('scholarship', () => {
  const cfg = DEFAULT_SCHOLARSHIP;
  it('takes at most two children, a child again in another year counts once', () => {
    const two = [{ child_name: 'Ani' }, { child_name: 'Budi' }];
    expect(scholarshipProblem(cfg, two, { name: 'ani', level: 'SMP', schoolYear: '2027/2028' })).toBeNull();
    expect(scholarshipProblem(cfg, two, { name: 'Citra', level: 'SD', schoolYear: '2026/2027' })).toBe('too_many');
  });
  it('checks level and school year', () => {
    expect(scholarshipProblem(cfg, [], { name: 'A', level: 'S2', schoolYear: '2026/2027' })).toBe('bad_level');
    expect(scholarshipProblem(cfg, [], { name: 'A', level: 'PT', schoolYear: '2026/2028' })).toBe('bad_year');
  });
  it('BPJS_SCHOLARSHIP overrides and refuses nonsense', () => {
    expect(parseScholarship('')).toEqual({ ok: true, config: cfg });
    const r = parseScholarship('{"maxChildren":3}');
    expect(r.ok && r.config.maxChildren).toBe(3);
    expect(parseScholarship('{"levels":["sd"]}').ok).toBe(false);
    expect(parseScholarship('x').ok).toBe(false);
  });
});
