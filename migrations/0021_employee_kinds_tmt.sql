-- Why: issue 14 items 1 and 3. Staff who clock in are PNS, PPPK, PPPK Paruh
-- Waktu (part-time PPPK, since 2025) and non-ASN staff (outsourced, honorary)
-- — the kind decides the number a person carries (NIP, NI PPPK, or the
-- city's own identifier) and which leave types apply (PP 11/2017 for PNS,
-- PP 49/2018 and Peraturan BKN 7/2022 for PPPK). A person's days count only
-- from the start of their service in this post (TMT) up to its end: a
-- civil servant registered today is not absent yesterday. Null start: the
-- day the record was created (see attendance/tenure rules); null end: still
-- serving.
alter table employees drop constraint employees_kind_check;
alter table employees add constraint employees_kind_check
  check (kind in ('PNS', 'PPPK', 'PPPK_PW', 'NON_ASN'));
alter table employees add column start_date date;
alter table employees add column end_date date;
alter table employees add constraint employees_service_dates_check
  check (end_date is null or start_date is null or end_date >= start_date);
