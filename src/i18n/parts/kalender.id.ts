// Messages of the national calendar import (SKB 3 Menteri, Ramadan), Bahasa Indonesia. Keys must also exist in kalender.en.ts.
export const kalenderId = {
  'kalender.nav': 'Kalender libur',
  'kalender.title': 'Kalender libur {year}',
  'kalender.intro':
    'Hari libur nasional dan cuti bersama ditetapkan setiap tahun dengan SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB; awal dan akhir Ramadan oleh sidang isbat Kementerian Agama. Pada hari libur dan cuti bersama pegawai tidak perlu presensi dan tidak dipotong; pada hari Ramadan berlaku jam kerja Ramadan.',
  'kalender.schedules_link': 'Kalender libur, cuti bersama dan Ramadan: impor dan ubah di halaman Kalender libur.',
  'kalender.warning_title': 'Kalender libur nasional {year} belum ada',
  'kalender.warning_body':
    'Tanpa hari libur nasional dan cuti bersama {year}, pegawai yang tidak presensi pada hari itu tercatat tanpa keterangan dan tunjangannya dipotong. Impor SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB tentang hari libur nasional dan cuti bersama {year} begitu terbit.',
  'kalender.warning_shipped':
    'Berkas kalender {year} sudah tersedia di aplikasi: buka Kalender libur lalu tekan "Impor kalender {year}".',
  'kalender.warning_link': 'Buka kalender libur {year}',
  'kalender.list_caption': 'Hari libur, cuti bersama dan Ramadan {year}',
  'kalender.col_dates': 'Tanggal',
  'kalender.col_kind': 'Jenis',
  'kalender.col_name': 'Keterangan',
  'kalender.col_origin': 'Sumber',
  'kalender.col_action': 'Tindakan',
  'kalender.origin_manual': 'Diisi kota',
  'kalender.origin_bawaan': 'Berkas bawaan',
  'kalender.origin_unggahan': 'Unggahan',
  'kalender.counts': '{libur} hari libur nasional, {cuti} hari cuti bersama, {ramadan} rentang Ramadan.',
  'kalender.ramadan_hint':
    'Ramadan ditetapkan pemerintah melalui sidang isbat. Bila kota memakai tanggal lain, hapus rentang Ramadan hasil impor lalu tambahkan rentang kota di bawah: impor berikutnya tidak menimpanya.',
  'kalender.shipped_title': 'Impor kalender nasional',
  'kalender.shipped_hint':
    'Berkas bawaan aplikasi, disalin dari SKB dan hasil sidang isbat. Impor ulang memberi isi yang sama; hari yang ditambahkan kota sendiri tetap ada.',
  'kalender.shipped_none': 'Belum ada berkas bawaan. Unggah kalender sebagai CSV.',
  'kalender.import_shipped': 'Impor kalender {year}',
  'kalender.last_import': 'Terakhir diimpor {date} oleh {name} ({count} entri).',
  'kalender.never_imported': 'Belum pernah diimpor di kota ini.',
  'kalender.upload_title': 'Unggah kalender (CSV)',
  'kalender.upload_hint':
    'Untuk tahun yang belum ada berkas bawaannya, misalnya SKB 2027 begitu terbit. Satu berkas berisi kalender satu tahun. Kolom:',
  'kalender.col_help_date': 'date (atau tanggal): 2027-01-01 atau 01/01/2027',
  'kalender.col_help_end': 'end (atau sampai): kosong untuk satu hari; hari terakhir untuk rentang seperti Ramadan',
  'kalender.col_help_kind': 'kind (atau jenis): libur_nasional, cuti_bersama atau ramadan',
  'kalender.col_help_name': 'name (atau nama): keterangan, paling banyak 120 karakter',
  'kalender.col_help_source':
    'Baris "# sumber: …" di awal berkas menyebut dasar penetapannya; bila tidak ada, isi kolom Sumber di bawah.',
  'kalender.upload_button': 'Periksa dan impor',
  'kalender.source_hint':
    'Contoh: SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB Nomor … Tahun … tentang Hari Libur Nasional dan Cuti Bersama Tahun 2027',
  'kalender.imported':
    'Kalender {year} diimpor dari {source}: {inserted} entri baru, {kept} tidak berubah, {removed} dihapus karena tidak ada lagi di berkas.',
  'kalender.skipped': '{skipped} baris dilewati karena kota sudah mengisi hari itu sendiri:',
  'kalender.add_title': 'Tambah hari sendiri',
  'kalender.add_hint':
    'Misalnya libur daerah yang ditetapkan kota, atau rentang Ramadan kota. Entri yang ditambahkan di sini tidak diubah oleh impor.',
  'f.source': 'Sumber',
  'kalender.err.file_missing': 'Pilih berkas CSV kalender, atau tempel isinya.',
  'kalender.err.file_empty': 'Berkas kosong. Pilih berkas CSV kalender yang berisi baris judul dan baris tanggal.',
  'kalender.err.file_too_large': 'Berkas lebih dari 64 KB; kalender satu tahun jauh lebih kecil. Periksa berkasnya.',
  'kalender.err.file_spreadsheet':
    'Berkas ini lembar kerja Excel, bukan CSV. Di Excel pilih Simpan Sebagai → CSV (dipisah koma), lalu unggah lagi.',
  'kalender.err.file_pdf': 'Berkas ini PDF. Salin tanggalnya ke CSV seperti contoh, lalu unggah CSV-nya.',
  'kalender.err.file_not_text': 'Berkas ini bukan teks CSV. Simpan kalender sebagai CSV (UTF-8), lalu unggah lagi.',
  'kalender.err.file_encoding':
    'Berkas tidak tersimpan sebagai UTF-8. Simpan ulang sebagai "CSV UTF-8", lalu unggah lagi.',
  'kalender.err.csv_unreadable':
    'Berkas CSV tidak dapat dibaca (tanda kutip tidak berpasangan?). Simpan ulang sebagai CSV dipisah koma, lalu unggah lagi.',
  'kalender.err.csv_empty': 'Berkas tidak berisi baris tanggal. Isi satu baris per hari di bawah baris judul.',
  'kalender.err.csv_columns': 'Kolom wajib tidak ada: {columns}. Baris judul harus seperti contoh: date,end,kind,name.',
  'kalender.err.csv_too_many': 'Terlalu banyak baris (maksimal {max}). Satu berkas berisi kalender satu tahun.',
  'kalender.err.no_national':
    'Berkas tidak memuat satu pun libur nasional. Satu berkas memuat kalender satu tahun penuh: libur nasional, cuti bersama, Ramadan.',
  'kalender.err.row_text': 'Baris {line}: ada karakter tersembunyi atau karakter kendali. Ketik ulang baris itu.',
  'kalender.err.row_date':
    'Baris {line}: tanggal "{value}" tidak dikenali atau tidak ada. Tulis seperti 2027-01-01 atau 01/01/2027.',
  'kalender.err.row_end':
    'Baris {line}: tanggal akhir "{value}" tidak dikenali. Kosongkan untuk satu hari, atau tulis seperti 2027-03-10.',
  'kalender.err.row_end_before':
    'Baris {line}: tanggal akhir {end} sebelum tanggal mulai {start}. Tukar atau perbaiki tanggalnya.',
  'kalender.err.row_range_long': 'Baris {line}: rentang lebih dari {max} hari. Periksa tanggal akhirnya.',
  'kalender.err.row_kind':
    'Baris {line}: jenis "{value}" tidak dikenal. Tulis libur_nasional, cuti_bersama atau ramadan.',
  'kalender.err.row_name': 'Baris {line}: keterangan wajib diisi, paling banyak {max} karakter.',
  'kalender.err.row_year':
    'Baris {line}: tanggalnya bukan tahun {year} seperti baris pertama. Satu berkas berisi satu tahun: pindahkan baris ini ke berkas tahunnya.',
  'kalender.err.row_twice':
    'Baris {line}: jenis yang sama pada hari yang sama sudah ada di baris {other}. Hapus salah satunya.',
  'kalender.err.source_missing':
    'Tulis dasar penetapannya di kolom Sumber (misalnya nomor SKB), atau tambahkan baris "# sumber: …" di awal berkas.',
  'kalender.err.not_shipped': 'Tidak ada berkas kalender bawaan untuk tahun {year}. Unggah kalendernya sebagai CSV.',
} as const;
