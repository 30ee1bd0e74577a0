-- Why: E-Kinerja (issue 16, item 6): TPP inputs per employee per month. The job class (kelas jabatan) of each
-- employee, set by the BKPSDM (the basic amount per class is the city's data file, TPP_SCHEME_FILE); the month's
-- rows are computed from the predikat and the E-Presensi cuts and, at month close, locked: written once with every
-- input that made the figure (primary key per employee and month: locking twice writes nothing new). Each export
-- for the finance office is recorded with the SHA-256 of the exact bytes sent.

create table skp_tpp_classes (
  employee_id integer primary key references employees(id),
  kelas       integer not null check (kelas between 1 and 17),
  set_by      integer not null references users(id),
  set_at      timestamptz not null default now()
);
create index skp_tpp_classes_set_by on skp_tpp_classes (set_by);

create table skp_tpp_months (
  employee_id    integer not null references employees(id),
  month          text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  unit_id        integer not null references org_units(id),
  kelas          integer check (kelas between 1 and 17),
  basic          bigint not null check (basic >= 0),
  predikat       text check (predikat in ('sangat_baik', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang')),
  cut_percent    numeric(7, 2) not null check (cut_percent >= 0),
  working_days   integer not null check (working_days >= 0),
  stopped_days   integer not null check (stopped_days >= 0),
  amount         bigint not null check (amount >= 0 and amount <= basic),
  inputs         jsonb not null,
  locked_by      integer not null references users(id),
  locked_at      timestamptz not null default now(),
  primary key (employee_id, month)
);
create index skp_tpp_months_unit_month on skp_tpp_months (unit_id, month);
create index skp_tpp_months_locked_by on skp_tpp_months (locked_by);

create table skp_tpp_exports (
  id         integer generated always as identity primary key,
  unit_id    integer not null references org_units(id),
  month      text not null,
  format     text not null check (format in ('csv', 'xlsx')),
  sha256     text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  rows       integer not null,
  created_by integer not null references users(id),
  created_at timestamptz not null default now()
);
create index skp_tpp_exports_unit on skp_tpp_exports (unit_id, month);
create index skp_tpp_exports_created_by on skp_tpp_exports (created_by);
