// The catalogue test of issue 12: the shipped Permendagri 83/2022 data file is
// a sound tree, every default letter type points at a code in it, no default
// asks for a cover letter national rules abolished, and the routes and naskah
// data of the defaults follow current rules.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CLASSIFICATION_FILE,
  impliedParent,
  importPlan,
  parseClassificationFile,
  treeErrors,
} from './classification.js';
import { DEFAULT_LETTER_TYPES } from './defaults.js';
import { effectNikField, fieldValueProblem, naskahErrors, parseIdentityFields } from './rules.js';
import { checkLetterType } from './service.js';

const shipped = parseClassificationFile(readFileSync(CLASSIFICATION_FILE, 'utf8'));
const codes = new Map(shipped.rows.map((r) => [r.code, r]));
const byCode = (code: string) => DEFAULT_LETTER_TYPES.find((t) => t.code === code);

describe('the shipped classification file (Permendagri 83/2022, bagian B)', () => {
  it('parses without a problem and carries a version', () => {
    expect(shipped.errors).toEqual([]);
    expect(shipped.version).toBeGreaterThanOrEqual(1);
    expect(shipped.rows.length).toBeGreaterThan(30);
  });

  it('imports to a fixed number of codes (46 in version 1), none twice (issue 15; change the figure with the file)', () => {
    expect(shipped.rows).toHaveLength(46);
    expect(new Set(shipped.rows.map((r) => r.code)).size).toBe(shipped.rows.length);
    expect(treeErrors(shipped.rows)).toEqual([]);
  });

  it('every non-root code has its parent in the file, and the parent its number implies', () => {
    for (const r of shipped.rows) {
      if (r.parent === null) expect(r.code, 'a root is a three-digit code').toMatch(/^\d{3}$/);
      else {
        expect(codes.has(r.parent), `parent of ${r.code}`).toBe(true);
        expect(r.parent).toBe(impliedParent(r.code));
      }
    }
  });

  it('holds the anchors DOMAIN.md names, with the names of the regulation', () => {
    expect(codes.get('400.12')?.name).toBe('Kependudukan dan Catatan Sipil');
    expect(codes.get('400.12.2.1')?.name).toBe('Identitas Penduduk');
    expect(codes.get('400.12.2.2')?.name).toBe('Pindah Datang Penduduk Dalam Wilayah NKRI');
    expect(codes.get('400.12.3.1')?.name).toBe('Kelahiran dan Kematian');
    expect(codes.get('400.12.3.2')?.name).toBe('Perkawinan dan Perceraian');
    expect(codes.get('400.9')?.name).toBe('Sosial');
    expect(codes.get('300')?.name).toBe('Keamanan dan Ketertiban');
    expect(codes.get('500.2')?.name).toBe('Perdagangan');
    expect(codes.get('500.3')?.name).toBe('Koperasi dan Usaha Kecil Menengah');
    expect(codes.get('000.1')?.name).toBe('Ketatausahaan dan Kerumahtanggaan');
    expect(codes.get('800.1.11.1')?.name).toBe('Surat Perintah Dinas/Surat Tugas');
    // The repealed codes of Permendagri 78/2012 are not there.
    for (const old of ['470', '474.1', '474.2', '474.3', '475', '331']) expect(codes.has(old), old).toBe(false);
  });

  it('the tree check and the parser catch a missing parent, a duplicate and a wrong parent', () => {
    expect(
      treeErrors([
        { code: '400', name: 'A', parent: null },
        { code: '400.12.3', name: 'B', parent: '400.12' },
        { code: '400', name: 'C', parent: null },
      ]),
    ).toEqual(['400 appears twice', 'the parent 400.12 of 400.12.3 is missing']);
    const bad = parseClassificationFile('# version: 2\ncode,name,parent\n400,Kesra,\n400.12.3,Sipil,400\n');
    expect(bad.version).toBe(2);
    expect(bad.errors).toEqual(['row 2: the parent of 400.12.3 must be 400.12']);
    expect(parseClassificationFile('code,name,parent\n400,Kesra,\n').errors).toContain(
      'the header has no "# version: N" line (N ≥ 1)',
    );
  });

  it('an import plan adds, changes (and reactivates) and switches off, never deletes', () => {
    const plan = importPlan(
      [
        { code: '400', name: 'Kesra', parent_code: null, active: true },
        { code: '400.9', name: 'Sosial lama', parent_code: '400', active: true },
        { code: '400.1', name: 'Tidak lagi', parent_code: '400', active: true },
        { code: '300', name: 'Keamanan dan Ketertiban', parent_code: null, active: false },
      ],
      [
        { code: '400', name: 'Kesra', parent: null },
        { code: '400.9', name: 'Sosial', parent: '400' },
        { code: '300', name: 'Keamanan dan Ketertiban', parent: null },
        { code: '400.12', name: 'Kependudukan dan Catatan Sipil', parent: '400' },
      ],
    );
    expect(plan.added.map((r) => r.code)).toEqual(['400.12']);
    expect(plan.changed.map((r) => r.code)).toEqual(['400.9', '300']);
    expect(plan.deactivated).toEqual(['400.1']);
  });
});

