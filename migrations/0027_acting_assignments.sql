-- Why: acting officials and delegation windows as data (issue 15 item 1).
-- Tata naskah dinas of regional governments (Permendagri 1/2023) knows four
-- ways one person acts for another: Plt. (Pelaksana Tugas: the post is vacant,
-- the holder berhalangan tetap), Plh. (Pelaksana Harian: the holder is away
-- for a while, berhalangan sementara), a.n. (atas nama: a delegate signs for
-- the holder within a scope) and u.b. (untuk beliau: one level further). The
-- Plt./Plh. are named by a decree (surat perintah) whose number is kept, and
-- their authority is a mandate (UU 30/2014 art. 14; Surat Edaran Kepala BKN
-- 1/SE/I/2021 on the authority of Plh. and Plt. in staffing matters): routine
-- work only, no decision with strategic effect on organisation, staff status
-- or budget. Windows are whole days, start and end inclusive, in the city's
-- zone. One post has at most one Plt./Plh. on any day: an exclusion
-- constraint over the unit and the date range (GiST on range types, no
-- extension needed), so two clerks racing get one row and one refusal.
-- acting_acts records each decision a delegate took for someone else, so a
-- trail shows both names ("Plh. Kepala Bidang X, a.n. …").
create table acting_assignments (
  id                   integer generated always as identity primary key,
  region_code          text not null references regions(code),
  -- The post: the head of this unit.
  unit_id              integer not null references org_units(id),
  kind                 text not null check (kind in ('plt', 'plh', 'an', 'ub')),
  -- The definitive holder; none for a Plt. (vacant post).
  holder_employee_id   integer references employees(id),
  delegate_employee_id integer not null references employees(id),
  start_date           date not null,
  end_date             date not null,
  decree_number        text not null check (length(decree_number) between 1 and 100),
  reason               text not null check (length(reason) between 1 and 500),
  created_by           integer not null references users(id),
  created_at           timestamptz not null default now(),
  -- Ended before its end date (the holder came back early): end_date was moved; who and when.
  ended_by             integer references users(id),
  ended_at             timestamptz,
  -- An assignment withdrawn before it began: kept for the record, no longer in force.
  revoked_at           timestamptz,
  constraint acting_dates check (end_date >= start_date),
  constraint acting_not_self check (holder_employee_id is null or delegate_employee_id <> holder_employee_id),
  constraint acting_holder check ((kind = 'plt') = (holder_employee_id is null)),
  constraint acting_no_overlap exclude using gist (
    int4range(unit_id, unit_id, '[]') with =,
    daterange(start_date, end_date, '[]') with &&
  ) where (kind in ('plt', 'plh') and revoked_at is null)
);
create index acting_assignments_delegate on acting_assignments (delegate_employee_id, end_date);
create index acting_assignments_holder on acting_assignments (holder_employee_id, end_date);
create index acting_assignments_unit on acting_assignments (unit_id, start_date);
create index acting_assignments_created_by on acting_assignments (created_by);

create table acting_acts (
  id                 integer generated always as identity primary key,
  assignment_id      integer not null references acting_assignments(id),
  -- What was decided: e.g. ('absence_request', '12', 'consider').
  entity_type        text not null check (length(entity_type) between 1 and 60),
  entity_id          text not null check (length(entity_id) between 1 and 60),
  step               text not null check (length(step) between 1 and 40),
  actor_employee_id  integer not null references employees(id),
  holder_employee_id integer references employees(id),
  kind               text not null check (kind in ('plt', 'plh', 'an', 'ub')),
  -- The post's title at the time ("Kepala Bidang Aptika"), kept as written.
  post_title         text not null,
  acted_at           timestamptz not null default now()
);
create index acting_acts_entity on acting_acts (entity_type, entity_id);
create index acting_acts_assignment on acting_acts (assignment_id);
create index acting_acts_actor on acting_acts (actor_employee_id);
create index acting_acts_holder on acting_acts (holder_employee_id);
