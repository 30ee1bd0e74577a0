-- Why: letters must follow current rules (issue 12).
-- 1. Archive classification codes of Permendagri 83/2022 (bagian B) get a table
--    of their own, filled from reference/klasifikasi-arsip-permendagri-83-2022.csv by
--    the catalogue module at start (versioned, every import recorded); the
--    repealed codes of Permendagri 78/2012 (470, 474.x, 475, 331) in the default
--    letter types are replaced.
-- 2. A letter type says what the naskah needs (Permendagri 1/2023): its kind
--    (closing, "Kepada Yth."), the office it is addressed to, the resident's
--    data printed in the identity block, why it is switched off, and what
--    issuing it does to the register. Its template is from now on only the
--    statement paragraph(s): the letters module writes opening and closing, so
--    the opening and closing the old defaults carried are cut from templates
--    that still hold them word for word (and from the snapshots of requests
--    not yet issued).
-- 3. Types national rules abolished are switched off, never deleted: cover
--    letters for moving house, and for KTP-el/KK other than a first NIK
--    (Perpres 96/2018 art. 25(3), Permendagri 108/2019 art. 29-30). SKCK,
--    nikah and beda identitas end at the kelurahan where the old default route
--    is unchanged. Nothing a city changed itself is overwritten: each update is
--    guarded by the old default value.

create table classification_codes (
  code           text primary key check (code ~ '^[0-9]{3}(\.[0-9]{1,3}){0,5}$'),
  name           text not null check (length(name) between 1 and 300),
  parent_code    text references classification_codes(code) deferrable initially deferred,
  source_version integer not null check (source_version >= 1),
  active         boolean not null default true,
  updated_at     timestamptz not null default now(),
  check ((parent_code is null) = (code ~ '^[0-9]{3}$'))
);
create index classification_codes_parent_idx on classification_codes (parent_code);

create table classification_imports (
  id                integer generated always as identity primary key,
  source_version    integer not null check (source_version >= 1),
  source            text not null,
  trigger           text not null check (trigger in ('start', 'admin')),
  codes_total       integer not null,
  codes_added       integer not null,
  codes_changed     integer not null,
  codes_deactivated integer not null,
  actor_user_id     integer references users(id),
  imported_at       timestamptz not null default now()
);
-- One automatic import per shipped version, even with several instances starting at once.
create unique index classification_imports_start_key on classification_imports (source_version) where trigger = 'start';
create index classification_imports_actor_idx on classification_imports (actor_user_id);

alter table letter_types
  add column kind text not null default 'keterangan' check (kind in ('keterangan', 'pengantar', 'rekomendasi')),
  add column addressee text not null default '' check (length(addressee) <= 200),
  add column identity_fields jsonb not null
    default '["nik", "ttl", "jenis_kelamin", "agama", "status_perkawinan", "kewarganegaraan", "pekerjaan", "alamat"]'
    check (jsonb_typeof(identity_fields) = 'array'
      and identity_fields <@ '["nik", "ttl", "jenis_kelamin", "agama", "status_perkawinan", "kewarganegaraan", "pekerjaan", "alamat", "no_kk"]'),
  add column disabled_reason text not null default '' check (length(disabled_reason) <= 500),
  add column effect text check (effect in ('mark_deceased'));

-- The generated opening and closing the old defaults (src/modules/catalogue/defaults.ts before 0011) carried.
create temporary table old_text (opening text, closing text) on commit drop;
insert into old_text values (
  E'Yang bertanda tangan di bawah ini menerangkan bahwa:\n\nNama: {{nama}}\nNIK: {{nik}}\nTempat/tanggal lahir: {{tempat_lahir}}, {{tanggal_lahir}}\nJenis kelamin: {{jenis_kelamin}}\nPekerjaan: {{pekerjaan}}\nAlamat: {{alamat}} {{rt_rw}}, Kelurahan {{kelurahan}}, Kecamatan {{kecamatan}}\n\n',
  E'\n\nDemikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.'
);

update letter_types set template = substr(template, length(o.opening) + 1), updated_at = now()
  from old_text o where left(template, length(o.opening)) = o.opening;
update letter_types set template = left(template, length(template) - length(o.closing)), updated_at = now()
  from old_text o where right(template, length(o.closing)) = o.closing and length(template) > length(o.closing);

