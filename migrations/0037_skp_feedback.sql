-- Why: E-Kinerja (issue 16, item 4). PermenPANRB 6/2022 asks for continuous feedback and documentation while the
-- work is done, not only at evaluation time. The superior — anyone entitled to approve the employee's daily logs:
-- the appraiser of their SKP or a head of their unit or above — writes feedback to the employee, optionally about
-- one daily log and optionally as a note on one of the seven BerAKHLAK behaviours (positive / needs improvement),
-- which the appraiser sees again next to the behaviour ratings when evaluating the period. The employee's read mark
-- is read_at. Composite keys keep a feedback on the employee's own SKP and own log; the pairs they reference are
-- made unique here (the ids alone already are). Owned by the skp module.

alter table skp_plans add constraint skp_plans_id_employee unique (id, employee_id);
alter table skp_daily_logs add constraint skp_daily_logs_id_employee unique (id, employee_id);

create table skp_feedback (
  id          integer generated always as identity primary key,
  employee_id integer not null references employees(id),
  skp_id      integer not null,
  author_id   integer not null references employees(id),
  log_id      integer,
  behaviour   text check (behaviour in ('berorientasi_pelayanan', 'akuntabel', 'kompeten', 'harmonis', 'loyal',
                                        'adaptif', 'kolaboratif')),
  tone        text check (tone in ('positif', 'perlu_perbaikan')),
  message     text not null check (length(message) between 3 and 2000),
  created_at  timestamptz not null default now(),
  read_at     timestamptz,
  foreign key (skp_id, employee_id) references skp_plans (id, employee_id),
  foreign key (log_id, employee_id) references skp_daily_logs (id, employee_id),
  -- A behaviour note says which way it goes; a general feedback has neither.
  check ((behaviour is null) = (tone is null)),
  check (author_id <> employee_id),
  check (read_at is null or read_at >= created_at)
);
-- The employee's list and the evaluation's notes of a period: by employee, newest first.
create index skp_feedback_employee_created on skp_feedback (employee_id, created_at);
create index skp_feedback_skp on skp_feedback (skp_id, employee_id);
create index skp_feedback_author on skp_feedback (author_id);
create index skp_feedback_log on skp_feedback (log_id, employee_id);
