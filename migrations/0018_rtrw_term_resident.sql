-- Why: a head is appointed by choosing a person from the population register
-- (issue 13), not by typing a name and an internal account number. The term
-- keeps the link to that resident, so the pact PDF can print the head's NIK
-- (decrypted at print time, never copied here) and the re-election rule can
-- count the same person's consecutive terms in a post. Terms written before
-- (and people not in the register) keep null.
alter table rtrw_terms add column resident_id integer references residents(id);
create index rtrw_terms_resident_idx on rtrw_terms (resident_id, region_code, position) where resident_id is not null;