-- Classification codes of 83/2022 for the default types that still carry the old default code.
update letter_types lt set classification = m.new_code, updated_at = now()
  from (values
    ('domisili', '470', '400.12.2'),
    ('bepergian', '470', '400.12.2'),
    ('beda_identitas', '470', '400.12.2.1'),
    ('pengantar_ktp_kk', '470', '400.12.2.1'),
    ('pindah', '475', '400.12.2.2'),
    ('kelahiran', '474.1', '400.12.3.1'),
    ('kematian', '474.3', '400.12.3.1'),
    ('belum_menikah', '474.2', '400.12.3.2'),
    ('pengantar_nikah', '474.2', '400.12.3.2'),
    ('sktm', '400.9', '400.9.14'),
    ('usaha', '500', '500.3'),
    ('domisili_usaha', '500', '500.2'),
    ('kehilangan', '331', '300'),
    ('pengantar_skck', '331', '300'),
    ('izin_keramaian', '331', '300')
  ) as m(code, old_code, new_code)
  where lt.code = m.code and lt.classification = m.old_code;

-- Kinds and addressees of the default cover letters.
update letter_types set kind = 'pengantar', addressee = 'Kepala Kepolisian Resor {{kota}}', updated_at = now()
  where code = 'pengantar_skck';
update letter_types set kind = 'pengantar', addressee = 'Kepala Kantor Urusan Agama Kecamatan {{kecamatan}}', updated_at = now()
  where code = 'pengantar_nikah';
update letter_types set kind = 'rekomendasi', addressee = 'Kepala Kepolisian Sektor {{kecamatan}}', updated_at = now()
  where code = 'izin_keramaian';
update letter_types set kind = 'pengantar', addressee = 'Kepala Dinas Kependudukan dan Pencatatan Sipil {{kota}}', updated_at = now()
  where code in ('pindah', 'pengantar_ktp_kk');
update letter_types set name = 'Surat Rekomendasi Izin Keramaian', updated_at = now()
  where code = 'izin_keramaian' and name = 'Surat Pengantar Izin Keramaian';
-- Letters about the family print No. KK in the identity block too (as the new defaults do).
update letter_types
  set identity_fields = '["nik", "ttl", "jenis_kelamin", "agama", "status_perkawinan", "kewarganegaraan", "pekerjaan", "alamat", "no_kk"]',
      updated_at = now()
  where code in ('kelahiran', 'sktm', 'beda_identitas', 'pengantar_nikah');

-- SKCK, nikah and beda identitas: a kelurahan letter is what Polres and KUA ask for (DOMAIN.md), where the
-- route and budgets are still the old defaults.
update letter_types
  set route = array['rt', 'rw', 'kelurahan'], stage_budgets = '{"rt": 10, "rw": 10, "kelurahan": 25}', updated_at = now()
  where code in ('pengantar_skck', 'pengantar_nikah', 'beda_identitas')
    and route = array['rt', 'rw', 'kelurahan', 'kecamatan']
    and stage_budgets = '{"rt": 10, "rw": 10, "kelurahan": 12, "kecamatan": 12}';

-- The death letter describes the deceased and marks them in the register, where the type is still the old default.
update letter_types
  set template = E'Orang tersebut di atas adalah {{hubungan_pelapor}} dan pelapor atas kematian:\n\nNama: {{nama_almarhum}}\nNIK: {{nik_almarhum}}\nTempat/tanggal lahir: {{tempat_lahir_almarhum}}, {{tanggal_lahir_almarhum}}\nAlamat: {{alamat_almarhum}}\nHari/tanggal meninggal: {{tanggal_meninggal}}\nPukul: {{pukul_meninggal}}\nTempat meninggal: {{tempat_meninggal}}\nSebab kematian: {{sebab_kematian}}',
      fields = '[{"name": "nik_almarhum", "label": "NIK almarhum/almarhumah", "type": "nik", "required": true},
                 {"name": "nama_almarhum", "label": "Nama almarhum/almarhumah", "type": "text", "required": true, "maxLength": 120},
                 {"name": "tempat_lahir_almarhum", "label": "Tempat lahir almarhum/almarhumah", "type": "text", "required": true, "maxLength": 80},
                 {"name": "tanggal_lahir_almarhum", "label": "Tanggal lahir almarhum/almarhumah", "type": "date", "required": true},
                 {"name": "alamat_almarhum", "label": "Alamat terakhir almarhum/almarhumah", "type": "textarea", "required": true, "maxLength": 300},
                 {"name": "tanggal_meninggal", "label": "Hari/tanggal meninggal", "type": "date", "required": true},
                 {"name": "pukul_meninggal", "label": "Pukul meninggal", "type": "time", "required": true},
                 {"name": "tempat_meninggal", "label": "Tempat meninggal", "type": "text", "required": true, "maxLength": 120},
                 {"name": "sebab_kematian", "label": "Sebab kematian", "type": "text", "required": true, "maxLength": 200},
                 {"name": "hubungan_pelapor", "label": "Hubungan pelapor dengan almarhum/almarhumah", "type": "text", "required": true, "maxLength": 60}]',
      effect = 'mark_deceased',
      updated_at = now()
  where code = 'kematian'
    and template = 'Telah meninggal dunia {{nama_almarhum}} pada tanggal {{tanggal_meninggal}} di {{tempat_meninggal}}. Surat ini dimohonkan oleh orang tersebut di atas sebagai {{hubungan_pelapor}}.';

