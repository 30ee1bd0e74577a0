-- Why: the annual leave balance (PP 11/2017) carries unused days from the two
-- previous years, but the platform holds no leave history from before an
-- employee was registered. The staff administrator records those carried
-- days per employee and year; the balance rule reads them.
create table leave_carryover (
  employee_id          integer not null references employees(id),
  year                 integer not null check (year between 2000 and 2100),
  unused_last_year     integer not null check (unused_last_year between 0 and 12),
  unused_two_years_ago integer not null check (unused_two_years_ago between 0 and 12),
  updated_by           integer not null references users(id),
  updated_at           timestamptz not null,
  primary key (employee_id, year)
);
