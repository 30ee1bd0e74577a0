// Leave (cuti) as data and pure rules: which absence types each kind of staff
// may ask for, eligibility at its boundaries, the doctor's letter, who decides
// (pejabat yang berwenang) and the two-level decision's state machine.
// No I/O; dates are 'YYYY-MM-DD' and "today" is passed in.
//
// Sources (numbers live in LeaveRules so a city can change them, LEAVE_RULES):
// - PNS: PP 11/2017 on PNS management as amended by PP 17/2020, art. 309–340,
//   applied by Perka BKN 24/2017: cuti tahunan after 1 year of continuous
//   service, 12 working days (art. 310); cuti besar after 5 years, up to
//   3 months (art. 315); cuti sakit: beyond one day with a doctor's letter
//   (art. 321); cuti melahirkan for the 1st to 3rd child while a PNS, 3 months
//   (art. 325(1),(3)) — for the 4th child and later "diberikan cuti besar"
//   (art. 325(2)); cuti karena alasan penting up to 1 month (art. 329);
//   CLTN after 5 years, up to 3 years (art. 331).
// - PPPK: PP 49/2018 art. 70ff and Peraturan BKN 7/2022: cuti tahunan (after
//   1 year), sakit, melahirkan (1st to 3rd child, art. 18 as reported), and
//   cuti bersama; a sickness of one day already needs a doctor's letter.
//   PPPK Paruh Waktu: treated as PPPK (unverified, KepmenPANRB 16/2025).
// - Cuti bersama is never applied for: it is set in the calendar (SKB 3 Menteri).
// - Non-ASN staff: no ASN leave; izin, sakit and dinas luar as the city's policy.
import type { EmployeeKind } from '../employees/index.js';
import { daysBetween } from '../work-schedule/index.js';
import type { AbsenceType } from './rules.js';

export const LEAVE_TYPES = [
  'cuti_tahunan',
  'cuti_besar',
  'cuti_sakit',
  'cuti_melahirkan',
  'cuti_alasan_penting',
  'cuti_luar_tanggungan',
] as const satisfies readonly AbsenceType[];
export type LeaveType = (typeof LEAVE_TYPES)[number];
export const isLeaveType = (t: string): t is LeaveType => (LEAVE_TYPES as readonly string[]).includes(t);

export interface KindLeaveRules {
  /** Every absence type this kind may ask for (leave and the one-level izin, sakit, dinas luar…). */
  types: readonly AbsenceType[];
  /** Days of sickness (izin sakit or cuti sakit) that need no doctor's letter: PNS 1, PPPK 0. */
  sickDaysWithoutLetter: number;
  /** The last child for whom cuti melahirkan is given (3rd). */
  maternityLastChild: number;
  /** What the regulation offers instead for a later child: a PNS gets cuti besar (PP 11/2017 art. 325(2)). */
  laterChildLeave: LeaveType | null;
}

export interface LeaveRules {
  kinds: Record<EmployeeKind, KindLeaveRules>;
  /** Continuous service before cuti tahunan: 365 days (one year). */
  annualMinServiceDays: number;
  /** Years of continuous service before cuti besar and CLTN. */
  longServiceYears: number;
  /** Longest cuti besar, cuti melahirkan and cuti alasan penting, in months; CLTN in years. */
  longLeaveMaxMonths: number;
  maternityMaxMonths: number;
  importantReasonMaxMonths: number;
  cltnMaxYears: number;
}

const ONE_LEVEL: readonly AbsenceType[] = ['izin', 'sakit', 'dinas_luar'];
export const DEFAULT_LEAVE_RULES: LeaveRules = {
  kinds: {
    PNS: {
      types: [...ONE_LEVEL, 'tugas_belajar', ...LEAVE_TYPES],
      sickDaysWithoutLetter: 1,
      maternityLastChild: 3,
      laterChildLeave: 'cuti_besar',
    },
    PPPK: {
      types: [...ONE_LEVEL, 'cuti_tahunan', 'cuti_sakit', 'cuti_melahirkan'],
      sickDaysWithoutLetter: 0,
      maternityLastChild: 3,
      laterChildLeave: null,
    },
    PPPK_PW: {
      types: [...ONE_LEVEL, 'cuti_tahunan', 'cuti_sakit', 'cuti_melahirkan'],
      sickDaysWithoutLetter: 0,
      maternityLastChild: 3,
      laterChildLeave: null,
    },
    NON_ASN: { types: ONE_LEVEL, sickDaysWithoutLetter: 1, maternityLastChild: 0, laterChildLeave: null },
  },
  annualMinServiceDays: 365,
  longServiceYears: 5,
  longLeaveMaxMonths: 3,
  maternityMaxMonths: 3,
  importantReasonMaxMonths: 1,
  cltnMaxYears: 3,
};

