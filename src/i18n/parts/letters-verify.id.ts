// Messages of the letters module's verification page and PDF check (Bahasa Indonesia). Keys must also exist in letters-verify.en.ts.
export const lettersVerifyId = {
  'f.code': 'Kode',
  'letters.f_birth': 'Tempat, tanggal lahir',
  'letters.f_sex': 'Jenis kelamin',
  'letters.f_address': 'Alamat',
  'letters.f_purpose': 'Keperluan',
  'letters.f_signer_position': 'Jabatan penanda tangan',
  'letters.f_signer_rank': 'Pangkat/golongan',
  'letters.f_signer_nip': 'NIP penanda tangan',
  'letters.content_title': 'Isi surat yang ditandatangani',
  'letters.content_hint':
    'Cocokkan setiap baris dengan surat yang Anda pegang. Nama dan NIK disamarkan untuk melindungi data pribadi.',
  'letters.text_title': 'Isi keterangan',
  'letters.kind_title': 'Jenis tanda tangan',
  'letters.kind_uncertified':
    'Tanda tangan elektronik tidak tersertifikasi (PP 71/2019): dibuat dengan sertifikat milik pemerintah kota sendiri, bukan sertifikat dari Penyelenggara Sertifikasi Elektronik (BSrE/BSSN). Tanda tangan ini tetap sah dan keasliannya dapat diperiksa di halaman ini; aplikasi pembaca PDF akan menyebut penerbit sertifikatnya "tidak dikenal", itu wajar.',
  'letters.kind_certified':
    'Tanda tangan elektronik tersertifikasi (PP 71/2019): dibuat dengan sertifikat dari Penyelenggara Sertifikasi Elektronik (BSrE/BSSN).',
  'letters.kind_pdf':
    'Berkas PDF surat ini memuat tanda tangan elektronik di dalam berkasnya: aplikasi pembaca PDF menunjukkan bila isinya diubah setelah ditandatangani.',
  'letters.file_title': 'Periksa berkas PDF surat',
  'letters.file_hint':
    'Unggah berkas PDF surat yang Anda terima (paling besar 2 MB) untuk memastikan berkas itu persis surat yang diterbitkan dengan kode ini.',
  'letters.f_file': 'Berkas PDF surat',
  'letters.file_submit': 'Periksa berkas',
  'letters.file_result_title': 'Hasil pemeriksaan berkas',
  'letters.file_authentic':
    'Berkas ini persis surat dengan kode {code} yang diterbitkan, dan tidak berubah sejak ditandatangani.',
  'letters.file_signed_at': 'Ditandatangani secara elektronik pada {date}.',
  'letters.file_changed':
    'Berkas ini telah diubah setelah ditandatangani. Jangan terima berkas ini; minta berkas asli kepada pemohon atau kantor yang menerbitkannya.',
  'letters.file_bad_signature':
    'Tanda tangan elektronik dalam berkas ini rusak atau tidak cocok dengan isinya. Jangan terima berkas ini; minta berkas asli kepada kantor yang menerbitkannya.',
  'letters.file_no_signature':
    'Berkas ini tidak bertanda tangan elektronik, jadi bukan berkas surat seperti yang diterbitkan (surat dari kantor ini selalu ditandatangani di dalam berkasnya). Minta berkas asli, atau cocokkan isi surat kertas dengan data di halaman ini.',
  'letters.file_not_ours':
    'Berkas ini tidak ditandatangani dengan sertifikat pemerintah kota ini, jadi bukan surat yang diterbitkannya. Jangan terima berkas ini.',
  'letters.file_other_letter':
    'Berkas ini surat lain, bukan surat dengan kode {code}. Periksa kode pada surat itu dan buka halaman pemeriksaan untuk kode tersebut.',
  'letters.file_record_invalid':
    'Data surat dengan kode ini yang tersimpan tidak cocok dengan tanda tangannya, jadi tidak ada berkas yang dapat dinyatakan asli. Hubungi kantor yang menerbitkannya.',
  'letters.file_empty': 'Pilih berkas PDF surat yang akan diperiksa.',
  'letters.file_too_large':
    'Berkas lebih besar dari 2 MB. Surat dari kantor ini jauh lebih kecil: pastikan Anda memilih berkas PDF suratnya.',
  'letters.file_not_pdf':
    'Berkas ini bukan PDF. Pilih berkas PDF surat yang Anda terima (bukan foto atau hasil pindaian surat).',
} as const;
