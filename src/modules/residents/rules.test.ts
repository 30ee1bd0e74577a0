import { describe, it, expect } from 'vitest';
import {
  parseNik,
  checkNikAgainstPerson,
  parseKk,
  maskNumber,
  maskName,
  parseDateInput,
  normalizeRelationship,
  RELATIONSHIPS,
  RESIDENT_STATUSES,
  SEXES,
} from './rules.js';

// Malang (35.74.xx); man born 12 Mar 1985, woman born 12 Mar 1985 (day 52).
const MALE_NIK = '3574011203850001';
const FEMALE_NIK = '3574015203850002';

describe('parseNik', () => {
  it('parses a male NIK', () => {
    expect(parseNik(MALE_NIK)).toEqual({
      ok: true,
      nik: MALE_NIK,
      regionCode: '35.74.01',
      birthDate: { year2: 85, month: 3, day: 12 },
      sex: 'L',
      serial: '0001',
    });
  });

  it('subtracts 40 from the day for women', () => {
    const r = parseNik(FEMALE_NIK);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.sex).toBe('P');
    expect(r.birthDate).toEqual({ year2: 85, month: 3, day: 12 });
    expect(r.serial).toBe('0002');
  });

  it('accepts day boundaries 01, 31, 41, 71', () => {
    expect(parseNik('3574010101000001')).toMatchObject({ ok: true, sex: 'L', birthDate: { day: 1 } });
    expect(parseNik('3574013101000001')).toMatchObject({ ok: true, sex: 'L', birthDate: { day: 31 } });
    expect(parseNik('3574014101000001')).toMatchObject({ ok: true, sex: 'P', birthDate: { day: 1 } });
    expect(parseNik('3574017101000001')).toMatchObject({ ok: true, sex: 'P', birthDate: { day: 31 } });
  });

  it('rejects impossible day fields 00, 32..40, 72+', () => {
    for (const dd of ['00', '32', '39', '40', '72', '99']) {
      expect(parseNik(`357401${dd}01000001`)).toEqual({ ok: false, error: 'nik_format' });
    }
  });

  it('rejects month 00 and 13', () => {
    expect(parseNik('3574011200850001').ok).toBe(false);
    expect(parseNik('3574011213850001').ok).toBe(false);
  });

  it('rejects serial 0000 and accepts 9999', () => {
    expect(parseNik('3574011203850000').ok).toBe(false);
    expect(parseNik('3574011203859999')).toMatchObject({ ok: true, serial: '9999' });
  });

  it('requires province 11..99', () => {
    expect(parseNik('1074011203850001').ok).toBe(false);
    expect(parseNik('0074011203850001').ok).toBe(false);
    expect(parseNik('1101011203850001').ok).toBe(true);
    expect(parseNik('9901011203850001').ok).toBe(true);
  });

  it('trims surrounding whitespace', () => {
    expect(parseNik(`  ${MALE_NIK}\n`)).toMatchObject({ ok: true, nik: MALE_NIK });
  });

  it('rejects 15 and 17 digits', () => {
    expect(parseNik(MALE_NIK.slice(0, 15))).toEqual({ ok: false, error: 'nik_format' });
    expect(parseNik(MALE_NIK + '1')).toEqual({ ok: false, error: 'nik_format' });
  });

  it('rejects non-digits and inner whitespace/separators', () => {
    for (const bad of [
      '35740112038500a1',
      '3574 0112 0385 0001',
      '3574.01.120385.0001',
      '+574011203850001',
      '３５７４０１１２０３８５０００１', // full-width digits
      '٣٥٧٤٠١١٢٠٣٨٥٠٠٠١', // Arabic-Indic digits
      '',
      '   ',
    ]) {
      expect(parseNik(bad)).toEqual({ ok: false, error: 'nik_format' });
    }
  });

  it('treats hostile input as a plain format error', () => {
    expect(parseNik('<script>alert(1)</script>')).toEqual({ ok: false, error: 'nik_format' });
    expect(parseNik("3574011203850001' OR '1'='1")).toEqual({ ok: false, error: 'nik_format' });
    expect(parseNik('3574011203850001\u0000')).toEqual({ ok: false, error: 'nik_format' });
  });
});

