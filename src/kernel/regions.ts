/**
 * Pure rules for the administrative region tree (Kemendagri codes extended
 * with RW/RT). Codes are dotted so that a region's ancestry is its prefix,
 * which is what scope checks below rely on.
 *
 *   provinsi   PP
 *   kabkota    PP.KK
 *   kecamatan  PP.KK.CC
 *   kelurahan  PP.KK.CC.DDDD   (1xxx kelurahan, 2xxx desa)
 *   rw         PP.KK.CC.DDDD.NNN
 *   rt         PP.KK.CC.DDDD.NNN.NNN
 */

export const LEVELS = ['provinsi', 'kabkota', 'kecamatan', 'kelurahan', 'rw', 'rt'] as const;
export type RegionLevel = (typeof LEVELS)[number];

// One pattern per segment position. Province codes start at 11 (Aceh).
// Village codes are not restricted to 1xxx/2xxx because official data also
// contains 3xxx (desa adat in Papua), and rejecting them would break imports.
const SEGMENT_PATTERNS: readonly RegExp[] = [
  /^(?:1[1-9]|[2-9]\d)$/,
  /^(?:0[1-9]|[1-9]\d)$/,
  /^(?:0[1-9]|[1-9]\d)$/,
  /^[1-9]\d{3}$/,
  /^(?:00[1-9]|0[1-9]\d|[1-9]\d{2})$/,
  /^(?:00[1-9]|0[1-9]\d|[1-9]\d{2})$/,
];

export function levelOfCode(code: string): RegionLevel | null {
  if (typeof code !== 'string' || code.length === 0) return null;
  const segments = code.split('.');
  if (segments.length > LEVELS.length) return null;
  for (let i = 0; i < segments.length; i++) {
    const pattern = SEGMENT_PATTERNS[i];
    const segment = segments[i];
    if (pattern === undefined || segment === undefined || !pattern.test(segment)) return null;
  }
  return LEVELS[segments.length - 1] ?? null;
}

/** Parent region code; null for a province or a malformed code. */
export function parentCode(code: string): string | null {
  if (levelOfCode(code) === null) return null;
  const cut = code.lastIndexOf('.');
  return cut === -1 ? null : code.slice(0, cut);
}

/** The kabupaten/kota a region code belongs to ('35.74.01.1001' → '35.74'). */
export const cityOf = (code: string) => code.split('.').slice(0, 2).join('.');

/**
 * True when `code` is `scopeCode` or lies below it. Used for access control,
 * so both codes must be well formed and the prefix must end on a segment
 * boundary ('35.7' never covers '35.74').
 */
export function isWithin(scopeCode: string, code: string): boolean {
  if (levelOfCode(scopeCode) === null || levelOfCode(code) === null) return false;
  return code === scopeCode || code.startsWith(scopeCode + '.');
}

/**
 * '1', '01', '001', 'RT 001', 'rw 5', 'RT.05', 'RW:7' → 1..999, else null.
 * Residents type these freely on forms, hence the lenient prefix handling.
 */
export function parseRtRwNumber(s: string): number | null {
  if (typeof s !== 'string') return null;
  const m = /^(?:r[tw]\s*[.:]?\s*)?(\d{1,3})$/i.exec(s.trim());
  if (!m || m[1] === undefined) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= 999 ? n : null;
}

/**
 * Code of an RW under a kelurahan, or an RT under an RW. Throws because a bad
 * number here is a programming or validation bug upstream, not user input.
 */
export function childCode(parent: string, number: number | string): string {
  const level = levelOfCode(parent);
  if (level !== 'kelurahan' && level !== 'rw') {
    throw new RangeError(`childCode: parent must be a kelurahan or RW code, got '${String(parent)}'`);
  }
  const n = typeof number === 'number' ? number : parseRtRwNumber(number);
  if (n === null || !Number.isInteger(n) || n < 1 || n > 999) {
    throw new RangeError(`childCode: RW/RT number must be 1..999, got '${String(number)}'`);
  }
  return `${parent}.${String(n).padStart(3, '0')}`;
}

/** 'RW 001' or 'RT 002 / RW 001'; null for codes that are not RW/RT. */
export function formatRtRw(code: string): string | null {
  const level = levelOfCode(code);
  if (level !== 'rw' && level !== 'rt') return null;
  const segments = code.split('.');
  const rw = `RW ${segments[4] ?? ''}`;
  return level === 'rw' ? rw : `RT ${segments[5] ?? ''} / ${rw}`;
}

/** The kelurahan (or desa) code an RW/RT code lies in ('35.74.01.1001.001.002' → '35.74.01.1001'); null above the kelurahan. */
export function kelurahanOf(code: string): string | null {
  const level = levelOfCode(code);
  if (level !== 'kelurahan' && level !== 'rw' && level !== 'rt') return null;
  return code.split('.').slice(0, 4).join('.');
}

/**
 * An RW/RT named so it can be told apart across the city: 'RT 002 / RW 001,
 * Kelurahan Ketapang' ('Desa …' for a desa code, 2xxx). Without the name, the
 * short form; a code that is no RW/RT is returned as it is.
 */
export function formatRtRwIn(code: string, kelurahanName: string | null | undefined): string {
  const short = formatRtRw(code);
  if (!short) return code;
  if (!kelurahanName) return short;
  const desa = code.split('.')[3]?.startsWith('2');
  return `${short}, ${desa ? 'Desa' : 'Kelurahan'} ${kelurahanName}`;
}
