/**
 * The register's fixed value sets, as SIAK (Dukcapil's Sistem Informasi
 * Administrasi Kependudukan) keeps them: status perkawinan, pendidikan akhir,
 * agama, golongan darah, kewarganegaraan. Each value is stored as its code
 * (the database checks the set, migrations/0012_register_fields.sql); its
 * label comes from the message catalogue (`reg.*`). `siak` lists the numeric
 * codes and the labels SIAK extracts use for it, matched after normalising
 * (upper case, everything but letters and digits dropped).
 *
 * Pure: no I/O and no project imports.
 */

interface ValueDef<C extends string> {
  code: C;
  /** SIAK's numeric code, as in the biodata tables (STAT_KWN, PDDK_AKH, AGAMA, GOL_DRH). */
  siakCode?: number;
  /** Other spellings met in extracts and on paper forms. */
  aliases: readonly string[];
}

export const MARITAL_STATUSES = ['belum_kawin', 'kawin', 'cerai_hidup', 'cerai_mati'] as const;
export type MaritalStatus = (typeof MARITAL_STATUSES)[number];
const MARITAL: readonly ValueDef<MaritalStatus>[] = [
  { code: 'belum_kawin', siakCode: 1, aliases: ['BELUM KAWIN', 'BELUM MENIKAH', 'TIDAK KAWIN'] },
  // Since 2020 SIAK prints "KAWIN TERCATAT" / "KAWIN BELUM TERCATAT" on the KK: both are "kawin".
  { code: 'kawin', siakCode: 2, aliases: ['KAWIN', 'MENIKAH', 'KAWIN TERCATAT', 'KAWIN BELUM TERCATAT'] },
  {
    code: 'cerai_hidup',
    siakCode: 3,
    aliases: ['CERAI HIDUP', 'CERAI HIDUP TERCATAT', 'CERAI HIDUP BELUM TERCATAT', 'CERAI'],
  },
  { code: 'cerai_mati', siakCode: 4, aliases: ['CERAI MATI', 'CERAI MATI TERCATAT', 'CERAI MATI BELUM TERCATAT'] },
];

export const EDUCATION_LEVELS = [
  'tidak_sekolah',
  'belum_tamat_sd',
  'tamat_sd',
  'sltp',
  'slta',
  'diploma_1_2',
  'diploma_3',
  'diploma_4_s1',
  's2',
  's3',
] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
const EDUCATION: readonly ValueDef<EducationLevel>[] = [
  { code: 'tidak_sekolah', siakCode: 1, aliases: ['TIDAK/BELUM SEKOLAH', 'TIDAK SEKOLAH', 'BELUM SEKOLAH'] },
  {
    code: 'belum_tamat_sd',
    siakCode: 2,
    aliases: ['BELUM TAMAT SD/SEDERAJAT', 'TIDAK TAMAT SD/SEDERAJAT', 'BELUM TAMAT SD', 'TIDAK TAMAT SD'],
  },
  { code: 'tamat_sd', siakCode: 3, aliases: ['TAMAT SD/SEDERAJAT', 'TAMAT SD', 'SD/SEDERAJAT', 'SD'] },
  { code: 'sltp', siakCode: 4, aliases: ['SLTP/SEDERAJAT', 'SLTP', 'SMP/SEDERAJAT', 'SMP'] },
  { code: 'slta', siakCode: 5, aliases: ['SLTA/SEDERAJAT', 'SLTA', 'SMA/SEDERAJAT', 'SMA', 'SMK'] },
  { code: 'diploma_1_2', siakCode: 6, aliases: ['DIPLOMA I/II', 'D1', 'D2', 'DIPLOMA I', 'DIPLOMA II'] },
  {
    code: 'diploma_3',
    siakCode: 7,
    aliases: ['AKADEMI/DIPLOMA III/S. MUDA', 'AKADEMI/DIPLOMA III/SARJANA MUDA', 'DIPLOMA III', 'D3'],
  },
  { code: 'diploma_4_s1', siakCode: 8, aliases: ['DIPLOMA IV/STRATA I', 'STRATA I', 'DIPLOMA IV', 'D4', 'S1'] },
  { code: 's2', siakCode: 9, aliases: ['STRATA II', 'S2'] },
  { code: 's3', siakCode: 10, aliases: ['STRATA III', 'S3'] },
];

/** The six religions recognised by the state, and "Kepercayaan terhadap Tuhan YME" (MK ruling 97/PUU-XIV/2016). */
export const RELIGIONS = ['islam', 'kristen', 'katolik', 'hindu', 'buddha', 'khonghucu', 'kepercayaan'] as const;
export type Religion = (typeof RELIGIONS)[number];
const RELIGION: readonly ValueDef<Religion>[] = [
  { code: 'islam', siakCode: 1, aliases: ['ISLAM'] },
  { code: 'kristen', siakCode: 2, aliases: ['KRISTEN', 'PROTESTAN', 'KRISTEN PROTESTAN'] },
  { code: 'katolik', siakCode: 3, aliases: ['KATOLIK', 'KATHOLIK', 'KRISTEN KATOLIK'] },
  { code: 'hindu', siakCode: 4, aliases: ['HINDU'] },
  { code: 'buddha', siakCode: 5, aliases: ['BUDDHA', 'BUDHA'] },
  { code: 'khonghucu', siakCode: 6, aliases: ['KHONGHUCU', 'KONGHUCU', 'KONG HU CU'] },
  {
    code: 'kepercayaan',
    siakCode: 7,
    aliases: [
      'KEPERCAYAAN TERHADAP TUHAN YME',
      'KEPERCAYAAN TERHADAP TUHAN YANG MAHA ESA',
      'KEPERCAYAAN',
      'PENGHAYAT KEPERCAYAAN',
    ],
  },
];

