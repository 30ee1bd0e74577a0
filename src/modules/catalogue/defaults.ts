// The letters a kelurahan commonly issues (DOMAIN.md), loaded once into an
// empty catalogue. Admins change them afterwards; routes, budgets, fields and
// texts are data, not code. Classification codes follow Permendagri 83/2022
// practice and are meant to be checked by each city.
import type { LetterTypeInput } from './repo.js';

const KEL: LetterTypeInput['route'] = ['rt', 'rw', 'kelurahan'];
const KEC: LetterTypeInput['route'] = ['rt', 'rw', 'kelurahan', 'kecamatan'];
const budgets = (route: LetterTypeInput['route'], total = 45) =>
  Object.fromEntries(
    route.map((s) => [s, s === 'rt' || s === 'rw' ? 10 : Math.floor((total - 20) / (route.length - 2))]),
  );

const KTP_KK = [
  { kind: 'ktp', label: 'Foto KTP', required: true },
  { kind: 'kk', label: 'Foto Kartu Keluarga', required: true },
];

const opening =
  'Yang bertanda tangan di bawah ini menerangkan bahwa:\n\nNama: {{nama}}\nNIK: {{nik}}\nTempat/tanggal lahir: {{tempat_lahir}}, {{tanggal_lahir}}\nJenis kelamin: {{jenis_kelamin}}\nPekerjaan: {{pekerjaan}}\nAlamat: {{alamat}} {{rt_rw}}, Kelurahan {{kelurahan}}, Kecamatan {{kecamatan}}\n\n';
const closing = '\n\nDemikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.';

function type(
  code: string,
  name: string,
  classification: string,
  body: string,
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
    template: opening + body + closing,
    ...extra,
  };
}

