-- Service-hours clocks (issue 12): the kelurahan and kecamatan stages of a request now count their office's
-- service hours on the working calendar (libur nasional and cuti bersama closed, Ramadan hours), no longer the
-- wall clock; the RT/RW stages may still run round the clock (SLA_SERVICE_HOURS_STAGES). Record the budget and
-- the time on every transition so reports stay true after the configuration changes (DOMAIN.md): a request keeps
-- which clock its stage and its end-to-end budget count on, and each timed transition the clock its elapsed time
-- was counted on, with the wall-clock seconds beside it. Everything before this migration counted the wall clock,
-- and is marked so.
alter table service_requests
  add column stage_clock text check (stage_clock in ('service_hours', 'round_the_clock')),
  add column total_clock text not null default 'round_the_clock' check (total_clock in ('service_hours', 'round_the_clock'));
update service_requests set stage_clock = 'round_the_clock' where stage_due_at is not null;
alter table service_requests
  add constraint service_requests_stage_clock_ck check ((stage_clock is null) = (stage_due_at is null));

alter table request_transitions
  add column stage_clock text check (stage_clock in ('service_hours', 'round_the_clock')),
  add column wall_seconds integer check (wall_seconds >= 0);
update request_transitions set stage_clock = 'round_the_clock', wall_seconds = elapsed_seconds
  where elapsed_seconds is not null;
alter table request_transitions
  add constraint request_transitions_clock_ck check ((stage_clock is null) = (elapsed_seconds is null));
