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
  notify_email: Generated<boolean>;
  notify_webhook: Generated<boolean>;
  active: Generated<boolean>;
  created_by: number | null;
  /** Officials' identity for the signature block (Permendagri 1/2023); null for others. */
  nip: Generated<string | null>;
  jabatan: Generated<string | null>;
  pangkat_golongan: Generated<string | null>;
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
  /** Codes of the SIAK value sets (src/modules/residents/register-rules.ts); '' = not known yet. */
  marital_status: Generated<string>;
  citizenship: Generated<string>;
  passport_no: Generated<string>;
  kitas_no: Generated<string>;
  education: Generated<string>;
  father_name: Generated<string>;
  mother_name: Generated<string>;
  blood_type: Generated<string>;
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
  /** The request (or job) that wrote it (migration 0040). */
  request_id: string | null;
}

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  applied_at: CreatedAt;
  /** SHA-256 of the file as applied (src/db/migrate.ts); null only until the first start with checksums. */
  checksum: string | null;
}

type Json<T> = ColumnType<T, string, string>;

export interface LetterTypesTable {
  id: Generated<number>;
  code: string;
  name: string;
  description: Generated<string>;
  fields: Json<LetterField[]>;
  attachments: Json<LetterAttachment[]>;
  validity_days: number;
  route: ColumnType<string[], string[], string[]>;
  stage_budgets: Json<Record<string, number>>;
  total_budget_minutes: number;
  classification: string;
  template: string;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  kind: Generated<LetterKind>;
  addressee: Generated<string>;
  identity_fields: ColumnType<IdentityField[], string | undefined, string>;
  disabled_reason: Generated<string>;
  effect: LetterEffect | null;
}

/** How the letter closes and whether it is addressed (migration 0011). */
export type LetterKind = 'keterangan' | 'pengantar' | 'rekomendasi';
/** The resident's data printed in the identity block, in print order (the name always comes first). */
export type IdentityField =
  | 'nik'
  | 'ttl'
  | 'jenis_kelamin'
  | 'agama'
  | 'status_perkawinan'
  | 'kewarganegaraan'
  | 'pekerjaan'
  | 'alamat'
  | 'no_kk';
/** What issuing the letter does to the register: mark_deceased marks the person named by the type's required NIK field. */
export type LetterEffect = 'mark_deceased';

export interface LetterField {
  name: string;
  label: string;
  /** nik: the NIK of another person (e.g. the deceased), checked with the residents module's NIK rules. */
  type: 'text' | 'textarea' | 'date' | 'number' | 'time' | 'nik';
  required: boolean;
  maxLength?: number;
}
export interface LetterAttachment {
  kind: string;
  label: string;
  required: boolean;
}

export interface StoredFilesTable {
  id: Generated<number>;
  sha256: string;
  mime: string;
  size_bytes: number;
  content: Buffer;
  created_at: CreatedAt;
}

export interface ServiceRequestsTable {
  id: Generated<number>;
  tracking_code: string;
  /** The request's name in the public Open311 feed: random, and never the tracking code. */
  public_id: Generated<string>;
  idempotency_key: string;
  submitted_by: number;
  resident_id: number;
  region_code: string;
  letter_type_id: number;
  type_snapshot: Json<LetterTypeSnapshot>;
  field_values: Json<Record<string, string>>;
  purpose: Generated<string>;
  status: Generated<'in_progress' | 'returned' | 'rejected' | 'completed'>;
  stage_index: Generated<number>;
  stage: 'rt' | 'rw' | 'kelurahan' | 'kecamatan' | null;
  stage_started_at: Date;
  stage_warn_at: Date | null;
  stage_due_at: Date | null;
  /** The clock the current stage counts on (null with no stage clock running). */
  stage_clock: 'service_hours' | 'round_the_clock' | null;
  stage_warned: Generated<boolean>;
  stage_escalated: Generated<boolean>;
  submitted_at: Date;
  due_at: Date;
  /** The clock the end-to-end budget counts on. */
  total_clock: Generated<'service_hours' | 'round_the_clock'>;
  overdue: Generated<boolean>;
  completed_at: Date | null;
  version: Generated<number>;
}

export interface LetterTypeSnapshot {
  id: number;
  code: string;
  name: string;
  version: number;
  fields: LetterField[];
  attachments: LetterAttachment[];
  validity_days: number;
  route: ('rt' | 'rw' | 'kelurahan' | 'kecamatan')[];
  stage_budgets: Partial<Record<'rt' | 'rw' | 'kelurahan' | 'kecamatan', number>>;
  total_budget_minutes: number;
  classification: string;
  /** Only the statement paragraph(s): the letters module adds kop, opening, identity block, RT/RW reference and closing. */
  template: string;
  kind: LetterKind;
  /** '' when none; for a pengantar the office it goes to ({{kota}}-style placeholders allowed). */
  addressee: string;
  identity_fields: IdentityField[];
  effect: LetterEffect | null;
}

export interface RequestAttachmentsTable {
  id: Generated<number>;
  request_id: number;
  kind: string;
  file_id: number;
  created_at: CreatedAt;
  /** Set when a correction replaced this photo: kept in the trail, no longer current. */
  replaced_at: Date | null;
}

