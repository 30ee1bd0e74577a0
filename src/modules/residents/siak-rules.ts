/**
 * Reading one row of a resident extract: the columns of a SIAK/Dukcapil
 * "biodata penduduk" extract (the names of SIAK's BIODATA_WNI table, which its
 * exports and Dukcapil's data-sharing answers use) and the register's own CSV
 * columns, both matched case-insensitively. Values are mapped from SIAK codes
 * or labels to the register's codes. Pure: the clock's "today" is passed in.
 * docs/SIAK-IMPORT.md documents the same table for people.
 */
import type { MessageKey } from '../../i18n/index.js';
import { childCode, parseRtRwNumber } from '../../kernel/regions.js';
import { hasInvisible, stripInvisible } from '../../lib/text.js';
import {
  checkForeignDocuments,
  MAX_DOCUMENT_NO,
  MAX_PARENT_NAME,
  normKey,
  toBloodType,
  toCitizenship,
  toEducation,
  toMaritalStatus,
  toReligion,
} from './register-rules.js';
import { checkNikAgainstPerson, parseDateInput, parseKk, parseNik, RELATIONSHIPS, type Relationship } from './rules.js';

/** The register's name for a column → the headers accepted for it (first: the SIAK name). */
export const IMPORT_COLUMNS = {
  kk: ['NO_KK', 'NKK', 'NOMOR_KK', 'KK'],
  nik: ['NIK'],
  name: ['NAMA_LGKP', 'NAMA_LENGKAP', 'NAMA'],
  sex: ['JENIS_KLMIN', 'JENIS_KELAMIN', 'JK'],
  birth_place: ['TMPT_LHR', 'TEMPAT_LAHIR'],
  birth_date: ['TGL_LHR', 'TANGGAL_LAHIR'],
  religion: ['AGAMA'],
  marital: ['STAT_KWN', 'STATUS_KAWIN', 'STATUS_PERKAWINAN'],
  relationship: ['STAT_HBKEL', 'SHDK', 'HUBUNGAN', 'HUBUNGAN_KELUARGA'],
  education: ['PDDK_AKH', 'PENDIDIKAN', 'PENDIDIKAN_AKHIR'],
  occupation: ['JENIS_PKRJN', 'PEKERJAAN'],
  father: ['NAMA_LGKP_AYAH', 'NAMA_AYAH'],
  mother: ['NAMA_LGKP_IBU', 'NAMA_IBU'],
  address: ['ALAMAT'],
  rt: ['NO_RT', 'RT'],
  rw: ['NO_RW', 'RW'],
  citizenship: ['KEWARGANEGARAAN', 'KWRNGRN', 'WARGA_NEGARA'],
  passport: ['NO_PASPOR', 'PASPOR'],
  kitas: ['NO_KITAS_KITAP', 'NO_KITAS', 'NO_KITAP', 'KITAS'],
  blood: ['GOL_DRH', 'GOL_DARAH', 'GOLONGAN_DARAH'],
  // Where present, the row's kelurahan: it must be the one being imported.
  no_prop: ['NO_PROP'],
  no_kab: ['NO_KAB'],
  no_kec: ['NO_KEC'],
  no_kel: ['NO_KEL'],
} as const;
export type ImportColumn = keyof typeof IMPORT_COLUMNS;
export const REQUIRED_COLUMNS: readonly ImportColumn[] = [
  'nik',
  'kk',
  'name',
  'sex',
  'birth_date',
  'relationship',
  'rw',
  'rt',
];

const headerKey = (h: string) =>
  h
    .normalize('NFKC')
    .trim()
    .toUpperCase()
    .replace(/[\s.\-/]+/g, '_');
const HEADER_LOOKUP = new Map<string, ImportColumn>(
  (Object.entries(IMPORT_COLUMNS) as [ImportColumn, readonly string[]][]).flatMap(([col, names]) =>
    names.map((n) => [n, col] as const),
  ),
);

/** Header cells → the register's column per position (null: a column not read, e.g. DUSUN, KODE_POS). */
export function mapHeader(headers: readonly string[]): { columns: (ImportColumn | null)[]; missing: string[] } {
  const columns = headers.map((h) => HEADER_LOOKUP.get(headerKey(h)) ?? null);
  const seen = new Set(columns);
  const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c)).map((c) => IMPORT_COLUMNS[c][0]);
  return { columns, missing };
}

/** normKey without the +/- it keeps for blood groups: 'LAKI-LAKI' → 'LAKILAKI'. */
const plainKey = (s: string) => normKey(s).replace(/[+-]/g, '');

