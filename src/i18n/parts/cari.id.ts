// Messages of E-Surat search over the PDF's text layer (issue 15 item 3) (Bahasa Indonesia). Keys must also exist
// in cari.en.ts.
export const cariId = {
  'cari.found_in_text': 'Ditemukan di isi dokumen',
  'cari.found_in_both': 'Ditemukan di data naskah dan isi dokumen',
  'cari.text_ada': 'Isi dokumen terbaca dan ikut dicari.',
  'cari.text_kosong': 'PDF ini tidak memiliki lapisan teks (hasil pindai): hanya data naskah yang dicari.',
  'cari.text_gagal': 'Isi PDF ini tidak dapat dibaca: hanya data naskah yang dicari.',
} as const;
