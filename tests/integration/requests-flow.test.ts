import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createChain, submitBody } from '../helpers/requests.js';

let t: TestApp;
let c: Awaited<ReturnType<typeof createChain>>;
beforeAll(async () => {
  t = await createTestApp();
  c = await createChain(t);
});
afterAll(() => t.close());

const act = (who: { auth: Record<string, string> }, id: number, action: string, reason?: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/requests/${id}/actions`,
    headers: who.auth,
    payload: { action, ...(reason ? { reason } : {}) },
  });

describe('a letter from RT to kecamatan', () => {
  it('walks RT (at submission) → RW → kelurahan → kecamatan and issues a signed, numbered letter', async () => {
    const sub = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: c.rt.auth,
      // SKCK ends at the kelurahan now (DOMAIN.md); the domicile of a business still goes on to the camat.
      payload: submitBody(c.residentId, 'domisili_usaha', {
        fields: { nama_usaha: 'Warung Makan Bu Sri', alamat_usaha: 'Jl. Mawar 3' },
      }),
    });
    expect(sub.statusCode, sub.body).toBe(201);
    const { id, trackingCode } = sub.json();
    const detail = async () =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/requests/${id}`, headers: c.lurah.auth })).json();
    expect((await detail()).request.stage).toBe('rw');
    // The RW head is told at once: the inbox count shows on every page.
    const home = await t.app.inject({ method: 'GET', url: '/layanan', headers: c.rw.auth });
    expect(home.body).toMatch(/data-testid="unread-count">1</);
    // The RW head sees it in their queue; the lurah does not yet.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/requests/queue', headers: c.rw.auth }))
        .json()
        .items.map((r: { id: number }) => r.id),
    ).toContain(id);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/requests/queue', headers: c.lurah.auth }))
        .json()
        .items.map((r: { id: number }) => r.id),
    ).not.toContain(id);
    // Only the stage's own official may act.
    expect((await act(c.lurah, id, 'approve')).statusCode).toBe(403);
    expect((await act(c.rw, id, 'approve')).json()).toEqual({ status: 'in_progress', stage: 'kelurahan' });
    expect((await act(c.lurah, id, 'approve')).json()).toEqual({ status: 'in_progress', stage: 'kecamatan' });
    expect((await act(c.camat, id, 'approve')).json()).toEqual({ status: 'completed', stage: null });
    const d = await detail();
    expect(d.transitions.map((x: { action: string }) => x.action)).toEqual([
      'submit',
      'approve',
      'approve',
      'approve',
      'approve',
      'issue',
    ]);
    for (const tr of d.transitions.filter((x: { action: string; fromStage: string }) => x.action === 'approve')) {
      expect(tr.stageBudgetMinutes).toBeGreaterThan(0);
      expect(tr.elapsedSeconds).toBeGreaterThanOrEqual(0);
      expect(tr.withinBudget).toBe(true);
    }
    expect(d.letter.number).toMatch(new RegExp(`^500\\.2/0001/${c.kec.code.replace(/\./g, '\\.')}/\\d{4}$`));
    const v = await t.services.letters.verify(d.letter.verifyCode);
    expect(v).toMatchObject({ authentic: true, number: d.letter.number });
    expect(v!.nikMasked).toMatch(/^\d{4}\*{8}\d{4}$/);
    // Altering the stored letter breaks the signature.
    await t.database.pool.query(
      `update letters set payload = jsonb_set(payload, '{resident,name}', '"Orang Lain"') where verify_code = $1`,
      [d.letter.verifyCode],
    );
    expect((await t.services.letters.verify(d.letter.verifyCode))!.authentic).toBe(false);
    // Tracking shows status without personal data.
    const track = await t.app.inject({ method: 'GET', url: `/api/v1/track/${trackingCode}` });
    expect(track.json()).toMatchObject({ status: 'completed' });
    expect(track.body).not.toContain(d.request.residentName);
  });

  it('returns for revision with a reason, the RT head resubmits, and it resumes at the same stage', async () => {
    const { id } = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/requests',
        headers: c.rt.auth,
        payload: submitBody(c.residentId),
      })
    ).json();
    expect((await act(c.rw, id, 'return')).statusCode).toBe(422); // a reason is required
    expect((await act(c.rw, id, 'return', 'Foto KTP buram')).json()).toEqual({ status: 'returned', stage: 'rw' });
    expect((await act(c.rw, id, 'approve')).statusCode).toBe(409);
    expect((await act(c.rt, id, 'resubmit')).json()).toEqual({ status: 'in_progress', stage: 'rw' });
    expect((await act(c.rw, id, 'approve')).json()).toEqual({ status: 'in_progress', stage: 'kelurahan' });
    const d = (await t.app.inject({ method: 'GET', url: `/api/v1/requests/${id}`, headers: c.lurah.auth })).json();
    expect(d.transitions.map((x: { action: string }) => x.action)).toEqual([
      'submit',
      'approve',
      'return',
      'resubmit',
      'approve',
    ]);
    expect(d.transitions[2].reason).toBe('Foto KTP buram');
  });

  it('rejects with a reason and the trail ends there', async () => {
    const { id } = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/requests',
        headers: c.rt.auth,
        payload: submitBody(c.residentId),
      })
    ).json();
    await act(c.rw, id, 'approve');
    expect((await act(c.lurah, id, 'reject', 'Bukan warga kelurahan ini')).json()).toEqual({
      status: 'rejected',
      stage: null,
    });
    expect((await act(c.lurah, id, 'approve')).statusCode).toBe(409);
    const d = (await t.app.inject({ method: 'GET', url: `/api/v1/requests/${id}`, headers: c.lurah.auth })).json();
    expect(d.transitions.at(-1)).toMatchObject({
      action: 'reject',
      reason: 'Bukan warga kelurahan ini',
      fromStage: 'kelurahan',
    });
    expect(d.letter).toBeNull();
  });

  it('a retried submission with the same idempotency key returns the same request', async () => {
    const body = submitBody(c.residentId);
    const a = await t.app.inject({ method: 'POST', url: '/api/v1/requests', headers: c.rt.auth, payload: body });
    const b = await t.app.inject({ method: 'POST', url: '/api/v1/requests', headers: c.rt.auth, payload: body });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(200);
    expect(b.json().id).toBe(a.json().id);
  });

  it('refuses missing or fake attachments with a clear message', async () => {
    const noKtp = submitBody(c.residentId, 'domisili', { attachments: [] });
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/requests', headers: c.rt.auth, payload: noKtp });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.fields[0].message).toContain('Foto KTP');
    const fake = submitBody(c.residentId, 'domisili', {
      attachments: [
        { kind: 'ktp', contentBase64: Buffer.from('<?php echo 1; ?>').toString('base64') },
        { kind: 'kk', contentBase64: Buffer.from('MZ\x90\x00').toString('base64') },
      ],
    });
    const f = await t.app.inject({ method: 'POST', url: '/api/v1/requests', headers: c.rt.auth, payload: fake });
    expect(f.statusCode).toBe(422);
    expect(
      f
        .json()
        .error.fields.map((x: { message: string }) => x.message)
        .join(' '),
    ).toMatch(/harus foto/);
  });
});
