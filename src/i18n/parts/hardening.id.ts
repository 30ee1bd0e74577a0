// Messages of sign-in throttling (Bahasa Indonesia). Keys must also exist in hardening.en.ts.
export const hardeningId = {
  'auth.throttled_seconds':
    'Terlalu banyak percobaan masuk yang gagal. Tunggu {seconds} detik, lalu coba lagi. Jika lupa kata sandi, minta petugas kelurahan atau admin mengatur ulang kata sandi Anda.',
  'auth.throttled_minutes':
    'Terlalu banyak percobaan masuk yang gagal. Tunggu {minutes} menit, lalu coba lagi. Jika lupa kata sandi, minta petugas kelurahan atau admin mengatur ulang kata sandi Anda.',
} as const;
