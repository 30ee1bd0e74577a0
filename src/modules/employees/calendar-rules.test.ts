import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  calendarDay,
  calendarKind,
  calendarText,
  parseCalendarCsv,
  planCalendarImport,
  shippedYearOf,
  yearsWithoutNationalCalendar,
  type ExistingEntry,
} from './calendar-rules.js';

const HEADER = 'date,end,kind,name';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');
const keys = (text: string) => parseCalendarCsv(text).problems.map((p) => [p.line, p.key]);

describe('the shipped 2026 file', () => {
  const file = parseCalendarCsv(
    readFileSync(new URL('../../../reference/kalender-libur-2026.csv', import.meta.url), 'utf8'),
  );

  it('reads without a problem, names its source, holds 17 libur nasional, 8 cuti bersama and Ramadan 1447 H', () => {
    expect(file.problems).toEqual([]);
    expect(file.year).toBe(2026);
    expect(file.source).toMatch(/^SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB Nomor 1497 Tahun 2025/);
    const count = (k: string) => file.rows.filter((r) => r.kind === k).length;
    expect([count('libur_nasional'), count('cuti_bersama'), count('ramadan')]).toEqual([17, 8, 1]);
    expect(file.rows.find((r) => r.start === '2026-12-24')).toMatchObject({ kind: 'cuti_bersama', end: '2026-12-24' });
    expect(file.rows.find((r) => r.start === '2026-12-25')).toMatchObject({ kind: 'libur_nasional' });
    expect(file.rows.find((r) => r.kind === 'ramadan')).toMatchObject({ start: '2026-02-19', end: '2026-03-20' });
    expect(file.rows[0]!.line).toBe(5); // three comment lines and the header come first
  });
});

describe('calendarText: the bytes judged by content', () => {
  it('takes UTF-8 text and drops a BOM', () => {
    expect(calendarText(Buffer.from('\uFEFFdate,kind,name\n'))).toEqual({ ok: true, text: 'date,kind,name\n' });
  });
  it.each([
    ['empty', Buffer.alloc(0), 'kalender.err.file_empty'],
    ['an .xlsx (zip)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), 'kalender.err.file_spreadsheet'],
    [
      'an .xls (OLE)',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]),
      'kalender.err.file_spreadsheet',
    ],
    ['a PDF', Buffer.from('%PDF-1.7\n'), 'kalender.err.file_pdf'],
    ['binary with NUL', Buffer.from([0x64, 0x61, 0x00, 0x74]), 'kalender.err.file_not_text'],
    ['Latin-1, not UTF-8', Buffer.from([0x64, 0x61, 0xe9, 0x0a]), 'kalender.err.file_encoding'],
    ['over 64 KB', Buffer.alloc(64 * 1024 + 1, 0x61), 'kalender.err.file_too_large'],
  ])('refuses %s', (_, bytes, key) => expect(calendarText(bytes)).toEqual({ ok: false, key }));
});

describe('cells', () => {
  it('reads ISO and day-first dates, only real ones', () => {
    expect(calendarDay('2027-01-01')).toBe('2027-01-01');
    expect(calendarDay('1/2/2027')).toBe('2027-02-01');
    expect(calendarDay('25-12-2027')).toBe('2027-12-25');
    expect(calendarDay('2027-02-29')).toBeNull();
    expect(calendarDay('31/04/2027')).toBeNull();
    expect(calendarDay('12/25/2027')).toBeNull(); // month first is not how Indonesia writes it
    expect(calendarDay('besok')).toBeNull();
  });
  it('reads kinds written with spaces, hyphens or capitals', () => {
    expect(calendarKind('Libur Nasional')).toBe('libur_nasional');
    expect(calendarKind('cuti-bersama')).toBe('cuti_bersama');
    expect(calendarKind('RAMADAN')).toBe('ramadan');
    expect(calendarKind('libur daerah')).toBeNull();
  });
  it('knows a shipped file by its name', () => {
    expect(shippedYearOf('kalender-libur-2027.csv')).toBe(2027);
    expect(shippedYearOf('kalender-libur-2027.md')).toBeNull();
    expect(shippedYearOf('kalender-2027.csv')).toBeNull();
  });
});

