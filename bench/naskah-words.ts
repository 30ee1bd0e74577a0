// Word lists for bench/naskah-search.ts: the vocabulary of a city government's incoming letters (perihal,
// senders, the body of a letter). Common words come first: `pick` with a skew draws them more often.
export const PERIHAL_HEAD = [
  'Undangan Rapat Koordinasi',
  'Undangan Rapat',
  'Permohonan Data',
  'Penyampaian Laporan',
  'Permohonan Narasumber',
  'Pemberitahuan',
  'Surat Edaran tentang',
  'Permohonan Izin',
  'Penyampaian Hasil',
  'Undangan Sosialisasi',
  'Permohonan Fasilitasi',
  'Laporan Realisasi',
  'Usulan',
  'Permohonan Rekomendasi',
  'Undangan Bimbingan Teknis',
  'Penyampaian Dokumen',
  'Permohonan Audiensi',
  'Konfirmasi Kehadiran',
  'Evaluasi',
  'Pengajuan',
];
export const PERIHAL_TOPIC = [
  'Penyusunan RKPD Tahun 2027',
  'Anggaran Pendapatan dan Belanja Daerah',
  'Percepatan Penurunan Stunting',
  'Pelaksanaan Musrenbang Kelurahan',
  'Pemutakhiran Data Kependudukan',
  'Penanganan Banjir dan Genangan',
  'Pengelolaan Sampah Rumah Tangga',
  'Realisasi Pajak Bumi dan Bangunan',
  'Pelayanan Administrasi Terpadu Kecamatan',
  'Penilaian Kinerja Pegawai',
  'Pengadaan Barang dan Jasa',
  'Penyaluran Bantuan Sosial',
  'Imunisasi Anak Sekolah',
  'Perayaan Hari Ulang Tahun Kota',
  'Pembinaan Posyandu',
  'Sertifikasi Aset Tanah Pemerintah',
  'Reformasi Birokrasi dan Zona Integritas',
  'Penerimaan Peserta Didik Baru',
  'Ketertiban Umum dan Ketenteraman Masyarakat',
  'Pengawasan Pedagang Kaki Lima',
  'Sistem Pemerintahan Berbasis Elektronik',
  'Laporan Keuangan Semester I',
  'Cuti Bersama Aparatur Sipil Negara',
  'Pemeliharaan Jalan Lingkungan',
  'Penanggulangan Demam Berdarah',
  'Program Keluarga Harapan',
  'Penataan Ruang Terbuka Hijau',
  'Pemungutan Retribusi Pasar',
  'Pelatihan Kepemimpinan Pengawas',
  'Kerja Bakti Massal',
];
export const SENDERS = [
  'Sekretariat Daerah Provinsi Lampung',
  'Badan Perencanaan Pembangunan Daerah',
  'Dinas Pendidikan dan Kebudayaan',
  'Dinas Kesehatan',
  'Badan Pengelola Keuangan dan Aset Daerah',
  'Inspektorat Daerah',
  'Badan Kepegawaian dan Pengembangan SDM',
  'Kementerian Dalam Negeri',
  'Kantor Pertanahan Kota Metro',
  'Kepolisian Resor Kota Metro',
  'Dinas Pekerjaan Umum dan Penataan Ruang',
  'Dinas Sosial',
  'Dinas Kependudukan dan Pencatatan Sipil',
  'Badan Pusat Statistik Kota Metro',
  'DPRD Kota Metro',
  'Dinas Lingkungan Hidup',
  'Kecamatan Metro Pusat',
  'Kecamatan Metro Barat',
  'Universitas Muhammadiyah Metro',
  'PT PLN (Persero) UP3 Metro',
];
export const BODY = (
  'dengan hormat bersama ini kami sampaikan bahwa dalam rangka pelaksanaan kegiatan tahun anggaran berjalan ' +
  'maka dimohon kehadiran bapak ibu pada rapat yang akan dilaksanakan pada hari tanggal waktu tempat acara ' +
  'demikian atas perhatian dan kerja samanya kami ucapkan terima kasih kepala dinas sekretaris daerah kota metro ' +
  'sehubungan dengan surat nomor perihal tersebut di atas disampaikan hal hal sebagai berikut laporan data ' +
  'pelaksanaan program kegiatan sub kegiatan anggaran realisasi capaian target indikator kinerja pegawai aparatur ' +
  'sipil negara pemerintah daerah provinsi kecamatan kelurahan rukun tetangga rukun warga masyarakat penduduk ' +
  'pelayanan publik administrasi kependudukan kesehatan pendidikan sosial lingkungan hidup pekerjaan umum ' +
  'penataan ruang perhubungan komunikasi informatika statistik persandian pariwisata kebudayaan pemuda olahraga ' +
  'perdagangan perindustrian koperasi usaha mikro kecil menengah pertanian ketahanan pangan perikanan peternakan ' +
  'keuangan aset pendapatan pajak retribusi belanja modal barang jasa pegawai perjalanan dinas honorarium ' +
  'narasumber peserta undangan sosialisasi bimbingan teknis pelatihan evaluasi monitoring pengawasan pembinaan ' +
  'koordinasi sinkronisasi harmonisasi fasilitasi verifikasi validasi pemutakhiran penyusunan penetapan ' +
  'peraturan keputusan instruksi edaran pedoman petunjuk teknis standar operasional prosedur lampiran tembusan ' +
  'arsip berkas dokumen formulir surat keterangan rekomendasi izin persetujuan penolakan usulan permohonan ' +
  'tindak lanjut segera paling lambat batas waktu jadwal agenda acara pembukaan penutupan sambutan laporan ' +
  'bapak ibu saudara yang terhormat tempat kantor balai aula gedung ruang rapat lantai jalan nomor kode pos ' +
  'stunting posyandu puskesmas imunisasi gizi sanitasi air bersih sampah banjir drainase jalan lingkungan ' +
  'bantuan sosial keluarga harapan beras sejahtera disabilitas lansia anak yatim pendidikan beasiswa sekolah'
).split(' ');
/** Words that appear in very few documents: the "rare term" of the bench. */
export const RARE = ['tejoagung', 'purwoasri', 'banjarsari', 'karangrejo', 'sumbersari', 'mulyojati'];
