// Use cases of the RT/RW heads programme: appoint (with handover), end a
// term, vacancies and terms ending soon; publish, sign, countersign and
// verify the integrity pact. Each change commits with its audit record.
import { cityOf } from '../../kernel/regions.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, conflict, fieldError, forbidden, isUniqueViolation, notFound } from '../../lib/errors.js';
import { assertCovers } from '../../kernel/scope.js';
import type { AuditRepo } from '../../kernel/audit.js';
import type { FileStorage } from '../../kernel/files/storage.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import { signText, verifyText, type SigningKey } from '../../kernel/signing.js';
import type { LettersKeys } from '../letters/service.js';
import { canonicalJson, normalizePublicCode, publicCode } from '../../kernel/codes.js';
import type { RegionsReader } from '../regions/service.js';
import { isHead, rtrwPolicy } from './policy.js';
import { createRtRwRepo, type RtRwRepo } from './repo.js';
import { createAppointRepo } from './repo-appoint.js';
import { createAppointService } from './service-appoint.js';
import { createPactPrint } from './service-print.js';
import type { TermPolicy } from './term-rules.js';
import type { AccountsPort } from '../accounts/service.js';
import type { ResidentsReader } from '../residents/service.js';
import type { PiiCipher } from '../../lib/pii.js';
import {
  addDays,
  checkDecreeScan,
  dayIn,
  ENDING_SOON_DAYS,
  pactPayload,
  vacanciesOf,
  type CountersignPayload,
  type EndReason,
  type PactPayload,
  type Position,
} from './rules.js';

export interface RtRwDeps {
  db: Db;
  clock: Clock;
  regions: RegionsReader;
  audit: AuditRepo;
  letters: LettersKeys;
  signingKey: SigningKey;
  /** Where scanned decrees are kept (PostgreSQL by default). */
  files: FileStorage;
  timeZone?: string;
  rtrw?: RtRwRepo;
  /** For appointing by choosing a person: the register, head accounts, NIK lookup and printing. */
  residents: ResidentsReader;
  accounts: AccountsPort;
  pii: PiiCipher;
  /** The city's term rules (config `rtrwTerms`). */
  termPolicy: TermPolicy;
}
export type { AppointInput, AppointResult } from './service-appoint.js';

const need = (ctx: Ctx, roles: readonly string[]) => {
  if (!roles.includes(ctx.scope.role)) throw forbidden();
};

