import { describe, it, expect } from 'vitest';
import {
  LEVELS,
  levelOfCode,
  parentCode,
  isWithin,
  childCode,
  parseRtRwNumber,
  formatRtRw,
  formatRtRwIn,
  kelurahanOf,
} from './regions.js';

const PROV = '35';
const KOTA = '35.74';
const KEC = '35.74.01';
const KEL = '35.74.01.1001';
const RW = '35.74.01.1001.001';
const RT = '35.74.01.1001.001.002';

describe('LEVELS', () => {
  it('is ordered from top to bottom', () => {
    expect(LEVELS).toEqual(['provinsi', 'kabkota', 'kecamatan', 'kelurahan', 'rw', 'rt']);
  });
});

describe('levelOfCode', () => {
  it('recognises each level', () => {
    expect(levelOfCode(PROV)).toBe('provinsi');
    expect(levelOfCode(KOTA)).toBe('kabkota');
    expect(levelOfCode(KEC)).toBe('kecamatan');
    expect(levelOfCode(KEL)).toBe('kelurahan');
    expect(levelOfCode('35.07.01.2001')).toBe('kelurahan'); // desa
    expect(levelOfCode(RW)).toBe('rw');
    expect(levelOfCode(RT)).toBe('rt');
  });

  it('accepts desa adat codes (3xxx) found in official data', () => {
    expect(levelOfCode('91.03.01.3007')).toBe('kelurahan');
  });

  it('rejects malformed codes', () => {
    for (const bad of [
      '',
      '3',
      '357',
      '10',
      '00',
      '35.7',
      '35.00',
      '35.74.1',
      '35.74.00',
      '35.74.01.101',
      '35.74.01.0001',
      '35.74.01.1001.1',
      '35.74.01.1001.01',
      '35.74.01.1001.000',
      '35.74.01.1001.1000',
      '35.74.01.1001.001.000',
      '35.74.01.1001.001.002.003',
      '35.74.',
      '.35',
      '35..74',
      ' 35.74',
      '35.74 ',
      '35-74',
      '<script>',
      '35.74.01.1001.001.00a',
    ]) {
      expect(levelOfCode(bad), bad).toBeNull();
    }
  });
});

describe('parentCode', () => {
  it('walks up one level', () => {
    expect(parentCode(RT)).toBe(RW);
    expect(parentCode(RW)).toBe(KEL);
    expect(parentCode(KEL)).toBe(KEC);
    expect(parentCode(KEC)).toBe(KOTA);
    expect(parentCode(KOTA)).toBe(PROV);
  });

  it('is null for a province or malformed code', () => {
    expect(parentCode(PROV)).toBeNull();
    expect(parentCode('35.7')).toBeNull();
    expect(parentCode('')).toBeNull();
  });
});

describe('isWithin', () => {
  it('is true for the same code', () => {
    expect(isWithin(KEL, KEL)).toBe(true);
    expect(isWithin(RT, RT)).toBe(true);
  });

  it('is true for descendants at any depth', () => {
    expect(isWithin(PROV, RT)).toBe(true);
    expect(isWithin(KOTA, KEL)).toBe(true);
    expect(isWithin(KEL, RW)).toBe(true);
    expect(isWithin(RW, RT)).toBe(true);
  });

  it('is false for ancestors, siblings and cousins', () => {
    expect(isWithin(RT, RW)).toBe(false);
    expect(isWithin(KEL, KEC)).toBe(false);
    expect(isWithin('35.74.01.1002', RW)).toBe(false);
    expect(isWithin('35.73', KEL)).toBe(false);
  });

  it('only matches on segment boundaries', () => {
    expect(isWithin('35.7', '35.74')).toBe(false);
    expect(isWithin('3', '35')).toBe(false);
    expect(isWithin('35.74.01.1001.00', RW)).toBe(false);
    expect(isWithin('35.74.01.1001.001', '35.74.01.1001.0010')).toBe(false);
  });

  it('is false when either code is malformed', () => {
    expect(isWithin('', KEL)).toBe(false);
    expect(isWithin(KOTA, '35.74.xx')).toBe(false);
    expect(isWithin(KOTA, '35.74.')).toBe(false);
  });
});

