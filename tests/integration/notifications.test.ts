// Email and webhook deliveries against local fakes (a tiny SMTP server and an
// HTTP endpoint on 127.0.0.1), the inbox, each person's channel settings and
// the admin's view of what failed. Nothing here reaches the internet.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendersFromConfig } from '../../src/jobs/queue.js';
import { fixedClock } from '../../src/lib/clock.js';
import { deliverPending, MAX_ATTEMPTS } from '../../src/modules/notifications/delivery.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createChain, submitBody } from '../helpers/requests.js';

// ── A local SMTP server: just enough of RFC 5321 for nodemailer (no TLS, no auth).
interface Mail {
  from: string;
  to: string[];
  data: string;
}
function startSmtp(): Promise<{ server: TcpServer; port: number; mails: Mail[] }> {
  const mails: Mail[] = [];
  const server = createTcpServer((sock) => {
    let buf = '';
    let inData = false;
    let cur: Mail = { from: '', to: [], data: '' };
    const say = (line: string) => sock.write(`${line}\r\n`);
    say('220 localhost ESMTP uji');
    sock.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          cur.data = buf.slice(0, end).replace(/\r\n\.\./g, '\r\n.');
          buf = buf.slice(end + 5);
          inData = false;
          mails.push(cur);
          cur = { from: '', to: [], data: '' };
          say('250 2.0.0 OK diterima');
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl < 0) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO') sock.write('250-localhost\r\n250 8BITMIME\r\n');
        else if (cmd === 'HELO') say('250 localhost');
        else if (cmd === 'MAIL') {
          cur.from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          say('250 OK');
        } else if (cmd === 'RCPT') {
          cur.to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          say('250 OK');
        } else if (cmd === 'DATA') {
          inData = true;
          say('354 akhiri dengan <CRLF>.<CRLF>');
        } else if (cmd === 'RSET') {
          cur = { from: '', to: [], data: '' };
          say('250 OK');
        } else if (cmd === 'NOOP') say('250 OK');
        else if (cmd === 'QUIT') {
          say('221 sampai jumpa');
          sock.end();
        } else say('502 tidak dikenal');
      }
    });
    sock.on('error', () => undefined);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, mails })),
  );
}

/** Undoes the MIME encodings nodemailer may apply to a header value or a text body. */
function decodeWords(v: string) {
  return v.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}
function header(data: string, name: string) {
  const head = data.split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}: (.*)$`, 'im').exec(head);
  return m ? decodeWords(m[1]!) : null;
}
function textBody(data: string) {
  const [head, ...rest] = data.split('\r\n\r\n');
  const body = rest.join('\r\n\r\n');
  if (/content-transfer-encoding: quoted-printable/i.test(head!)) {
    return Buffer.from(
      body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  }
  if (/content-transfer-encoding: base64/i.test(head!)) return Buffer.from(body, 'base64').toString('utf8');
  return body;
}

// ── A local webhook receiver; answers 500 for phones listed in `failFor`.
interface Hook {
  headers: Record<string, string | string[] | undefined>;
  raw: string;
  json: Record<string, unknown>;
}
function startHook(failFor: Set<string>): Promise<{ server: HttpServer; port: number; hooks: Hook[] }> {
  const hooks: Hook[] = [];
  const server = createHttpServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const json = JSON.parse(raw) as Record<string, unknown>;
      hooks.push({ headers: req.headers, raw, json });
      if (failFor.has(String(json.to))) res.writeHead(500).end('gateway rusak');
      else res.writeHead(202, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, hooks })),
  );
}

const SECRET = 'rahasia-webhook-uji-0123456789';
const PUBLIC_URL = 'https://pamong.contoh.go.id';
const RW_PHONE = '6281234567890';
const LURAH_PHONE = '6281299990000';

let t: TestApp;
let c: Awaited<ReturnType<typeof createChain>>;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let hook: Awaited<ReturnType<typeof startHook>>;
let requestId: number;

beforeAll(async () => {
  smtp = await startSmtp();
  hook = await startHook(new Set([LURAH_PHONE]));
  t = await createTestApp({
    config: {
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Pamong Uji <pamong@contoh.go.id>',
      WEBHOOK_URL: `http://127.0.0.1:${hook.port}/hook`,
      WEBHOOK_SECRET: SECRET,
      PUBLIC_URL,
    },
  });
  c = await createChain(t);
});
afterAll(async () => {
  await t.close();
  await new Promise((r) => smtp.server.close(r));
  await new Promise((r) => hook.server.close(r));
});

const senders = () => sendersFromConfig(t.config, t.clock);
const deliveriesOf = async (userId: number) =>
  (
    await t.database.pool.query(
      `select d.* from deliveries d join notifications n on n.id = d.notification_id where n.user_id = $1 order by d.id`,
      [userId],
    )
  ).rows as {
    id: string;
    channel: string;
    target: string;
    status: string;
    attempts: number;
    last_error: string | null;
    next_attempt_at: Date;
  }[];

