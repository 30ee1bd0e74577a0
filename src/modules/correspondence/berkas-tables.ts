// The tables of migration 0030 (pemberkasan), known to the correspondence module only (see Db.withTables).
import type { ColumnType, Generated } from 'kysely';
import type { FinalDisposition } from './rules.js';
import type { CorrespondenceTables } from './tables.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type DayCol = ColumnType<string, string, string>;

export type BerkasState = 'terbuka' | 'ditutup' | 'dipindahkan' | 'dimusnahkan' | 'diserahkan';
export type DecisionKind = 'pindah' | 'musnah' | 'serah';

export type BerkasTables = CorrespondenceTables & {
  naskah_berkas: {
    id: Generated<number>;
    region_code: string;
    unit_id: number;
    classification_code: string;
    title: string;
    year: number;
    state: Generated<BerkasState>;
    idempotency_key: string;
    created_by: number;
    created_at: CreatedAt;
    closed_at: Date | null;
    closed_on: DayCol | null;
    closed_by: number | null;
    retention_active_years: number | null;
    retention_inactive_years: number | null;
    retention_final: FinalDisposition | null;
    active_until: DayCol | null;
    inactive_until: DayCol | null;
    last_decision_id: number | null;
  };
  naskah_berkas_decisions: {
    id: Generated<number>;
    berkas_id: number;
    kind: DecisionKind;
    /** Generated from kind (migration 0030); never written. */
    resulting_state: ColumnType<BerkasState | null, never, never>;
    decree_number: string;
    decided_on: DayCol;
    decided_by: number;
    note: Generated<string>;
    file_id: number | null;
    file_sha256: string | null;
    created_at: CreatedAt;
  };
  naskah_berkas_items: {
    naskah_id: number;
    unit_id: number;
    berkas_id: number;
    filed_by: number;
    filed_at: CreatedAt;
  };
};
