// Messages of disposition deadlines, delegates and the unit counters (E-Surat, issue 15 items 1, 4, 8)
// (Bahasa Indonesia). Keys must also exist in tenggat.en.ts.
export const tenggatId = {
  'tenggat.notice.warn_title': 'Pengingat: disposisi {agenda} mendekati tenggat',
  'tenggat.notice.warn_body':
    'Disposisi naskah {agenda} ({perihal}) bertenggat {due} dan sudah melewati 75 % waktu kerjanya. Mohon segera ditindaklanjuti dan dilaporkan.',
  'tenggat.notice.overdue_title': 'Terlambat: disposisi {agenda} melewati tenggat',
  'tenggat.notice.overdue_body':
    'Disposisi naskah {agenda} ({perihal}) kepada {to} bertenggat {due} dan belum dilaporkan. Mohon ditindaklanjuti.',
  'tenggat.on_behalf': '{prefix} — a.n. {name}',
  'tenggat.act': '{step} oleh {actor}, {prefix} a.n. {holder}, {when}',
  'tenggat.step_baca': 'Dibaca',
  'tenggat.step_disposisi': 'Didisposisikan',
  'tenggat.step_lapor': 'Dilaporkan',
  'tenggat.counter_pending': 'Naskah masuk belum ditindaklanjuti',
  'tenggat.nav': 'Pantauan surat unit',
  'tenggat.pantau_title': 'Pantauan surat per unit',
  'tenggat.pantau_intro':
    'Setiap unit yang Anda pimpin beserta unit di bawahnya. Angka dapat diketuk untuk melihat daftarnya. Naskah belum dibaca: belum dibuka oleh kepala unitnya; belum ditindaklanjuti: belum didisposisikan atau ditutup.',
  'tenggat.pantau_none': 'Anda tidak memimpin unit mana pun, jadi tidak ada unit untuk dipantau.',
  'tenggat.col_unit': 'Unit',
  'tenggat.f.state': 'Daftar',
  'tenggat.state.unread': 'Naskah masuk belum dibaca',
  'tenggat.state.pending': 'Belum ditindaklanjuti',
  'tenggat.state.disp_unread': 'Disposisi belum dibaca',
  'tenggat.state.disp_overdue': 'Disposisi lewat tenggat',
  'tenggat.list_title': '{state} — {unit}',
  'tenggat.list_none': 'Tidak ada naskah atau disposisi dalam keadaan ini.',
  'tenggat.back': 'Kembali ke pantauan unit',
  'tenggat.col_naskah': 'Naskah',
  'tenggat.col_sender': 'Pengirim',
  'tenggat.col_received': 'Diterima',
  'tenggat.col_to': 'Penerima disposisi',
  'tenggat.col_due': 'Tenggat',
} as const;
