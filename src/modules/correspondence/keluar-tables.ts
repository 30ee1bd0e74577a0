// The tables of migration 0029 (naskah keluar), known to the correspondence module only (see Db.withTables).
import type { ColumnType, Generated } from 'kysely';
import type { CorrespondenceTables } from './tables.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type StepRole = 'paraf' | 'pendapat' | 'tandatangan' | 'tembusan';
export type StepStatus = 'menunggu' | 'paraf' | 'pendapat' | 'dikembalikan' | 'ditandatangani' | 'batal';
export type ActingKindCol = 'plt' | 'plh' | 'an' | 'ub';

export type Addressee =
  | { type: 'internal'; unitId: number; name: string }
  | { type: 'external'; name: string; address: string; email: string };

export type KeluarTables = CorrespondenceTables & {
  naskah_routing_defaults: {
    unit_id: number;
    kind_code: string;
    position: number;
    role: StepRole;
    employee_id: number;
    updated_by: number;
    updated_at: CreatedAt;
  };
  naskah_number_counters: {
    series: string;
    year: number;
    last_number: number;
  };
  naskah_versions: {
    naskah_id: number;
    version: number;
    perihal: string;
    body: string;
    addressees: Json<Addressee[]>;
    lampiran: Generated<number>;
    created_by: number;
    created_at: CreatedAt;
  };
  naskah_attachments: {
    id: Generated<number>;
    naskah_id: number;
    version: number;
    file_id: number;
    sha256: string;
    name: string;
  };
  naskah_routing_steps: {
    id: Generated<number>;
    naskah_id: number;
    round: number;
    position: number;
    role: StepRole;
    employee_id: number;
    status: Generated<StepStatus>;
    version: number;
    acted_at: Date | null;
    actor_employee_id: number | null;
    acting_kind: ActingKindCol | null;
    comment: string | null;
  };
  naskah_dispatches: {
    id: Generated<number>;
    naskah_id: number;
    kind: 'internal' | 'external';
    target_unit_id: number | null;
    incoming_naskah_id: number | null;
    name: string | null;
    address: string | null;
    email: string | null;
    status: 'terkirim' | 'antre' | 'gagal';
    attempts: Generated<number>;
    created_by: number;
    created_at: CreatedAt;
    sent_at: Date | null;
  };
};
