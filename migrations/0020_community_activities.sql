-- Why: issue 13 item 5. RT/RW heads lead kerja bakti, gotong royong,
-- musyawarah and siskamling (DOMAIN.md, the seed's "penggerak swadaya"); a
-- head reports each activity with one photo taken on the phone, the lurah (or
-- kelurahan staff) confirms or refuses it with a reason, and confirmed
-- activities count in the head's kinerja score. A phone without signal keeps
-- the report and sends it again later: the key the phone made is unique per
-- reporter, so a replay inserts nothing. The decision is guarded by the status
-- (dilaporkan → dikonfirmasi | ditolak, once).
create table community_activities (
  id              integer generated always as identity primary key,
  region_code     text not null references regions (code),
  reported_by     integer not null references users (id),
  idempotency_key text not null check (idempotency_key ~ '^[A-Za-z0-9_-]{8,64}$'),
  held_on         date not null,
  kind            text not null check (kind in ('kerja_bakti', 'gotong_royong', 'musyawarah', 'siskamling', 'lainnya')),
  description     text not null check (length(description) between 1 and 500),
  participants    integer not null check (participants between 1 and 10000),
  photo_file_id   integer not null references stored_files (id),
  status          text not null default 'dilaporkan' check (status in ('dilaporkan', 'dikonfirmasi', 'ditolak')),
  reported_at     timestamptz not null default now(),
  decided_by      integer references users (id),
  decided_at      timestamptz,
  decision_reason text check (length(decision_reason) <= 500),
  unique (reported_by, idempotency_key),
  check ((status = 'dilaporkan') = (decided_at is null)),
  check ((status = 'dilaporkan') = (decided_by is null)),
  check (status <> 'ditolak' or length(decision_reason) >= 1)
);
-- reported_by is covered by the unique index (its first column).
create index community_activities_region_idx on community_activities (region_code, held_on);
create index community_activities_photo_idx on community_activities (photo_file_id);
create index community_activities_decided_by_idx on community_activities (decided_by);
-- The kinerja count: confirmed activities of a head in a month.
create index community_activities_confirmed_idx on community_activities (reported_by, held_on) where status = 'dikonfirmasi';
