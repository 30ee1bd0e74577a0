// Messages of sign-in throttling and API idempotency (Bahasa Indonesia). Keys must also exist in hardening.en.ts.
export const hardeningId = {
  'auth.throttled_seconds':
    'Terlalu banyak percobaan masuk yang gagal. Tunggu {seconds} detik, lalu coba lagi. Jika lupa kata sandi, minta petugas kelurahan atau admin mengatur ulang kata sandi Anda.',
  'auth.throttled_minutes':
    'Terlalu banyak percobaan masuk yang gagal. Tunggu {minutes} menit, lalu coba lagi. Jika lupa kata sandi, minta petugas kelurahan atau admin mengatur ulang kata sandi Anda.',
  'idempotency.bad_key':
    'Header Idempotency-Key tidak valid. Gunakan 8–64 karakter berupa huruf, angka, "-" atau "_", misalnya sebuah UUID.',
  'idempotency.mismatch':
    'Idempotency-Key ini sudah dipakai untuk permintaan lain. Kirim ulang permintaan yang persis sama, atau buat kunci baru untuk permintaan yang berbeda.',
  'idempotency.in_progress':
    'Permintaan dengan Idempotency-Key ini sedang diproses. Tunggu sebentar, lalu kirim ulang dengan kunci yang sama untuk mendapatkan jawabannya.',
} as const;