const NUMBER_FIELDS = [
  'annualMinServiceDays',
  'longServiceYears',
  'longLeaveMaxMonths',
  'maternityMaxMonths',
  'importantReasonMaxMonths',
  'cltnMaxYears',
] as const;

/**
 * LEAVE_RULES as written: empty for the defaults, or a JSON object overriding
 * the numbers (e.g. {"annualMinServiceDays":365,"kinds":{"PPPK":{"sickDaysWithoutLetter":1}}}).
 * Throws a message naming the wrong field, so the start stops.
 */
export function leaveRulesFromConfig(text: string): LeaveRules {
  if (!text.trim()) return DEFAULT_LEAVE_RULES;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('LEAVE_RULES harus objek JSON');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('LEAVE_RULES harus objek JSON');
  const r = raw as Record<string, unknown>;
  const out: LeaveRules = { ...DEFAULT_LEAVE_RULES, kinds: { ...DEFAULT_LEAVE_RULES.kinds } };
  const count = (v: unknown, name: string, max: number) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max)
      throw new Error(`LEAVE_RULES.${name} harus bilangan bulat 0–${max}`);
    return v;
  };
  for (const f of NUMBER_FIELDS) if (r[f] !== undefined) out[f] = count(r[f], f, 3650);
  if (r.kinds !== undefined) {
    if (!r.kinds || typeof r.kinds !== 'object') throw new Error('LEAVE_RULES.kinds harus objek');
    for (const [kind, v] of Object.entries(r.kinds as Record<string, unknown>)) {
      const base = out.kinds[kind as EmployeeKind];
      if (!base || !v || typeof v !== 'object') throw new Error(`LEAVE_RULES.kinds.${kind} tidak dikenal`);
      const k = v as Record<string, unknown>;
      const next = { ...base };
      if (k.sickDaysWithoutLetter !== undefined)
        next.sickDaysWithoutLetter = count(k.sickDaysWithoutLetter, `kinds.${kind}.sickDaysWithoutLetter`, 30);
      if (k.maternityLastChild !== undefined)
        next.maternityLastChild = count(k.maternityLastChild, `kinds.${kind}.maternityLastChild`, 20);
      if (k.types !== undefined) {
        const all: readonly string[] = [...ONE_LEVEL, 'tugas_belajar', ...LEAVE_TYPES];
        if (!Array.isArray(k.types) || !k.types.every((t) => typeof t === 'string' && all.includes(t)))
          throw new Error(`LEAVE_RULES.kinds.${kind}.types: jenis tidak dikenal (cuti_bersama ditetapkan di kalender)`);
        next.types = k.types as AbsenceType[];
      }
      out.kinds[kind as EmployeeKind] = next;
    }
  }
  return out;
}

// ── Dates ──
const ymd = (d: string) => d.split('-').map(Number) as [number, number, number];
/** The same day n months later; the 31st of a shorter month falls back to its last day. */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = ymd(date);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}
export const addYears = (date: string, n: number) => addMonths(date, 12 * n);

/** Whole years and months of service from `start` to `on` (3 tahun 9 bulan); zero before the start. */
export function serviceLength(start: string, on: string): { years: number; months: number; days: number } {
  if (on < start) return { years: 0, months: 0, days: 0 };
  let months = 0;
  while (addMonths(start, months + 1) <= on) months++;
  return { years: Math.floor(months / 12), months: months % 12, days: daysBetween(start, on) };
}

// ── Eligibility ──
export type LeaveRefusal =
  | { reason: 'kind' }
  | { reason: 'annual_service'; days: number; years: number; months: number }
  | { reason: 'long_service'; years: number; months: number; need: number }
  | { reason: 'child'; last: number; instead: LeaveType | null }
  | { reason: 'child_missing' }
  | { reason: 'too_long'; max: number; unit: 'bulan' | 'tahun' };

