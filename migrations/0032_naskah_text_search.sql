-- Why: E-Surat full-text search over the text layer of a naskah's PDF (issue 15, item 3), next to the metadata
-- search of 0026. One row per PDF of a naskah (the scanned incoming letter now; attachments and signed outgoing
-- PDFs later use the same table): the text PDF.js reads from it, bounded (NASKAH_TEXT_MAX_PAGES/_MAX_CHARS,
-- a timeout), and what came of reading it — 'ada' (text found), 'kosong' (a scan without a text layer),
-- 'gagal' (unreadable or too slow). A failure never blocks registration: the row says so and metadata search
-- still finds the naskah. The tsvector is generated ('simple', as 0026: Indonesian words and numbers without a
-- stemmer PostgreSQL does not ship) with a GIN index; access is decided on the naskah (repo.ts visibleTo).
-- The naskah's unit is repeated here (kept equal by a composite foreign key) and put into the tsvector as one
-- more lexeme, '~u<unit id>' (the 'simple' parser never makes a '~' lexeme from what people type), so search
-- ANDs the viewer's units with the words inside the GIN index instead of reading every matching text of the
-- city and dropping most (bench/naskah-search.ts: 370 ms → see bench/RESULTS.md).
-- The unique key naskah (id, unit_id) the composite foreign key needs is 0030's naskah_id_unit.
create table naskah_texts (
  naskah_id    integer not null references naskah(id),
  unit_id      integer not null references org_units(id),
  file_id      integer not null references stored_files(id),
  status       text not null check (status in ('ada', 'kosong', 'gagal')),
  pages_read   integer not null default 0 check (pages_read >= 0),
  pages_total  integer not null default 0 check (pages_total >= 0),
  truncated    boolean not null default false,
  body         text not null default '' check (length(body) <= 1000000),
  extract_ms   integer not null default 0 check (extract_ms >= 0),
  extracted_at timestamptz not null default now(),
  search       tsvector generated always as
                 (to_tsvector('simple', body) || array_to_tsvector(array['~u' || unit_id::text])) stored,
  primary key (naskah_id, file_id),
  foreign key (naskah_id, unit_id) references naskah (id, unit_id) on update cascade,
  check (status = 'ada' or body = '')
);
create index naskah_texts_file on naskah_texts (file_id);
create index naskah_texts_unit on naskah_texts (unit_id);
create index naskah_texts_search on naskah_texts using gin (search);
-- Looking a naskah up by its agenda number (what a TU types from a paper disposition sheet).
create index naskah_agenda_number on naskah (agenda_number);
