// The one wiring point: createRepos() → createServices(database, repos, clock, config).
// No module reaches for a global database client; tests wire their own.
import { sql } from 'kysely';
import { TIME_ZONE_OFFSETS, type Config } from './config.js';
import type { Database } from './db/database.js';
import { createIdempotencyStore } from './http/idempotency.js';
import { createMetrics } from './kernel/metrics.js';
import { pendingMigrations } from './db/migration-status.js';
import { readQueueFigures } from './jobs/queue-stats.js';
import type { Clock } from './lib/clock.js';
import { createPiiCipher } from './lib/pii.js';
import { createAccountsRepo } from './modules/accounts/repo.js';
import { accountsPort, createAccountsService } from './modules/accounts/service.js';
import { createAuditRepo } from './kernel/audit.js';
import { createAuditService } from './modules/audit/service.js';
import { createCatalogueRepo } from './modules/catalogue/repo.js';
import { catalogueReader, classificationReader, createCatalogueService } from './modules/catalogue/service.js';
import { createDashboardRepo } from './modules/dashboard/repo.js';
import { createDashboardService } from './modules/dashboard/service.js';
import { createPostgresFileStorage } from './kernel/files/storage.js';
import { loadSigningKey, type SigningKey } from './kernel/signing.js';
import { pdfCertificateProvider, type PdfCertificateProvider } from './kernel/pdf-certificate.js';
import { createLettersRepo } from './modules/letters/repo.js';
import { createLettersService, lettersKeys } from './modules/letters/service.js';
import { createNotificationsRepo } from './modules/notifications/repo.js';
import { createNotifyService } from './modules/notifications/service.js';
import { createOpen311Repo } from './modules/open311/repo.js';
import { createOpen311Service } from './modules/open311/service.js';
import { createRegionsRepo } from './modules/regions/repo.js';
import { createRegionsService, regionsReader } from './modules/regions/service.js';
import { createResidentsRepo } from './modules/residents/repo.js';
import { createResidentsService, residentsReader } from './modules/residents/service.js';
import { createRtRwService, pactReader } from './modules/rt-rw/service.js';
import { createRequestsRepo } from './modules/service-requests/repo.js';
import {
  clockSettingsFromConfig,
  createRequestsService,
  createServiceTimes,
} from './modules/service-requests/service.js';
import { createMoneyRepo } from './modules/rtrw-programme/money-repo.js';
import { createProgrammeRepo } from './modules/rtrw-programme/repo.js';
import { moneyConfigFrom } from './modules/rtrw-programme/money-config.js';
import { createProgrammeService, trainingReader } from './modules/rtrw-programme/service.js';
import { createKinerjaService, weightsFromConfig } from './modules/kinerja/service.js';
import { leaveRulesFromConfig } from './modules/attendance/leave-rules.js';
import { activityReader, createCommunityService } from './modules/community/service.js';
import { createEmployeesService } from './modules/employees/service.js';
import { createCalendarService } from './modules/employees/calendar-service.js';
import { createAttendanceService } from './modules/attendance/service.js';
import { DEFAULT_CHECKIN_POLICY } from './modules/attendance/checkin.js';
import { loadDisciplineTable } from './modules/attendance/discipline-rules.js';
import { createCorrespondenceService } from './modules/correspondence/service.js';
import { createSkpService } from './modules/skp/service.js';
import { createSkpLogsService } from './modules/skp/logs-service.js';
import { createSkpEvalService } from './modules/skp/eval-service.js';
import { loadCurve, loadTppData } from './modules/skp/reference.js';
import { createSkpTppService } from './modules/skp/tpp-service.js';
import { createSkpFeedbackService } from './modules/skp/feedback-service.js';
import { createSkpPantauService } from './modules/skp/pantau-service.js';
import { createSkpBknService } from './modules/skp/bkn-service.js';
import { createSkpDocService } from './modules/skp/pdf-service.js';
import { ABSENCE_TYPES } from './modules/attendance/rules.js';
import { loadNaskahReference } from './modules/correspondence/reference.js';
import { agendaTemplateProblem } from './modules/correspondence/rules.js';

export function createRepos() {
  return {
    accounts: createAccountsRepo(),
    audit: createAuditRepo(),
    regions: createRegionsRepo(),
    residents: createResidentsRepo(),
    catalogue: createCatalogueRepo(),
    requests: createRequestsRepo(),
    letters: createLettersRepo(),
    notifications: createNotificationsRepo(),
  };
}
export type Repos = ReturnType<typeof createRepos>;

