// The hourly-permit table of migration 0025, known to this module only.
import type { ColumnType, Generated } from 'kysely';
import type { AttendanceTables } from './tables.js';
import type { PermitKind, PermitStatus } from './permits-rules.js';

type DayCol = ColumnType<string, string, string>;

export type PermitTables = AttendanceTables & {
  hourly_permits: {
    id: Generated<number>;
    employee_id: number;
    idempotency_key: string;
    kind: PermitKind;
    work_date: DayCol;
    /** 'HH:MM', the city's wall time on work_date. */
    start_time: string;
    end_time: string;
    reason: string;
    status: Generated<PermitStatus>;
    approver_id: number | null;
    decided_by: number | null;
    decided_at: Date | null;
    decision_note: string | null;
    created_at: ColumnType<Date, Date | undefined, Date>;
  };
};