export function createRtRwService(d: RtRwDeps) {
  const { db, clock } = d;
  const repo = d.rtrw ?? createRtRwRepo();
  const tz = d.timeZone ?? 'Asia/Jakarta';
  const today = () => dayIn(clock.now(), tz);

  async function rwRt(ctx: Ctx, code: string) {
    assertCovers(ctx.scope, code);
    const region = await d.regions.find(db, ctx.scope, code);
    if (!region || (region.level !== 'rw' && region.level !== 'rt')) throw notFound();
    return region;
  }

  async function overview(ctx: Ctx) {
    const [regions, ketua] = await Promise.all([
      repo.activeRwRt(db, ctx.scope),
      repo.activeTerms(db, ctx.scope, { position: 'ketua' }),
    ]);
    const day = today();
    const ending = await repo.activeTerms(db, ctx.scope, { endingBy: addDays(day, ENDING_SOON_DAYS) });
    const byRegion = new Map(ketua.map((k) => [k.region_code, k]));
    // A head's view is their own terms only: vacancies are a kelurahan's concern.
    const vacancies = isHead(ctx.scope.role) ? [] : vacanciesOf(regions, new Set(byRegion.keys()));
    const status = await pactStatus(ctx);
    return {
      today: day,
      regions: regions.map((r) => ({ ...r, ketua: byRegion.get(r.code) ?? null })),
      vacancies,
      endingSoon: ending,
      pact: status,
    };
  }

  /** The current pact of the scope's city, with who signed it and who has not. */
  async function pactStatus(ctx: Ctx) {
    const current = await repo.currentPact(db, cityOf(ctx.scope.regionCode));
    const heads = await repo.activeTerms(db, ctx.scope, { position: 'ketua' });
    const signatures = current ? await repo.signatures(db, ctx.scope, { versionId: current.id }) : [];
    const signedTerms = new Set(signatures.map((s) => s.term_id));
    return { current: current ?? null, signatures, unsigned: heads.filter((h) => !signedTerms.has(h.id)) };
  }

  const appointRepo = createAppointRepo();
  const appointing = createAppointService({
    db,
    clock,
    audit: d.audit,
    regions: d.regions,
    residents: d.residents,
    accounts: d.accounts,
    pii: d.pii,
    policy: d.termPolicy,
    repo,
    appointRepo,
    today,
  });
  return {
    overview,
    pactStatus,
    ...appointing,
    pactPrint: createPactPrint({ ...d, repo, appointRepo, timeZone: tz }),
    termPolicy: d.termPolicy,

    async regionTerms(ctx: Ctx, code: string) {
      const region = await rwRt(ctx, code);
      return { region, terms: await repo.regionTerms(db, ctx.scope, code), today: today() };
    },

    /** One term (a head: only their own), 404 outside the scope. */
    async term(ctx: Ctx, id: number) {
      const term = await repo.termById(db, ctx.scope, id);
      if (!term) throw notFound();
      return { term, today: today() };
    },

    /** Stores the scanned decree of a term (replacing an earlier scan; the old file stays, the audit names it). */
    async uploadDecree(ctx: Ctx, id: number, content: Buffer) {
      need(ctx, rtrwPolicy.manage);
      const term = await repo.termById(db, ctx.scope, id);
      if (!term) throw notFound();
      const check = checkDecreeScan(content);
      if (!check.ok) throw fieldError('file', `heads.decree_${check.reason}`, { limit: '2 MB' });
      return db.transaction().execute(async (trx) => {
        const fileId = await d.files.put(trx, { mime: check.mime, content });
        await repo.setDecreeFile(trx, term.id, fileId);
        const details = { fileId, mime: check.mime, bytes: content.length, replaced: term.decree_file_id };
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'rtrw.decree_uploaded',
            entityType: 'rtrw_term',
            entityId: term.id,
            regionCode: term.region_code,
            details,
          }),
        );
        return { fileId, mime: check.mime };
      });
    },

    /** The scan for viewing: the lurah of the kelurahan and above, or the head themself; each view is audited. */
    async decreeScan(ctx: Ctx, id: number) {
      const term = await repo.termById(db, ctx.scope, id);
      if (!term?.decree_file_id) throw notFound();
      const file = await d.files.get(db, term.decree_file_id);
      if (!file) throw notFound();
      await d.audit.append(
        db,
        auditFrom(ctx, {
          action: 'rtrw.decree_viewed',
          entityType: 'rtrw_term',
          entityId: term.id,
          regionCode: term.region_code,
          details: { fileId: term.decree_file_id },
        }),
      );
      return file;
    },

    async vacancies(ctx: Ctx) {
      const o = await overview(ctx);
      return { vacancies: o.vacancies, endingSoon: o.endingSoon, today: o.today };
    },

    async endTerm(ctx: Ctx, code: string, position: Position, reason: EndReason) {
      need(ctx, rtrwPolicy.manage);
      await rwRt(ctx, code);
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const holder = await repo.activeHolderForUpdate(trx, code, position);
        if (!holder) throw new AppError(422, 'heads.no_active_term');
        await repo.endTerm(trx, holder.id, reason, now);
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'rtrw.term_ended',
            entityType: 'rtrw_term',
            entityId: holder.id,
            regionCode: code,
            details: { position, reason },
          }),
        );
        return { id: holder.id };
      });
    },

    async publishPact(ctx: Ctx, cityCode: string, input: { title: string; body: string }) {
      need(ctx, rtrwPolicy.publish);
      assertCovers(ctx.scope, cityCode);
      const city = await d.regions.find(db, ctx.scope, cityCode);
      if (!city || city.level !== 'kabkota') throw notFound();
      const title = input.title.trim();
      const body = input.body.trim();
      if (!title) throw fieldError('title', 'heads.title_required');
      if (!body) throw fieldError('body', 'heads.body_required');
      try {
        return await db.transaction().execute(async (trx) => {
          const version = await repo.nextPactVersion(trx, cityCode);
          const p = await repo.insertPact(trx, {
            region_code: cityCode,
            version,
            title,
            body,
            published_at: clock.now(),
            published_by: ctx.scope.userId,
          });
          await d.audit.append(
            trx,
            auditFrom(ctx, {
              action: 'rtrw.pact_published',
              entityType: 'pact_version',
              entityId: p.id,
              regionCode: cityCode,
              details: { version },
            }),
          );
          return p;
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict('heads.conflict');
        throw err;
      }
    },

    /** A head signs the current version for their active ketua term. */
    async signPact(ctx: Ctx) {
      need(ctx, rtrwPolicy.sign);
      const terms = await repo.activeTerms(db, ctx.scope, { position: 'ketua' });
      const term = terms[0];
      if (!term) throw new AppError(422, 'heads.no_active_term');
      const pact = await repo.currentPact(db, cityOf(term.region_code));
      if (!pact) throw new AppError(422, 'heads.no_pact');
      const region = (await d.regions.namesOf(db, [term.region_code]))[0];
      const now = clock.now();
      const payload: PactPayload = pactPayload({
        verifyCode: publicCode(12),
        term: { id: term.id, position: term.position, startDate: term.start_date, endDate: term.end_date },
        region: { code: term.region_code, name: region?.name ?? term.region_code, level: region?.level ?? '' },
        name: term.person_name,
        version: pact.version,
        title: pact.title,
        body: pact.body,
        signedAt: now.toISOString(),
      });
      const signature = signText(d.signingKey, canonicalJson(payload));
      try {
        return await db.transaction().execute(async (trx) => {
          await d.letters.registerKey(trx, d.signingKey.kid, d.signingKey.publicKeyPem);
          const s = await repo.insertSignature(trx, {
            term_id: term.id,
            pact_version_id: pact.id,
            verify_code: payload.verifyCode,
            signed_at: now,
            signer_name: term.person_name,
            payload: JSON.stringify(payload),
            signature,
            kid: d.signingKey.kid,
          });
          await d.audit.append(
            trx,
            auditFrom(ctx, {
              action: 'rtrw.pact_signed',
              entityType: 'pact_signature',
              entityId: s.id,
              regionCode: term.region_code,
              details: { version: pact.version },
            }),
          );
          return s;
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict('heads.already_signed');
        throw err;
      }
    },

    async countersign(ctx: Ctx, signatureId: number) {
      need(ctx, rtrwPolicy.countersign);
      const s = (await repo.signatures(db, ctx.scope, { id: signatureId }))[0];
      if (!s) throw notFound();
      if (s.countersigned_at) throw conflict('heads.already_countersigned');
      const now = clock.now();
      const payload: CountersignPayload = {
        v: 1,
        verifyCode: s.verify_code,
        headSignature: s.signature,
        lurahName: ctx.actorName,
        lurahRegion: ctx.scope.regionCode,
        countersignedAt: now.toISOString(),
        kid: d.signingKey.kid,
      };
      const signature = signText(d.signingKey, canonicalJson(payload));
      return db.transaction().execute(async (trx) => {
        await d.letters.registerKey(trx, d.signingKey.kid, d.signingKey.publicKeyPem);
        if (
          !(await repo.countersign(trx, s.id, {
            by: ctx.scope.userId,
            at: now,
            payload: JSON.stringify(payload),
            signature,
          }))
        )
          throw conflict('heads.already_countersigned');
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'rtrw.pact_countersigned',
            entityType: 'pact_signature',
            entityId: s.id,
            regionCode: s.region_code,
          }),
        );
        return { id: s.id };
      });
    },

    /** One signature for the PDF, within scope (a head: their own). */
    async signature(ctx: Ctx, id: number) {
      const s = (await repo.signatures(db, ctx.scope, { id }))[0];
      if (!s) throw notFound();
      return s;
    },

    /** Public: ASLI only when the head's and the lurah's signatures both still match the stored content. */
    async verifyPact(code: string) {
      const normalized = normalizePublicCode(code);
      const s = normalized ? await repo.signatureByCode(db, normalized) : undefined;
      if (!s) return null;
      const payload = s.payload as unknown as PactPayload;
      const key = await d.letters.publicKey(db, s.kid);
      const headOk =
        !!key &&
        payload?.verifyCode === s.verify_code &&
        verifyText(key.public_key, canonicalJson(payload), s.signature);
      const cs = s.countersign_payload as unknown as CountersignPayload | null;
      let countersignOk = false;
      if (cs && s.countersign_signature && typeof cs.kid === 'string') {
        const csKey = await d.letters.publicKey(db, cs.kid);
        countersignOk =
          !!csKey &&
          cs.headSignature === s.signature &&
          cs.verifyCode === s.verify_code &&
          verifyText(csKey.public_key, canonicalJson(cs), s.countersign_signature);
      }
      return {
        authentic: headOk && countersignOk,
        headOk,
        countersigned: !!cs,
        countersignOk,
        payload,
        countersign: cs,
        countersigner: s.countersigner,
      };
    },
    today,
  };
}
export type RtRwService = ReturnType<typeof createRtRwService>;

/** Whether heads signed the pact by a date, for the kinerja score (only this module writes the signatures). */
export function pactReader(repo: RtRwRepo = createRtRwRepo()) {
  return { pactSignedBy: repo.pactSignedBy };
}
