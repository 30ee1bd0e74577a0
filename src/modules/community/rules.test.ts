import { describe, expect, it } from 'vitest';
import { canDecide, dayProblem, isDay, isKind, parseParticipants } from './rules.js';

describe('community activity rules', () => {
  it('takes a day from the window up to today, nothing later or earlier', () => {
    expect(dayProblem('2026-12-02', '2026-12-02', 14)).toBeNull();
    expect(dayProblem('2026-11-18', '2026-12-02', 14)).toBeNull();
    expect(dayProblem('2026-11-17', '2026-12-02', 14)).toBe('too_old');
    expect(dayProblem('2026-12-03', '2026-12-02', 14)).toBe('future');
    expect(dayProblem('2026-02-30', '2026-12-02', 14)).toBe('invalid');
    expect(dayProblem('kemarin', '2026-12-02', 14)).toBe('invalid');
    // Across a year's end.
    expect(dayProblem('2026-12-31', '2027-01-01', 1)).toBeNull();
    expect(dayProblem('2026-12-30', '2027-01-01', 1)).toBe('too_old');
  });

  it('checks calendar days', () => {
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2027-02-29')).toBe(false);
    expect(isDay('2027-13-01')).toBe(false);
  });

  it('takes participants 1..10000 as whole numbers', () => {
    expect(parseParticipants('1')).toBe(1);
    expect(parseParticipants(' 10000 ')).toBe(10000);
    expect(parseParticipants(10001)).toBeNull();
    expect(parseParticipants('0')).toBeNull();
    expect(parseParticipants('2.5')).toBeNull();
    expect(parseParticipants('-3')).toBeNull();
    expect(parseParticipants('')).toBeNull();
  });

  it('knows the kinds and decides only on a waiting report', () => {
    expect(isKind('kerja_bakti')).toBe(true);
    expect(isKind('pesta')).toBe(false);
    expect(canDecide('dilaporkan')).toBe(true);
    expect(canDecide('dikonfirmasi')).toBe(false);
    expect(canDecide('ditolak')).toBe(false);
  });
});