const SEX: Record<string, 'L' | 'P'> = {
  L: 'L',
  LK: 'L',
  '1': 'L',
  LAKILAKI: 'L',
  PRIA: 'L',
  P: 'P',
  PR: 'P',
  '2': 'P',
  PEREMPUAN: 'P',
  WANITA: 'P',
};
/** 'L', 'P', SIAK's 1/2, 'LAKI-LAKI'/'PEREMPUAN'. */
export const toSex = (raw: string): 'L' | 'P' | null => SEX[plainKey(raw ?? '')] ?? null;

const RELATIONSHIP_KEYS = new Map<string, Relationship>(
  RELATIONSHIPS.flatMap((r, i) => [
    [plainKey(r), r],
    // SIAK's STAT_HBKEL codes follow this order: 1 kepala keluarga … 11 lainnya.
    [String(i + 1), r],
  ]),
);
/** 'KEPALA KELUARGA', 'kepala_keluarga', 'Famili Lain', SIAK's 1–11. */
export function toRelationship(raw: string): Relationship | null {
  const key = plainKey(raw ?? '');
  return RELATIONSHIP_KEYS.get(/^\d+$/.test(key) ? String(Number(key)) : key) ?? null;
}

/**
 * 'YYYY-MM-DD', 'DD-MM-YYYY', 'DD/MM/YYYY', 'DD.MM.YYYY' (day and month may
 * have one digit), optionally followed by a time as database exports add it.
 */
export function toDate(raw: string): string | null {
  if (typeof raw !== 'string') return null;
  const t = raw.trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, '');
  const ymd = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t);
  if (ymd) return parseDateInput(`${ymd[1]}-${ymd[2]!.padStart(2, '0')}-${ymd[3]!.padStart(2, '0')}`);
  const dmy = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/.exec(t);
  if (dmy) return parseDateInput(`${dmy[4]}-${dmy[3]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`);
  return null;
}

export interface RowProblem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface ImportPerson {
  nik: string;
  kk: string;
  rtCode: string;
  full_name: string;
  sex: 'L' | 'P';
  birth_place: string;
  birth_date: string;
  relationship: Relationship;
  religion: string;
  occupation: string;
  address: string;
  marital_status: string;
  /** '' when the row does not say (a new person is then registered as WNI). */
  citizenship: string;
  passport_no: string;
  kitas_no: string;
  education: string;
  father_name: string;
  mother_name: string;
  blood_type: string;
}

export type RowResult =
  { ok: true; person: ImportPerson; warnings: RowProblem[] } | { ok: false; problems: RowProblem[] };

type Rec = Partial<Record<ImportColumn, string>>;

const pad = (s: string, n: number) => (/^\d+$/.test(s.trim()) ? s.trim().padStart(n, '0') : s.trim());

/**
 * One row checked: every problem of the row is reported (the person fixes
 * them in one go); a NIK that disagrees with the birth date or sex is a
 * warning, never a refusal (a NIK is lifelong and never corrected).
 */
