import { describe, expect, it } from 'vitest';
import {
  disciplineTableProblem,
  disciplineVerdict,
  loadDisciplineTable,
  longestUnexcusedRun,
} from './discipline-rules.js';

const table = loadDisciplineTable();

describe('PP 94/2021 thresholds (the shipped table), each at its boundary', () => {
  // [days, sanction at n − 1, sanction at n]
  it.each([
    [3, null, 'teguran_lisan'],
    [4, 'teguran_lisan', 'teguran_tertulis'],
    [7, 'teguran_tertulis', 'pernyataan_tidak_puas'],
    [11, 'pernyataan_tidak_puas', 'potongan_tukin_6_bulan'],
    [14, 'potongan_tukin_6_bulan', 'potongan_tukin_9_bulan'],
    [17, 'potongan_tukin_9_bulan', 'potongan_tukin_12_bulan'],
    [21, 'potongan_tukin_12_bulan', 'penurunan_jabatan'],
    [25, 'penurunan_jabatan', 'pembebasan_jabatan'],
    [28, 'pembebasan_jabatan', 'pemberhentian'],
  ])('%i days a year: %s below, %s at it', (n, below, atIt) => {
    expect(disciplineVerdict(table, n - 1, 1).threshold?.code ?? null).toBe(below);
    const v = disciplineVerdict(table, n, 1);
    expect([v.threshold?.code, v.by]).toEqual([atIt, 'kumulatif']);
  });

  it('every row cites the regulation and the severities rise', () => {
    expect(table.cumulative.map((r) => r.severity)).toEqual([
      'ringan',
      'ringan',
      'ringan',
      'sedang',
      'sedang',
      'sedang',
      'berat',
      'berat',
      'berat',
    ]);
    for (const r of [...table.cumulative, ...table.consecutive]) expect(r.article).toMatch(/PP 94\/2021 Pasal/);
  });

  it('10 working days in a row: dismissal (9 in a row is only their cumulative sanction)', () => {
    expect(disciplineVerdict(table, 9, 9).threshold?.code).toBe('pernyataan_tidak_puas');
    const v = disciplineVerdict(table, 10, 10);
    expect([v.threshold?.code, v.by]).toEqual(['pemberhentian', 'berturut']);
  });
});

describe('longestUnexcusedRun', () => {
  const d = (date: string, status: string) => ({ date, status });
  it('days off do not break a run; a present day does; a missing date does', () => {
    const fri = d('2026-04-10', 'tanpa_keterangan');
    expect(
      longestUnexcusedRun([
        d('2026-04-09', 'tanpa_keterangan'),
        fri,
        d('2026-04-11', 'libur'),
        d('2026-04-12', 'libur'),
        d('2026-04-13', 'tanpa_keterangan'),
      ]),
    ).toBe(3);
    expect(longestUnexcusedRun([fri, d('2026-04-13', 'tanpa_keterangan')])).toBe(1);
    expect(longestUnexcusedRun([fri, d('2026-04-11', 'hadir'), d('2026-04-12', 'tanpa_keterangan')])).toBe(1);
  });
});

describe('a city’s own table', () => {
  it('is refused with a reason when a number goes down or an article is missing', () => {
    const bad = { ...table, cumulative: [table.cumulative[1], table.cumulative[0]] };
    expect(disciplineTableProblem(bad)).toMatch(/minDays must be larger/);
    const noArticle = { ...table, consecutive: [{ ...table.consecutive[0], article: '' }] };
    expect(disciplineTableProblem(noArticle)).toMatch(/article/);
    expect(disciplineTableProblem(table)).toBeNull();
  });
});
