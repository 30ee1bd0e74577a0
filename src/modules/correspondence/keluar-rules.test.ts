import { describe, expect, it } from 'vitest';
import { diffText, sideOf } from './keluar-diff.js';
import {
  actAllowed,
  currentStep,
  routingProblems,
  seriesKey,
  signatureHeadingLines,
  type RouteStep,
} from './keluar-rules.js';

const heads = new Set([9]);
const s = (role: RouteStep['role'], employeeId: number): RouteStep => ({ role, employeeId });

describe('routing rules', () => {
  it('accepts verifiers, an opinion, one entitled signer last and copies after it', () => {
    expect(routingProblems([s('paraf', 1), s('pendapat', 2), s('tandatangan', 9), s('tembusan', 3)], heads)).toEqual(
      [],
    );
  });
  it('refuses an empty list, no signer, two signers', () => {
    expect(routingProblems([], heads)).toEqual(['empty']);
    expect(routingProblems([s('paraf', 1)], heads)).toEqual(['signer_count']);
    expect(routingProblems([s('tandatangan', 9), s('tandatangan', 8)], new Set([8, 9]))).toContain('signer_count');
  });
  it('refuses a signer before a verifier, a duplicate acting person, an unentitled signer', () => {
    expect(routingProblems([s('tandatangan', 9), s('paraf', 1)], heads)).toEqual(['signer_not_last']);
    expect(routingProblems([s('paraf', 1), s('paraf', 1), s('tandatangan', 9)], heads)).toEqual(['duplicate']);
    expect(routingProblems([s('paraf', 9), s('tandatangan', 9)], heads)).toEqual(['duplicate']);
    expect(routingProblems([s('paraf', 1), s('tandatangan', 2)], heads)).toEqual(['signer_not_entitled']);
  });
  it('lets a copy go to a verifier too (copies do not act)', () => {
    expect(routingProblems([s('paraf', 1), s('tandatangan', 9), s('tembusan', 1)], heads)).toEqual([]);
  });
  it('refuses more than 30 steps', () => {
    const many = Array.from({ length: 30 }, (_, i) => s('tembusan', 100 + i));
    expect(routingProblems([...many, s('tandatangan', 9)], heads)).toContain('too_many');
  });
  it('finds the current step: the first acting step still waiting', () => {
    const steps = [
      { id: 1, position: 1, role: 'paraf' as const, status: 'paraf' as const, employeeId: 1 },
      { id: 3, position: 3, role: 'tandatangan' as const, status: 'menunggu' as const, employeeId: 9 },
      { id: 2, position: 2, role: 'paraf' as const, status: 'menunggu' as const, employeeId: 2 },
      { id: 4, position: 4, role: 'tembusan' as const, status: 'menunggu' as const, employeeId: 5 },
    ];
    expect(currentStep(steps)?.id).toBe(2);
    expect(currentStep(steps.map((x) => (x.role === 'tembusan' ? x : { ...x, status: 'paraf' as const })))).toBe(null);
  });
  it('says which act fits which step', () => {
    expect(actAllowed('paraf', 'paraf')).toBe(true);
    expect(actAllowed('paraf', 'tandatangan')).toBe(false);
    expect(actAllowed('tandatangan', 'kembalikan')).toBe(true);
    expect(actAllowed('tembusan', 'kembalikan')).toBe(false);
    expect(actAllowed('pendapat', 'pendapat')).toBe(true);
  });
  it('keys the number series per unit or per city', () => {
    expect(seriesKey('unit', 7, '35.74')).toBe('unit:7');
    expect(seriesKey('kota', 7, '35.74')).toBe('kota:35.74');
  });
  it('heads the signature block for the official, a Plh. and an a.n. signer', () => {
    expect(signatureHeadingLines('Kepala Dinas', null, '')).toEqual(['KEPALA DINAS,']);
    expect(signatureHeadingLines('Kepala Dinas', 'plh', '')).toEqual(['Plh. KEPALA DINAS,']);
    expect(signatureHeadingLines('Kepala Dinas', 'an', 'Sekretaris')).toEqual(['a.n. KEPALA DINAS', 'Sekretaris,']);
  });
});

describe('text diff', () => {
  it('marks a changed word as deleted and inserted, keeping the rest', () => {
    const ops = diffText('Rapat pada hari Senin pukul 09.00', 'Rapat pada hari Selasa pukul 09.00');
    expect(ops).toEqual([
      { op: 'eq', text: 'Rapat pada hari ' },
      { op: 'del', text: 'Senin' },
      { op: 'ins', text: 'Selasa' },
      { op: 'eq', text: ' pukul 09.00' },
    ]);
  });
  it('rebuilds both sides exactly', () => {
    const a = 'Dengan hormat,\nkami mengundang Saudara.\nTerima kasih.';
    const b = 'Dengan hormat,\nkami mengundang Bapak/Ibu ke rapat.\nAtas perhatiannya, terima kasih.';
    const ops = diffText(a, b);
    expect(sideOf(ops, 'before')).toBe(a);
    expect(sideOf(ops, 'after')).toBe(b);
    expect(ops.some((o) => o.op === 'ins' && o.text.includes('rapat'))).toBe(true);
  });
  it('says nothing changed for equal texts, everything for a new one', () => {
    expect(diffText('sama saja', 'sama saja')).toEqual([{ op: 'eq', text: 'sama saja' }]);
    expect(diffText('', 'baru')).toEqual([{ op: 'ins', text: 'baru' }]);
    expect(diffText('lama', '')).toEqual([{ op: 'del', text: 'lama' }]);
  });
  it('stays exact on a long text', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `kata${i}`).join(' ');
    const b = a.replace('kata1500', 'KATA').replace('kata10 ', 'kata10 baru ');
    const ops = diffText(a, b);
    expect(sideOf(ops, 'after')).toBe(b);
    expect(sideOf(ops, 'before')).toBe(a);
    expect(ops.filter((o) => o.op !== 'eq').map((o) => `${o.op}:${o.text.trim()}`)).toEqual([
      'ins:baru',
      'del:kata1500',
      'ins:KATA',
    ]);
    // A changed middle too long for a word diff is compared line by line, still exact.
    const c = `${a}\nbaris kedua\n${a}`;
    const e = `${a.replace('kata0', 'nol')}\nbaris kedua\n${a.replace('kata2999', 'akhir')}`;
    const big = diffText(c, e);
    expect(sideOf(big, 'after')).toBe(e);
    expect(sideOf(big, 'before')).toBe(c);
  });
});