describe('channel settings', () => {
  it('a person chooses email and WhatsApp on their settings page; invalid input is refused with a message', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/pengaturan/notifikasi', cookies: c.rw.cookies });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="notifyWebhook"');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/pengaturan/notifikasi',
      cookies: c.rw.cookies,
      payload: { _csrf: c.rw.csrf, notifyEmail: 'on', email: 'bukan surel', phone: '12345' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('error-summary');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/pengaturan/notifikasi',
      cookies: c.rw.cookies,
      payload: {
        _csrf: c.rw.csrf,
        notifyEmail: 'on',
        email: 'ketua.rw@contoh.go.id',
        notifyWebhook: 'on',
        phone: '0812-3456-7890',
      },
    });
    expect(ok.statusCode, ok.body).toBe(303);
    const u = (
      await t.database.pool.query('select email, phone, notify_email, notify_webhook from users where id = $1', [
        c.rw.user.id,
      ])
    ).rows[0];
    expect(u).toEqual({ email: 'ketua.rw@contoh.go.id', phone: RW_PHONE, notify_email: true, notify_webhook: true });
    // The lurah wants WhatsApp only (their gateway will fail below).
    await t.services.notify.saveSettings(c.lurah.ctx, { notifyWebhook: true, phone: '+62 812 9999 0000' });
  });
});