describe('checkNikAgainstPerson', () => {
  it('returns no warnings when data agrees', () => {
    expect(checkNikAgainstPerson(MALE_NIK, { birthDate: '1985-03-12', sex: 'L' })).toEqual([]);
    expect(checkNikAgainstPerson(FEMALE_NIK, { birthDate: '1985-03-12', sex: 'P' })).toEqual([]);
  });

  it('only compares the 2-digit year', () => {
    expect(checkNikAgainstPerson(MALE_NIK, { birthDate: '1885-03-12', sex: 'L' })).toEqual([]);
  });

  it('warns on a birth date mismatch (day, month or year)', () => {
    expect(checkNikAgainstPerson(MALE_NIK, { birthDate: '1985-03-13', sex: 'L' })).toEqual(['nik_birthdate_mismatch']);
    expect(checkNikAgainstPerson(MALE_NIK, { birthDate: '1985-04-12', sex: 'L' })).toEqual(['nik_birthdate_mismatch']);
    expect(checkNikAgainstPerson(MALE_NIK, { birthDate: '1986-03-12', sex: 'L' })).toEqual(['nik_birthdate_mismatch']);
  });

  it('warns on a sex mismatch', () => {
    expect(checkNikAgainstPerson(FEMALE_NIK, { birthDate: '1985-03-12', sex: 'L' })).toEqual(['nik_sex_mismatch']);
    expect(checkNikAgainstPerson(MALE_NIK, { birthDate: '1985-03-12', sex: 'P' })).toEqual(['nik_sex_mismatch']);
  });

  it('can report both warnings', () => {
    expect(checkNikAgainstPerson(MALE_NIK, { birthDate: '1990-01-01', sex: 'P' })).toEqual([
      'nik_birthdate_mismatch',
      'nik_sex_mismatch',
    ]);
  });

  it('accepts Date objects at UTC midnight and at local midnight', () => {
    expect(checkNikAgainstPerson(MALE_NIK, { birthDate: new Date('1985-03-12'), sex: 'L' })).toEqual([]);
    expect(checkNikAgainstPerson(MALE_NIK, { birthDate: new Date(1985, 2, 12), sex: 'L' })).toEqual([]);
    expect(checkNikAgainstPerson(MALE_NIK, { birthDate: new Date(1985, 2, 13), sex: 'L' })).toEqual([
      'nik_birthdate_mismatch',
    ]);
  });

  it('accepts day-first date strings', () => {
    expect(checkNikAgainstPerson(MALE_NIK, { birthDate: '12-03-1985', sex: 'L' })).toEqual([]);
  });

  it('does not flag an unknown or invalid birth date', () => {
    expect(checkNikAgainstPerson(MALE_NIK, { birthDate: 'unknown', sex: 'L' })).toEqual([]);
    expect(checkNikAgainstPerson(MALE_NIK, { birthDate: new Date('nope'), sex: 'L' })).toEqual([]);
  });

  it('returns nothing for an unparseable NIK (parseNik reports that)', () => {
    expect(checkNikAgainstPerson('123', { birthDate: '1985-03-12', sex: 'L' })).toEqual([]);
  });
});

describe('parseKk', () => {
  it('parses a KK number', () => {
    expect(parseKk('3574012005100003')).toEqual({ ok: true, kk: '3574012005100003', regionCode: '35.74.01' });
  });

  it('is lenient on the date part', () => {
    expect(parseKk('3574019999990001').ok).toBe(true);
    expect(parseKk('3574010000000000').ok).toBe(true);
  });

  it('trims whitespace', () => {
    expect(parseKk(' 3574012005100003 ')).toMatchObject({ ok: true, kk: '3574012005100003' });
  });

  it('rejects bad length, non-digits, bad province and hostile input', () => {
    for (const bad of [
      '357401200510000',
      '35740120051000031',
      '35740120051000a3',
      '0974012005100003',
      '<script>',
      '',
    ]) {
      expect(parseKk(bad)).toEqual({ ok: false, error: 'kk_format' });
    }
  });
});

