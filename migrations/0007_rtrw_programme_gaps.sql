-- Why: the rest of issue 4 (Pembinaan RT/RW). A BPJS Ketenagakerjaan claim
-- records when the accident or death happened, not only when it was reported,
-- and its status moves on after the report (dilaporkan → diproses → dibayar or
-- ditolak): every move is kept as a row with its note, the date it took effect
-- and who recorded it, so the claim's history is never overwritten. The
-- scanned appointment decree (SK) of a term needs no new table: it is a
-- stored_files row referenced by rtrw_terms.decree_file_id (0003).

alter table bpjs_claims add column occurred_on date;

create table bpjs_claim_events (
  id           integer generated always as identity primary key,
  claim_id     integer not null references bpjs_claims (id),
  from_status  text not null check (from_status in ('dilaporkan', 'diproses', 'dibayar', 'ditolak')),
  to_status    text not null check (to_status in ('diproses', 'dibayar', 'ditolak')),
  effective_on date not null,
  note         text not null default '' check (length(note) <= 1000),
  recorded_at  timestamptz not null default now(),
  recorded_by  integer not null references users (id),
  check (from_status <> to_status)
);
create index bpjs_claim_events_claim_idx on bpjs_claim_events (claim_id);
create index bpjs_claim_events_recorded_by_idx on bpjs_claim_events (recorded_by);
