// The programme's page forms as a browser sends them (urlencoded, cookie +
// CSRF, no JavaScript): BPJS enrolment, reporting a claim and moving its
// status on with the history kept, allowance rates; and the server-drawn SVG
// charts on the list pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let t: TestApp;
type U = Awaited<ReturnType<TestApp['createUser']>>;
let kel: string, city: string, lurah: U, otherLurah: U, admin: U, rt1: U, rt2: U;
const A = '/api/v1/program-rtrw';
const P = '/program-rtrw';
let claimId = 0;

beforeAll(async () => {
  t = await createTestApp();
  const area = await t.createArea();
  const k = area.kec[0]!.kel[0]!;
  kel = k.code;
  city = area.city;
  admin = await t.createUser('admin_kota', area.city);
  lurah = await t.createUser('lurah', kel);
  otherLurah = await t.createUser('lurah', area.kec[0]!.kel[1]!.code);
  rt1 = await t.createUser('ketua_rt', k.rts[0]!);
  rt2 = await t.createUser('ketua_rt', k.rts[1]!);
});
afterAll(() => t.close());

const page = (u: U, url: string) => t.app.inject({ method: 'GET', url, cookies: u.cookies });
const form = (u: U, url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    cookies: u.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: u.csrf, ...fields }).toString(),
  });
const api = (u: U, url: string, payload?: object) =>
  t.app.inject({ method: payload ? 'POST' : 'GET', url, headers: u.auth, ...(payload ? { payload } : {}) });

