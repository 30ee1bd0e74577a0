-- Why: E-Kinerja (issue 16, item 1): each employee's SKP per year under PermenPANRB 6/2022 — results (RHK) main and
-- additional, each supporting a result of the superior (the cascade: parent_result_id; cycles and another unit's
-- parent are refused by the service's pure rules, the parent's row must exist by FK), indicators with target and
-- aspect, the seven BerAKHLAK behaviours with the superior's expectation. Drafted by the employee, agreed by the
-- appraiser (pejabat penilai); a change after agreement is a new version (the old row is kept, marked diganti):
-- one live version per employee and year (partial unique index).

create table skp_plans (
  id             integer generated always as identity primary key,
  employee_id    integer not null references employees(id),
  -- Snapshots at creation: the unit's path scopes who sees the SKP; the appraiser agrees it.
  unit_id        integer not null references org_units(id),
  unit_path      text not null,
  appraiser_id   integer references employees(id),
  year           integer not null check (year between 2000 and 2999),
  version        integer not null default 1 check (version >= 1),
  status         text not null default 'draf' check (status in ('draf', 'diajukan', 'disetujui', 'diganti')),
  return_note    text check (length(return_note) <= 1000),
  submitted_at   timestamptz,
  agreed_at      timestamptz,
  agreed_by      integer references employees(id),
  replaces_id    integer references skp_plans(id),
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  unique (employee_id, year, version),
  check ((status = 'disetujui') = (agreed_at is not null) or status = 'diganti')
);
create unique index skp_plans_live on skp_plans (employee_id, year) where status <> 'diganti';
create index skp_plans_unit_path on skp_plans (unit_path text_pattern_ops);
create index skp_plans_appraiser on skp_plans (appraiser_id);
create index skp_plans_unit on skp_plans (unit_id);
create index skp_plans_agreed_by on skp_plans (agreed_by);
create index skp_plans_replaces on skp_plans (replaces_id);

create table skp_results (
  id               integer generated always as identity primary key,
  skp_id           integer not null references skp_plans(id),
  kind             text not null check (kind in ('utama', 'tambahan')),
  position         integer not null check (position >= 1),
  text             text not null check (length(text) between 3 and 500),
  parent_result_id integer references skp_results(id),
  -- The result of the previous version this one carries on (a new version copies the results).
  carried_from_id  integer references skp_results(id),
  created_at       timestamptz not null default now(),
  check (parent_result_id is null or parent_result_id <> id),
  unique (skp_id, position)
);
create index skp_results_skp on skp_results (skp_id);
create index skp_results_parent on skp_results (parent_result_id);
create index skp_results_carried on skp_results (carried_from_id);

create table skp_indicators (
  id          integer generated always as identity primary key,
  result_id   integer not null references skp_results(id),
  text        text not null check (length(text) between 3 and 500),
  aspect      text not null check (aspect in ('kuantitas', 'kualitas', 'waktu', 'biaya')),
  target      numeric(14, 2) not null check (target > 0),
  unit_label  text not null check (length(unit_label) between 1 and 40),
  created_at  timestamptz not null default now()
);
create index skp_indicators_result on skp_indicators (result_id);

-- BerAKHLAK (SE MenPANRB 20/2021; PermenPANRB 6/2022 perilaku kerja): one row per core value per SKP.
create table skp_behaviours (
  skp_id      integer not null references skp_plans(id),
  code        text not null check (code in ('berorientasi_pelayanan', 'akuntabel', 'kompeten', 'harmonis', 'loyal',
                                            'adaptif', 'kolaboratif')),
  expectation text not null default '' check (length(expectation) <= 1000),
  primary key (skp_id, code)
);