describe('the default catalogue follows current rules', () => {
  it('every default type’s classification code exists in the shipped 83/2022 data', () => {
    for (const t of DEFAULT_LETTER_TYPES)
      expect(codes.has(t.classification), `${t.code}: ${t.classification}`).toBe(true);
    // Population letters are filed under 400.12 Kependudukan dan Pencatatan Sipil.
    for (const c of [
      'domisili',
      'kelahiran',
      'kematian',
      'ahli_waris',
      'belum_menikah',
      'pengantar_nikah',
      'janda_duda',
    ])
      expect(byCode(c)!.classification.startsWith('400.12.'), c).toBe(true);
  });

  it('asks for no cover letter national rules abolished (Perpres 96/2018, Permendagri 108/2019)', () => {
    for (const t of DEFAULT_LETTER_TYPES) {
      const text = `${t.code} ${t.name} ${t.template}`.toLowerCase();
      // Moving house: no cover letter at any level.
      expect(text, t.code).not.toMatch(/pindah|pindah datang/);
      expect(t.classification.startsWith('400.12.2.2'), t.code).toBe(false);
      // KTP-el and KK: only the first registration of biodata (a first NIK) keeps a cover letter.
      if (/ktp|kartu keluarga|\bkk\b/.test(`${t.code} ${t.name}`.toLowerCase()))
        throw new Error(`${t.code} is a KTP/KK cover letter`);
    }
    expect(byCode('pindah')).toBeUndefined();
    expect(byCode('pengantar_ktp_kk')).toBeUndefined();
    const biodata = byCode('pengantar_biodata')!;
    expect(biodata.name).toBe('Surat Pengantar Pencatatan Biodata Penduduk (NIK pertama)');
    expect(biodata).toMatchObject({ kind: 'pengantar', classification: '400.12.2.1' });
  });

  it('SKCK, nikah and beda identitas end at the kelurahan; ahli waris is registered by the camat', () => {
    for (const c of ['pengantar_skck', 'pengantar_nikah', 'beda_identitas'])
      expect(byCode(c)!.route, c).toEqual(['rt', 'rw', 'kelurahan']);
    expect(byCode('ahli_waris')!.route).toEqual(['rt', 'rw', 'kelurahan', 'kecamatan']);
  });

  it('cover letters are addressed; nikah goes to the KUA with the N1–N4 forms and names spouse and parents', () => {
    for (const t of DEFAULT_LETTER_TYPES.filter((x) => x.kind === 'pengantar'))
      expect(t.addressee, t.code).not.toBe('');
    expect(byCode('pengantar_skck')).toMatchObject({
      kind: 'pengantar',
      addressee: 'Kepala Kepolisian Resor {{kota}}',
    });
    const nikah = byCode('pengantar_nikah')!;
    expect(nikah.addressee).toContain('Kantor Urusan Agama');
    expect(nikah.template).toContain('N1 sampai dengan N4');
    const names = nikah.fields.map((f) => f.name);
    for (const f of ['nama_calon', 'nik_calon', 'tanggal_lahir_calon', 'nama_ayah', 'nama_ibu'])
      expect(names).toContain(f);
    for (const t of DEFAULT_LETTER_TYPES.filter((x) => (x.kind ?? 'keterangan') === 'keterangan'))
      expect(t.addressee ?? '', t.code).toBe('');
  });

  it('the death letter describes the deceased and marks them in the register', () => {
    const death = byCode('kematian')!;
    expect(death.effect).toBe('mark_deceased');
    expect(effectNikField(death)).toBe('nik_almarhum');
    const types = Object.fromEntries(death.fields.map((f) => [f.name, f.type]));
    expect(types).toMatchObject({
      nik_almarhum: 'nik',
      nama_almarhum: 'text',
      tanggal_meninggal: 'date',
      pukul_meninggal: 'time',
      tempat_meninggal: 'text',
      sebab_kematian: 'text',
    });
    for (const f of death.fields) expect(death.template, f.name).toContain(`{{${f.name}}}`);
    expect(byCode('janda_duda')).toBeDefined();
    expect(byCode('ahli_waris')!.fields.some((f) => f.type === 'nik')).toBe(true);
  });

  it('templates are body only, every default passes the catalogue’s own checks', () => {
    for (const t of DEFAULT_LETTER_TYPES) {
      expect(t.template, t.code).not.toContain('Yang bertanda tangan');
      expect(t.template, t.code).not.toContain('Demikian surat');
      expect(() => checkLetterType(t), t.code).not.toThrow();
      // Every placeholder names a field or a value the letters module fills.
      const known = new Set([...t.fields.map((f) => f.name), 'nama', 'keperluan', 'kota', 'kecamatan', 'kelurahan']);
      for (const [, name] of t.template.matchAll(/\{\{(\w+)\}\}/g))
        expect(known.has(name!), `${t.code}: ${name}`).toBe(true);
      // An optional field in the template would print its placeholder when left empty.
      for (const f of t.fields.filter((x) => !x.required))
        expect(t.template, `${t.code}: ${f.name}`).not.toContain(`{{${f.name}}}`);
    }
  });
});

