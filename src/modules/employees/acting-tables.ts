// The acting-official tables of migration 0027 (Plt., Plh., a.n., u.b.), owned by
// the employees module; other modules read them through the acting service.
import type { ColumnType, Generated } from 'kysely';
import type { ActingKind } from './acting-rules.js';
import type { OrgTables } from './tables.js';

type DayCol = ColumnType<string, string, string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export type ActingTables = OrgTables & {
  acting_assignments: {
    id: Generated<number>;
    region_code: string;
    /** The post: the head of this unit. */
    unit_id: number;
    kind: ActingKind;
    /** The definitive holder; null for a Plt. (vacant post). */
    holder_employee_id: number | null;
    delegate_employee_id: number;
    start_date: DayCol;
    end_date: DayCol;
    decree_number: string;
    reason: string;
    created_by: number;
    created_at: CreatedAt;
    ended_by: number | null;
    ended_at: Date | null;
    revoked_at: Date | null;
  };
  acting_acts: {
    id: Generated<number>;
    assignment_id: number;
    entity_type: string;
    entity_id: string;
    step: string;
    actor_employee_id: number;
    holder_employee_id: number | null;
    kind: ActingKind;
    post_title: string;
    acted_at: CreatedAt;
  };
};
