-- Why: the staff side of the platform (Portal PNS) starts with E-Presensi.
-- Civil servants (ASN: PNS and PPPK) work in a tree of organisation units
-- (OPD → bidang → sub-bagian; kecamatan and kelurahan offices are units too),
-- each with a materialised path so "a head sees their unit and below" is one
-- prefix filter. Attendance records are append-only, keyed by the phone's
-- idempotency key so a retry after a dropped connection never duplicates a
-- record; the day's status is computed by pure rules and, once closed, kept
-- with its history so a late approval's recomputation is traceable.

alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
  check (role in ('admin_kota', 'camat', 'staf_kecamatan', 'lurah', 'staf_kelurahan', 'ketua_rw', 'ketua_rt', 'warga', 'pegawai'));

create table work_schedules (
  id          integer generated always as identity primary key,
  region_code text not null references regions(code),
  name        text not null check (length(name) between 1 and 120),
  definition  jsonb not null,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  unique (region_code, name)
);

create table org_units (
  id               integer generated always as identity primary key,
  region_code      text not null references regions(code),
  parent_id        integer references org_units(id),
  code             text not null check (code ~ '^[A-Z0-9-]{1,20}$'),
  -- The city's code, then each unit's code down the tree: '35.74/DISKOMINFO/APTIKA'.
  path             text not null unique check (path ~ '^[0-9.]+(/[A-Z0-9-]{1,20})+$'),
  name             text not null check (length(name) between 1 and 160),
  kind             text not null check (kind in ('opd', 'bidang', 'subbagian', 'uptd', 'kecamatan', 'kelurahan')),
  head_employee_id integer,
  schedule_id      integer references work_schedules(id),
  active           boolean not null default true,
  created_at       timestamptz not null default now(),
  check ((parent_id is null) = (path !~ '/.*/'))
);
create index org_units_path_idx on org_units (path text_pattern_ops);
create index org_units_parent_idx on org_units (parent_id);
create index org_units_region_idx on org_units (region_code text_pattern_ops);

create table employees (
  id            integer generated always as identity primary key,
  user_id       integer not null unique references users(id),
  nip           text not null unique check (nip ~ '^[0-9]{18}$'),
  kind          text not null check (kind in ('PNS', 'PPPK')),
  position      text not null check (length(position) between 1 and 160),
  grade         text check (grade is null or length(grade) between 1 and 20),
  unit_id       integer not null references org_units(id),
  supervisor_id integer references employees(id),
  schedule_id   integer references work_schedules(id),
  shift_offset  integer not null default 0 check (shift_offset between 0 and 30),
  active        boolean not null default true,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  check (supervisor_id is null or supervisor_id <> id)
);
create index employees_unit_idx on employees (unit_id);
create index employees_supervisor_idx on employees (supervisor_id);
alter table org_units add constraint org_units_head_fk foreign key (head_employee_id) references employees(id);
create index org_units_head_idx on org_units (head_employee_id);

-- Holidays, collective leave and Ramadan, per city (editable calendar).
create table calendar_entries (
  id          integer generated always as identity primary key,
  region_code text not null references regions(code),
  kind        text not null check (kind in ('libur_nasional', 'cuti_bersama', 'ramadan')),
  start_date  date not null,
  end_date    date not null,
  name        text not null check (length(name) between 1 and 120),
  created_at  timestamptz not null default now(),
  check (end_date >= start_date and end_date - start_date <= 45)
);
create index calendar_entries_region_idx on calendar_entries (region_code, start_date);

-- The city's lateness bands and allowance cuts (a mayor's regulation): data, not code.
create table attendance_rules (
  region_code text primary key references regions(code),
  rules       jsonb not null,
  updated_by  integer references users(id),
  updated_at  timestamptz not null default now()
);

create table work_locations (
  id          integer generated always as identity primary key,
  region_code text not null references regions(code),
  name        text not null check (length(name) between 1 and 160),
  lat         double precision not null check (lat between -90 and 90),
  lon         double precision not null check (lon between -180 and 180),
  radius_m    integer not null default 100 check (radius_m between 10 and 2000),
  active      boolean not null default true,
  created_at  timestamptz not null default now()
);
create index work_locations_region_idx on work_locations (region_code text_pattern_ops);

