// Use cases of E-Surat: the TU desks, registering incoming naskah (agenda number from the unit's counter, the
// likely-duplicate warning, the snapshot of classification, JRA and security class, the scanned PDF), lists,
// search, detail with read receipts, the PDF, the agenda book. Each write commits with its audit record.
// Who sees what: policy.ts (pure) and repo.ts visibleTo (its SQL), fed by `viewer` below — the one place.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, conflict, fieldError, forbidden, invalid, notFound, type FieldError } from '../../lib/errors.js';
import type { AuditRepo } from '../../kernel/audit.js';
import { auditFrom, type Ctx } from '../../kernel/context.js';
import { checkUpload } from '../../kernel/files/rules.js';
import type { FileStorage } from '../../kernel/files/storage.js';
import type { ClassificationReader } from '../catalogue/service.js';
import { cityOfScope, type EmployeesService } from '../employees/service.js';
import { addDays, localDateOf, localInstant } from '../work-schedule/index.js';
import { canAdministerNaskah, canRegisterFor, canSeeNaskah, type Viewer } from './policy.js';
import type { NaskahReference } from './reference.js';
import { createCorrespondenceRepo, type CorrespondenceRepo, type NaskahListRow } from './repo.js';
import { createDispositionsRepo } from './dispositions-repo.js';
import { createDispositionsService } from './dispositions-service.js';
import { createDeadlinesService, type DeadlinesDeps } from './deadlines-service.js';
import { createPantauService } from './pantau-service.js';
import { createSearchService } from './search-service.js';
import type { TextLimits } from './search-text.js';
import { createBerkasService } from './berkas-service.js';
import { createExportService } from './export-service.js';
import { createJraService } from './jra-service.js';
import { createKeluarRepo } from './keluar-repo.js';
import { createKeluarMail } from './keluar-mail.js';
import { createKeluarDrafting } from './keluar-service.js';
import { createKeluarSigning, type KeluarSignDeps } from './keluar-sign.js';
import {
  codeAndAncestors,
  formatAgendaNumber,
  incomingProblems,
  isLikelyDuplicate,
  KEY,
  retentionFor,
  type IncomingFields,
  type RetentionRow,
  type SecurityClass,
  type Urgency,
} from './rules.js';

export interface CorrespondenceDeps {
  db: Db;
  clock: Clock;
  audit: AuditRepo;
  files: FileStorage;
  employees: EmployeesService;
  classifications: ClassificationReader;
  reference: NaskahReference;
  /** NASKAH_AGENDA_TEMPLATE, e.g. `{urut}/{kode_unit}/{tahun}`. */
  agendaTemplate: string;
  /** NASKAH_PDF_MAX_BYTES: the largest scanned PDF. */
  pdfMaxBytes: number;
  /** NASKAH_TEXT_MAX_PAGES / _MAX_CHARS / _TIMEOUT_MS: reading the PDF's text layer for search. */
  textLimits: TextLimits;
  offsetMinutes: number;
  repo?: CorrespondenceRepo;
  /** The deadline sweep's counting and notices (deadlines-service.ts): the SLA engine and the notifications. */
  deadlines: Pick<DeadlinesDeps, 'countedMillis' | 'notify' | 'escalateToHead'>;
  /** Naskah keluar (keluar-sign.ts): the letters module's signing and the number's configuration. */
  keluar: Pick<KeluarSignDeps, 'letters'> & {
    config: Omit<KeluarSignDeps['config'], 'agendaTemplate' | 'timeZone' | 'offsetMinutes'> & { timeZone: string };
  };
}

export interface IncomingInput extends IncomingFields {
  idempotencyKey: string;
  unitId: number;
  pdf: Buffer | undefined;
  /** The TU saw the likely-duplicate warning and registers anyway. */
  confirmDuplicate: boolean;
}

class Replayed extends Error {}