export function readImportRow(rec: Rec, o: { kelurahan: string; rts: ReadonlySet<string>; today: string }): RowResult {
  const problems: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const v = (c: ImportColumn) => stripInvisible(rec[c] ?? '').trim();
  const coded = <T extends string>(
    c: ImportColumn,
    label: MessageKey,
    parse: (raw: string) => T | '' | null,
  ): T | '' => {
    const r = parse(v(c));
    if (r === null) problems.push({ key: 'siak.unknown_value', params: { field: label, value: v(c).slice(0, 40) } });
    return r ?? '';
  };

  const nik = parseNik(v('nik'));
  if (!nik.ok) problems.push({ key: 'residents.nik_format' });
  const kk = parseKk(v('kk'));
  if (!kk.ok) problems.push({ key: 'residents.kk_format' });

  const rawName = (rec.name ?? '').trim();
  if (!rawName) problems.push({ key: 'field.required', params: { field: 'f.full_name' } });
  else if (hasInvisible(rawName)) problems.push({ key: 'field.invisible_chars', params: { field: 'f.full_name' } });
  else if (rawName.length > 120) problems.push({ key: 'field.too_long', params: { field: 'f.full_name', limit: 120 } });

  const sex = toSex(v('sex'));
  if (!sex) problems.push({ key: 'siak.bad_sex' });
  const birthDate = toDate(v('birth_date'));
  if (!birthDate) problems.push({ key: 'siak.bad_date' });
  else if (birthDate > o.today) problems.push({ key: 'siak.birth_in_future' });
  const relationship = toRelationship(v('relationship'));
  if (!relationship) problems.push({ key: 'residents.import_bad_relationship' });

  const rw = parseRtRwNumber(v('rw'));
  const rt = parseRtRwNumber(v('rt'));
  const rtCode = rw && rt ? childCode(childCode(o.kelurahan, rw), rt) : null;
  if (!rtCode || !o.rts.has(rtCode))
    problems.push({ key: 'residents.import_unknown_rt', params: { rt: v('rt'), rw: v('rw') } });

  if (v('no_prop') && v('no_kab') && v('no_kec') && v('no_kel')) {
    const code = `${pad(v('no_prop'), 2)}.${pad(v('no_kab'), 2)}.${pad(v('no_kec'), 2)}.${pad(v('no_kel'), 4)}`;
    if (code !== o.kelurahan) problems.push({ key: 'siak.other_kelurahan', params: { code } });
  }

  const religion = coded('religion', 'f.religion', toReligion);
  const marital = coded('marital', 'f.maritalStatus', toMaritalStatus);
  const education = coded('education', 'f.education', toEducation);
  const blood = coded('blood', 'f.bloodType', toBloodType);
  // A SIAK biodata extract lists citizens (foreigners are kept in a table of their own): no value means WNI
  // for a new person, and leaves a registered person's citizenship as it is.
  const citizenship = coded('citizenship', 'f.citizenship', toCitizenship);
  const passport = citizenship === 'WNA' ? v('passport') : '';
  const kitas = citizenship === 'WNA' ? v('kitas') : '';
  const docs = checkForeignDocuments({ citizenship: citizenship || 'WNI', passportNo: passport, kitasNo: kitas });
  if (docs) problems.push({ key: docs.key });
  if (passport.length > MAX_DOCUMENT_NO || kitas.length > MAX_DOCUMENT_NO)
    problems.push({ key: 'field.too_long', params: { field: 'f.passportNo', limit: MAX_DOCUMENT_NO } });
  const father = v('father');
  const mother = v('mother');
  if (father.length > MAX_PARENT_NAME)
    problems.push({ key: 'field.too_long', params: { field: 'f.fatherName', limit: MAX_PARENT_NAME } });
  if (mother.length > MAX_PARENT_NAME)
    problems.push({ key: 'field.too_long', params: { field: 'f.motherName', limit: MAX_PARENT_NAME } });

  let occupation = v('occupation');
  // SIAK's JENIS_PKRJN as a bare number (one of ~90 codes): the register keeps the name, so ask for it.
  if (/^\d+$/.test(occupation)) {
    warnings.push({ key: 'siak.occupation_code', params: { value: occupation } });
    occupation = '';
  }

  if (problems.length || !nik.ok || !kk.ok || !sex || !birthDate || !relationship || !rtCode)
    return { ok: false, problems };
  for (const w of checkNikAgainstPerson(nik.nik, { birthDate, sex }))
    warnings.unshift({
      key: w === 'nik_birthdate_mismatch' ? 'residents.nik_birthdate_mismatch' : 'residents.nik_sex_mismatch',
    });
  return {
    ok: true,
    warnings,
    person: {
      nik: nik.nik,
      kk: kk.kk,
      rtCode,
      full_name: rawName,
      sex,
      birth_place: v('birth_place').slice(0, 80),
      birth_date: birthDate,
      relationship,
      religion,
      occupation: occupation.slice(0, 80),
      address: v('address').slice(0, 200),
      marital_status: marital,
      citizenship,
      passport_no: passport,
      kitas_no: kitas,
      education,
      father_name: father,
      mother_name: mother,
      blood_type: blood,
    },
  };
}

/** The register fields an import may change on a person already registered (SIAK is the source). */
export const UPDATABLE_FIELDS = [
  'full_name',
  'sex',
  'birth_place',
  'birth_date',
  'religion',
  'occupation',
  'address',
  'marital_status',
  'citizenship',
  'passport_no',
  'kitas_no',
  'education',
  'father_name',
  'mother_name',
  'blood_type',
] as const satisfies readonly (keyof ImportPerson)[];
export type UpdatableField = (typeof UPDATABLE_FIELDS)[number];

/** The fields whose stored value differs from the row's (an empty cell never clears a stored value). */
export function changedFields(
  stored: Record<UpdatableField, string>,
  row: ImportPerson,
): Partial<Record<UpdatableField, string>> {
  const out: Partial<Record<UpdatableField, string>> = {};
  for (const f of UPDATABLE_FIELDS) {
    const next = row[f];
    // The documents follow the citizenship: cleared for a WNI, replaced for a WNA.
    const document = f === 'passport_no' || f === 'kitas_no';
    if (document ? row.citizenship === '' : next === '') continue;
    if (stored[f] !== next) out[f] = next;
  }
  return out;
}
