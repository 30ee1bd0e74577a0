// "Someone else acted first": a decision sent with the version of the request
// it was taken on (from a phone's outbox, a stale page or a double tap) meets
// a request that has moved on. Nothing is written; the answer says who took
// that version, how and when, so the phone shows what happened instead of an
// error (issue 12, point 8).
import type { MessageKey, Translate } from '../../i18n/index.js';
import { AppError } from '../../lib/errors.js';
import type { TimeZone } from '../../config.js';
import { formatTime } from '../../ui/format.js';

export interface Decided {
  actorName: string;
  actorRole: string | null;
  action: 'approve' | 'return' | 'reject' | 'resubmit';
  at: Date;
  fromStage: string | null;
  /** The version the decision moved from (null on trails older than migration 0017). */
  fromVersion: number | null;
}

/** 409 `requests.already_acted`, with the decision that came first when the trail names it. */
export class AlreadyDecided extends AppError {
  constructor(readonly decided: Decided | null) {
    super(409, 'requests.already_acted');
  }
}

/** "Sudah diputuskan oleh Budi (Disetujui, 2 Des 2026 10.42 WIB)." — or, when the trail names nobody, a plain notice. */
export function decidedMessage(
  t: Translate,
  decided: Decided | null,
  pc: { locale: string; timeZone: TimeZone },
): string {
  if (!decided) return t('appr.decided_unknown');
  return t('appr.decided_by', {
    name: decided.actorName,
    action: `req.action.${decided.action}` satisfies MessageKey,
    time: formatTime(decided.at, pc),
  });
}
