// The citizen's side of layanan warga (issue 12): a returned request is
// corrected (a changed field, a new photo) and finishes with both versions in
// its trail; a form with several errors answers them all at once and keeps the
// files it accepted; the retention job removes expired attachments and audits
// it; the pages have unique ids and headings that do not skip levels; the
// privacy notice is public and its numbers come from the configuration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fixedClock, type TestApp } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { createChain, JPEG, PNG } from '../helpers/requests.js';
import { PHOTO_JPEG } from '../helpers/uploads.js';
import { RefusedWithUploads } from '../../src/modules/service-requests/uploads.js';

// A clock far in the past: the retention run below removes only what ended before its cut-off,
// so on a shared PostgreSQL it can never reach another test file's requests.
const clock = fixedClock(new Date('2001-03-05T02:00:00Z'));
const DAY = 86_400_000;
const LIMIT = 1_572_864; // 1,5 MB: the hint, the browser check and the server all say this one number
const CONTACT = 'Kantor Kelurahan Uji, telepon (0335) 421000';
let t: TestApp;
let c: Awaited<ReturnType<typeof createChain>>;
type Session = Awaited<ReturnType<TestApp['createUser']>>;
let citizen: Session;

beforeAll(async () => {
  t = await createTestApp({
    clock,
    config: {
      UPLOAD_MAX_BYTES: String(LIMIT),
      RETENTION_COMPLETED_DAYS: '20',
      RETENTION_REJECTED_DAYS: '10',
      RETENTION_RETURNED_DAYS: '40',
      PENDING_UPLOAD_HOURS: '24',
      PRIVACY_CONTACT: CONTACT,
    },
  });
  c = await createChain(t);
  const full = await t.services.residents.viewFull(c.admin.ctx, c.residentId);
  citizen = await t.createUser('warga', c.kel.rts[0]!, { residentId: full.id, nikHash: full.nik_hash });
});
afterAll(() => t.close());

const get = (s: { cookies: Record<string, string> } | null, url: string) =>
  t.app.inject({ method: 'GET', url, ...(s ? { cookies: s.cookies } : {}) });
const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
const q = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
  (await t.database.pool.query(text, values)).rows as T[];
const unescape = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
const USAHA = { field_nama_usaha: 'Warung Sari', field_jenis_usaha: 'Kuliner', field_alamat_usaha: 'Jl. Mawar 1' };
type File = { name: string; filename: string; type: string; content: Buffer };
const ktp = (content: Buffer): File => ({ name: 'file_ktp', filename: 'ktp.jpg', type: 'image/jpeg', content });
const kk = (content: Buffer): File => ({ name: 'file_kk', filename: 'kk.png', type: 'image/png', content });

async function postForm(s: Session, url: string, fields: Record<string, string>, files: File[] = []) {
  return t.app.inject({ method: 'POST', url, cookies: s.cookies, ...multipart({ _csrf: s.csrf, ...fields }, files) });
}

/** The citizen asks for a Surat Keterangan Usaha through the page; returns the request's id. */
async function submitUsaha(fields: Record<string, string> = USAHA) {
  const page = await get(citizen, '/layanan/baru?jenis=usaha');
  const key = hidden(page.body, 'idempotencyKey');
  const res = await postForm(
    citizen,
    '/layanan',
    { letterType: 'usaha', idempotencyKey: key, purpose: 'Modal usaha', ...fields },
    [ktp(JPEG), kk(PNG)],
  );
  expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
  return Number(/^\/layanan\/(\d+)\?baru=1$/.exec(String(res.headers.location))?.[1]);
}

const actorAt = (stage: string | null) =>
  ({ rt: c.rt, rw: c.rw, kelurahan: c.lurah, kecamatan: c.camat })[stage as 'rt'];
const stateOf = async (id: number) =>
  (
    await q<{ status: string; stage: string | null; version: number }>(
      'select status, stage, version from service_requests where id = $1',
      [id],
    )
  )[0]!;

/** Ids that occur more than once in a page. */
function duplicateIds(html: string) {
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}
/** Headings that go down more than one level at once (h1 → h3). */
function skippedHeadings(html: string) {
  const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
  return levels.flatMap((l, i) => (i > 0 && l > levels[i - 1]! + 1 ? [`h${levels[i - 1]} → h${l}`] : []));
}

