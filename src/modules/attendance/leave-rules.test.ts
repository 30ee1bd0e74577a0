import { describe, expect, it } from 'vitest';
import {
  addMonths,
  authorisedOfficial,
  childRefusal,
  DEFAULT_LEAVE_RULES,
  initialLeaveStatus,
  leaveOptions,
  leaveRulesFromConfig,
  leaveTooLong,
  leaveTransition,
  needsDoctorLetter,
  serviceLength,
  stepProblems,
  typeRefusal,
} from './leave-rules.js';

describe('annual leave after one year of continuous service', () => {
  const at = (onDate: string) => typeRefusal({ kind: 'PNS', serviceStart: '2025-03-01', onDate, type: 'cuti_tahunan' });
  it('364 days: refused, 365 days: allowed', () => {
    expect(at('2026-02-28')).toMatchObject({ reason: 'annual_service', years: 0, months: 11 });
    expect(at('2026-03-01')).toBeNull();
  });
  it('the same for a PPPK', () => {
    expect(
      typeRefusal({ kind: 'PPPK', serviceStart: '2025-03-01', onDate: '2026-02-28', type: 'cuti_tahunan' }),
    ).not.toBeNull();
    expect(
      typeRefusal({ kind: 'PPPK', serviceStart: '2025-03-01', onDate: '2026-03-01', type: 'cuti_tahunan' }),
    ).toBeNull();
  });
});

describe('cuti besar and CLTN after five years', () => {
  for (const type of ['cuti_besar', 'cuti_luar_tanggungan'] as const) {
    it(`${type}: five years less a day refused, five years allowed`, () => {
      const r = typeRefusal({ kind: 'PNS', serviceStart: '2021-06-15', onDate: '2026-06-14', type });
      expect(r).toEqual({ reason: 'long_service', years: 4, months: 11, need: 5 });
      expect(typeRefusal({ kind: 'PNS', serviceStart: '2021-06-15', onDate: '2026-06-15', type })).toBeNull();
    });
  }
  it('the length of service reads as years and months (3 tahun 9 bulan)', () => {
    expect(serviceLength('2023-03-01', '2026-12-02')).toMatchObject({ years: 3, months: 9 });
  });
});

describe('cuti melahirkan', () => {
  it('third child: given; fourth: refused, a PNS is offered cuti besar (PP 11/2017 art. 325(2))', () => {
    expect(childRefusal('PNS', 3)).toBeNull();
    expect(childRefusal('PNS', 4)).toEqual({ reason: 'child', last: 3, instead: 'cuti_besar' });
  });
  it('a PPPK: third given, fourth refused with nothing instead', () => {
    expect(childRefusal('PPPK', 3)).toBeNull();
    expect(childRefusal('PPPK', 4)).toEqual({ reason: 'child', last: 3, instead: null });
  });
  it('the child must be given', () => expect(childRefusal('PNS', null)).toEqual({ reason: 'child_missing' }));
  it('up to three months', () => {
    expect(leaveTooLong('cuti_melahirkan', '2026-01-10', '2026-04-09')).toBeNull();
    expect(leaveTooLong('cuti_melahirkan', '2026-01-10', '2026-04-10')).toEqual({
      reason: 'too_long',
      max: 3,
      unit: 'bulan',
    });
  });
  it('CLTN up to three years', () => {
    expect(leaveTooLong('cuti_luar_tanggungan', '2026-01-10', '2029-01-09')).toBeNull();
    expect(leaveTooLong('cuti_luar_tanggungan', '2026-01-10', '2029-01-10')).not.toBeNull();
  });
});

describe('types per kind', () => {
  const types = (kind: 'PNS' | 'PPPK' | 'PPPK_PW' | 'NON_ASN') =>
    leaveOptions({ kind, serviceStart: '2010-01-01', today: '2026-12-02' }).map((o) => o.type);
  it('PNS: six leave types, never cuti bersama', () => {
    expect(types('PNS')).toEqual([
      'cuti_tahunan',
      'cuti_besar',
      'cuti_sakit',
      'cuti_melahirkan',
      'cuti_alasan_penting',
      'cuti_luar_tanggungan',
    ]);
  });
  it('PPPK and PPPK Paruh Waktu: tahunan, sakit, melahirkan', () => {
    expect(types('PPPK')).toEqual(['cuti_tahunan', 'cuti_sakit', 'cuti_melahirkan']);
    expect(types('PPPK_PW')).toEqual(['cuti_tahunan', 'cuti_sakit', 'cuti_melahirkan']);
  });
  it('non-ASN: no ASN leave, izin and sakit remain', () => {
    expect(types('NON_ASN')).toEqual([]);
    expect(typeRefusal({ kind: 'NON_ASN', serviceStart: null, onDate: '2026-12-02', type: 'izin' })).toBeNull();
    expect(typeRefusal({ kind: 'PPPK', serviceStart: null, onDate: '2026-12-02', type: 'cuti_besar' })).toEqual({
      reason: 'kind',
    });
  });
  it('a type not open yet is listed with its reason', () => {
    const o = leaveOptions({ kind: 'PNS', serviceStart: '2023-03-01', today: '2026-12-02' });
    expect(o.find((x) => x.type === 'cuti_besar')!.refusal).toEqual({
      reason: 'long_service',
      years: 3,
      months: 9,
      need: 5,
    });
    expect(o.find((x) => x.type === 'cuti_tahunan')!.refusal).toBeNull();
  });
});

