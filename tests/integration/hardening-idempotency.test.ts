// Issue 11, hardening: the kernel's Idempotency-Key on state-changing API
// calls (http/idempotency.ts). An approval retried after a lost answer gets
// the first answer again, not a 409; another request under the same key is
// refused; two at once never both run; keys expire and are swept; the
// body-level keys of the phone endpoints keep working beside it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createChain, submitBody } from '../helpers/requests.js';

let t: TestApp;
let c: Awaited<ReturnType<typeof createChain>>;
let citizen: Awaited<ReturnType<TestApp['createUser']>>;
beforeAll(async () => {
  t = await createTestApp({ config: { IDEMPOTENCY_TTL_HOURS: '2' } });
  c = await createChain(t);
  const full = await t.services.residents.viewFull(c.admin.ctx, c.residentId);
  citizen = await t.createUser('warga', c.kel.rts[0]!, { residentId: full.id, nikHash: full.nik_hash });
});
afterAll(() => t.close());

type Who = { auth: Record<string, string> };
const act = (who: Who, id: number, payload: object, key?: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/requests/${id}/actions`,
    headers: { ...who.auth, ...(key ? { 'idempotency-key': key } : {}) },
    payload,
  });
/** A request a resident filed themselves: it waits at the RT stage for the RT head's approval. */
async function fileAsCitizen(): Promise<number> {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: citizen.auth,
    payload: submitBody(c.residentId),
  });
  expect(r.statusCode, r.body).toBe(201);
  expect(r.json()).toMatchObject({ id: expect.any(Number) });
  return r.json().id as number;
}
const approvals = async (id: number) =>
  Number(
    (
      await t.database.pool.query(
        `select count(*) from request_transitions where request_id = $1 and action = 'approve'`,
        [id],
      )
    ).rows[0].count,
  );

describe('Idempotency-Key on state-changing API calls', () => {
  it('an RT approval retried with the same key gets the first 200 answer again, not 409', async () => {
    const id = await fileAsCitizen();
    const key = randomUUID();
    const first = await act(c.rt, id, { action: 'approve' }, key);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ status: 'in_progress', stage: 'rw' });
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await act(c.rt, id, { action: 'approve' }, key);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers['content-type']).toBe(first.headers['content-type']);
    expect(retry.body).toBe(first.body);
    expect(await approvals(id)).toBe(1);
    // Without the key the same retry meets the state machine, as before.
    expect((await act(c.rt, id, { action: 'approve' })).statusCode).toBe(409);
  });

  it('the same key with another request is refused with 422 and a message that says what to do', async () => {
    const id = await fileAsCitizen();
    const other = await fileAsCitizen();
    const key = randomUUID();
    expect((await act(c.rt, id, { action: 'approve' }, key)).statusCode).toBe(200);
    const body = await act(c.rt, id, { action: 'reject', reason: 'Berkas kurang' }, key);
    expect(body.statusCode).toBe(422);
    expect(body.json().error).toMatchObject({
      code: 'idempotency.mismatch',
      message: expect.stringMatching(/sudah dipakai untuk permintaan lain.*buat kunci baru/),
    });
    const path = await act(c.rt, other, { action: 'approve' }, key);
    expect(path.statusCode).toBe(422);
    expect(await approvals(other)).toBe(0);
    // Key order in the JSON body does not make it another request.
    const k2 = randomUUID();
    expect((await act(c.rt, other, { action: 'return', reason: 'Foto KK buram' }, k2)).statusCode).toBe(200);
    const reordered = await act(c.rt, other, { reason: 'Foto KK buram', action: 'return' }, k2);
    expect(reordered.headers['idempotent-replayed']).toBe('true');
  });

  it('two requests with the same key at once: one runs, the other is told it is in progress, then gets the answer', async () => {
    const id = await fileAsCitizen();
    const key = randomUUID();
    const original = t.services.requests.act;
    let entered!: () => void;
    let release!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    t.services.requests.act = async (...args: Parameters<typeof original>) => {
      calls++;
      if (calls === 1) {
        entered();
        await gate;
      }
      return original(...args);
    };
    try {
      const first = act(c.rt, id, { action: 'approve' }, key);
      await inside;
      const second = await act(c.rt, id, { action: 'approve' }, key);
      expect(second.statusCode).toBe(409);
      expect(second.json().error).toMatchObject({
        code: 'idempotency.in_progress',
        message: expect.stringMatching(/sedang diproses/),
      });
      release();
      expect((await first).statusCode).toBe(200);
      const third = await act(c.rt, id, { action: 'approve' }, key);
      expect([third.statusCode, third.headers['idempotent-replayed']]).toEqual([200, 'true']);
    } finally {
      t.services.requests.act = original;
    }
    expect(calls).toBe(1);
    expect(await approvals(id)).toBe(1);
  });

  it('the claim is the lock: of ten claims of one key at once, one wins and the others see it in progress', async () => {
    const hash = Buffer.alloc(32, 7);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.services.idempotency.begin(c.rt.user.id, `kunci-${randomUUID()}`.slice(0, 20), hash),
      ),
    );
    expect(outcomes.every((o) => o.kind === 'claimed')).toBe(true); // ten different keys: no contention
    const key = randomUUID();
    const same = await Promise.all(
      Array.from({ length: 10 }, () => t.services.idempotency.begin(c.rt.user.id, key, hash)),
    );
    expect(same.map((o) => o.kind).sort()).toEqual(['claimed', ...Array(9).fill('in_progress')]);
  });

  it('five sent at once with one key: the approval runs once, the others get its answer or "in progress"', async () => {
    const id = await fileAsCitizen();
    const key = randomUUID();
    const all = await Promise.all(Array.from({ length: 5 }, () => act(c.rt, id, { action: 'approve' }, key)));
    const fresh = all.filter((r) => r.statusCode === 200 && !r.headers['idempotent-replayed']);
    expect(fresh).toHaveLength(1);
    for (const r of all)
      if (r !== fresh[0])
        expect(
          r.statusCode === 409 ? r.json().error.code : [r.statusCode, r.headers['idempotent-replayed'], r.body],
        ).toEqual(r.statusCode === 409 ? 'idempotency.in_progress' : [200, 'true', fresh[0]!.body]);
    expect(await approvals(id)).toBe(1);
  });

  it('keys belong to an account, refuse a malformed key, and a server error is not kept', async () => {
    const id = await fileAsCitizen();
    const key = randomUUID();
    expect((await act(c.rt, id, { action: 'approve' }, key)).statusCode).toBe(200);
    // The RW head's own use of the same string is their own key: it runs.
    const rw = await act(c.rw, id, { action: 'approve' }, key);
    expect([rw.statusCode, rw.headers['idempotent-replayed']]).toEqual([200, undefined]);
    expect(rw.json()).toEqual({ status: 'in_progress', stage: 'kelurahan' });
    const bad = await act(c.lurah, id, { action: 'approve' }, 'pendek');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/Idempotency-Key tidak valid/);

    const original = t.services.requests.act;
    t.services.requests.act = async () => {
      throw new Error('basis data putus');
    };
    const k = randomUUID();
    try {
      expect((await act(c.lurah, id, { action: 'approve' }, k)).statusCode).toBe(500);
    } finally {
      t.services.requests.act = original;
    }
    const again = await act(c.lurah, id, { action: 'approve' }, k);
    expect([again.statusCode, again.headers['idempotent-replayed']]).toEqual([200, undefined]);
  });

  it('keys expire after IDEMPOTENCY_TTL_HOURS and expired ones are swept by later claims', async () => {
    const id = await fileAsCitizen();
    const key = randomUUID();
    expect((await act(c.rt, id, { action: 'approve' }, key)).statusCode).toBe(200);
    const row = async (k: string) =>
      (
        await t.database.pool.query(
          `select extract(epoch from expires_at - claimed_at)::int as ttl from idempotency_keys where user_id = $1 and key = $2`,
          [c.rt.user.id, k],
        )
      ).rows[0] as { ttl: number } | undefined;
    expect((await row(key))?.ttl).toBe(2 * 3600);
    await t.database.pool.query(
      `update idempotency_keys set expires_at = now() - interval '1 second', claimed_at = now() - interval '2 hours' where user_id = $1 and key = $2`,
      [c.rt.user.id, key],
    );
    // Expired: the retry runs again and meets the state machine instead of the kept answer.
    const late = await act(c.rt, id, { action: 'approve' }, key);
    expect([late.statusCode, late.headers['idempotent-replayed']]).toEqual([409, undefined]);
    // Expire it again; any account's next claim deletes it.
    await t.database.pool.query(
      `update idempotency_keys set expires_at = now() - interval '1 second' where user_id = $1 and key = $2`,
      [c.rt.user.id, key],
    );
    expect(await row(key)).toBeDefined();
    await act(c.rw, id, { action: 'approve' }, randomUUID());
    expect(await row(key)).toBeUndefined();
  });

  it('the phone endpoints keep their own body-level keys, with or without the header', async () => {
    const body = submitBody(c.residentId);
    const send = (headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/requests',
        headers: { ...citizen.auth, ...headers },
        payload: body,
      });
    const first = await send();
    expect(first.statusCode).toBe(201);
    const dup = await send();
    expect(dup.statusCode).toBe(200);
    expect(dup.json().id).toBe(first.json().id);
    const key = randomUUID();
    const withHeader = await send({ 'idempotency-key': key });
    expect(withHeader.json().id).toBe(first.json().id);
    const replay = await send({ 'idempotency-key': key });
    expect([replay.statusCode, replay.headers['idempotent-replayed'], replay.body]).toEqual([
      withHeader.statusCode,
      'true',
      withHeader.body,
    ]);
  });

  it('is documented in the OpenAPI as one shared header parameter on every state-changing call', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.components.parameters.IdempotencyKey).toMatchObject({ name: 'Idempotency-Key', in: 'header' });
    const ref = { $ref: '#/components/parameters/IdempotencyKey' };
    expect(doc.paths['/api/v1/requests/{id}/actions'].post.parameters).toContainEqual(ref);
    expect(doc.paths['/api/v1/requests'].post.parameters).toContainEqual(ref);
    expect(doc.paths['/api/v1/requests'].get.parameters ?? []).not.toContainEqual(ref);
    // Signing in has no account to keep a key under.
    expect(doc.paths['/api/v1/auth/login'].post.parameters ?? []).not.toContainEqual(ref);
  });
});
