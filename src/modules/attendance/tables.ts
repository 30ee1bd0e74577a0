// The attendance tables of migration 0006, known to this module only.
import type { ColumnType, Generated } from 'kysely';
import type { OrgTables } from '../employees/index.js';
import type { AbsenceType } from './rules.js';

type DayCol = ColumnType<string, string, string>;
type Stamp = ColumnType<Date, Date | string, Date | string>;

export type AbsenceStatus = 'diajukan' | 'dipertimbangkan' | 'disetujui' | 'ditolak' | 'ditangguhkan' | 'dibatalkan';
type Outcome = 'setuju' | 'perubahan' | 'ditangguhkan' | 'tidak_disetujui';
type OptDay = ColumnType<string | null, string | null | undefined, string | null>;

export type AttendanceTables = OrgTables & {
  absence_requests: {
    id: Generated<number>;
    employee_id: number;
    idempotency_key: string;
    type: AbsenceType;
    start_date: DayCol;
    end_date: DayCol;
    working_days: number;
    reason: string;
    place: string | null;
    place_lat: number | null;
    place_lon: number | null;
    place_radius_m: number | null;
    attachment_id: number | null;
    status: Generated<AbsenceStatus>;
    approver_id: number | null;
    decided_by: number | null;
    decided_at: Date | null;
    decision_note: string | null;
    created_at: ColumnType<Date, Date | undefined, Date>;
    // Migration 0024: two-level leave decisions and the SPT of a dinas luar.
    levels: Generated<number>;
    official_id: number | null;
    requested_start: OptDay;
    requested_end: OptDay;
    child_order: number | null;
    consideration: Outcome | null;
    considered_by: number | null;
    considered_at: Date | null;
    consideration_note: string | null;
    consideration_start: OptDay;
    consideration_end: OptDay;
    consideration_until: OptDay;
    decision_outcome: Outcome | null;
    deferred_until: OptDay;
    spt_number: string | null;
    spt_file_id: number | null;
  };
  leave_letter_sequences: { unit_id: number; year: number; last: number };
  leave_letters: {
    absence_id: number;
    unit_id: number;
    year: number;
    seq: number;
    number: string;
    verify_code: string;
    issued_at: Date;
    payload: ColumnType<unknown, string, string>;
  };
  attendance_records: {
    id: Generated<string>;
    employee_id: number;
    idempotency_key: string;
    kind: 'masuk' | 'pulang';
    taken_at: Stamp;
    device_time: Stamp;
    received_at: Stamp;
    work_date: DayCol;
    lat: number | null;
    lon: number | null;
    accuracy_m: number | null;
    location_id: number | null;
    absence_id: number | null;
    distance_m: number | null;
    flags: Generated<string[]>;
    sent_late: Generated<boolean>;
    selfie_id: number | null;
    review: 'diterima' | 'ditolak' | null;
    reviewed_by: number | null;
    reviewed_at: Date | null;
  };
  attendance_days: {
    employee_id: number;
    work_date: DayCol;
    status: string;
    check_in: Date | null;
    check_out: Date | null;
    late_minutes: number;
    early_minutes: number;
    late_band: string | null;
    early_band: string | null;
    absence_type: string | null;
    cut_percent: ColumnType<string, number, number>;
    computed_at: Date;
  };
  leave_carryover: {
    employee_id: number;
    year: number;
    unused_last_year: number;
    unused_two_years_ago: number;
    updated_by: number;
    updated_at: Date;
  };
  attendance_day_history: {
    id: Generated<string>;
    employee_id: number;
    work_date: DayCol;
    old_status: string;
    new_status: string;
    old_cut: ColumnType<string, number, number>;
    new_cut: ColumnType<string, number, number>;
    reason: string;
    changed_at: Date;
  };
};
