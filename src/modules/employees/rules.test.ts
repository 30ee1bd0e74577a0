import { describe, expect, it } from 'vitest';
import {
  kindFromText,
  nipKinds,
  normalizeUnitCode,
  parseNip,
  pathAndAncestors,
  supervisorOf,
  unitPath,
} from './rules.js';

describe('parseNip', () => {
  it('reads birth date, appointment and sex', () => {
    expect(parseNip('19850312 201001 1 003')).toEqual({
      nip: '198503122010011003',
      kind: 'PNS',
      birthDate: '1985-03-12',
      appointed: '2010-01',
      sex: 'L',
    });
    expect(parseNip('199001012019032001')?.sex).toBe('P');
  });
  it.each([
    ['short', '19850312201001100'],
    ['letters', '19850312201001100X'],
    ['bad birth date', '198502302010011003'],
    ['bad appointment month', '198503122010131003'],
    ['appointed before 15', '198503121995011003'],
    ['bad sex digit', '198503122010013003'],
    ['serial 000', '198503122010011000'],
  ])('refuses %s', (_, nip) => expect(parseNip(nip)).toBeNull());
});

describe('NI PPPK (BKN: birth date, year of appointment, 21, sex, serial)', () => {
  it("reads BKN's example 199312282025212001", () => {
    expect(parseNip('199312282025212001', 'PPPK')).toEqual({
      nip: '199312282025212001',
      kind: 'PPPK',
      birthDate: '1993-12-28',
      appointed: '2025',
      sex: 'P',
    });
    expect(parseNip('19931228 2025 21 2 001', 'PPPK_PW')?.nip).toBe('199312282025212001');
  });
  it('is not a PNS NIP (month 21), and a PNS NIP is not an NI PPPK', () => {
    expect(parseNip('199312282025212001', 'PNS')).toBeNull();
    expect(parseNip('198503122010011003', 'PPPK')).toBeNull();
    expect(nipKinds('199312282025212001')).toEqual(['PPPK', 'PPPK_PW']);
    expect(nipKinds('198503122010011003')).toEqual(['PNS']);
  });
  it.each([
    ['code 20', '199312282025202001'],
    ['code 12', '199312282025122001'],
    ['bad birth date', '199313282025212001'],
    ['appointed at 10', '199312282003212001'],
    ['sex 3', '199312282025213001'],
    ['serial 000', '199312282025212000'],
    ['17 digits', '19931228202521200'],
  ])('refuses %s', (_, nip) => expect(parseNip(nip, 'PPPK')).toBeNull());
  it("follows the city's configured codes", () => {
    const codes = { PPPK: ['21'], PPPK_PW: ['24'] };
    expect(parseNip('199312282025242001', 'PPPK_PW', codes)?.appointed).toBe('2025');
    expect(parseNip('199312282025212001', 'PPPK_PW', codes)).toBeNull();
  });
  it('reads kinds as people write them', () => {
    expect(kindFromText(' pppk paruh waktu')).toBe('PPPK_PW');
    expect(kindFromText('Non-ASN')).toBe('NON_ASN');
    expect(kindFromText('honorer')).toBe('NON_ASN');
    expect(kindFromText('PNS')).toBe('PNS');
    expect(kindFromText('tetap')).toBeNull();
  });
});

describe('units', () => {
  it('normalises codes and builds paths', () => {
    expect(normalizeUnitCode(' bid aptika ')).toBe('BID-APTIKA');
    expect(normalizeUnitCode('Dinas/x')).toBeNull();
    expect(unitPath(null, '35.74', 'DISKOMINFO')).toBe('35.74/DISKOMINFO');
    expect(unitPath({ path: '35.74/DISKOMINFO' }, '35.74', 'APTIKA')).toBe('35.74/DISKOMINFO/APTIKA');
    expect(pathAndAncestors('35.74/A/B')).toEqual(['35.74/A/B', '35.74/A']);
  });
});

describe('supervisorOf', () => {
  const heads = [
    { path: '35.74/A', head_employee_id: 1 },
    { path: '35.74/A/B', head_employee_id: 2 },
    { path: '35.74/A/B/C', head_employee_id: null },
    { path: '35.74/AB', head_employee_id: 9 },
  ];
  it('named supervisor first, then the nearest head above', () => {
    expect(supervisorOf({ id: 5, supervisor_id: 7, unit_path: '35.74/A/B' }, heads)).toBe(7);
    expect(supervisorOf({ id: 5, supervisor_id: null, unit_path: '35.74/A/B/C' }, heads)).toBe(2);
    expect(supervisorOf({ id: 2, supervisor_id: null, unit_path: '35.74/A/B' }, heads)).toBe(1);
    expect(supervisorOf({ id: 1, supervisor_id: null, unit_path: '35.74/A' }, heads)).toBeNull();
  });
});

describe('non-ASN identifier, identity by kind, service start', () => {
  it('reads a nomor pegawai in upper case, by the city pattern and the username form', async () => {
    const { parseStaffNumber } = await import('./rules.js');
    expect(parseStaffNumber(' thl-2024-017 ')).toBe('THL-2024-017');
    expect(parseStaffNumber('OS.17')).toBe('OS.17');
    expect(parseStaffNumber('ab')).toBeNull();
    expect(parseStaffNumber('THL 017')).toBeNull();
    expect(parseStaffNumber('-THL')).toBeNull();
    expect(parseStaffNumber('THL-017', /^THL-\d{3}$/)).toBe('THL-017');
    expect(parseStaffNumber('OS-017', /^THL-\d{3}$/)).toBeNull();
  });
  it('names the number by kind', async () => {
    const { employeeIdentity, identityText } = await import('./rules.js');
    expect(employeeIdentity({ kind: 'PNS', nip: '198503122010011003', staff_number: null })).toEqual({
      labelKey: 'pegawai.id.NIP',
      number: '198503122010011003',
    });
    expect(employeeIdentity({ kind: 'PPPK_PW', nip: '199312282025212001' }).labelKey).toBe('pegawai.id.NI_PPPK');
    const t = (k: string) => ({ 'pegawai.id.STAFF': 'Nomor pegawai' })[k] ?? k;
    expect(identityText(t, { kind: 'NON_ASN', nip: null, staff_number: 'THL-017' })).toBe('Nomor pegawai THL-017');
  });
  it('service start: the TMT recorded, else a PNS NIP’s TMT CPNS month, else the created day', async () => {
    const { serviceStart } = await import('./rules.js');
    const nip = '198503122010011003';
    expect(serviceStart({ kind: 'PNS', nip, start_date: '2015-07-01' }, '2026-12-02')).toEqual({
      date: '2015-07-01',
      source: 'start_date',
    });
    expect(serviceStart({ kind: 'PNS', nip, start_date: null }, '2026-12-02')).toEqual({
      date: '2010-01-01',
      source: 'nip_tmt',
    });
    expect(serviceStart({ kind: 'PPPK', nip: '199312282025212001', start_date: null }, '2026-12-02')).toEqual({
      date: '2026-12-02',
      source: 'created',
    });
    expect(serviceStart({ kind: 'NON_ASN', nip: null, start_date: null }, '2026-12-02').source).toBe('created');
  });
});
