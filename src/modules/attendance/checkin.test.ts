import { describe, expect, it } from 'vitest';
import {
  decideCheckIn,
  distanceM,
  takenTime,
  DEFAULT_CHECKIN_POLICY as P,
  type CheckInAttempt,
  type Place,
} from './checkin.js';

// Kantor Wali Kota Metro (approx.) and points north of it: 0.001° latitude ≈ 111 m.
const office: Place = { id: 1, name: 'Kantor Wali Kota', lat: -5.1131, lon: 105.3067, radius: 100 };
const now = new Date('2026-03-02T00:31:00Z'); // 07:31 WIB
const at = (dLat: number, extra: Partial<CheckInAttempt> = {}): CheckInAttempt => ({
  lat: office.lat! + dLat,
  lon: office.lon!,
  accuracyM: 10,
  deviceTime: now,
  mock: false,
  queued: false,
  ...extra,
});
const decide = (a: CheckInAttempt, more: Partial<Parameters<typeof decideCheckIn>[0]> = {}) =>
  decideCheckIn({ attempt: a, places: [office], fieldDuty: [], last: null, now, ...more });

describe('distanceM', () => {
  it('measures about 111 m per 0.001° of latitude', () => {
    expect(Math.round(distanceM({ lat: 0, lon: 0 }, { lat: 0.001, lon: 0 }))).toBe(111);
  });
});

describe('decideCheckIn', () => {
  it('accepts inside the geofence with no flags', () => {
    expect(decide(at(0.0005))).toMatchObject({ ok: true, locationId: 1, distanceM: 56, flags: [] });
  });
  it('refuses outside with the nearest place and distance', () => {
    expect(decide(at(0.002))).toEqual({
      ok: false,
      reason: 'outside',
      nearest: 'Kantor Wali Kota',
      distanceM: 222,
      radiusM: 100,
    });
  });
  it('gives at most 20 m for accuracy', () => {
    expect(decide(at(0.00105, { accuracyM: 20 })).ok).toBe(true); // 117 m ≤ 100 + 20
    expect(decide(at(0.00105, { accuracyM: 10 })).ok).toBe(false); // 117 m > 100 + 10
    expect(decide(at(0.0011, { accuracyM: 80 })).ok).toBe(false); // 122 m > 100 + 20 (not 80)
  });
  it('refuses without a location or without any place', () => {
    expect(decide(at(0, { lat: null, lon: null }))).toEqual({ ok: false, reason: 'no_location' });
    expect(decideCheckIn({ attempt: at(0), places: [], fieldDuty: [], last: null, now })).toEqual({
      ok: false,
      reason: 'no_place',
    });
  });
  it('field duty with a place allows check-in there; without coordinates anywhere, flagged', () => {
    const duty: Place = { id: 9, name: 'Hotel Bandar Lampung', lat: -5.4294, lon: 105.261, radius: 200, absenceId: 77 };
    expect(decide({ ...at(0), lat: -5.4295, lon: 105.261 }, { fieldDuty: [duty] })).toMatchObject({
      ok: true,
      absenceId: 77,
      locationId: null,
      flags: ['dinas_luar'],
    });
    expect(
      decide(at(0.5), { fieldDuty: [{ id: 10, name: 'Jakarta', lat: null, lon: null, radius: null, absenceId: 78 }] }),
    ).toMatchObject({ ok: true, absenceId: 78, distanceM: null, flags: ['dinas_luar'] });
  });
  it('flags poor accuracy, mock location, skewed clock and impossible travel', () => {
    expect(decide(at(0, { accuracyM: 500 }))).toMatchObject({ ok: true, flags: ['akurasi_rendah'] });
    expect(decide(at(0, { accuracyM: null }))).toMatchObject({ ok: true, flags: ['akurasi_rendah'] });
    expect(decide(at(0, { mock: true }))).toMatchObject({ ok: true, flags: ['lokasi_palsu'] });
    const skewed = decide(at(0, { deviceTime: new Date(now.getTime() - 3600_000) }));
    expect(skewed).toMatchObject({ ok: true, flags: ['jam_perangkat'], takenAt: now, sentLate: false });
    const travel = decide(at(0), { last: { at: new Date(now.getTime() - 10 * 60_000), lat: -6.2, lon: 106.8 } }); // Jakarta 10 minutes ago
    expect(travel).toMatchObject({ ok: true, flags: ['perjalanan_mustahil'] });
  });
});

describe('takenTime', () => {
  it('keeps the device time of a queued record inside the window, marked late', () => {
    const dev = new Date(now.getTime() - 2 * 3600_000);
    expect(takenTime(at(0, { deviceTime: dev, queued: true }), now, P)).toEqual({
      takenAt: dev,
      sentLate: true,
      skewed: false,
    });
    expect(takenTime(at(0, { deviceTime: new Date(now.getTime() - 25 * 3600_000), queued: true }), now, P)).toBeNull();
  });
  it('never takes a time in the future', () => {
    expect(takenTime(at(0, { deviceTime: new Date(now.getTime() + 60_000) }), now, P)).toEqual({
      takenAt: now,
      sentLate: false,
      skewed: false,
    });
    expect(takenTime(at(0, { deviceTime: new Date(now.getTime() + 3600_000), queued: true }), now, P)).toEqual({
      takenAt: now,
      sentLate: false,
      skewed: true,
    });
  });
});
