-- Why (issue 12, point 7): the register could not back the letters. A letter's
-- identity block prints agama, status perkawinan, kewarganegaraan, pekerjaan
-- and pendidikan, and SIAK (Dukcapil) extracts carry them with the names of the
-- parents and the blood group, so the register keeps them too. Where SIAK fixes
-- the value set (status kawin, pendidikan akhir, agama, golongan darah,
-- kewarganegaraan) the column holds a code from that set, checked here; ''
-- means "not known yet" (every row already in the register starts so).
-- Religion was free text: the spellings of the six recognised religions and of
-- "Kepercayaan terhadap Tuhan YME" (Constitutional Court ruling 97/PUU-XIV/2016)
-- become their codes; any other old value is kept in the audit trail and
-- cleared, to be filled in again from the next SIAK import or by hand.

alter table residents
  add column marital_status text not null default ''
    check (marital_status in ('', 'belum_kawin', 'kawin', 'cerai_hidup', 'cerai_mati')),
  add column citizenship text not null default '' check (citizenship in ('', 'WNI', 'WNA')),
  -- Only a foreign national (WNA) has a passport and a KITAS/KITAP number in the register.
  add column passport_no text not null default '' check (length(passport_no) <= 30),
  add column kitas_no text not null default '' check (length(kitas_no) <= 30),
  add column education text not null default ''
    check (education in ('', 'tidak_sekolah', 'belum_tamat_sd', 'tamat_sd', 'sltp', 'slta', 'diploma_1_2',
                         'diploma_3', 'diploma_4_s1', 's2', 's3')),
  add column father_name text not null default '' check (length(father_name) <= 120),
  add column mother_name text not null default '' check (length(mother_name) <= 120),
  add column blood_type text not null default ''
    check (blood_type in ('', 'A', 'B', 'AB', 'O', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-')),
  add constraint residents_foreign_documents_check
    check (citizenship = 'WNA' or (passport_no = '' and kitas_no = ''));

create function pg_temp.religion_code(v text) returns text language sql immutable as $$
  select case regexp_replace(lower(trim(v)), '[^a-z]', '', 'g')
    when '' then ''
    when 'islam' then 'islam'
    when 'kristen' then 'kristen'
    when 'kristenprotestan' then 'kristen'
    when 'protestan' then 'kristen'
    when 'katolik' then 'katolik'
    when 'katholik' then 'katolik'
    when 'kristenkatolik' then 'katolik'
    when 'hindu' then 'hindu'
    when 'buddha' then 'buddha'
    when 'budha' then 'buddha'
    when 'khonghucu' then 'khonghucu'
    when 'konghucu' then 'khonghucu'
    when 'kepercayaan' then 'kepercayaan'
    when 'kepercayaanterhadaptuhanyme' then 'kepercayaan'
    when 'kepercayaanterhadaptuhanyangmahaesa' then 'kepercayaan'
    else null
  end
$$;

-- What cannot be read as one of the seven is recorded before it is cleared.
insert into audit_log (action, entity_type, entity_id, region_code, details)
select 'resident.religion_cleared', 'resident', id::text, region_code, jsonb_build_object('was', religion)
from residents
where pg_temp.religion_code(religion) is null;

update residents set religion = coalesce(pg_temp.religion_code(religion), '')
where religion is distinct from coalesce(pg_temp.religion_code(religion), '');

alter table residents add constraint residents_religion_code_check
  check (religion in ('', 'islam', 'kristen', 'katolik', 'hindu', 'buddha', 'khonghucu', 'kepercayaan'));
