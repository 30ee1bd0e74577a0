// Community activities (kegiatan warga): a head reports with a photo (page
// form and API), a resend of the same key inserts nothing, the kelurahan
// confirms once (a double click or a race gives one effect, audited), others
// see it read-only or not at all; and the confirmation moves the head's
// kinerja score by the configured activity weight.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { score } from '../../src/modules/kinerja/rules.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { SMALL_JPEG } from '../helpers/uploads.js';

let t: TestApp;
type User = Awaited<ReturnType<TestApp['createUser']>>;
let area: Awaited<ReturnType<TestApp['createArea']>>;
let head: User;
let lurah: User;

// Weights other than the defaults, so the test follows the configuration rather than a literal.
const WEIGHTS = 'activity=20,activitiesRequired=3,pact=5';
beforeAll(async () => {
  t = await createTestApp({ config: { KINERJA_WEIGHTS: WEIGHTS } });
  area = await t.createArea();
  head = await t.createUser('ketua_rt', area.kec[0]!.kel[0]!.rts[0]!);
  lurah = await t.createUser('lurah', area.kec[0]!.kel[0]!.code);
});
afterAll(() => t.close());

const today = () => t.services.community.today();
const daysAgo = (n: number) => new Date(Date.parse(today()) - n * 86_400_000).toISOString().slice(0, 10);
let keySeq = 0;
const newKey = () => `kunci-uji-${Date.now()}-${keySeq++}`;
const body = (over: Record<string, unknown> = {}) => ({
  idempotencyKey: newKey(),
  heldOn: today(),
  kind: 'kerja_bakti',
  description: 'Membersihkan saluran air gang 3',
  participants: 25,
  photo: SMALL_JPEG.toString('base64'),
  ...over,
});
const apiReport = (u: User, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/kegiatan', headers: u.auth, payload });
const count = async (userId: number) =>
  Number(
    (
      await t.database.pool.query('select count(*)::int as n from community_activities where reported_by = $1', [
        userId,
      ])
    ).rows[0].n,
  );

describe('reporting an activity', () => {
  it('from the page form (multipart with the photo): stored once, a resend of the same key inserts nothing', async () => {
    const key = newKey();
    const form = multipart(
      {
        _csrf: head.csrf,
        idempotencyKey: key,
        heldOn: today(),
        kind: 'gotong_royong',
        description: 'Memperbaiki pos ronda',
        participants: '14',
      },
      [{ name: 'photo', filename: 'kegiatan.jpg', type: 'image/jpeg', content: SMALL_JPEG }],
    );
    const before = await count(head.user.id);
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/kegiatan',
        cookies: head.cookies,
        headers: form.headers,
        payload: form.payload,
      });
    const first = await send();
    expect(first.statusCode, first.body).toBe(303);
    const again = await send();
    expect(again.statusCode).toBe(303);
    expect(await count(head.user.id)).toBe(before + 1);
    const page = await t.app.inject({ method: 'GET', url: '/kegiatan', cookies: head.cookies });
    expect(page.body).toContain('data-testid="activity-form"');
    expect(page.body).toContain('data-offline');
    expect(page.body).toContain('data-compress');
    expect(page.body).toContain('Memperbaiki pos ronda');
    expect(page.body).toMatch(/RT 001 \/ RW 001, Kelurahan Kelurahan 1-1/);
  });

  it('through the API: 201, then 200 with the same report for the same key', async () => {
    const payload = body();
    const a = await apiReport(head, payload);
    expect(a.statusCode, a.body).toBe(201);
    const b = await apiReport(head, payload);
    expect(b.statusCode).toBe(200);
    expect(b.json()).toMatchObject({ id: a.json().id, duplicate: true });
    // Two at once with one key: one row.
    const race = body();
    const before = await count(head.user.id);
    const both = await Promise.all([apiReport(head, race), apiReport(head, race)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(await count(head.user.id)).toBe(before + 1);
  });

  it('refuses a future day, a day outside the window, bad counts and a photo that is not one — saying what to do', async () => {
    const window = t.config.activityReportDays;
    const cases: [Record<string, unknown>, string][] = [
      [{ heldOn: daysAgo(-1) }, 'heldOn'],
      [{ heldOn: daysAgo(window + 1) }, 'heldOn'],
      [{ participants: 0 }, 'participants'],
      [{ participants: 10001 }, 'participants'],
      [{ photo: Buffer.from('<script>alert(1)</script>').toString('base64') }, 'photo'],
    ];
    const before = await count(head.user.id);
    for (const [over, field] of cases) {
      const r = await apiReport(head, body(over));
      expect(r.statusCode, JSON.stringify(over)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(JSON.stringify(r.json().error.fields)).toContain(field);
    }
    expect((await apiReport(head, body({ heldOn: daysAgo(window) }))).statusCode).toBe(201);
    expect(await count(head.user.id)).toBe(before + 1);
    // The page keeps what was typed and names the problem.
    const form = multipart({
      _csrf: head.csrf,
      idempotencyKey: newKey(),
      heldOn: daysAgo(-2),
      kind: 'musyawarah',
      description: 'Rapat warga soal sampah',
      participants: '30',
    });
    const page = await t.app.inject({ method: 'POST', url: '/kegiatan', cookies: head.cookies, ...form });
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('error-summary');
    expect(page.body).toContain('tidak boleh tanggal yang akan datang');
    expect(page.body).toContain('Lampirkan satu foto kegiatan');
    expect(page.body).toContain('Rapat warga soal sampah');
  });

  it('only heads report', async () => {
    expect((await apiReport(lurah, body())).statusCode).toBe(403);
  });
});

describe('the kelurahan decides', () => {
  it('confirms once: a double click and a race give one effect and one audit record', async () => {
    const id = (await apiReport(head, body())).json().id as number;
    const page = await t.app.inject({ method: 'GET', url: '/kegiatan', cookies: lurah.cookies });
    expect(page.body).toContain(`data-testid="activity-confirm-${id}"`);
    expect(page.body).toContain(`data-testid="activity-row-${id}"`);
    const confirm = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/kegiatan/${id}/decision`,
        headers: lurah.auth,
        payload: { decision: 'confirm' },
      });
    const results = await Promise.all([confirm(), confirm()]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await confirm()).statusCode).toBe(409);
    const audit = await t.database.pool.query(
      `select count(*)::int as n from audit_log where action = 'community.activity_confirmed' and entity_id = $1`,
      [String(id)],
    );
    expect(audit.rows[0].n).toBe(1);
    const after = await t.app.inject({ method: 'GET', url: '/kegiatan', cookies: lurah.cookies });
    expect(after.body).not.toContain(`data-testid="activity-confirm-${id}"`);
  });

  it('refuses with a reason (required), from the page', async () => {
    const id = (await apiReport(head, body())).json().id as number;
    const none = await t.app.inject({
      method: 'POST',
      url: `/kegiatan/${id}/tolak`,
      cookies: lurah.cookies,
      payload: { _csrf: lurah.csrf, reason: '' },
    });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Tulis alasan penolakan');
    const ok = await t.app.inject({
      method: 'POST',
      url: `/kegiatan/${id}/tolak`,
      cookies: lurah.cookies,
      payload: { _csrf: lurah.csrf, reason: 'Foto bukan kegiatan warga' },
    });
    expect(ok.statusCode).toBe(303);
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/kegiatan', headers: head.auth });
    expect(mine.json().items.find((a: { id: number }) => a.id === id)).toMatchObject({
      status: 'ditolak',
      decisionReason: 'Foto bukan kegiatan warga',
    });
  });

  it('another kelurahan sees nothing (404); the camat reads but cannot decide', async () => {
    const id = (await apiReport(head, body())).json().id as number;
    const other = await t.createUser('lurah', area.kec[0]!.kel[1]!.code);
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/kegiatan/${id}/decision`,
      headers: other.auth,
      payload: { decision: 'confirm' },
    });
    expect(r.statusCode).toBe(404);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/kegiatan', headers: other.auth });
    expect(list.json().items.map((a: { id: number }) => a.id)).not.toContain(id);
    expect((await t.app.inject({ method: 'GET', url: `/kegiatan/${id}/foto`, headers: other.auth })).statusCode).toBe(
      404,
    );
    const camat = await t.createUser('camat', area.kec[0]!.code);
    const seen = await t.app.inject({ method: 'GET', url: '/kegiatan', headers: camat.auth });
    expect(seen.body).toContain(`data-testid="activity-row-${id}"`);
    expect(seen.body).not.toContain(`data-testid="activity-confirm-${id}"`);
    const photo = await t.app.inject({ method: 'GET', url: `/kegiatan/${id}/foto`, headers: camat.auth });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    const tried = await t.app.inject({
      method: 'POST',
      url: `/api/v1/kegiatan/${id}/decision`,
      headers: camat.auth,
      payload: { decision: 'confirm' },
    });
    expect(tried.statusCode).toBe(403);
  });
});

