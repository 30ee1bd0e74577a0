import { describe, expect, it } from 'vitest';
import { wallTimeToInstant, zoneOffsetMinutes } from './zoned-time.js';

describe('wallTimeToInstant', () => {
  it('reads a time without an offset in the city zone', () => {
    expect(wallTimeToInstant('2026-12-02T09:00', 'Asia/Jakarta')?.toISOString()).toBe('2026-12-02T02:00:00.000Z');
    expect(wallTimeToInstant('2026-12-02T09:00:30', 'Asia/Makassar')?.toISOString()).toBe('2026-12-02T01:00:30.000Z');
    expect(wallTimeToInstant('2026-12-02T06:00', 'Asia/Jayapura')?.toISOString()).toBe('2026-12-01T21:00:00.000Z');
  });
  it('crosses midnight back to the previous UTC day', () => {
    expect(wallTimeToInstant('2026-01-01T00:30', 'Asia/Jakarta')?.toISOString()).toBe('2025-12-31T17:30:00.000Z');
  });
  it('keeps an explicit offset as written', () => {
    expect(wallTimeToInstant('2026-12-02T09:00Z', 'Asia/Jakarta')?.toISOString()).toBe('2026-12-02T09:00:00.000Z');
    expect(wallTimeToInstant('2026-12-02T09:00+08:00', 'Asia/Jakarta')?.toISOString()).toBe('2026-12-02T01:00:00.000Z');
  });
  it('refuses days and times that do not exist', () => {
    expect(wallTimeToInstant('2026-02-30T09:00', 'Asia/Jakarta')).toBeNull();
    expect(wallTimeToInstant('2026-12-02T24:10', 'Asia/Jakarta')).toBeNull();
    expect(wallTimeToInstant('2 Desember', 'Asia/Jakarta')).toBeNull();
  });
  it('knows the zone offsets', () => {
    expect(zoneOffsetMinutes(new Date('2026-06-01T00:00:00Z'), 'Asia/Jakarta')).toBe(420);
    expect(zoneOffsetMinutes(new Date('2026-06-01T00:00:00Z'), 'UTC')).toBe(0);
  });
});
