-- Why: layanan warga (Portal Emas). Citizens ask for letters that pass RT →
-- RW → kelurahan (→ kecamatan); every transition is recorded with its budget
-- and elapsed time so reports stay true after configuration changes; letter
-- numbers come from a per-unit, per-year counter row (never max()+1) and are
-- unique; a letter's content is signed with the city's Ed25519 key, whose
-- public half is kept here so every instance can verify.

create table letter_types (
  id                   integer generated always as identity primary key,
  code                 text not null unique check (code ~ '^[a-z0-9_]{2,40}$'),
  name                 text not null check (length(name) between 1 and 120),
  description          text not null default '',
  fields               jsonb not null default '[]',
  attachments          jsonb not null default '[]',
  validity_days        integer not null default 30 check (validity_days between 1 and 3650),
  route                text[] not null check (cardinality(route) between 1 and 4 and route <@ array['rt', 'rw', 'kelurahan', 'kecamatan']),
  stage_budgets        jsonb not null,
  total_budget_minutes integer not null default 45 check (total_budget_minutes between 1 and 100000),
  classification       text not null check (length(classification) between 1 and 20),
  template             text not null,
  active               boolean not null default true,
  version              integer not null default 1,
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now()
);

-- Files (photos of KTP/KK, PDFs) live in PostgreSQL by default, reachable
-- from every app instance; phones compress them to well under the limit.
create table stored_files (
  id         integer generated always as identity primary key,
  sha256     text not null,
  mime       text not null check (mime in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  size_bytes integer not null check (size_bytes between 1 and 5242880),
  content    bytea not null,
  created_at timestamptz not null default now()
);

create table service_requests (
  id                  integer generated always as identity primary key,
  tracking_code       text not null unique,
  idempotency_key     text not null,
  submitted_by        integer not null references users(id),
  resident_id         integer not null references residents(id),
  region_code         text not null references regions(code),
  letter_type_id      integer not null references letter_types(id),
  -- The letter type as it was at submission: later edits never alter this request.
  type_snapshot       jsonb not null,
  field_values        jsonb not null default '{}',
  purpose             text not null default '' check (length(purpose) <= 300),
  status              text not null default 'in_progress' check (status in ('in_progress', 'returned', 'rejected', 'completed')),
  stage_index         integer not null default 0,
  stage               text check (stage in ('rt', 'rw', 'kelurahan', 'kecamatan')),
  stage_started_at    timestamptz not null,
  stage_warn_at       timestamptz,
  stage_due_at        timestamptz,
  stage_warned        boolean not null default false,
  stage_escalated     boolean not null default false,
  submitted_at        timestamptz not null,
  due_at              timestamptz not null,
  overdue             boolean not null default false,
  completed_at        timestamptz,
  version             integer not null default 1,
  unique (submitted_by, idempotency_key)
);
create index service_requests_region_idx on service_requests (region_code text_pattern_ops);
create index service_requests_queue_idx on service_requests (stage, status, submitted_at);
create index service_requests_warn_idx on service_requests (stage_warn_at) where status = 'in_progress' and not stage_warned;
create index service_requests_due_idx on service_requests (stage_due_at) where status = 'in_progress' and not stage_escalated;
create index service_requests_resident_idx on service_requests (resident_id);
create index service_requests_type_idx on service_requests (letter_type_id);
create index service_requests_submitted_by_idx on service_requests (submitted_by);

create table request_attachments (
  id         integer generated always as identity primary key,
  request_id integer not null references service_requests(id),
  kind       text not null check (length(kind) between 1 and 40),
  file_id    integer not null references stored_files(id),
  created_at timestamptz not null default now()
);
create index request_attachments_request_idx on request_attachments (request_id);
create index request_attachments_file_idx on request_attachments (file_id);

create table request_transitions (
  id                    bigint generated always as identity primary key,
  request_id            integer not null references service_requests(id),
  seq                   integer not null,
  action                text not null check (action in ('submit', 'approve', 'return', 'resubmit', 'reject', 'issue')),
  from_stage            text,
  to_stage              text,
  actor_id              integer references users(id),
  actor_name            text,
  actor_role            text,
  reason                text not null default '' check (length(reason) <= 500),
  at                    timestamptz not null,
  stage_budget_minutes  integer,
  elapsed_seconds       integer,
  within_budget         boolean,
  unique (request_id, seq)
);
create index request_transitions_actor_idx on request_transitions (actor_id);
create index request_transitions_at_idx on request_transitions (at);

-- Counter per issuing unit and year: the row lock serialises issuance, so
-- numbers are consecutive and never reused.
create table letter_sequences (
  unit_code  text not null,
  year       integer not null,
  last_value integer not null,
  primary key (unit_code, year)
);

create table signing_keys (
  kid         text primary key,
  public_key  text not null,
  created_at  timestamptz not null default now(),
  retired_at  timestamptz
);

create table letters (
  id              integer generated always as identity primary key,
  request_id      integer not null unique references service_requests(id),
  verify_code     text not null unique,
  number          text not null,
  unit_code       text not null,
  year            integer not null,
  seq             integer not null,
  issued_at       timestamptz not null,
  valid_until     date not null,
  -- Exactly what was signed (canonical JSON) and the signature over it.
  payload         jsonb not null,
  signature       text not null,
  kid             text not null references signing_keys(kid),
  unique (unit_code, year, seq),
  unique (number)
);

create table notifications (
  id          bigint generated always as identity primary key,
  user_id     integer not null references users(id),
  request_id  integer references service_requests(id),
  kind        text not null,
  dedupe_key  text not null unique,
  title       text not null,
  body        text not null,
  link        text,
  created_at  timestamptz not null default now(),
  read_at     timestamptz
);
create index notifications_user_idx on notifications (user_id, read_at);
create index notifications_request_idx on notifications (request_id);

create table deliveries (
  id              bigint generated always as identity primary key,
  notification_id bigint not null references notifications(id),
  channel         text not null check (channel in ('email', 'webhook')),
  target          text not null,
  status          text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts        integer not null default 0,
  last_error      text,
  next_attempt_at timestamptz not null default now(),
  created_at      timestamptz not null default now(),
  sent_at         timestamptz,
  unique (notification_id, channel)
);
create index deliveries_pending_idx on deliveries (next_attempt_at) where status = 'pending';
create index deliveries_notification_idx on deliveries (notification_id);

alter table users add column notify_email boolean not null default false;
alter table users add column notify_webhook boolean not null default false;
