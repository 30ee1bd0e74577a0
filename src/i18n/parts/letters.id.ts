// Messages of the letters module (Bahasa Indonesia). Keys must also exist in letters.en.ts.
export const lettersId = {
  'letters.verify_title': 'Pemeriksaan keaslian surat',
  'letters.status_authentic': 'ASLI',
  'letters.status_invalid': 'TIDAK VALID',
  'letters.authentic_hint':
    'Surat ini diterbitkan oleh pemerintah kota dan isinya cocok dengan tanda tangan elektroniknya. Cocokkan data di bawah dengan surat yang Anda pegang.',
  'letters.invalid_hint':
    'Isi surat yang tersimpan tidak cocok dengan tanda tangan elektroniknya. Jangan terima surat ini; hubungi kantor yang menerbitkannya.',
  'letters.not_found_title': 'Surat tidak ditemukan',
  'letters.not_found_hint':
    'Tidak ada surat dengan kode ini. Periksa kembali kode pada surat, atau pindai ulang kode QR-nya. Surat dengan kode yang tidak terdaftar tidak sah.',
  'letters.expired': 'Masa berlaku surat ini sudah habis.',
  'letters.f_type': 'Jenis surat',
  'letters.f_number': 'Nomor',
  'letters.f_issued_at': 'Tanggal terbit',
  'letters.f_valid_until': 'Berlaku sampai',
  'letters.f_unit': 'Diterbitkan oleh',
  'letters.f_resident_name': 'Nama (disamarkan)',
  'letters.f_nik': 'NIK (disamarkan)',
  'letters.f_signer': 'Ditandatangani oleh',
  'letters.code': 'Kode pemeriksaan: {code}',
} as const;
