-- Why: issue 14 item 1. Non-ASN staff (outsourced, honorary) clock in at
-- kelurahan offices too, but BKN issues them no NIP or NI PPPK: they carry an
-- identifier the city gives them (its pattern is configuration,
-- STAFF_NUMBER_PATTERN), which is also their account's username. The number
-- a person carries follows their kind: ASN kinds a NIP/NI PPPK and no
-- identifier, non-ASN the identifier and no NIP — so a page, a recap or an
-- export never meets a person without a number, nor one with two. Usernames
-- are unique in the whole deployment, so the identifier is too (and thus
-- unique within each city).
alter table employees alter column nip drop not null;
alter table employees add column staff_number text
  check (staff_number is null or staff_number ~ '^[A-Z0-9][A-Z0-9._-]{2,39}$');
create unique index employees_staff_number_idx on employees (staff_number);
alter table employees add constraint employees_identity_check check (
  case when kind = 'NON_ASN' then nip is null and staff_number is not null
       else nip is not null and staff_number is null end
);