describe('maskNumber', () => {
  it('masks the middle 8 of a 16-digit number', () => {
    expect(maskNumber('3574011203850001')).toBe('3574********0001');
  });

  it('masks all but the last 4 for other lengths', () => {
    expect(maskNumber('123456789')).toBe('*****6789');
    expect(maskNumber('35740112038500011')).toBe('*************0011');
  });

  it('never reveals a value of 4 characters or fewer', () => {
    expect(maskNumber('1234')).toBe('****');
    expect(maskNumber('12')).toBe('**');
    expect(maskNumber('')).toBe('');
  });
});

describe('maskName', () => {
  it('keeps each word initial and hides the rest with same-length asterisks', () => {
    expect(maskName('Budi Santoso')).toBe('B*** S******');
    expect(maskName('Siti')).toBe('S***');
    expect(maskName('A')).toBe('A');
  });

  it('normalises whitespace', () => {
    expect(maskName('  Dewi   Ayu\tLestari ')).toBe('D*** A** L******');
    expect(maskName('   ')).toBe('');
  });

  it('handles punctuation and non-ASCII letters by code point', () => {
    expect(maskName("Nur'aini")).toBe('N*******');
    expect(maskName('Ésa Ñoño')).toBe('É** Ñ***');
  });
});

describe('parseDateInput', () => {
  it('accepts ISO and day-first formats', () => {
    expect(parseDateInput('1985-03-12')).toBe('1985-03-12');
    expect(parseDateInput('12-03-1985')).toBe('1985-03-12');
    expect(parseDateInput('12/03/1985')).toBe('1985-03-12');
    expect(parseDateInput(' 12/03/1985 ')).toBe('1985-03-12');
  });

  it('rejects invalid calendar dates', () => {
    expect(parseDateInput('31-02-2000')).toBeNull();
    expect(parseDateInput('2001-02-29')).toBeNull();
    expect(parseDateInput('1900-02-29')).toBeNull();
    expect(parseDateInput('31-04-2020')).toBeNull();
    expect(parseDateInput('2020-13-01')).toBeNull();
    expect(parseDateInput('00-01-2020')).toBeNull();
  });

  it('accepts leap days in leap years', () => {
    expect(parseDateInput('29-02-2000')).toBe('2000-02-29');
    expect(parseDateInput('2024-02-29')).toBe('2024-02-29');
  });

  it('rejects other shapes', () => {
    for (const bad of [
      '12-03/1985',
      '1985/03/12',
      '12-3-1985',
      '85-03-12',
      '12031985',
      '',
      '<script>',
      '1985-03-12T00:00',
    ]) {
      expect(parseDateInput(bad)).toBeNull();
    }
  });
});

describe('normalizeRelationship', () => {
  it('accepts case and separator variants', () => {
    expect(normalizeRelationship('Kepala Keluarga')).toBe('kepala_keluarga');
    expect(normalizeRelationship('KEPALA_KELUARGA')).toBe('kepala_keluarga');
    expect(normalizeRelationship('orang tua')).toBe('orang_tua');
    expect(normalizeRelationship('  Famili  Lain ')).toBe('famili_lain');
    expect(normalizeRelationship('ANAK')).toBe('anak');
  });

  it('round-trips every canonical value', () => {
    for (const r of RELATIONSHIPS) expect(normalizeRelationship(r)).toBe(r);
  });

  it('rejects unknown values', () => {
    expect(normalizeRelationship('tetangga')).toBeNull();
    expect(normalizeRelationship('')).toBeNull();
    expect(normalizeRelationship('<script>')).toBeNull();
    expect(normalizeRelationship('kepalakeluarga')).toBeNull();
  });
});

describe('vocabularies', () => {
  it('exposes the expected values', () => {
    expect(RELATIONSHIPS).toHaveLength(11);
    expect(RESIDENT_STATUSES).toEqual(['hidup', 'meninggal', 'pindah', 'hilang']);
    expect(SEXES).toEqual(['L', 'P']);
  });
});
