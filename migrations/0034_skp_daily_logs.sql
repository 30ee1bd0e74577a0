-- Why: E-Kinerja (issue 16, items 2 and 3). Monthly action plans (rencana aksi) are proposed from each indicator's
-- annual target when the SKP is agreed, one row per indicator and month, editable by the employee; a daily log
-- (laporan harian) always attaches to a result of the employee's live agreed SKP and, where it has one, to the month's
-- plan. Logs come from phones, often queued offline: the employee's idempotency key is unique, so a replay after a
-- reconnect writes nothing new. The superior approves or returns each log (guarded: only from 'diajukan'); the
-- month's realisation per indicator is the sum of approved quantities.

create table skp_monthly_plans (
  id           integer generated always as identity primary key,
  indicator_id integer not null references skp_indicators(id),
  month        integer not null check (month between 1 and 12),
  target       numeric(14, 2) not null check (target >= 0),
  action       text not null default '' check (length(action) <= 500),
  updated_at   timestamptz not null default now(),
  unique (indicator_id, month)
);

create table skp_daily_logs (
  id               integer generated always as identity primary key,
  employee_id      integer not null references employees(id),
  skp_id           integer not null references skp_plans(id),
  result_id        integer not null references skp_results(id),
  indicator_id     integer references skp_indicators(id),
  log_date         date not null,
  quantity         numeric(14, 2) not null check (quantity >= 0),
  minutes          integer not null check (minutes between 1 and 1440),
  description      text not null check (length(description) between 3 and 1000),
  evidence_file_id integer references stored_files(id),
  idempotency_key  text not null check (idempotency_key ~ '^[A-Za-z0-9_-]{8,64}$'),
  status           text not null default 'diajukan' check (status in ('diajukan', 'disetujui', 'dikembalikan')),
  reviewer_id      integer references employees(id),
  reviewed_at      timestamptz,
  return_note      text check (length(return_note) <= 500),
  created_at       timestamptz not null default now(),
  unique (employee_id, idempotency_key),
  check ((status = 'diajukan') = (reviewed_at is null))
);
create index skp_daily_logs_employee_date on skp_daily_logs (employee_id, log_date);
create index skp_daily_logs_skp on skp_daily_logs (skp_id);
create index skp_daily_logs_result on skp_daily_logs (result_id);
create index skp_daily_logs_indicator on skp_daily_logs (indicator_id);
create index skp_daily_logs_evidence on skp_daily_logs (evidence_file_id);
create index skp_daily_logs_reviewer on skp_daily_logs (reviewer_id);
-- The superior's queue: what waits, oldest first.
create index skp_daily_logs_waiting on skp_daily_logs (created_at) where status = 'diajukan';