describe('correct and resubmit', () => {
  it('a returned request is corrected with a new photo and a changed field and finishes; the trail keeps both versions', async () => {
    const id = await submitUsaha();
    await t.services.requests.act(c.rt.ctx, id, 'approve');
    await t.services.requests.act(c.rw.ctx, id, 'return', 'Nama usaha salah dan foto KTP buram');
    expect(await stateOf(id)).toMatchObject({ status: 'returned', stage: 'rw' });

    const detail = await get(citizen, `/layanan/${id}`);
    expect(detail.body).toContain(`href="/layanan/${id}/perbaiki"`);
    const form = await get(citizen, `/layanan/${id}/perbaiki`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('data-testid="returned-reason"');
    expect(form.body).toContain('Nama usaha salah dan foto KTP buram');
    expect(form.body).toContain('value="Warung Sari"');
    expect(form.body.match(/data-testid="current-file"/g)).toHaveLength(2);
    const version = hidden(form.body, 'expectedVersion');
    const key = hidden(form.body, 'idempotencyKey');
    expect(version).toBe(String((await stateOf(id)).version));

    const body = {
      idempotencyKey: key,
      expectedVersion: version,
      purpose: 'Modal usaha',
      ...USAHA,
      field_nama_usaha: 'Warung Sari Rasa',
      note: 'Nama usaha dan foto KTP sudah diperbaiki',
    };
    const sent = await postForm(citizen, `/layanan/${id}/perbaiki`, body, [ktp(PHOTO_JPEG)]);
    expect(sent.statusCode, sent.body.slice(0, 1500)).toBe(303);
    expect(sent.headers.location).toBe(`/layanan/${id}`);
    // Back to the stage that returned it, with the corrected content.
    expect(await stateOf(id)).toMatchObject({ status: 'in_progress', stage: 'rw' });
    const [row] = await q<{ field_values: Record<string, string> }>(
      'select field_values from service_requests where id = $1',
      [id],
    );
    expect(row!.field_values.nama_usaha).toBe('Warung Sari Rasa');

    // The same form sent again (a double tap, a resend from the outbox) changes nothing.
    const transitions = async () =>
      (await q('select action from request_transitions where request_id = $1 order by seq', [id])).map((r) => r.action);
    const before = await transitions();
    const again = await postForm(citizen, `/layanan/${id}/perbaiki`, body, [ktp(PHOTO_JPEG)]);
    expect(again.statusCode).toBe(303);
    expect(await transitions()).toEqual(before);
    expect(await q('select version_no from request_versions where request_id = $1', [id])).toEqual([{ version_no: 1 }]);
    // A stale form (another key, the old version) is refused and says what happened.
    const stale = await postForm(citizen, `/layanan/${id}/perbaiki`, { ...body, idempotencyKey: `${key}x` });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('data-testid="stale-form"');
    expect(stale.body).toContain('Diajukan ulang oleh Uji warga');
    expect(await transitions()).toEqual(before);

    // The chain goes on to the end.
    for (let guard = 0; (await stateOf(id)).status === 'in_progress' && guard < 5; guard++) {
      const s = await stateOf(id);
      await t.services.requests.act(actorAt(s.stage)!.ctx, id, 'approve');
    }
    expect((await stateOf(id)).status).toBe('completed');
    const trail = await transitions();
    expect(trail.slice(0, 4)).toEqual(['submit', 'approve', 'return', 'resubmit']);
    expect(trail.slice(4, -1).every((a) => a === 'approve')).toBe(true);
    expect(trail[trail.length - 1]).toBe('issue');

    // Both versions on the request's page, with what changed; the old photo is still there to see.
    const page = await get(c.lurah, `/layanan/${id}`);
    const html = unescape(page.body);
    expect(html).toContain('data-testid="versions"');
    expect(html).toMatch(/data-version="1"[\s\S]*Versi 1[\s\S]*data-version="2"[\s\S]*Versi 2/);
    expect(html).toContain('Nama usaha: "Warung Sari" menjadi "Warung Sari Rasa"');
    expect(html).toContain('Foto KTP: foto diganti');
    expect(html).not.toContain('Foto Kartu Keluarga: foto diganti');
    const atts = await q<{ id: number; kind: string; replaced_at: Date | null }>(
      'select id, kind, replaced_at from request_attachments where request_id = $1 order by id',
      [id],
    );
    const oldKtp = atts.find((a) => a.kind === 'ktp' && a.replaced_at)!;
    const newKtp = atts.find((a) => a.kind === 'ktp' && !a.replaced_at)!;
    expect(atts).toHaveLength(3);
    const oldFile = await t.app.inject({
      method: 'GET',
      url: `/api/v1/requests/${id}/attachments/${oldKtp.id}`,
      headers: c.lurah.auth,
    });
    expect(oldFile.statusCode).toBe(200);
    expect(oldFile.rawPayload.equals(JPEG)).toBe(true);
    const newFile = await t.app.inject({
      method: 'GET',
      url: `/api/v1/requests/${id}/attachments/${newKtp.id}`,
      headers: c.lurah.auth,
    });
    expect(newFile.rawPayload.equals(PHOTO_JPEG)).toBe(true);
    // The trail names what changed, never the values (no personal data in the audit).
    const [audit] = await q<{ details: { version: number; changed: string[] } }>(
      `select details from audit_log where entity_type = 'service_request' and entity_id = $1 and action = 'request.resubmit'`,
      [String(id)],
    );
    expect(audit!.details).toMatchObject({ version: 2, changed: ['field:nama_usaha', 'file:ktp'] });
    expect(JSON.stringify(audit!.details)).not.toContain('Warung');
    expect(page.body).toContain('Nama usaha dan foto KTP sudah diperbaiki'); // the note, in the timeline
  });

  it('only the requester corrects, and only a returned request', async () => {
    const id = await submitUsaha();
    const open = await get(citizen, `/layanan/${id}/perbaiki`);
    expect(open.body).toContain('data-testid="not-returned"');
    expect(open.body).not.toContain('data-testid="correct-form"');
    await t.services.requests.act(c.rt.ctx, id, 'return', 'Foto buram');
    const other = await t.createUser('ketua_rw', c.kel.rw);
    const refused = await t.services.requests
      .correct(other.ctx, id, {
        idempotencyKey: 'bukan-pemohon-01',
        expectedVersion: (await stateOf(id)).version,
        purpose: 'x',
        fields: {},
        attachments: [],
        note: '',
      })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 403 });
    expect((await stateOf(id)).status).toBe('returned');
  });
});