describe('parseCalendarCsv', () => {
  it('reads Indonesian headers, semicolons, ranges and the source comment', () => {
    const f = parseCalendarCsv(
      '# sumber: SKB 2027\ntanggal;sampai;jenis;nama\n01/01/2027;;libur nasional;Tahun Baru\n2027-02-08;2027-03-09;ramadan;Ramadan 1448 H\n',
    );
    expect(f.problems).toEqual([]);
    expect(f).toMatchObject({ year: 2027, source: 'SKB 2027' });
    expect(f.rows).toEqual([
      { kind: 'libur_nasional', start: '2027-01-01', end: '2027-01-01', name: 'Tahun Baru', line: 3 },
      { kind: 'ramadan', start: '2027-02-08', end: '2027-03-09', name: 'Ramadan 1448 H', line: 4 },
    ]);
  });

  it('names every wrong row with its line, and what is wrong with it', () => {
    const text = csv(
      '2027-01-01,,libur_nasional,Tahun Baru', // 2 fine
      '2027-02-30,,libur_nasional,Bukan tanggal', // 3
      '2027-03-10,2027-03-09,ramadan,Terbalik', // 4
      '2027-03-01,2027-04-30,ramadan,Terlalu panjang', // 5: 61 days
      '2027-05-01,,libur_daerah,Jenis asing', // 6
      '2027-05-02,,cuti_bersama,', // 7
      '2028-01-01,,libur_nasional,Tahun lain', // 8
      '2027-01-01,,libur_nasional,Dua kali', // 9
      '2027-06-01,besok,cuti_bersama,Akhir salah', // 10
      '2027-06-02,,cuti_bersama,Tersem\u200Bbunyi', // 11
      '2027-12-25,,libur_nasional,Natal', // 12 fine
    );
    expect(keys(text)).toEqual([
      [3, 'kalender.err.row_date'],
      [4, 'kalender.err.row_end_before'],
      [5, 'kalender.err.row_range_long'],
      [6, 'kalender.err.row_kind'],
      [7, 'kalender.err.row_name'],
      [8, 'kalender.err.row_year'],
      [9, 'kalender.err.row_twice'],
      [10, 'kalender.err.row_end'],
      [11, 'kalender.err.row_text'],
    ]);
    const f = parseCalendarCsv(text);
    expect(f.problems[0]!.params).toEqual({ line: 3, value: '2027-02-30' });
    expect(f.problems[5]!.params).toEqual({ line: 8, year: 2027 });
    expect(f.problems[6]!.params).toEqual({ line: 9, other: 2 });
  });

  it('a range of 46 days is the longest taken (the table allows 45 days after the first)', () => {
    expect(keys(csv('2027-01-01,,libur_nasional,T', '2027-01-10,2027-02-24,ramadan,R'))).toEqual([]);
    expect(keys(csv('2027-01-01,,libur_nasional,T', '2027-01-10,2027-02-25,ramadan,R'))).toEqual([
      [3, 'kalender.err.row_range_long'],
    ]);
  });

  it('overlapping Ramadan ranges are one range twice; a cuti bersama inside Ramadan is fine', () => {
    expect(
      keys(
        csv(
          '2027-01-01,,libur_nasional,T',
          '2027-02-08,2027-03-09,ramadan,R',
          '2027-03-01,2027-03-10,ramadan,R2',
          '2027-03-09,,cuti_bersama,C',
        ),
      ),
    ).toEqual([[4, 'kalender.err.row_twice']]);
  });

  it('refuses a file without the required columns, rows, a libur nasional, or with too many rows', () => {
    expect(keys('tanggal,nama\n2027-01-01,x')).toEqual([[1, 'kalender.err.csv_columns']]);
    expect(parseCalendarCsv('tanggal,nama\n').problems[0]!.params).toEqual({ columns: 'kind' });
    expect(keys(HEADER)).toEqual([[null, 'kalender.err.csv_empty']]);
    expect(keys('# sumber: x\n')).toEqual([[null, 'kalender.err.csv_empty']]);
    expect(keys(csv('2027-02-08,2027-03-09,ramadan,R'))).toEqual([[null, 'kalender.err.no_national']]);
    const many = Array.from({ length: 201 }, (_, i) => `2027-01-01,,libur_nasional,L${i}`);
    expect(keys(csv(...many))).toEqual([[null, 'kalender.err.csv_too_many']]);
    expect(keys(`${HEADER}\n"2027-01-01,,libur_nasional,x`)[0]![1]).toBe('kalender.err.csv_unreadable');
  });

  it('a # inside a name is text, not a comment', () => {
    expect(parseCalendarCsv(csv('2027-01-01,,libur_nasional,Hari #1')).rows[0]!.name).toBe('Hari #1');
  });
});

