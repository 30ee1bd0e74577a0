// Migration 0011 on a database that already holds the old default catalogue:
// the abolished cover letters (moving house, KTP/KK) are switched off with the
// reason, never deleted; SKCK, nikah and beda identitas end at the kelurahan
// where the old default route was unchanged; the old generated opening and
// closing are cut from templates; the old 78/2012 codes become 83/2022 codes;
// the death letter describes the deceased. What a city changed itself stays.
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations, migrate } from '../../src/db/migrate.js';
import { TEST_DATABASE_URL } from '../helpers/env.js';

let pool: pg.Pool;
let close: () => Promise<void>;

beforeAll(async () => {
  if (TEST_DATABASE_URL) {
    const schema = `cat0011_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
    await admin.query(`create schema ${schema}`);
    pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1, options: `-c search_path=${schema}` });
    close = async () => {
      await pool.end();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    };
  } else {
    const pglite = await PGlite.create();
    pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
    close = async () => {
      await pool.end();
      await pglite.close();
    };
  }
  await migrate(
    pool,
    listMigrations().filter((m) => m.version < '0011'),
  );
});
afterAll(() => close());

// The texts and values the defaults carried before 0011 (src/modules/catalogue/defaults.ts at db207f8).
const OPENING =
  'Yang bertanda tangan di bawah ini menerangkan bahwa:\n\nNama: {{nama}}\nNIK: {{nik}}\nTempat/tanggal lahir: {{tempat_lahir}}, {{tanggal_lahir}}\nJenis kelamin: {{jenis_kelamin}}\nPekerjaan: {{pekerjaan}}\nAlamat: {{alamat}} {{rt_rw}}, Kelurahan {{kelurahan}}, Kecamatan {{kecamatan}}\n\n';
const CLOSING = '\n\nDemikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.';
const KEL = ['rt', 'rw', 'kelurahan'];
const KEC = ['rt', 'rw', 'kelurahan', 'kecamatan'];
const KEL_BUDGETS = { rt: 10, rw: 10, kelurahan: 25 };
const KEC_BUDGETS = { rt: 10, rw: 10, kelurahan: 12, kecamatan: 12 };
const OLD_DEATH =
  'Telah meninggal dunia {{nama_almarhum}} pada tanggal {{tanggal_meninggal}} di {{tempat_meninggal}}. Surat ini dimohonkan oleh orang tersebut di atas sebagai {{hubungan_pelapor}}.';

async function insertOld(
  code: string,
  classification: string,
  body: string,
  route: string[],
  budgets: Record<string, number>,
  template = OPENING + body + CLOSING,
) {
  await pool.query(
    `insert into letter_types (code, name, fields, attachments, route, stage_budgets, classification, template)
     values ($1, $2, '[]', '[]', $3, $4, $5, $6)`,
    [code, `Surat ${code}`, route, JSON.stringify(budgets), classification, template],
  );
}
const row = async (code: string) =>
  (await pool.query(`select * from letter_types where code = $1`, [code])).rows[0] as Record<string, unknown>;

describe('migration 0011 on an existing catalogue', () => {
  it('switches abolished types off, ends SKCK/nikah/beda identitas at the kelurahan, keeps what a city changed', async () => {
    await insertOld(
      'domisili',
      '470',
      'Orang tersebut benar berdomisili di alamat di atas. Keperluan: {{keperluan}}.',
      KEL,
      KEL_BUDGETS,
    );
    await insertOld('pindah', '475', 'Orang tersebut bermaksud pindah ke {{alamat_tujuan}}.', KEC, KEC_BUDGETS);
    await insertOld('pengantar_ktp_kk', '470', 'Orang tersebut bermaksud mengurus {{dokumen}}.', KEL, KEL_BUDGETS);
    await insertOld('pengantar_skck', '331', 'Orang tersebut berkelakuan baik.', KEC, KEC_BUDGETS);
    await insertOld(
      'pengantar_nikah',
      '474.2',
      'Orang tersebut bermaksud menikah dengan {{nama_calon}} yang beralamat di {{alamat_calon}}.',
      KEC,
      KEC_BUDGETS,
    );
    // The city gave beda identitas budgets of its own: its route is its choice and stays.
    await insertOld('beda_identitas', '470', 'Nama {{nama}} dan {{nama_lain}} orang yang sama.', KEC, {
      rt: 5,
      rw: 5,
      kelurahan: 15,
      kecamatan: 15,
    });
    await insertOld('kematian', '474.3', OLD_DEATH, KEL, KEL_BUDGETS);
    // A city's own type with its own text and an old code it chose: not a default, left alone.
    await insertOld(
      'surat_rt',
      '470',
      '',
      KEL,
      KEL_BUDGETS,
      'Teks kota sendiri {{keperluan}}.' + CLOSING + ' Tambahan.',
    );

    const applied = await migrate(pool);
    expect(applied[0]).toBe('0011');

    for (const code of ['pindah', 'pengantar_ktp_kk']) {
      const r = await row(code);
      expect(r, `${code} is kept`).toBeDefined();
      expect(r.active, code).toBe(false);
      expect(r.disabled_reason, code).toContain('Perpres 96/2018');
      expect(r.disabled_reason, code).toContain('Permendagri 108/2019');
      expect(r.version, code).toBe(2);
    }
    expect(
      (
        await pool.query(
          `select count(*)::int as n from letter_types where active and code in ('pindah', 'pengantar_ktp_kk')`,
        )
      ).rows[0].n,
    ).toBe(0);

    for (const code of ['pengantar_skck', 'pengantar_nikah']) {
      const r = await row(code);
      expect(r.route, code).toEqual(KEL);
      expect(r.stage_budgets, code).toEqual(KEL_BUDGETS);
      expect(r.kind, code).toBe('pengantar');
      expect(r.addressee, code).not.toBe('');
    }
    expect((await row('beda_identitas')).route).toEqual(KEC);

    const domisili = await row('domisili');
    expect(domisili).toMatchObject({
      template: 'Orang tersebut benar berdomisili di alamat di atas. Keperluan: {{keperluan}}.',
      classification: '400.12.2',
      kind: 'keterangan',
      addressee: '',
      effect: null,
      active: true,
      version: 2,
    });
    expect(domisili.identity_fields).toContain('status_perkawinan');
    expect((await row('pengantar_skck')).classification).toBe('300');
    const nikah = await row('pengantar_nikah');
    expect(nikah.classification).toBe('400.12.3.2');
    expect(nikah.addressee).toBe('Kepala Kantor Urusan Agama Kecamatan {{kecamatan}}');
    expect(nikah.template).toContain('formulir N1 sampai dengan N4');
    expect((nikah.fields as { name: string }[]).map((f) => f.name)).toEqual(
      expect.arrayContaining(['nik_calon', 'nama_ayah', 'nama_ibu']),
    );
    expect(nikah.identity_fields).toContain('no_kk');

    const death = await row('kematian');
    expect(death.effect).toBe('mark_deceased');
    expect(death.classification).toBe('400.12.3.1');
    expect((death.fields as { name: string; type: string }[]).find((f) => f.name === 'nik_almarhum')?.type).toBe('nik');
    expect(death.template).toContain('{{nik_almarhum}}');

    const own = await row('surat_rt');
    expect(own).toMatchObject({
      classification: '470',
      template: 'Teks kota sendiri {{keperluan}}.' + CLOSING + ' Tambahan.',
      version: 1,
    });

    // The classification tables exist, empty until the app imports the shipped file at start.
    expect((await pool.query(`select count(*)::int as n from classification_codes`)).rows[0].n).toBe(0);
  });
});
