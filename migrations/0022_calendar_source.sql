-- Why: issue 14 item 2. The national calendar (SKB 3 Menteri on libur nasional
-- and cuti bersama, and the Ramadan range set by the government's isbat) is
-- imported once a year by the city's BKPSDM: from the file shipped in
-- reference/kalender-libur-YYYY.csv or from an uploaded CSV. Each import is
-- recorded (what it transcribes, the file's SHA-256, who, when), and each
-- calendar entry says which import wrote it (null: entered by hand), so that
-- importing a year again replaces only what earlier imports wrote and keeps
-- the city's own entries.
create table calendar_imports (
  id          integer generated always as identity primary key,
  region_code text not null references regions(code),
  year        integer not null check (year between 2000 and 2100),
  origin      text not null check (origin in ('bawaan', 'unggahan')),
  source      text not null check (length(source) between 1 and 300),
  file_sha256 text not null check (file_sha256 ~ '^[0-9a-f]{64}$'),
  entries     integer not null check (entries >= 0),
  imported_by integer references users(id),
  created_at  timestamptz not null default now()
);
create index calendar_imports_region_year_idx on calendar_imports (region_code, year, id);
create index calendar_imports_user_idx on calendar_imports (imported_by);

alter table calendar_entries add column import_id integer references calendar_imports(id);
create index calendar_entries_import_idx on calendar_entries (import_id);
