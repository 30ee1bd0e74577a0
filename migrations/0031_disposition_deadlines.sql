-- Why: Due-date warnings and escalation of disposisi (issue 15, items 4 and 8). A disposition's working-time
-- budget runs from its creation to the end of its due date, counted in service hours on the city's working
-- calendar (the SLA engine of layanan warga). The sweep claims each threshold once with a conditional UPDATE
-- (`warned_at is null` / `escalated_at is null`), so two instances running the job never both notify; the
-- notifications' unique dedupe_key is the second guard.
alter table naskah_dispositions
  add column warned_at    timestamptz,
  add column escalated_at timestamptz;
-- The sweep's candidates: open dispositions still owing a warning or an escalation.
create index naskah_dispositions_deadline_open on naskah_dispositions (due_date)
  where withdrawn_at is null and closed_at is null and escalated_at is null;
