-- Why: Naskah keluar (issue 15, item 5). An outgoing naskah is a `naskah` row (direction 'keluar') drafted from a
-- template per kind (Permendagri 1/2023), kept in versions (the text diff between them is shown), routed along one
-- ordered list of steps (paraf, pendapat, one tandatangan, tembusan) whose defaults are configured per kind and
-- unit (no signer in the code), numbered at signing from a counter row per series and year locked in the signing
-- transaction (unique and gapless, never max()+1), signed (PAdES PDF + an Ed25519 record the letters module keeps
-- so /v/<code> answers ASLI) and dispatched: to internal units as a naskah masuk in their agenda, to external
-- addresses as an e-mail row in an outbox. Every step action is a conditional UPDATE (status 'menunggu', current
-- step), so simultaneous clicks record one act.

-- The signed record of a document other than a citizen letter (letters module: /v/ and the file check find it).
-- Its verify codes are 14 characters long, letters' 12: the two never collide.
create table signed_documents (
  id          integer generated always as identity primary key,
  verify_code text not null unique check (length(verify_code) between 6 and 40),
  source      text not null check (source in ('naskah_keluar')),
  source_id   integer not null,
  number      text not null,
  issued_at   timestamptz not null,
  payload     jsonb not null,
  signature   text not null,
  kid         text not null references signing_keys(kid),
  unique (source, source_id)
);
create index signed_documents_kid on signed_documents (kid);

-- The default routing list of a kind of naskah in a unit (the unit's head or the city admin keeps it).
create table naskah_routing_defaults (
  unit_id     integer not null references org_units(id),
  kind_code   text not null check (kind_code ~ '^[a-z_]{2,40}$'),
  position    integer not null check (position between 1 and 30),
  role        text not null check (role in ('paraf', 'pendapat', 'tandatangan', 'tembusan')),
  employee_id integer not null references employees(id),
  updated_by  integer not null references users(id),
  updated_at  timestamptz not null default now(),
  primary key (unit_id, kind_code, position)
);
create index naskah_routing_defaults_employee on naskah_routing_defaults (employee_id);
create index naskah_routing_defaults_updater on naskah_routing_defaults (updated_by);

-- Number counters: one row per series (NASKAH_NUMBER_SERIES: per unit or per city) and year.
create table naskah_number_counters (
  series      text not null check (length(series) between 1 and 60),
  year        integer not null check (year between 2000 and 2999),
  last_number integer not null check (last_number >= 1),
  primary key (series, year)
);

alter table naskah
  add column current_version integer,
  add column routing_round   integer,
  add column number_series   text,
  add column number_year     integer,
  add column number_seq      integer check (number_seq >= 1),
  add column letter_number   text,
  add column signed_at       timestamptz,
  add column signed_by       integer references employees(id),
  add column verify_code     text,
  add column sent_at         timestamptz,
  add check (direction <> 'keluar' or (current_version is not null and routing_round is not null)),
  add check ((number_seq is null) = (letter_number is null)),
  add check (status not in ('ditandatangani', 'dikirim') or (letter_number is not null and signed_at is not null
             and file_id is not null and verify_code is not null));
create unique index naskah_number_unique on naskah (number_series, number_year, number_seq) where number_seq is not null;
create index naskah_signed_by on naskah (signed_by);

create table naskah_versions (
  naskah_id   integer not null references naskah(id),
  version     integer not null check (version >= 1),
  perihal     text not null check (length(perihal) between 1 and 500),
  body        text not null check (length(body) between 1 and 20000),
  -- [{ "type": "internal", "unitId": 1, "name": "…" } | { "type": "external", "name", "address", "email" }]
  addressees  jsonb not null,
  lampiran    integer not null default 0 check (lampiran between 0 and 20),
  created_by  integer not null references users(id),
  created_at  timestamptz not null default now(),
  primary key (naskah_id, version)
);
create index naskah_versions_creator on naskah_versions (created_by);

create table naskah_attachments (
  id         integer generated always as identity primary key,
  naskah_id  integer not null references naskah(id),
  version    integer not null,
  file_id    integer not null references stored_files(id),
  sha256     text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  name       text not null check (length(name) between 1 and 200),
  foreign key (naskah_id, version) references naskah_versions(naskah_id, version)
);
create index naskah_attachments_naskah on naskah_attachments (naskah_id, version);
create index naskah_attachments_file on naskah_attachments (file_id);

-- One ordered routing list per naskah and round; a return ends the round, the drafter's new version starts the
-- next one from the first verifier.
create table naskah_routing_steps (
  id             integer generated always as identity primary key,
  naskah_id      integer not null references naskah(id),
  round          integer not null check (round >= 1),
  position       integer not null check (position between 1 and 30),
  role           text not null check (role in ('paraf', 'pendapat', 'tandatangan', 'tembusan')),
  employee_id    integer not null references employees(id),
  status         text not null default 'menunggu'
                 check (status in ('menunggu', 'paraf', 'pendapat', 'dikembalikan', 'ditandatangani', 'batal')),
  version        integer not null,
  acted_at       timestamptz,
  -- Who clicked: the step's person, or their Plh./Plt. (acting_kind), so the trail shows both names.
  actor_employee_id integer references employees(id),
  acting_kind    text check (acting_kind in ('plt', 'plh', 'an', 'ub')),
  comment        text check (length(comment) <= 2000),
  unique (naskah_id, round, position),
  check (status in ('menunggu', 'batal') or acted_at is not null),
  check (status <> 'dikembalikan' or length(trim(comment)) > 0)
);
create index naskah_routing_steps_employee on naskah_routing_steps (employee_id, status);
create index naskah_routing_steps_actor on naskah_routing_steps (actor_employee_id);

create table naskah_dispatches (
  id                 integer generated always as identity primary key,
  naskah_id          integer not null references naskah(id),
  kind               text not null check (kind in ('internal', 'external')),
  target_unit_id     integer references org_units(id),
  incoming_naskah_id integer references naskah(id),
  name               text check (length(name) <= 200),
  address            text check (length(address) <= 500),
  email              text check (length(email) <= 254),
  -- The outbox of e-mail: 'antre' until the mail worker sends it.
  status             text not null check (status in ('terkirim', 'antre', 'gagal')),
  attempts           integer not null default 0,
  created_by         integer not null references users(id),
  created_at         timestamptz not null default now(),
  sent_at            timestamptz,
  check (kind <> 'internal' or (target_unit_id is not null and incoming_naskah_id is not null)),
  check (kind <> 'external' or email is not null)
);
create unique index naskah_dispatches_unit on naskah_dispatches (naskah_id, target_unit_id) where kind = 'internal';
create unique index naskah_dispatches_email on naskah_dispatches (naskah_id, lower(email)) where kind = 'external';
create index naskah_dispatches_target on naskah_dispatches (target_unit_id);
create index naskah_dispatches_incoming on naskah_dispatches (incoming_naskah_id);
create index naskah_dispatches_creator on naskah_dispatches (created_by);
create index naskah_dispatches_outbox on naskah_dispatches (status) where status = 'antre';
