// Tests wait on conditions, never for a fixed time: a fixed sleep is either
// too short on a busy machine (flaky) or too long everywhere else (slow).

export interface WaitOptions {
  /** When to give up: only a condition that never comes true should reach it. */
  timeoutMs?: number;
  /** How often to look again. */
  intervalMs?: number;
  /** What the failure says (a function to report the state at that moment). */
  message?: string | (() => string | Promise<string>);
}

/** Resolves with the first truthy value `condition` returns; rejects once `timeoutMs` passed without one. */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  { timeoutMs = 60_000, intervalMs = 50, message = 'condition not met' }: WaitOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) {
      const text = typeof message === 'function' ? await message() : message;
      throw new Error(`waitFor: ${text} (gave up after ${timeoutMs} ms)`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
