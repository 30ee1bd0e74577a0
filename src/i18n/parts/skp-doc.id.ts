// Messages of the signed SKP and evaluation documents (E-Kinerja, issue 16 item 5), Bahasa Indonesia. Keys must also
// exist in skp-doc.en.ts.
export const skpDocId = {
  'skp.eval.err.signed': 'Evaluasi periode ini sudah ditandatangani, sehingga tidak dapat diubah lagi.',
  'skpdoc.title': 'Dokumen bertanda tangan elektronik',
  'skpdoc.none': 'Belum ada dokumen yang ditandatangani.',
  'skpdoc.kind.skp': 'SKP tahun {year}',
  'skpdoc.kind.evaluasi': 'Evaluasi kinerja periode {period}',
  'skpdoc.row': '{name}, ditandatangani {signer} pada {date}',
  'skpdoc.download': 'Unduh PDF',
  'skpdoc.sign_skp': 'Tandatangani dokumen SKP',
  'skpdoc.sign_eval': 'Tandatangani dokumen evaluasi periode {period}',
  'skpdoc.sign_hint':
    'PDF ditandatangani secara elektronik atas nama Anda sebagai pejabat penilai kinerja. Evaluasi yang sudah ditandatangani tidak dapat diubah.',
  'skpdoc.sign_confirm': 'Tandatangani dokumen ini? Setelah ditandatangani, isinya tidak dapat diubah.',
  'skpdoc.signed_flash': 'Dokumen ditandatangani. Unduh PDF-nya di bawah.',
  'skpdoc.err.not_agreed': 'SKP belum disetujui: dokumen SKP ditandatangani setelah persetujuan.',
  'skpdoc.err.no_evaluation': 'Belum ada evaluasi tersimpan untuk periode ini. Simpan evaluasinya dahulu.',
  'skpdoc.err.no_number': 'Penanda tangan belum memiliki NIP di data pegawai. Minta admin melengkapinya.',
} as const;
