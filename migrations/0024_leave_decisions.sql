-- Why: issue 14 items 4 and 6. Leave (cuti) of ASN is decided in two levels
-- (PP 11/2017 as amended by PP 17/2020, Perka BKN 24/2017; PP 49/2018 and
-- Peraturan BKN 7/2022 for PPPK): the direct superior gives a pertimbangan
-- (setuju, perubahan, ditangguhkan, tidak disetujui), then the pejabat yang
-- berwenang (PyB) decides, and the decision is a numbered surat izin cuti.
-- Izin, sakit and dinas luar keep one level (levels = 1). A decided request
-- never changes again: the trigger below refuses it whatever the code does,
-- and guarded updates (where status = …) make one of two concurrent
-- decisions win. CLTN lasts up to three years, so the one-year span check
-- widens. Dinas luar carries its Surat Perintah Tugas number and file.
alter table absence_requests drop constraint absence_requests_status_check;
alter table absence_requests add constraint absence_requests_status_check
  check (status in ('diajukan', 'dipertimbangkan', 'disetujui', 'ditolak', 'ditangguhkan', 'dibatalkan'));
alter table absence_requests drop constraint absence_requests_check1;
alter table absence_requests add constraint absence_requests_decided_check
  check ((status in ('disetujui', 'ditolak', 'ditangguhkan')) = (decided_at is not null));
alter table absence_requests drop constraint absence_requests_check;
alter table absence_requests add constraint absence_requests_span_check
  check (end_date >= start_date and end_date - start_date <= 1100);

alter table absence_requests
  add column levels smallint not null default 1 check (levels in (1, 2)),
  -- The PyB when it is an employee (head of the OPD); null on a two-level request: the city's admin decides.
  add column official_id integer references employees(id),
  -- The dates asked for, when perubahan changed start_date/end_date (which always hold the dates granted or pending).
  add column requested_start date,
  add column requested_end date,
  add column child_order smallint check (child_order is null or child_order between 1 and 20),
  add column consideration text check (consideration in ('setuju', 'perubahan', 'ditangguhkan', 'tidak_disetujui')),
  add column considered_by integer references users(id),
  add column considered_at timestamptz,
  add column consideration_note text check (consideration_note is null or length(consideration_note) <= 500),
  add column consideration_start date,
  add column consideration_end date,
  add column consideration_until date,
  add column decision_outcome text check (decision_outcome in ('setuju', 'perubahan', 'ditangguhkan', 'tidak_disetujui')),
  add column deferred_until date,
  add column spt_number text check (spt_number is null or length(spt_number) between 1 and 100),
  add column spt_file_id integer references stored_files(id);

alter table absence_requests add constraint absence_requests_two_level_check check (
  (levels = 2 or (consideration is null and decision_outcome is null and status <> 'dipertimbangkan'))
  and ((consideration is null) = (considered_at is null))
  and (status <> 'diajukan' or consideration is null)
  and ((decision_outcome is not null) = (levels = 2 and status in ('disetujui', 'ditolak', 'ditangguhkan')))
  and ((status = 'ditangguhkan') = (deferred_until is not null))
  and (consideration is distinct from 'perubahan' or (consideration_start is not null and consideration_end >= consideration_start))
);
create index absence_requests_official_idx on absence_requests (official_id, status);
create index absence_requests_spt_file_idx on absence_requests (spt_file_id) where spt_file_id is not null;

create function absence_requests_final() returns trigger language plpgsql as $$
begin
  if old.status in ('disetujui', 'ditolak', 'ditangguhkan', 'dibatalkan') then
    raise exception 'absence request % is already decided (%)', old.id, old.status using errcode = '55000';
  end if;
  return new;
end $$;
create trigger absence_requests_final before update on absence_requests
  for each row execute function absence_requests_final();

-- The surat izin cuti: numbered from a counter per OPD and year (gapless, never max()+1), one per granted leave.
create table leave_letter_sequences (
  unit_id integer not null references org_units(id),
  year    integer not null check (year between 2000 and 2200),
  last    integer not null check (last > 0),
  primary key (unit_id, year)
);
create table leave_letters (
  absence_id  integer primary key references absence_requests(id),
  unit_id     integer not null references org_units(id),
  year        integer not null,
  seq         integer not null check (seq > 0),
  number      text not null check (length(number) between 1 and 120),
  verify_code text not null unique check (length(verify_code) between 6 and 40),
  issued_at   timestamptz not null,
  -- What the PDF prints, fixed at issue (name, NIP, position, period, decision, the PyB).
  payload     jsonb not null,
  unique (unit_id, year, seq)
);
