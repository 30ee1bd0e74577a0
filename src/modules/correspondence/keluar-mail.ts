// The e-mail outbox of naskah keluar (issue 15 item 5: "to external addresses (PDF by e-mail)"). Dispatch writes one
// 'antre' row per external address in the dispatching transaction; this worker, run with the notification
// deliveries (src/jobs), sends each with the signed PDF attached, at least once: a row is locked for the run (another
// instance skips it), marked 'terkirim' after the SMTP server took it, or counts a failed attempt and stays queued
// for five attempts, then 'gagal' (shown on the naskah page). Without SMTP configured nothing is sent and
// the rows wait.
import type { Db } from '../../db/database.js';
import type { FileStorage } from '../../kernel/files/storage.js';
import type { Clock } from '../../lib/clock.js';
import type { KeluarRepo } from './keluar-repo.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
}
export type MailSend = (m: MailMessage) => Promise<void>;

export function createKeluarMail(d: {
  db: Db;
  clock: Clock;
  files: FileStorage;
  repo: KeluarRepo;
  maxAttempts: number;
  log?: (message: string, err: unknown) => void;
}) {
  return {
    /** Sends up to `limit` queued e-mails; returns how many went and how many failed this run. */
    async sendQueued(send: MailSend | undefined, limit = 20) {
      if (!send) return { sent: 0, failed: 0 };
      let sent = 0;
      let failed = 0;
      await d.db.transaction().execute(async (trx) => {
        for (const m of await d.repo.queuedMail(trx, limit)) {
          const file = m.file_id ? await d.files.get(trx, m.file_id) : undefined;
          let ok = false;
          try {
            if (!file || !m.email) throw new Error('naskah tanpa PDF bertanda tangan atau alamat');
            await send({
              to: m.email,
              subject: `${m.letter_number ?? ''} — ${m.perihal}`.trim(),
              text: `Yth. ${m.name ?? m.email},\n\nTerlampir naskah dinas Nomor ${m.letter_number ?? '-'} perihal ${m.perihal}.\nKeaslian dapat diperiksa melalui kode QR pada naskah.\n`,
              attachments: [
                {
                  filename: `naskah-${(m.letter_number ?? String(m.naskah_id)).replace(/[^A-Za-z0-9.-]+/g, '-')}.pdf`,
                  content: file.content,
                  contentType: 'application/pdf',
                },
              ],
            });
            ok = true;
          } catch (err) {
            d.log?.(`naskah ${m.naskah_id}: e-mail to dispatch ${m.id} failed`, err);
          }
          await d.repo.markMail(trx, m.id, { ok, at: d.clock.now(), maxAttempts: d.maxAttempts });
          if (ok) sent++;
          else failed++;
        }
      });
      return { sent, failed };
    },
  };
}
