-- Why: a letter an office accepts (issue 12, Permendagri 1/2023 tata naskah dinas).
-- * Officials sign with their NIP, pangkat/golongan and jabatan: accounts of officials
--   carry them (copied into the letter at signing, so a later change never alters a letter).
-- * Each office prints its own kop (address, telephone, e-mail, website, kode pos, the
--   city's lambang) and numbers letters with its own unit code (kode_unit), not the
--   Kemendagri region code.
-- * Delegation: a.n. (an official with their own jabatan signs for the head), u.b. (one
--   level further), Plt./Plh. (acting officials), per office and time window.
-- * When a route ends at the kecamatan, the kelurahan issues its own number at its stage
--   and the camat's letter refers to it ("Mengetahui").

alter table users add column nip text check (nip is null or nip ~ '^[0-9]{18}$');
alter table users add column jabatan text check (jabatan is null or length(jabatan) between 1 and 160);
alter table users add column pangkat_golongan text check (pangkat_golongan is null or length(pangkat_golongan) between 1 and 80);
create unique index users_nip_idx on users (nip) where nip is not null;

create table letter_offices (
  region_code     text primary key references regions(code),
  kode_unit       text not null default '' check (length(kode_unit) <= 40 and kode_unit !~ '[{}\s]'),
  address         text not null default '' check (length(address) <= 200),
  phone           text not null default '' check (length(phone) <= 60),
  email           text not null default '' check (length(email) <= 120),
  website         text not null default '' check (length(website) <= 120),
  postal_code     text not null default '' check (postal_code ~ '^([0-9]{5})?$'),
  lambang_file_id integer references stored_files(id),
  updated_by      integer references users(id),
  updated_at      timestamptz not null default now()
);
create index letter_offices_lambang_idx on letter_offices (lambang_file_id);
create index letter_offices_updated_by_idx on letter_offices (updated_by);

create table signing_delegations (
  id          integer generated always as identity primary key,
  region_code text not null references regions(code),
  user_id     integer not null references users(id),
  mode        text not null check (mode in ('an', 'ub', 'plt', 'plh')),
  -- For u.b.: the jabatan of the official the signer acts under (e.g. "Sekretaris Kelurahan").
  via_jabatan text not null default '' check (length(via_jabatan) <= 160),
  valid_from  date not null,
  valid_to    date,
  created_by  integer references users(id),
  created_at  timestamptz not null default now(),
  revoked_at  timestamptz,
  check (valid_to is null or valid_to >= valid_from),
  check (mode <> 'ub' or length(via_jabatan) > 0)
);
create index signing_delegations_region_idx on signing_delegations (region_code, user_id);
create index signing_delegations_user_idx on signing_delegations (user_id);
create index signing_delegations_created_by_idx on signing_delegations (created_by);

create table letter_endorsements (
  request_id integer not null references service_requests(id),
  unit_code  text not null references regions(code),
  number     text not null,
  year       integer not null,
  seq        integer not null,
  at         timestamptz not null,
  signer     jsonb not null,
  primary key (request_id, unit_code)
);
