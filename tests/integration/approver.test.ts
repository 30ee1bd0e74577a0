// The approver's side (issue 12, point 8): every approver's home shows the
// queue late-first with the purpose, the masked requester and thumbnails, and
// names the region instead of its code; a decision carries the version it was
// taken on, and a stale one writes nothing and answers who decided first (API
// and form); replaying an Idempotency-Key decides once; thumbnails are served
// only to those who may see the request.
import { THUMB_PX } from '../../src/kernel/files/thumbnail.js';
import { makeNip } from '../helpers/staff.js';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fixedClock, type TestApp } from '../helpers/app.js';
import { createChain, key, submitBody } from '../helpers/requests.js';

const clock = fixedClock(new Date('2026-12-02T02:00:00Z'));
const MIN = 60_000;
let t: TestApp;
let c: Awaited<ReturnType<typeof createChain>>;
let staffKel: Awaited<ReturnType<TestApp['createUser']>>;
let staffKec: Awaited<ReturnType<TestApp['createUser']>>;
/** Two letter types through all four stages: generous and tight budgets at the kelurahan and kecamatan. */
let slowType = '';
let fastType = '';
type Who = { auth: Record<string, string>; cookies: Record<string, string>; csrf: string };

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await createChain(t);
  staffKel = await t.createUser('staf_kelurahan', c.kel.code);
  // Plain staff do not sign (Permendagri 1/2023): this one signs a.n. the lurah, with a NIP of record.
  await t.services.accounts.setOfficialIdentity(c.admin.ctx, staffKel.user.id, {
    nip: makeNip(),
    jabatan: 'Sekretaris Kelurahan',
    pangkat: 'Penata (III/c)',
  });
  await t.services.letters.addDelegation(c.lurah.ctx, c.kel.code, {
    userId: staffKel.user.id,
    mode: 'an',
    viaJabatan: '',
    validFrom: '2026-01-01',
    validTo: '',
  });
  staffKec = await t.createUser('staf_kecamatan', c.kec.code);
  const make = async (label: string, office: number) => {
    const code = `uji_${randomBytes(3).toString('hex')}`;
    await t.services.catalogue.create(c.admin.ctx, {
      code,
      name: `Surat Uji ${label}`,
      classification: '400.12.2.1',
      route: ['rt', 'rw', 'kelurahan', 'kecamatan'],
      stage_budgets: { rt: 10, rw: 10, kelurahan: office, kecamatan: office },
      total_budget_minutes: 300,
      validity_days: 30,
      fields: [],
      attachments: [
        { kind: 'ktp', label: 'Foto KTP', required: true },
        { kind: 'kk', label: 'Foto KK', required: false },
      ],
      template: 'Uji {{nama}}',
    });
    return code;
  };
  slowType = await make('Lambat', 120);
  fastType = await make('Cepat', 5);
});
afterAll(() => t.close());

const api = (who: { auth: Record<string, string> }, url: string, payload: unknown, headers = {}) =>
  t.app.inject({ method: 'POST', url, headers: { ...who.auth, ...headers }, payload: payload as object });
const get = (who: { cookies: Record<string, string> }, url: string) =>
  t.app.inject({ method: 'GET', url, cookies: who.cookies });
const form = (who: Who, url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    cookies: who.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
  });
const state = async (id: number) =>
  (
    await t.database.pool.query(
      `select r.version, r.stage, r.status, (select count(*)::int from request_transitions x where x.request_id = r.id) as n,
              (select count(*)::int from audit_log a where a.entity_type = 'service_request' and a.entity_id = r.id::text) as audits
       from service_requests r where r.id = $1`,
      [id],
    )
  ).rows[0] as { version: number; stage: string | null; status: string; n: number; audits: number };

