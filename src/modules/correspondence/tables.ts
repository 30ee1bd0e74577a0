// The tables of migration 0026, known to the correspondence module only (see Db.withTables).
import type { ColumnType, Generated } from 'kysely';
import type { OrgTables } from '../employees/index.js';
import type { FinalDisposition, SecurityClass, Urgency } from './rules.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type DayCol = ColumnType<string, string, string>;

export type NaskahDirection = 'masuk' | 'keluar';
export type NaskahStatus =
  'diterima' | 'didisposisi' | 'selesai' | 'draf' | 'diverifikasi' | 'ditandatangani' | 'dikirim';

export type CorrespondenceTables = OrgTables & {
  correspondence_tu_desks: {
    unit_id: number;
    employee_id: number;
    added_by: number;
    added_at: CreatedAt;
  };
  naskah_retention_rules: {
    region_code: string;
    classification_code: string;
    active_years: number;
    inactive_years: number;
    final_disposition: FinalDisposition;
    note: Generated<string>;
    updated_by: number | null;
    updated_at: CreatedAt;
  };
  naskah_agenda_counters: {
    unit_id: number;
    year: number;
    last_number: number;
  };
  naskah: {
    id: Generated<number>;
    region_code: string;
    unit_id: number;
    direction: NaskahDirection;
    status: Generated<NaskahStatus>;
    kind_code: string;
    agenda_year: number | null;
    agenda_seq: number | null;
    agenda_number: string | null;
    sender_instansi: string | null;
    sender_name: string | null;
    sender_number: string | null;
    sender_date: DayCol | null;
    received_date: DayCol | null;
    perihal: string;
    classification_code: string;
    classification_name: string;
    retention_active_years: number | null;
    retention_inactive_years: number | null;
    retention_final: FinalDisposition | null;
    retention_source: 'kota' | 'bawaan' | null;
    retention_verified: boolean | null;
    security_class: SecurityClass;
    urgency: Urgency;
    file_id: number | null;
    file_sha256: string | null;
    reply_to_id: number | null;
    duplicate_of_id: number | null;
    idempotency_key: string;
    created_by: number;
    created_at: CreatedAt;
    updated_at: CreatedAt;
    version: Generated<number>;
    /** Generated from the metadata (migration 0026); never written. */
    search: ColumnType<string | null, never, never>;
    /** "Tidak perlu disposisi" (migration 0028). */
    closed_at: Date | null;
    closed_by: number | null;
    closed_note: string | null;
    /** Naskah keluar (migration 0029): the version and routing round in force, the number and signature. */
    current_version: number | null;
    routing_round: number | null;
    number_series: string | null;
    number_year: number | null;
    number_seq: number | null;
    letter_number: string | null;
    signed_at: Date | null;
    signed_by: number | null;
    verify_code: string | null;
    sent_at: Date | null;
  };
  naskah_dispositions: {
    id: Generated<number>;
    naskah_id: number;
    parent_id: number | null;
    from_employee_id: number;
    to_employee_id: number;
    instructions: string[];
    note: Generated<string>;
    due_date: DayCol;
    created_by: number;
    created_at: CreatedAt;
    read_at: Date | null;
    withdrawn_at: Date | null;
    withdrawn_by: number | null;
    closed_at: Date | null;
    closed_kind: 'laporan' | 'otomatis' | null;
    closed_by: number | null;
    report_text: string | null;
    report_file_id: number | null;
    report_sha256: string | null;
    /** The 75 % warning and the overdue escalation, each claimed once (migration 0031). */
    warned_at: Generated<Date | null>;
    escalated_at: Generated<Date | null>;
  };
  naskah_reads: {
    naskah_id: number;
    user_id: number;
    read_at: CreatedAt;
  };
};
