-- Why: the city's programme for its RT and RW heads (issue 4, items 1 and 2).
-- Every RT/RW has a head (and optionally a secretary and treasurer) serving a
-- term set by a decree; a handover ends the old term instead of overwriting it,
-- so the history is kept, and the partial unique index makes "one active holder
-- per position" a fact of the database, not of the code. Each head signs the
-- city's versioned integrity pact in the app: the signature is an Ed25519
-- signature over canonical JSON, checked like a letter, and the lurah
-- countersigns over the head's signature.

create table rtrw_terms (
  id              integer generated always as identity primary key,
  region_code     text not null references regions(code),
  position        text not null check (position in ('ketua', 'sekretaris', 'bendahara')),
  person_name     text not null check (length(person_name) between 1 and 120),
  phone           text not null default '' check (length(phone) <= 20),
  user_id         integer references users(id),
  start_date      date not null,
  end_date        date not null,
  decree_number   text not null default '' check (length(decree_number) <= 100),
  decree_date     date,
  decree_file_id  integer references stored_files(id),
  ended_at        timestamptz,
  end_reason      text check (end_reason in ('digantikan', 'selesai', 'mengundurkan_diri', 'meninggal', 'diberhentikan')),
  created_by      integer not null references users(id),
  created_at      timestamptz not null default now(),
  check (end_date >= start_date),
  check ((ended_at is null) = (end_reason is null))
);
-- One active holder per position of a region; ended terms stay as history.
create unique index rtrw_terms_one_active on rtrw_terms (region_code, position) where ended_at is null;
create index rtrw_terms_region_idx on rtrw_terms (region_code text_pattern_ops);
create index rtrw_terms_user_idx on rtrw_terms (user_id);
create index rtrw_terms_decree_file_idx on rtrw_terms (decree_file_id);
create index rtrw_terms_created_by_idx on rtrw_terms (created_by);
create index rtrw_terms_end_date_idx on rtrw_terms (end_date) where ended_at is null;

-- A CHECK cannot look at another table: a trigger keeps terms on RW and RT only.
create function rtrw_terms_region_is_rw_rt() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from regions where code = new.region_code and level in ('rw', 'rt')) then
    raise exception 'rtrw_terms.region_code % is not an RW or RT', new.region_code using errcode = '23514';
  end if;
  return new;
end $$;
create trigger rtrw_terms_region_check before insert or update of region_code on rtrw_terms
  for each row execute function rtrw_terms_region_is_rw_rt();

-- The pact text is versioned per city (region_code is the kabkota), so one
-- Pamong serving a province keeps each city's own text.
create table pact_versions (
  id            integer generated always as identity primary key,
  region_code   text not null references regions(code),
  version       integer not null check (version > 0),
  title         text not null check (length(title) between 1 and 200),
  body          text not null check (length(body) between 1 and 20000),
  published_at  timestamptz not null default now(),
  published_by  integer not null references users(id),
  unique (region_code, version)
);
create index pact_versions_published_by_idx on pact_versions (published_by);

create table pact_signatures (
  id                     integer generated always as identity primary key,
  term_id                integer not null references rtrw_terms(id),
  pact_version_id        integer not null references pact_versions(id),
  verify_code            text not null unique,
  signed_at              timestamptz not null,
  signer_name            text not null,
  payload                jsonb not null,
  signature              text not null,
  kid                    text not null references signing_keys(kid),
  countersigned_by       integer references users(id),
  countersigned_at       timestamptz,
  countersign_payload    jsonb,
  countersign_signature  text,
  unique (term_id, pact_version_id),
  check ((countersigned_by is null) = (countersigned_at is null)
     and (countersigned_at is null) = (countersign_payload is null)
     and (countersign_payload is null) = (countersign_signature is null))
);
create index pact_signatures_version_idx on pact_signatures (pact_version_id);
create index pact_signatures_kid_idx on pact_signatures (kid);
create index pact_signatures_countersigned_by_idx on pact_signatures (countersigned_by);
