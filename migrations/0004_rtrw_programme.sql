-- Why: the city's support programme for its RT and RW heads (issue 4, items
-- 3–6): training with attendance by QR or by the trainer's list, BPJS
-- Ketenagakerjaan enrolments and claims the city keeps (no link to BPJS), the
-- monthly data package and its hand-out, the portal's own data use per head
-- (an estimate from bytes served), and the honorarium with its payments.
-- Heads are identified by their account (users with role ketua_rt/ketua_rw).
-- Unique keys make the repeatable actions idempotent: scanning the QR twice,
-- handing out a month's package, marking a payment paid.

create table trainings (
  id serial primary key,
  region_code text not null references regions (code),
  topic text not null check (topic in ('penggunaan_paket_data', 'operasional_portal', 'administrasi', 'lainnya')),
  title text not null,
  place text not null,
  starts_at timestamptz not null,
  attendance_token text not null unique,
  created_by integer not null references users (id),
  created_at timestamptz not null default now()
);
create index trainings_region_idx on trainings (region_code text_pattern_ops);
create index trainings_created_by_idx on trainings (created_by);

create table training_attendance (
  training_id integer not null references trainings (id),
  user_id integer not null references users (id),
  method text not null check (method in ('qr', 'manual')),
  at timestamptz not null default now(),
  primary key (training_id, user_id)
);
create index training_attendance_user_idx on training_attendance (user_id);

create table bpjs_enrolments (
  user_id integer primary key references users (id),
  membership_number text not null,
  start_date date not null,
  paid_by_city boolean not null default true,
  monthly_contribution integer not null check (monthly_contribution >= 0),
  status text not null check (status in ('aktif', 'nonaktif')),
  updated_at timestamptz not null default now()
);

create table bpjs_claims (
  id serial primary key,
  user_id integer not null references users (id),
  kind text not null check (kind in ('kecelakaan', 'kematian')),
  reported_at timestamptz not null default now(),
  description text not null,
  status text not null default 'dilaporkan' check (status in ('dilaporkan', 'diproses', 'dibayar', 'ditolak'))
);
create index bpjs_claims_user_idx on bpjs_claims (user_id);

create table data_allocations (
  month text not null check (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  user_id integer not null references users (id),
  quota_mb integer not null default 8192 check (quota_mb >= 0),
  portal_mb integer not null default 4096 check (portal_mb >= 0),
  phone text,
  operator text,
  distributed_at timestamptz,
  distributed_by integer references users (id),
  receipt_note text,
  primary key (month, user_id)
);
create index data_allocations_user_idx on data_allocations (user_id);
create index data_allocations_distributed_by_idx on data_allocations (distributed_by);

-- Bytes the platform served to each signed-in account per day (an estimate:
-- counts are buffered in memory for a few seconds before they are written).
create table portal_usage (
  user_id integer not null references users (id),
  day date not null,
  bytes bigint not null default 0 check (bytes >= 0),
  primary key (user_id, day)
);

-- Rates belong to a region (normally the city) so one Pamong can serve
-- several cities, each with its own amounts; the most specific region wins.
create table allowance_rates (
  id serial primary key,
  region_code text not null references regions (code),
  role text not null check (role in ('ketua_rt', 'ketua_rw')),
  amount integer not null check (amount >= 0),
  period text not null check (period in ('bulanan', 'triwulan')),
  valid_from date not null,
  unique (region_code, role, valid_from)
);
create index allowance_rates_region_idx on allowance_rates (region_code text_pattern_ops);

create table allowance_payments (
  period text not null check (period ~ '^\d{4}-((0[1-9]|1[0-2])|Q[1-4])$'),
  user_id integer not null references users (id),
  amount integer not null check (amount >= 0),
  paid_at timestamptz not null default now(),
  paid_by integer not null references users (id),
  primary key (period, user_id)
);
create index allowance_payments_user_idx on allowance_payments (user_id);
create index allowance_payments_paid_by_idx on allowance_payments (paid_by);
