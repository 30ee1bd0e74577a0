// Signing in, with throttling that nobody can turn against an account's owner
// (rules.ts, LoginThrottlePolicy). The state is in PostgreSQL (login_attempts),
// so every instance counts the same attempts. Answers never tell whether an
// account exists: an unknown login id, a wrong password and an inactive
// account with a wrong password all get the same 401; the throttled answer
// depends only on the attempts made with that login id, existing or not.
import { verify } from '@node-rs/argon2';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { PiiCipher } from '../../lib/pii.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { parseNik } from '../residents/index.js';
import type { AccountsRepo } from './repo.js';
import { backoffSchedule, clientKey, loginVerdict, type LoginThrottlePolicy } from './rules.js';

export interface SignInDeps {
  db: Db;
  clock: Clock;
  pii: PiiCipher;
  accounts: AccountsRepo;
  audit: AuditRepo;
  policy: LoginThrottlePolicy;
  hashPassword: (password: string) => Promise<string>;
  startSession: (userId: number, ip: string | null, userAgent: string | null) => Promise<string>;
}

/** The key an account's throttling is kept under for a username (the NIK's is its blind index, users.nik_hash). */
export const usernameLoginKey = (pii: PiiCipher, username: string) => pii.blindIndex(`login:${username.toLowerCase()}`);

/** The 429 answer: the wait in seconds for a short one, else in minutes. */
export function throttledError(retryAfterSeconds: number): AppError {
  return retryAfterSeconds <= 90
    ? new AppError(429, 'auth.throttled_seconds', { seconds: retryAfterSeconds })
    : new AppError(429, 'auth.throttled_minutes', { minutes: Math.ceil(retryAfterSeconds / 60) });
}

// Verifying against a fixed hash when the account does not exist keeps the
// response time the same, so timing does not reveal which usernames exist.
let dummyHash: Promise<string> | null = null;

export function createSignIn(d: SignInDeps) {
  const { db, clock, policy } = d;
  const schedule = backoffSchedule(policy);
  const windowMs = policy.windowMinutes * 60_000;

  return async function login(input: { loginId: string; password: string; ip: string; userAgent: string | null }) {
    const now = clock.now();
    const id = input.loginId.trim();
    const nik = parseNik(id);
    const accountKey = nik.ok ? d.pii.blindIndex(nik.nik) : usernameLoginKey(d.pii, id);
    const client = clientKey(input.ip);
    const windowStart = new Date(now.getTime() - windowMs);

    const s = await d.accounts.loginThrottleState(db, accountKey, client, windowStart);
    const verdict = loginVerdict(
      {
        blockedUntil: s.blocked_until,
        lastSuccessAt: s.last_success_at,
        clientFailures: s.client_failures,
        clientOldest: s.client_oldest,
        accountFailures: s.account_failures,
        accountOldest: s.account_oldest,
      },
      policy,
      now,
    );
    if (!verdict.ok) throw throttledError(verdict.retryAfterSeconds);
    const counted = await d.accounts.countLoginAttempt(db, {
      accountKey,
      client,
      now,
      windowStart,
      schedule,
      forgetAt: new Date(now.getTime() + windowMs),
    });
    // Another attempt of this pair was counted since the read above and started a wait.
    if (!counted) throw throttledError(policy.backoffSeconds);

    const user = await d.accounts.findForLogin(db, nik.ok ? { nikHash: accountKey } : { username: id });
    if (!user) {
      dummyHash ??= d.hashPassword('pamong-dummy-password');
      await verify(await dummyHash, input.password);
      throw new AppError(401, 'auth.bad_credentials');
    }
    if (!(await verify(user.password_hash, input.password))) {
      await d.audit.append(db, {
        actorUserId: user.id,
        actorName: user.full_name,
        actorRole: user.role,
        ip: input.ip,
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        regionCode: user.region_code,
      });
      throw new AppError(401, 'auth.bad_credentials');
    }
    // Only someone who knows the password learns that the account is inactive; it stays counted as a failure.
    if (!user.active) throw new AppError(403, 'auth.inactive');
    await d.accounts.recordLoginSuccess(
      db,
      accountKey,
      client,
      now,
      new Date(now.getTime() + policy.knownClientDays * 86_400_000),
    );
    const token = await d.startSession(user.id, input.ip, input.userAgent);
    await d.audit.append(db, {
      actorUserId: user.id,
      actorName: user.full_name,
      actorRole: user.role,
      ip: input.ip,
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      regionCode: user.region_code,
    });
    return { token, mustChangePassword: user.must_change_password };
  };
}
