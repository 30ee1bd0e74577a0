-- Why (issue 11, hardening): sign-in throttling counted successful sign-ins per
-- address (an office behind one NAT hit the limit) and locked any account after
-- 5 wrong passwords, so anyone could lock out anyone, and the lock's own answer
-- (423) told which usernames exist. It becomes a backoff per (account, client
-- address) that a success ends, with budgets per address and per account, kept
-- here so every instance sees the same attempts; the users' lock columns go.
-- And API calls that change state may carry an Idempotency-Key: the first
-- answer is kept per (account, key), so a retry after a lost answer gets that
-- answer again instead of running twice or meeting a 409.

create table login_attempts (
  -- HMAC (DATA_KEY) of the normalised login id as typed, whether or not such an
  -- account exists: unknown names are throttled exactly like real ones.
  account_key     bytea not null,
  -- The client's address as Fastify derives it (TRUST_PROXY); IPv6 cut to /64.
  client          text not null check (length(client) <= 64),
  -- Failures in a row from this address on this account (0 after a success).
  failures        integer not null default 0 check (failures >= 0),
  last_failure_at timestamptz,
  -- The address waits until then before its next attempt on this account.
  blocked_until   timestamptz,
  -- A success makes the address "known" to the account for a while (it keeps
  -- working while the account is under attack from elsewhere).
  last_success_at timestamptz,
  -- After this the row says nothing useful any more and may be deleted.
  forget_at       timestamptz not null,
  primary key (account_key, client)
);
-- Failures from one address over all accounts, in the window.
create index login_attempts_client_idx on login_attempts (client, last_failure_at);
create index login_attempts_forget_idx on login_attempts (forget_at);

alter table users drop column failed_logins, drop column locked_until;

create table idempotency_keys (
  user_id      integer not null references users(id) on delete cascade,
  key          text not null check (key ~ '^[A-Za-z0-9_-]{8,64}$'),
  -- SHA-256 of method, path and body: the same key with another request is refused.
  request_hash bytea not null check (length(request_hash) = 32),
  -- Null while the first request runs; then the answer it got.
  status       smallint check (status between 100 and 599),
  content_type text,
  body         bytea,
  claimed_at   timestamptz not null,
  expires_at   timestamptz not null,
  primary key (user_id, key),
  check ((status is null) = (body is null))
);
create index idempotency_keys_expires_idx on idempotency_keys (expires_at);
