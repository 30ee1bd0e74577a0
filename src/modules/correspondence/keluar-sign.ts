// Signing and dispatching a naskah keluar (issue 15 item 5). Signing, in one transaction: the signer's step is
// taken by a conditional UPDATE (one signature, however many clicks), the number drawn from the series' counter
// row (locked until commit: unique and gapless), the signed record issued by the letters module (Ed25519 payload,
// /v/<code> says ASLI), the PDF rendered and signed inside the file (PAdES), stored, and the naskah marked.
// Dispatch, in one transaction guarded by signed → sent: each internal unit gets a naskah masuk in its agenda (its
// own counter, the signed PDF, linked as the reply when it answers one of theirs); each external address an e-mail
// row in the outbox (naskah_dispatches, status 'antre').
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import type { FileStorage } from '../../kernel/files/storage.js';
import { postTitle } from '../employees/index.js';
import { formatLetterNumber, type LettersService } from '../letters/service.js';
import { localDateOf } from '../work-schedule/index.js';
import { canRegisterFor } from './policy.js';
import type { CorrespondenceRepo } from './repo.js';
import { formatAgendaNumber } from './rules.js';
import { renderKeluarPdf } from './keluar-pdf.js';
import { seriesKey, signatureHeadingLines, type NumberSeries } from './keluar-rules.js';
import { pathsAlong, type KeluarDrafting } from './keluar-service.js';
import type { Addressee } from './keluar-tables.js';

export interface KeluarSignDeps {
  db: Db;
  clock: Clock;
  audit: AuditRepo;
  files: FileStorage;
  letters: Pick<LettersService, 'issueSignedDocument' | 'signLetterPdf' | 'ensureCertificateRegistered' | 'regionName'>;
  repo: CorrespondenceRepo;
  drafting: KeluarDrafting;
  reference: { security: { code: string; name: string }[] };
  config: {
    /** NASKAH_NUMBER_TEMPLATE: `{klasifikasi}/{urut}/{kode_unit}/{tahun}` (DOMAIN.md; a city sets its own). */
    numberTemplate: string;
    /** NASKAH_NUMBER_SERIES: 'unit' (one series per signing unit) or 'kota'. */
    series: NumberSeries;
    agendaTemplate: string;
    publicUrl: string;
    timeZone: string;
    offsetMinutes: number;
    certified: boolean;
  };
}

