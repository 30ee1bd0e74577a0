-- Why: the public Open311 feed named every request by its tracking code, the
-- one secret that opens its /lacak page (which is rate-limited for exactly
-- that reason), so anyone could list every code and follow every request.
-- Open311 now names a request by a separate random public id (122 random bits
-- of a v4 UUID, as 32 hex digits) that opens nothing else; existing requests
-- get theirs here, new ones from the column default.
alter table service_requests add column public_id text;
update service_requests set public_id = replace(gen_random_uuid()::text, '-', '');
alter table service_requests
  alter column public_id set not null,
  alter column public_id set default replace(gen_random_uuid()::text, '-', ''),
  add constraint service_requests_public_id_key unique (public_id),
  add constraint service_requests_public_id_check check (public_id ~ '^[0-9a-f]{32}$');
