// Appointing a head = choosing a person: search the register of the post's
// kelurahan (name or NIK, never in a URL), pick one (the term's default dates
// and the Perwali warnings), appoint. For a ketua the head account is linked
// (the person's earlier one) or created in the same transaction, and its
// temporary password returned once. Each change commits with its audit record.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, conflict, fieldError, forbidden, isUniqueViolation, notFound } from '../../lib/errors.js';
import type { PiiCipher } from '../../lib/pii.js';
import { assertCovers } from '../../kernel/scope.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import { hashPassword, temporaryPassword, type AccountsPort } from '../accounts/service.js';
import type { RegionsReader } from '../regions/service.js';
import type { ResidentsReader } from '../residents/service.js';
import { rtrwPolicy } from './policy.js';
import type { RtRwRepo } from './repo.js';
import type { AppointRepo } from './repo-appoint.js';
import { checkTermDates, handoverDecision, headRoleFor, type Position } from './rules.js';
import { defaultEndDate, proposeUsername, termWarnings, type TermPolicy, type TermWarning } from './term-rules.js';

export interface AppointInput {
  position: Position;
  /** The person from the register (their name is taken from it); or a name typed for someone not in it. */
  residentId?: number | undefined;
  name?: string | undefined;
  phone?: string | undefined;
  /** API only: an existing head account to link instead of creating one. */
  userId?: number | undefined;
  startDate: string;
  /** Empty: start plus the configured term years. */
  endDate?: string | undefined;
  decreeNumber?: string | undefined;
  decreeDate?: string | undefined;
}

export interface AppointResult {
  id: number;
  replacedTermId: number | null;
  warnings: TermWarning[];
  /** The head's account: linked or created; the temporary password only when created, shown once. */
  account: { id: number; username: string; created: boolean; temporaryPassword: string | null } | null;
}

export interface AppointDeps {
  db: Db;
  clock: Clock;
  audit: AuditRepo;
  regions: RegionsReader;
  residents: ResidentsReader;
  accounts: AccountsPort;
  pii: PiiCipher;
  policy: TermPolicy;
  repo: RtRwRepo;
  appointRepo: AppointRepo;
  today: () => string;
}

const SEARCH_LIMIT = 20;
const kelurahanOf = (code: string) => code.split('.').slice(0, 4).join('.');

