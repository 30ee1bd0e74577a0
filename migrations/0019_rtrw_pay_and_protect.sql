-- Why: issue 13, "Pay and protect". Heads are paid non-cash to their bank
-- account against a kuitansi, with PPh 21 withheld, so each head account gets
-- a payment identity (NIK, bank account and NPWP encrypted with DATA_KEY as
-- residents' NIK are, a masked form for lists). Each honor payment keeps its
-- gross, the tax base (DPP, cumulative within the year), the tax, the net and
-- a snapshot of the rule it was computed with, plus the transfer proof (once).
-- A BPJS Ketenagakerjaan claim gets the incident place and chronology, whether
-- an accident happened on the road (a police report is then required), the
-- heirs of a death claim, its documents per checklist item and the children's
-- scholarship records. All written by the rtrw-programme module.

create table head_payment_identities (
  user_id        integer primary key references users (id),
  nik_enc        bytea,
  nik_masked     text,
  bank_name      text not null default '' check (length(bank_name) <= 100),
  account_enc    bytea,
  account_masked text,
  account_holder text not null default '' check (length(account_holder) <= 200),
  npwp_enc       bytea,
  npwp_masked    text,
  updated_at     timestamptz not null default now(),
  updated_by     integer not null references users (id),
  check ((nik_enc is null) = (nik_masked is null)),
  check ((account_enc is null) = (account_masked is null)),
  check ((npwp_enc is null) = (npwp_masked is null))
);
create index head_payment_identities_updated_by_idx on head_payment_identities (updated_by);

alter table allowance_payments
  add column id integer generated always as identity unique,
  add column dpp integer not null default 0 check (dpp >= 0),
  add column tax integer not null default 0 check (tax >= 0),
  add column net integer,
  add column tax_rule jsonb,
  add column transfer_ref text check (length(transfer_ref) <= 100),
  add column proof_file_id integer references stored_files (id),
  add column transferred_at timestamptz,
  add column transferred_by integer references users (id);
update allowance_payments set net = amount;
alter table allowance_payments
  alter column net set not null,
  add constraint allowance_payments_net_check check (net = amount - tax),
  add constraint allowance_payments_transfer_check
    check ((transferred_at is null) = (transfer_ref is null) and (transferred_at is null) = (transferred_by is null));
create index allowance_payments_proof_idx on allowance_payments (proof_file_id);
create index allowance_payments_transferred_by_idx on allowance_payments (transferred_by);

alter table bpjs_claims
  add column incident_place text not null default '' check (length(incident_place) <= 300),
  add column chronology text not null default '' check (length(chronology) <= 4000),
  add column road_accident boolean not null default false;

create table bpjs_claim_heirs (
  id             integer generated always as identity primary key,
  claim_id       integer not null references bpjs_claims (id),
  name           text not null check (length(name) between 1 and 200),
  relationship   text not null check (relationship in ('suami', 'istri', 'anak', 'orang_tua', 'saudara', 'lainnya')),
  nik_enc        bytea not null,
  nik_hash       bytea not null,
  nik_masked     text not null,
  bank_name      text not null default '' check (length(bank_name) <= 100),
  account_enc    bytea,
  account_masked text,
  added_at       timestamptz not null default now(),
  added_by       integer not null references users (id),
  check ((account_enc is null) = (account_masked is null)),
  -- The same person once per claim (blind index of the NIK): a double click adds one heir.
  unique (claim_id, nik_hash)
);
create index bpjs_claim_heirs_added_by_idx on bpjs_claim_heirs (added_by);

create table bpjs_claim_documents (
  id          integer generated always as identity primary key,
  claim_id    integer not null references bpjs_claims (id),
  item        text not null check (item ~ '^[a-z_]{1,40}$'),
  file_id     integer not null references stored_files (id),
  uploaded_at timestamptz not null default now(),
  uploaded_by integer not null references users (id)
);
create index bpjs_claim_documents_claim_idx on bpjs_claim_documents (claim_id, item);
create index bpjs_claim_documents_file_idx on bpjs_claim_documents (file_id);
create index bpjs_claim_documents_uploaded_by_idx on bpjs_claim_documents (uploaded_by);

create table bpjs_claim_scholarships (
  id          integer generated always as identity primary key,
  claim_id    integer not null references bpjs_claims (id),
  child_name  text not null check (length(child_name) between 1 and 200),
  level       text not null check (level ~ '^[A-Z]{1,10}$'),
  school_year text not null check (school_year ~ '^\d{4}/\d{4}$'),
  status      text not null default 'diajukan' check (status in ('diajukan', 'aktif', 'selesai', 'dihentikan')),
  added_at    timestamptz not null default now(),
  added_by    integer not null references users (id),
  unique (claim_id, child_name, school_year)
);
create index bpjs_claim_scholarships_added_by_idx on bpjs_claim_scholarships (added_by);
