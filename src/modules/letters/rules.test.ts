import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  DEFAULT_NUMBER_TEMPLATE,
  formatLetterNumber,
  isPublicCode,
  publicCode,
  renderLetterText,
} from './rules.js';

describe('formatLetterNumber', () => {
  it('fills the default template, padding the sequence to four digits', () => {
    expect(
      formatLetterNumber(DEFAULT_NUMBER_TEMPLATE, {
        klasifikasi: '470',
        urut: 123,
        kode_unit: '35.74.01.1001',
        tahun: 2026,
      }),
    ).toBe('470/0123/35.74.01.1001/2026');
  });
  it('does not cut a sequence longer than its width', () => {
    expect(
      formatLetterNumber(DEFAULT_NUMBER_TEMPLATE, {
        klasifikasi: '400.9',
        urut: 12345,
        kode_unit: '35.74.01',
        tahun: 2027,
      }),
    ).toBe('400.9/12345/35.74.01/2027');
  });
  it('follows a city-specific pattern and leaves unknown parts alone', () => {
    expect(
      formatLetterNumber('{kode_unit}-{urut}-{tahun}/{lain}', {
        klasifikasi: '470',
        urut: 7,
        kode_unit: 'KTP',
        tahun: 2026,
      }),
    ).toBe('KTP-7-2026/{lain}');
  });
});

describe('renderLetterText', () => {
  it('fills known placeholders, with or without spaces inside the braces', () => {
    expect(renderLetterText('Nama: {{nama}}, {{ alamat }}', { nama: 'Budi', alamat: 'Jl. Mawar 1' })).toBe(
      'Nama: Budi, Jl. Mawar 1',
    );
  });
  it('keeps an unknown placeholder visible so an admin sees the mistake', () => {
    expect(renderLetterText('Keperluan: {{keperluan}} {{tidak_ada}}', { keperluan: 'Sekolah' })).toBe(
      'Keperluan: Sekolah {{tidak_ada}}',
    );
  });
  it('does not re-interpret placeholders inside a value', () => {
    expect(renderLetterText('{{nama}}', { nama: '{{alamat}}', alamat: 'X' })).toBe('{{alamat}}');
  });
});

describe('canonicalJson', () => {
  it('is independent of key order, at every depth', () => {
    const a = { b: 1, a: { y: [1, { q: 2, p: 1 }], x: 'x' }, c: null };
    const b = { c: null, a: { x: 'x', y: [1, { p: 1, q: 2 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"x","y":[1,{"p":1,"q":2}]},"b":1,"c":null}');
  });
  it('keeps array order and drops undefined members', () => {
    expect(canonicalJson({ list: [3, 1, 2], gone: undefined })).toBe('{"list":[3,1,2]}');
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });
  it('round-trips through JSON (what the database stores)', () => {
    const v = { text: 'Baris\n"kutip" é', n: 1.5, nested: { z: true, a: false } };
    expect(canonicalJson(JSON.parse(JSON.stringify(v)))).toBe(canonicalJson(v));
  });
});

describe('publicCode', () => {
  it('makes codes from the unambiguous alphabet', () => {
    for (let i = 0; i < 50; i++) expect(isPublicCode(publicCode(12))).toBe(true);
    expect(isPublicCode('ABCDEFGH0')).toBe(false);
  });
});