describe('BPJS enrolment form', () => {
  it('the lurah enrols a head through the page; the list, the API and the chart show it', async () => {
    const p = await page(lurah, `${P}/bpjs`);
    expect(p.body).toContain('data-testid="enrol-form"');
    expect(p.body).toContain('data-testid="chart-enrolment"');
    const res = await form(lurah, `${P}/bpjs/kepesertaan`, {
      userId: String(rt1.user.id),
      membershipNumber: 'KPJ-001',
      startDate: '2026-01-01',
      paidByCity: 'true',
      monthlyContribution: '16800',
      status: 'aktif',
    });
    expect(res.statusCode, res.body).toBe(303);
    const list = (await api(lurah, `${A}/bpjs/enrolments?under=${kel}`)).json();
    expect(list.counts).toEqual({ aktif: 1, nonaktif: 0, none: 1 });
    expect(list.items.find((i: { userId: number }) => i.userId === rt1.user.id).enrolment).toMatchObject({
      membershipNumber: 'KPJ-001',
      monthlyContribution: 16800,
      status: 'aktif',
      paidByCity: true,
    });
    const after = await page(lurah, `${P}/bpjs`);
    expect(after.body).toMatch(/<svg[^>]*data-testid="chart-enrolment"[\s\S]*<\/svg>/);
    expect(after.body).toContain('KPJ-001');
  });

  it('a contribution written with dots comes back with a clear message and the entries kept', async () => {
    const res = await form(lurah, `${P}/bpjs/kepesertaan`, {
      userId: String(rt2.user.id),
      membershipNumber: 'KPJ-002',
      startDate: '2026-01-01',
      paidByCity: 'true',
      monthlyContribution: '16.800',
      status: 'aktif',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('data-testid="error-summary"');
    expect(res.body).toContain('Iuran bulanan (angka saja, tanpa titik) tidak valid.');
    expect(res.body).toContain('value="KPJ-002"');
    expect(res.body).toContain('value="16.800"');
  });

  it('another kelurahan cannot enrol this head', async () => {
    const res = await form(otherLurah, `${P}/bpjs/kepesertaan`, {
      userId: String(rt2.user.id),
      membershipNumber: 'X',
      startDate: '2026-01-01',
      paidByCity: 'true',
      monthlyContribution: '1',
      status: 'aktif',
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('BPJS claims', () => {
  it('reports a claim through the page form; a date in the future is refused with what to do', async () => {
    const future = await form(lurah, `${P}/bpjs/klaim`, {
      userId: String(rt1.user.id),
      kind: 'kecelakaan',
      occurredOn: '2999-01-01',
      description: 'Jatuh dari motor saat antar surat',
    });
    expect(future.statusCode).toBe(422);
    expect(future.body).toContain('Tanggal ini belum terjadi');
    expect(future.body).toContain('Jatuh dari motor saat antar surat'); // kept
    const res = await form(lurah, `${P}/bpjs/klaim`, {
      userId: String(rt1.user.id),
      kind: 'kecelakaan',
      occurredOn: '2026-01-05',
      description: 'Jatuh dari motor saat antar surat',
    });
    expect(res.statusCode, res.body).toBe(303);
    const claims = (await api(lurah, `${A}/bpjs/claims?under=${kel}`)).json().items;
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({
      userId: rt1.user.id,
      kind: 'kecelakaan',
      occurredOn: '2026-01-05',
      status: 'dilaporkan',
      next: ['diproses', 'ditolak'],
      history: [],
    });
    claimId = claims[0].id;
    expect(res.headers.location).toBe(`${P}/bpjs/klaim/${claimId}`);
    const list = await page(lurah, `${P}/bpjs/klaim`);
    expect(list.body).toContain(`href="${P}/bpjs/klaim/${claimId}"`);
    const one = await page(lurah, `${P}/bpjs/klaim/${claimId}`);
    expect(one.body).toContain('data-testid="claim-status-form"');
    expect(one.body).toContain('<option value="diproses">Diproses</option>');
  });

  it('moves the claim on through its form, refusing a skipped step and a refusal without reason; the history is kept', async () => {
    const skip = await form(lurah, `${P}/bpjs/klaim/${claimId}/status`, {
      status: 'dibayar',
      note: '',
      effectiveOn: '',
    });
    expect(skip.statusCode).toBe(422);
    expect(skip.body).toContain('tidak bisa langsung menjadi');
    // A claim is taken up only with its required documents (issue 13): the accident's chronology and medical papers.
    for (const item of ['kronologi', 'dokumen_medis']) {
      const body = multipart({ _csrf: lurah.csrf, item }, [
        { name: 'file', filename: `${item}.pdf`, type: 'application/pdf', content: PDF },
      ]);
      const up = await t.app.inject({
        method: 'POST',
        url: `${P}/bpjs/klaim/${claimId}/dokumen`,
        cookies: lurah.cookies,
        headers: body.headers,
        payload: body.payload,
      });
      expect(up.statusCode, up.body).toBe(303);
    }
    expect(
      (
        await form(lurah, `${P}/bpjs/klaim/${claimId}/status`, {
          status: 'diproses',
          note: 'Berkas dikirim ke BPJS',
          effectiveOn: '2026-01-06',
        })
      ).statusCode,
    ).toBe(303);
    const noReason = await form(lurah, `${P}/bpjs/klaim/${claimId}/status`, {
      status: 'ditolak',
      note: '  ',
      effectiveOn: '',
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Tulis alasan penolakan');
    // The same move through the API.
    const paid = await api(lurah, `${A}/bpjs/claims/${claimId}/status`, {
      status: 'dibayar',
      note: 'Santunan Rp 5.000.000 diterima',
      effectiveOn: '2026-01-20',
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toEqual({ id: claimId, status: 'dibayar' });

    const claim = (await api(lurah, `${A}/bpjs/claims?under=${kel}`)).json().items[0];
    expect(claim.status).toBe('dibayar');
    expect(claim.next).toEqual([]);
    expect(
      claim.history.map((h: { from: string; to: string; effectiveOn: string; note: string; recordedBy: string }) => [
        h.from,
        h.to,
        h.effectiveOn,
        h.note,
        h.recordedBy,
      ]),
    ).toEqual([
      ['dilaporkan', 'diproses', '2026-01-06', 'Berkas dikirim ke BPJS', lurah.user.full_name],
      ['diproses', 'dibayar', '2026-01-20', 'Santunan Rp 5.000.000 diterima', lurah.user.full_name],
    ]);
    const audit = await t.database.pool.query(
      `select actor_user_id from audit_log where action = 'bpjs.claim_status' and entity_id = $1`,
      [String(claimId)],
    );
    expect(audit.rows.map((r) => r.actor_user_id)).toEqual([lurah.user.id, lurah.user.id]);

    const p = await page(lurah, `${P}/bpjs/klaim/${claimId}`);
    expect(p.body).toContain('Berkas dikirim ke BPJS');
    expect(p.body).toContain('Dibayar');
    expect(p.body).not.toContain('data-testid="claim-status-form"'); // closed: no more moves offered
    const final = await form(lurah, `${P}/bpjs/klaim/${claimId}/status`, {
      status: 'ditolak',
      note: 'coba',
      effectiveOn: '',
    });
    expect(final.statusCode).toBe(422);
    expect(final.body).toContain('sudah selesai');
  });

  it('another kelurahan cannot see or move the claim; the head sees its status on their own page', async () => {
    expect(
      (await api(otherLurah, `${A}/bpjs/claims/${claimId}/status`, { status: 'ditolak', note: 'x' })).statusCode,
    ).toBe(404);
    expect((await api(otherLurah, `${A}/bpjs/claims`)).json().items).toEqual([]);
    expect((await page(otherLurah, `${P}/bpjs/klaim/${claimId}`)).statusCode).toBe(404);
    expect(
      (await form(otherLurah, `${P}/bpjs/klaim/${claimId}/status`, { status: 'ditolak', note: 'x', effectiveOn: '' }))
        .statusCode,
    ).toBe(404);
    expect((await api(rt1, `${A}/bpjs/claims/${claimId}/status`, { status: 'ditolak', note: 'x' })).statusCode).toBe(
      403,
    );
    const mine = await page(rt1, P);
    expect(mine.body).toContain('Dibayar');
    expect(mine.body).toContain('2026-01-05');
  });
});

describe('allowance rates form', () => {
  it('the city admin sets a rate on the page; the lurah sees it but has no form', async () => {
    const bad = await form(admin, `${P}/honor/tarif`, {
      regionCode: city,
      role: 'ketua_rt',
      amount: '500.000',
      period: 'bulanan',
      validFrom: '2026-01-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Besaran (angka saja, tanpa titik) tidak valid.');
    const res = await form(admin, `${P}/honor/tarif`, {
      regionCode: city,
      role: 'ketua_rt',
      amount: '500000',
      period: 'bulanan',
      validFrom: '2026-01-01',
    });
    expect(res.statusCode, res.body).toBe(303);
    expect((await api(lurah, `${A}/allowance-rates?under=${kel}`)).json().items).toEqual([
      { regionCode: city, role: 'ketua_rt', amount: 500000, period: 'bulanan', validFrom: '2026-01-01' },
    ]);
    const p = await page(lurah, `${P}/honor?period=2026-02`);
    expect(p.body).toContain('data-testid="rates-table"');
    expect(p.body).toContain('Rp 500.000');
    expect(p.body).not.toContain('data-testid="rate-form"');
    expect(
      (
        await form(lurah, `${P}/honor/tarif`, {
          regionCode: kel,
          role: 'ketua_rt',
          amount: '1',
          period: 'bulanan',
          validFrom: '2026-01-01',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('the payment list draws paid against due', async () => {
    expect((await form(lurah, `${P}/honor/bayar`, { period: '2026-02', userId: String(rt1.user.id) })).statusCode).toBe(
      303,
    );
    const p = await page(lurah, `${P}/honor?period=2026-02`);
    expect(p.body).toMatch(/<svg[^>]*data-testid="chart-paid"/);
    expect(p.body).toContain('1/2'); // one of two RT heads paid
    expect(p.body).toContain('Rp 500.000'); // paid so far
  });
});

describe('charts on the list pages', () => {
  it('training completion per topic and the data package are drawn as small inline SVG, no script', async () => {
    const tr = await api(lurah, `${A}/trainings`, {
      regionCode: kel,
      topic: 'administrasi',
      title: 'Administrasi RT',
      place: 'Aula',
      startsAt: '2026-02-10T09:00',
    });
    await api(lurah, `${A}/trainings/${tr.json().id}/attendance`, { userId: rt2.user.id });
    const c = await page(lurah, `${P}/kelengkapan?under=${kel}`);
    const svg = /<svg[^>]*data-testid="chart-topics"[\s\S]*?<\/svg>/.exec(c.body)?.[0] ?? '';
    expect(svg).toContain('Administrasi');
    expect(svg).toContain('1/2');
    expect(svg).not.toContain('<script');
    expect(Buffer.byteLength(svg)).toBeLessThan(2500);
    const d = await page(lurah, `${P}/paket-data?under=${kel}&month=2026-01`);
    expect(d.body).toMatch(/<svg[^>]*data-testid="chart-data"/);
    expect(d.body).toContain('0/2');
  });
});
