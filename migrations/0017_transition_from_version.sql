-- Why: an approver's decision may be taken without signal and sent minutes
-- later with the version of the request it was taken on. When someone else
-- acted first, the phone is told who decided that version, how and when
-- ("Sudah diputuskan oleh …"). Each decision's trail entry now records the
-- request version it moved from, so that answer names exactly the decision
-- that took the version, not merely the latest one. Entries written before
-- this column existed (and those that move no version: submit, issue) keep null.
alter table request_transitions add column from_version integer;
create index request_transitions_from_version_idx on request_transitions (request_id, from_version)
  where from_version is not null;
