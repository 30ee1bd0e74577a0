// The signed SKP and evaluation documents (issue 16, item 5). Signed on request by whoever may agree the SKP (its
// appraiser, or a head above): an agreed SKP once per version, a saved evaluation once per period — and a signed
// evaluation is final (eval-repo.ts refuses to rewrite it). Signing works like a naskah keluar's: in one
// transaction, the SKP or evaluation row locked, the signed record issued by the letters module (Ed25519 payload in
// signed_documents, so /v/<code> answers ASLI), the PDF rendered with its QR code and signed inside the file
// (PAdES, signLetterPdf), stored, and tied to the SKP in skp_documents with its SHA-256 and an audit record.
// Downloads serve the stored bytes (the same file each time), to whoever may see the SKP, each one audited.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { translator } from '../../i18n/index.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import type { FileStorage } from '../../kernel/files/storage.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, conflict, fieldError, forbidden, notFound } from '../../lib/errors.js';
import { employeeIdentity, pathAndAncestors } from '../employees/index.js';
import type { LettersService } from '../letters/service.js';
import { createSkpDocRepo, type SkpDocRepo } from './pdf-repo.js';
import { renderEvaluationPdf, renderSkpPdf, type PersonBlock } from './pdf.js';
import { BERAKHLAK, canAgreeSkp } from './policy.js';
import type { PlanRow } from './repo.js';
import type { SkpService } from './service.js';

export interface SkpDocDeps {
  db: Db;
  clock: Clock;
  audit: AuditRepo;
  files: FileStorage;
  skp: SkpService;
  letters: Pick<LettersService, 'issueSignedDocument' | 'signLetterPdf' | 'ensureCertificateRegistered' | 'regionName'>;
  config: { publicUrl: string; timeZone: string; certified: boolean };
  repo?: SkpDocRepo;
}

/** An official document is in Bahasa Indonesia, whatever the reader's language. */
const ID = translator('id');
const PERIOD = /^(\d{4})(-(0[1-9]|1[0-2]))?$/;
const access = (p: PlanRow) => ({ employeeId: p.employee_id, appraiserId: p.appraiser_id, unitPath: p.unit_path });

export function periodText(period: string): string {
  if (/^\d{4}$/.test(period)) return `1 Januari ${period} s.d. 31 Desember ${period}`;
  return new Intl.DateTimeFormat('id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${period}-01T00:00:00Z`),
  );
}

