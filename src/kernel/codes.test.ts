import { describe, expect, it } from 'vitest';
import { LOOSE_PUBLIC_CODE_PATTERN, normalizePublicCode, publicCode } from './codes.js';

describe('codes as people type them', () => {
  it('any case, stray spaces and hyphens give the code as issued', () => {
    const code = publicCode(12);
    expect(normalizePublicCode(code)).toBe(code);
    expect(normalizePublicCode(code.toLowerCase())).toBe(code);
    expect(normalizePublicCode(` ${code.slice(0, 4)}-${code.slice(4, 8)} ${code.slice(8).toLowerCase()} `)).toBe(code);
  });

  it('what cannot be a code is null', () => {
    for (const s of ['', 'abc', 'ABCD<EFGH', 'A'.repeat(17), '--------', 'ABCD_EFGH'])
      expect(normalizePublicCode(s), s).toBeNull();
  });

  it('the loose route pattern admits what normalizing accepts and nothing with markup', () => {
    const re = new RegExp(LOOSE_PUBLIC_CODE_PATTERN);
    expect(re.test('abcd-efgh-2345')).toBe(true);
    expect(re.test('ABCD EFGH')).toBe(true);
    expect(re.test('<script>')).toBe(false);
    expect(re.test('abc')).toBe(false);
  });
});
