// The layanan pages as people use them: the multipart form, the queue with
// its clocks and one-tap approval, "already acted" on a double tap, return
// and resubmit, public tracking without personal data, and the dashboard's
// figures checked against numbers worked out by hand.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fixedClock, type TestApp } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { createChain, JPEG, PNG, submitBody } from '../helpers/requests.js';

// Monday 23 November 2026, 08:00 WIB: the kelurahan clocks count service hours, so the figures worked out by
// hand below hold only inside them (the file moves the clock on by about an hour and a half).
const clock = fixedClock('2026-11-23T01:00:00.000Z');
const MIN = 60_000;
let t: TestApp;
let c: Awaited<ReturnType<typeof createChain>>;
type Session = { cookies: Record<string, string>; csrf: string; auth: Record<string, string> };
let citizen: Session;
let residentName: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await createChain(t);
  const full = await t.services.residents.viewFull(c.admin.ctx, c.residentId);
  residentName = full.full_name;
  citizen = await t.createUser('warga', c.kel.rts[0]!, { residentId: full.id, nikHash: full.nik_hash });
});
afterAll(() => t.close());

const form = (s: Session, fields: Record<string, string>) => ({
  cookies: s.cookies,
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams({ _csrf: s.csrf, ...fields }).toString(),
});
const get = (s: Session | null, url: string) =>
  t.app.inject({ method: 'GET', url, ...(s ? { cookies: s.cookies } : {}) });
const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
const version = async (id: number) =>
  (await t.database.pool.query('select version from service_requests where id = $1', [id])).rows[0].version as number;
const transitionCount = async (id: number) =>
  Number(
    (await t.database.pool.query('select count(*) from request_transitions where request_id = $1', [id])).rows[0].count,
  );

/** Submits the domisili form as the citizen through the page, returns the new request's id and code. */
async function submitAsCitizen(purpose = 'Melamar pekerjaan') {
  const page = await get(citizen, '/layanan/baru?jenis=domisili');
  expect(page.statusCode).toBe(200);
  const key = hidden(page.body, 'idempotencyKey');
  expect(key).toMatch(/^[0-9a-f]{32}$/);
  const body = multipart({ _csrf: hidden(page.body, '_csrf'), letterType: 'domisili', idempotencyKey: key, purpose }, [
    { name: 'file_ktp', filename: 'ktp.jpg', type: 'image/jpeg', content: JPEG },
    { name: 'file_kk', filename: 'kk.png', type: 'image/png', content: PNG },
  ]);
  const res = await t.app.inject({ method: 'POST', url: '/layanan', cookies: citizen.cookies, ...body });
  expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
  const id = Number(/^\/layanan\/(\d+)\?baru=1$/.exec(String(res.headers.location))?.[1]);
  const code = (await t.database.pool.query('select tracking_code from service_requests where id = $1', [id])).rows[0]
    .tracking_code as string;
  return { id, code, key, body };
}

