// Use cases for signing in, sessions and accounts.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Db } from '../../db/database.js';
import { batcher, HOT_BATCH } from '../../lib/batch.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, fieldError, forbidden, invalid, isUniqueViolation, notFound } from '../../lib/errors.js';
import type { PiiCipher } from '../../lib/pii.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import type { RegionsReader } from '../regions/service.js';
import { parseNik } from '../residents/index.js';
import type { ResidentsReader } from '../residents/service.js';
import { createAccountsRepo, type AccountsRepo } from './repo.js';
import {
  canCreateAccount,
  canManageAccount,
  isOfficialRole,
  isRole,
  isWeakPassword,
  officialIdentityOf,
  ROLE_LEVEL,
  type LoginThrottlePolicy,
} from './rules.js';
import { assertCovers, makeScope } from '../../kernel/scope.js';
import { createSignIn, usernameLoginKey } from './sign-in.js';

const ARGON = { algorithm: 2 } as const; // argon2id
const IP_WINDOW_MS = 15 * 60_000;
/** login_throttle rows are kept a day after their window began: far longer than any window that counts them. */
const THROTTLE_KEEP_MS = 24 * 3_600_000;
const TOUCH_EVERY_MS = 5 * 60_000;

export interface AccountsDeps {
  db: Db;
  clock: Clock;
  pii: PiiCipher;
  accounts: AccountsRepo;
  audit: AuditRepo;
  regions: RegionsReader;
  residents: ResidentsReader;
  config: { sessionTtlHours: number; login: LoginThrottlePolicy };
}

import type { SessionUser } from '../../kernel/session.js';
export type { SessionUser };

export const hashToken = (token: string) => createHash('sha256').update(token).digest();
export const hashPassword = (password: string) => hash(password, ARGON);

/** A temporary password a person can read out over the phone: no look-alike characters. */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

