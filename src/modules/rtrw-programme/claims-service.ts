// Use cases of a BPJS Ketenagakerjaan claim's file: incident details, heirs
// (NIK and account encrypted), documents per checklist item (checked by
// content; views audited) and the children's scholarship. The status moves
// stay in service.ts, which asks `readiness` before a claim is taken up.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { conflict, fieldError, forbidden, notFound } from '../../lib/errors.js';
import type { PiiCipher } from '../../lib/pii.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import { checkUpload } from '../../kernel/files/rules.js';
import type { FileStorage } from '../../kernel/files/storage.js';
import { maskNumber, parseNik } from '../residents/index.js';
import {
  checklist,
  claimReadiness,
  HEIR_RELATIONSHIPS,
  itemsFor,
  scholarshipProblem,
  type ScholarshipConfig,
} from './claims-rules.js';
import { maskTail } from './honor-rules.js';
import type { MoneyRepo } from './money-repo.js';
import { canManage } from './policy.js';
import type { ProgrammeRepo } from './repo.js';
import { checkPastDay, dayOf } from './rules.js';

export interface ClaimsDeps {
  db: Db;
  clock: Clock;
  programme: ProgrammeRepo;
  money: MoneyRepo;
  audit: AuditRepo;
  pii: PiiCipher;
  files: FileStorage;
  timeZone: string;
  scholarship: ScholarshipConfig;
}

const OPEN = ['dilaporkan', 'diproses'];

