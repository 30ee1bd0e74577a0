import { describe, expect, it } from 'vitest';
import { translator, type MessageKey } from '../../i18n/index.js';
import {
  checkForeignDocuments,
  EDUCATION_LEVELS,
  identityLabels,
  MARITAL_STATUSES,
  registerLabelKey,
  RELIGIONS,
  toBloodType,
  toCitizenship,
  toEducation,
  toMaritalStatus,
  toReligion,
} from './index.js';
import {
  changedFields,
  mapHeader,
  readImportRow,
  toDate,
  toRelationship,
  toSex,
  type ImportPerson,
} from './siak-rules.js';

const KEL = '35.74.01.1001';
const RT1 = `${KEL}.001.001`;
const rts = new Set([RT1, `${KEL}.002.003`]);
const opts = { kelurahan: KEL, rts, today: '2026-12-02' };
// A man born 17 Apr 1985 registered in 35.74.01.
const NIK = '3574011704850001';
const KK = '3574010101200001';

const siakRow = (over: Record<string, string> = {}) => ({
  nik: NIK,
  kk: KK,
  name: 'BUDI SANTOSO',
  sex: '1',
  birth_date: '17-04-1985',
  relationship: '1',
  rt: '001',
  rw: '001',
  ...over,
});

describe('SIAK value sets', () => {
  it('maps SIAK codes, SIAK labels and the register codes to one code', () => {
    expect(toMaritalStatus('1')).toBe('belum_kawin');
    expect(toMaritalStatus('KAWIN TERCATAT')).toBe('kawin');
    expect(toMaritalStatus('Kawin Belum Tercatat')).toBe('kawin');
    expect(toMaritalStatus('cerai_mati')).toBe('cerai_mati');
    expect(toMaritalStatus('04')).toBe('cerai_mati');
    expect(toEducation('AKADEMI/DIPLOMA III/S. MUDA')).toBe('diploma_3');
    expect(toEducation('Tidak/Belum Sekolah')).toBe('tidak_sekolah');
    expect(toEducation('TIDAK TAMAT SD/SEDERAJAT')).toBe('belum_tamat_sd');
    expect(toEducation('10')).toBe('s3');
    expect(toReligion('KATHOLIK')).toBe('katolik');
    expect(toReligion('Budha')).toBe('buddha');
    expect(toReligion('KEPERCAYAAN TERHADAP TUHAN YME')).toBe('kepercayaan');
    expect(toReligion('7')).toBe('kepercayaan');
    expect(toBloodType('AB+')).toBe('AB+');
    expect(toBloodType('O POSITIF')).toBe('O+');
    expect(toBloodType('6')).toBe('A-');
    expect(toBloodType('TIDAK TAHU')).toBe('');
    expect(toBloodType('13')).toBe('');
    expect(toCitizenship('Indonesia')).toBe('WNI');
    expect(toCitizenship('wna')).toBe('WNA');
  });

  it("returns '' for an empty value and null for one outside the set", () => {
    expect(toReligion('')).toBe('');
    expect(toReligion('  ')).toBe('');
    expect(toReligion('Jedi')).toBeNull();
    expect(toMaritalStatus('5')).toBeNull();
    expect(toEducation('S4')).toBeNull();
    expect(toBloodType('Z')).toBeNull();
    expect(toCitizenship('dwi')).toBeNull();
  });

  it('has a catalogue label for every code, in both languages', () => {
    for (const locale of ['id', 'en'] as const) {
      const t = translator(locale);
      for (const c of MARITAL_STATUSES)
        expect(t(registerLabelKey('maritalStatus', c) as MessageKey)).not.toContain('reg.');
      for (const c of EDUCATION_LEVELS) expect(t(registerLabelKey('education', c) as MessageKey)).not.toContain('reg.');
      for (const c of RELIGIONS) expect(t(registerLabelKey('religion', c) as MessageKey)).not.toContain('reg.');
    }
    expect(registerLabelKey('religion', 'unknown')).toBeNull();
  });

  it('labels the identity block of a letter in Indonesian', () => {
    expect(
      identityLabels(translator('id'), {
        religion: 'kepercayaan',
        marital_status: 'cerai_hidup',
        citizenship: 'WNI',
        education: 'diploma_4_s1',
        occupation: 'Wiraswasta',
        father_name: 'Ayah',
        mother_name: 'Ibu',
        blood_type: '',
      }),
    ).toEqual({
      agama: 'Kepercayaan terhadap Tuhan YME',
      statusPerkawinan: 'Cerai hidup',
      kewarganegaraan: 'WNI',
      pendidikan: 'Diploma IV/Strata I',
      pekerjaan: 'Wiraswasta',
      namaAyah: 'Ayah',
      namaIbu: 'Ibu',
      golonganDarah: '',
    });
  });

  it('asks a foreign national for a passport or KITAS/KITAP, and a citizen for neither', () => {
    expect(checkForeignDocuments({ citizenship: 'WNA', passportNo: '', kitasNo: '' })).toEqual({
      field: 'passportNo',
      key: 'reg.foreign_document_required',
    });
    expect(checkForeignDocuments({ citizenship: 'WNA', passportNo: '', kitasNo: '2C11AB0123456' })).toBeNull();
    expect(checkForeignDocuments({ citizenship: 'WNI', passportNo: 'X1234567', kitasNo: '' })?.key).toBe(
      'reg.foreign_document_for_wni',
    );
    expect(checkForeignDocuments({ citizenship: '', passportNo: '', kitasNo: '' })).toBeNull();
  });
});