-- The marriage cover letter goes to the KUA with the N1-N4 forms (PMA 20/2019) and names what the N1 asks,
-- where the type is still the old default.
update letter_types
  set template = 'Orang tersebut di atas adalah anak dari {{nama_ayah}} dan {{nama_ibu}}, dan bermaksud melangsungkan pernikahan dengan {{nama_calon}}, NIK {{nik_calon}}, lahir di {{tempat_lahir_calon}} pada tanggal {{tanggal_lahir_calon}}, beralamat di {{alamat_calon}}. Surat pengantar ini disertai formulir N1 sampai dengan N4 sebagaimana diatur dalam Peraturan Menteri Agama Nomor 20 Tahun 2019 tentang Pencatatan Pernikahan.',
      fields = '[{"name": "nama_calon", "label": "Nama calon pasangan", "type": "text", "required": true, "maxLength": 120},
                 {"name": "nik_calon", "label": "NIK calon pasangan", "type": "nik", "required": true},
                 {"name": "tempat_lahir_calon", "label": "Tempat lahir calon pasangan", "type": "text", "required": true, "maxLength": 80},
                 {"name": "tanggal_lahir_calon", "label": "Tanggal lahir calon pasangan", "type": "date", "required": true},
                 {"name": "alamat_calon", "label": "Alamat calon pasangan", "type": "textarea", "required": true, "maxLength": 300},
                 {"name": "nama_ayah", "label": "Nama ayah pemohon", "type": "text", "required": true, "maxLength": 120},
                 {"name": "nik_ayah", "label": "NIK ayah pemohon", "type": "nik", "required": false},
                 {"name": "nama_ibu", "label": "Nama ibu pemohon", "type": "text", "required": true, "maxLength": 120},
                 {"name": "nik_ibu", "label": "NIK ibu pemohon", "type": "nik", "required": false},
                 {"name": "pasangan_terdahulu", "label": "Nama suami/istri terdahulu (bila pernah menikah)", "type": "text", "required": false, "maxLength": 120}]',
      updated_at = now()
  where code = 'pengantar_nikah'
    and template = 'Orang tersebut bermaksud menikah dengan {{nama_calon}} yang beralamat di {{alamat_calon}}.';

-- Abolished cover letters: switched off with the reason, never deleted (requests made with them keep their snapshot).
update letter_types
  set active = false,
      disabled_reason = 'Dihapus oleh aturan nasional: surat pengantar pindah tidak lagi diperlukan; penduduk langsung ke Disdukcapil dengan KK (Perpres 96/2018 Pasal 25 ayat (3), Permendagri 108/2019 Pasal 29-30).',
      updated_at = now()
  where code = 'pindah';
update letter_types
  set active = false,
      disabled_reason = 'Dihapus oleh aturan nasional: pengantar RT/RW untuk KTP-el dan KK tidak lagi diperlukan, kecuali pencatatan biodata (NIK pertama), yang memakai jenis pengantar_biodata (Perpres 96/2018 Pasal 25 ayat (3), Permendagri 108/2019 Pasal 29-30).',
      updated_at = now()
  where code = 'pengantar_ktp_kk';

-- Every row changed above is a new version of its type (now() is the same throughout this transaction).
update letter_types set version = version + 1 where updated_at = now();

-- Snapshots of requests made before 0011 get the new keys from their type; their effect stays null (the old
-- death letter named no NIK). Requests not yet issued lose the old opening and closing like their types did.
update service_requests sr
  set type_snapshot = sr.type_snapshot || jsonb_build_object(
    'kind', lt.kind, 'addressee', lt.addressee, 'identity_fields', lt.identity_fields, 'effect', null)
  from letter_types lt
  where lt.id = sr.letter_type_id and not (sr.type_snapshot ? 'kind');
update service_requests
  set type_snapshot = jsonb_set(type_snapshot, '{template}', to_jsonb(substr(type_snapshot->>'template', length(o.opening) + 1)))
  from old_text o
  where status in ('in_progress', 'returned') and left(type_snapshot->>'template', length(o.opening)) = o.opening;
update service_requests
  set type_snapshot = jsonb_set(type_snapshot, '{template}',
    to_jsonb(left(type_snapshot->>'template', length(type_snapshot->>'template') - length(o.closing))))
  from old_text o
  where status in ('in_progress', 'returned') and right(type_snapshot->>'template', length(o.closing)) = o.closing
    and length(type_snapshot->>'template') > length(o.closing);
