import { describe, expect, it } from 'vitest';
import {
  agendaTemplateProblem,
  codeAndAncestors,
  DEFAULT_AGENDA_TEMPLATE,
  formatAgendaNumber,
  incomingProblems,
  isLikelyDuplicate,
  retentionFor,
  type RetentionRow,
} from './rules.js';

describe('agenda numbers', () => {
  it('fill the pattern; {urut:4} pads', () => {
    expect(formatAgendaNumber(DEFAULT_AGENDA_TEMPLATE, { urut: 7, kode_unit: 'DISKOMINFO', tahun: 2026 })).toBe(
      '7/DISKOMINFO/2026',
    );
    expect(formatAgendaNumber('AG-{urut:4}/{kode_unit}/{tahun}', { urut: 12, kode_unit: 'Kel.Ktp', tahun: 2027 })).toBe(
      'AG-0012/Kel.Ktp/2027',
    );
    expect(formatAgendaNumber('{urut:3}', { urut: 12345, kode_unit: 'X', tahun: 2026 })).toBe('12345');
  });
  it('a pattern must hold {urut} and only known placeholders', () => {
    expect(agendaTemplateProblem(DEFAULT_AGENDA_TEMPLATE)).toBeNull();
    expect(agendaTemplateProblem('{kode_unit}/{tahun}')).toMatch(/\{urut\}/);
    expect(agendaTemplateProblem('{urut}/{bulan}')).toMatch(/\{bulan\}/);
  });
});

describe('likely duplicates', () => {
  const a = {
    senderInstansi: 'Dinas Pendidikan Kota Metro',
    senderNumber: '005/123/D.3/2026',
    senderDate: '2026-11-30',
  };
  it('same sender, number and date — ignoring case, spaces and punctuation runs', () => {
    expect(isLikelyDuplicate(a, { ...a })).toBe(true);
    expect(
      isLikelyDuplicate(a, {
        senderInstansi: '  dinas pendidikan  kota metro',
        senderNumber: '005/123/D.3/2026 ',
        senderDate: '2026-11-30',
      }),
    ).toBe(true);
  });
  it('another date, number or sender is another letter', () => {
    expect(isLikelyDuplicate(a, { ...a, senderDate: '2026-12-01' })).toBe(false);
    expect(isLikelyDuplicate(a, { ...a, senderNumber: '005/124/D.3/2026' })).toBe(false);
    expect(isLikelyDuplicate(a, { ...a, senderInstansi: 'Dinas Kesehatan Kota Metro' })).toBe(false);
  });
});

describe('retention (JRA) for a code', () => {
  const row = (code: string, activeYears: number): RetentionRow => ({
    code,
    activeYears,
    inactiveYears: 1,
    final: 'musnah',
    verified: false,
  });
  const defaults = new Map([
    ['400', row('400', 2)],
    ['400.12', row('400.12', 5)],
  ]);
  it('walks up the code', () => {
    expect(codeAndAncestors('400.12.3.1')).toEqual(['400.12.3.1', '400.12.3', '400.12', '400']);
    expect(retentionFor('400.12.3.1', new Map(), defaults)).toMatchObject({ activeYears: 5, source: 'bawaan' });
    expect(retentionFor('400.9', new Map(), defaults)).toMatchObject({ activeYears: 2, source: 'bawaan' });
    expect(retentionFor('800.1', new Map(), defaults)).toBeNull();
  });
  it("the nearest row wins; at the same code the city's own", () => {
    const city = new Map([
      ['400', row('400', 9)],
      ['400.12', row('400.12', 7)],
    ]);
    expect(retentionFor('400.12.3', city, defaults)).toMatchObject({ activeYears: 7, source: 'kota' });
    expect(retentionFor('400.9', city, defaults)).toMatchObject({ activeYears: 9, source: 'kota' });
    expect(retentionFor('400.12.3', new Map([['400', row('400', 9)]]), defaults)).toMatchObject({
      activeYears: 5,
      source: 'bawaan',
    });
  });
});

describe('the fields of a registration', () => {
  const ok = {
    senderInstansi: 'Dinas Pendidikan',
    senderName: '',
    senderNumber: '005/1/2026',
    senderDate: '2026-11-30',
    receivedDate: '2026-12-01',
    perihal: 'Undangan rapat',
    urgency: 'segera',
    securityClass: 'biasa',
    kindCode: 'undangan',
    classificationCode: '000.1',
  };
  const kinds = new Set(['undangan']);
  it('a good one has no problem', () => expect(incomingProblems(ok, '2026-12-02', kinds)).toEqual([]));
  it('names every problem at once', () => {
    const fields = incomingProblems(
      {
        ...ok,
        senderInstansi: ' ',
        receivedDate: '2026-12-05',
        urgency: 'x',
        kindCode: 'puisi',
        classificationCode: '4',
      },
      '2026-12-02',
      kinds,
    ).map((e) => e.field);
    expect(fields).toEqual(['senderInstansi', 'receivedDate', 'urgency', 'kindCode', 'classificationCode']);
    expect(incomingProblems({ ...ok, senderDate: '2026-12-02' }, '2026-12-02', kinds)).toEqual([
      { field: 'senderDate', key: 'surat.err.sent_after_received' },
    ]);
    expect(incomingProblems({ ...ok, senderDate: '2026-02-30' }, '2026-12-02', kinds)[0]?.key).toBe('surat.err.date');
  });
});
