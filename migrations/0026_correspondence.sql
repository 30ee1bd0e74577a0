-- Why: E-Surat (issue 15, items 2, 3 and the agenda book of 7). One `naskah` row per official letter, incoming
-- (masuk) now and outgoing (keluar) later, held by a unit, with a snapshot of its classification, retention (JRA)
-- and security class (SKKAAD) taken at registration so later edits of the reference data never change it.
-- Agenda numbers come from a counter row per unit and year, locked in the registering transaction (gapless,
-- unique: never max()+1). The TU desk says who registers for a unit; read receipts per person feed the counters.
-- Search: a generated tsvector over the metadata ('simple': names, numbers and Indonesian words without a
-- stemmer PostgreSQL does not ship) with a GIN index. The PDF's text layer is not indexed yet.

create table correspondence_tu_desks (
  unit_id     integer not null references org_units(id),
  employee_id integer not null references employees(id),
  added_by    integer not null references users(id),
  added_at    timestamptz not null default now(),
  primary key (unit_id, employee_id)
);
create index correspondence_tu_desks_employee on correspondence_tu_desks (employee_id);

-- JRA per classification code per city: rows here are the city's own; codes without one fall back to the
-- shipped defaults (reference/naskah-jra.csv), nearest ancestor first.
create table naskah_retention_rules (
  region_code         text not null references regions(code),
  classification_code text not null references classification_codes(code),
  active_years        integer not null check (active_years between 0 and 100),
  inactive_years      integer not null check (inactive_years between 0 and 100),
  final_disposition   text not null check (final_disposition in ('musnah', 'permanen', 'dinilai_kembali')),
  note                text not null default '' check (length(note) <= 500),
  updated_by          integer references users(id),
  updated_at          timestamptz not null default now(),
  primary key (region_code, classification_code)
);
create index naskah_retention_rules_code on naskah_retention_rules (classification_code);

create table naskah_agenda_counters (
  unit_id     integer not null references org_units(id),
  year        integer not null check (year between 2000 and 2999),
  last_number integer not null check (last_number >= 1),
  primary key (unit_id, year)
);

create table naskah (
  id                        integer generated always as identity primary key,
  region_code               text not null references regions(code),
  unit_id                   integer not null references org_units(id),
  direction                 text not null check (direction in ('masuk', 'keluar')),
  -- Later items move a naskah on: masuk diterima → didisposisi → selesai; keluar draf → diverifikasi →
  -- ditandatangani → dikirim.
  status                    text not null default 'diterima'
                            check (status in ('diterima', 'didisposisi', 'selesai', 'draf', 'diverifikasi',
                                              'ditandatangani', 'dikirim')),
  kind_code                 text not null check (kind_code ~ '^[a-z_]{2,40}$'),
  agenda_year               integer,
  agenda_seq                integer check (agenda_seq >= 1),
  agenda_number             text,
  sender_instansi           text check (length(sender_instansi) <= 200),
  sender_name               text check (length(sender_name) <= 200),
  sender_number             text check (length(sender_number) <= 100),
  sender_date               date,
  received_date             date,
  perihal                   text not null check (length(perihal) between 1 and 500),
  classification_code       text not null references classification_codes(code),
  classification_name       text not null,
  retention_active_years    integer,
  retention_inactive_years  integer,
  retention_final           text check (retention_final in ('musnah', 'permanen', 'dinilai_kembali')),
  retention_source          text check (retention_source in ('kota', 'bawaan')),
  retention_verified        boolean,
  security_class            text not null check (security_class in ('biasa', 'terbatas', 'rahasia', 'sangat_rahasia')),
  urgency                   text not null check (urgency in ('biasa', 'segera', 'sangat_segera', 'kilat')),
  file_id                   integer references stored_files(id),
  file_sha256               text check (file_sha256 ~ '^[0-9a-f]{64}$'),
  -- An outgoing reply points at the incoming naskah it answers (item 5); a confirmed likely duplicate at the first.
  reply_to_id               integer references naskah(id),
  duplicate_of_id           integer references naskah(id),
  idempotency_key           text not null check (idempotency_key ~ '^[A-Za-z0-9_-]{8,64}$'),
  created_by                integer not null references users(id),
  created_at                timestamptz not null default now(),
  updated_at                timestamptz not null default now(),
  version                   integer not null default 1,
  search                    tsvector generated always as (
                              to_tsvector('simple',
                                coalesce(perihal, '') || ' ' || coalesce(sender_instansi, '') || ' ' ||
                                coalesce(sender_name, '') || ' ' || coalesce(sender_number, '') || ' ' ||
                                coalesce(agenda_number, '') || ' ' || classification_code || ' ' ||
                                classification_name)) stored,
  unique (created_by, idempotency_key),
  check (direction <> 'masuk' or (agenda_year is not null and agenda_seq is not null and agenda_number is not null
         and sender_instansi is not null and sender_number is not null and sender_date is not null
         and received_date is not null and file_id is not null and file_sha256 is not null))
);
create unique index naskah_agenda_unique on naskah (unit_id, agenda_year, agenda_seq) where agenda_seq is not null;
create index naskah_unit_created on naskah (unit_id, created_at desc);
create index naskah_unit_agenda on naskah (unit_id, received_date);
create index naskah_likely_duplicate on naskah (unit_id, sender_date);
create index naskah_search on naskah using gin (search);
create index naskah_file on naskah (file_id);
create index naskah_reply_to on naskah (reply_to_id);
create index naskah_duplicate_of on naskah (duplicate_of_id);
create index naskah_classification on naskah (classification_code);

create table naskah_reads (
  naskah_id integer not null references naskah(id),
  user_id   integer not null references users(id),
  read_at   timestamptz not null default now(),
  primary key (naskah_id, user_id)
);
create index naskah_reads_user on naskah_reads (user_id);