export function createAccountsService(d: AccountsDeps) {
  const { db, clock } = d;
  // Concurrent requests look their sessions up in one statement (lib/batch.ts).
  const findSession = batcher(async (hashes: Buffer[]) => {
    const rows = await d.accounts.findSessions(db, hashes, clock.now());
    const byHash = new Map(rows.map((r) => [r.token_hash.toString('hex'), r]));
    return hashes.map((h) => byHash.get(h.toString('hex')));
  }, HOT_BATCH);

  async function startSession(userId: number, ip: string | null, userAgent: string | null) {
    const token = randomBytes(32).toString('base64url');
    const now = clock.now();
    await d.accounts.insertSession(db, {
      tokenHash: hashToken(token),
      userId,
      expiresAt: new Date(now.getTime() + d.config.sessionTtlHours * 3600_000),
      ip,
      userAgent: userAgent?.slice(0, 300) ?? null,
      now,
    });
    return token;
  }

  return {
    login: createSignIn({ ...d, policy: d.config.login, hashPassword, startSession }),

    async authenticate(token: string): Promise<SessionUser | null> {
      if (!token || token.length > 100) return null;
      const tokenHash = hashToken(token);
      const now = clock.now();
      const s = await findSession(tokenHash);
      if (!s || !s.active || !isRole(s.role)) return null;
      // Writing on every request would double the database load; a few minutes' precision is enough.
      if (now.getTime() - s.last_seen_at.getTime() > TOUCH_EVERY_MS) await d.accounts.touchSession(db, tokenHash, now);
      return {
        id: s.id,
        username: s.username,
        fullName: s.full_name,
        role: s.role,
        regionCode: s.region_code,
        residentId: s.resident_id,
        mustChangePassword: s.must_change_password,
        tokenHash,
        scope: makeScope({ id: s.id, role: s.role, region_code: s.region_code, resident_id: s.resident_id }),
      };
    },

    logout: (tokenHash: Buffer) => d.accounts.deleteSession(db, tokenHash),

    async logoutEverywhere(ctx: Ctx, keep: Buffer) {
      const n = await d.accounts.deleteUserSessions(db, ctx.scope.userId, keep);
      await d.audit.append(
        db,
        auditFrom(ctx, {
          action: 'auth.logout_all',
          entityType: 'user',
          entityId: ctx.scope.userId,
          regionCode: ctx.scope.regionCode,
          details: { sessions: n },
        }),
      );
    },

    async changePassword(ctx: Ctx, input: { current: string; next: string; confirm: string }, keep: Buffer) {
      const user = await d.accounts.findById(db, ctx.scope.userId);
      if (!user) throw notFound();
      if (!(await verify(user.password_hash, input.current))) throw fieldError('current', 'auth.password_wrong');
      if (input.next !== input.confirm) throw fieldError('confirm', 'auth.password_mismatch');
      if (isWeakPassword(input.next, user.username)) throw fieldError('next', 'auth.password_weak');
      const passwordHash = await hashPassword(input.next);
      await db.transaction().execute(async (trx) => {
        await d.accounts.setPassword(trx, user.id, passwordHash, false, clock.now());
        await d.accounts.deleteUserSessions(trx, user.id, keep);
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'user.password_changed',
            entityType: 'user',
            entityId: user.id,
            regionCode: user.region_code,
          }),
        );
      });
    },

    async createUser(
      ctx: Ctx,
      input: {
        username: string;
        fullName: string;
        role: string;
        regionCode: string;
        email?: string | undefined;
        phone?: string | undefined;
      },
    ) {
      assertCovers(ctx.scope, input.regionCode);
      const region = await d.regions.findActive(db, ctx.scope, input.regionCode);
      if (!region) throw fieldError('regionCode', 'error.not_found');
      if (!isRole(input.role)) throw fieldError('role', 'field.invalid_choice', { field: 'f.role' });
      const check = canCreateAccount(ctx.scope.role, input.role, region.level);
      if (!check.ok) {
        throw check.reason === 'role_not_allowed'
          ? fieldError('role', 'users.role_not_allowed')
          : fieldError('regionCode', 'users.role_level_mismatch', {
              role: `role.${input.role}`,
              level: `level.${ROLE_LEVEL[input.role]}`,
            });
      }
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      try {
        const user = await db.transaction().execute(async (trx) => {
          const u = await d.accounts.insert(trx, {
            username: input.username.toLowerCase(),
            full_name: input.fullName,
            role: input.role,
            region_code: region.code,
            email: input.email || null,
            phone: input.phone || null,
            password_hash: passwordHash,
            must_change_password: true,
            created_by: ctx.scope.userId,
          });
          await d.audit.append(
            trx,
            auditFrom(ctx, {
              action: 'user.created',
              entityType: 'user',
              entityId: u.id,
              regionCode: u.region_code,
              details: { username: u.username, role: u.role },
            }),
          );
          return u;
        });
        return { user, password };
      } catch (err) {
        if (isUniqueViolation(err)) throw fieldError('username', 'users.username_taken');
        throw err;
      }
    },

    listUsers: (ctx: Ctx, opts: { limit: number; offset: number; q?: string | undefined }) =>
      d.accounts.listInScope(db, ctx.scope, opts),

    async resetPassword(ctx: Ctx, userId: number) {
      const target = await d.accounts.findInScope(db, ctx.scope, userId);
      if (!target || !isRole(target.role)) throw notFound();
      if (!canManageAccount(ctx.scope.role, target.role)) throw forbidden();
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      const full = await d.accounts.findById(db, target.id);
      await db.transaction().execute(async (trx) => {
        await d.accounts.setPassword(trx, target.id, passwordHash, true, clock.now());
        await d.accounts.deleteUserSessions(trx, target.id);
        // The owner, perhaps kept waiting by guesses from elsewhere, can sign in at once.
        await d.accounts.clearLoginAttempts(trx, [
          usernameLoginKey(d.pii, target.username),
          ...(full?.nik_hash ? [full.nik_hash] : []),
        ]);
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'user.password_reset',
            entityType: 'user',
            entityId: target.id,
            regionCode: target.region_code,
          }),
        );
      });
      return { username: target.username, password };
    },

    async setActive(ctx: Ctx, userId: number, active: boolean) {
      const target = await d.accounts.findInScope(db, ctx.scope, userId);
      if (!target || !isRole(target.role)) throw notFound();
      if (!canManageAccount(ctx.scope.role, target.role)) throw forbidden();
      await db.transaction().execute(async (trx) => {
        await d.accounts.setActive(trx, target.id, active, clock.now());
        if (!active) await d.accounts.deleteUserSessions(trx, target.id);
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: active ? 'user.activated' : 'user.deactivated',
            entityType: 'user',
            entityId: target.id,
            regionCode: target.region_code,
          }),
        );
      });
    },

    /** An official's NIP, jabatan and pangkat/golongan, printed under their signature on letters. */
    async setOfficialIdentity(ctx: Ctx, userId: number, input: { nip: string; jabatan: string; pangkat: string }) {
      const target = await d.accounts.findInScope(db, ctx.scope, userId);
      if (!target || !isRole(target.role)) throw notFound();
      if (!canManageAccount(ctx.scope.role, target.role) || !isOfficialRole(target.role)) throw forbidden();
      const v = officialIdentityOf(input);
      if (!v.ok) throw invalid(v.errors);
      try {
        await db.transaction().execute(async (trx) => {
          await d.accounts.setOfficialIdentity(trx, target.id, v.value, clock.now());
          await d.audit.append(
            trx,
            auditFrom(ctx, {
              action: 'user.official_identity',
              entityType: 'user',
              entityId: target.id,
              regionCode: target.region_code,
            }),
          );
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw fieldError('nip', 'users.nip_taken');
        throw err;
      }
    },
    officialIdentity: async (ctx: Ctx, userId: number) => {
      const target = await d.accounts.findInScope(db, ctx.scope, userId);
      if (!target || !isRole(target.role) || !isOfficialRole(target.role)) throw notFound();
      if (!canManageAccount(ctx.scope.role, target.role)) throw forbidden();
      return { ...target, ...(await d.accounts.signerIdentity(db, target.id)) };
    },

    /** A citizen registers; the account exists only if NIK, KK and birth date match a living resident. */
    async register(input: {
      nik: string;
      kk: string;
      birthDate: string;
      password: string;
      confirm: string;
      ip: string;
    }) {
      const now = clock.now();
      const attempts = await d.accounts.bumpThrottle(db, `register:${input.ip}`, now, IP_WINDOW_MS);
      if (attempts > 20) throw new AppError(429, 'error.rate_limited', { minutes: 15 });
      const nik = parseNik(input.nik);
      if (!nik.ok) throw fieldError('nik', 'residents.nik_format');
      if (input.password !== input.confirm) throw fieldError('confirm', 'auth.password_mismatch');
      if (isWeakPassword(input.password, nik.nik)) throw fieldError('password', 'auth.password_weak');
      const resident = await d.residents.findForRegistration(db, d.pii.blindIndex(nik.nik));
      const match =
        resident &&
        resident.status === 'hidup' &&
        resident.kk_hash.equals(d.pii.blindIndex(input.kk.trim())) &&
        isoDate(resident.birth_date) === input.birthDate;
      if (!match) throw new AppError(422, 'auth.register_no_match');
      const passwordHash = await hashPassword(input.password);
      try {
        await db.transaction().execute(async (trx) => {
          const u = await d.accounts.insert(trx, {
            username: `warga${resident.id}`,
            full_name: resident.full_name,
            role: 'warga',
            region_code: resident.region_code,
            nik_hash: resident.nik_hash,
            resident_id: resident.id,
            password_hash: passwordHash,
          });
          await d.audit.append(trx, {
            actorUserId: u.id,
            actorName: u.full_name,
            actorRole: 'warga',
            ip: input.ip,
            action: 'user.registered',
            entityType: 'user',
            entityId: u.id,
            regionCode: u.region_code,
          });
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError(409, 'auth.register_exists');
        throw err;
      }
    },

    /**
     * Housekeeping (src/jobs/housekeeping.ts), one bounded batch each, returning the rows deleted: expired
     * sessions; rate-limit rows (tracking, registration) whose window began over a day ago — the longest window
     * is IP_WINDOW_MS, 15 minutes; sign-in attempt rows past their forget_at.
     */
    housekeeping: {
      sessions: (limit: number) => d.accounts.deleteExpiredSessions(db, clock.now(), limit),
      throttles: (limit: number) =>
        d.accounts.deleteStaleThrottles(db, new Date(clock.now().getTime() - THROTTLE_KEEP_MS), limit),
      loginAttempts: (limit: number) => d.accounts.deleteForgottenLoginAttempts(db, clock.now(), limit),
    },
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;

/** pg returns `date` as a local-midnight Date; read it back in local time. */
export function isoDate(d: Date | string): string {
  if (typeof d === 'string') return d.slice(0, 10);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** What other modules may do to accounts: the staff register opens and closes its employees' accounts; the public tracking page shares the throttle; the notifications page saves a person's contact. */
export type AccountsPort = Pick<
  AccountsRepo,
  | 'insert'
  | 'setUsername'
  | 'setActive'
  | 'setPassword'
  | 'deleteUserSessions'
  | 'bumpThrottle'
  | 'saveContact'
  | 'signerIdentity'
  | 'officialsOf'
>;
export function accountsPort(repo: AccountsRepo = createAccountsRepo()): AccountsPort {
  return {
    insert: repo.insert,
    setUsername: repo.setUsername,
    setActive: repo.setActive,
    setPassword: repo.setPassword,
    deleteUserSessions: repo.deleteUserSessions,
    bumpThrottle: repo.bumpThrottle,
    saveContact: repo.saveContact,
    signerIdentity: repo.signerIdentity,
    officialsOf: repo.officialsOf,
  };
}