describe('the request form', () => {
  it('answers three errors at once and keeps the accepted photo, which need not be chosen again', async () => {
    const page = await get(citizen, '/layanan/baru?jenis=usaha');
    expect(page.body).toContain('data-testid="upload-hint"');
    expect(page.body).toContain('paling besar 1,5 MB per berkas');
    expect(page.body).toContain(`data-max-bytes="${LIMIT}"`);
    const key = hidden(page.body, 'idempotencyKey');
    const tooBig = Buffer.concat([PNG, Buffer.alloc(LIMIT)]);
    const res = await postForm(
      citizen,
      '/layanan',
      { letterType: 'usaha', idempotencyKey: key, purpose: '', ...USAHA, field_nama_usaha: '' },
      [ktp(JPEG), kk(tooBig)],
    );
    expect(res.statusCode).toBe(422);
    const summary = /data-testid="error-summary"[\s\S]*?<\/ul>/.exec(res.body)?.[0] ?? '';
    expect([...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1])).toEqual([
      'f-purpose',
      'f-field_nama_usaha',
      'f-file_kk',
    ]);
    // Each message also next to its field, and each link has its target.
    for (const f of ['purpose', 'field_nama_usaha', 'file_kk']) {
      expect(res.body).toContain(`id="f-${f}-error"`);
      expect(res.body).toContain(`id="f-${f}"`);
    }
    expect(res.body).toContain('lebih dari 1,5 MB');
    expect(hidden(res.body, 'idempotencyKey')).toBe(key);
    expect(res.body).toContain('value="Kuliner"');
    // The photo that passed is kept: named in the form, viewable by its owner only.
    const token = hidden(res.body, 'pending_ktp');
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(hidden(res.body, 'pending_kk')).toBe('');
    expect(res.body).toMatch(/data-testid="attachment-ktp"[\s\S]*?data-testid="kept-upload"/);
    const mine = await get(citizen, `/layanan/unggahan/${token}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.rawPayload.equals(JPEG)).toBe(true);
    expect((await get(c.rt, `/layanan/unggahan/${token}`)).statusCode).toBe(404);

    // The second round: only the missing things, and the kept photo by its token.
    const ok = await postForm(
      citizen,
      '/layanan',
      { letterType: 'usaha', idempotencyKey: key, purpose: 'Modal usaha', ...USAHA, pending_ktp: token },
      [kk(PNG)],
    );
    expect(ok.statusCode, ok.body.slice(0, 1500)).toBe(303);
    const id = Number(/^\/layanan\/(\d+)\?baru=1$/.exec(String(ok.headers.location))?.[1]);
    const files = await q<{ kind: string; content: Buffer }>(
      `select a.kind, f.content from request_attachments a join stored_files f on f.id = a.file_id
       where a.request_id = $1 order by a.kind`,
      [id],
    );
    expect(files.map((f) => f.kind)).toEqual(['kk', 'ktp']);
    expect(files[1]!.content.equals(JPEG)).toBe(true);
    expect(await q('select 1 from pending_uploads where token = $1', [token])).toEqual([]);
  });

  it('has no duplicate ids and no skipped heading levels on the request pages', async () => {
    const id = await submitUsaha();
    const code = (
      await q<{ tracking_code: string }>('select tracking_code from service_requests where id = $1', [id])
    )[0]!.tracking_code;
    const refused = await postForm(citizen, '/layanan', {
      letterType: 'usaha',
      idempotencyKey: 'halaman-gagal-0001',
      purpose: '',
    });
    const pages: [string, string][] = [
      ['form', (await get(citizen, '/layanan/baru?jenis=usaha')).body],
      ['refused form', refused.body],
      ['detail for the RT head (return and reject forms)', (await get(c.rt, `/layanan/${id}`)).body],
      ['mine', (await get(citizen, '/layanan/saya')).body],
      ['tracking', (await get(null, `/lacak/${code}`)).body],
      ['privacy', (await get(null, '/privasi')).body],
    ];
    await t.services.requests.act(c.rt.ctx, id, 'return', 'Lengkapi');
    pages.push(['detail, returned', (await get(citizen, `/layanan/${id}`)).body]);
    pages.push(['correction form', (await get(citizen, `/layanan/${id}/perbaiki`)).body]);
    const v = hidden(pages[pages.length - 1]![1], 'expectedVersion');
    const bad = await postForm(citizen, `/layanan/${id}/perbaiki`, {
      idempotencyKey: 'perbaikan-gagal-01',
      expectedVersion: v,
      purpose: '',
    });
    expect(bad.statusCode).toBe(422);
    pages.push(['refused correction', bad.body]);
    // Return and reject share one form: one reason field, one id.
    expect(pages[2]![1].split('id="f-reason"').length - 1).toBe(1);
    for (const [name, html] of pages) {
      expect(duplicateIds(html), name).toEqual([]);
      expect(skippedHeadings(html), name).toEqual([]);
    }
  });
});

describe('privacy notice', () => {
  it('is public, and says what, why, how long (from the configuration) and whom to ask', async () => {
    const res = await get(null, '/privasi');
    expect(res.statusCode).toBe(200);
    const html = unescape(res.body);
    expect(html).toContain('Pemberitahuan privasi');
    expect(html).toContain('27 Tahun 2022');
    expect(html).toMatch(/data-testid="how_long">[^<]*20 hari setelah permohonan selesai, 10 hari setelah ditolak/);
    expect(html).toContain('40 hari setelah dikembalikan');
    expect(html).toContain('24 jam');
    expect(html).toContain(CONTACT);
    // The short notice where citizens give their data, linking to it.
    for (const [url, s] of [
      ['/layanan/baru?jenis=usaha', citizen],
      ['/daftar', null],
      ['/lacak', null],
    ] as const) {
      const p = await get(s, url);
      expect(p.body, url).toContain('data-testid="privacy-notice"');
      expect(p.body, url).toContain('href="/privasi"');
      expect(unescape(p.body), url).toContain(CONTACT);
    }
  });
});

// Last: it moves the clock by days.
describe('retention of attachments', () => {
  it('removes an expired attachment, keeps a fresh one, audits the removal, and finds nothing more the second time', async () => {
    const submit = async (keepAccepted = false) =>
      t.services.requests.submit(
        citizen.ctx,
        {
          idempotencyKey: `retensi-${Math.random().toString(36).slice(2, 12)}`,
          letterType: 'domisili',
          purpose: keepAccepted ? '' : 'Retensi',
          fields: {},
          attachments: [
            { kind: 'ktp', content: JPEG },
            { kind: 'kk', content: PNG },
          ],
        },
        keepAccepted ? { formErrors: [{ field: 'purpose', key: 'field.required' }], keepAccepted: true } : {},
      );
    const old = await submit();
    await t.services.requests.act(c.rt.ctx, old.id, 'reject', 'Bukan warga RT ini');
    clock.advance(6 * DAY);
    const fresh = await submit();
    await t.services.requests.act(c.rt.ctx, fresh.id, 'reject', 'Bukan warga RT ini');
    const refused = await submit(true).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RefusedWithUploads);
    const kept = (refused as RefusedWithUploads).kept;
    expect(kept.map((k) => k.kind).sort()).toEqual(['kk', 'ktp']);
    clock.advance(5 * DAY); // old: rejected 11 days ago (> 10); fresh: 5 days ago; the kept uploads: 5 days (> 24 h)

    const files = async (id: number) =>
      (await q<{ file_id: number }>('select file_id from request_attachments where request_id = $1', [id])).map(
        (r) => r.file_id,
      );
    const oldFiles = await files(old.id);
    expect(oldFiles).toHaveLength(2);
    const run = await t.services.requests.applyRetention();
    expect(run.attachments).toBeGreaterThanOrEqual(2);
    expect(run.pending).toBeGreaterThanOrEqual(2);
    expect(await files(old.id)).toEqual([]);
    expect(await q('select id from stored_files where id = any($1)', [oldFiles])).toEqual([]);
    expect(await files(fresh.id)).toHaveLength(2);
    const tokens = kept.map((k) => k.token);
    expect(await q('select id from pending_uploads where token = any($1)', [tokens])).toEqual([]);

    const audits = async () =>
      q<{ action: string; entity_id: string; details: Record<string, unknown>; actor_user_id: number | null }>(
        `select action, entity_id, details, actor_user_id from audit_log
         where action = 'request.attachment_removed' and entity_id = $1 order by id`,
        [String(old.id)],
      );
    const removed = await audits();
    expect(removed).toHaveLength(2);
    expect(removed.map((a) => a.details.kind).sort()).toEqual(['kk', 'ktp']);
    expect(removed[0]!.details).toMatchObject({ reason: 'retention' });
    expect(removed[0]!.actor_user_id).toBeNull();
    const full = await t.services.residents.viewFull(c.admin.ctx, c.residentId);
    for (const a of removed) {
      expect(JSON.stringify(a.details)).not.toContain(full.full_name);
      expect(JSON.stringify(a.details)).not.toContain(full.nik);
    }
    expect(
      await q(
        `select 1 from audit_log where action = 'request.pending_upload_removed' and entity_type = 'pending_upload'`,
      ),
    ).not.toEqual([]);

    // Idempotent: a second run (another instance, the next hour) removes and audits nothing more of these.
    await t.services.requests.applyRetention();
    expect(await audits()).toHaveLength(2);
    expect(await files(fresh.id)).toHaveLength(2);

    // The request's page says so (a session signed in now: the earlier ones ran out with the clock).
    const lurah = await t.createUser('lurah', c.kel.code);
    expect((await get(lurah, `/layanan/${old.id}`)).body).toContain('data-testid="attachments-removed"');
    expect((await get(lurah, `/layanan/${fresh.id}`)).body).toContain('data-testid="attachments-until"');
  });
});