describe('reading SIAK columns', () => {
  it('matches headers case-insensitively and names the missing required columns as SIAK does', () => {
    const { columns, missing } = mapHeader(['no_kk', 'Nik', 'NAMA_LGKP', 'jenis klmin', 'TGL_LHR', 'DUSUN']);
    expect(columns).toEqual(['kk', 'nik', 'name', 'sex', 'birth_date', null]);
    expect(missing).toEqual(['STAT_HBKEL', 'NO_RW', 'NO_RT']);
    expect(
      mapHeader(['nik', 'no_kk', 'nama', 'jenis_kelamin', 'tanggal_lahir', 'hubungan', 'rw', 'rt']).missing,
    ).toEqual([]);
  });

  it('reads sex, relationship and dates as SIAK writes them', () => {
    expect(toSex('1')).toBe('L');
    expect(toSex('LAKI-LAKI')).toBe('L');
    expect(toSex('perempuan')).toBe('P');
    expect(toSex('2')).toBe('P');
    expect(toSex('3')).toBeNull();
    expect(toSex('X')).toBeNull();
    expect(toRelationship('KEPALA KELUARGA')).toBe('kepala_keluarga');
    expect(toRelationship('FAMILI LAIN')).toBe('famili_lain');
    expect(toRelationship('07')).toBe('orang_tua');
    expect(toRelationship('11')).toBe('lainnya');
    expect(toRelationship('12')).toBeNull();
    expect(toDate('17-04-1985')).toBe('1985-04-17');
    expect(toDate('7/4/1985')).toBe('1985-04-07');
    expect(toDate('1985-04-17')).toBe('1985-04-17');
    expect(toDate('1985-04-17 00:00:00')).toBe('1985-04-17');
    expect(toDate('31-02-1985')).toBeNull();
    expect(toDate('1985/13/01')).toBeNull();
    expect(toDate('17 April 1985')).toBeNull();
  });

  it('maps a good SIAK row to the register, with RT/RW resolved under the kelurahan', () => {
    const r = readImportRow(
      siakRow({
        religion: 'ISLAM',
        marital: 'KAWIN',
        education: 'SLTA/SEDERAJAT',
        occupation: 'WIRASWASTA',
        father: 'SLAMET',
        mother: 'SITI',
        blood: '4',
        birth_place: 'PROBOLINGGO',
        address: 'JL. MAWAR 1',
        no_prop: '35',
        no_kab: '74',
        no_kec: '1',
        no_kel: '1001',
      }),
      opts,
    );
    expect(r).toEqual({
      ok: true,
      warnings: [],
      person: {
        nik: NIK,
        kk: KK,
        rtCode: RT1,
        full_name: 'BUDI SANTOSO',
        sex: 'L',
        birth_place: 'PROBOLINGGO',
        birth_date: '1985-04-17',
        relationship: 'kepala_keluarga',
        religion: 'islam',
        occupation: 'WIRASWASTA',
        address: 'JL. MAWAR 1',
        marital_status: 'kawin',
        citizenship: '',
        passport_no: '',
        kitas_no: '',
        education: 'slta',
        father_name: 'SLAMET',
        mother_name: 'SITI',
        blood_type: 'O',
      },
    });
  });

  it('reports every problem of a bad row at once', () => {
    const r = readImportRow(
      siakRow({ nik: '35740117048500', name: '', sex: '9', birth_date: '2030-01-01', rt: '9', religion: 'Jedi' }),
      opts,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.key)).toEqual([
      'residents.nik_format',
      'field.required',
      'siak.bad_sex',
      'siak.birth_in_future',
      'residents.import_unknown_rt',
      'siak.unknown_value',
    ]);
    expect(r.problems.at(-1)?.params).toEqual({ field: 'f.religion', value: 'Jedi' });
  });

  it('warns (never refuses) when the NIK disagrees with the birth date, and clears an occupation code', () => {
    const r = readImportRow(siakRow({ birth_date: '18-04-1985', occupation: '15' }), opts);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.map((w) => w.key)).toEqual(['residents.nik_birthdate_mismatch', 'siak.occupation_code']);
    expect(r.person.occupation).toBe('');
  });

  it('refuses a row of another kelurahan and a foreign national without documents', () => {
    const other = readImportRow(siakRow({ no_prop: '35', no_kab: '74', no_kec: '01', no_kel: '1002' }), opts);
    expect(other.ok ? [] : other.problems).toEqual([
      { key: 'siak.other_kelurahan', params: { code: '35.74.01.1002' } },
    ]);
    const wna = readImportRow(siakRow({ citizenship: 'WNA' }), opts);
    expect(wna.ok ? [] : wna.problems.map((p) => p.key)).toEqual(['reg.foreign_document_required']);
    const wnaOk = readImportRow(siakRow({ citizenship: 'WNA', kitas: '2C11AB0123456', passport: 'X1234567' }), opts);
    expect(wnaOk.ok && [wnaOk.person.passport_no, wnaOk.person.kitas_no]).toEqual(['X1234567', '2C11AB0123456']);
    // A citizen's passport column is not kept: the register holds foreigners' documents only.
    const wni = readImportRow(siakRow({ passport: 'X1234567' }), opts);
    expect(wni.ok && wni.person.passport_no).toBe('');
  });

  it('updates only what the file changes, and an empty cell never clears a stored value', () => {
    const r = readImportRow(siakRow({ religion: 'ISLAM', marital: '', father: 'SLAMET' }), opts);
    if (!r.ok) throw new Error('row refused');
    const stored = {
      ...(Object.fromEntries(Object.entries(r.person).map(([k, v]) => [k, String(v)])) as Record<
        keyof ImportPerson,
        string
      >),
      marital_status: 'kawin',
      father_name: 'SLAMET RIYADI',
    };
    expect(changedFields(stored, r.person)).toEqual({ father_name: 'SLAMET' });
    expect(changedFields({ ...stored, father_name: 'SLAMET' }, r.person)).toEqual({});
  });
});
