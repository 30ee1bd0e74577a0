// The service-time provider with a fake calendar reader: which calendar it
// reads (the request's city), how far, and the settings from configuration.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config.js';
import type { Db } from '../../db/database.js';
import { localInstant, type CalendarEntry } from '../work-schedule/index.js';
import { clockSettingsFromConfig, createServiceTimes, defaultClockSettings } from './service-time.js';

const WIB = 420;
const wib = (date: string, hm: string) => localInstant(date, hm, WIB);

function fakeCalendar(entries: Record<string, CalendarEntry[]>) {
  const reads: { city: string; from: string; to: string }[] = [];
  return {
    reads,
    read: async (_db: Db, city: string, from: string, to: string) => {
      reads.push({ city, from, to });
      return (entries[city] ?? []).filter((e) => e.end >= from && e.start <= to);
    },
  };
}

describe('service time of a request office', () => {
  const cal = fakeCalendar({
    '35.74': [{ kind: 'cuti_bersama', start: '2026-12-24', end: '2026-12-25', name: 'Cuti bersama' }],
  });
  const times = createServiceTimes({ db: {} as Db, calendar: cal.read, settings: defaultClockSettings(WIB) });

  it('reads the calendar of the city of the request region, and none for a round-the-clock stage', async () => {
    const c = await times.clockFrom('35.74.01.1001.001.002', wib('2026-12-23', '19:00'), 25, 'service_hours');
    expect(c.dueAt).toEqual(wib('2026-12-28', '07:55'));
    expect(cal.reads.at(-1)).toMatchObject({ city: '35.74', from: '2026-12-22' });
    const n = cal.reads.length;
    const r = await times.clockFrom('35.74.01.1001', wib('2026-12-23', '19:00'), 25, 'round_the_clock');
    expect(r.dueAt).toEqual(wib('2026-12-23', '19:25'));
    expect(cal.reads.length).toBe(n);
    // Another city has its own calendar: no cuti bersama there.
    const other = await times.clockFrom('35.73.01.1001', wib('2026-12-23', '19:00'), 25, 'service_hours');
    expect(other.dueAt).toEqual(wib('2026-12-24', '07:55'));
  });

  it('reads further ahead when a long budget runs past the first window', async () => {
    // 100 working days of service minutes: far beyond the first 62 days read.
    const c = await times.clockFrom('35.74.01.1001', wib('2026-01-05', '07:30'), 100 * 8.5 * 60, 'service_hours');
    const reads = cal.reads.filter((x) => x.from === '2026-01-04');
    expect(reads.length).toBeGreaterThan(1);
    expect(c.dueAt.getTime()).toBeGreaterThan(wib('2026-05-01', '00:00').getTime());
    expect(await times.countedMillis('35.74.01.1001', 'service_hours', c.startedAt, c.dueAt)).toBe(
      100 * 8.5 * 3_600_000,
    );
  });
});

describe('clock settings from configuration', () => {
  const raw = {
    serviceHours: '1-4 07:30-16:00, 5 07:30-16:30',
    serviceHoursRamadan: '1-4 08:00-15:00, 5 08:00-15:30',
    serviceHoursStages: 'kelurahan,kecamatan',
  };
  it('reads the defaults as the Perpres 21/2023 hours with RT/RW round the clock', () => {
    expect(clockSettingsFromConfig(raw, WIB)).toEqual(defaultClockSettings(WIB));
    expect(clockSettingsFromConfig({ ...raw, serviceHoursRamadan: 'none' }, WIB).hours.ramadan).toBeUndefined();
  });
  it('stops the start naming each bad variable', () => {
    let err: unknown;
    try {
      clockSettingsFromConfig(
        { serviceHours: 'Senin-Jumat', serviceHoursRamadan: '', serviceHoursStages: 'desa' },
        WIB,
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    expect(problems).toMatch(/SERVICE_HOURS:/);
    expect(problems).toMatch(/SERVICE_HOURS_RAMADAN:/);
    expect(problems).toMatch(/SLA_SERVICE_HOURS_STAGES:/);
  });
});