describe('the kinerja score', () => {
  it('moves by the configured activity share when the lurah confirms an activity', async () => {
    const rt2 = await t.createUser('ketua_rt', area.kec[1]!.kel[0]!.rts[1]!);
    const lurah2 = await t.createUser('lurah', area.kec[1]!.kel[0]!.code);
    const mine = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/kinerja/saya', headers: rt2.auth })).json();
    const before = await mine();
    const w = before.weights;
    expect(w).toMatchObject({ activity: 20, activitiesRequired: 3, pact: 5 });
    expect(before.head).toMatchObject({ activitiesDone: 0, handled: 0 });
    const id = (await apiReport(rt2, body())).json().id as number;
    expect((await mine()).head.score).toBe(before.head.score); // reported, not yet confirmed
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/kegiatan/${id}/decision`,
      headers: lurah2.auth,
      payload: { decision: 'confirm' },
    });
    expect(ok.statusCode).toBe(200);
    const after = await mine();
    expect(after.head.activitiesDone).toBe(1);
    // A head who handled no request is judged on pact, training and activity: one of `activitiesRequired`
    // confirmed activities earns activity / activitiesRequired of those weights.
    const share = (w.activity / w.activitiesRequired / (w.pact + w.training + w.activity)) * 100;
    expect(after.head.score - before.head.score).toBeCloseTo(share, 1);
    expect(after.head.score).toBe(score({ ...before.head, activitiesDone: 1 }, w));
    expect(after.head.activityPoints).toBeCloseTo(w.activity / w.activitiesRequired, 5);

    const card = await t.app.inject({ method: 'GET', url: '/kinerja/saya', cookies: rt2.cookies });
    expect(card.body).toMatch(/data-testid="score-activity"[^]*Kegiatan warga: 1 dari 3 · bobot 20/);
    expect(card.body).toContain('data-testid="score-total"');
    // The lurah's list shows the head's activity part too.
    const list = await t.app.inject({ method: 'GET', url: '/kinerja', cookies: lurah2.cookies });
    expect(list.body).toContain(`data-testid="kin-row-activity-${rt2.user.id}"`);
  });
});