export const DEFAULT_LETTER_TYPES: LetterTypeInput[] = [
  type(
    'domisili',
    'Surat Keterangan Domisili',
    '470',
    'Orang tersebut benar berdomisili di alamat di atas. Keperluan: {{keperluan}}.',
  ),
  type(
    'sktm',
    'Surat Keterangan Tidak Mampu (SKTM)',
    '400.9',
    'Orang tersebut benar warga kami yang tergolong keluarga tidak mampu. Keperluan: {{keperluan}}.',
    {
      fields: [{ name: 'penghasilan', label: 'Penghasilan keluarga per bulan (Rp)', type: 'number', required: true }],
    },
  ),
  type(
    'usaha',
    'Surat Keterangan Usaha',
    '500',
    'Orang tersebut benar mempunyai usaha {{nama_usaha}} ({{jenis_usaha}}) di {{alamat_usaha}}.',
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
    '500',
    'Usaha {{nama_usaha}} milik orang tersebut benar berdomisili di {{alamat_usaha}}.',
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
    '474.1',
    'Telah lahir seorang anak bernama {{nama_anak}} pada tanggal {{tanggal_lahir_anak}} di {{tempat_lahir_anak}}, anak dari orang tersebut.',
    {
      fields: [
        { name: 'nama_anak', label: 'Nama anak', type: 'text', required: true, maxLength: 120 },
        { name: 'tanggal_lahir_anak', label: 'Tanggal lahir anak', type: 'date', required: true },
        { name: 'tempat_lahir_anak', label: 'Tempat lahir anak', type: 'text', required: true, maxLength: 80 },
      ],
      attachments: [
        ...KTP_KK,
        { kind: 'surat_lahir', label: 'Surat keterangan lahir dari bidan/rumah sakit', required: true },
      ],
    },
  ),
  type(
    'kematian',
    'Surat Keterangan Kematian',
    '474.3',
    'Telah meninggal dunia {{nama_almarhum}} pada tanggal {{tanggal_meninggal}} di {{tempat_meninggal}}. Surat ini dimohonkan oleh orang tersebut di atas sebagai {{hubungan_pelapor}}.',
    {
      fields: [
        { name: 'nama_almarhum', label: 'Nama almarhum/almarhumah', type: 'text', required: true, maxLength: 120 },
        { name: 'tanggal_meninggal', label: 'Tanggal meninggal', type: 'date', required: true },
        { name: 'tempat_meninggal', label: 'Tempat meninggal', type: 'text', required: true, maxLength: 80 },
        {
          name: 'hubungan_pelapor',
          label: 'Hubungan pelapor dengan almarhum',
          type: 'text',
          required: true,
          maxLength: 60,
        },
      ],
    },
  ),
  type(
    'pindah',
    'Surat Pengantar Pindah',
    '475',
    'Orang tersebut bermaksud pindah ke {{alamat_tujuan}} dengan alasan {{alasan_pindah}}.',
    {
      fields: [
        { name: 'alamat_tujuan', label: 'Alamat tujuan', type: 'textarea', required: true, maxLength: 300 },
        { name: 'alasan_pindah', label: 'Alasan pindah', type: 'text', required: true, maxLength: 120 },
      ],
      route: KEC,
      stage_budgets: budgets(KEC),
    },
  ),
  type(
    'belum_menikah',
    'Surat Keterangan Belum Menikah',
    '474.2',
    'Orang tersebut sampai saat ini belum pernah menikah. Keperluan: {{keperluan}}.',
  ),
  type(
    'pengantar_nikah',
    'Surat Pengantar Nikah',
    '474.2',
    'Orang tersebut bermaksud menikah dengan {{nama_calon}} yang beralamat di {{alamat_calon}}.',
    {
      fields: [
        { name: 'nama_calon', label: 'Nama calon pasangan', type: 'text', required: true, maxLength: 120 },
        { name: 'alamat_calon', label: 'Alamat calon pasangan', type: 'text', required: true, maxLength: 200 },
      ],
      route: KEC,
      stage_budgets: budgets(KEC),
    },
  ),
  type(
    'penghasilan_ortu',
    'Surat Keterangan Penghasilan Orang Tua',
    '400.9',
    'Orang tersebut adalah orang tua dari {{nama_anak}} dengan penghasilan rata-rata Rp {{penghasilan}} per bulan.',
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
    '331',
    'Orang tersebut telah kehilangan {{barang_hilang}} pada tanggal {{tanggal_hilang}} di sekitar {{lokasi_hilang}}.',
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
    '470',
    'Orang tersebut akan bepergian ke {{tujuan}} mulai {{tanggal_berangkat}} untuk keperluan {{keperluan}}.',
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
    '470',
    'Nama {{nama}} pada KTP dan {{nama_lain}} pada {{dokumen_lain}} adalah orang yang sama.',
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
      route: KEC,
      stage_budgets: budgets(KEC),
    },
  ),
  type(
    'pengantar_skck',
    'Surat Pengantar SKCK',
    '331',
    'Orang tersebut berkelakuan baik dan tidak pernah tersangkut perkara pidana sepengetahuan kami. Surat ini sebagai pengantar permohonan SKCK untuk keperluan {{keperluan}}.',
    {
      route: KEC,
      stage_budgets: budgets(KEC),
    },
  ),
  type(
    'izin_keramaian',
    'Surat Pengantar Izin Keramaian',
    '331',
    'Orang tersebut akan menyelenggarakan {{acara}} pada tanggal {{tanggal_acara}} di {{lokasi_acara}}.',
    {
      fields: [
        { name: 'acara', label: 'Nama/jenis acara', type: 'text', required: true, maxLength: 120 },
        { name: 'tanggal_acara', label: 'Tanggal acara', type: 'date', required: true },
        { name: 'lokasi_acara', label: 'Lokasi acara', type: 'text', required: true, maxLength: 200 },
      ],
      route: KEC,
      stage_budgets: budgets(KEC),
      attachments: [{ kind: 'ktp', label: 'Foto KTP', required: true }],
    },
  ),
  type(
    'pengantar_ktp_kk',
    'Surat Pengantar KTP/KK',
    '470',
    'Orang tersebut bermaksud mengurus {{dokumen}} di Dinas Kependudukan dan Pencatatan Sipil.',
    {
      fields: [
        { name: 'dokumen', label: 'Dokumen yang diurus (KTP-el/KK)', type: 'text', required: true, maxLength: 60 },
      ],
    },
  ),
];
