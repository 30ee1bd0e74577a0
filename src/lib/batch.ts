// Natural batching for the hottest statements: calls that arrive while the
// database is busy with earlier ones are sent together as one statement, so a
// morning peak pays one round trip (and one commit) for many check-ins instead
// of one each. Nothing waits on a timer: when a slot is free a call goes at
// once (alone, under light load); only calls that would queue for a database
// connection anyway are gathered. Each call settles with its own result, after
// the statement that carries it has finished — an answer is never given for
// work that is not committed. When a statement of several items fails, each
// item is tried again on its own, so one person's bad row never fails
// another's call (a failed statement changed nothing, so the retry is safe).
// The state is only the calls in flight in this process: nothing another
// instance needs.

export interface BatchOptions {
  /** Most items in one statement. */
  maxBatch: number;
  /** Statements of this kind in flight at once (keep below the pool size). */
  maxConcurrent: number;
}

/**
 * For the hot paths (sessions, check-ins, the approval read and applyTransitions): one statement of a kind in flight
 * per instance, up to 64 items. Measured with bench/presensi.ts on this
 * machine: one in flight gathered larger batches and beat two or three
 * (1,409–1,843 against 934–1,416 check-ins/s in the same hour), and keeps
 * the rest of the pool for everything else.
 */
export const HOT_BATCH: BatchOptions = { maxBatch: 64, maxConcurrent: 1 };

interface Call<I, O> {
  item: I;
  resolve: (o: O) => void;
  reject: (e: unknown) => void;
}

/**
 * `run` gets the items of one batch and must give one result per item, in the
 * same order; if it throws, the batch's items are run again one by one and
 * each call settles with its own outcome.
 */
export function batcher<I, O>(run: (items: I[]) => Promise<O[]>, opts: BatchOptions): (item: I) => Promise<O> {
  if (opts.maxBatch < 1 || opts.maxConcurrent < 1)
    throw new Error('batcher: maxBatch and maxConcurrent must be at least 1');
  const waiting: Call<I, O>[] = [];
  let running = 0;

  async function settle(batch: Call<I, O>[]) {
    try {
      const results = await run(batch.map((b) => b.item));
      if (results.length !== batch.length)
        throw new Error(`batcher: ${results.length} results for ${batch.length} items`);
      batch.forEach((b, k) => b.resolve(results[k]!));
    } catch (err) {
      if (batch.length === 1) batch[0]!.reject(err);
      else for (const b of batch) await settle([b]);
    }
  }

  function pump() {
    while (running < opts.maxConcurrent && waiting.length) {
      running++;
      void settle(waiting.splice(0, opts.maxBatch)).finally(() => {
        running--;
        pump();
      });
    }
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      pump();
    });
}