describe('submission form', () => {
  it('lists the letter types, then the chosen type’s form with a fresh idempotency key each time', async () => {
    const list = await get(citizen, '/layanan/baru');
    expect(list.body).toContain('href="/layanan/baru?jenis=domisili"');
    const a = await get(citizen, '/layanan/baru?jenis=usaha');
    const b = await get(citizen, '/layanan/baru?jenis=usaha');
    expect(a.body).toContain('name="field_nama_usaha"');
    expect(a.body).toContain('name="file_ktp"');
    expect(a.body).toMatch(/accept="image\/\*,application\/pdf" capture="environment"/);
    expect(a.body).toContain('data-testid="for-yourself"');
    expect(hidden(a.body, 'idempotencyKey')).not.toBe(hidden(b.body, 'idempotencyKey'));
    // The RT head picks one of their residents.
    const head = await get(c.rt, '/layanan/baru?jenis=domisili');
    expect(head.body).toContain(`<option value="${c.residentId}"`);
  });

  it('submits through the multipart form, shows the tracking code, and a retry with the same key makes no second request', async () => {
    const { id, code, body } = await submitAsCitizen();
    const page = await get(citizen, `/layanan/${id}?baru=1`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(new RegExp(`data-testid="submitted-notice"[^>]*>[^<]*${code}`));
    expect(page.body).toContain(`data-testid="tracking-code">${code}<`);
    expect(
      (await t.database.pool.query('select count(*)::int as n from request_attachments where request_id = $1', [id]))
        .rows[0].n,
    ).toBe(2);
    const again = await t.app.inject({ method: 'POST', url: '/layanan', cookies: citizen.cookies, ...body });
    expect(again.headers.location).toBe(`/layanan/${id}?baru=1`);
  });

  it('re-renders the form with errors and the entries kept when something is missing', async () => {
    const page = await get(citizen, '/layanan/baru?jenis=domisili');
    const key = hidden(page.body, 'idempotencyKey');
    const res = await t.app.inject({
      method: 'POST',
      url: '/layanan',
      cookies: citizen.cookies,
      ...multipart({ _csrf: citizen.csrf, letterType: 'domisili', idempotencyKey: key, purpose: 'Untuk <b>bank</b>' }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('data-testid="error-summary"');
    expect(res.body).toContain('href="#f-file_ktp"');
    expect(res.body).toContain('Untuk &lt;b&gt;bank&lt;/b&gt;');
    expect(hidden(res.body, 'idempotencyKey')).toBe(key);
  });
});

describe('queue and actions', () => {
  it('lists waiting requests oldest first with a stage clock that turns yellow at 75 % and red when late', async () => {
    const first = await submitAsCitizen('Pertama');
    clock.advance(1 * MIN);
    const second = await submitAsCitizen('Kedua');
    clock.advance(7 * MIN); // first: 8 of 10 minutes (≥ 75 %), second: 7 of 10
    const q = await get(c.rt, '/layanan');
    expect(q.statusCode).toBe(200);
    expect(q.body).toContain('data-testid="queue"');
    const codes = [...q.body.matchAll(/data-testid="queue-code">([A-Z0-9]+)</g)].map((m) => m[1]);
    expect(codes.indexOf(first.code)).toBeGreaterThanOrEqual(0);
    expect(codes.indexOf(first.code)).toBeLessThan(codes.indexOf(second.code));
    const row = (code: string, html: string) => html.split('data-testid="queue-row"').find((r) => r.includes(code))!;
    expect(row(first.code, q.body)).toMatch(
      /class="tag tag--yellow" data-testid="stage-clock" data-state="warning">Tahap RT: sisa 2 mnt</,
    );
    expect(row(second.code, q.body)).toMatch(/data-state="ok">Tahap RT: sisa 3 mnt</);
    expect(row(first.code, q.body)).toMatch(/data-testid="total-clock" data-state="ok">Total: sisa 37 mnt</);
    expect(row(first.code, q.body)).toContain(`name="expectedVersion" value="${await version(first.id)}"`);
    clock.advance(5 * MIN);
    const late = await get(c.rt, '/');
    expect(row(first.code, late.body)).toMatch(
      /class="tag tag--red" data-testid="stage-clock" data-state="overdue">Tahap RT: terlambat 3 mnt</,
    );
  });

  it('one tap approves and moves the request on; a second tap with the same version says it was already acted on', async () => {
    const { id, code } = await submitAsCitizen();
    const v = await version(id);
    const ok = await t.app.inject({
      method: 'POST',
      url: `/layanan/${id}/tindakan`,
      ...form(c.rt, { action: 'approve', expectedVersion: String(v), next: '/layanan' }),
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/layanan');
    const flash = ok.cookies.find((k) => k.name === 'pamong_flash')!.value;
    const after = await t.app.inject({
      method: 'GET',
      url: '/layanan',
      cookies: { ...c.rt.cookies, pamong_flash: flash },
    });
    expect(after.body).not.toContain(code);
    expect(after.body).toContain('Tindakan tersimpan.');
    const detail = await get(c.lurah, `/layanan/${id}`);
    expect(detail.body).toMatch(/data-testid="status">.*Tahap sekarang: RW/s);
    const n = await transitionCount(id);
    const again = await t.app.inject({
      method: 'POST',
      url: `/layanan/${id}/tindakan`,
      ...form(c.rt, { action: 'approve', expectedVersion: String(v), next: '/layanan' }),
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('data-testid="already-acted"');
    expect(again.body).toContain('sudah ditindaklanjuti');
    expect(await transitionCount(id)).toBe(n);
  });

  it('returns with a reason, the citizen resubmits, and the detail shows the timeline', async () => {
    const { id } = await submitAsCitizen();
    await t.app.inject({
      method: 'POST',
      url: `/layanan/${id}/tindakan`,
      ...form(c.rt, { action: 'approve', expectedVersion: String(await version(id)) }),
    });
    const noReason = await t.app.inject({
      method: 'POST',
      url: `/layanan/${id}/tindakan`,
      ...form(c.rw, { action: 'return', expectedVersion: String(await version(id)) }),
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('data-testid="error-summary"');
    const ret = await t.app.inject({
      method: 'POST',
      url: `/layanan/${id}/tindakan`,
      ...form(c.rw, { action: 'return', reason: 'Foto KTP buram', expectedVersion: String(await version(id)) }),
    });
    expect(ret.statusCode).toBe(303);
    expect(ret.headers.location).toBe(`/layanan/${id}`);
    const mine = await get(citizen, '/layanan/saya');
    expect(mine.body).toMatch(new RegExp(`/layanan/${id}"`));
    expect(mine.body).toContain('Dikembalikan');
    const page = await get(citizen, `/layanan/${id}`);
    expect(page.body).toContain('data-testid="resubmit-form"');
    expect(page.body).toContain('Alasan: Foto KTP buram');
    const re = await t.app.inject({
      method: 'POST',
      url: `/layanan/${id}/tindakan`,
      ...form(citizen, {
        action: 'resubmit',
        reason: 'Sudah difoto ulang',
        expectedVersion: String(await version(id)),
      }),
    });
    expect(re.statusCode).toBe(303);
    const d = await get(c.rw, `/layanan/${id}`);
    expect(d.body).toContain('data-testid="approve-form"');
    expect(
      [...d.body.matchAll(/<strong>(Diajukan|Disetujui|Dikembalikan|Diajukan ulang)<\/strong>/g)].map((m) => m[1]),
    ).toEqual(['Diajukan', 'Disetujui', 'Dikembalikan', 'Diajukan ulang']);
    expect(d.body).toMatch(/Uji ketua_rw, Ketua RW/);
  });
});

describe('tracking', () => {
  it('shows type, status and the current stage, never the resident', async () => {
    const { id, code } = await submitAsCitizen();
    const res = await get(null, `/lacak/${code}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Surat Keterangan Domisili');
    expect(res.body).toContain('Diproses');
    expect(res.body).toMatch(/aria-current="step" data-current="true"><strong>RT<\/strong>/);
    expect(res.body).not.toContain(residentName);
    expect(res.body).not.toMatch(/\d{4}\*{8}\d{4}/);
    expect(res.body).not.toContain(`/layanan/${id}`);
    const viaForm = await get(null, `/lacak?kode=${code.toLowerCase()}`);
    expect(viaForm.headers.location).toBe(`/lacak/${code}`);
    expect((await get(null, '/lacak?kode=x!')).statusCode).toBe(400);
    expect((await get(null, '/lacak/ZZZZ2345ZZZZ')).statusCode).toBe(404);
    expect((await get(null, '/lacak')).body).toContain('href="/lacak"');
  });
});

describe('dashboard', () => {
  it('counts by status and type, medians per stage, share within budget and overdue match the hand-worked figures', async () => {
    const d = await createChain(t);
    const api = (who: { auth: Record<string, string> }, url: string, payload: unknown) =>
      t.app.inject({ method: 'POST', url, headers: who.auth, payload: payload as Record<string, unknown> });
    const submit = async (type = 'domisili') =>
      (await api(d.rt, '/api/v1/requests', submitBody(d.residentId, type))).json() as {
        id: number;
        trackingCode: string;
      };
    const act = async (who: { auth: Record<string, string> }, id: number, action: string, reason?: string) => {
      const r = await api(who, `/api/v1/requests/${id}/actions`, { action, ...(reason ? { reason } : {}) });
      expect(r.statusCode, r.body).toBe(200);
    };
    await t.services.catalogue.create(d.admin.ctx, {
      code: `uji_${randomBytes(3).toString('hex')}`,
      name: '<Surat & "Uji">',
      classification: '470',
      route: ['rt', 'rw', 'kelurahan'],
      stage_budgets: { rt: 10, rw: 10, kelurahan: 25 },
      total_budget_minutes: 45,
      validity_days: 30,
      fields: [],
      attachments: [],
      template: 'Uji {{nama}}',
    });
    const hostileType = (await t.services.catalogue.list()).find((x) => x.name === '<Surat & "Uji">')!.code;
    // The RT head files four (the RT stage is approved at submission, in 0 s); all wait at RW from t0.
    const [a, b, cc, dd] = [await submit(), await submit(), await submit(), await submit()];
    clock.advance(2 * MIN);
    await act(d.rw, cc.id, 'reject', 'Bukan warga'); // RW: 2 min
    clock.advance(2 * MIN);
    await act(d.rw, a.id, 'approve'); // RW: 4 min
    clock.advance(6 * MIN);
    await act(d.lurah, a.id, 'approve'); // kelurahan: 6 min; A done at 10 min (within 45)
    clock.advance(2 * MIN);
    await act(d.rw, b.id, 'approve'); // RW: 12 min
    clock.advance(40 * MIN);
    await act(d.lurah, b.id, 'approve'); // kelurahan: 40 min; B done at 52 min (over 45)
    const e = await submit(hostileType); // fresh, waiting at RW, not late

    const res = await get(d.lurah, '/dasbor');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    const cell = (id: string) => Number(new RegExp(`data-testid="${id}">(\\d+)<`).exec(html)?.[1]);
    expect(cell('status-completed')).toBe(2);
    expect(cell('status-rejected')).toBe(1);
    expect(cell('status-in_progress')).toBe(2);
    expect(cell('status-returned')).toBe(0);
    expect(html).toMatch(/data-testid="dash-total"><strong>5<\/strong>/);
    expect(html).toContain('50 % (1 dari 2 yang selesai)');
    // Medians: RT 0 s ×5; RW 2, 4, 12 min → 4; kelurahan 6, 40 min → 23.
    const medians = /data-testid="dash-medians">(.*?)<\/table>/s.exec(html)![1]!;
    expect(
      [
        ...medians.matchAll(/<tr><td>(\w+)<\/td><td class="num">([\d,]+) mnt<\/td><td class="num">(\d+)<\/td><\/tr>/g),
      ].map((m) => [m[1], m[2], Number(m[3])]),
    ).toEqual([
      ['RT', '0', 5],
      ['RW', '4', 3],
      ['Kelurahan', '23', 2],
    ]);
    // Overdue: only D (waiting at RW for 52 of 10 minutes); E is fresh.
    const overdue = /data-testid="dash-overdue">(.*?)<\/ul>/s.exec(html)![1]!;
    expect(overdue).toContain(dd.trackingCode);
    expect(overdue).not.toContain(e.trackingCode);
    expect(overdue).not.toContain(a.trackingCode);
    // By type, and the SVG charts with escaped labels.
    expect(html).toMatch(/<td>Surat Keterangan Domisili<\/td><td class="num">4<\/td>/);
    expect(html).toContain('data-testid="chart-status"');
    expect(html).toMatch(/<svg[^>]*data-testid="chart-type"/);
    expect(html).toContain('&lt;Surat &amp; &quot;Uji&quot;&gt;');
    expect(html).not.toContain('<Surat');
    expect(html).toMatch(
      /RT 001 \/ RW 001<\/td><td class="num">5<\/td><td class="num">2<\/td><td class="num">2<\/td><td class="num">1<\/td>/,
    );
    // Other regions' officials see none of it.
    const outsider = await get(c.lurah, '/dasbor');
    expect(outsider.body).not.toContain(dd.trackingCode);
    expect(b.id).toBeGreaterThan(0);
  });
});

describe('dashboard API', () => {
  it('serves the same figures as the page, as JSON, to officials of the region', async () => {
    const t2 = await createTestApp();
    try {
      const chain = await createChain(t2);
      await t2.app.inject({
        method: 'POST',
        url: '/api/v1/requests',
        headers: chain.rt.auth,
        payload: submitBody(chain.residentId),
      });
      const res = await t2.app.inject({ method: 'GET', url: '/api/v1/dashboard', headers: chain.lurah.auth });
      expect(res.statusCode).toBe(200);
      expect(JSON.stringify(res.json())).toContain('in_progress');
      expect(
        (await t2.app.inject({ method: 'GET', url: '/api/v1/dashboard', headers: chain.rt.auth })).statusCode,
      ).toBe(403);
    } finally {
      await t2.close();
    }
  });
});

describe('time zone', () => {
  it('shows times in the configured zone with its label (WITA for Asia/Makassar)', async () => {
    const t3 = await createTestApp({ config: { TIME_ZONE: 'Asia/Makassar' } });
    try {
      const chain = await createChain(t3);
      const { id } = (
        await t3.app.inject({
          method: 'POST',
          url: '/api/v1/requests',
          headers: chain.rt.auth,
          payload: submitBody(chain.residentId),
        })
      ).json();
      const page = await t3.app.inject({ method: 'GET', url: `/layanan/${id}`, headers: chain.lurah.auth });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('WITA');
      expect(page.body).not.toContain(' WIB');
    } finally {
      await t3.close();
    }
  });
});
