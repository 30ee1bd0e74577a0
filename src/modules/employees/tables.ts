// The staff-side tables of migration 0006, known to the employees and
// attendance modules only (see Db.withTables).
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type DayCol = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export type UnitKind = 'opd' | 'bidang' | 'subbagian' | 'uptd' | 'kecamatan' | 'kelurahan';
export type EmployeeKind = 'PNS' | 'PPPK' | 'PPPK_PW' | 'NON_ASN';

export type OrgTables = {
  work_schedules: {
    id: Generated<number>;
    region_code: string;
    name: string;
    definition: Json<unknown>;
    created_at: CreatedAt;
    updated_at: CreatedAt;
  };
  org_units: {
    id: Generated<number>;
    region_code: string;
    parent_id: number | null;
    code: string;
    path: string;
    name: string;
    kind: UnitKind;
    head_employee_id: number | null;
    schedule_id: number | null;
    active: Generated<boolean>;
    created_at: CreatedAt;
  };
  employees: {
    id: Generated<number>;
    user_id: number;
    /** NIP or NI PPPK of an ASN kind; null for non-ASN staff (migration 0023). */
    nip: string | null;
    /** The city's own identifier of a non-ASN person (their username too); null for ASN kinds. */
    staff_number: string | null;
    kind: EmployeeKind;
    position: string;
    grade: string | null;
    unit_id: number;
    supervisor_id: number | null;
    schedule_id: number | null;
    shift_offset: Generated<number>;
    active: Generated<boolean>;
    /** Start (TMT) and end of service in this post; null start: the day the record was created. */
    start_date: DayCol | null;
    end_date: DayCol | null;
    created_at: CreatedAt;
    updated_at: CreatedAt;
  };
  calendar_entries: {
    id: Generated<number>;
    region_code: string;
    kind: 'libur_nasional' | 'cuti_bersama' | 'ramadan';
    start_date: DayCol;
    end_date: DayCol;
    name: string;
    /** The import that wrote it (migration 0022); null: entered by hand. */
    import_id: number | null;
    created_at: CreatedAt;
  };
  /** Each import of a year's national calendar (migration 0022). */
  calendar_imports: {
    id: Generated<number>;
    region_code: string;
    year: number;
    origin: 'bawaan' | 'unggahan';
    source: string;
    file_sha256: string;
    entries: number;
    imported_by: number | null;
    created_at: CreatedAt;
  };
  attendance_rules: { region_code: string; rules: Json<unknown>; updated_by: number | null; updated_at: CreatedAt };
  work_locations: {
    id: Generated<number>;
    region_code: string;
    name: string;
    lat: number;
    lon: number;
    radius_m: Generated<number>;
    active: Generated<boolean>;
    created_at: CreatedAt;
  };
  employee_locations: { employee_id: number; location_id: number };
};
