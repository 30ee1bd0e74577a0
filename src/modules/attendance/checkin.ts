// Pure rules of a check-in: is the person where they should be, which time
// counts, and what looks wrong. Flags are shown to the supervisor, never
// applied silently; only "no location", "outside every allowed place" and
// "too old to accept" refuse the record.

export interface CheckInPolicy {
  /** Accuracy worse than this (metres) is flagged. */
  poorAccuracyM: number;
  /** Accuracy counted in the person's favour at most this much (metres). */
  accuracyAllowanceM: number;
  /** Device clock further than this from the server's (minutes) is flagged, and the server's time is used. */
  maxClockSkewMinutes: number;
  /** A record taken offline is accepted up to this many hours later, marked as sent late. */
  offlineWindowHours: number;
  /** Faster than this between two records (km/h) over more than 1 km is "impossible travel". */
  maxTravelKmh: number;
}
export const DEFAULT_CHECKIN_POLICY: CheckInPolicy = {
  poorAccuracyM: 100,
  accuracyAllowanceM: 20,
  maxClockSkewMinutes: 5,
  offlineWindowHours: 24,
  maxTravelKmh: 200,
};

export type Flag =
  'akurasi_rendah' | 'jam_perangkat' | 'lokasi_palsu' | 'perjalanan_mustahil' | 'dikirim_terlambat' | 'dinas_luar';

export interface Place {
  id: number;
  name: string;
  lat: number | null;
  lon: number | null;
  radius: number | null;
  /** Set for an approved field duty (dinas luar) covering the day. */
  absenceId?: number;
}

export interface CheckInAttempt {
  lat: number | null;
  lon: number | null;
  accuracyM: number | null;
  deviceTime: Date;
  mock: boolean;
  /** The phone kept the record while it had no signal and sends it now. */
  queued: boolean;
}

export type CheckInDecision =
  | {
      ok: true;
      takenAt: Date;
      sentLate: boolean;
      flags: Flag[];
      locationId: number | null;
      absenceId: number | null;
      distanceM: number | null;
      placeName: string;
    }
  | { ok: false; reason: 'no_location' | 'no_place' | 'too_old' }
  | { ok: false; reason: 'outside'; nearest: string; distanceM: number; radiusM: number };

const R = 6_371_000;
const rad = (d: number) => (d * Math.PI) / 180;
/** Great-circle distance in metres (haversine). */
export function distanceM(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Which time the record carries: the device's when plausible, else the server's. */
export function takenTime(
  a: CheckInAttempt,
  now: Date,
  p: CheckInPolicy,
): { takenAt: Date; sentLate: boolean; skewed: boolean } | null {
  const ageMs = now.getTime() - a.deviceTime.getTime();
  const skewMs = p.maxClockSkewMinutes * 60_000;
  if (a.queued && ageMs > skewMs) {
    if (ageMs > p.offlineWindowHours * 3600_000) return null;
    return { takenAt: a.deviceTime, sentLate: true, skewed: false };
  }
  if (Math.abs(ageMs) > skewMs) return { takenAt: now, sentLate: false, skewed: true };
  // Within the tolerance the device's time is kept, but never in the future.
  return { takenAt: ageMs < 0 ? now : a.deviceTime, sentLate: false, skewed: false };
}

export function decideCheckIn(input: {
  attempt: CheckInAttempt;
  places: readonly Place[];
  fieldDuty: readonly Place[];
  last: { at: Date; lat: number; lon: number } | null;
  now: Date;
  policy?: CheckInPolicy;
}): CheckInDecision {
  const p = input.policy ?? DEFAULT_CHECKIN_POLICY;
  const a = input.attempt;
  const time = takenTime(a, input.now, p);
  if (!time) return { ok: false, reason: 'too_old' };
  if (a.lat === null || a.lon === null) return { ok: false, reason: 'no_location' };
  const here = { lat: a.lat, lon: a.lon };
  const allowance = Math.min(a.accuracyM ?? 0, p.accuracyAllowanceM);

  // Field duty without coordinates: anywhere counts, flagged so the supervisor sees where.
  const anywhere = input.fieldDuty.find((f) => f.lat === null || f.lon === null);
  const candidates = [...input.places, ...input.fieldDuty].filter((c) => c.lat !== null && c.lon !== null);
  const measured = candidates
    .map((c) => ({ c, d: distanceM(here, { lat: c.lat!, lon: c.lon! }) }))
    .sort((x, y) => x.d - y.d);
  const inside = measured.find((m) => m.d <= (m.c.radius ?? 100) + allowance);
  const chosen = inside ? { place: inside.c, d: inside.d } : anywhere ? { place: anywhere, d: null } : null;
  if (!chosen) {
    const nearest = measured[0];
    if (!nearest) return { ok: false, reason: 'no_place' };
    return {
      ok: false,
      reason: 'outside',
      nearest: nearest.c.name,
      distanceM: Math.round(nearest.d),
      radiusM: nearest.c.radius ?? 100,
    };
  }

  const flags: Flag[] = [];
  if (a.accuracyM === null || a.accuracyM > p.poorAccuracyM) flags.push('akurasi_rendah');
  if (time.skewed) flags.push('jam_perangkat');
  if (a.mock) flags.push('lokasi_palsu');
  if (input.last) {
    const km = distanceM(input.last, here) / 1000;
    const hours = Math.abs(time.takenAt.getTime() - input.last.at.getTime()) / 3600_000;
    if (km > 1 && km / Math.max(hours, 1 / 3600) > p.maxTravelKmh) flags.push('perjalanan_mustahil');
  }
  if (time.sentLate) flags.push('dikirim_terlambat');
  if (chosen.place.absenceId) flags.push('dinas_luar');
  return {
    ok: true,
    takenAt: time.takenAt,
    sentLate: time.sentLate,
    flags,
    locationId: chosen.place.absenceId ? null : chosen.place.id,
    absenceId: chosen.place.absenceId ?? null,
    distanceM: chosen.d === null ? null : Math.round(chosen.d),
    placeName: chosen.place.name,
  };
}
