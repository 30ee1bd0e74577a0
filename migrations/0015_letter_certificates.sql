-- Why: a letter's PDF now carries a signature inside the file (PAdES) by the
-- city's X.509 certificate (self-issued by default, or a BSrE/BSSN one), so
-- any PDF reader tells an edited file and /v/<code> can check an uploaded
-- copy. A file is ASLI only when its signing certificate is one the city
-- registered here; every certificate ever used is kept (retired, not
-- deleted), so letters signed before a change of certificate still verify.
-- Owned by the letters module, like signing_keys (the Ed25519 keys of the
-- stored payloads).
create table letter_certificates (
  fingerprint      text primary key check (fingerprint ~ '^[0-9a-f]{64}$'),
  certificate_pem  text not null,
  subject          text not null,
  -- Issued by a certified authority (PP 71/2019 tanda tangan elektronik tersertifikasi), as configured.
  certified        boolean not null default false,
  created_at       timestamptz not null default now(),
  retired_at       timestamptz
);
