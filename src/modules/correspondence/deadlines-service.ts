// The disposition deadline sweep (issue 15 item 4): due-date warnings at 75 % of the working-time budget and
// escalation when overdue, run by the pg-boss job beside the layanan warga SLA sweep (src/jobs/queue.ts). Working
// time is counted by the SLA engine of layanan warga (service-requests' ServiceTimes: service hours on the city's
// working calendar, national holidays and cuti bersama closed); the thresholds are deadlines-rules.ts. Each
// threshold is claimed once per disposition (deadlines-repo.ts, a conditional UPDATE) and notified in the same
// transaction with its audit record; notification dedupe keys make a repeat harmless too.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { translator } from '../../i18n/index.js';
import type { Message } from '../notifications/service.js';
import { localDateOf } from '../work-schedule/index.js';
import { dueInstant, thresholdsOwed, type Threshold } from './deadlines-rules.js';
import { createDeadlinesRepo, type DeadlineRow } from './deadlines-repo.js';

export interface DeadlinesDeps {
  db: Db;
  clock: Clock;
  audit: AuditRepo;
  offsetMinutes: number;
  /** Working milliseconds in [from, to) for an office of `regionCode`: the SLA engine's service-hours count. */
  countedMillis: (regionCode: string, from: Date, to: Date) => Promise<number>;
  notify: { toUserId(trx: Db, userId: number, m: Message): Promise<boolean> };
  /** NASKAH_ESCALATE_TO_HEAD: an overdue disposition is escalated to the sender's head as well. */
  escalateToHead: boolean;
}

/** Dispositions examined per sweep; the rest wait for the next beat (oldest due first). */
const BATCH = 500;
const t = translator('id');
/** "8 Desember 2026": a due date in the catalogue's language (notifications are written in Bahasa Indonesia). */
const formatDay = (day: string) =>
  new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

export function createDeadlinesService(d: DeadlinesDeps) {
  const repo = createDeadlinesRepo();

  function message(r: DeadlineRow, threshold: Threshold): Message {
    const params = {
      agenda: r.agenda_number ?? String(r.naskah_id),
      perihal: r.perihal,
      due: formatDay(r.due_date),
      to: r.to_name,
    };
    const warn = threshold === 'warn';
    return {
      requestId: null,
      kind: warn ? 'naskah.disposition_warning' : 'naskah.disposition_overdue',
      eventKey: `disposisi:${threshold}:${r.id}`,
      title: t(warn ? 'tenggat.notice.warn_title' : 'tenggat.notice.overdue_title', params),
      body: t(warn ? 'tenggat.notice.warn_body' : 'tenggat.notice.overdue_body', params),
      link: `/surat/disposisi/${r.id}`,
    };
  }

  function recipients(r: DeadlineRow, threshold: Threshold) {
    if (threshold === 'warn') return [r.to_user_id];
    const out = [r.from_user_id];
    if (d.escalateToHead && r.head_user_id !== null && !out.includes(r.head_user_id) && r.head_user_id !== r.to_user_id)
      out.push(r.head_user_id);
    return out;
  }

  return {
    /** One sweep: owed thresholds claimed and notified. Safe to run on several instances at once. */
    async sweep(): Promise<{ warned: number; escalated: number }> {
      const now = d.clock.now();
      const rows = await repo.candidates(d.db, localDateOf(now, d.offsetMinutes), BATCH);
      let warned = 0;
      let escalated = 0;
      for (const r of rows) {
        const created = new Date(r.created_at);
        const dueAt = dueInstant(r.due_date, d.offsetMinutes);
        const budgetMs = await d.countedMillis(r.region_code, created, dueAt);
        const until = now < dueAt ? now : dueAt;
        const countedMs = await d.countedMillis(r.region_code, created, until);
        const owed = thresholdsOwed({
          budgetMs,
          countedMs,
          now,
          dueAt,
          warned: r.warned_at !== null,
          escalated: false,
        });
        if (!owed.length) continue;
        await d.db.transaction().execute(async (trx) => {
          for (const threshold of owed) {
            if (!(await repo.claim(trx, r.id, threshold, now))) continue;
            const m = message(r, threshold);
            const to = recipients(r, threshold);
            for (const userId of to) await d.notify.toUserId(trx, userId, m);
            await d.audit.append(trx, {
              actorUserId: null,
              actorName: null,
              actorRole: 'system',
              ip: null,
              action: threshold === 'warn' ? 'naskah.disposition_warned' : 'naskah.disposition_escalated',
              entityType: 'naskah_disposition',
              entityId: r.id,
              regionCode: r.region_code,
              details: { naskahId: r.naskah_id, dueDate: r.due_date, notifiedUserIds: to },
            });
            if (threshold === 'warn') warned++;
            else escalated++;
          }
        });
      }
      return { warned, escalated };
    },
  };
}
export type DeadlinesService = ReturnType<typeof createDeadlinesService>;