/** The RT head files (the RT stage is vouched at filing); returns the id. */
async function file(type: string, purpose: string) {
  const res = await api(c.rt, '/api/v1/requests', submitBody(c.residentId, type, { purpose }));
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: number }).id;
}
async function decide(who: { auth: Record<string, string> }, id: number, extra: Record<string, unknown> = {}) {
  const { version, stage } = await state(id);
  const res = await api(who, `/api/v1/requests/${id}/actions`, {
    action: 'approve',
    expectedVersion: version,
    expectedStage: stage,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(200);
}
const rowsOf = (html: string) => html.split('data-testid="queue-row"').slice(1);
const codeOf = async (id: number) =>
  (await t.database.pool.query('select tracking_code from service_requests where id = $1', [id])).rows[0]
    .tracking_code as string;

describe("every approver's home", () => {
  it('shows the lurah and the camat the queue late first, with purpose, masked name and thumbnails, and names the region', async () => {
    // The older request is punctual, the newer one late: late first beats oldest first.
    const older = await file(slowType, 'Mendaftar sekolah anak');
    await decide(c.rw, older);
    clock.advance(MIN);
    const newer = await file(fastType, 'Melamar pekerjaan di pabrik');
    await decide(c.rw, newer);
    clock.advance(10 * MIN); // newer: 10 of 5 minutes at the kelurahan; older: 11 of 120
    const [olderCode, newerCode] = [await codeOf(older), await codeOf(newer)];

    const home = await get(c.lurah, '/');
    expect(home.statusCode).toBe(200);
    const rows = rowsOf(home.body).filter((r) => r.includes(olderCode) || r.includes(newerCode));
    expect(rows.map((r) => (r.includes(newerCode) ? 'newer' : 'older'))).toEqual(['newer', 'older']);
    expect(rows[0]).toContain('data-testid="late-tag"');
    expect(rows[1]).not.toContain('data-testid="late-tag"');
    expect(rows[0]).toMatch(/data-state="overdue">Tahap Kelurahan: terlambat 5 mnt</);
    expect(rows[0]).toContain('Keperluan: Melamar pekerjaan di pabrik');
    const full = await t.services.residents.viewFull(c.admin.ctx, c.residentId);
    expect(rows[0]).not.toContain(full.full_name);
    expect(rows[0]).toMatch(/Pemohon: [^\s*]\*+/);
    // Thumbnails beside the button, each a link to the full photo.
    expect(rows[0]).toMatch(
      new RegExp(
        `href="/api/v1/requests/${newer}/attachments/\\d+"[^>]*><img src="/layanan/${newer}/lampiran/\\d+/mini"`,
      ),
    );
    expect(rows[0]!.indexOf('data-testid="thumb"')).toBeLessThan(rows[0]!.indexOf('data-testid="approve"'));
    // The counts stay; the region is named, never its code.
    expect(home.body).toContain('data-testid="count-residents"');
    expect(home.body).toMatch(
      /data-testid="home-scope">Wilayah tugas: Kelurahan Kelurahan 1-1, Kecamatan Kecamatan 1</,
    );
    expect(home.body).not.toContain(c.kel.code);
    // Heading levels do not skip: h1, then h2, the cards h3.
    const levels = [...home.body.matchAll(/<h([1-6])/g)].map((m) => Number(m[1]));
    levels.forEach((l, i) => i && expect(l - levels[i - 1]!).toBeLessThanOrEqual(1));

    // Both move on to the kecamatan; there again the late one comes first.
    await decide(c.lurah, older);
    await decide(staffKel, newer);
    clock.advance(6 * MIN);
    const camat = await get(c.camat, '/');
    const kecRows = rowsOf(camat.body).filter((r) => r.includes(olderCode) || r.includes(newerCode));
    expect(kecRows.map((r) => (r.includes(newerCode) ? 'newer' : 'older'))).toEqual(['newer', 'older']);
    expect(kecRows[0]).toContain('data-testid="late-tag"');
    expect(camat.body).toMatch(/data-testid="home-scope">Wilayah tugas: Kecamatan Kecamatan 1</);
    expect(camat.body).not.toContain(c.kec.code);
    // The same order on /layanan, where the cards sit under the h1 as h2.
    const queue = await get(staffKec, '/layanan');
    const q = rowsOf(queue.body).filter((r) => r.includes(olderCode) || r.includes(newerCode));
    expect(q.map((r) => (r.includes(newerCode) ? 'newer' : 'older'))).toEqual(['newer', 'older']);
    expect(queue.body).toMatch(/<h2 class="card__title">/);
    expect(queue.body).toContain('/static/decide.js?v=');
  });

  it('serves thumbnails as small JPEGs to those who may see the request, and to nobody else', async () => {
    const id = await file(slowType, 'Keperluan foto');
    const atts = (
      await t.database.pool.query('select id, kind from request_attachments where request_id = $1 order by id', [id])
    ).rows as { id: number; kind: string }[];
    expect(atts.map((a) => a.kind)).toEqual(['ktp', 'kk']);
    for (const a of atts) {
      const res = await get(c.rw, `/layanan/${id}/lampiran/${a.id}/mini`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect(res.headers['cache-control']).toBe('private, max-age=86400');
      expect(res.rawPayload.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
      // A thumbnail: the picture fits the thumbnail box (JPEG SOF0 height/width).
      const sof = res.rawPayload.indexOf(Buffer.from([0xff, 0xc0]));
      const [h, w] = [res.rawPayload.readUInt16BE(sof + 5), res.rawPayload.readUInt16BE(sof + 7)];
      expect(Math.max(w, h)).toBeLessThanOrEqual(THUMB_PX);
    }
    const other = await createChain(t);
    expect((await get(other.rw, `/layanan/${id}/lampiran/${atts[0]!.id}/mini`)).statusCode).toBe(404);
    expect((await get(c.rw, `/layanan/${id}/lampiran/999999999/mini`)).statusCode).toBe(404);
  });

  it('puts the purpose and the attachments before the decision buttons on the detail page, one reason field', async () => {
    const id = await file(slowType, 'Detail sebelum tombol');
    const page = await get(c.rw, `/layanan/${id}`);
    const b = page.body;
    expect(b.indexOf('Detail sebelum tombol')).toBeLessThan(b.indexOf('data-testid="approve"'));
    expect(b.indexOf('data-testid="thumb"')).toBeGreaterThan(0);
    expect(b.indexOf('data-testid="thumb"')).toBeLessThan(b.indexOf('data-testid="approve"'));
    expect(b.match(/id="f-reason"/g)).toHaveLength(1);
    const levels = [...b.matchAll(/<h([1-6])/g)].map((m) => Number(m[1]));
    levels.forEach((l, i) => i && expect(l - levels[i - 1]!).toBeLessThanOrEqual(1));
    // Returning without a reason says what to write.
    const { version, stage } = await state(id);
    const none = await form(c.rw, `/layanan/${id}/tindakan`, {
      action: 'return',
      expectedVersion: String(version),
      expectedStage: stage ?? '',
    });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Tulis alasannya agar pemohon tahu apa yang harus diperbaiki.');
    expect(none.body).toContain('href="#f-reason"');
    expect((await state(id)).version).toBe(version);
  });
});

describe('a decision carries the version it was taken on', () => {
  it('a stale approval writes nothing and answers who decided, how and when (API)', async () => {
    const id = await file(slowType, 'Versi basi');
    await decide(c.rw, id);
    const seen = await state(id); // what both the lurah and the staff member saw
    const first = await api(
      c.lurah,
      `/api/v1/requests/${id}/actions`,
      { action: 'approve', expectedVersion: seen.version, expectedStage: 'kelurahan' },
      { 'idempotency-key': key() },
    );
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ status: 'in_progress', stage: 'kecamatan' });
    expect((await state(id)).version).toBe(seen.version + 1);
    const after = await state(id);

    for (const action of ['approve', 'return', 'reject']) {
      const stale = await api(
        staffKel,
        `/api/v1/requests/${id}/actions`,
        { action, reason: 'Foto buram', expectedVersion: seen.version, expectedStage: 'kelurahan' },
        { 'idempotency-key': key() },
      );
      expect(stale.statusCode, stale.body).toBe(409);
      const body = stale.json() as { error: { code: string; message: string }; decided: Record<string, unknown> };
      expect(body.decided).toMatchObject({
        actorName: 'Uji lurah',
        actorRole: 'lurah',
        action: 'approve',
        fromStage: 'kelurahan',
        fromVersion: seen.version,
      });
      expect(body.error.code).toBe('requests.already_acted');
      expect(body.error.message).toMatch(/^Sudah diputuskan oleh Uji lurah \(Disetujui, 2 Des 2026.* WIB\)\.$/);
      expect(await state(id)).toEqual(after);
    }
    // The stage alone guards too: a phone that saw the kelurahan stage is not applied at the kecamatan.
    const wrongStage = await api(c.camat, `/api/v1/requests/${id}/actions`, {
      action: 'approve',
      expectedVersion: after.version,
      expectedStage: 'kelurahan',
    });
    expect(wrongStage.statusCode).toBe(409);
    expect(await state(id)).toEqual(after);
  });

  it('a stale form is answered with who decided first, and nothing is written (no-JS path)', async () => {
    const id = await file(slowType, 'Formulir basi');
    const seen = await state(id);
    await decide(c.rw, id);
    const after = await state(id);
    const other = await t.createUser('ketua_rw', c.kel.rw);
    const res = await form(other as Who, `/layanan/${id}/tindakan`, {
      action: 'return',
      reason: 'Kurang lengkap',
      expectedVersion: String(seen.version),
      expectedStage: 'rw',
      next: '/layanan',
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('data-testid="already-acted"');
    expect(res.body).toMatch(/data-testid="decided-by">Sudah diputuskan oleh Uji ketua_rw \(Disetujui, 2 Des 2026/);
    expect(res.body).toContain('Keputusan Anda tidak disimpan.');
    expect(await state(id)).toEqual(after);
  });

  it('replaying the same Idempotency-Key decides once and returns the first answer, a refusal included', async () => {
    const id = await file(slowType, 'Kirim ulang');
    const seen = await state(id);
    const k = key();
    const body = { action: 'approve', expectedVersion: seen.version, expectedStage: 'rw' };
    const first = await api(c.rw, `/api/v1/requests/${id}/actions`, body, { 'idempotency-key': k });
    expect(first.statusCode).toBe(200);
    const moved = await state(id);
    expect(moved.n).toBe(seen.n + 1);
    const again = await api(c.rw, `/api/v1/requests/${id}/actions`, body, { 'idempotency-key': k });
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    expect(await state(id)).toEqual(moved);

    // A second phone's late decision of the same version: refused with who decided; its retry gets the same refusal.
    const other = await t.createUser('ketua_rw', c.kel.rw);
    const k2 = key();
    const late = await api(other, `/api/v1/requests/${id}/actions`, body, { 'idempotency-key': k2 });
    expect(late.statusCode).toBe(409);
    const lateAgain = await api(other, `/api/v1/requests/${id}/actions`, body, { 'idempotency-key': k2 });
    expect(lateAgain.statusCode).toBe(409);
    expect(lateAgain.headers['idempotent-replayed']).toBe('true');
    expect(lateAgain.body).toBe(late.body);
    expect(await state(id)).toEqual(moved);
    const trail = (
      await t.database.pool.query(
        "select count(*)::int as n from request_transitions where request_id = $1 and action = 'approve' and from_stage = 'rw'",
        [id],
      )
    ).rows[0].n;
    expect(trail).toBe(1);
  });
});

describe('labels', () => {
  it("a head's refused page says so, not 'Ada yang perlu diperbaiki'", async () => {
    const res = await get(c.rt, '/dasbor');
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('<h1>Tidak berwenang</h1>');
    expect(res.body).toContain('Akses ditolak');
    expect(res.body).not.toContain('Ada yang perlu diperbaiki');
  });

  it('dashboard tables scroll by keyboard: focusable named regions', async () => {
    const res = await get(c.lurah, '/dasbor');
    expect(res.statusCode).toBe(200);
    const wraps = [...res.body.matchAll(/<div class="table-wrap"[^>]*>/g)].map((m) => m[0]);
    expect(wraps.length).toBeGreaterThan(0);
    for (const w of wraps) {
      expect(w).toContain('role="region"');
      expect(w).toContain('tabindex="0"');
      expect(w).toMatch(/aria-label="Tabel [^"]+"/);
    }
  });
});