describe('migration 0011 upgrades old defaults to the same texts the new defaults carry', () => {
  const sql = readFileSync(new URL('../../../migrations/0011_letter_catalogue_rules.sql', import.meta.url), 'utf8');
  it('kematian and pengantar_nikah', () => {
    for (const code of ['kematian', 'pengantar_nikah']) {
      const t = byCode(code)!;
      const asSql = t.template.replace(/\n/g, '\\n');
      expect(sql, code).toContain(asSql);
      for (const f of t.fields)
        expect(sql, `${code}.${f.name}`).toContain(`"name": "${f.name}", "label": "${f.label}"`);
    }
    for (const t of DEFAULT_LETTER_TYPES.filter((x) => x.addressee)) expect(sql, t.code).toContain(`'${t.addressee}'`);
  });
});

describe('naskah rules', () => {
  const base = {
    kind: 'keterangan' as const,
    addressee: '',
    identity_fields: [],
    disabled_reason: '',
    effect: null,
    fields: [],
  };
  it('a pengantar needs an addressee; mark_deceased needs a required nik field', () => {
    expect(naskahErrors({ ...base, kind: 'pengantar' }).map((e) => e.key)).toEqual(['cat.need_addressee']);
    expect(naskahErrors({ ...base, effect: 'mark_deceased' }).map((e) => e.key)).toEqual(['cat.effect_needs_nik']);
    expect(
      naskahErrors({
        ...base,
        effect: 'mark_deceased',
        fields: [{ name: 'nik_x', label: 'NIK', type: 'nik', required: true }],
      }),
    ).toEqual([]);
  });

  it('identity fields are read in print order; unknown and repeated keys are refused', () => {
    expect(parseIdentityFields('nik, ttl alamat,no_kk')).toEqual({
      fields: ['nik', 'ttl', 'alamat', 'no_kk'],
      errors: [],
    });
    expect(parseIdentityFields('nik, golongan_darah, nik').errors.map((e) => e.key)).toEqual([
      'cat.bad_identity_field',
      'cat.duplicate_identity_field',
    ]);
  });

  it('field values: time as HH:MM, nik by the NIK rules, real calendar dates', () => {
    expect(fieldValueProblem('time', '14:30')).toBeNull();
    expect(fieldValueProblem('time', '24:00')).toBe('cat.bad_time');
    expect(fieldValueProblem('nik', '3574015706910001')).toBeNull();
    expect(fieldValueProblem('nik', '3574010000000000')).toBe('cat.bad_nik');
    expect(fieldValueProblem('nik', '12345')).toBe('cat.bad_nik');
    expect(fieldValueProblem('date', '2026-02-30')).toBe('field.invalid');
    expect(fieldValueProblem('date', '2026-02-28')).toBeNull();
    expect(fieldValueProblem('number', '12,5')).toBeNull();
    expect(fieldValueProblem('text', 'apa saja')).toBeNull();
  });
});