describe('planCalendarImport', () => {
  const row = (kind: ExistingEntry['kind'], start: string, name: string, line: number, end = start) => ({
    kind,
    start,
    end,
    name,
    line,
  });
  const entry = (
    id: number,
    importId: number | null,
    kind: ExistingEntry['kind'],
    start: string,
    name: string,
    end = start,
  ) => ({
    id,
    importId,
    kind,
    start,
    end,
    name,
  });
  const rows = [
    row('libur_nasional', '2026-12-25', 'Natal', 2),
    row('cuti_bersama', '2026-12-24', 'Cuti Natal', 3),
    row('ramadan', '2026-02-19', 'Ramadan', 4, '2026-03-20'),
  ];

  it('into an empty year: every row is new', () => {
    expect(planCalendarImport([], rows)).toEqual({ insert: rows, keep: [], remove: [], skipped: [] });
  });

  it('the same file again changes nothing: the imported entries are kept', () => {
    const existing = [
      entry(1, 7, 'libur_nasional', '2026-12-25', 'Natal'),
      entry(2, 7, 'cuti_bersama', '2026-12-24', 'Cuti Natal'),
      entry(3, 7, 'ramadan', '2026-02-19', 'Ramadan', '2026-03-20'),
    ];
    expect(planCalendarImport(existing, rows)).toEqual({ insert: [], keep: [1, 2, 3], remove: [], skipped: [] });
  });

  it('a corrected file replaces what an earlier import wrote, and keeps what the city entered by hand', () => {
    const existing = [
      entry(1, 7, 'libur_nasional', '2026-12-25', 'Natal'),
      entry(2, 7, 'cuti_bersama', '2026-12-28', 'Cuti Natal (lama)'),
      entry(9, null, 'libur_nasional', '2026-10-01', 'Hari jadi kota'),
    ];
    const plan = planCalendarImport(existing, rows);
    expect(plan).toEqual({ insert: [rows[1], rows[2]], keep: [1], remove: [2], skipped: [] });
  });

  it("a row over a hand entry of the same kind is skipped: the city's own Ramadan wins", () => {
    const existing = [
      entry(9, null, 'ramadan', '2026-02-18', 'Ramadan kota', '2026-03-19'),
      entry(10, null, 'libur_nasional', '2026-12-24', 'Libur kota'),
    ];
    const plan = planCalendarImport(existing, rows);
    expect(plan.skipped).toEqual([rows[2]]);
    // Another kind on the same day is no conflict: the cuti bersama of the 24th is still written.
    expect(plan.insert).toEqual([rows[0], rows[1]]);
    expect(plan.remove).toEqual([]);
  });
});

describe('yearsWithoutNationalCalendar', () => {
  it('warns about this year and the coming one while they have no national entries', () => {
    expect(yearsWithoutNationalCalendar('2026-12-02', new Set([2026]))).toEqual([2027]);
    expect(yearsWithoutNationalCalendar('2026-12-02', new Set())).toEqual([2026, 2027]);
    expect(yearsWithoutNationalCalendar('2026-12-02', new Set([2026, 2027]))).toEqual([]);
    expect(yearsWithoutNationalCalendar('2026-12-31', new Set([2026, 2027]))).toEqual([]);
    expect(yearsWithoutNationalCalendar('2027-01-01', new Set([2026, 2027]))).toEqual([2028]);
  });
});