describe("doctor's letter", () => {
  it('PNS: one day without, two days with', () => {
    expect(needsDoctorLetter('PNS', 'cuti_sakit', '2026-03-02', '2026-03-02')).toBe(false);
    expect(needsDoctorLetter('PNS', 'cuti_sakit', '2026-03-02', '2026-03-03')).toBe(true);
    expect(needsDoctorLetter('PNS', 'sakit', '2026-03-02', '2026-03-03')).toBe(true);
  });
  it('PPPK: from the first day (Peraturan BKN 7/2022)', () => {
    expect(needsDoctorLetter('PPPK', 'sakit', '2026-03-02', '2026-03-02')).toBe(true);
    expect(needsDoctorLetter('PPPK_PW', 'cuti_sakit', '2026-03-02', '2026-03-02')).toBe(true);
  });
  it('not for other types', () => expect(needsDoctorLetter('PPPK', 'izin', '2026-03-02', '2026-03-09')).toBe(false));
});

describe('who decides (PyB)', () => {
  const heads = [
    { path: '35.74/DISKOMINFO', head_employee_id: 1 },
    { path: '35.74/DISKOMINFO/STATISTIK', head_employee_id: 2 },
  ];
  it('the head of the OPD for anyone in it, the city admin for that head', () => {
    expect(authorisedOfficial({ id: 3, unit_path: '35.74/DISKOMINFO/STATISTIK' }, heads)).toEqual({
      by: 'head',
      employeeId: 1,
    });
    expect(authorisedOfficial({ id: 1, unit_path: '35.74/DISKOMINFO' }, heads)).toEqual({ by: 'city_admin' });
    expect(authorisedOfficial({ id: 5, unit_path: '35.74/SETDA' }, heads)).toEqual({ by: 'city_admin' });
  });
  it('one level when the atasan is the PyB', () => {
    expect(initialLeaveStatus({ superiorId: 2, officialEmployeeId: 1 })).toBe('diajukan');
    expect(initialLeaveStatus({ superiorId: 1, officialEmployeeId: 1 })).toBe('dipertimbangkan');
    expect(initialLeaveStatus({ superiorId: null, officialEmployeeId: null })).toBe('dipertimbangkan');
  });
});

describe('the state machine', () => {
  it('pertimbangan moves to the PyB whatever its outcome', () => {
    for (const outcome of ['setuju', 'perubahan', 'ditangguhkan', 'tidak_disetujui'] as const)
      expect(leaveTransition('diajukan', { by: 'superior', outcome })).toEqual({ ok: true, status: 'dipertimbangkan' });
  });
  it('the PyB decides', () => {
    const d = (outcome: 'setuju' | 'perubahan' | 'ditangguhkan' | 'tidak_disetujui') =>
      leaveTransition('dipertimbangkan', { by: 'official', outcome });
    expect(d('setuju')).toEqual({ ok: true, status: 'disetujui' });
    expect(d('perubahan')).toEqual({ ok: true, status: 'disetujui' });
    expect(d('ditangguhkan')).toEqual({ ok: true, status: 'ditangguhkan' });
    expect(d('tidak_disetujui')).toEqual({ ok: true, status: 'ditolak' });
  });
  it('out of order or twice: refused', () => {
    expect(leaveTransition('diajukan', { by: 'official', outcome: 'setuju' })).toEqual({
      ok: false,
      problem: 'wrong_stage',
    });
    expect(leaveTransition('dipertimbangkan', { by: 'superior', outcome: 'setuju' })).toEqual({
      ok: false,
      problem: 'wrong_stage',
    });
    for (const s of ['disetujui', 'ditolak', 'ditangguhkan', 'dibatalkan'] as const)
      expect(leaveTransition(s, { by: 'official', outcome: 'setuju' })).toEqual({
        ok: false,
        problem: 'already_decided',
      });
  });
  it('a step says why and when', () => {
    const cur = { start: '2026-12-07', end: '2026-12-11' };
    expect(stepProblems({ outcome: 'tidak_disetujui', note: ' ' }, cur, '2026-12-02')).toEqual([
      { field: 'note', key: 'reason_required' },
    ]);
    expect(
      stepProblems({ outcome: 'perubahan', note: null, start: '2026-12-07', end: '2026-12-11' }, cur, '2026-12-02'),
    ).toEqual([{ field: 'start', key: 'dates_same' }]);
    expect(
      stepProblems({ outcome: 'ditangguhkan', note: 'Tugas mendesak', until: '2026-12-01' }, cur, '2026-12-02'),
    ).toEqual([{ field: 'until', key: 'until_past' }]);
    expect(
      stepProblems({ outcome: 'ditangguhkan', note: 'Tugas mendesak', until: '2027-02-01' }, cur, '2026-12-02'),
    ).toEqual([]);
    expect(stepProblems({ outcome: 'setuju', note: null }, cur, '2026-12-02')).toEqual([]);
  });
});

describe('LEAVE_RULES', () => {
  it('empty: the defaults; numbers override; nonsense stops the start', () => {
    expect(leaveRulesFromConfig('')).toBe(DEFAULT_LEAVE_RULES);
    const r = leaveRulesFromConfig('{"annualMinServiceDays":180,"kinds":{"PPPK":{"sickDaysWithoutLetter":1}}}');
    expect(r.annualMinServiceDays).toBe(180);
    expect(r.kinds.PPPK.sickDaysWithoutLetter).toBe(1);
    expect(r.kinds.PNS.sickDaysWithoutLetter).toBe(1);
    expect(() => leaveRulesFromConfig('{"kinds":{"PPPK":{"types":["cuti_bersama"]}}}')).toThrow(/cuti_bersama/);
    expect(() => leaveRulesFromConfig('[1]')).toThrow();
  });
  it('months end on the last day of a shorter month', () => expect(addMonths('2026-01-31', 1)).toBe('2026-02-28'));
});
