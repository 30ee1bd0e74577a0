-- Why: the platform's foundation. The national region tree (codes from the
-- Ministry of Home Affairs, plus the RW/RT that kelurahan create below them),
-- accounts bound to one region each, server-side sessions, residents and
-- families with their NIK/KK encrypted and blind-indexed, and an append-only
-- audit trail. Nothing here assumes a single city.

create table regions (
  code        text primary key,
  parent_code text references regions(code),
  level       text not null check (level in ('provinsi', 'kabkota', 'kecamatan', 'kelurahan', 'rw', 'rt')),
  name        text not null check (length(name) between 1 and 120),
  retired_at  timestamptz,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  check ((level = 'provinsi') = (parent_code is null)),
  check (parent_code is null or code like parent_code || '.%')
);
create index regions_parent_idx on regions (parent_code);
create index regions_code_prefix_idx on regions (code text_pattern_ops);

create table users (
  id                   integer generated always as identity primary key,
  username             text not null check (username ~ '^[a-z0-9._-]{3,40}$'),
  full_name            text not null check (length(full_name) between 1 and 120),
  role                 text not null check (role in ('admin_kota', 'camat', 'staf_kecamatan', 'lurah', 'staf_kelurahan', 'ketua_rw', 'ketua_rt', 'warga')),
  region_code          text not null references regions(code),
  nik_hash             bytea,
  resident_id          integer,
  email                text,
  phone                text,
  password_hash        text not null,
  must_change_password boolean not null default false,
  failed_logins        integer not null default 0,
  locked_until         timestamptz,
  active               boolean not null default true,
  created_by           integer references users(id),
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now()
);
create unique index users_username_idx on users (username);
create unique index users_nik_idx on users (nik_hash) where nik_hash is not null;
create index users_region_idx on users (region_code text_pattern_ops);

create table sessions (
  token_hash   bytea primary key,
  user_id      integer not null references users(id) on delete cascade,
  created_at   timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at   timestamptz not null,
  ip           text,
  user_agent   text
);
create index sessions_user_idx on sessions (user_id);
create index sessions_expires_idx on sessions (expires_at);

-- Login throttling lives in the database, not in process memory, so every
-- app instance behind the load balancer counts the same attempts.
create table login_throttle (
  key          text primary key,
  window_start timestamptz not null,
  attempts     integer not null
);

create table families (
  id          integer generated always as identity primary key,
  kk_hash     bytea not null unique,
  kk_enc      bytea not null,
  kk_masked   text not null,
  region_code text not null references regions(code),
  address     text not null default '' check (length(address) <= 200),
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);
create index families_region_idx on families (region_code text_pattern_ops);

create table residents (
  id             integer generated always as identity primary key,
  nik_hash       bytea not null unique,
  nik_enc        bytea not null,
  nik_masked     text not null,
  family_id      integer not null references families(id),
  relationship   text not null check (relationship in ('kepala_keluarga', 'suami', 'istri', 'anak', 'menantu', 'cucu', 'orang_tua', 'mertua', 'famili_lain', 'pembantu', 'lainnya')),
  full_name      text not null check (length(full_name) between 1 and 120),
  sex            text not null check (sex in ('L', 'P')),
  birth_place    text not null default '' check (length(birth_place) <= 80),
  birth_date     date not null,
  religion       text not null default '' check (length(religion) <= 40),
  occupation     text not null default '' check (length(occupation) <= 80),
  status         text not null default 'hidup' check (status in ('hidup', 'meninggal', 'pindah', 'hilang')),
  status_date    date,
  status_note    text not null default '' check (length(status_note) <= 200),
  region_code    text not null references regions(code),
  address        text not null default '' check (length(address) <= 200),
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);
create index residents_region_idx on residents (region_code text_pattern_ops);
create index residents_family_idx on residents (family_id);
create index residents_name_idx on residents (lower(full_name) text_pattern_ops);
-- One living head per family card.
create unique index residents_one_head_idx on residents (family_id)
  where relationship = 'kepala_keluarga' and status = 'hidup';

alter table users add constraint users_resident_fk foreign key (resident_id) references residents(id);
create unique index users_resident_idx on users (resident_id) where resident_id is not null;

create table audit_log (
  id            bigint generated always as identity primary key,
  at            timestamptz not null default now(),
  actor_user_id integer references users(id),
  actor_name    text,
  actor_role    text,
  ip            text,
  action        text not null,
  entity_type   text not null,
  entity_id     text,
  region_code   text,
  details       jsonb not null default '{}'
);
create index audit_log_at_idx on audit_log (at desc);
create index audit_log_region_idx on audit_log (region_code text_pattern_ops);
create index audit_log_actor_idx on audit_log (actor_user_id);
create index audit_log_entity_idx on audit_log (entity_type, entity_id);

-- The audit trail is append-only, enforced by the database itself.
create function audit_log_forbid_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_forbid_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_forbid_change();
