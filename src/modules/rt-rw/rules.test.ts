import { describe, expect, it } from 'vitest';
import { addDays, checkTermDates, daysUntil, endsWithin, handoverDecision, isIsoDay, pactPayload, sha256Hex, vacanciesOf } from './rules.js';

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
    expect(checkTermDates({ startDate: '2026-01-01', endDate: '2025-01-01' })).toEqual({ ok: false, field: 'endDate', reason: 'heads.end_before_start' });
    expect(checkTermDates({ startDate: '2026-01-01', endDate: '2028-01-01', decreeDate: '2026-13-01' })).toMatchObject({ ok: false, field: 'decreeDate' });
    expect(checkTermDates({ startDate: '2026-01-01', endDate: '2028-01-01' })).toEqual({ ok: true });
  });
  it('vacancies are the regions without an active ketua', () => {
    expect(vacanciesOf([{ code: 'a' }, { code: 'b' }], new Set(['a']))).toEqual([{ code: 'b' }]);
  });
  it('the pact payload carries the hash of the exact text, not the text', () => {
    const p = pactPayload({ verifyCode: 'X', term: { id: 1, position: 'ketua', startDate: '2026-01-01', endDate: '2028-01-01' }, region: { code: 'r', name: 'RT 1', level: 'rt' }, name: 'A', version: 2, title: 'T', body: 'isi', signedAt: 'now' });
    expect(p.bodySha256).toBe(sha256Hex('isi'));
    expect(p).not.toHaveProperty('body');
  });
});