/** Can this kind of staff, with this service, start this type on `onDate`? (Not the duration: see leaveTooLong.) */
export function typeRefusal(
  a: { kind: EmployeeKind; serviceStart: string | null; onDate: string; type: AbsenceType },
  rules: LeaveRules = DEFAULT_LEAVE_RULES,
): LeaveRefusal | null {
  if (!rules.kinds[a.kind].types.includes(a.type)) return { reason: 'kind' };
  const start = a.serviceStart ?? a.onDate;
  const len = serviceLength(start, a.onDate);
  if (a.type === 'cuti_tahunan' && len.days < rules.annualMinServiceDays)
    return { reason: 'annual_service', days: rules.annualMinServiceDays, years: len.years, months: len.months };
  if (
    (a.type === 'cuti_besar' || a.type === 'cuti_luar_tanggungan') &&
    addYears(start, rules.longServiceYears) > a.onDate
  )
    return { reason: 'long_service', years: len.years, months: len.months, need: rules.longServiceYears };
  return null;
}

/** Cuti melahirkan for the `child`-th child: the 1st to the kind's last (3rd); later children get `instead`, if anything. */
export function childRefusal(
  kind: EmployeeKind,
  child: number | null,
  rules: LeaveRules = DEFAULT_LEAVE_RULES,
): LeaveRefusal | null {
  if (child === null || !Number.isInteger(child) || child < 1) return { reason: 'child_missing' };
  const k = rules.kinds[kind];
  return child > k.maternityLastChild
    ? { reason: 'child', last: k.maternityLastChild, instead: k.laterChildLeave }
    : null;
}

/** The longest period of a type, as the day after its last allowed day; null: no limit here (annual leave: the balance). */
export function leaveTooLong(
  type: AbsenceType,
  start: string,
  end: string,
  rules: LeaveRules = DEFAULT_LEAVE_RULES,
): LeaveRefusal | null {
  const limit =
    type === 'cuti_besar'
      ? { n: rules.longLeaveMaxMonths, unit: 'bulan' as const }
      : type === 'cuti_melahirkan'
        ? { n: rules.maternityMaxMonths, unit: 'bulan' as const }
        : type === 'cuti_alasan_penting'
          ? { n: rules.importantReasonMaxMonths, unit: 'bulan' as const }
          : type === 'cuti_luar_tanggungan'
            ? { n: rules.cltnMaxYears, unit: 'tahun' as const }
            : null;
  if (!limit) return null;
  const over = limit.unit === 'bulan' ? addMonths(start, limit.n) : addYears(start, limit.n);
  return end >= over ? { reason: 'too_long', max: limit.n, unit: limit.unit } : null;
}

/** Does a sickness from start to end (calendar days) need a doctor's letter for this kind? */
export function needsDoctorLetter(
  kind: EmployeeKind,
  type: AbsenceType,
  start: string,
  end: string,
  rules: LeaveRules = DEFAULT_LEAVE_RULES,
): boolean {
  if (type !== 'sakit' && type !== 'cuti_sakit') return false;
  return daysBetween(start, end) + 1 > rules.kinds[kind].sickDaysWithoutLetter;
}

/** Each type of the kind with why it is not open to this person today (the form lists the open ones and explains the others). */
export function leaveOptions(
  a: { kind: EmployeeKind; serviceStart: string | null; today: string },
  rules: LeaveRules = DEFAULT_LEAVE_RULES,
): { type: LeaveType; refusal: LeaveRefusal | null }[] {
  return LEAVE_TYPES.filter((t) => rules.kinds[a.kind].types.includes(t)).map((type) => ({
    type,
    refusal: typeRefusal({ kind: a.kind, serviceStart: a.serviceStart, onDate: a.today, type }, rules),
  }));
}

// ── Who decides ──
/**
 * The pejabat yang berwenang memberikan cuti (PyB): the head of the person's
 * OPD (the top unit of their path). For the head of an OPD themself, or an OPD
 * without a head, the city's staff administrator (BKPSDM, admin_kota) decides,
 * standing in for the sekda. (A city that delegates otherwise changes this one function.)
 */
export function authorisedOfficial(
  employee: { id: number; unit_path: string },
  heads: readonly { path: string; head_employee_id: number | null }[],
): { by: 'head'; employeeId: number } | { by: 'city_admin' } {
  const opdPath = employee.unit_path.split('/').slice(0, 2).join('/');
  const head = heads.find((h) => h.path === opdPath)?.head_employee_id ?? null;
  return head && head !== employee.id ? { by: 'head', employeeId: head } : { by: 'city_admin' };
}

