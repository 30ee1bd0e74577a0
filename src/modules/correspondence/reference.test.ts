// The shipped reference files of E-Surat parse cleanly, and every JRA default names a classification code of the
// catalogue's 83/2022 file (read through the catalogue, never copied).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLASSIFICATION_FILE, parseClassificationFile } from '../catalogue/classification.js';
import { loadNaskahReference, parseNaskahReference } from './reference.js';

describe('E-Surat reference data', () => {
  const ref = loadNaskahReference();
  it('loads: kinds per Permendagri 1/2023, the four SKKAAD classes, four urgencies, instructions, JRA defaults', () => {
    expect(ref.kinds.map((k) => k.code)).toEqual(
      expect.arrayContaining([
        'surat_biasa',
        'undangan',
        'nota_dinas',
        'surat_edaran',
        'surat_tugas',
        'keputusan',
        'memo',
        'surat_keterangan',
      ]),
    );
    expect(ref.security.map((s) => s.code)).toEqual(['biasa', 'terbatas', 'rahasia', 'sangat_rahasia']);
    expect([...ref.restricted]).toEqual(['rahasia', 'sangat_rahasia']);
    expect(ref.urgency.map((s) => s.code)).toEqual(['biasa', 'segera', 'sangat_segera', 'kilat']);
    expect(ref.instructions.map((i) => i.text)).toContain('Untuk dipelajari dan dilaporkan');
    expect(ref.retention.every((r) => r.verified === false)).toBe(true);
  });
  it('every JRA default is a code of the 83/2022 file', () => {
    const codes = new Set(parseClassificationFile(readFileSync(CLASSIFICATION_FILE, 'utf8')).rows.map((r) => r.code));
    expect(ref.retention.filter((r) => !codes.has(r.code)).map((r) => r.code)).toEqual([]);
  });
  it('a broken file is refused with its problems named', () => {
    const { errors } = parseNaskahReference({
      kinds: 'code,name,group\nsurat_biasa,Surat,korespondensi\nsurat_biasa,Lagi,lain\n',
      security: 'code,name,restricted\nbiasa,Biasa,false\n',
      urgency: 'code,name\nbiasa,Biasa\nsegera,Segera\nsangat_segera,Sangat Segera\nkilat,Kilat\n',
      instructions: 'code,text\n',
      retention: 'code,active_years,inactive_years,final,verified\n4,x,1,dibakar,ya\n',
    });
    expect(errors).toEqual([
      'naskah-jenis.csv: the group of surat_biasa must be arahan|korespondensi|khusus',
      'naskah-jenis.csv: surat_biasa appears twice',
      'naskah-keamanan.csv: the codes must be biasa, terbatas, rahasia, sangat_rahasia, in that order',
      'instructions: no instruction',
      'naskah-jra.csv: "4" is not a classification code',
      'naskah-jra.csv: the years of 4 must be whole numbers 0–100',
      'naskah-jra.csv: final of 4 must be musnah|permanen|dinilai_kembali',
      'naskah-jra.csv: verified of 4 must be true or false',
    ]);
  });
});
