import { describe, expect, it } from 'vitest';
import { batcher } from './batch.js';

/** A run function that records its batches and finishes when told to. */
function gate<O>(answer: (items: number[]) => O[] | Promise<O[]>) {
  const batches: number[][] = [];
  const pending: (() => void)[] = [];
  const run = (items: number[]) => {
    batches.push(items);
    return new Promise<O[]>((ok, fail) =>
      pending.push(() =>
        Promise.resolve()
          .then(() => answer(items))
          .then(ok, fail),
      ),
    );
  };
  const release = async () => {
    for (const p of pending.splice(0)) p();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { run, batches, release };
}

describe('batcher', () => {
  it('sends a call at once, alone, when a slot is free', async () => {
    const g = gate((items) => items.map((i) => i * 10));
    const call = batcher(g.run, { maxBatch: 10, maxConcurrent: 1 });
    const a = call(1);
    expect(g.batches).toEqual([[1]]);
    await g.release();
    expect(await a).toBe(10);
  });

  it('gathers the calls that arrive while the slots are busy, up to maxBatch, each answered with its own result', async () => {
    const g = gate((items) => items.map((i) => `r${i}`));
    const call = batcher(g.run, { maxBatch: 3, maxConcurrent: 1 });
    const all = [1, 2, 3, 4, 5, 6].map((i) => call(i));
    expect(g.batches).toEqual([[1]]);
    await g.release();
    expect(g.batches).toEqual([[1], [2, 3, 4]]);
    await g.release();
    expect(g.batches).toEqual([[1], [2, 3, 4], [5, 6]]);
    await g.release();
    expect(await Promise.all(all)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
  });

  it('never has more than maxConcurrent statements in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const call = batcher(
      async (items: number[]) => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        return items;
      },
      { maxBatch: 4, maxConcurrent: 2 },
    );
    const out = await Promise.all(Array.from({ length: 50 }, (_, i) => call(i)));
    expect(out).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(most).toBe(2);
  });

  it('when a batch fails, runs its items one by one: only the bad item fails', async () => {
    const batches: number[][] = [];
    const call = batcher(
      async (items: number[]) => {
        batches.push(items);
        if (items.includes(13)) throw new Error('baris 13 ditolak');
        return items.map((i) => i + 1);
      },
      { maxBatch: 10, maxConcurrent: 1 },
    );
    const first = call(0); // goes alone; the next three gather behind it
    const rest = [12, 13, 14].map((i) =>
      call(i).then(
        (v) => ({ ok: v }),
        (e: Error) => ({ err: e.message }),
      ),
    );
    expect(await first).toBe(1);
    expect(await Promise.all(rest)).toEqual([{ ok: 13 }, { err: 'baris 13 ditolak' }, { ok: 15 }]);
    expect(batches).toEqual([[0], [12, 13, 14], [12], [13], [14]]);
  });

  it('a run that gives the wrong number of results fails the call instead of answering someone else', async () => {
    const call = batcher(async () => [], { maxBatch: 5, maxConcurrent: 1 });
    await expect(call(1)).rejects.toThrow(/0 results for 1 items/);
  });

  it('keeps working after a failure', async () => {
    let fail = true;
    const call = batcher(
      async (items: number[]) => {
        if (fail) throw new Error('sekali gagal');
        return items;
      },
      { maxBatch: 5, maxConcurrent: 1 },
    );
    await expect(call(1)).rejects.toThrow('sekali gagal');
    fail = false;
    expect(await call(2)).toBe(2);
  });

  it('refuses a configuration that could never run', () => {
    expect(() => batcher(async (x: number[]) => x, { maxBatch: 0, maxConcurrent: 1 })).toThrow();
    expect(() => batcher(async (x: number[]) => x, { maxBatch: 1, maxConcurrent: 0 })).toThrow();
  });
});
