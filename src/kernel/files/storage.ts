// One storage interface for uploaded files, reachable from every instance.
// The default keeps them in PostgreSQL (they are small once the phone has
// compressed them); another backend (object storage) would implement the same.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { AllowedMime } from './rules.js';

export interface FileStorage {
  put(db: Db, file: { mime: AllowedMime; content: Buffer }): Promise<number>;
  get(db: Db, id: number): Promise<{ mime: string; content: Buffer } | undefined>;
  /** Removes files for good (retention); the caller has removed every reference first. Returns how many went. */
  remove(db: Db, ids: readonly number[]): Promise<number>;
}

export function createPostgresFileStorage(): FileStorage {
  return {
    async put(db, f) {
      const row = await db
        .insertInto('stored_files')
        .values({
          sha256: createHash('sha256').update(f.content).digest('hex'),
          mime: f.mime,
          size_bytes: f.content.length,
          content: f.content,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    get: (db, id) => db.selectFrom('stored_files').select(['mime', 'content']).where('id', '=', id).executeTakeFirst(),
    async remove(db, ids) {
      if (!ids.length) return 0;
      const r = await db
        .deleteFrom('stored_files')
        .where('id', 'in', [...ids])
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
