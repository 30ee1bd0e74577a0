-- Why (issue 19, observability): an audit row written while answering a
-- request names that request's id, the same id every log line of the request
-- carries and the answer's X-Request-Id header shows, so an operator goes from
-- an audit entry to its log lines and back. Null for rows written before, and
-- for those written by background jobs outside a request. The id is checked
-- well-formed before it is used (src/http/request-id.ts); the CHECK is the
-- database's own bound on it.
alter table audit_log add column if not exists request_id text
  check (request_id ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$');
create index if not exists audit_log_request_idx on audit_log (request_id) where request_id is not null;
