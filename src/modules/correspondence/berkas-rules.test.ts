import { describe, expect, it } from 'vitest';
import { berkasRetention, decisionProblem, dueOf, fitsClassification, retentionDates } from './berkas-rules.js';

describe('retention dates', () => {
  it('runs from the end of the closing year', () => {
    expect(retentionDates('2024-06-15', { activeYears: 2, inactiveYears: 3, final: 'musnah' })).toEqual({
      activeUntil: '2026-12-31',
      inactiveUntil: '2029-12-31',
    });
  });
  it('0 active and 0 inactive years: both end with the closing year', () => {
    expect(retentionDates('2025-01-01', { activeYears: 0, inactiveYears: 0, final: 'musnah' })).toEqual({
      activeUntil: '2025-12-31',
      inactiveUntil: '2025-12-31',
    });
  });
  it('a file closed on 29 February ends on 31 December (no day arithmetic across leap years)', () => {
    expect(retentionDates('2024-02-29', { activeYears: 1, inactiveYears: 4, final: 'permanen' })).toEqual({
      activeUntil: '2025-12-31',
      inactiveUntil: '2029-12-31',
    });
    expect(retentionDates('2023-12-31', { activeYears: 1, inactiveYears: 0, final: 'musnah' }).activeUntil).toBe(
      '2024-12-31',
    );
  });
});

describe('the retention of a berkas', () => {
  it('keeps the longest periods and the most protective final disposition', () => {
    expect(
      berkasRetention(
        [
          { activeYears: 2, inactiveYears: 3, final: 'musnah' },
          null,
          { activeYears: 1, inactiveYears: 8, final: 'dinilai_kembali' },
          { activeYears: 5, inactiveYears: 0, final: 'musnah' },
        ],
        null,
      ),
    ).toEqual({ activeYears: 5, inactiveYears: 8, final: 'dinilai_kembali' });
    expect(
      berkasRetention(
        [
          { activeYears: 0, inactiveYears: 0, final: 'permanen' },
          { activeYears: 0, inactiveYears: 0, final: 'dinilai_kembali' },
        ],
        null,
      )?.final,
    ).toBe('permanen');
  });
  it('falls back to the code of the berkas only when no naskah has a snapshot', () => {
    const fb = { activeYears: 1, inactiveYears: 1, final: 'musnah' as const };
    expect(berkasRetention([null, null], fb)).toBe(fb);
    expect(berkasRetention([], null)).toBeNull();
  });
});

describe('due lists and decisions', () => {
  const closed = {
    state: 'ditutup' as const,
    activeUntil: '2026-12-31',
    inactiveUntil: '2029-12-31',
    final: 'musnah' as const,
  };
  it('is due for transfer after the active period, for the final disposition after the inactive period', () => {
    expect(dueOf(closed, '2026-12-31')).toBeNull();
    expect(dueOf(closed, '2027-01-01')).toBe('pindah');
    expect(dueOf({ ...closed, state: 'dipindahkan' }, '2027-01-01')).toBeNull();
    expect(dueOf({ ...closed, state: 'dipindahkan' }, '2030-01-01')).toBe('akhir');
    // Never transferred (0 inactive years or late): the final disposition is due directly.
    expect(dueOf(closed, '2030-01-01')).toBe('akhir');
    expect(dueOf({ ...closed, state: 'dimusnahkan' }, '2040-01-01')).toBeNull();
    expect(dueOf({ ...closed, state: 'terbuka', activeUntil: null, inactiveUntil: null }, '2040-01-01')).toBeNull();
  });
  it('refuses a decision that is early, on an open file, or against the final disposition', () => {
    expect(decisionProblem(closed, 'pindah', '2026-06-01')).toBe('berkas.err.not_due_transfer');
    expect(decisionProblem(closed, 'pindah', '2027-01-01')).toBeNull();
    expect(decisionProblem(closed, 'musnah', '2027-01-01')).toBe('berkas.err.not_due_final');
    expect(decisionProblem(closed, 'musnah', '2030-01-01')).toBeNull();
    expect(decisionProblem(closed, 'serah', '2030-01-01')).toBe('berkas.err.wrong_final');
    expect(decisionProblem({ ...closed, final: 'permanen' }, 'musnah', '2030-01-01')).toBe('berkas.err.wrong_final');
    expect(decisionProblem({ ...closed, final: 'permanen' }, 'serah', '2030-01-01')).toBeNull();
    // dinilai_kembali: after appraisal either outcome is recorded.
    expect(decisionProblem({ ...closed, final: 'dinilai_kembali' }, 'musnah', '2030-01-01')).toBeNull();
    expect(decisionProblem({ ...closed, final: 'dinilai_kembali' }, 'serah', '2030-01-01')).toBeNull();
    expect(decisionProblem({ ...closed, state: 'terbuka' }, 'musnah', '2030-01-01')).toBe('berkas.err.still_open');
  });
  it('files a naskah of the berkas code or below it only', () => {
    expect(fitsClassification('000.1', '000.1')).toBe(true);
    expect(fitsClassification('000.1.2', '000.1')).toBe(true);
    expect(fitsClassification('000.12', '000.1')).toBe(false);
    expect(fitsClassification('000', '000.1')).toBe(false);
  });
});
