-- Why: kinerja (RT/RW head performance) aggregates a month of timed
-- transitions per head, for a kelurahan or the whole city. An index on the
-- time that also carries the columns the figures need lets PostgreSQL read
-- the month from the index alone (measured on the bench: the city month went
-- from a bitmap heap scan or a per-head loop to one index-only range scan).
-- Late actions (stage clock ran out) are a small share of all transitions: a
-- partial index keeps the overdue count from reading the whole month.
create index request_transitions_at_cover_idx on request_transitions (at) include (actor_id, action, elapsed_seconds, stage_budget_minutes, within_budget);
create index request_transitions_late_idx on request_transitions (at) include (request_id, from_stage, action) where within_budget = false;
