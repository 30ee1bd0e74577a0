-- Why (issue 12, the citizen's side): a returned request could only be resent
-- with a note. Now its requester corrects it (fields, purpose, photos) and the
-- trail keeps every version; a form refused for other errors keeps the photos
-- it already accepted as pending uploads, so nobody picks the same photo twice;
-- and request attachments (KTP/KK photos) are removed after a retention period
-- (UU 27/2022 PDP: personal data kept no longer than its purpose needs).

-- The content of a request as it was before each correction; the current
-- content stays in service_requests. Version n+1 replaced row n.
create table request_versions (
  id              bigint generated always as identity primary key,
  request_id      integer not null references service_requests(id),
  version_no      integer not null check (version_no >= 1),
  purpose         text not null check (length(purpose) <= 300),
  field_values    jsonb not null check (jsonb_typeof(field_values) = 'object'),
  -- [{"id": attachment id, "kind": "ktp"}, …]: the attachments current in this version
  attachments     jsonb not null check (jsonb_typeof(attachments) = 'array'),
  replaced_at     timestamptz not null,
  replaced_by     integer not null references users(id),
  -- The correction that replaced this version: a retry with the same key changes nothing.
  correction_key  text not null check (correction_key ~ '^[A-Za-z0-9_-]{8,64}$'),
  unique (request_id, version_no),
  unique (request_id, correction_key)
);
create index request_versions_replaced_by_idx on request_versions (replaced_by);

-- A photo replaced by a correction stays in the trail (viewable like any
-- attachment) but is no longer the request's current one.
alter table request_attachments add column replaced_at timestamptz;

-- Uploads accepted from a form that was refused for other errors, named in
-- the re-rendered form by a random token, usable only by their owner until
-- they expire (the retention job removes them with their files).
create table pending_uploads (
  id          integer generated always as identity primary key,
  token       text not null unique check (token ~ '^[0-9a-f]{32}$'),
  owner_id    integer not null references users(id),
  kind        text not null check (length(kind) between 1 and 40),
  file_id     integer not null references stored_files(id),
  created_at  timestamptz not null,
  expires_at  timestamptz not null check (expires_at > created_at)
);
create index pending_uploads_owner_idx on pending_uploads (owner_id);
create index pending_uploads_file_idx on pending_uploads (file_id);
create index pending_uploads_expires_idx on pending_uploads (expires_at);

-- The retention job finds finished requests by the time they finished.
create index service_requests_finished_idx on service_requests (completed_at) where status in ('completed', 'rejected');
