import { describe, expect, it } from 'vitest';
import { DEFAULT_PPH21, hasNpwpFor, maskTail, parsePph21, pph21, rupiahText, terbilang } from './honor-rules.js';

const cfg = DEFAULT_PPH21;

describe('PPh 21 bukan pegawai (defaults: 50 % DPP, Pasal 17 HPP brackets)', () => {
  it('zero gross is zero tax', () => {
    expect(pph21(cfg, 0, 0, true)).toMatchObject({ gross: 0, dpp: 0, tax: 0, net: 0 });
  });
  it('5 % of half the gross in the first bracket', () => {
    const r = pph21(cfg, 1_250_000, 0, true);
    expect(r).toMatchObject({ dpp: 625_000, tax: 31_250, net: 1_218_750 });
  });
  it('a cumulative DPP of exactly 60,000,000 stays wholly at 5 %', () => {
    const r = pph21(cfg, 20_000_000, 50_000_000, true); // DPP 10 jt → cumulative exactly 60 jt
    expect(r.dpp).toBe(10_000_000);
    expect(r.tax).toBe(500_000);
    // The next rupiah of DPP is taxed at 15 %.
    expect(pph21(cfg, 2, 60_000_000, true).tax).toBe(0); // 1 rupiah DPP × 15 % = 0.15, rounded down
    expect(pph21(cfg, 200, 60_000_000, true).tax).toBe(15);
  });
  it('a payment crossing 60,000,000 inside it pays 5 % below and 15 % above', () => {
    // prior DPP 59 jt, this DPP 2 jt: 1 jt at 5 % + 1 jt at 15 %
    const r = pph21(cfg, 4_000_000, 59_000_000, true);
    expect(r.dpp).toBe(2_000_000);
    expect(r.tax).toBe(50_000 + 150_000);
    expect(r.net).toBe(3_800_000);
  });
  it('crosses several brackets at once', () => {
    // prior 0, DPP 300 jt: 60 jt × 5 % + 190 jt × 15 % + 50 jt × 25 %
    expect(pph21(cfg, 600_000_000, 0, true).tax).toBe(3_000_000 + 28_500_000 + 12_500_000);
  });
  it('without NPWP the tax is 20 % higher', () => {
    expect(pph21(cfg, 1_250_000, 0, false).tax).toBe(37_500);
    expect(pph21(cfg, 4_000_000, 59_000_000, false).tax).toBe(240_000);
  });
  it('a NIK counts as NPWP when configured', () => {
    expect(hasNpwpFor(cfg, { npwp: false, nik: true })).toBe(true);
    expect(hasNpwpFor({ ...cfg, nikAsNpwp: false }, { npwp: false, nik: true })).toBe(false);
    expect(hasNpwpFor(cfg, null)).toBe(false);
  });
  it('final mode withholds a flat rate on gross', () => {
    const f = { ...cfg, mode: 'final' as const, flatRatePercent: 6 };
    expect(pph21(f, 1_000_000, 99_000_000, true)).toMatchObject({ tax: 60_000, net: 940_000 });
    expect(pph21(f, 1_000_000, 0, false).tax).toBe(72_000);
  });
  it('keeps the rule it used', () => {
    const r = pph21(cfg, 1_000_000, 5, false);
    expect(r.rule).toMatchObject({ version: 'PMK-168-2023', mode: 'progresif', priorDpp: 5, hasNpwp: false });
  });
});

describe('HONOR_PPH21', () => {
  it('empty means the defaults', () => expect(parsePph21('')).toEqual({ ok: true, config: DEFAULT_PPH21 }));
  it('overrides fields', () => {
    const r = parsePph21('{"mode":"final","flatRatePercent":5,"version":"Perwali-1-2026"}');
    expect(r.ok && r.config).toMatchObject({ mode: 'final', flatRatePercent: 5, dppPercent: 50 });
  });
  it.each([
    ['nonsense', 'bukan JSON'],
    ['[1]', 'objek JSON'],
    ['{"mode":"x"}', 'mode harus'],
    ['{"dppPercent":150}', 'dppPercent harus'],
    ['{"tarif":1}', 'kolom tidak dikenal'],
    ['{"brackets":[{"upTo":100,"rate":5},{"upTo":50,"rate":10},{"upTo":null,"rate":20}]}', 'lapisan 2'],
    ['{"brackets":[{"upTo":100,"rate":5}]}', 'lapisan 1'],
  ])('refuses %s', (text, problem) => {
    const r = parsePph21(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toContain(problem);
  });
});

describe('terbilang', () => {
  it.each([
    [0, 'nol rupiah'],
    [1, 'satu rupiah'],
    [11, 'sebelas rupiah'],
    [15, 'lima belas rupiah'],
    [100, 'seratus rupiah'],
    [110, 'seratus sepuluh rupiah'],
    [1000, 'seribu rupiah'],
    [1100, 'seribu seratus rupiah'],
    [21_000, 'dua puluh satu ribu rupiah'],
    [101_000, 'seratus satu ribu rupiah'],
    [1_000_000, 'satu juta rupiah'],
    [1_250_000, 'satu juta dua ratus lima puluh ribu rupiah'],
    [1_218_750, 'satu juta dua ratus delapan belas ribu tujuh ratus lima puluh rupiah'],
    [2_000_001_000, 'dua miliar seribu rupiah'],
  ])('%d', (n, words) => expect(terbilang(n)).toBe(words));
  it('refuses fractions and negatives', () => {
    expect(() => terbilang(-1)).toThrow();
    expect(() => terbilang(1.5)).toThrow();
  });
});

describe('figures and masks', () => {
  it('writes rupiah with dots', () => expect(rupiahText(1250000)).toBe('Rp 1.250.000'));
  it('masks all but the last four', () => expect(maskTail('1234 5678 90')).toBe('******7890'));
});