describe('deliveries', () => {
  it('the RW head hears about a new request by email and by a signed webhook', async () => {
    const sub = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: c.rt.auth,
      payload: submitBody(c.residentId),
    });
    expect(sub.statusCode, sub.body).toBe(201);
    requestId = sub.json().id;
    const inbox = (await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: c.rw.auth })).json();
    expect(inbox.unread).toBe(1);
    const note = inbox.items[0];
    expect(note).toMatchObject({ kind: 'request.waiting', requestId, readAt: null });
    expect((await deliveriesOf(c.rw.user.id)).map((d) => [d.channel, d.status])).toEqual([
      ['email', 'pending'],
      ['webhook', 'pending'],
    ]);

    // Counts are not asserted: on a shared PostgreSQL test database this run may also pick up other files' deliveries.
    expect((await t.services.notify.deliverPending(senders())).sent).toBeGreaterThanOrEqual(2);
    expect((await deliveriesOf(c.rw.user.id)).map((d) => [d.channel, d.status, d.attempts])).toEqual([
      ['email', 'sent', 1],
      ['webhook', 'sent', 1],
    ]);

    // Email: right recipient, subject = title, body carries the absolute link.
    const mail = smtp.mails.find((m) => m.to.includes('ketua.rw@contoh.go.id'));
    expect(mail, 'no email arrived').toBeDefined();
    expect(mail!.from).toBe('pamong@contoh.go.id');
    expect(header(mail!.data, 'Subject')).toBe(note.title);
    expect(header(mail!.data, 'To')).toContain('ketua.rw@contoh.go.id');
    const text = textBody(mail!.data);
    expect(text).toContain(note.body);
    expect(text).toContain(`${PUBLIC_URL}/layanan/${requestId}`);

    // Webhook: the content, and an HMAC-SHA256 signature that verifies with the shared secret.
    const h = hook.hooks.find((x) => x.json.to === RW_PHONE);
    expect(h, 'no webhook arrived').toBeDefined();
    expect(h!.headers['content-type']).toBe('application/json');
    expect(h!.json).toMatchObject({
      event: 'request.waiting',
      to: RW_PHONE,
      title: note.title,
      body: note.body,
      link: `${PUBLIC_URL}/layanan/${requestId}`,
      requestId,
    });
    expect(new Date(String(h!.json.sentAt)).getTime()).not.toBeNaN();
    const ts = String(h!.headers['x-pamong-timestamp']);
    expect(Math.abs(Date.now() / 1000 - Number(ts))).toBeLessThan(60);
    const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(`${ts}.${h!.raw}`).digest('hex')}`);
    const given = Buffer.from(String(h!.headers['x-pamong-signature']));
    expect(given.length === expected.length && timingSafeEqual(given, expected)).toBe(true);
    // A signature made with another secret does not verify.
    expect(createHmac('sha256', 'salah').update(`${ts}.${h!.raw}`).digest('hex')).not.toBe(
      String(h!.headers['x-pamong-signature']).slice(7),
    );

    // Nothing is sent twice.
    await t.services.notify.deliverPending(senders());
    expect((await deliveriesOf(c.rw.user.id)).map((d) => d.attempts)).toEqual([1, 1]);
    expect(hook.hooks.filter((x) => x.json.to === RW_PHONE)).toHaveLength(1);
    expect(smtp.mails.filter((m) => m.to.includes('ketua.rw@contoh.go.id'))).toHaveLength(1);
  });

  it('a failing webhook is retried with backoff, then given up, and the admin sees why', async () => {
    const act = await t.app.inject({
      method: 'POST',
      url: `/api/v1/requests/${requestId}/actions`,
      headers: c.rw.auth,
      payload: { action: 'approve' },
    });
    expect(act.json()).toEqual({ status: 'in_progress', stage: 'kelurahan' });
    const before = Date.now();
    expect((await t.services.notify.deliverPending(senders())).failed).toBeGreaterThanOrEqual(1);
    const [d] = await deliveriesOf(c.lurah.user.id);
    expect(d).toMatchObject({ channel: 'webhook', target: LURAH_PHONE, status: 'pending', attempts: 1 });
    expect(d!.last_error).toContain('500');
    // First retry 2 minutes later (2^attempts minutes).
    expect(new Date(d!.next_attempt_at).getTime()).toBeGreaterThanOrEqual(before + 2 * 60_000 - 1000);
    expect(new Date(d!.next_attempt_at).getTime()).toBeLessThanOrEqual(Date.now() + 2 * 60_000 + 1000);
    // Not due yet: a second run leaves it alone.
    await t.services.notify.deliverPending(senders());
    expect((await deliveriesOf(c.lurah.user.id))[0]!.attempts).toBe(1);

    // The admin of the city sees it, with the error; a lurah may not look.
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/deliveries?status=pending',
      headers: c.admin.auth,
    });
    expect(list.statusCode).toBe(200);
    const mine = list.json().items.find((x: { id: string }) => x.id === String(d!.id));
    expect(mine).toMatchObject({
      channel: 'webhook',
      target: LURAH_PHONE,
      status: 'pending',
      attempts: 1,
      recipient: 'Uji lurah',
    });
    expect(mine.lastError).toContain('500');
    const page = await t.app.inject({ method: 'GET', url: '/admin/pengiriman', headers: c.admin.auth });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('webhook answered 500');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/admin/deliveries', headers: c.lurah.auth })).statusCode,
    ).toBe(403);

    // Later attempts wait 4, 8, 16, 32 minutes; the sixth failure gives up.
    const clock = fixedClock(new Date());
    const gaps: number[] = [];
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      clock.set(new Date((await deliveriesOf(c.lurah.user.id))[0]!.next_attempt_at));
      const at = clock.now().getTime();
      await deliverPending({ db: t.db, repo: t.repos.notifications, clock, senders: senders() });
      const now = (await deliveriesOf(c.lurah.user.id))[0]!;
      expect(now.attempts).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) gaps.push((new Date(now.next_attempt_at).getTime() - at) / 60_000);
      else expect(now.status).toBe('failed');
    }
    expect(gaps).toEqual([4, 8, 16, 32]);
    const failed = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/deliveries?status=failed',
      headers: c.admin.auth,
    });
    expect(failed.json().items.map((x: { id: string }) => x.id)).toContain(String(d!.id));
    expect(hook.hooks.filter((x) => x.json.to === LURAH_PHONE)).toHaveLength(MAX_ATTEMPTS);
  });

  it('an admin of another city does not see these deliveries', async () => {
    const other = await t.createArea();
    const outsider = await t.createUser('admin_kota', other.city);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/admin/deliveries', headers: outsider.auth });
    expect(
      list
        .json()
        .items.filter((x: { target: string }) => [RW_PHONE, LURAH_PHONE, 'ketua.rw@contoh.go.id'].includes(x.target)),
    ).toEqual([]);
  });
});

describe('inbox', () => {
  it('shows unread in bold, links to the request, and marks all read', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/kotak-masuk', cookies: c.rw.cookies });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<strong>[^<]+<\/strong>/);
    expect(page.body).toContain(`href="/layanan/${requestId}"`);
    expect(page.body).toContain('action="/kotak-masuk/baca"');
    // Someone else's notification cannot be marked.
    const lurahNote = (
      await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: c.lurah.auth })
    ).json().items[0].id as string;
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/notifications/read',
          headers: c.rw.auth,
          payload: { ids: [lurahNote] },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: c.lurah.auth })).json().unread,
    ).toBe(1);
    // Own, by id over the API; then all, by the form.
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/notifications/read',
          headers: c.lurah.auth,
          payload: { ids: [lurahNote] },
        })
      ).json(),
    ).toEqual({ ok: true });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: c.lurah.auth })).json().unread,
    ).toBe(0);
    const read = await t.app.inject({
      method: 'POST',
      url: '/kotak-masuk/baca',
      cookies: c.rw.cookies,
      payload: { _csrf: c.rw.csrf },
    });
    expect(read.statusCode).toBe(303);
    const after = await t.app.inject({ method: 'GET', url: '/kotak-masuk', cookies: c.rw.cookies });
    expect(after.body).not.toMatch(/<strong>[^<]+<\/strong>/);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: c.rw.auth })).json().unread,
    ).toBe(0);
    // All read with an empty body too.
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read', headers: c.rt.auth })).statusCode,
    ).toBe(200);
  });
});
