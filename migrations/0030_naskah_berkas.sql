-- Why: Pemberkasan and penyusutan of E-Surat (issue 15, items 6 and 7). A unit's TU or head groups naskah into
-- files (berkas) per classification code; a naskah belongs to at most one berkas (primary key of the item), and
-- only to a berkas of its own unit (composite foreign keys on (id, unit_id)). Closing a berkas fixes its retention
-- (from the JRA snapshots of its naskah, PP 28/2012 and Peraturan ANRI on JRA) and its dates. A berkas moves on
-- (pindah to the records centre, musnah, serah permanen to the archive) only with a recorded decision: the state
-- column is tied by a composite foreign key to a decision row of that berkas whose kind gives that state, and a
-- CHECK says open and closed berkas carry no decision. So no code path can mark a berkas destroyed without one.

-- The target of the items' composite key: a naskah's id with its unit.
create unique index naskah_id_unit on naskah (id, unit_id);

create table naskah_berkas (
  id                       integer generated always as identity primary key,
  region_code              text not null references regions(code),
  unit_id                  integer not null references org_units(id),
  classification_code      text not null references classification_codes(code),
  title                    text not null check (length(title) between 1 and 200),
  year                     integer not null check (year between 2000 and 2999),
  state                    text not null default 'terbuka'
                           check (state in ('terbuka', 'ditutup', 'dipindahkan', 'dimusnahkan', 'diserahkan')),
  idempotency_key          text not null check (idempotency_key ~ '^[A-Za-z0-9_-]{8,64}$'),
  created_by               integer not null references users(id),
  created_at               timestamptz not null default now(),
  closed_at                timestamptz,
  closed_on                date,
  closed_by                integer references users(id),
  retention_active_years   integer check (retention_active_years between 0 and 100),
  retention_inactive_years integer check (retention_inactive_years between 0 and 100),
  retention_final          text check (retention_final in ('musnah', 'permanen', 'dinilai_kembali')),
  active_until             date,
  inactive_until           date,
  last_decision_id         integer,
  unique (created_by, idempotency_key),
  unique (id, unit_id),
  check ((state = 'terbuka') = (closed_at is null)),
  check (closed_at is null or (closed_on is not null and closed_by is not null and retention_active_years is not null
         and retention_inactive_years is not null and retention_final is not null and active_until is not null
         and inactive_until is not null and inactive_until >= active_until)),
  check ((state in ('terbuka', 'ditutup')) = (last_decision_id is null))
);
create index naskah_berkas_unit on naskah_berkas (unit_id, state);
create index naskah_berkas_region on naskah_berkas (region_code, state);
create index naskah_berkas_code on naskah_berkas (classification_code);
create index naskah_berkas_creator on naskah_berkas (created_by);
create index naskah_berkas_closer on naskah_berkas (closed_by);

create table naskah_berkas_decisions (
  id              integer generated always as identity primary key,
  berkas_id       integer not null references naskah_berkas(id),
  kind            text not null check (kind in ('pindah', 'musnah', 'serah')),
  resulting_state text generated always as (
                    case kind when 'pindah' then 'dipindahkan' when 'musnah' then 'dimusnahkan' else 'diserahkan' end
                  ) stored,
  decree_number   text not null check (length(decree_number) between 1 and 100),
  decided_on      date not null,
  decided_by      integer not null references users(id),
  note            text not null default '' check (length(note) <= 1000),
  file_id         integer references stored_files(id),
  file_sha256     text check (file_sha256 ~ '^[0-9a-f]{64}$'),
  created_at      timestamptz not null default now(),
  check ((file_id is null) = (file_sha256 is null)),
  unique (berkas_id, kind),
  unique (id, berkas_id, resulting_state)
);
create index naskah_berkas_decisions_decider on naskah_berkas_decisions (decided_by);
create index naskah_berkas_decisions_file on naskah_berkas_decisions (file_id);

alter table naskah_berkas
  add constraint naskah_berkas_decided foreign key (last_decision_id, id, state)
  references naskah_berkas_decisions (id, berkas_id, resulting_state);
create index naskah_berkas_last_decision on naskah_berkas (last_decision_id);

create table naskah_berkas_items (
  naskah_id integer primary key,
  unit_id   integer not null,
  berkas_id integer not null,
  filed_by  integer not null references users(id),
  filed_at  timestamptz not null default now(),
  foreign key (naskah_id, unit_id) references naskah (id, unit_id),
  foreign key (berkas_id, unit_id) references naskah_berkas (id, unit_id)
);
create index naskah_berkas_items_berkas on naskah_berkas_items (berkas_id, unit_id);
create index naskah_berkas_items_filer on naskah_berkas_items (filed_by);