export function createSkpDocService(d: SkpDocDeps) {
  const { db, clock } = d;
  const repo = d.repo ?? createSkpDocRepo();

  /** The SKP, if the caller may sign its documents (appraiser or head above); 404 outside scope, 403 otherwise. */
  async function signable(ctx: Ctx, skpId: number) {
    const { p, v } = await d.skp.visiblePlan(ctx, skpId);
    if (!canAgreeSkp(v, access(p))) throw forbidden();
    if (p.status !== 'disetujui' && p.status !== 'diganti') throw conflict('skpdoc.err.not_agreed');
    return { p, signerId: v.employeeId! };
  }

  async function personBlock(employeeId: number): Promise<PersonBlock> {
    const e = await repo.person(db, employeeId);
    if (!e) throw notFound();
    const id = employeeIdentity(e);
    return {
      name: e.full_name,
      idLabel: ID(id.labelKey),
      number: id.number,
      grade: e.grade ?? '',
      position: e.position,
      unit: e.unit_name,
    };
  }

  /** What both documents share: the kop (city, OPD), the people, the place; the certificate registered. */
  async function common(p: PlanRow, signerId: number) {
    const city = p.unit_path.split('/')[0]!;
    const opdPath = p.unit_path.split('/').slice(0, 2).join('/');
    const [cityName, units, employee, appraiser] = await Promise.all([
      d.letters.regionName(city),
      repo.unitsAt(db, [opdPath]),
      personBlock(p.employee_id),
      personBlock(signerId),
    ]);
    if (!appraiser.number) throw new AppError(422, 'skpdoc.err.no_number');
    // The letters module registers its certificate on its own connection: before the transaction (PGlite serves
    // one connection; inside it that registration would wait for itself).
    await d.letters.ensureCertificateRegistered(cityName);
    return { cityName, opdName: units[0]?.name ?? p.unit_name, employee, appraiser };
  }

  /** Issues the signed record, renders and signs the PDF, stores it and ties it to the SKP (caller's transaction). */
  async function issue(
    ctx: Ctx,
    trx: Db,
    a: {
      p: PlanRow;
      kind: 'skp' | 'evaluasi';
      evaluationId: number | null;
      signerId: number;
      base: Awaited<ReturnType<typeof common>>;
      number: string;
      typeName: string;
      text: string;
      details: Record<string, unknown>;
      render: (verifyUrl: string, at: Date) => Promise<Buffer>;
    },
  ) {
    const at = clock.now();
    const b = a.base;
    const doc = await d.letters.issueSignedDocument(trx, {
      source: a.kind === 'skp' ? 'skp' : 'skp_evaluasi',
      sourceId: a.evaluationId ?? a.p.id,
      number: a.number,
      issuedAt: at,
      typeName: a.typeName,
      unit: { code: String(a.p.unit_id), name: a.p.unit_name, cityName: b.cityName },
      signer: { name: b.appraiser.name, position: b.appraiser.position, nip: b.appraiser.number },
      text: a.text,
      details: {
        employee: { name: b.employee.name, nip: b.employee.number, position: b.employee.position },
        ...a.details,
      },
    });
    const verifyUrl = `${d.config.publicUrl}/v/${doc.verify_code}`;
    const pdf = await d.letters.signLetterPdf(await a.render(verifyUrl, at), {
      cityName: b.cityName,
      unitName: b.opdName,
      verifyUrl,
      signingTime: at,
    });
    const fileId = await d.files.put(trx, { mime: 'application/pdf', content: pdf });
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const row = await repo.insert(trx, {
      kind: a.kind,
      skp_id: a.p.id,
      evaluation_id: a.evaluationId,
      verify_code: doc.verify_code,
      file_id: fileId,
      sha256,
      signed_by: a.signerId,
      signed_at: at,
    });
    await d.audit.append(
      trx,
      auditFrom(ctx, {
        action: 'skp.document_signed',
        entityType: 'skp_document',
        entityId: row.id,
        regionCode: ctx.scope.regionCode,
        details: { skpId: a.p.id, kind: a.kind, evaluationId: a.evaluationId, verifyCode: doc.verify_code, sha256 },
      }),
    );
    return { id: row.id, verifyCode: doc.verify_code };
  }

  return {
    /** The signed documents of an SKP, and whether the caller may sign; under the SKP's access rule. */
    async documents(ctx: Ctx, skpId: number) {
      const { p, v } = await d.skp.visiblePlan(ctx, skpId);
      return { docs: await repo.documents(db, p.id), maySign: canAgreeSkp(v, access(p)) };
    },

    /** Signs an agreed SKP version; a second request answers with the document already signed. */
    async signPlan(ctx: Ctx, skpId: number) {
      const { p, signerId } = await signable(ctx, skpId);
      const existing = await repo.planDocument(db, p.id);
      if (existing) return { id: existing.id, verifyCode: existing.verify_code, replay: true };
      const base = await common(p, signerId);
      const { results, behaviours } = await d.skp.contentOf(p.id);
      const parents = new Map(
        (
          await repo.resultTexts(
            db,
            results.flatMap((r) => (r.parent_result_id ? [r.parent_result_id] : [])),
          )
        ).map((r) => [r.id, r.text]),
      );
      const expectation = new Map(behaviours.map((b) => [b.code, b.expectation]));
      const indicators = await repo.indicators(
        db,
        results.map((r) => r.id),
      );
      return db.transaction().execute(async (trx) => {
        await repo.lockPlan(trx, p.id);
        const again = await repo.planDocument(trx, p.id);
        if (again) return { id: again.id, verifyCode: again.verify_code, replay: true };
        const signed = await issue(ctx, trx, {
          p,
          kind: 'skp',
          evaluationId: null,
          signerId,
          base,
          number: `SKP/${p.year}/${p.id}/V${p.version}`,
          typeName: `Sasaran Kinerja Pegawai tahun ${p.year}`,
          text: `SKP tahun ${p.year} versi ${p.version}: ${results.length} rencana hasil kerja, ${BERAKHLAK.length} perilaku kerja.`,
          details: { year: p.year, version: p.version, results: results.map((r) => r.text) },
          render: (verifyUrl, at) =>
            renderSkpPdf({
              ...base,
              periodText: periodText(String(p.year)),
              signedAt: at,
              timeZone: d.config.timeZone,
              verifyUrl,
              certified: d.config.certified,
              version: p.version,
              results: results.map((r) => ({
                kind: ID(`skp.kind.${r.kind}`),
                text: r.text,
                supports: r.parent_result_id ? (parents.get(r.parent_result_id) ?? null) : null,
                indicators: indicators
                  .filter((i) => i.result_id === r.id)
                  .map((i) => ({
                    text: i.text,
                    aspect: ID(`skp.aspect.${i.aspect}`),
                    target: `${Number(i.target).toLocaleString('id-ID')} ${i.unit_label}`.trim(),
                  })),
              })),
              behaviours: BERAKHLAK.map((c) => ({
                name: ID(`skp.behaviour.${c}`),
                expectation: expectation.get(c) ?? '',
              })),
            }),
        });
        return { ...signed, replay: false };
      });
    },

    /** Signs the saved evaluation of a period; from then on it cannot be changed. */
    async signEvaluation(ctx: Ctx, skpId: number, period: string) {
      const { p, signerId } = await signable(ctx, skpId);
      if (!PERIOD.test(period) || !period.startsWith(String(p.year))) throw fieldError('period', 'skp.eval.err.period');
      const base = await common(p, signerId);
      const { results } = await d.skp.contentOf(p.id);
      const paths = pathAndAncestors(p.unit_path);
      const orgs = await repo.orgRatingsAt(db, paths, p.year);
      // The nearest unit with a rating: the unit's own, else the one above it.
      const org = paths.map((path) => orgs.find((o) => o.path === path)).find(Boolean) ?? null;
      return db.transaction().execute(async (trx) => {
        const e = await repo.lockEvaluation(trx, p.id, period);
        if (!e) throw new AppError(409, 'skpdoc.err.no_evaluation');
        const again = await repo.evaluationDocument(trx, e.id);
        if (again) return { id: again.id, verifyCode: again.verify_code, replay: true };
        const items = await repo.items(trx, e.id);
        const rating = (r: string | undefined) => (r ? ID(`skp.rating.${r as 'sesuai'}`) : '-');
        const predikat = ID(`skp.predikat.${e.predikat}`);
        const signed = await issue(ctx, trx, {
          p,
          kind: 'evaluasi',
          evaluationId: e.id,
          signerId,
          base,
          number: `EVKP/${period}/${p.id}/${e.id}`,
          typeName: `Evaluasi Kinerja Pegawai periode ${period}`,
          text: `Evaluasi kinerja periode ${periodText(period)}: predikat ${predikat}.`,
          details: {
            period,
            predikat: e.predikat,
            resultRating: e.result_rating,
            behaviourRating: e.behaviour_rating,
            orgRating: org?.rating ?? null,
            items: items.map((i) => ({ result: i.result_id, behaviour: i.behaviour, rating: i.rating })),
          },
          render: (verifyUrl, at) =>
            renderEvaluationPdf({
              ...base,
              periodText: periodText(period),
              signedAt: at,
              timeZone: d.config.timeZone,
              verifyUrl,
              certified: d.config.certified,
              results: results.map((r) => ({
                kind: ID(`skp.kind.${r.kind}`),
                text: r.text,
                rating: rating(items.find((i) => i.result_id === r.id)?.rating),
              })),
              behaviours: BERAKHLAK.map((c) => ({
                name: ID(`skp.behaviour.${c}`),
                rating: rating(items.find((i) => i.behaviour === c)?.rating),
              })),
              resultRating: rating(e.result_rating),
              behaviourRating: rating(e.behaviour_rating),
              predikat,
              orgRating: org ? ID(`skp.org.${org.rating}`) : null,
              note: e.note,
            }),
        });
        return { ...signed, replay: false };
      });
    },

    /** The stored signed PDF, for whoever may see the SKP (else 404); each download audited. */
    async file(ctx: Ctx, docId: number) {
      const doc = await repo.documentById(db, docId);
      if (!doc) throw notFound();
      const { p } = await d.skp.visiblePlan(ctx, doc.skp_id);
      const f = await d.files.get(db, doc.file_id);
      if (!f) throw notFound();
      await d.audit.append(
        db,
        auditFrom(ctx, {
          action: 'skp.document_downloaded',
          entityType: 'skp_document',
          entityId: doc.id,
          regionCode: ctx.scope.regionCode,
          details: { skpId: p.id, kind: doc.kind, sha256: doc.sha256 },
        }),
      );
      const what = doc.kind === 'skp' ? `skp-${p.year}-v${p.version}` : `evaluasi-kinerja-${doc.period}`;
      const name = `${what}-${(p.employee_nip ?? String(p.employee_id)).replace(/[^0-9A-Za-z]/g, '')}`;
      return { content: f.content, sha256: doc.sha256, name };
    },
  };
}
export type SkpDocService = ReturnType<typeof createSkpDocService>;