/** A request's content before a correction replaced it (the current content is in service_requests). */
export interface RequestVersionsTable {
  id: Generated<string>;
  request_id: number;
  version_no: number;
  purpose: string;
  field_values: Json<Record<string, string>>;
  attachments: Json<{ id: number; kind: string }[]>;
  replaced_at: Date;
  replaced_by: number;
  correction_key: string;
}

/** An upload accepted from a refused form, waiting (by token, for its owner) for the corrected form. */
export interface PendingUploadsTable {
  id: Generated<number>;
  token: string;
  owner_id: number;
  kind: string;
  file_id: number;
  created_at: Date;
  expires_at: Date;
}

export interface RequestTransitionsTable {
  id: Generated<string>;
  request_id: number;
  seq: number;
  action: 'submit' | 'approve' | 'return' | 'resubmit' | 'reject' | 'issue';
  from_stage: string | null;
  to_stage: string | null;
  actor_id: number | null;
  actor_name: string | null;
  actor_role: string | null;
  reason: Generated<string>;
  at: Date;
  stage_budget_minutes: number | null;
  /** Seconds counted on the stage's clock (service seconds for a service-hours stage). */
  elapsed_seconds: number | null;
  within_budget: boolean | null;
  /** The clock elapsed_seconds was counted on; null on untimed actions. */
  stage_clock: 'service_hours' | 'round_the_clock' | null;
  /** Wall-clock seconds of the same stay. */
  wall_seconds: number | null;
  /** The request version this decision moved from (null for submit/issue and entries before 0017). */
  from_version: number | null;
}

export interface LetterSequencesTable {
  unit_code: string;
  year: number;
  last_value: number;
}

export interface SigningKeysTable {
  kid: string;
  public_key: string;
  created_at: CreatedAt;
  retired_at: Date | null;
}

/** X.509 certificates that sign letter PDFs (PAdES), by SHA-256 fingerprint of the DER. */
export interface LetterCertificatesTable {
  fingerprint: string;
  certificate_pem: string;
  subject: string;
  certified: Generated<boolean>;
  created_at: CreatedAt;
  retired_at: Date | null;
}

export interface LettersTable {
  id: Generated<number>;
  request_id: number;
  verify_code: string;
  number: string;
  unit_code: string;
  year: number;
  seq: number;
  issued_at: Date;
  valid_until: ColumnType<Date, string, string>;
  payload: Json<Record<string, unknown>>;
  signature: string;
  kid: string;
}

/** Signed records of documents other than citizen letters (migration 0029: outgoing naskah), verified at /v/. */
export interface SignedDocumentsTable {
  id: Generated<number>;
  verify_code: string;
  /** 0038: SKP and evaluation documents of E-Kinerja. */
  source: 'naskah_keluar' | 'skp' | 'skp_evaluasi';
  source_id: number;
  number: string;
  issued_at: Date;
  payload: Json<Record<string, unknown>>;
  signature: string;
  kid: string;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: number;
  request_id: number | null;
  kind: string;
  dedupe_key: string;
  title: string;
  body: string;
  link: string | null;
  created_at: CreatedAt;
  read_at: Date | null;
}

export interface DeliveriesTable {
  id: Generated<string>;
  notification_id: string;
  channel: 'email' | 'webhook';
  target: string;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: Generated<Date>;
  created_at: CreatedAt;
  sent_at: Date | null;
}

/** An office's kop and number code (owned by the letters module). */
export interface LetterOfficesTable {
  region_code: string;
  kode_unit: Generated<string>;
  address: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
  website: Generated<string>;
  postal_code: Generated<string>;
  lambang_file_id: number | null;
  updated_by: number | null;
  updated_at: CreatedAt;
}

export type DelegationMode = 'an' | 'ub' | 'plt' | 'plh';
export interface SigningDelegationsTable {
  id: Generated<number>;
  region_code: string;
  user_id: number;
  mode: DelegationMode;
  via_jabatan: Generated<string>;
  valid_from: DateCol;
  valid_to: ColumnType<Date | null, string | null | undefined, string | null>;
  created_by: number | null;
  created_at: CreatedAt;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface LetterEndorsementsTable {
  request_id: number;
  unit_code: string;
  number: string;
  year: number;
  seq: number;
  at: Date;
  signer: Json<Record<string, unknown>>;
}

export interface DB {
  letter_offices: LetterOfficesTable;
  signing_delegations: SigningDelegationsTable;
  letter_endorsements: LetterEndorsementsTable;
  letter_types: LetterTypesTable;
  stored_files: StoredFilesTable;
  service_requests: ServiceRequestsTable;
  request_attachments: RequestAttachmentsTable;
  request_versions: RequestVersionsTable;
  pending_uploads: PendingUploadsTable;
  request_transitions: RequestTransitionsTable;
  letter_sequences: LetterSequencesTable;
  signing_keys: SigningKeysTable;
  letter_certificates: LetterCertificatesTable;
  letters: LettersTable;
  signed_documents: SignedDocumentsTable;
  notifications: NotificationsTable;
  deliveries: DeliveriesTable;
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
