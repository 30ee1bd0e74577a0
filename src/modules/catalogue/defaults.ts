// The letters a kelurahan commonly issues (DOMAIN.md), loaded into an empty
// catalogue (and, switched off, into one already in use when a default is
// new). Admins change them afterwards; routes, budgets, fields and texts are
// data, not code.
//
// - Templates are only the statement paragraph(s): the letters module writes
//   the kop, the opening naming the signer's office, the identity block
//   (identity_fields), the RT/RW pengantar reference and the closing per kind
//   (tata naskah dinas, Permendagri 1/2023).
// - Classification codes are those of Permendagri 83/2022, bagian B
//   (reference/klasifikasi-arsip-permendagri-83-2022.csv; a test checks each).
// - Not shipped, because national rules abolished them (Perpres 96/2018 art.
//   25(3), Permendagri 108/2019 art. 29–30): a cover letter for moving house
//   (the resident goes to Disdukcapil with the KK) and the RT/RW cover letter
//   for KTP-el and KK, except the first registration of biodata (a first NIK:
//   pengantar_biodata). Migration 0011 switches the old ones off.
// - SKCK, nikah and beda identitas end at the kelurahan: a kelurahan letter is
//   what Polres/Polsek and the KUA ask for; marriage goes to the KUA with the
//   N1–N4 forms (PMA 20/2019). Ahli waris is registered by the camat.
import type { IdentityField } from '../../db/schema.js';
import type { LetterTypeInput } from './repo.js';
import { DEFAULT_IDENTITY_FIELDS } from './rules.js';

const KEL: LetterTypeInput['route'] = ['rt', 'rw', 'kelurahan'];
const KEC: LetterTypeInput['route'] = ['rt', 'rw', 'kelurahan', 'kecamatan'];
const budgets = (route: LetterTypeInput['route'], total = 45) =>
  Object.fromEntries(
    route.map((s) => [s, s === 'rt' || s === 'rw' ? 10 : Math.floor((total - 20) / (route.length - 2))]),
  );

const WITH_KK: IdentityField[] = [...DEFAULT_IDENTITY_FIELDS, 'no_kk'];

const KTP_KK = [
  { kind: 'ktp', label: 'Foto KTP', required: true },
  { kind: 'kk', label: 'Foto Kartu Keluarga', required: true },
];

function type(
  code: string,
  name: string,
  classification: string,
  template: string,
  extra: Partial<LetterTypeInput> = {},
): LetterTypeInput {
  const route = extra.route ?? KEL;
  return {
    code,
    name,
    classification,
    route,
    stage_budgets: budgets(route),
    total_budget_minutes: 45,
    validity_days: 30,
    fields: [],
    attachments: KTP_KK,
    template,
    kind: 'keterangan',
    addressee: '',
    identity_fields: DEFAULT_IDENTITY_FIELDS,
    effect: null,
    ...extra,
  };
}