create table employee_locations (
  employee_id integer not null references employees(id),
  location_id integer not null references work_locations(id),
  primary key (employee_id, location_id)
);
create index employee_locations_location_idx on employee_locations (location_id);

create table absence_requests (
  id              integer generated always as identity primary key,
  employee_id     integer not null references employees(id),
  idempotency_key text not null check (length(idempotency_key) between 8 and 64),
  type            text not null check (type in ('izin', 'sakit', 'cuti_tahunan', 'cuti_besar', 'cuti_sakit', 'cuti_melahirkan', 'cuti_alasan_penting',
                                                'cuti_bersama', 'cuti_luar_tanggungan', 'dinas_luar', 'tugas_belajar')),
  start_date      date not null,
  end_date        date not null,
  working_days    integer not null check (working_days >= 0),
  reason          text not null check (length(reason) between 1 and 500),
  -- Dinas luar: where the employee will be; check-in is allowed there.
  place           text check (place is null or length(place) between 1 and 160),
  place_lat       double precision check (place_lat is null or place_lat between -90 and 90),
  place_lon       double precision check (place_lon is null or place_lon between -180 and 180),
  place_radius_m  integer check (place_radius_m is null or place_radius_m between 10 and 5000),
  attachment_id   integer references stored_files(id),
  status          text not null default 'diajukan' check (status in ('diajukan', 'disetujui', 'ditolak', 'dibatalkan')),
  approver_id     integer references employees(id),
  decided_by      integer references users(id),
  decided_at      timestamptz,
  decision_note   text check (decision_note is null or length(decision_note) <= 500),
  created_at      timestamptz not null default now(),
  unique (employee_id, idempotency_key),
  check (end_date >= start_date and end_date - start_date <= 366),
  check ((status in ('disetujui', 'ditolak')) = (decided_at is not null))
);
create index absence_requests_employee_idx on absence_requests (employee_id, start_date);
create index absence_requests_approver_idx on absence_requests (approver_id, status);

create table attendance_records (
  id              bigint generated always as identity primary key,
  employee_id     integer not null references employees(id),
  idempotency_key text not null check (length(idempotency_key) between 8 and 64),
  kind            text not null check (kind in ('masuk', 'pulang')),
  -- When the record was taken: the device's time when it is plausible and
  -- inside the offline window, otherwise the server's receipt time.
  taken_at        timestamptz not null,
  device_time     timestamptz not null,
  received_at     timestamptz not null,
  work_date       date not null,
  lat             double precision,
  lon             double precision,
  accuracy_m      real,
  location_id     integer references work_locations(id),
  absence_id      integer references absence_requests(id),
  distance_m      real,
  flags           text[] not null default '{}',
  sent_late       boolean not null default false,
  selfie_id       integer references stored_files(id),
  review          text check (review in ('diterima', 'ditolak')),
  reviewed_by     integer references users(id),
  reviewed_at     timestamptz,
  unique (employee_id, idempotency_key)
);
create index attendance_records_employee_idx on attendance_records (employee_id, taken_at);
create index attendance_records_date_idx on attendance_records (work_date, employee_id);
create index attendance_records_flagged_idx on attendance_records (work_date) where flags <> '{}' and review is null;

-- A closed day per employee (written when the day is over and again when a
-- late approval changes it); the previous value moves to the history.
create table attendance_days (
  employee_id   integer not null references employees(id),
  work_date     date not null,
  status        text not null,
  check_in      timestamptz,
  check_out     timestamptz,
  late_minutes  integer not null default 0,
  early_minutes integer not null default 0,
  late_band     text,
  early_band    text,
  absence_type  text,
  cut_percent   numeric(6, 2) not null default 0,
  computed_at   timestamptz not null,
  primary key (employee_id, work_date)
);
create table attendance_day_history (
  id            bigint generated always as identity primary key,
  employee_id   integer not null references employees(id),
  work_date     date not null,
  old_status    text not null,
  new_status    text not null,
  old_cut       numeric(6, 2) not null,
  new_cut       numeric(6, 2) not null,
  reason        text not null,
  changed_at    timestamptz not null
);
create index attendance_day_history_idx on attendance_day_history (employee_id, work_date);