export function createAppointService(d: AppointDeps) {
  const { db } = d;
  const need = (ctx: Ctx) => {
    if (!rtrwPolicy.manage.includes(ctx.scope.role)) throw forbidden();
  };
  async function post(ctx: Ctx, code: string) {
    assertCovers(ctx.scope, code);
    const region = await d.regions.find(db, ctx.scope, code);
    if (!region || (region.level !== 'rw' && region.level !== 'rt')) throw notFound();
    return region;
  }
  /** A living resident of the post's kelurahan, in the caller's scope. */
  async function residentFor(ctx: Ctx, code: string, id: number) {
    const r = await d.residents.findInScope(db, ctx.scope, id);
    if (!r || r.region_code.slice(0, kelurahanOf(code).length) !== kelurahanOf(code) || r.status !== 'hidup')
      throw fieldError('residentId', 'heads.resident_not_here');
    return r;
  }
  async function warningsFor(
    code: string,
    position: Position,
    a: { start: string; end: string; residentId: number | null },
  ) {
    const history = await d.appointRepo.postHistory(db, code, position);
    return termWarnings({
      startDate: a.start,
      endDate: a.end,
      residentId: a.residentId,
      history: history.map((h) => ({ residentId: h.resident_id, startDate: h.start_date })),
      policy: d.policy,
    });
  }

  return {
    /** Residents of the post's kelurahan by name (2+ letters) or full NIK; masked NIK only. */
    async searchResidents(ctx: Ctx, code: string, q: string) {
      need(ctx);
      await post(ctx, code);
      const text = q.trim();
      const nik = /^\d{16}$/.test(text);
      if (!nik && text.replace(/\s/g, '').length < 2) throw fieldError('q', 'heads.search_short');
      const rows = await d.residents.search(db, ctx.scope, {
        ...(nik ? { hash: d.pii.blindIndex(text) } : { q: text }),
        under: kelurahanOf(code),
        status: 'hidup',
        limit: SEARCH_LIMIT,
        offset: 0,
      });
      return rows.map((r) => ({ id: r.id, name: r.full_name, nikMasked: r.nik_masked, regionCode: r.region_code }));
    },

    /** The confirmation of a pick: the person, the term's default dates and the warnings. */
    async pick(ctx: Ctx, code: string, residentId: number, position: Position) {
      need(ctx);
      await post(ctx, code);
      const r = await residentFor(ctx, code, residentId);
      const start = d.today();
      const end = defaultEndDate(start, d.policy);
      const role = headRoleFor(code.split('.').length === 5 ? 'rw' : 'rt');
      const existing = position === 'ketua' ? await d.appointRepo.accountOfResident(db, r.id, code, role) : undefined;
      return {
        resident: { id: r.id, name: r.full_name, nikMasked: r.nik_masked, regionCode: r.region_code },
        startDate: start,
        endDate: end,
        warnings: await warningsFor(code, position, { start, end, residentId: r.id }),
        existingAccount: existing?.username ?? null,
      };
    },

    async appoint(ctx: Ctx, code: string, input: AppointInput): Promise<AppointResult> {
      need(ctx);
      const region = await post(ctx, code);
      if (region.retired_at) throw new AppError(422, 'heads.region_retired');
      const endDate =
        input.endDate || (/^\d{4}-\d{2}-\d{2}$/.test(input.startDate) ? defaultEndDate(input.startDate, d.policy) : '');
      const dates = checkTermDates({ startDate: input.startDate, endDate, decreeDate: input.decreeDate });
      if (!dates.ok) throw fieldError(dates.field, dates.reason);
      const resident = input.residentId !== undefined ? await residentFor(ctx, code, input.residentId) : null;
      const name = resident?.full_name ?? input.name?.trim() ?? '';
      if (!name) throw fieldError('name', 'heads.name_required');
      const role = headRoleFor(region.level as 'rw' | 'rt');
      let link: { id: number; username: string } | undefined;
      if (input.userId !== undefined) {
        const account = await d.repo.accountIn(db, ctx.scope, input.userId, code);
        if (!account || (input.position === 'ketua' && account.role !== role))
          throw fieldError('userId', 'heads.account_mismatch');
        link = { id: account.id, username: account.username };
      } else if (resident && input.position === 'ketua') {
        link = await d.appointRepo.accountOfResident(db, resident.id, code, role);
      }
      // A new head account: a login name from the person's name, a temporary password to change at first sign-in.
      let create: { username: string; password: string; hash: string } | null = null;
      if (!link && resident && input.position === 'ketua') {
        const base = proposeUsername(name, new Set());
        const username = proposeUsername(name, await d.appointRepo.usernamesLike(db, base));
        const password = temporaryPassword();
        create = { username, password, hash: await hashPassword(password) };
      }
      const warnings = await warningsFor(code, input.position, {
        start: input.startDate,
        end: endDate,
        residentId: resident?.id ?? null,
      });
      const now = d.clock.now();
      try {
        return await db.transaction().execute(async (trx) => {
          const holder = await d.repo.activeHolderForUpdate(trx, code, input.position);
          // The same person from the same day again is a repeated submission (a double tap), not a re-election.
          if (holder && resident && holder.resident_id === resident.id && holder.start_date === input.startDate)
            throw conflict('heads.already_holds');
          const handover = handoverDecision(holder);
          if (handover) await d.repo.endTerm(trx, handover.endTermId, handover.reason, now);
          let account: AppointResult['account'] = link
            ? { id: link.id, username: link.username, created: false, temporaryPassword: null }
            : null;
          if (create) {
            const u = await d.accounts.insert(trx, {
              username: create.username,
              full_name: name,
              role,
              region_code: code,
              phone: input.phone?.trim() || null,
              password_hash: create.hash,
              must_change_password: true,
              created_by: ctx.scope.userId,
            });
            await d.audit.append(
              trx,
              auditFrom(ctx, {
                action: 'user.created',
                entityType: 'user',
                entityId: u.id,
                regionCode: code,
                details: { username: u.username, role, via: 'rtrw.appointed' },
              }),
            );
            account = { id: u.id, username: u.username, created: true, temporaryPassword: create.password };
          }
          const term = await d.repo.insertTerm(trx, {
            region_code: code,
            position: input.position,
            person_name: name,
            phone: input.phone?.trim() ?? '',
            user_id: account?.id ?? null,
            resident_id: resident?.id ?? null,
            start_date: input.startDate,
            end_date: endDate,
            decree_number: input.decreeNumber?.trim() ?? '',
            decree_date: input.decreeDate || null,
            created_by: ctx.scope.userId,
            created_at: now,
          });
          await d.audit.append(
            trx,
            auditFrom(ctx, {
              action: 'rtrw.appointed',
              entityType: 'rtrw_term',
              entityId: term.id,
              regionCode: code,
              details: {
                position: input.position,
                name,
                residentId: resident?.id ?? null,
                userId: account?.id ?? null,
                accountCreated: !!create,
                replaced: handover?.endTermId ?? null,
                warnings: warnings.map((w) => ({ key: w.key, ...w.params })),
              },
            }),
          );
          return { id: term.id, replacedTermId: handover?.endTermId ?? null, warnings, account };
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict('heads.conflict');
        throw err;
      }
    },
  };
}
