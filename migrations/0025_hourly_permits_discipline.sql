-- Why: hourly permits (izin terlambat datang, izin meninggalkan kantor, izin
-- pulang cepat; issue 14 item 5). A civil servant asks from the phone, the
-- direct superior decides (approve, or refuse with a reason), and an approved
-- permit cancels the TL/PSW band it covers in that day's status
-- (attendance/permits-rules.ts). The times are the city's wall times on
-- work_date; the day rule reads them as instants in the city's zone. The
-- discipline counts of PP 94/2021 (item 8) need no table: they are counted
-- from attendance_days, against a rules table kept as a data file
-- (reference/disiplin-pp-94-2021.json).
create table hourly_permits (
  id              integer generated always as identity primary key,
  employee_id     integer not null references employees(id),
  idempotency_key text not null check (length(idempotency_key) between 8 and 64),
  kind            text not null check (kind in ('terlambat', 'meninggalkan_kantor', 'pulang_cepat')),
  work_date       date not null,
  -- 'HH:MM', the city's wall time (text: compared as written, no zone attached).
  start_time      text not null check (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  end_time        text not null check (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  reason          text not null check (length(reason) between 1 and 500),
  status          text not null default 'diajukan' check (status in ('diajukan', 'disetujui', 'ditolak', 'dibatalkan')),
  approver_id     integer references employees(id),
  decided_by      integer references users(id),
  decided_at      timestamptz,
  decision_note   text check (decision_note is null or length(decision_note) between 1 and 500),
  created_at      timestamptz not null default now(),
  unique (employee_id, idempotency_key),
  check (end_time > start_time),
  check ((status in ('disetujui', 'ditolak')) = (decided_at is not null)),
  -- A refusal says why.
  check (status <> 'ditolak' or decision_note is not null)
);
create index hourly_permits_employee_idx on hourly_permits (employee_id, work_date);
create index hourly_permits_approver_idx on hourly_permits (approver_id, status);
-- The discipline page reads a year of unexcused days per person.
create index attendance_days_unexcused_idx on attendance_days (work_date, employee_id) where status = 'tanpa_keterangan';