// ── The two-level decision ──
export type LeaveStatus = 'diajukan' | 'dipertimbangkan' | 'disetujui' | 'ditolak' | 'ditangguhkan' | 'dibatalkan';
/** The atasan langsung's pertimbangan and the PyB's decision share four outcomes (PP 11/2017; Peraturan BKN 7/2022). */
export const LEAVE_OUTCOMES = ['setuju', 'perubahan', 'ditangguhkan', 'tidak_disetujui'] as const;
export type LeaveOutcome = (typeof LEAVE_OUTCOMES)[number];

export interface LeaveStep {
  outcome: LeaveOutcome;
  note: string | null;
  /** perubahan: the dates proposed or granted instead. */
  start?: string | undefined;
  end?: string | undefined;
  /** ditangguhkan: until when. */
  until?: string | undefined;
}
export type StepProblem =
  | { field: 'note'; key: 'reason_required' }
  | { field: 'start' | 'end'; key: 'dates_required' | 'dates_order' | 'dates_same' }
  | { field: 'until'; key: 'until_required' | 'until_past' };

/** What a step needs: a reason to defer or refuse, changed dates for perubahan, a future date for ditangguhkan. */
export function stepProblems(
  s: LeaveStep,
  current: { start: string; end: string },
  today: string,
  maxDeferYears = 1,
): StepProblem[] {
  const out: StepProblem[] = [];
  if ((s.outcome === 'ditangguhkan' || s.outcome === 'tidak_disetujui') && !s.note?.trim())
    out.push({ field: 'note', key: 'reason_required' });
  if (s.outcome === 'perubahan') {
    if (!s.start || !s.end) out.push({ field: 'start', key: 'dates_required' });
    else if (s.end < s.start) out.push({ field: 'end', key: 'dates_order' });
    else if (s.start === current.start && s.end === current.end) out.push({ field: 'start', key: 'dates_same' });
  }
  if (s.outcome === 'ditangguhkan') {
    // PP 11/2017 art. 312: annual leave may be deferred for at most one year.
    if (!s.until) out.push({ field: 'until', key: 'until_required' });
    else if (s.until <= today || s.until > addYears(today, maxDeferYears))
      out.push({ field: 'until', key: 'until_past' });
  }
  return out;
}

export type LeaveTransition =
  { ok: true; status: LeaveStatus } | { ok: false; problem: 'already_decided' | 'not_yours' | 'wrong_stage' };

/**
 * The state machine. diajukan —pertimbangan (any outcome) by the atasan
 * langsung→ dipertimbangkan —keputusan by the PyB→ disetujui (setuju or
 * perubahan), ditangguhkan, ditolak (tidak_disetujui). When the atasan is the
 * PyB (or there is none), the request starts at dipertimbangkan. Decided
 * states are final; the database refuses changing them too (migration 0024).
 */
export function leaveTransition(
  status: LeaveStatus,
  step: { by: 'superior' | 'official'; outcome: LeaveOutcome },
): LeaveTransition {
  if (status === 'disetujui' || status === 'ditolak' || status === 'ditangguhkan' || status === 'dibatalkan')
    return { ok: false, problem: 'already_decided' };
  if (step.by === 'superior') return status === 'diajukan' ? { ok: true, status: 'dipertimbangkan' } : wrong();
  if (status !== 'dipertimbangkan') return wrong();
  switch (step.outcome) {
    case 'setuju':
    case 'perubahan':
      return { ok: true, status: 'disetujui' };
    case 'ditangguhkan':
      return { ok: true, status: 'ditangguhkan' };
    case 'tidak_disetujui':
      return { ok: true, status: 'ditolak' };
    default: {
      const never: never = step.outcome;
      throw new Error(`unknown outcome ${String(never)}`);
    }
  }
}
const wrong = (): LeaveTransition => ({ ok: false, problem: 'wrong_stage' });

/** The status a new request starts in: two levels unless the atasan is the PyB or there is no atasan. */
export function initialLeaveStatus(a: { superiorId: number | null; officialEmployeeId: number | null }): LeaveStatus {
  return a.superiorId === null || a.superiorId === a.officialEmployeeId ? 'dipertimbangkan' : 'diajukan';
}

// ── The surat izin cuti ──
/** Default classification of a surat izin cuti, Permendagri 83/2022: UNVERIFIED, configuration (LEAVE_CLASSIFICATION). */
export const DEFAULT_LEAVE_CLASSIFICATION = '800.1.11.4';
