// The request id of the work in progress, for records written deep inside a
// use case (the audit row) without threading it through every service call.
// The HTTP pipeline enters the scope for each request (src/http/request-id.ts);
// background jobs may enter one with their own id. Outside any scope: null.
import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<{ requestId: string }>();

export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return scope.run({ requestId }, fn);
}

export const currentRequestId = (): string | null => scope.getStore()?.requestId ?? null;
