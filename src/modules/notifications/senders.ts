// The two ways a notification leaves the platform: email over SMTP, and a
// signed JSON webhook (a WhatsApp gateway the city runs sends it on to the
// person's phone). Each throws on failure; delivery.ts records it and retries.
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { DeliveryItem, Sender } from './delivery.js';

const TIMEOUT_MS = 10_000;

/** Links are stored as app paths; people need the full address. */
export function absoluteLink(link: string | null, publicUrl: string | undefined): string | null {
  if (!link) return null;
  if (/^https?:\/\//.test(link) || !publicUrl) return link;
  return `${publicUrl.replace(/\/$/, '')}${link.startsWith('/') ? '' : '/'}${link}`;
}

export function createEmailSender(smtpUrl: string, from: string, publicUrl?: string): Sender {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  return async (d: DeliveryItem) => {
    const link = absoluteLink(d.link, publicUrl);
    await transport.sendMail({
      from,
      to: d.target,
      subject: d.title,
      text: link ? `${d.body}\n\n${link}\n` : `${d.body}\n`,
    });
  };
}

/** A mailer for messages with attachments (naskah keluar to external addresses): throws when the server refuses. */
export function createMailer(smtpUrl: string, from: string) {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  return async (m: {
    to: string;
    subject: string;
    text: string;
    attachments: { filename: string; content: Buffer; contentType: string }[];
  }) => {
    await transport.sendMail({ from, ...m });
  };
}

/** `sha256=<hex>` over `timestamp + '.' + body`: the receiver recomputes it and checks the timestamp is recent (replay). */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function createWebhookSender(
  url: string,
  secret: string,
  publicUrl?: string,
  now: () => Date = () => new Date(),
): Sender {
  return async (d: DeliveryItem) => {
    const sentAt = now();
    const body = JSON.stringify({
      event: d.kind,
      to: d.target,
      title: d.title,
      body: d.body,
      link: absoluteLink(d.link, publicUrl),
      requestId: d.requestId,
      sentAt: sentAt.toISOString(),
    });
    const timestamp = String(Math.floor(sentAt.getTime() / 1000));
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-pamong-timestamp': timestamp,
        'x-pamong-signature': webhookSignature(secret, timestamp, body),
        // Lets the receiver drop a repeat: a delivery is sent at least once, not exactly once.
        'x-pamong-delivery': d.id,
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    // Drain the body so the connection is released, then judge the status.
    const text = await res.text().catch(() => '');
    if (!res.ok) throw new Error(`webhook answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
  };
}