export function createCorrespondenceService(d: CorrespondenceDeps) {
  const { db, clock, reference } = d;
  const repo = d.repo ?? createCorrespondenceRepo();
  const dispositionsRepo = createDispositionsRepo();
  const search = createSearchService({ db, limits: d.textLimits, restricted: reference.restricted });
  const keluarRepo = createKeluarRepo();
  const kinds = new Set(reference.kinds.map((k) => k.code));
  const defaults = new Map<string, RetentionRow>(reference.retention.map((r) => [r.code, r]));
  const today = () => localDateOf(clock.now(), d.offsetMinutes);

  /** Who is asking: their unit, the units they head (from the staff register) and the TU desks they keep. */
  async function viewer(ctx: Ctx): Promise<Viewer> {
    const city = cityOfScope(ctx);
    const base = { role: ctx.scope.role, city, unitPath: null, headOf: [], tuOf: [], employeeId: null };
    if (ctx.scope.role !== 'pegawai') return base;
    const me = await d.employees.me(ctx);
    if (!me) return base;
    const units = await d.employees.units(ctx);
    const desks = await repo.deskUnitsOf(db, me.id);
    // Plh./Plt. in force: the queues of the people they stand in for follow them (issue 15 item 1).
    const holders = [...(await d.employees.acting.queueHolders(ctx, me.id)).keys()];
    return {
      ...base,
      employeeId: me.id,
      unitPath: me.unit_path,
      headOf: units.filter((u) => u.head_employee_id === me.id).map((u) => u.path),
      tuOf: desks.map((u) => u.path),
      actsFor: holders,
      actsForHeadOf: await repo.unitsHeadedBy(db, holders),
    };
  }

  /** Units the person may register for: those they head and those whose TU desk they keep. */
  async function registerableUnits(ctx: Ctx) {
    const v = await viewer(ctx);
    if (!v.employeeId) return [];
    const units = await d.employees.units(ctx);
    const headed = units
      .filter((u) => v.headOf.includes(u.path))
      .map((u) => ({ id: u.id, path: u.path, name: u.name }));
    const desks = (await repo.deskUnitsOf(db, v.employeeId)).map((u) => ({ id: u.id, path: u.path, name: u.name }));
    const all = new Map([...headed, ...desks].map((u) => [u.id, u]));
    return [...all.values()].sort((a, b) => a.path.localeCompare(b.path));
  }

  function checkPdf(pdf: Buffer | undefined): FieldError | Buffer {
    const maxMb = `${Math.round((d.pdfMaxBytes / 1024 / 1024) * 10) / 10} MB`;
    if (!pdf?.length) return { field: 'pdf', key: 'surat.err.pdf_missing' };
    const r = checkUpload(pdf, d.pdfMaxBytes, ['application/pdf']);
    return r.ok ? pdf : { field: 'pdf', key: `surat.err.pdf_${r.reason}`, params: { max: maxMb } };
  }

  async function retentionOf(city: string, code: string) {
    const own = await repo.retentionRows(db, city, codeAndAncestors(code));
    const cityRows = new Map<string, RetentionRow>(
      own.map((r) => [
        r.classification_code,
        {
          code: r.classification_code,
          activeYears: r.active_years,
          inactiveYears: r.inactive_years,
          final: r.final_disposition,
          verified: true,
        },
      ]),
    );
    return retentionFor(code, cityRows, defaults);
  }

  async function visibleOrFail(ctx: Ctx, id: number) {
    const v = await viewer(ctx);
    const n = await repo.byId(db, v, reference.restricted, id);
    // The SQL filter and the pure rule must agree; either saying no is a 404 (nobody learns what exists).
    const recipients = n ? await dispositionsRepo.recipients(db, id) : [];
    const steps = n?.direction === 'keluar' ? await keluarRepo.participants(db, id) : { acting: [], copies: [] };
    const access = {
      unitPath: n?.unit_path ?? '',
      securityClass: n?.security_class ?? 'biasa',
      recipients,
      participants: steps.acting,
      copies: steps.copies,
    };
    if (!n || !canSeeNaskah(v, access, reference.restricted)) throw notFound();
    // A copy (tembusan) recipient reads it; export and filing ask for more (policy.ts canAdministerNaskah).
    return { ...n, viewer: v, copyOnly: !canAdministerNaskah(v, access, reference.restricted) };
  }

  /** Pemberkasan and penyusutan (issue 15 item 6): berkas-service.ts. */
  const berkas = createBerkasService({
    db,
    clock,
    audit: d.audit,
    files: d.files,
    reference,
    classifications: d.classifications,
    core: {
      viewer,
      visible: visibleOrFail,
      today,
      checkPdf,
      retentionOf,
      registerableUnits,
      unitById: (id) => repo.unitById(db, id),
    },
  });

  const core = {
    reference,
    today,
    viewer,
    /** The naskah when the person may see it (404 otherwise), with who is asking. */
    visible: visibleOrFail,
    registerableUnits,
    classificationCodes: () => d.classifications.active(db),
    pdfMaxBytes: d.pdfMaxBytes,

    /**
     * Registers an incoming naskah. The same key again answers with the first (a phone resending). A likely
     * duplicate (same sender, number and date in the unit) is refused with 409 until the TU confirms.
     */
    async registerIncoming(ctx: Ctx, input: IncomingInput): Promise<{ id: number; replay: boolean }> {
      if (!KEY.test(input.idempotencyKey)) throw fieldError('idempotencyKey', 'surat.err.key');
      const before = await repo.idByKey(db, ctx.scope.userId, input.idempotencyKey);
      if (before) return { id: before, replay: true };
      const v = await viewer(ctx);
      const unit = await repo.unitById(db, input.unitId);
      const errors = incomingProblems(input, today(), kinds);
      if (!unit || !canRegisterFor(v, unit.path)) errors.unshift({ field: 'unitId', key: 'surat.err.unit' });
      const pdf = checkPdf(input.pdf);
      if (!Buffer.isBuffer(pdf)) errors.push(pdf);
      const code = input.classificationCode.trim();
      const cls = errors.some((e) => e.field === 'classificationCode')
        ? undefined
        : await d.classifications.byCode(db, code);
      if (!errors.some((e) => e.field === 'classificationCode') && !cls?.active)
        errors.push({ field: 'classificationCode', key: 'surat.err.classification_unknown', params: { code } });
      if (errors.length || !unit || !cls || !Buffer.isBuffer(pdf)) throw invalid(errors);

      const facts = {
        senderInstansi: input.senderInstansi.trim(),
        senderNumber: input.senderNumber.trim(),
        senderDate: input.senderDate,
      };
      const twins = (await repo.sameDay(db, unit.id, input.senderDate)).filter((r) =>
        isLikelyDuplicate(facts, {
          senderInstansi: r.sender_instansi ?? '',
          senderNumber: r.sender_number ?? '',
          senderDate: r.sender_date,
        }),
      );
      if (twins.length && !input.confirmDuplicate)
        throw new AppError(409, 'surat.err.likely_duplicate', { agenda: twins[0]!.agenda_number ?? '' }, [
          {
            field: 'confirmDuplicate',
            key: 'surat.err.confirm_duplicate',
            params: { agenda: twins[0]!.agenda_number ?? '' },
          },
        ]);

      const city = cityOfScope(ctx);
      const retention = await retentionOf(city, cls.code);
      const at = clock.now();
      const year = Number(localDateOf(at, d.offsetMinutes).slice(0, 4));
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      // The text layer for search, bounded, before the transaction (search-service.ts); never fails the request.
      const textLayer = await search.readText(pdf);
      try {
        return await db.transaction().execute(async (trx) => {
          const fileId = await d.files.put(trx, { mime: 'application/pdf', content: pdf });
          const seq = await repo.nextAgendaSeq(trx, unit.id, year);
          const agendaNumber = formatAgendaNumber(d.agendaTemplate, { urut: seq, kode_unit: unit.code, tahun: year });
          const id = await repo.insertIncoming(trx, {
            regionCode: city,
            unitId: unit.id,
            kindCode: input.kindCode,
            agendaYear: year,
            agendaSeq: seq,
            agendaNumber,
            senderInstansi: facts.senderInstansi,
            senderName: input.senderName.trim() || null,
            senderNumber: facts.senderNumber,
            senderDate: input.senderDate,
            receivedDate: input.receivedDate,
            perihal: input.perihal.trim(),
            classificationCode: cls.code,
            classificationName: cls.name,
            retention,
            securityClass: input.securityClass as SecurityClass,
            urgency: input.urgency as Urgency,
            fileId,
            fileSha256: sha256,
            duplicateOfId: twins[0]?.id ?? null,
            key: input.idempotencyKey,
            createdBy: ctx.scope.userId,
            at,
          });
          // A resend that raced the first: roll back (the counter too, so no number is lost) and answer with it.
          if (id === undefined) throw new Replayed();
          await search.saveText(trx, id, fileId, textLayer, at);
          await d.audit.append(
            trx,
            auditFrom(ctx, {
              action: 'naskah.registered',
              entityType: 'naskah',
              entityId: id,
              regionCode: city,
              details: {
                unitId: unit.id,
                agendaNumber,
                securityClass: input.securityClass,
                sha256,
                textLayer: textLayer.status,
                ...(twins.length ? { duplicateOf: twins[0]!.id } : {}),
              },
            }),
          );
          return { id, replay: false };
        });
      } catch (err) {
        if (!(err instanceof Replayed)) throw err;
        return { id: (await repo.idByKey(db, ctx.scope.userId, input.idempotencyKey))!, replay: true };
      }
    },

    /**
     * The incoming naskah the person may see, newest first; `q` searches the metadata and the PDF's text (full
     * text, ranked, scoped: search-service.ts), each row saying where it matched.
     */
    async list(ctx: Ctx, o: { q?: string | undefined; page?: number | undefined }) {
      const v = await viewer(ctx);
      const limit = 50;
      const q = o.q?.trim() || undefined;
      const page = { userId: ctx.scope.userId, limit: limit + 1, offset: ((o.page ?? 1) - 1) * limit };
      const rows: (NaskahListRow & { in_meta?: boolean; in_text?: boolean })[] = q
        ? await search.search(v, { ...page, q })
        : await repo.list(db, v, reference.restricted, page);
      return { items: rows.slice(0, limit), hasMore: rows.length > limit };
    },

    /**
     * The naskah keluar the person may see (their units' outgoing letters, and those routed or copied to them),
     * newest first: the same access rule as every list.
     */
    async listKeluar(ctx: Ctx, o: { page?: number | undefined }) {
      const v = await viewer(ctx);
      const limit = 50;
      const page = { userId: ctx.scope.userId, limit: limit + 1, offset: ((o.page ?? 1) - 1) * limit };
      const rows = await repo.list(db, v, reference.restricted, { ...page, direction: 'keluar' });
      return { items: rows.slice(0, limit), hasMore: rows.length > limit };
    },

    unreadCount: async (ctx: Ctx) => repo.unreadCount(db, await viewer(ctx), reference.restricted, ctx.scope.userId),

    /**
     * One naskah; opening it records the person's read receipt (once), the read receipt of every disposition of
     * it addressed to them, and an audit record of a restricted one.
     */
    async open(ctx: Ctx, id: number) {
      const n = await visibleOrFail(ctx, id);
      const now = clock.now();
      const first = await repo.markRead(db, id, ctx.scope.userId, now);
      if (n.viewer.employeeId !== null) {
        const opened = await dispositionsRepo.openAllOf(db, id, n.viewer.employeeId, now);
        for (const dispositionId of opened)
          await d.audit.append(
            db,
            auditFrom(ctx, {
              action: 'naskah.disposition_read',
              entityType: 'naskah_disposition',
              entityId: dispositionId,
              regionCode: n.region_code,
              details: { naskahId: id },
            }),
          );
      }
      if (first && reference.restricted.has(n.security_class))
        await d.audit.append(
          db,
          auditFrom(ctx, { action: 'naskah.opened', entityType: 'naskah', entityId: id, regionCode: n.region_code }),
        );
      return { naskah: n, readers: await repo.readers(db, id) };
    },

    /** The scanned PDF, under the same rule as the detail (404 otherwise). */
    async file(ctx: Ctx, id: number) {
      const n = await visibleOrFail(ctx, id);
      // Pemberkasan: the file of a naskah whose berkas was destroyed (by a recorded decision) is not served.
      if (await berkas.destroyed(id)) throw new AppError(410, 'berkas.err.destroyed');
      const f = n.file_id ? await d.files.get(db, n.file_id) : undefined;
      if (!f) throw notFound();
      await d.audit.append(
        db,
        auditFrom(ctx, { action: 'naskah.file_viewed', entityType: 'naskah', entityId: id, regionCode: n.region_code }),
      );
      return { ...f, name: `naskah-${n.agenda_number ?? n.id}`.replace(/[^A-Za-z0-9._-]+/g, '-') };
    },

    /** Units whose agenda book the person may open: the city's for the admin, headed (and below) or TU units. */
    async agendaUnits(ctx: Ctx) {
      const v = await viewer(ctx);
      if (ctx.scope.role === 'admin_kota')
        return (await d.employees.units(ctx)).map((u) => ({ id: u.id, name: u.name, path: u.path }));
      if (!v.employeeId) return [];
      const headed = (await d.employees.units(ctx)).map((u) => ({ id: u.id, name: u.name, path: u.path }));
      const desks = (await repo.deskUnitsOf(db, v.employeeId)).map((u) => ({ id: u.id, name: u.name, path: u.path }));
      return [...new Map([...headed, ...desks].map((u) => [u.id, u])).values()].sort((a, b) =>
        a.path.localeCompare(b.path),
      );
    },

    /**
     * The agenda book of a unit for the days from–to (registration days in the city's zone). Every number is
     * listed, so the book shows no gap; a restricted naskah the reader may not see keeps its number and dates
     * with the rest masked.
     */
    async agenda(ctx: Ctx, unitId: number, from: string, to: string) {
      if (from > to) throw fieldError('to', 'surat.err.period');
      if (addDays(from, 366) < to) throw fieldError('to', 'surat.err.period_long');
      const units = await this.agendaUnits(ctx);
      const unit = units.find((u) => u.id === unitId);
      if (!unit) throw notFound();
      const v = await viewer(ctx);
      const rows = await repo.agenda(
        db,
        unitId,
        localInstant(from, '00:00', d.offsetMinutes),
        localInstant(addDays(to, 1), '00:00', d.offsetMinutes),
      );
      return {
        unit,
        rows: rows.map((r) => ({
          ...r,
          masked: !canSeeNaskah(v, { unitPath: r.unit_path, securityClass: r.security_class }, reference.restricted),
        })),
      };
    },

    // ── TU desks (the city admin) ──
    async desks(ctx: Ctx) {
      if (ctx.scope.role !== 'admin_kota') throw forbidden();
      return { desks: await repo.desksOfCity(db, cityOfScope(ctx)), units: await d.employees.units(ctx) };
    },
    async addDesk(ctx: Ctx, unitId: number, employeeNumber: string) {
      if (ctx.scope.role !== 'admin_kota') throw forbidden();
      const unit = await d.employees.read.findUnit(db, ctx.scope, unitId);
      const errors: FieldError[] = [];
      if (!unit) errors.push({ field: 'unitId', key: 'surat.err.unit' });
      const e = employeeNumber.trim() ? await d.employees.findByNumber(ctx, employeeNumber) : undefined;
      if (!e) errors.push({ field: 'employeeNumber', key: 'surat.err.employee_unknown' });
      if (errors.length || !unit || !e) throw invalid(errors);
      const added = await db.transaction().execute(async (trx) => {
        const ok = await repo.addDesk(trx, unit.id, e.id, ctx.scope.userId);
        if (ok)
          await d.audit.append(
            trx,
            auditFrom(ctx, {
              action: 'naskah.tu_desk_added',
              entityType: 'org_unit',
              entityId: unit.id,
              regionCode: cityOfScope(ctx),
              details: { employeeId: e.id },
            }),
          );
        return ok;
      });
      if (!added) throw conflict('surat.err.desk_exists');
      return { unitId: unit.id, employeeId: e.id };
    },
    async removeDesk(ctx: Ctx, unitId: number, employeeId: number) {
      if (ctx.scope.role !== 'admin_kota') throw forbidden();
      const unit = await d.employees.read.findUnit(db, ctx.scope, unitId);
      if (!unit) throw notFound();
      const removed = await db.transaction().execute(async (trx) => {
        const ok = await repo.removeDesk(trx, unitId, employeeId);
        if (ok)
          await d.audit.append(
            trx,
            auditFrom(ctx, {
              action: 'naskah.tu_desk_removed',
              entityType: 'org_unit',
              entityId: unitId,
              regionCode: cityOfScope(ctx),
              details: { employeeId },
            }),
          );
        return ok;
      });
      if (!removed) throw notFound();
    },
  };
  const drafting = createKeluarDrafting({
    db,
    clock,
    audit: d.audit,
    files: d.files,
    employees: d.employees,
    classifications: d.classifications,
    reference,
    repo,
    core: { viewer, visible: visibleOrFail, checkPdf, retentionOf },
  });
  const signing = createKeluarSigning({
    db,
    clock,
    audit: d.audit,
    files: d.files,
    letters: d.keluar.letters,
    repo,
    drafting,
    reference,
    config: { ...d.keluar.config, agendaTemplate: d.agendaTemplate, offsetMinutes: d.offsetMinutes },
  });
  return {
    ...core,
    /** Search and the text layer of PDFs (search-service.ts), for other parts of the module. */
    search,
    berkas,
    /** The city's JRA rows (jra-service.ts). */
    jra: createJraService({ db, audit: d.audit, reference, classifications: d.classifications, repo: berkas.repo }),
    /** Export packages for SRIKANDI and the archives (issue 15 item 7): export-service.ts. */
    exports: createExportService({
      db,
      clock,
      audit: d.audit,
      files: d.files,
      reference,
      offsetMinutes: d.offsetMinutes,
      berkas,
      core: { visible: visibleOrFail },
    }),
    /** Naskah keluar (issue 15 item 5): keluar-service.ts and keluar-sign.ts. */
    keluar: { ...drafting, ...signing },
    /** The e-mail outbox of naskah keluar to external addresses (keluar-mail.ts), run by src/jobs. */
    keluarMail: createKeluarMail({ db, clock, files: d.files, repo: keluarRepo, maxAttempts: 5 }),
    /** Disposisi (issue 15 item 4): dispositions-service.ts. */
    dispositions: createDispositionsService({
      db,
      clock,
      audit: d.audit,
      files: d.files,
      reference,
      pdfMaxBytes: d.pdfMaxBytes,
      offsetMinutes: d.offsetMinutes,
      repo: dispositionsRepo,
      core: { viewer, visible: visibleOrFail, today, checkPdf },
      acting: {
        holders: (ctx, meId) => d.employees.acting.queueHolders(ctx, meId),
        record: (trx, act, on) => d.employees.acting.recordAct(trx, act, on),
        actsOn: (ids) => d.employees.acting.actsOn('naskah_disposition', ids),
      },
    }),
    /** Due-date warnings and escalation of dispositions (the pg-boss sweep): deadlines-service.ts. */
    deadlines: createDeadlinesService({ db, clock, audit: d.audit, offsetMinutes: d.offsetMinutes, ...d.deadlines }),
    /** Counters per unit for heads (/surat/pantau): pantau-service.ts. */
    pantau: createPantauService({
      db,
      viewer,
      units: (ctx) => d.employees.units(ctx),
      today,
      restricted: reference.restricted,
    }),
  };
}
export type CorrespondenceService = ReturnType<typeof createCorrespondenceService>;
