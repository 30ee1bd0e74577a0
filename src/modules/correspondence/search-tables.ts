// The table of migration 0032 (the text layer of a naskah's PDFs), known to the correspondence module only.
import type { ColumnType } from 'kysely';
import type { CorrespondenceTables } from './tables.js';
import type { TextStatus } from './search-text.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export type SearchTables = CorrespondenceTables & {
  naskah_texts: {
    naskah_id: number;
    /** The naskah's (composite foreign key). */
    unit_id: number;
    file_id: number;
    status: TextStatus;
    pages_read: ColumnType<number, number | undefined, number>;
    pages_total: ColumnType<number, number | undefined, number>;
    truncated: ColumnType<boolean, boolean | undefined, boolean>;
    body: ColumnType<string, string | undefined, string>;
    extract_ms: ColumnType<number, number | undefined, number>;
    extracted_at: CreatedAt;
    /** Generated from body (migration 0032); never written. */
    search: ColumnType<string | null, never, never>;
  };
};