describe('parseRtRwNumber', () => {
  it('accepts plain and zero-padded numbers', () => {
    expect(parseRtRwNumber('1')).toBe(1);
    expect(parseRtRwNumber('01')).toBe(1);
    expect(parseRtRwNumber('001')).toBe(1);
    expect(parseRtRwNumber('999')).toBe(999);
    expect(parseRtRwNumber(' 12 ')).toBe(12);
  });

  it('accepts RT/RW prefixes in any case', () => {
    expect(parseRtRwNumber('RT 001')).toBe(1);
    expect(parseRtRwNumber('rw 5')).toBe(5);
    expect(parseRtRwNumber('Rt05')).toBe(5);
    expect(parseRtRwNumber('RW. 07')).toBe(7);
    expect(parseRtRwNumber('rt:3')).toBe(3);
  });

  it('rejects out-of-range and malformed values', () => {
    for (const bad of [
      '0',
      '000',
      'RT 000',
      '1000',
      '0001',
      '-1',
      '1.5',
      '',
      'RT',
      'RX 1',
      '5a',
      '<script>',
      'RT 1 RW 2',
    ]) {
      expect(parseRtRwNumber(bad), bad).toBeNull();
    }
  });
});

describe('childCode', () => {
  it('builds zero-padded RW and RT codes', () => {
    expect(childCode(KEL, 1)).toBe(RW);
    expect(childCode(RW, 2)).toBe(RT);
    expect(childCode(KEL, 999)).toBe('35.74.01.1001.999');
    expect(childCode(KEL, 42)).toBe('35.74.01.1001.042');
  });

  it('accepts string numbers', () => {
    expect(childCode(KEL, '5')).toBe('35.74.01.1001.005');
    expect(childCode(RW, 'RT 002')).toBe(RT);
  });

  it('throws RangeError outside 1..999', () => {
    expect(() => childCode(KEL, 0)).toThrow(RangeError);
    expect(() => childCode(KEL, 1000)).toThrow(RangeError);
    expect(() => childCode(KEL, -1)).toThrow(RangeError);
    expect(() => childCode(KEL, 1.5)).toThrow(RangeError);
    expect(() => childCode(KEL, Number.NaN)).toThrow(RangeError);
    expect(() => childCode(KEL, '0')).toThrow(RangeError);
    expect(() => childCode(KEL, 'abc')).toThrow(RangeError);
  });

  it('rejects parents that cannot have RW/RT children', () => {
    expect(() => childCode(KEC, 1)).toThrow(RangeError);
    expect(() => childCode(RT, 1)).toThrow(RangeError);
    expect(() => childCode('35.74.01.1001.', 1)).toThrow(RangeError);
  });
});

describe('formatRtRw', () => {
  it('formats RW and RT codes for display', () => {
    expect(formatRtRw(RW)).toBe('RW 001');
    expect(formatRtRw(RT)).toBe('RT 002 / RW 001');
  });

  it('is null for other levels or malformed codes', () => {
    expect(formatRtRw(KEL)).toBeNull();
    expect(formatRtRw(PROV)).toBeNull();
    expect(formatRtRw('35.74.01.1001.1')).toBeNull();
  });
});

describe('formatRtRwIn', () => {
  it('names the kelurahan so RT 001 of two kelurahan differ', () => {
    expect(formatRtRwIn(RT, 'Ketapang')).toBe('RT 002 / RW 001, Kelurahan Ketapang');
    expect(formatRtRwIn(RW, 'Jati')).toBe('RW 001, Kelurahan Jati');
    expect(formatRtRwIn('35.13.01.2001.001', 'Sumber')).toBe('RW 001, Desa Sumber');
  });
  it('falls back to the short form, and leaves other codes alone', () => {
    expect(formatRtRwIn(RT, null)).toBe('RT 002 / RW 001');
    expect(formatRtRwIn(KEL, 'Ketapang')).toBe(KEL);
  });
  it('finds the kelurahan of an RW/RT code', () => {
    expect(kelurahanOf(RT)).toBe(KEL);
    expect(kelurahanOf(RW)).toBe(KEL);
    expect(kelurahanOf(KEL)).toBe(KEL);
    expect(kelurahanOf(PROV)).toBeNull();
  });
});