export function createKeluarSigning(d: KeluarSignDeps) {
  const { db, clock } = d;
  const repo = d.drafting.repo;

  return {
    async sign(ctx: Ctx, id: number) {
      const x = await d.drafting.detail(ctx, id);
      const step = x.round.find((s) => s.role === 'tandatangan');
      if (!step) throw notFound();
      const who = await d.drafting.actorFor(ctx, x.naskah.viewer, step.employee_id);
      if (!who) throw forbidden();
      if (x.naskah.status !== 'diverifikasi' || !x.current || x.current.id !== step.id)
        throw conflict(x.naskah.letter_number ? 'keluar.err.already_signed' : 'keluar.err.not_current');
      const city = x.naskah.region_code;
      const signer = await repo.employeeInCity(db, step.employee_id, city);
      if (!signer?.nip) throw new AppError(422, 'keluar.err.signer_no_nip');
      const units = await repo.unitsAlong(db, pathsAlong(x.naskah.unit_path));
      const own = units.find((u) => u.id === x.naskah.unit_id)!;
      const headed = [...units].reverse().find((u) => u.head_employee_id === signer.id);
      const acting = 'self' in who ? null : who;
      // A signer who is not the post's holder is there as its Plt./Plh. (entitledSigners let them in).
      const post = headed ?? own;
      const mode = acting?.kind ?? (headed ? null : 'plt');
      const version = x.versions[x.versions.length - 1]!;
      const tembusan = x.round.filter((s) => s.role === 'tembusan').map((s) => s.person_position || s.person_name);
      const cityName = await d.letters.regionName(city);
      const at = clock.now();
      const year = Number(localDateOf(at, d.config.offsetMinutes).slice(0, 4));
      const series = seriesKey(d.config.series, own.id, city);
      const heading = signatureHeadingLines(postTitle({ name: post.name, kind: post.kind }), mode, signer.position);
      const addressees = (version.addressees as Addressee[]).map((a) =>
        a.type === 'internal' ? postTitle({ name: a.name, kind: '' }) : [a.name, a.address].filter(Boolean).join(', '),
      );
      const sifat =
        d.reference.security.find((s) => s.code === x.naskah.security_class)?.name ?? x.naskah.security_class;

      // The letters module registers its certificate on its own connection before a first signature: do that
      // before the transaction (PGlite serves one connection; inside it that registration would wait forever).
      await d.letters.ensureCertificateRegistered(cityName);
      return db.transaction().execute(async (trx) => {
        const ok = await repo.actStep(trx, {
          stepId: step.id,
          status: 'ditandatangani',
          actorId: x.naskah.viewer.employeeId!,
          actingKind: acting?.kind ?? null,
          comment: null,
          at,
        });
        if (!ok) throw conflict('keluar.err.already_signed');
        const seq = await repo.nextNumber(trx, series, year);
        const number = formatLetterNumber(d.config.numberTemplate, {
          klasifikasi: x.naskah.classification_code,
          urut: seq,
          kode_unit: own.code,
          tahun: year,
        });
        const doc = await d.letters.issueSignedDocument(trx, {
          source: 'naskah_keluar',
          sourceId: id,
          number,
          issuedAt: at,
          typeName: version.perihal,
          unit: { code: own.code, name: own.name, cityName },
          signer: { name: signer.full_name, position: heading.join(' '), nip: signer.nip ?? '' },
          text: version.body,
          details: { kind: x.naskah.kind_code, perihal: version.perihal, version: version.version, addressees },
        });
        const verifyUrl = `${d.config.publicUrl}/v/${doc.verify_code}`;
        const pdf = await d.letters.signLetterPdf(
          await renderKeluarPdf({
            cityName,
            unitName: own.name,
            parentNames: units.filter((u) => u.id !== own.id && own.path.startsWith(u.path + '/')).map((u) => u.name),
            number,
            signedAt: at,
            timeZone: d.config.timeZone,
            sifat,
            lampiran: version.lampiran,
            perihal: version.perihal,
            addressees,
            body: version.body,
            signer: { heading, name: signer.full_name, nip: signer.nip ?? '', pangkat: signer.grade ?? '' },
            tembusan,
            verifyUrl,
            certified: d.config.certified,
          }),
          { cityName, unitName: own.name, verifyUrl, signingTime: at },
        );
        const fileId = await d.files.put(trx, { mime: 'application/pdf', content: pdf });
        const sha256 = createHash('sha256').update(pdf).digest('hex');
        const marked = await repo.markSigned(trx, {
          naskahId: id,
          series,
          year,
          seq,
          number,
          at,
          signerId: signer.id,
          fileId,
          sha256,
          verifyCode: doc.verify_code,
        });
        if (!marked) throw conflict('keluar.err.already_signed');
        if (acting)
          await d.drafting.recordAct(trx, acting, {
            entityType: 'naskah_routing_step',
            entityId: step.id,
            step: 'tandatangan',
          });
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'naskah.keluar_signed',
            entityType: 'naskah',
            entityId: id,
            regionCode: city,
            details: {
              number,
              series,
              seq,
              verifyCode: doc.verify_code,
              sha256,
              ...(acting ? { for: signer.id, kind: acting.kind } : {}),
            },
          }),
        );
        return { number, verifyCode: doc.verify_code };
      });
    },

    /** Sends a signed naskah to its addressees, once: a retry or a second click answers with what was sent. */
    async dispatch(ctx: Ctx, id: number) {
      const x = await d.drafting.detail(ctx, id);
      const v = x.naskah.viewer;
      const signerStep = x.round.find((s) => s.role === 'tandatangan');
      const may =
        x.naskah.created_by === ctx.scope.userId ||
        canRegisterFor(v, x.naskah.unit_path) ||
        (v.employeeId !== null && signerStep?.employee_id === v.employeeId);
      if (!may) throw forbidden();
      if (x.naskah.status === 'dikirim') return { replay: true, dispatches: x.dispatches };
      if (x.naskah.status !== 'ditandatangani' || !x.naskah.file_id || !x.naskah.letter_number)
        throw conflict('keluar.err.not_signed');
      const version = x.versions[x.versions.length - 1]!;
      const at = clock.now();
      const today = localDateOf(at, d.config.offsetMinutes);
      const signedDay = x.naskah.signed_at ? localDateOf(new Date(x.naskah.signed_at), d.config.offsetMinutes) : today;
      const year = Number(today.slice(0, 4));
      const signer = signerStep
        ? await repo.employeeInCity(db, signerStep.employee_id, x.naskah.region_code)
        : undefined;
      // Linked as the reply: when this answers an incoming naskah that came from unit U's naskah keluar, the copy
      // arriving in U points at U's original.
      const source = x.naskah.reply_to_id ? await repo.sourceOfIncoming(db, x.naskah.reply_to_id) : null;
      const sent = await db.transaction().execute(async (trx) => {
        if (!(await repo.markSent(trx, id, at))) return null;
        for (const a of version.addressees as Addressee[]) {
          if (a.type === 'internal') {
            const unit = await d.repo.unitById(trx, a.unitId);
            if (!unit) continue;
            const seq = await d.repo.nextAgendaSeq(trx, unit.id, year);
            const incomingId = await d.repo.insertIncoming(trx, {
              regionCode: x.naskah.region_code,
              unitId: unit.id,
              kindCode: x.naskah.kind_code,
              agendaYear: year,
              agendaSeq: seq,
              agendaNumber: formatAgendaNumber(d.config.agendaTemplate, {
                urut: seq,
                kode_unit: unit.code,
                tahun: year,
              }),
              senderInstansi: x.naskah.unit_name,
              senderName: signer?.full_name ?? '',
              senderNumber: x.naskah.letter_number!,
              senderDate: signedDay,
              receivedDate: today,
              perihal: version.perihal,
              classificationCode: x.naskah.classification_code,
              classificationName: x.naskah.classification_name,
              retention:
                x.naskah.retention_active_years === null
                  ? null
                  : {
                      activeYears: x.naskah.retention_active_years,
                      inactiveYears: x.naskah.retention_inactive_years!,
                      final: x.naskah.retention_final!,
                      source: x.naskah.retention_source!,
                      verified: !!x.naskah.retention_verified,
                    },
              securityClass: x.naskah.security_class,
              urgency: x.naskah.urgency,
              fileId: x.naskah.file_id!,
              fileSha256: x.naskah.file_sha256!,
              duplicateOfId: null,
              replyToId: source && source.target_unit_id === x.naskah.unit_id ? source.naskah_id : null,
              key: `kirim-${id}-${unit.id}`,
              createdBy: ctx.scope.userId,
              at,
            });
            // The dispatch is guarded by signed → sent above, so its key cannot have been used.
            if (incomingId === undefined)
              throw new Error(`naskah ${id}: arrival in unit ${unit.id} already registered`);
            await repo.insertDispatch(trx, {
              naskahId: id,
              kind: 'internal',
              targetUnitId: unit.id,
              incomingId,
              name: unit.name,
              address: null,
              email: null,
              status: 'terkirim',
              by: ctx.scope.userId,
              at,
            });
          } else {
            await repo.insertDispatch(trx, {
              naskahId: id,
              kind: 'external',
              targetUnitId: null,
              incomingId: null,
              name: a.name,
              address: a.address,
              email: a.email,
              status: 'antre',
              by: ctx.scope.userId,
              at,
            });
          }
        }
        await d.audit.append(
          trx,
          auditFrom(ctx, {
            action: 'naskah.keluar_dispatched',
            entityType: 'naskah',
            entityId: id,
            regionCode: x.naskah.region_code,
            details: { addressees: version.addressees.length },
          }),
        );
        return true;
      });
      return { replay: !sent, dispatches: await repo.dispatches(db, id) };
    },

    /** The signed PDF, under the naskah's access rule. */
    async file(ctx: Ctx, id: number) {
      const x = await d.drafting.detail(ctx, id);
      const f = x.naskah.file_id ? await d.files.get(db, x.naskah.file_id) : undefined;
      if (!f) throw notFound();
      return { ...f, name: `naskah-${x.naskah.letter_number ?? id}`.replace(/[^A-Za-z0-9._-]+/g, '-') };
    },
  };
}
export type KeluarSigning = ReturnType<typeof createKeluarSigning>;
