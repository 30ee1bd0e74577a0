// The attachments of a request form, judged all together: each file the form
// sent is checked by content; a kind the form did not send may be covered by
// an upload kept from an earlier refused round (a pending upload, named by a
// token) or, in a correction, by the request's current photo. When the form
// is refused for any error, the files it did get right are kept as pending
// uploads, so the person never picks them again.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { LetterTypeSnapshot } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, type FieldError } from '../../lib/errors.js';
import { checkUpload, type AllowedMime } from '../../kernel/files/rules.js';
import type { FileStorage } from '../../kernel/files/storage.js';
import type { RequestsRepo } from './repo.js';
import { pendingExpiry } from './rules-versions.js';

/** An attachment that passed: a new file, or one kept from an earlier round. */
export type Accepted =
  | { kind: string; source: 'new'; content: Buffer; mime: AllowedMime }
  | { kind: string; source: 'pending'; token: string; fileId: number; mime: string; sizeBytes: number };

/** What the re-rendered form names for the person: "Foto KTP received (120 KB)". */
export interface KeptUpload {
  kind: string;
  token: string;
  mime: string;
  sizeBytes: number;
}

/** A refused form, with the uploads kept for its next round. */
export class RefusedWithUploads extends AppError {
  constructor(
    fields: FieldError[],
    readonly kept: KeptUpload[],
  ) {
    super(422, 'error.validation', {}, fields);
  }
}

export interface UploadsDeps {
  db: Db;
  clock: Clock;
  requests: RequestsRepo;
  files: FileStorage;
  uploadMaxBytes: number;
  pendingHours: number;
}

/** "2 MB", "1,5 MB", "120 KB": a size as people read it (Indonesian decimal comma). */
export const sizeLabel = (bytes: number) => {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  const mb = bytes / 1024 / 1024;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1).replace('.', ',')} MB`;
};

export function createUploads(d: UploadsDeps) {
  return {
    limitLabel: () => sizeLabel(d.uploadMaxBytes),

    /**
     * Judges every attachment kind of the type at once. `current` lists the
     * kinds the request already has (a correction keeps them unless replaced).
     */
    async judge(
      ownerId: number,
      type: LetterTypeSnapshot,
      given: { kind: string; content: Buffer }[],
      pending: Record<string, string>,
      current: readonly string[] = [],
    ): Promise<{ accepted: Accepted[]; errors: FieldError[] }> {
      const tokens = Object.values(pending).filter((x) => /^[0-9a-f]{32}$/.test(x));
      const kept = await d.requests.pendingByTokens(d.db, ownerId, tokens, d.clock.now());
      const accepted: Accepted[] = [];
      const errors: FieldError[] = [];
      for (const a of type.attachments) {
        const field = `file_${a.kind}`;
        const file = given.find((x) => x.kind === a.kind);
        if (file) {
          const check = checkUpload(file.content, d.uploadMaxBytes);
          if (check.ok) accepted.push({ kind: a.kind, source: 'new', content: file.content, mime: check.mime });
          else
            errors.push({
              field,
              key: `requests.attachment_${check.reason}`,
              params: { name: a.label, limit: sizeLabel(d.uploadMaxBytes) },
            });
          continue;
        }
        const token = pending[a.kind];
        const p = token ? kept.find((k) => k.token === token && k.kind === a.kind) : undefined;
        if (p) {
          accepted.push({
            kind: a.kind,
            source: 'pending',
            token: p.token,
            fileId: p.file_id,
            mime: p.mime,
            sizeBytes: p.size_bytes,
          });
          continue;
        }
        if (current.includes(a.kind)) continue;
        if (token) errors.push({ field, key: 'requests.attachment_expired', params: { name: a.label } });
        else if (a.required) errors.push({ field, key: 'requests.attachment_required', params: { name: a.label } });
      }
      return { accepted, errors };
    },

    /**
     * The refusal of a form: with `keep`, its new accepted files are stored
     * as pending uploads of their owner (expiring after PENDING_UPLOAD_HOURS)
     * and named, with the ones kept before, in the error.
     */
    async refuse(ownerId: number, errors: FieldError[], accepted: Accepted[], keep: boolean): Promise<AppError> {
      if (!keep) return new AppError(422, 'error.validation', {}, errors);
      const now = d.clock.now();
      const kept: KeptUpload[] = [];
      await d.db.transaction().execute(async (trx) => {
        const rows = [];
        for (const a of accepted) {
          if (a.source === 'pending') {
            kept.push({ kind: a.kind, token: a.token, mime: a.mime, sizeBytes: a.sizeBytes });
            continue;
          }
          const token = randomBytes(16).toString('hex');
          const fileId = await d.files.put(trx, { mime: a.mime, content: a.content });
          rows.push({
            token,
            owner_id: ownerId,
            kind: a.kind,
            file_id: fileId,
            created_at: now,
            expires_at: pendingExpiry(now, d.pendingHours),
          });
          kept.push({ kind: a.kind, token, mime: a.mime, sizeBytes: a.content.length });
        }
        await d.requests.insertPending(trx, rows);
      });
      return new RefusedWithUploads(errors, kept);
    },

    /** Stores an accepted attachment on a request inside the caller's transaction; returns its id. */
    async attach(trx: Db, ownerId: number, requestId: number, a: Accepted): Promise<number> {
      const fileId =
        a.source === 'new'
          ? await d.files.put(trx, { mime: a.mime, content: a.content })
          : await d.requests.consumePending(trx, ownerId, a.token, a.kind, d.clock.now());
      if (fileId === null) throw expired(a.kind);
      return d.requests.addAttachment(trx, requestId, a.kind, fileId);
    },
  };
}
export type Uploads = ReturnType<typeof createUploads>;

/** A kept upload that expired between the check and the write: the person picks the file again. */
function expired(kind: string) {
  return new AppError(422, 'error.validation', {}, [
    { field: `file_${kind}`, key: 'requests.attachment_expired', params: { name: kind } },
  ]);
}
