-- Why: Disposisi (issue 15, item 4). The head of an incoming naskah's unit disposes it to named people with
-- instructions (codes of the city's list, reference/naskah-instruksi-disposisi.csv) and a due date; a holder
-- disposes further down (parent_id). read_at is the read receipt; withdrawn_at a withdrawal, allowed only while
-- unread: both are single conditional UPDATEs (`read_at is null and withdrawn_at is null` / `withdrawn_at is
-- null`), so an open racing a withdraw has exactly one winner, and a CHECK keeps the row from holding both.
-- A follow-up report closes a branch (closed_kind 'laporan'); a disposition passed on closes by itself when all
-- its children have closed ('otomatis'). "Tidak perlu disposisi" closes the naskah at the top (naskah.closed_*).
create table naskah_dispositions (
  id               integer generated always as identity primary key,
  naskah_id        integer not null references naskah(id),
  parent_id        integer references naskah_dispositions(id),
  from_employee_id integer not null references employees(id),
  to_employee_id   integer not null references employees(id),
  instructions     text[] not null check (cardinality(instructions) between 1 and 20),
  note             text not null default '' check (length(note) <= 1000),
  due_date         date not null,
  created_by       integer not null references users(id),
  created_at       timestamptz not null default now(),
  read_at          timestamptz,
  withdrawn_at     timestamptz,
  withdrawn_by     integer references users(id),
  closed_at        timestamptz,
  closed_kind      text check (closed_kind in ('laporan', 'otomatis')),
  closed_by        integer references users(id),
  report_text      text check (length(report_text) between 1 and 2000),
  report_file_id   integer references stored_files(id),
  report_sha256    text check (report_sha256 ~ '^[0-9a-f]{64}$'),
  check (from_employee_id <> to_employee_id),
  check (read_at is null or withdrawn_at is null),
  check (withdrawn_at is null or closed_at is null),
  check ((closed_at is null) = (closed_kind is null)),
  check (closed_kind <> 'laporan' or report_text is not null)
);
create index naskah_dispositions_naskah on naskah_dispositions (naskah_id, id);
create index naskah_dispositions_parent on naskah_dispositions (parent_id);
create index naskah_dispositions_to on naskah_dispositions (to_employee_id) where withdrawn_at is null;
create index naskah_dispositions_from on naskah_dispositions (from_employee_id) where withdrawn_at is null;
create index naskah_dispositions_creator on naskah_dispositions (created_by);
create index naskah_dispositions_withdrawer on naskah_dispositions (withdrawn_by);
create index naskah_dispositions_closer on naskah_dispositions (closed_by);
create index naskah_dispositions_report_file on naskah_dispositions (report_file_id);

-- "Tidak perlu disposisi": the head closes the naskah without disposing it (status selesai), with a reason.
alter table naskah
  add column closed_at   timestamptz,
  add column closed_by   integer references users(id),
  add column closed_note text check (length(closed_note) <= 1000);
create index naskah_closed_by on naskah (closed_by);
