import { describe, expect, it } from 'vitest';
import { SEED_PNG, SMALL_JPEG } from '../../../tests/helpers/uploads.js';
import {
  addDays,
  checkDecreeScan,
  checkTermDates,
  daysUntil,
  endsWithin,
  handoverDecision,
  isIsoDay,
  pactPayload,
  sha256Hex,
  vacanciesOf,
} from './rules.js';

describe('rt-rw rules', () => {
  it('a term ends within 60 days up to and including day 60, and overdue terms count', () => {
    expect(endsWithin('2026-03-01', '2026-01-01')).toBe(true); // 59 days
    expect(endsWithin(addDays('2026-01-01', 60), '2026-01-01')).toBe(true);
    expect(endsWithin(addDays('2026-01-01', 61), '2026-01-01')).toBe(false);
    expect(endsWithin('2025-12-31', '2026-01-01')).toBe(true);
    expect(daysUntil('2026-01-31', '2026-01-01')).toBe(30);
  });
  it('appointing to a held position hands it over; an empty one does not', () => {
    expect(handoverDecision({ id: 7 })).toEqual({ endTermId: 7, reason: 'digantikan' });
    expect(handoverDecision(null)).toBeNull();
  });
  it('checks term dates', () => {
    expect(isIsoDay('2026-02-30')).toBe(false);
    expect(checkTermDates({ startDate: '2026-01-01', endDate: '2025-01-01' })).toEqual({
      ok: false,
      field: 'endDate',
      reason: 'heads.end_before_start',
    });
    expect(checkTermDates({ startDate: '2026-01-01', endDate: '2028-01-01', decreeDate: '2026-13-01' })).toMatchObject({
      ok: false,
      field: 'decreeDate',
    });
    expect(checkTermDates({ startDate: '2026-01-01', endDate: '2028-01-01' })).toEqual({ ok: true });
  });
  it('vacancies are the regions without an active ketua', () => {
    expect(vacanciesOf([{ code: 'a' }, { code: 'b' }], new Set(['a']))).toEqual([{ code: 'b' }]);
  });
  it('the pact payload carries the hash of the exact text, not the text', () => {
    const p = pactPayload({
      verifyCode: 'X',
      term: { id: 1, position: 'ketua', startDate: '2026-01-01', endDate: '2028-01-01' },
      region: { code: 'r', name: 'RT 1', level: 'rt' },
      name: 'A',
      version: 2,
      title: 'T',
      body: 'isi',
      signedAt: 'now',
    });
    expect(p.bodySha256).toBe(sha256Hex('isi'));
    expect(p).not.toHaveProperty('body');
  });
});

describe('scanned decree (SK)', () => {
  const pdf = Buffer.from('%PDF-1.4\n%%EOF');
  // Whole pictures: the check reads a PNG to its IEND and a JPEG to its EOI, not only the first bytes.
  const png = SEED_PNG;
  const jpeg = SMALL_JPEG;
  it('accepts PDF, PNG and JPEG by their content', () => {
    expect(checkDecreeScan(pdf)).toEqual({ ok: true, mime: 'application/pdf' });
    expect(checkDecreeScan(png)).toEqual({ ok: true, mime: 'image/png' });
    expect(checkDecreeScan(jpeg)).toEqual({ ok: true, mime: 'image/jpeg' });
  });
  it('refuses other content, WebP, empty files and files over the limit', () => {
    expect(checkDecreeScan(Buffer.from('MZ\x90\x00 not a scan'))).toEqual({ ok: false, reason: 'bad_type' });
    expect(checkDecreeScan(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toEqual({ ok: false, reason: 'bad_type' });
    expect(checkDecreeScan(Buffer.alloc(0))).toEqual({ ok: false, reason: 'empty' });
    expect(checkDecreeScan(Buffer.concat([pdf, Buffer.alloc(20)]), 10)).toEqual({ ok: false, reason: 'too_large' });
  });
});
