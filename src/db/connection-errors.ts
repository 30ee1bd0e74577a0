// Which database errors mean "the connection failed" rather than "the
// statement was wrong", and which statements may be sent again after one.
// A restart, a failover or a PgBouncer restart ends every connection; what
// the platform may do about the statement that met it depends on whether the
// statement can have taken effect (see mayRetry). Pure: no I/O.

/** SQLSTATEs of a lost or refused connection besides class 08 (connection exception). */
const CONNECTION_SQLSTATES = new Set(['57P01', '57P02', '57P03']); // admin shutdown, crash shutdown, cannot connect now
/** Node socket errors. */
const SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
/** pg and pg-pool say these in words, without a code. */
const CONNECTION_MESSAGES = [
  /^Connection terminated/, // "… unexpectedly", "… due to connection timeout"
  /^timeout exceeded when trying to connect$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
];
/** Errors pg raises before it writes the statement: it never reached the server. */
const NOT_SENT_MESSAGES = [
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
];

/** No connection could be had (refused, timed out, pool waited too long): nothing was sent. */
export class DatabaseUnavailableError extends Error {
  readonly code = 'DB_UNAVAILABLE';
  constructor(cause: unknown) {
    super('no database connection could be had', { cause });
  }
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The error and its causes, outermost first (at most a few levels). */
function chain(err: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as ErrorLike).cause, depth++)
    out.push(e as ErrorLike);
  return out;
}

function isConnectionFailure(e: ErrorLike): boolean {
  if (e instanceof DatabaseUnavailableError) return true;
  const code = typeof e.code === 'string' ? e.code : '';
  if (/^08[0-9A-Z]{3}$/.test(code) || CONNECTION_SQLSTATES.has(code) || SOCKET_CODES.has(code)) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return CONNECTION_MESSAGES.some((m) => m.test(message));
}

/** True when the error (or one of its causes) is a lost, refused or unobtainable connection. */
export function isConnectionError(err: unknown): boolean {
  return chain(err).some(isConnectionFailure);
}

/** True when the failed statement provably never reached the server. */
export function wasNeverSent(err: unknown): boolean {
  return chain(err).some(
    (e) =>
      e instanceof DatabaseUnavailableError ||
      NOT_SENT_MESSAGES.some((m) => typeof e.message === 'string' && m.test(e.message)),
  );
}

/** Leading SQL comments (the /*prepare:…*\/ marker) and white space. */
const LEADING = /^(\s|\/\*[^]*?\*\/)*/;
/** Words that make a SELECT or WITH more than a read. Conservative: a false match only costs a retry. */
const WRITES =
  /\b(insert|update|delete|merge|nextval|setval|pg_advisory\w*|pg_notify|set_config|lo_\w+|pg_terminate_backend)\b/i;

/** A statement with no effect to repeat: a plain read, or the start or end of a read-only nothing. */
export function isReadOnlyStatement(text: string): boolean {
  const body = text.replace(LEADING, '');
  if (/^(begin|start\s+transaction)\b/i.test(body)) return !WRITES.test(body);
  return /^(select|with|values|show)\b/i.test(body) && !WRITES.test(body);
}

/**
 * Whether a statement that failed with `err` may be sent once more on a new
 * connection: only when it was the first statement of its connection's use
 * (so no transaction of ours was open on it) and either it never reached the
 * server or it changes nothing. A write that may have reached the server is
 * never repeated: its outcome is unknown, and the caller (a phone with an
 * idempotency key) decides.
 */
export function mayRetry(err: unknown, text: string, firstOnConnection: boolean): boolean {
  if (!firstOnConnection || !isConnectionError(err)) return false;
  return wasNeverSent(err) || isReadOnlyStatement(text);
}

/** What a log line may say about a connection error: its code and pg's own short message, no data. */
export function describe(err: unknown): { code: string; message: string } {
  const all = chain(err);
  const coded = all.find((e) => typeof e.code === 'string' && !(e instanceof DatabaseUnavailableError));
  // Connection messages carry no data; anything else is withheld (a DETAIL could quote a row).
  const failure = all.find((e) => isConnectionFailure(e) && !(e instanceof DatabaseUnavailableError));
  return {
    code: String(coded?.code ?? (all[0] instanceof DatabaseUnavailableError ? 'DB_UNAVAILABLE' : 'none')),
    message: typeof failure?.message === 'string' ? failure.message.slice(0, 200) : '(message withheld)',
  };
}
