-- Why: E-Kinerja (issue 16, item 5). The appraiser rates each result (RHK) and each BerAKHLAK behaviour — above, as
-- expected, below (PermenPANRB 6/2022) — per period: a month ('2026-03') for the periodic evaluations, or the year
-- ('2026') for the annual one; the overall result and behaviour ratings give the predikat by the regulation's matrix
-- (rules.ts predikatOf), stored with the ratings so a later change of the rules never rewrites a decided predikat.
-- The organisation's own rating (predikat kinerja organisasi) per unit and year is entered by the leader above;
-- the distribution of predikat is checked against it as warnings (reference/skp-kurva-distribusi.csv).

create table skp_evaluations (
  id               integer generated always as identity primary key,
  skp_id           integer not null references skp_plans(id),
  period           text not null check (period ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$'),
  result_rating    text not null check (result_rating in ('di_atas', 'sesuai', 'di_bawah')),
  behaviour_rating text not null check (behaviour_rating in ('di_atas', 'sesuai', 'di_bawah')),
  predikat         text not null check (predikat in ('sangat_baik', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang')),
  note             text not null default '' check (length(note) <= 1000),
  rated_by         integer not null references employees(id),
  rated_at         timestamptz not null default now(),
  unique (skp_id, period)
);
create index skp_evaluations_rated_by on skp_evaluations (rated_by);

create table skp_evaluation_items (
  evaluation_id integer not null references skp_evaluations(id),
  -- Either a result of the SKP or a behaviour code.
  result_id     integer references skp_results(id),
  behaviour     text check (behaviour in ('berorientasi_pelayanan', 'akuntabel', 'kompeten', 'harmonis', 'loyal',
                                          'adaptif', 'kolaboratif')),
  rating        text not null check (rating in ('di_atas', 'sesuai', 'di_bawah')),
  check ((result_id is null) <> (behaviour is null))
);
create unique index skp_evaluation_items_result on skp_evaluation_items (evaluation_id, result_id) where result_id is not null;
create unique index skp_evaluation_items_behaviour on skp_evaluation_items (evaluation_id, behaviour) where behaviour is not null;
create index skp_evaluation_items_result_fk on skp_evaluation_items (result_id);

create table skp_org_ratings (
  unit_id    integer not null references org_units(id),
  year       integer not null check (year between 2000 and 2999),
  rating     text not null check (rating in ('istimewa', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang')),
  set_by     integer not null references users(id),
  set_at     timestamptz not null default now(),
  primary key (unit_id, year)
);
create index skp_org_ratings_set_by on skp_org_ratings (set_by);