export function createServices(
  database: Database,
  repos: Repos,
  clock: Clock,
  config: Config,
  opts: { signingKey?: SigningKey; pdfCertificate?: PdfCertificateProvider } = {},
) {
  const db = database.db;
  const pii = createPiiCipher(config.dataKey);
  const { audit } = repos;
  const base = { db, clock, audit };
  // Other modules get a module's public functions, never its repo.
  const dbPool = () => ({
    total: database.pool.totalCount,
    idle: database.pool.idleCount,
    waiting: database.pool.waitingCount,
  });
  // This instance's /metrics registry (never prom-client's global one): the pipeline, jobs and modules count into it.
  const metrics = createMetrics({
    dbPool,
    dbConnectionErrors: () => database.connectionErrors(),
    queues: () => readQueueFigures(database.pool),
  });
  const regions = regionsReader(repos.regions);
  const residents = residentsReader(repos.residents, { audit, pii, clock });
  const accounts = accountsPort(repos.accounts);
  const signingKey =
    opts.signingKey ?? loadSigningKey({ pem: config.letters.signingKeyPem, dir: config.letters.signingKeyDir });
  const files = createPostgresFileStorage();
  const letters = createLettersService({
    db,
    clock,
    audit,
    files,
    accounts,
    letters: repos.letters,
    regions,
    residents,
    pii,
    signingKey,
    pdfCertificate:
      opts.pdfCertificate ??
      pdfCertificateProvider({ dir: config.letters.signingKeyDir, ...config.letters.certificate }),
    config: {
      numberTemplate: config.letters.numberTemplate,
      timeZone: config.timeZone,
      certifiedSignature: config.letters.certificate.certified,
    },
  });
  const employees = createEmployeesService({
    ...base,
    accounts,
    niPppkCodes: config.niPppkCodes,
    staffNumber: config.staffNumber,
    offsetMinutes: TIME_ZONE_OFFSETS[config.timeZone],
    actingRestricted: config.actingRestricted,
  });
  // The clocks of layanan warga count service hours on the city's working calendar: E-Presensi's calendar,
  // read through the staff register's public reads.
  const times = createServiceTimes({
    db,
    calendar: (db, city, from, to) => employees.read.calendar(db, city, from, to),
    settings: clockSettingsFromConfig(config.clocks, TIME_ZONE_OFFSETS[config.timeZone]),
  });
  const notify = createNotifyService({
    db,
    clock,
    notifications: repos.notifications,
    accounts,
    channels: { email: !!config.mail.smtpUrl, webhook: !!config.webhook.url },
  });
  const attendance = createAttendanceService({
    db,
    clock,
    audit,
    files,
    employees,
    offsetMinutes: TIME_ZONE_OFFSETS[config.timeZone],
    policy: { ...DEFAULT_CHECKIN_POLICY, offlineWindowHours: config.presensiOfflineHours },
    permitLimits: config.hourlyPermits,
    // Read and checked while wiring: a city's own table that is not valid stops the start with its reason.
    discipline: config.disciplineRulesFile ? loadDisciplineTable(config.disciplineRulesFile) : loadDisciplineTable(),
    leaveRules: leaveRulesFromConfig(config.leave.rules),
    leaveLetter: { classification: config.leave.classification, numberTemplate: config.leave.numberTemplate },
    metrics,
  });
  const skp = createSkpService({
    db,
    clock,
    audit,
    employees,
    offsetMinutes: TIME_ZONE_OFFSETS[config.timeZone],
  });
  const skpCurve = loadCurve(config.skp.curveFile);
  return {
    dbKind: database.kind,
    pii,
    health: () => sql`select 1`.execute(db),
    /** /readyz: the database answers and every migration of this code is applied. */
    readiness: async () => ({ pendingMigrations: await pendingMigrations(db) }),
    /** Connections open, idle, and requests waiting for one (/healthz, /metrics). */
    dbPool,
    metrics,
    idempotency: createIdempotencyStore({ db, clock, ttlHours: config.idempotencyTtlHours }),
    accounts: createAccountsService({ ...base, accounts: repos.accounts, regions, residents, pii, config }),
    regions: createRegionsService({ ...base, regions: repos.regions }),
    residents: createResidentsService({ ...base, residents: repos.residents, regions, pii }),
    audit: createAuditService(base),
    catalogue: createCatalogueService({ ...base, catalogue: repos.catalogue }),
    letters,
    notify,
    requests: createRequestsService({
      ...base,
      requests: repos.requests,
      catalogue: catalogueReader(repos.catalogue),
      residents,
      accounts,
      files,
      letters,
      notify,
      times,
      timeZone: config.timeZone,
      uploadMaxBytes: config.uploadMaxBytes,
      privacy: config.privacy,
    }),
    open311: createOpen311Service({ db, clock, open311: createOpen311Repo() }),
    dashboard: createDashboardService({ db, clock, dashboard: createDashboardRepo(), times }),
    programme: createProgrammeService({
      db,
      clock,
      audit,
      programme: createProgrammeRepo(),
      timeZone: config.timeZone,
      money: createMoneyRepo(),
      pii,
      files,
      ...moneyConfigFrom(config),
    }),
    rtrw: createRtRwService({
      ...base,
      regions,
      letters: lettersKeys(repos.letters),
      signingKey,
      files: createPostgresFileStorage(),
      timeZone: config.timeZone,
      residents,
      accounts,
      pii,
      termPolicy: config.rtrwTerms,
    }),
    employees,
    /** The national calendar (SKB 3 Menteri, Ramadan): yearly import and the missing-year warning. */
    calendar: createCalendarService({ ...base, offsetMinutes: TIME_ZONE_OFFSETS[config.timeZone] }),
    attendance,
    correspondence: createCorrespondenceService({
      db,
      clock,
      audit,
      files,
      employees,
      classifications: classificationReader(),
      // Read and checked while wiring: a broken reference file or pattern stops the start with its reason.
      reference: loadNaskahReference({ instructionsFile: config.naskah.instructionsFile }),
      agendaTemplate: checkedAgendaTemplate(config.naskah.agendaTemplate),
      pdfMaxBytes: config.naskah.pdfMaxBytes,
      textLimits: config.naskah.text,
      offsetMinutes: TIME_ZONE_OFFSETS[config.timeZone],
      // Disposition deadlines count working time with the layanan warga SLA engine (service hours, city calendar).
      deadlines: {
        countedMillis: (region, from, to) => times.countedMillis(region, 'service_hours', from, to),
        notify,
        escalateToHead: config.naskah.escalateToHead,
      },
      keluar: {
        letters,
        config: {
          numberTemplate: config.naskah.numberTemplate,
          series: config.naskah.numberSeries,
          publicUrl: config.publicUrl,
          timeZone: config.timeZone,
          certified: config.letters.certificate.certified,
        },
      },
    }),
    skp,
    skpEval: createSkpEvalService({
      db,
      clock,
      audit,
      skp,
      employees,
      // Read and checked while wiring: a broken rules file stops the start with its reason.
      curve: skpCurve,
    }),
    skpFeedback: createSkpFeedbackService({
      db,
      clock,
      audit,
      skp,
      employees,
      offsetMinutes: TIME_ZONE_OFFSETS[config.timeZone],
    }),
    skpPantau: createSkpPantauService({
      db,
      clock,
      skp,
      employees,
      curve: skpCurve,
      offsetMinutes: TIME_ZONE_OFFSETS[config.timeZone],
      lateDays: config.skp.approvalLateDays,
    }),
    skpBkn: createSkpBknService({ db, clock, audit, skp, employees }),
    /** The signed SKP and evaluation PDFs (issue 16 item 5), signed through the letters module. */
    skpDocs: createSkpDocService({
      db,
      clock,
      audit,
      files,
      skp,
      letters,
      config: {
        publicUrl: config.publicUrl,
        timeZone: config.timeZone,
        certified: config.letters.certificate.certified,
      },
    }),
    skpTpp: createSkpTppService({
      db,
      clock,
      audit,
      employees,
      attendance: () => attendance,
      // Read and checked while wiring: a broken TPP file stops the start with its reason.
      data: loadTppData(config.skp.tppFile, ABSENCE_TYPES),
    }),
    skpLogs: createSkpLogsService({
      db,
      clock,
      audit,
      files,
      employees,
      offsetMinutes: TIME_ZONE_OFFSETS[config.timeZone],
      windowDays: config.skp.logDays,
    }),
    community: createCommunityService({
      db,
      clock,
      audit,
      files,
      offsetMinutes: TIME_ZONE_OFFSETS[config.timeZone],
      windowDays: config.activityReportDays,
    }),
    kinerja: createKinerjaService({
      db,
      clock,
      timeZone: config.timeZone,
      weights: weightsFromConfig(config.kinerjaWeights),
      // The pact and training inputs of the score, from the modules that own them.
      extras: {
        pactSigned: (db, userIds, month) => pactReader().pactSignedBy(db, userIds, month.end),
        trainingsDone: (db, userIds, month) => trainingReader().trainingsDoneBy(db, userIds, month.end),
        activitiesConfirmed: (db, userIds, month) => activityReader().confirmedIn(db, userIds, month.month),
      },
    }),
  };
}
export type Services = ReturnType<typeof createServices>;

function checkedAgendaTemplate(template: string) {
  const problem = agendaTemplateProblem(template);
  if (problem) throw new Error(`NASKAH_AGENDA_TEMPLATE ${problem}`);
  return template;
}