export const BLOOD_TYPES = ['A', 'B', 'AB', 'O', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-'] as const;
export type BloodType = (typeof BLOOD_TYPES)[number];
// SIAK's GOL_DRH: 1 A, 2 B, 3 AB, 4 O, 5 A+, 6 A-, 7 B+, 8 B-, 9 AB+, 10 AB-, 11 O+, 12 O-, 13 tidak tahu.
const BLOOD: readonly ValueDef<BloodType>[] = BLOOD_TYPES.map((code, i) => ({
  code,
  siakCode: i + 1,
  aliases: [
    code,
    code.replace('+', ' POSITIF').replace('-', ' NEGATIF'),
    code.replace('+', ' POS').replace('-', ' NEG'),
  ],
}));
/** What SIAK writes for an unknown blood group: stored as ''. */
const BLOOD_UNKNOWN = new Set(['13', 'TIDAKTAHU', 'TIDAKDIKETAHUI', '-', '']);

export const CITIZENSHIPS = ['WNI', 'WNA'] as const;
export type Citizenship = (typeof CITIZENSHIPS)[number];
const CITIZENSHIP: readonly ValueDef<Citizenship>[] = [
  { code: 'WNI', aliases: ['WNI', 'INDONESIA', 'WARGA NEGARA INDONESIA'] },
  { code: 'WNA', aliases: ['WNA', 'ASING', 'WARGA NEGARA ASING'] },
];

/** The SIAK value sets by register field (the form field names). */
export const REGISTER_VALUE_SETS = {
  maritalStatus: MARITAL_STATUSES,
  education: EDUCATION_LEVELS,
  religion: RELIGIONS,
  bloodType: BLOOD_TYPES,
  citizenship: CITIZENSHIPS,
} as const;
export type CodedField = keyof typeof REGISTER_VALUE_SETS;

/** Upper case, letters, digits and +/- only: 'Akademi/Diploma III/S. Muda' → 'AKADEMIDIPLOMAIIISMUDA'. */
export function normKey(s: string): string {
  return s
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^A-Z0-9+-]/g, '');
}

function lookup<C extends string>(defs: readonly ValueDef<C>[], codes: readonly C[]) {
  const map = new Map<string, C>();
  for (const d of defs) {
    map.set(normKey(d.code), d.code);
    if (d.siakCode !== undefined) map.set(String(d.siakCode), d.code);
    for (const a of d.aliases) map.set(normKey(a), d.code);
  }
  return (raw: string): C | '' | null => {
    const t = typeof raw === 'string' ? raw.trim() : '';
    if (t === '') return '';
    const key = normKey(t);
    // '01' is SIAK's code 1 written with a leading zero.
    const hit = map.get(key) ?? (/^\d+$/.test(key) ? map.get(String(Number(key))) : undefined);
    return hit !== undefined && (codes as readonly string[]).includes(hit) ? hit : null;
  };
}

/** A value from a form, an API or an extract → its code; '' when empty; null when not in the set. */
export const toMaritalStatus = lookup(MARITAL, MARITAL_STATUSES);
export const toEducation = lookup(EDUCATION, EDUCATION_LEVELS);
export const toReligion = lookup(RELIGION, RELIGIONS);
export const toCitizenship = lookup(CITIZENSHIP, CITIZENSHIPS);
const bloodLookup = lookup(BLOOD, BLOOD_TYPES);
export function toBloodType(raw: string): BloodType | '' | null {
  if (BLOOD_UNKNOWN.has(normKey(typeof raw === 'string' ? raw : ''))) return '';
  return bloodLookup(raw);
}

export const CODED_FIELD_PARSERS: Record<CodedField, (raw: string) => string | null> = {
  maritalStatus: toMaritalStatus,
  education: toEducation,
  religion: toReligion,
  bloodType: toBloodType,
  citizenship: toCitizenship,
};

/** The catalogue key of a code's label; a value outside the set (old data) is shown as it is. */
export function registerLabelKey(
  field: CodedField,
  code: string,
): `reg.${'marital' | 'education' | 'religion' | 'citizenship'}.${string}` | null {
  if (!code || !(REGISTER_VALUE_SETS[field] as readonly string[]).includes(code)) return null;
  switch (field) {
    case 'maritalStatus':
      return `reg.marital.${code}`;
    case 'education':
      return `reg.education.${code}`;
    case 'religion':
      return `reg.religion.${code}`;
    case 'citizenship':
      return `reg.citizenship.${code}`;
    case 'bloodType':
      return null; // A, B, AB, O, with rhesus: the same in every language.
  }
}

export const MAX_DOCUMENT_NO = 30;
export const MAX_PARENT_NAME = 120;

export type ForeignDocumentProblem = 'reg.foreign_document_required' | 'reg.foreign_document_for_wni';

/**
 * A foreign national (WNA) is registered with a passport number and a KITAS or
 * KITAP number (UU 24/2013 art. 63–64: foreigners with a residence permit are
 * registered residents); a citizen has neither in the register.
 */
export function checkForeignDocuments(p: {
  citizenship: string;
  passportNo: string;
  kitasNo: string;
}): { field: 'passportNo' | 'kitasNo'; key: ForeignDocumentProblem } | null {
  if (p.citizenship === 'WNA') {
    return p.passportNo.trim() || p.kitasNo.trim()
      ? null
      : { field: 'passportNo', key: 'reg.foreign_document_required' };
  }
  if (p.passportNo.trim()) return { field: 'passportNo', key: 'reg.foreign_document_for_wni' };
  if (p.kitasNo.trim()) return { field: 'kitasNo', key: 'reg.foreign_document_for_wni' };
  return null;
}