export const DEFAULT_LETTER_TYPES: LetterTypeInput[] = [
  type(
    'domisili',
    'Surat Keterangan Domisili',
    '400.12.2',
    'Orang tersebut di atas benar berdomisili di alamat tersebut. Surat keterangan ini diberikan untuk keperluan {{keperluan}}.',
  ),
  type(
    'sktm',
    'Surat Keterangan Tidak Mampu (SKTM)',
    '400.9.14',
    'Orang tersebut di atas benar warga kami yang tergolong keluarga tidak mampu, dengan penghasilan keluarga sekitar Rp {{penghasilan}} per bulan. Surat keterangan ini diberikan untuk keperluan {{keperluan}}.',
    {
      fields: [{ name: 'penghasilan', label: 'Penghasilan keluarga per bulan (Rp)', type: 'number', required: true }],
      identity_fields: WITH_KK,
    },
  ),
  type(
    'usaha',
    'Surat Keterangan Usaha',
    '500.3',
    'Orang tersebut di atas benar mempunyai usaha {{nama_usaha}} ({{jenis_usaha}}) yang berlokasi di {{alamat_usaha}}.',
    {
      fields: [
        { name: 'nama_usaha', label: 'Nama usaha', type: 'text', required: true, maxLength: 120 },
        { name: 'jenis_usaha', label: 'Jenis usaha', type: 'text', required: true, maxLength: 120 },
        { name: 'alamat_usaha', label: 'Alamat usaha', type: 'text', required: true, maxLength: 200 },
      ],
      validity_days: 180,
    },
  ),
  type(
    'domisili_usaha',
    'Surat Keterangan Domisili Usaha',
    '500.2',
    'Usaha {{nama_usaha}} milik orang tersebut di atas benar berdomisili di {{alamat_usaha}}.',
    {
      fields: [
        { name: 'nama_usaha', label: 'Nama usaha', type: 'text', required: true, maxLength: 120 },
        { name: 'alamat_usaha', label: 'Alamat usaha', type: 'text', required: true, maxLength: 200 },
      ],
      route: KEC,
      stage_budgets: budgets(KEC),
      validity_days: 180,
    },
  ),
  type(
    'kelahiran',
    'Surat Keterangan Kelahiran',
    '400.12.3.1',
    'Telah lahir seorang anak bernama {{nama_anak}}, jenis kelamin {{jenis_kelamin_anak}}, pada tanggal {{tanggal_lahir_anak}} di {{tempat_lahir_anak}}, anak dari orang tersebut di atas.',
    {
      fields: [
        { name: 'nama_anak', label: 'Nama anak', type: 'text', required: true, maxLength: 120 },
        { name: 'jenis_kelamin_anak', label: 'Jenis kelamin anak', type: 'text', required: true, maxLength: 20 },
        { name: 'tanggal_lahir_anak', label: 'Tanggal lahir anak', type: 'date', required: true },
        { name: 'tempat_lahir_anak', label: 'Tempat lahir anak', type: 'text', required: true, maxLength: 80 },
      ],
      attachments: [
        ...KTP_KK,
        { kind: 'surat_lahir', label: 'Surat keterangan lahir dari bidan/rumah sakit', required: true },
      ],
      identity_fields: WITH_KK,
    },
  ),
  // The deceased is described by the fields; the applicant (the resident of the request) is the reporter.
  type(
    'kematian',
    'Surat Keterangan Kematian',
    '400.12.3.1',
    'Orang tersebut di atas adalah {{hubungan_pelapor}} dan pelapor atas kematian:\n\nNama: {{nama_almarhum}}\nNIK: {{nik_almarhum}}\nTempat/tanggal lahir: {{tempat_lahir_almarhum}}, {{tanggal_lahir_almarhum}}\nAlamat: {{alamat_almarhum}}\nHari/tanggal meninggal: {{tanggal_meninggal}}\nPukul: {{pukul_meninggal}}\nTempat meninggal: {{tempat_meninggal}}\nSebab kematian: {{sebab_kematian}}',
    {
      fields: [
        { name: 'nik_almarhum', label: 'NIK almarhum/almarhumah', type: 'nik', required: true },
        { name: 'nama_almarhum', label: 'Nama almarhum/almarhumah', type: 'text', required: true, maxLength: 120 },
        {
          name: 'tempat_lahir_almarhum',
          label: 'Tempat lahir almarhum/almarhumah',
          type: 'text',
          required: true,
          maxLength: 80,
        },
        { name: 'tanggal_lahir_almarhum', label: 'Tanggal lahir almarhum/almarhumah', type: 'date', required: true },
        {
          name: 'alamat_almarhum',
          label: 'Alamat terakhir almarhum/almarhumah',
          type: 'textarea',
          required: true,
          maxLength: 300,
        },
        { name: 'tanggal_meninggal', label: 'Hari/tanggal meninggal', type: 'date', required: true },
        { name: 'pukul_meninggal', label: 'Pukul meninggal', type: 'time', required: true },
        { name: 'tempat_meninggal', label: 'Tempat meninggal', type: 'text', required: true, maxLength: 120 },
        { name: 'sebab_kematian', label: 'Sebab kematian', type: 'text', required: true, maxLength: 200 },
        {
          name: 'hubungan_pelapor',
          label: 'Hubungan pelapor dengan almarhum/almarhumah',
          type: 'text',
          required: true,
          maxLength: 60,
        },
      ],
      attachments: [
        ...KTP_KK,
        { kind: 'surat_kematian', label: 'Surat keterangan kematian dari dokter/rumah sakit', required: false },
      ],
      effect: 'mark_deceased',
    },
  ),
  // Registered by the camat: the route ends at the kecamatan, the kelurahan's own number stays on the letter.
  type(
    'ahli_waris',
    'Surat Keterangan Ahli Waris',
    '400.12.3.1',
    'Orang tersebut di atas adalah salah seorang ahli waris dari almarhum/almarhumah {{nama_pewaris}}, NIK {{nik_pewaris}}, yang meninggal dunia pada tanggal {{tanggal_meninggal_pewaris}}. Menurut keterangan para ahli waris dan saksi, ahli waris almarhum/almarhumah adalah:\n{{daftar_ahli_waris}}',
    {
      fields: [
        {
          name: 'nama_pewaris',
          label: 'Nama almarhum/almarhumah (pewaris)',
          type: 'text',
          required: true,
          maxLength: 120,
        },
        { name: 'nik_pewaris', label: 'NIK almarhum/almarhumah (pewaris)', type: 'nik', required: true },
        { name: 'tanggal_meninggal_pewaris', label: 'Tanggal meninggal pewaris', type: 'date', required: true },
        {
          name: 'daftar_ahli_waris',
          label: 'Daftar ahli waris (satu per baris: nama, NIK, hubungan dengan pewaris)',
          type: 'textarea',
          required: true,
          maxLength: 500,
        },
      ],
      attachments: [
        ...KTP_KK,
        { kind: 'akta_kematian', label: 'Akta kematian atau surat keterangan kematian pewaris', required: true },
        { kind: 'pernyataan_waris', label: 'Surat pernyataan ahli waris bertanda tangan saksi', required: true },
      ],
      identity_fields: WITH_KK,
      route: KEC,
      stage_budgets: budgets(KEC),
      validity_days: 90,
    },
  ),
  type(
    'janda_duda',
    'Surat Keterangan Janda/Duda',
    '400.12.3.2',
    'Orang tersebut di atas benar berstatus {{status_janda_duda}} karena {{sebab_status}} dari {{nama_pasangan}} sejak tanggal {{tanggal_peristiwa}}, dan sampai saat ini belum menikah lagi. Surat keterangan ini diberikan untuk keperluan {{keperluan}}.',
    {
      fields: [
        { name: 'status_janda_duda', label: 'Status (janda atau duda)', type: 'text', required: true, maxLength: 10 },
        {
          name: 'sebab_status',
          label: 'Sebab (cerai mati atau cerai hidup)',
          type: 'text',
          required: true,
          maxLength: 40,
        },
        { name: 'nama_pasangan', label: 'Nama suami/istri', type: 'text', required: true, maxLength: 120 },
        { name: 'tanggal_peristiwa', label: 'Tanggal meninggal atau tanggal cerai', type: 'date', required: true },
      ],
      attachments: [...KTP_KK, { kind: 'akta', label: 'Akta kematian pasangan atau akta cerai', required: true }],
    },
  ),
  type(
    'belum_menikah',
    'Surat Keterangan Belum Menikah',
    '400.12.3.2',
    'Orang tersebut di atas sampai saat ini belum pernah menikah. Surat keterangan ini diberikan untuk keperluan {{keperluan}}.',
  ),
  // Addressed to the KUA and accompanied by the N1–N4 forms (PMA 20/2019); the fields carry what the N1 asks.
  type(
    'pengantar_nikah',
    'Surat Pengantar Nikah',
    '400.12.3.2',
    'Orang tersebut di atas adalah anak dari {{nama_ayah}} dan {{nama_ibu}}, dan bermaksud melangsungkan pernikahan dengan {{nama_calon}}, NIK {{nik_calon}}, lahir di {{tempat_lahir_calon}} pada tanggal {{tanggal_lahir_calon}}, beralamat di {{alamat_calon}}. Surat pengantar ini disertai formulir N1 sampai dengan N4 sebagaimana diatur dalam Peraturan Menteri Agama Nomor 20 Tahun 2019 tentang Pencatatan Pernikahan.',
    {
      fields: [
        { name: 'nama_calon', label: 'Nama calon pasangan', type: 'text', required: true, maxLength: 120 },
        { name: 'nik_calon', label: 'NIK calon pasangan', type: 'nik', required: true },
        {
          name: 'tempat_lahir_calon',
          label: 'Tempat lahir calon pasangan',
          type: 'text',
          required: true,
          maxLength: 80,
        },
        { name: 'tanggal_lahir_calon', label: 'Tanggal lahir calon pasangan', type: 'date', required: true },
        { name: 'alamat_calon', label: 'Alamat calon pasangan', type: 'textarea', required: true, maxLength: 300 },
        { name: 'nama_ayah', label: 'Nama ayah pemohon', type: 'text', required: true, maxLength: 120 },
        { name: 'nik_ayah', label: 'NIK ayah pemohon', type: 'nik', required: false },
        { name: 'nama_ibu', label: 'Nama ibu pemohon', type: 'text', required: true, maxLength: 120 },
        { name: 'nik_ibu', label: 'NIK ibu pemohon', type: 'nik', required: false },
        {
          name: 'pasangan_terdahulu',
          label: 'Nama suami/istri terdahulu (bila pernah menikah)',
          type: 'text',
          required: false,
          maxLength: 120,
        },
      ],
      kind: 'pengantar',
      addressee: 'Kepala Kantor Urusan Agama Kecamatan {{kecamatan}}',
      identity_fields: WITH_KK,
    },
  ),
  type(
    'penghasilan_ortu',
    'Surat Keterangan Penghasilan Orang Tua',
    '400.9',
    'Orang tersebut di atas adalah orang tua dari {{nama_anak}} dengan penghasilan rata-rata Rp {{penghasilan}} per bulan.',
    {
      fields: [
        { name: 'nama_anak', label: 'Nama anak', type: 'text', required: true, maxLength: 120 },
        { name: 'penghasilan', label: 'Penghasilan per bulan (Rp)', type: 'number', required: true },
      ],
    },
  ),
  type(
    'kehilangan',
    'Surat Keterangan Kehilangan',
    '300',
    'Orang tersebut di atas telah kehilangan {{barang_hilang}} pada tanggal {{tanggal_hilang}} di sekitar {{lokasi_hilang}}.',
    {
      fields: [
        { name: 'barang_hilang', label: 'Barang yang hilang', type: 'text', required: true, maxLength: 200 },
        { name: 'tanggal_hilang', label: 'Tanggal kehilangan', type: 'date', required: true },
        { name: 'lokasi_hilang', label: 'Lokasi', type: 'text', required: true, maxLength: 200 },
      ],
      attachments: [{ kind: 'ktp', label: 'Foto KTP', required: true }],
      validity_days: 14,
    },
  ),
  type(
    'bepergian',
    'Surat Keterangan Bepergian',
    '400.12.2',
    'Orang tersebut di atas akan bepergian ke {{tujuan}} mulai tanggal {{tanggal_berangkat}} untuk keperluan {{keperluan}}.',
    {
      fields: [
        { name: 'tujuan', label: 'Tujuan', type: 'text', required: true, maxLength: 200 },
        { name: 'tanggal_berangkat', label: 'Tanggal berangkat', type: 'date', required: true },
      ],
      attachments: [{ kind: 'ktp', label: 'Foto KTP', required: true }],
    },
  ),
  type(
    'beda_identitas',
    'Surat Keterangan Beda Identitas',
    '400.12.2.1',
    'Nama {{nama}} pada KTP dan {{nama_lain}} pada {{dokumen_lain}} adalah orang yang sama, yaitu orang tersebut di atas.',
    {
      fields: [
        { name: 'nama_lain', label: 'Nama yang berbeda', type: 'text', required: true, maxLength: 120 },
        {
          name: 'dokumen_lain',
          label: 'Dokumen yang memuat nama berbeda',
          type: 'text',
          required: true,
          maxLength: 120,
        },
      ],
      identity_fields: WITH_KK,
    },
  ),
  type(
    'pengantar_skck',
    'Surat Pengantar SKCK',
    '300',
    'Sepanjang pengetahuan kami, orang tersebut di atas berkelakuan baik dan tidak sedang tersangkut perkara pidana. Surat pengantar ini diberikan untuk permohonan Surat Keterangan Catatan Kepolisian (SKCK) guna keperluan {{keperluan}}.',
    { kind: 'pengantar', addressee: 'Kepala Kepolisian Resor {{kota}}' },
  ),
  // Kelurahan and kecamatan recommendations are common for events (DOMAIN.md).
  type(
    'izin_keramaian',
    'Surat Rekomendasi Izin Keramaian',
    '300',
    'Orang tersebut di atas akan menyelenggarakan {{acara}} pada tanggal {{tanggal_acara}} di {{lokasi_acara}}. Kami tidak berkeberatan atas penyelenggaraan kegiatan tersebut sepanjang mematuhi ketentuan yang berlaku.',
    {
      fields: [
        { name: 'acara', label: 'Nama/jenis acara', type: 'text', required: true, maxLength: 120 },
        { name: 'tanggal_acara', label: 'Tanggal acara', type: 'date', required: true },
        { name: 'lokasi_acara', label: 'Lokasi acara', type: 'text', required: true, maxLength: 200 },
      ],
      route: KEC,
      stage_budgets: budgets(KEC),
      attachments: [{ kind: 'ktp', label: 'Foto KTP', required: true }],
      kind: 'rekomendasi',
      addressee: 'Kepala Kepolisian Sektor {{kecamatan}}',
    },
  ),
  // The one RT/RW cover letter for Disdukcapil national rules keep: the first registration of biodata (a first NIK).
  type(
    'pengantar_biodata',
    'Surat Pengantar Pencatatan Biodata Penduduk (NIK pertama)',
    '400.12.2.1',
    'Orang tersebut di atas mengajukan pencatatan biodata penduduk untuk penerbitan NIK pertama bagi {{nama_penduduk}}, lahir di {{tempat_lahir_penduduk}} pada tanggal {{tanggal_lahir_penduduk}}, berkedudukan sebagai {{hubungan_keluarga}} dalam Kartu Keluarga orang tersebut, yang belum pernah terdaftar dalam database kependudukan karena {{alasan_belum_terdaftar}}.',
    {
      fields: [
        {
          name: 'nama_penduduk',
          label: 'Nama penduduk yang didaftarkan',
          type: 'text',
          required: true,
          maxLength: 120,
        },
        { name: 'tempat_lahir_penduduk', label: 'Tempat lahir', type: 'text', required: true, maxLength: 80 },
        { name: 'tanggal_lahir_penduduk', label: 'Tanggal lahir', type: 'date', required: true },
        { name: 'hubungan_keluarga', label: 'Hubungan dalam keluarga', type: 'text', required: true, maxLength: 40 },
        {
          name: 'alasan_belum_terdaftar',
          label: 'Alasan belum pernah terdaftar',
          type: 'text',
          required: true,
          maxLength: 200,
        },
      ],
      kind: 'pengantar',
      addressee: 'Kepala Dinas Kependudukan dan Pencatatan Sipil {{kota}}',
      identity_fields: WITH_KK,
    },
  ),
];
