// Pure rules of paying heads: PPh 21 on an honorarium and the amount in words
// for the kuitansi. The tax numbers are configuration (HONOR_PPH21), not code.

/**
 * PPh 21 for non-employees (bukan pegawai) as cities withhold it on RT/RW
 * honoraria. Defaults follow PMK 168/2023 (unverified for this use: each city's
 * finance office confirms): the tax base (DPP) is 50 % of gross, taxed at the
 * Pasal 17 progressive rates of UU 7/2021 (HPP) on the DPP cumulated within
 * the calendar year for the same person; 20 % higher without an NPWP (a NIK
 * counts as NPWP since PMK 112/2022 when `nikAsNpwp`). `mode: 'final'` is for
 * cities that withhold a flat rate on gross instead.
 */
export interface Pph21Config {
  /** A label stored with each payment, e.g. "PMK-168-2023". */
  version: string;
  mode: 'progresif' | 'final';
  /** Share of gross taxed, in percent (progressive mode). */
  dppPercent: number;
  /** Pasal 17 brackets on the yearly cumulative DPP: up to `upTo` rupiah (null: no limit), `rate` percent. */
  brackets: { upTo: number | null; rate: number }[];
  /** Extra tax without NPWP, percent of the tax (Pasal 21 ayat 5a: 20). */
  noNpwpSurchargePercent: number;
  nikAsNpwp: boolean;
  /** Final mode: percent of gross. */
  flatRatePercent: number;
}

export const DEFAULT_PPH21: Pph21Config = {
  version: 'PMK-168-2023',
  mode: 'progresif',
  dppPercent: 50,
  brackets: [
    { upTo: 60_000_000, rate: 5 },
    { upTo: 250_000_000, rate: 15 },
    { upTo: 500_000_000, rate: 25 },
    { upTo: 5_000_000_000, rate: 30 },
    { upTo: null, rate: 35 },
  ],
  noNpwpSurchargePercent: 20,
  nikAsNpwp: true,
  flatRatePercent: 0,
};

const isPct = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 100;

/** HONOR_PPH21 as written: empty for the defaults, or a JSON object overriding some fields. */
export function parsePph21(text: string): { ok: true; config: Pph21Config } | { ok: false; problem: string } {
  if (!text.trim()) return { ok: true, config: DEFAULT_PPH21 };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'bukan JSON yang sah' };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, problem: 'harus objek JSON {…}' };
  const c = { ...DEFAULT_PPH21, ...(raw as Partial<Pph21Config>) };
  const known = Object.keys(DEFAULT_PPH21);
  const extra = Object.keys(raw).filter((k) => !known.includes(k));
  if (extra.length) return { ok: false, problem: `kolom tidak dikenal: ${extra.join(', ')}` };
  if (typeof c.version !== 'string' || !c.version.trim() || c.version.length > 40)
    return { ok: false, problem: 'version harus teks pendek' };
  if (c.mode !== 'progresif' && c.mode !== 'final') return { ok: false, problem: 'mode harus progresif atau final' };
  if (!isPct(c.dppPercent)) return { ok: false, problem: 'dppPercent harus 0–100' };
  if (!isPct(c.noNpwpSurchargePercent)) return { ok: false, problem: 'noNpwpSurchargePercent harus 0–100' };
  if (!isPct(c.flatRatePercent)) return { ok: false, problem: 'flatRatePercent harus 0–100' };
  if (typeof c.nikAsNpwp !== 'boolean') return { ok: false, problem: 'nikAsNpwp harus true atau false' };
  if (!Array.isArray(c.brackets) || !c.brackets.length)
    return { ok: false, problem: 'brackets harus daftar lapisan tarif' };
  let prev = 0;
  for (const [i, b] of c.brackets.entries()) {
    const last = i === c.brackets.length - 1;
    if (!b || !isPct(b.rate)) return { ok: false, problem: `lapisan ${i + 1}: rate harus 0–100` };
    if (last ? b.upTo !== null : !(Number.isSafeInteger(b.upTo) && (b.upTo as number) > prev))
      return { ok: false, problem: `lapisan ${i + 1}: upTo harus naik, dan hanya lapisan terakhir bernilai null` };
    prev = b.upTo ?? prev;
  }
  return { ok: true, config: c };
}

