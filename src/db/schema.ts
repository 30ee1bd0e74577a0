// Kysely's view of the tables in migrations/. Keep in step with the SQL.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns come back as Date from pg; we write ISO strings. */
type DateCol = ColumnType<Date, string, string>;

export interface RegionsTable {
  code: string;
  parent_code: string | null;
  level: 'provinsi' | 'kabkota' | 'kecamatan' | 'kelurahan' | 'rw' | 'rt';
  name: string;
  retired_at: Date | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  full_name: string;
  role: string;
  region_code: string;
  nik_hash: Buffer | null;
  resident_id: number | null;
  email: string | null;
  phone: string | null;
  password_hash: string;
  must_change_password: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface SessionsTable {
  token_hash: Buffer;
  user_id: number;
  created_at: CreatedAt;
  last_seen_at: CreatedAt;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  key: string;
  window_start: Date;
  attempts: number;
}

export interface FamiliesTable {
  id: Generated<number>;
  kk_hash: Buffer;
  kk_enc: Buffer;
  kk_masked: string;
  region_code: string;
  address: Generated<string>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface ResidentsTable {
  id: Generated<number>;
  nik_hash: Buffer;
  nik_enc: Buffer;
  nik_masked: string;
  family_id: number;
  relationship: string;
  full_name: string;
  sex: 'L' | 'P';
  birth_place: Generated<string>;
  birth_date: DateCol;
  religion: Generated<string>;
  occupation: Generated<string>;
  status: Generated<'hidup' | 'meninggal' | 'pindah' | 'hilang'>;
  status_date: ColumnType<Date | null, string | null | undefined, string | null>;
  status_note: Generated<string>;
  region_code: string;
  address: Generated<string>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: CreatedAt;
  actor_user_id: number | null;
  actor_name: string | null;
  actor_role: string | null;
  ip: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  region_code: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  applied_at: CreatedAt;
}

export interface DB {
  regions: RegionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  families: FamiliesTable;
  residents: ResidentsTable;
  audit_log: AuditLogTable;
  schema_migrations: SchemaMigrationsTable;
}

export type Region = Selectable<RegionsTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Resident = Selectable<ResidentsTable>;
export type ResidentUpdate = Updateable<ResidentsTable>;
export type Family = Selectable<FamiliesTable>;
