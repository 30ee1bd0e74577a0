// How a request is shown outside the service: masked, no internal fields.
import type { LetterTypeSnapshot } from '../../db/schema.js';

export interface RequestRow {
  id: number;
  tracking_code: string;
  type_snapshot: LetterTypeSnapshot;
  resident_name: string;
  nik_masked: string;
  region_code: string;
  status: string;
  stage: string | null;
  stage_started_at: Date;
  stage_due_at: Date | null;
  stage_clock: 'service_hours' | 'round_the_clock' | null;
  submitted_at: Date;
  due_at: Date;
  total_clock: 'service_hours' | 'round_the_clock';
  overdue: boolean;
  version: number;
}

export function presentRequest(r: RequestRow) {
  return {
    id: r.id,
    trackingCode: r.tracking_code,
    type: { code: r.type_snapshot.code, name: r.type_snapshot.name },
    residentName: r.resident_name,
    nikMasked: r.nik_masked,
    regionCode: r.region_code,
    status: r.status,
    stage: r.stage,
    route: r.type_snapshot.route,
    stageStartedAt: r.stage_started_at.toISOString(),
    stageDueAt: r.stage_due_at?.toISOString() ?? null,
    /** What the stage's due time counts: 'service_hours' (the office's) or 'round_the_clock'. */
    stageClock: r.stage_clock,
    submittedAt: r.submitted_at.toISOString(),
    dueAt: r.due_at.toISOString(),
    totalClock: r.total_clock,
    overdue: r.overdue,
    version: r.version,
  };
}