/** Exact tax in hundredths of a rupiah (integers: no float drift) on a yearly cumulative base. */
function progressiveCents(base: number, brackets: Pph21Config['brackets']): number {
  let cents = 0;
  let lower = 0;
  for (const b of brackets) {
    const upper = b.upTo ?? Infinity;
    if (base <= lower) break;
    cents += (Math.min(base, upper) - lower) * b.rate;
    lower = upper;
  }
  return cents;
}

export interface Pph21Result {
  gross: number;
  dpp: number;
  tax: number;
  net: number;
  /** What the tax was computed with, stored with the payment. */
  rule: { version: string; mode: Pph21Config['mode']; priorDpp: number; hasNpwp: boolean; config: Pph21Config };
}

/**
 * Tax withheld from one payment of `gross` rupiah to a person whose payments
 * earlier in the year had a cumulative DPP of `priorDpp`: the difference of
 * the yearly tax after and before this payment (so a payment crossing a
 * bracket pays both rates), rounded down to the rupiah, raised by the
 * surcharge without NPWP.
 */
export function pph21(cfg: Pph21Config, gross: number, priorDpp: number, hasNpwp: boolean): Pph21Result {
  const surcharge = hasNpwp ? 100 : 100 + cfg.noNpwpSurchargePercent;
  let dpp: number;
  let cents: number;
  if (cfg.mode === 'final') {
    dpp = gross;
    cents = gross * cfg.flatRatePercent;
  } else {
    dpp = Math.floor((gross * cfg.dppPercent) / 100);
    cents = progressiveCents(priorDpp + dpp, cfg.brackets) - progressiveCents(priorDpp, cfg.brackets);
  }
  const tax = Math.floor((cents * surcharge) / 10_000);
  return {
    gross,
    dpp,
    tax,
    net: gross - tax,
    rule: { version: cfg.version, mode: cfg.mode, priorDpp, hasNpwp, config: cfg },
  };
}

/** Whether a head counts as having an NPWP for the surcharge. */
export const hasNpwpFor = (cfg: Pph21Config, id: { npwp: boolean; nik: boolean } | null) =>
  !!id && (id.npwp || (cfg.nikAsNpwp && id.nik));

const ONES = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];

function below1000(n: number): string {
  const parts: string[] = [];
  const h = Math.floor(n / 100);
  const r = n % 100;
  if (h === 1) parts.push('seratus');
  else if (h > 1) parts.push(`${ONES[h]} ratus`);
  if (r === 10) parts.push('sepuluh');
  else if (r === 11) parts.push('sebelas');
  else if (r > 11 && r < 20) parts.push(`${ONES[r - 10]} belas`);
  else if (r >= 20) {
    parts.push(`${ONES[Math.floor(r / 10)]} puluh`);
    if (r % 10) parts.push(ONES[r % 10]!);
  } else if (r > 0) parts.push(ONES[r]!);
  return parts.join(' ');
}

const SCALES = ['', 'ribu', 'juta', 'miliar', 'triliun'];

/** A whole number of rupiah in Indonesian words: 1250000 → "satu juta dua ratus lima puluh ribu rupiah". */
export function terbilang(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0 || amount >= 1e15) throw new RangeError('terbilang: 0..999 triliun');
  if (amount === 0) return 'nol rupiah';
  const groups: number[] = [];
  for (let n = amount; n > 0; n = Math.floor(n / 1000)) groups.push(n % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (!g) continue;
    if (i === 1 && g === 1) words.push('seribu');
    else words.push(i ? `${below1000(g)} ${SCALES[i]}` : below1000(g));
  }
  return `${words.join(' ')} rupiah`;
}

/** Rupiah in figures as on a kuitansi: "Rp 1.250.000". */
export const rupiahText = (n: number) => `Rp ${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;

/** A bank account or NPWP masked for lists: the last four digits. */
export function maskTail(value: string): string {
  const v = value.replace(/\s/g, '');
  return v.length <= 4 ? '*'.repeat(v.length) : '*'.repeat(v.length - 4) + v.slice(-4);
}
