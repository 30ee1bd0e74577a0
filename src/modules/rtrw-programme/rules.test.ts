import { describe, expect, it } from 'vitest';
import {
  addUsage,
  canMoveClaim,
  checkPastDay,
  drainUsage,
  enrolmentCounts,
  missingTopics,
  nextClaimStatuses,
  periodKind,
  periodStart,
  rateFor,
  toCsv,
  topicCounts,
  type Rate,
} from './rules.js';

describe('programme rules', () => {
  it('periods: months and quarters', () => {
    expect(periodStart('2026-03')).toBe('2026-03-01');
    expect(periodStart('2026-Q3')).toBe('2026-07-01');
    expect(periodKind('2026-Q1')).toBe('triwulan');
    expect(periodKind('2026-01')).toBe('bulanan');
  });
  it('picks the latest rate of the right kind valid at the period start', () => {
    const rates: Rate[] = [
      { region_code: '35.74', role: 'ketua_rt', amount: 300000, period: 'bulanan', valid_from: '2025-01-01' },
      { region_code: '35.74', role: 'ketua_rt', amount: 350000, period: 'bulanan', valid_from: '2026-02-01' },
      { region_code: '35.74.01.1001', role: 'ketua_rt', amount: 360000, period: 'bulanan', valid_from: '2026-02-01' },
      { region_code: '35.74', role: 'ketua_rw', amount: 1200000, period: 'triwulan', valid_from: '2025-01-01' },
      { region_code: '35.75', role: 'ketua_rt', amount: 1, period: 'bulanan', valid_from: '2026-03-01' },
    ];
    const rt = '35.74.02.1001.001.001';
    expect(rateFor(rates, 'ketua_rt', '2026-01', rt)?.amount).toBe(300000);
    expect(rateFor(rates, 'ketua_rt', '2026-03', rt)?.amount).toBe(350000);
    expect(rateFor(rates, 'ketua_rt', '2026-03', '35.74.01.1001.001.001')?.amount).toBe(360000);
    expect(rateFor(rates, 'ketua_rw', '2026-01', rt)).toBeNull();
    expect(rateFor(rates, 'ketua_rw', '2026-Q1', '35.74.02.1001.001')?.amount).toBe(1200000);
  });
  it('missing topics', () => {
    expect(missingTopics(['operasional_portal', 'lainnya'])).toEqual(['penggunaan_paket_data', 'administrasi']);
    expect(missingTopics(['operasional_portal', 'penggunaan_paket_data', 'administrasi'])).toEqual([]);
  });
  it('CSV: quotes, numbers, formula injection, total row', () => {
    const csv = toCsv({
      title: 'x',
      header: ['a', 'b'],
      rows: [
        ['=1+1', 5],
        ['x,"y"', null],
      ],
      total: ['Jumlah', 5],
    });
    expect(csv).toBe(`a,b\r\n'=1+1,5\r\n"x,""y""",\r\nJumlah,5\r\n`);
  });
  it('usage buffer adds per user and day and drains', () => {
    const b = new Map<string, number>();
    addUsage(b, 1, '2026-01-01', 100);
    addUsage(b, 1, '2026-01-01', 50);
    addUsage(b, 2, '2026-01-01', 0);
    expect(drainUsage(b)).toEqual([{ userId: 1, day: '2026-01-01', bytes: 150 }]);
    expect(b.size).toBe(0);
  });
});

describe('BPJS claims', () => {
  it('move dilaporkan → diproses → dibayar, or to ditolak; paid and refused are final', () => {
    expect(nextClaimStatuses('dilaporkan')).toEqual(['diproses', 'ditolak']);
    expect(canMoveClaim('diproses', 'dibayar')).toBe(true);
    expect(canMoveClaim('dilaporkan', 'dibayar')).toBe(false);
    expect(canMoveClaim('dibayar', 'ditolak')).toBe(false);
    expect(canMoveClaim('ditolak', 'diproses')).toBe(false);
    expect(canMoveClaim('diproses', 'diproses')).toBe(false);
    expect(nextClaimStatuses('lain')).toEqual([]);
  });
  it('dates of claims must be real days, not in the future', () => {
    expect(checkPastDay('2026-02-28', '2026-03-01')).toBe('ok');
    expect(checkPastDay('2026-03-01', '2026-03-01')).toBe('ok');
    expect(checkPastDay('2026-03-02', '2026-03-01')).toBe('future');
    expect(checkPastDay('2026-02-30', '2026-03-01')).toBe('bad_date');
  });
});

describe('chart figures', () => {
  it('counts heads by enrolment status and by required topic attended', () => {
    expect(
      enrolmentCounts(
        [1, 2, 3, 4],
        [
          { user_id: 1, status: 'aktif' },
          { user_id: 2, status: 'nonaktif' },
          { user_id: 9, status: 'aktif' },
        ],
      ),
    ).toEqual({ aktif: 1, nonaktif: 1, none: 2 });
    const list = [
      { attended: [{ topic: 'operasional_portal' }, { topic: 'lainnya' }] },
      { attended: [{ topic: 'operasional_portal' }, { topic: 'administrasi' }] },
      { attended: [] },
    ];
    expect(topicCounts(list)).toEqual([
      { topic: 'penggunaan_paket_data', done: 0, total: 3 },
      { topic: 'operasional_portal', done: 2, total: 3 },
      { topic: 'administrasi', done: 1, total: 3 },
    ]);
  });
});