export function createClaimsService(d: ClaimsDeps) {
  const { db, clock } = d;
  const audit = (trx: Db, ctx: Ctx, action: string, id: number, region: string, details: Record<string, unknown>) =>
    d.audit.append(
      trx,
      auditFrom(ctx, { action, entityType: 'bpjs_claim', entityId: id, regionCode: region, details }),
    );
  /** A claim in scope that a manager may still complete. */
  const openClaim = async (ctx: Ctx, id: number, statuses = OPEN) => {
    if (!canManage(ctx.scope.role)) throw forbidden();
    const c = await d.programme.findClaim(db, ctx.scope, id);
    if (!c) throw notFound();
    if (!statuses.includes(c.status)) throw conflict('money.claim_closed');
    return c;
  };

  /** What the claim still lacks before it is taken up (diproses): documents, and for a death an heir. */
  async function readiness(claimId: number, kind: string) {
    const [extras, docs, heirs] = await Promise.all([
      d.money.claimExtras(db, claimId),
      d.money.documents(db, claimId),
      d.money.heirs(db, claimId),
    ]);
    return claimReadiness(
      { kind, road_accident: extras.road_accident },
      docs.map((x) => x.item),
      heirs.length,
    );
  }

  return {
    readiness,
    /** Details, heirs, checklist, documents and scholarships of one claim in scope. */
    async claimFile(ctx: Ctx, id: number) {
      const claim = await d.programme.findClaim(db, ctx.scope, id);
      if (!claim) throw notFound();
      const [extras, heirs, documents, scholarships] = await Promise.all([
        d.money.claimExtras(db, id),
        d.money.heirs(db, id),
        d.money.documents(db, id),
        d.money.scholarships(db, id),
      ]);
      return {
        extras,
        heirs,
        documents,
        scholarships,
        checklist: checklist(
          { kind: claim.kind, road_accident: extras.road_accident },
          documents.map((x) => x.item),
        ),
        levels: d.scholarship.levels,
        maxChildren: d.scholarship.maxChildren,
      };
    },
    async setDetails(
      ctx: Ctx,
      id: number,
      v: { occurredOn?: string | undefined; incidentPlace: string; chronology: string; roadAccident: boolean },
    ) {
      const c = await openClaim(ctx, id);
      if (v.occurredOn) {
        const r = checkPastDay(v.occurredOn, dayOf(clock.now(), d.timeZone));
        if (r !== 'ok') throw fieldError('occurredOn', r === 'future' ? 'prog.future_date' : 'prog.bad_date');
      }
      await db.transaction().execute(async (trx) => {
        await d.money.setClaimDetails(trx, c.id, {
          incident_place: v.incidentPlace.trim(),
          chronology: v.chronology.trim(),
          road_accident: c.kind === 'kecelakaan' && v.roadAccident,
          occurred_on: v.occurredOn || c.occurred_on,
        });
        await audit(trx, ctx, 'bpjs.claim_details', c.id, c.region_code, { roadAccident: v.roadAccident });
      });
    },
    async addHeir(
      ctx: Ctx,
      id: number,
      v: {
        name: string;
        relationship: string;
        nik: string;
        bankName?: string | undefined;
        accountNumber?: string | undefined;
      },
    ) {
      const c = await openClaim(ctx, id);
      if (c.kind !== 'kematian') throw conflict('money.heirs_death_only');
      const name = v.name.trim();
      if (!name) throw fieldError('name', 'money.name_required');
      if (!(HEIR_RELATIONSHIPS as readonly string[]).includes(v.relationship))
        throw fieldError('relationship', 'money.bad_relationship');
      const nik = v.nik.replace(/\s/g, '');
      if (!parseNik(nik).ok) throw fieldError('nik', 'money.bad_nik');
      const account = (v.accountNumber ?? '').replace(/[\s.-]/g, '');
      if (account && !/^[0-9]{5,20}$/.test(account)) throw fieldError('accountNumber', 'money.bad_account');
      return db.transaction().execute(async (trx) => {
        const r = await d.money.insertHeir(trx, {
          claim_id: c.id,
          name,
          relationship: v.relationship,
          nik_enc: d.pii.encrypt(nik),
          nik_hash: d.pii.blindIndex(nik),
          nik_masked: maskNumber(nik),
          bank_name: (v.bankName ?? '').trim(),
          account_enc: account ? d.pii.encrypt(account) : null,
          account_masked: account ? maskTail(account) : null,
          added_at: clock.now(),
          added_by: ctx.scope.userId,
        });
        if (r)
          await audit(trx, ctx, 'bpjs.heir_added', c.id, c.region_code, { heirId: r.id, relationship: v.relationship });
        return { added: !!r };
      });
    },
    /** Stores a document for a checklist item (judged by content). */
    async uploadDocument(ctx: Ctx, id: number, item: string, content: Buffer) {
      const c = await openClaim(ctx, id);
      if (!itemsFor(c.kind).includes(item)) throw fieldError('item', 'money.bad_item');
      const check = checkUpload(content);
      if (!check.ok) throw fieldError('file', `money.file_${check.reason}`, { limit: '2 MB' });
      return db.transaction().execute(async (trx) => {
        const fileId = await d.files.put(trx, { mime: check.mime, content });
        const r = await d.money.insertDocument(trx, {
          claim_id: c.id,
          item,
          file_id: fileId,
          uploaded_at: clock.now(),
          uploaded_by: ctx.scope.userId,
        });
        await audit(trx, ctx, 'bpjs.document_uploaded', c.id, c.region_code, { item, fileId, mime: check.mime });
        return r;
      });
    },
    /** A stored document of a claim in scope; each view audited. */
    async document(ctx: Ctx, id: number, docId: number) {
      const c = await d.programme.findClaim(db, ctx.scope, id);
      if (!c) throw notFound();
      const doc = (await d.money.documents(db, id)).find((x) => x.id === docId);
      if (!doc) throw notFound();
      const f = await d.files.get(db, doc.file_id);
      if (!f) throw notFound();
      await audit(db, ctx, 'bpjs.document_viewed', c.id, c.region_code, { item: doc.item, docId });
      return { file: f, item: doc.item };
    },
    async addScholarship(ctx: Ctx, id: number, v: { childName: string; level: string; schoolYear: string }) {
      const c = await openClaim(ctx, id, ['dilaporkan', 'diproses', 'dibayar']);
      const name = v.childName.trim();
      if (!name) throw fieldError('childName', 'money.name_required');
      await db.transaction().execute(async (trx) => {
        await d.money.lockClaim(trx, c.id);
        const problem = scholarshipProblem(d.scholarship, await d.money.scholarships(trx, c.id), {
          name,
          level: v.level,
          schoolYear: v.schoolYear,
        });
        if (problem === 'bad_level') throw fieldError('level', 'money.bad_level');
        if (problem === 'bad_year') throw fieldError('schoolYear', 'money.bad_school_year');
        if (problem === 'too_many')
          throw fieldError('childName', 'money.too_many_children', { max: d.scholarship.maxChildren });
        const r = await d.money.insertScholarship(trx, {
          claim_id: c.id,
          child_name: name,
          level: v.level,
          school_year: v.schoolYear,
          added_at: clock.now(),
          added_by: ctx.scope.userId,
        });
        if (r)
          await audit(trx, ctx, 'bpjs.scholarship_added', c.id, c.region_code, {
            level: v.level,
            schoolYear: v.schoolYear,
          });
      });
    },
  };
}
export type ClaimsService = ReturnType<typeof createClaimsService>;
