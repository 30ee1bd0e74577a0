// Messages of the citizen's side of layanan warga (issue 12): correcting a
// returned request, its versions, uploads kept between rounds, the outbox,
// and the privacy notice (UU 27/2022 PDP). Keys must also exist in citizen.en.ts.
export const citizenId = {
  'requests.attachment_expired': 'Berkas "{name}" yang tadi sudah diterima kedaluwarsa. Pilih berkasnya lagi.',
  'req.upload.kept':
    'Sudah diterima ({size}). Tidak perlu dipilih lagi; pilih berkas lain hanya bila ingin menggantinya.',
  'req.upload.view': 'Lihat berkas yang diterima',

  'req.correct.link': 'Perbaiki dan ajukan ulang',
  'req.correct.title': 'Perbaiki permohonan',
  'req.correct.intro':
    'Ubah isian atau foto yang diminta petugas, lalu kirim. Versi sebelumnya tetap tersimpan di riwayat permohonan.',
  'req.correct.returned_by': 'Dikembalikan oleh {name} ({stage}): {reason}',
  'req.correct.current_file': 'Berkas saat ini ({size}).',
  'req.correct.view_current': 'Lihat berkas saat ini',
  'req.correct.replace_hint': 'Biarkan kosong untuk tetap memakai berkas saat ini.',
  'req.correct.new_file': 'Berkas baru (opsional)',
  'req.correct.details': 'Isian',
  'req.correct.submit': 'Kirim perbaikan',
  'req.correct.stale_title': 'Perbaikan tidak dikirim',
  'req.correct.stale':
    'Permohonan ini sudah berubah sejak formulir dibuka: {action} oleh {actor}, {at}. Tidak ada yang diubah oleh formulir ini.',
  'req.correct.not_returned': 'Permohonan ini tidak sedang dikembalikan, jadi tidak ada yang perlu diperbaiki.',
  'req.correct.back': 'Kembali ke permohonan',
  'req.flash.corrected': 'Perbaikan terkirim. Permohonan kembali ke tahap yang mengembalikannya.',

  'req.versions.title': 'Riwayat versi',
  'req.versions.version': 'Versi {n}',
  'req.versions.current': 'berlaku',
  'req.versions.first': 'Diajukan {at} oleh {name}.',
  'req.versions.corrected': 'Diperbaiki {at} oleh {name}.',
  'req.versions.changes': 'Yang berubah dari versi {n}:',
  'req.versions.no_change': 'Tidak ada isian atau foto yang diubah (hanya catatan).',
  'req.versions.purpose': 'Keperluan: "{from}" menjadi "{to}"',
  'req.versions.field': '{field}: "{from}" menjadi "{to}"',
  'req.versions.file_replaced': '{name}: foto diganti',
  'req.versions.file_added': '{name}: foto ditambahkan',
  'req.versions.file_removed': '{name}: foto dihapus',
  'req.versions.files': 'Lampiran versi ini:',
  'req.versions.file_gone': '{name} (sudah dihapus setelah masa simpan)',
  'req.detail.attachments_removed':
    'Lampiran permohonan ini sudah dihapus karena masa simpannya berakhir (UU 27/2022 tentang Pelindungan Data Pribadi).',
  'req.detail.attachments_until': 'Lampiran disimpan sampai {date}, lalu dihapus.',

  'req.offline.waiting': 'menunggu sinyal',
  'req.offline.sent': 'Terkirim',
  'req.offline.sent_code': 'Kode lacak: {code}',
  'req.offline.track': 'Lacak permohonan',
  'req.offline.refused': 'Belum terkirim: buka formulirnya lagi dan periksa isian.',
  'req.offline.close': 'Tutup',

  'privacy.nav': 'Privasi',
  'privacy.title': 'Pemberitahuan privasi',
  'privacy.more': 'Pemberitahuan privasi lengkap',
  'privacy.contact_default': 'kantor kelurahan tempat Anda terdaftar',
  'privacy.short.request':
    'Isian dan foto lampiran (KTP/KK) dipakai hanya untuk memproses surat ini oleh RT, RW, kelurahan dan kecamatan Anda. Foto lampiran dihapus {completed} hari setelah permohonan selesai ({rejected} hari bila ditolak). Pertanyaan atau permintaan tentang data Anda: {contact}.',
  'privacy.short.registration':
    'NIK, No. KK dan tanggal lahir dipakai hanya untuk mencocokkan akun Anda dengan data kependudukan kelurahan dan disimpan selama akun Anda aktif. Pertanyaan atau permintaan tentang data Anda: {contact}.',
  'privacy.short.resident':
    'Sampaikan kepada warga: data ini dipakai untuk layanan kelurahan dan surat keterangan, hanya dilihat petugas wilayahnya, dan warga dapat meminta perbaikan atau penghapusan ke {contact}.',
  'privacy.short.tracking':
    'Halaman lacak hanya menampilkan jenis surat dan tahapnya, tanpa nama atau NIK. Pertanyaan tentang data Anda: {contact}.',
  'privacy.intro':
    'Pamong adalah layanan pemerintah kota. Pemberitahuan ini menjelaskan data pribadi apa yang kami kumpulkan, untuk apa, berapa lama disimpan, dan ke mana Anda bertanya, sesuai Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi.',
  'privacy.what_title': 'Data yang dikumpulkan',
  'privacy.what':
    'Saat mendaftar akun: NIK, nomor Kartu Keluarga dan tanggal lahir. Saat mengajukan surat: isian formulir, keperluan, dan foto lampiran seperti KTP dan KK. Data kependudukan (nama, alamat, NIK, No. KK) berasal dari kelurahan. Kami juga mencatat siapa membuka data pribadi dan kapan.',
  'privacy.why_title': 'Untuk apa',
  'privacy.why':
    'Hanya untuk memproses permohonan surat Anda melalui RT, RW, kelurahan dan kecamatan, menerbitkan surat, dan memungkinkan surat diperiksa keasliannya. Data tidak dipakai untuk keperluan lain dan tidak dijual.',
  'privacy.who_title': 'Siapa yang melihat',
  'privacy.who':
    'Ketua RT dan RW Anda serta petugas kelurahan dan kecamatan yang menangani permohonan. NIK dan No. KK disimpan terenkripsi dan ditampilkan tersamar (misalnya 3574********0001) kecuali saat benar-benar diperlukan; setiap pembukaan data lengkap tercatat.',
  'privacy.how_long_title': 'Berapa lama disimpan',
  'privacy.how_long':
    'Foto lampiran permohonan dihapus {completed} hari setelah permohonan selesai, {rejected} hari setelah ditolak, atau {returned} hari setelah dikembalikan bila tidak diperbaiki. Berkas yang sudah diterima dari formulir yang belum lengkap dihapus setelah {pending} jam. Surat yang terbit dan riwayat permohonan disimpan sebagai arsip pemerintah. Data akun disimpan selama akun aktif.',
  'privacy.rights_title': 'Hak Anda',
  'privacy.rights':
    'Anda berhak mengetahui data apa yang kami simpan tentang Anda, meminta perbaikan data yang salah, dan meminta penghapusan data yang tidak lagi diperlukan.',
  'privacy.contact_title': 'Ke mana bertanya',
  'privacy.contact': 'Sampaikan pertanyaan atau permintaan tentang data Anda kepada {contact}.',
} as const;
