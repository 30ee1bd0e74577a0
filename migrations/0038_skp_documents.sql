-- Why: E-Kinerja (issue 16, item 5): the printable SKP and evaluation, signed like letters. The appraiser signs an
-- agreed SKP or a saved evaluation on request; the signed record goes into the letters module's signed_documents
-- (so /v/<code> and the file check answer for it), the signed PDF into stored_files, and skp_documents ties them to
-- the SKP or evaluation: one signed document each (a new SKP version is a new plan), and every download serves the
-- same stored bytes. A signed evaluation is final: the evaluation service refuses to rewrite it.

alter table signed_documents drop constraint signed_documents_source_check;
alter table signed_documents add constraint signed_documents_source_check
  check (source in ('naskah_keluar', 'skp', 'skp_evaluasi'));

create table skp_documents (
  id            integer generated always as identity primary key,
  kind          text not null check (kind in ('skp', 'evaluasi')),
  skp_id        integer not null references skp_plans(id),
  evaluation_id integer references skp_evaluations(id),
  verify_code   text not null unique references signed_documents(verify_code),
  file_id       integer not null references stored_files(id),
  sha256        text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  signed_by     integer not null references employees(id),
  signed_at     timestamptz not null,
  check ((kind = 'evaluasi') = (evaluation_id is not null))
);
create unique index skp_documents_plan on skp_documents (skp_id) where kind = 'skp';
create unique index skp_documents_evaluation on skp_documents (evaluation_id) where evaluation_id is not null;
create index skp_documents_skp on skp_documents (skp_id);
create index skp_documents_file on skp_documents (file_id);
create index skp_documents_signed_by on skp_documents (signed_by);
