// The one typed configuration of the platform. Every variable is documented
// here and in README.md ("Konfigurasi"); the process refuses to start with a
// list of what is wrong rather than running half-configured.
import { createPrivateKey, randomBytes } from 'node:crypto';
import { accessSync, constants as fsConstants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';

export const TIME_ZONES = {
  'Asia/Jakarta': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
} as const;
export type TimeZone = keyof typeof TIME_ZONES;
/** Minutes east of UTC; Indonesia keeps no daylight saving time. */
export const TIME_ZONE_OFFSETS: Record<TimeZone, number> = {
  'Asia/Jakarta': 420,
  'Asia/Makassar': 480,
  'Asia/Jayapura': 540,
};

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  databaseUrl: string | null;
  /** Where migrations run, when not DATABASE_URL: straight to PostgreSQL past a PgBouncer in transaction mode. */
  migrationDatabaseUrl: string | null;
  /** Hot paths as named prepared statements (DATABASE_PREPARED_STATEMENTS; off behind PgBouncer < 1.21 in transaction mode). */
  dbPreparedStatements: boolean;
  /** How long a request waits for a database connection before its 503 (DB_CONNECT_TIMEOUT_MS). */
  dbConnectTimeoutMs: number;
  dataDir: string;
  dbPoolSize: number;
  cityCode: string;
  timeZone: TimeZone;
  sessionSecret: string;
  /** 32-byte key for personal data: AES-GCM for NIK/KK at rest, HMAC blind index for lookup. */
  dataKey: Buffer;
  sessionTtlHours: number;
  /** Sign-in throttling (LOGIN_*), see accounts/rules.ts. */
  login: LoginThrottlePolicy;
  demoSeed: boolean;
  /** Addresses/CIDRs of the load balancers whose X-Forwarded-* headers are believed; false: none. */
  trustProxy: string[] | false;
  /** How long an API answer is kept for a retry with the same Idempotency-Key (IDEMPOTENCY_TTL_HOURS). */
  idempotencyTtlHours: number;
  logLevel: string;
  mail: { smtpUrl: string | null; from: string };
  webhook: { url: string | null; secret: string | null };
  letters: {
    numberTemplate: string;
    signingKeyDir: string;
    signingKeyPem: string | null;
    /** The X.509 certificate that signs letter PDFs (LETTER_CERT_*); none given: self-issued in signingKeyDir. */
    certificate: LetterCertificateConfig;
  };
  /** Run background jobs (reminders, escalations, deliveries) in this process. */
  workers: boolean;
  /** RT/RW heads' terms, set by each city's Perwali under Permendagri 18/2018 (RTRW_TERM_YEARS, RTRW_MAX_CONSECUTIVE_TERMS): warnings on appointment, not blocks. */
  rtrwTerms: { years: number; maxConsecutive: number };
  /** Weights of the RT/RW heads' kinerja score (KINERJA_WEIGHTS), as written; the kinerja module reads and checks them at start. */
  kinerjaWeights: string;
  /**
   * PPh 21 withheld from heads' honor (HONOR_PPH21), as written: empty for the defaults of PMK 168/2023
   * (unverified), or a JSON object overriding fields; the rtrw-programme module reads and checks it at start
   * (rtrw-programme/honor-rules.ts).
   */
  honorPph21: string;
  /** BPJS scholarship of heads' children (BPJS_SCHOLARSHIP), as written; checked at start (rtrw-programme/claims-rules.ts). */
  bpjsScholarship: string;
  /** E-Presensi: how long a check-in kept on a phone without signal is still accepted (PRESENSI_OFFLINE_HOURS). */
  presensiOfflineHours: number;
  /** The two digits after the year in an NI PPPK (NI_PPPK_CODES, NI_PPPK_PW_CODES; BKN issues `21`, the part-time code is unverified). */
  niPppkCodes: { PPPK: string[]; PPPK_PW: string[] };
  /**
   * What a Plh./Plt. may not do (ACTING_RESTRICTED_ACTIONS): `<action>` or `<action>:<subtype>`, e.g.
   * `leave.decide:cuti_luar_tanggungan` (UU 30/2014 art. 14; SE Kepala BKN 1/SE/I/2021; employees/acting-rules.ts).
   */
  actingRestricted: string[];
  /** Non-ASN staff's identifier (nomor pegawai): the city's pattern and an example shown in hints (STAFF_NUMBER_PATTERN, STAFF_NUMBER_EXAMPLE). */
  staffNumber: { pattern: RegExp; example: string };
  /**
   * Leave (cuti): LEAVE_RULES as written (empty: PP 11/2017 and Peraturan BKN 7/2022 defaults; checked at start by
   * attendance/leave-rules.ts), and the surat izin cuti's number: LEAVE_CLASSIFICATION (Permendagri 83/2022 code,
   * default 800.1.11.4 — unverified) and LEAVE_NUMBER_TEMPLATE.
   */
  leave: { rules: string; classification: string; numberTemplate: string };
  /**
   * E-Surat: the agenda number's pattern (NASKAH_AGENDA_TEMPLATE, `{urut}`, `{urut:4}`, `{kode_unit}`, `{tahun}`;
   * checked by the correspondence module while wiring), the largest scanned PDF (NASKAH_PDF_MAX_BYTES, at most 5 MiB:
   * stored_files' limit) and the city's own list of disposition instructions (NASKAH_INSTRUCTIONS_FILE; empty: the
   * shipped reference/naskah-instruksi-disposisi.csv). NASKAH_ESCALATE_TO_HEAD: an overdue disposition is escalated
   * to the sender's head as well as to the sender (city practice, not a national rule). Search reads a PDF's text
   * layer bounded by NASKAH_TEXT_MAX_PAGES, NASKAH_TEXT_MAX_CHARS and NASKAH_TEXT_TIMEOUT_MS (ms).
   */
  naskah: {
    agendaTemplate: string;
    pdfMaxBytes: number;
    instructionsFile: string;
    escalateToHead: boolean;
    text: { maxPages: number; maxChars: number; timeoutMs: number };
    /**
     * Naskah keluar numbers (NASKAH_NUMBER_TEMPLATE: `{klasifikasi}`, `{urut}`/`{urut:4}`, `{kode_unit}`, `{tahun}`;
     * default classification/sequence/unit code/year as DOMAIN.md gives it, each city sets its own) drawn from one
     * series per signing unit or per city (NASKAH_NUMBER_SERIES: unit | kota) and year.
     */
    numberTemplate: string;
    numberSeries: 'unit' | 'kota';
  };
  /** Community activity (kerja bakti etc.): how many days back a head may still report an activity (ACTIVITY_REPORT_DAYS). */
  activityReportDays: number;
  /**
   * E-Kinerja: how many days back a daily log may be written (SKP_LOG_DAYS; the city's choice, not a national rule);
   * the distribution curve file (SKP_CURVE_FILE; empty: the shipped reference/skp-kurva-distribusi.csv, unverified);
   * the TPP data (TPP_SCHEME_FILE; empty: the shipped example reference/tpp-skema.json — not any city's numbers);
   * working days a daily log may wait before the heads' dashboard calls its approver late (SKP_APPROVAL_LATE_DAYS;
   * the city's choice, no regulation sets it).
   */
  skp: { logDays: number; curveFile: string; tppFile: string; approvalLateDays: number };
  /**
   * E-Presensi hourly permits: city policy in its Perwali, not a national rule (unverified; defaults are common
   * practice): permits a month (HOURLY_PERMIT_MAX_PER_MONTH), minutes one may last (HOURLY_PERMIT_MAX_MINUTES),
   * days after the day one may still be asked for (HOURLY_PERMIT_DAYS_BACK).
   */
  hourlyPermits: { maxPerMonth: number; maxMinutes: number; daysBack: number };
  /** The PP 94/2021 discipline thresholds as a JSON file (DISCIPLINE_RULES_FILE; empty: reference/disiplin-pp-94-2021.json). */
  disciplineRulesFile: string;
  /**
   * The clocks of layanan warga, as written; the service-requests module reads and checks them at start
   * (service-requests/service-time.ts).
   * - SERVICE_HOURS: the offices' weekly service hours, `1-4 07:30-16:00, 5 07:30-16:30` (ISO weekdays, 1 = Monday;
   *   days left out are closed). Default: the working hours of Perpres 21/2023 art. 4 as cities commonly derive them.
   * - SERVICE_HOURS_RAMADAN: the hours on days of a 'ramadan' calendar entry, same form, or `none` (usual hours).
   *   Default `1-4 08:00-15:00, 5 08:00-15:30` (Perpres 21/2023: Ramadan start 08:00, 32.5 hours a week).
   * - SLA_SERVICE_HOURS_STAGES: the stages whose clock counts service hours on the city's working calendar
   *   (libur nasional, cuti bersama, Ramadan: the staff register's calendar, shared with E-Presensi); the others
   *   run round the clock. Default `kelurahan,kecamatan`; `none` runs every stage round the clock.
   */
  clocks: { serviceHours: string; serviceHoursRamadan: string; serviceHoursStages: string };
  /** Largest attachment of a request, in bytes, as sent (UPLOAD_MAX_BYTES, default 2 MiB, at most 5 MiB). */
  uploadMaxBytes: number;
  /** Retention of citizens' attachments and whom they ask (UU 27/2022 PDP): see PrivacyPolicy. */
  privacy: PrivacyPolicy;
  /**
   * The scraper's credential for /metrics, sent as `Authorization: Bearer …` (METRICS_TOKEN, at least 32
   * characters); without it /metrics answers 404.
   */
  metricsToken: string | null;
  /**
   * Housekeeping: in-app notifications (and their finished email/webhook deliveries) are deleted this many days
   * after they were written (NOTIFICATION_RETENTION_DAYS, default 180) — a city's choice, not a regulation.
   */
  notificationRetentionDays: number;
  /**
   * Graceful shutdown: seconds between /readyz turning 503 and the server closing, so a load balancer that polls
   * it stops sending new requests first (SHUTDOWN_DELAY_SECONDS, default 0; 5–15 behind a polling balancer).
   */
  shutdownDelaySeconds: number;
}

/**
 * How long citizens' request attachments (photos of KTP/KK) are kept and whom
 * citizens ask about their data. UU 27/2022 (PDP) asks for a retention period
 * and a contact in the privacy notice; it sets no number, so each city sets
 * its own here. The retention job (src/jobs/queue.ts) applies these.
 */
export interface PrivacyPolicy {
  /** Days after a request is completed before its attachments are removed (RETENTION_COMPLETED_DAYS, default 30). */
  completedDays: number;
  /** Days after a request is rejected (RETENTION_REJECTED_DAYS, default 30). */
  rejectedDays: number;
  /** Days a returned request waits for its correction before its attachments are removed (RETENTION_RETURNED_DAYS, default 90). */
  returnedDays: number;
  /** Hours an upload accepted from a refused form waits for the corrected form (PENDING_UPLOAD_HOURS, default 24). */
  pendingHours: number;
  /** Whom citizens ask about their data (PRIVACY_CONTACT): the office, telephone, e-mail; empty: their kelurahan office. */
  contact: string;
}

/**
 * The certificate that signs letter PDFs (PAdES). Empty: the city's own
 * self-issued certificate, made on first use in SIGNING_KEY_DIR. A BSrE/BSSN
 * certificate loads the same way, as PEM files or one PKCS#12 bundle;
 * `certified` changes only the wording (PP 71/2019 tersertifikasi) and may be
 * set only with a certificate given here.
 */
export interface LetterCertificateConfig {
  certFile: string | null;
  keyFile: string | null;
  p12File: string | null;
  passphrase: string | null;
  certified: boolean;
}

/** Sign-in throttling (LOGIN_* settings); the accounts module applies it (accounts/rules.ts, sign-in.ts). */
export interface LoginThrottlePolicy {
  freeFailures: number;
  backoffSeconds: number;
  backoffMaxSeconds: number;
  windowMinutes: number;
  clientMaxFailures: number;
  accountMaxFailures: number;
  knownClientDays: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Konfigurasi tidak valid:\n - ${problems.join('\n - ')}`);
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates the environment. Pure apart from the dev-secrets file (see devSecrets). */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const str = (name: string, fallback: string) => {
    const v = env[name];
    return v === undefined || v === '' ? fallback : v.trim();
  };
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = str(name, String(fallback));
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}="${raw}" harus bilangan bulat ${min}–${max}`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean) => {
    const raw = str(name, fallback ? 'true' : 'false').toLowerCase();
    if (!['true', 'false', '1', '0', 'yes', 'no'].includes(raw)) {
      problems.push(`${name}="${raw}" harus true atau false`);
      return fallback;
    }
    return raw === 'true' || raw === '1' || raw === 'yes';
  };

  const nodeEnv = str('NODE_ENV', 'development');
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV="${nodeEnv}" harus development, production atau test`);
  }
  const envName = (['development', 'production', 'test'].includes(nodeEnv) ? nodeEnv : 'development') as Config['env'];
  const production = envName === 'production';

  const port = int('PORT', 3000, 0, 65535);
  const host = str('HOST', '127.0.0.1');
  const databaseUrl = str('DATABASE_URL', '') || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL harus diawali postgres:// atau postgresql://');
  }
  const migrationDatabaseUrl = str('MIGRATION_DATABASE_URL', '') || null;
  if (migrationDatabaseUrl && !/^postgres(ql)?:\/\//.test(migrationDatabaseUrl))
    problems.push('MIGRATION_DATABASE_URL harus diawali postgres:// atau postgresql://');
  if (migrationDatabaseUrl && !databaseUrl) problems.push('MIGRATION_DATABASE_URL hanya berlaku bersama DATABASE_URL');
  const preparedRaw = str('DATABASE_PREPARED_STATEMENTS', 'on').toLowerCase();
  if (!['on', 'off', 'true', 'false', '1', '0'].includes(preparedRaw))
    problems.push(`DATABASE_PREPARED_STATEMENTS="${preparedRaw}" harus on atau off`);
  const dataDir = resolve(str('DATA_DIR', './data'));
  const cityCode = str('CITY_CODE', '35.74');
  if (!/^\d{2}\.\d{2}$/.test(cityCode))
    problems.push(`CITY_CODE="${cityCode}" harus kode kabupaten/kota Kemendagri, mis. 35.74`);
  const tz = str('TIME_ZONE', 'Asia/Jakarta');
  if (!(tz in TIME_ZONES))
    problems.push(`TIME_ZONE="${tz}" harus salah satu dari ${Object.keys(TIME_ZONES).join(', ')}`);
  const publicUrl = str('PUBLIC_URL', `http://localhost:${port}`).replace(/\/$/, '');
  if (!/^https?:\/\//.test(publicUrl)) problems.push('PUBLIC_URL harus URL http(s)');

  let sessionSecret = str('SESSION_SECRET', '');
  let dataKeyRaw = str('DATA_KEY', '');
  if (production) {
    if (!sessionSecret) problems.push('SESSION_SECRET wajib di produksi (minimal 32 karakter acak)');
    if (!dataKeyRaw) problems.push('DATA_KEY wajib di produksi (32 byte, base64: openssl rand -base64 32)');
  } else if (!sessionSecret || !dataKeyRaw) {
    const dev = devSecrets(dataDir);
    sessionSecret ||= dev.sessionSecret;
    dataKeyRaw ||= dev.dataKey;
  }
  if (sessionSecret && sessionSecret.length < 32) problems.push('SESSION_SECRET minimal 32 karakter');
  const dataKey = Buffer.from(dataKeyRaw, 'base64');
  if (dataKeyRaw && dataKey.length !== 32) problems.push('DATA_KEY harus 32 byte dalam base64');

  const smtpUrl = str('SMTP_URL', '') || null;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) problems.push('SMTP_URL harus diawali smtp:// atau smtps://');
  if (production && !env.SIGNING_KEY_PEM && !env.SIGNING_KEY_DIR)
    problems.push(
      'SIGNING_KEY_PEM atau SIGNING_KEY_DIR wajib di produksi (kunci tanda tangan surat, di luar basis data)',
    );

  const webhookUrl = str('WEBHOOK_URL', '') || null;
  if (webhookUrl && !/^https?:\/\//.test(webhookUrl)) problems.push('WEBHOOK_URL harus URL http(s)');
  if (webhookUrl && !env.WEBHOOK_SECRET)
    problems.push('WEBHOOK_SECRET wajib bila WEBHOOK_URL diisi (penerima memeriksa tanda tangan HMAC)');
  const numberTemplate = str('LETTER_NUMBER_TEMPLATE', '{klasifikasi}/{urut:4}/{kode_unit}/{tahun}');
  if (!numberTemplate.includes('{urut')) problems.push('LETTER_NUMBER_TEMPLATE harus memuat {urut} (nomor urut)');
  const leaveNumberTemplate = str('LEAVE_NUMBER_TEMPLATE', '{klasifikasi}/{urut:4}/{kode_unit}/{tahun}');
  if (!leaveNumberTemplate.includes('{urut')) problems.push('LEAVE_NUMBER_TEMPLATE harus memuat {urut} (nomor urut)');
  // Naskah keluar (Permendagri 1/2023 via DOMAIN.md: klasifikasi/urut/kode unit/tahun; the exact pattern is the city's).
  const naskahNumberTemplate = str('NASKAH_NUMBER_TEMPLATE', '{klasifikasi}/{urut}/{kode_unit}/{tahun}');
  if (!naskahNumberTemplate.includes('{urut')) problems.push('NASKAH_NUMBER_TEMPLATE harus memuat {urut} (nomor urut)');
  const naskahSeries = str('NASKAH_NUMBER_SERIES', 'unit');
  if (naskahSeries !== 'unit' && naskahSeries !== 'kota') problems.push('NASKAH_NUMBER_SERIES harus unit atau kota');
  const leaveClassification = str('LEAVE_CLASSIFICATION', '800.1.11.4');
  if (!/^\d{3}(\.\d{1,3}){0,5}$/.test(leaveClassification))
    problems.push('LEAVE_CLASSIFICATION harus kode klasifikasi arsip, mis. 800.1.11.4');
  const login: LoginThrottlePolicy = {
    freeFailures: int('LOGIN_FREE_FAILURES', 5, 1, 100),
    backoffSeconds: int('LOGIN_BACKOFF_SECONDS', 30, 1, 3600),
    backoffMaxSeconds: int('LOGIN_BACKOFF_MAX_SECONDS', 900, 1, 86_400),
    windowMinutes: int('LOGIN_WINDOW_MINUTES', 60, 1, 7 * 24 * 60),
    clientMaxFailures: int('LOGIN_CLIENT_MAX_FAILURES', 50, 1, 100_000),
    accountMaxFailures: int('LOGIN_ACCOUNT_MAX_FAILURES', 100, 2, 1_000_000),
    knownClientDays: int('LOGIN_KNOWN_CLIENT_DAYS', 30, 1, 365),
  };
  if (login.backoffMaxSeconds < login.backoffSeconds)
    problems.push('LOGIN_BACKOFF_MAX_SECONDS tidak boleh lebih kecil dari LOGIN_BACKOFF_SECONDS');
  if (login.windowMinutes * 60 <= login.backoffMaxSeconds)
    problems.push(
      'LOGIN_WINDOW_MINUTES harus lebih lama dari LOGIN_BACKOFF_MAX_SECONDS, agar kegagalan masih diingat setelah jeda terlama',
    );
  if (login.accountMaxFailures <= login.clientMaxFailures)
    problems.push(
      'LOGIN_ACCOUNT_MAX_FAILURES harus lebih besar dari LOGIN_CLIENT_MAX_FAILURES, agar satu alamat saja tidak dapat menahan sebuah akun',
    );
  const trustProxy = parseTrustProxy(str('TRUST_PROXY', ''), problems);
  const signingKeyPem = env.SIGNING_KEY_PEM ? env.SIGNING_KEY_PEM.replace(/\\n/g, '\n') : null;
  const certificate = letterCertificate(str, bool, problems);

  const config: Config = {
    env: envName,
    host,
    port,
    publicUrl,
    databaseUrl,
    migrationDatabaseUrl,
    dbPreparedStatements: !['off', 'false', '0'].includes(preparedRaw),
    dbConnectTimeoutMs: int('DB_CONNECT_TIMEOUT_MS', 5000, 100, 120_000),
    dataDir,
    dbPoolSize: int('DB_POOL_SIZE', 10, 1, 200),
    cityCode,
    timeZone: (tz in TIME_ZONES ? tz : 'Asia/Jakarta') as TimeZone,
    sessionSecret,
    dataKey,
    sessionTtlHours: int('SESSION_TTL_HOURS', 12, 1, 24 * 30),
    login,
    demoSeed: bool('DEMO_SEED', !production),
    trustProxy,
    idempotencyTtlHours: int('IDEMPOTENCY_TTL_HOURS', 24, 1, 24 * 30),
    logLevel: str('LOG_LEVEL', envName === 'production' ? 'info' : envName === 'test' ? 'silent' : 'warn'),
    mail: { smtpUrl, from: str('MAIL_FROM', 'Pamong <no-reply@localhost>') },
    webhook: { url: webhookUrl, secret: str('WEBHOOK_SECRET', '') || null },
    letters: {
      numberTemplate,
      signingKeyDir: resolve(str('SIGNING_KEY_DIR', join(dataDir, 'keys'))),
      signingKeyPem,
      certificate,
    },
    workers: bool('WORKERS', envName !== 'test'),
    rtrwTerms: {
      years: int('RTRW_TERM_YEARS', 5, 1, 10),
      maxConsecutive: int('RTRW_MAX_CONSECUTIVE_TERMS', 2, 1, 10),
    },
    kinerjaWeights: str('KINERJA_WEIGHTS', ''),
    honorPph21: str('HONOR_PPH21', ''),
    bpjsScholarship: str('BPJS_SCHOLARSHIP', ''),
    presensiOfflineHours: int('PRESENSI_OFFLINE_HOURS', 24, 1, 168),
    activityReportDays: int('ACTIVITY_REPORT_DAYS', 14, 1, 90),
    skp: {
      logDays: int('SKP_LOG_DAYS', 7, 0, 60),
      curveFile: str('SKP_CURVE_FILE', ''),
      tppFile: str('TPP_SCHEME_FILE', ''),
      approvalLateDays: int('SKP_APPROVAL_LATE_DAYS', 3, 0, 60),
    },
    leave: {
      rules: str('LEAVE_RULES', ''),
      classification: leaveClassification,
      numberTemplate: leaveNumberTemplate,
    },
    niPppkCodes: {
      PPPK: codeList('NI_PPPK_CODES', str, problems),
      PPPK_PW: codeList('NI_PPPK_PW_CODES', str, problems),
    },
    hourlyPermits: {
      maxPerMonth: int('HOURLY_PERMIT_MAX_PER_MONTH', 4, 1, 31),
      maxMinutes: int('HOURLY_PERMIT_MAX_MINUTES', 240, 15, 720),
      daysBack: int('HOURLY_PERMIT_DAYS_BACK', 7, 0, 31),
    },
    disciplineRulesFile: str('DISCIPLINE_RULES_FILE', ''),
    naskah: {
      agendaTemplate: str('NASKAH_AGENDA_TEMPLATE', '{urut}/{kode_unit}/{tahun}'),
      pdfMaxBytes: int('NASKAH_PDF_MAX_BYTES', 5 * 1024 * 1024, 64 * 1024, 5 * 1024 * 1024),
      instructionsFile: str('NASKAH_INSTRUCTIONS_FILE', ''),
      escalateToHead: bool('NASKAH_ESCALATE_TO_HEAD', true),
      text: {
        maxPages: int('NASKAH_TEXT_MAX_PAGES', 30, 1, 500),
        maxChars: int('NASKAH_TEXT_MAX_CHARS', 100_000, 1_000, 1_000_000),
        timeoutMs: int('NASKAH_TEXT_TIMEOUT_MS', 3_000, 100, 60_000),
      },
      numberTemplate: naskahNumberTemplate,
      numberSeries: naskahSeries === 'kota' ? 'kota' : 'unit',
    },
    actingRestricted: actionList(str('ACTING_RESTRICTED_ACTIONS', 'leave.decide:cuti_luar_tanggungan'), problems),
    staffNumber: staffNumber(str, problems),
    clocks: {
      serviceHours: str('SERVICE_HOURS', '1-4 07:30-16:00, 5 07:30-16:30'),
      serviceHoursRamadan: str('SERVICE_HOURS_RAMADAN', '1-4 08:00-15:00, 5 08:00-15:30'),
      serviceHoursStages: str('SLA_SERVICE_HOURS_STAGES', 'kelurahan,kecamatan'),
    },
    // stored_files refuses more than 5 MiB; phones shrink photos well below 2 MiB.
    uploadMaxBytes: int('UPLOAD_MAX_BYTES', 2 * 1024 * 1024, 64 * 1024, 5 * 1024 * 1024),
    privacy: {
      completedDays: int('RETENTION_COMPLETED_DAYS', 30, 1, 3650),
      rejectedDays: int('RETENTION_REJECTED_DAYS', 30, 1, 3650),
      returnedDays: int('RETENTION_RETURNED_DAYS', 90, 1, 3650),
      pendingHours: int('PENDING_UPLOAD_HOURS', 24, 1, 24 * 30),
      contact: str('PRIVACY_CONTACT', '').slice(0, 300),
    },
    metricsToken: metricsToken(str('METRICS_TOKEN', ''), problems),
    notificationRetentionDays: int('NOTIFICATION_RETENTION_DAYS', 180, 7, 3650),
    shutdownDelaySeconds: int('SHUTDOWN_DELAY_SECONDS', 0, 0, 120),
  };
  // NODE_ENV=production: everything a real installation needs, named all at once (PRODUCTION_CHECKS=off only for
  // automated tests that run the production code paths on PGlite or plain http). A variable already reported above
  // is not named twice.
  const productionChecks = str('PRODUCTION_CHECKS', 'on').toLowerCase();
  if (!['on', 'off'].includes(productionChecks)) problems.push('PRODUCTION_CHECKS harus on atau off');
  if (production && productionChecks !== 'off') {
    const named = new Set(problems.flatMap((p) => p.match(/\b[A-Z][A-Z0-9_]{2,}\b/g) ?? []));
    for (const p of checkProductionConfig(config)) if (!named.has(variableOf(p))) problems.push(p);
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** The variable a problem is about: its first word (`NAME=…`, `NAME: …`, `NAME wajib …`). */
const variableOf = (problem: string) => problem.split(/[\s=:"]/)[0] ?? problem;

/** How checkProductionConfig looks at files; tests give their own. */
export interface FileProbe {
  readable(path: string): boolean;
  read(path: string): string;
}
const realFiles: FileProbe = {
  readable(path) {
    try {
      accessSync(path, fsConstants.R_OK);
      return true;
    } catch {
      return false;
    }
  },
  read: (path) => readFileSync(path, 'utf8'),
};

/**
 * The production checklist (docs/OPERATIONS.md), as one message per missing item, for the operator: the secrets,
 * a PostgreSQL server (never the embedded PGlite), the letter-signing key and certificate readable, PUBLIC_URL on
 * https, the load balancers named in TRUST_PROXY, and no demo city. Empty: ready. loadConfig applies it when
 * NODE_ENV=production; `npm run doctor` repeats it.
 */
export function checkProductionConfig(config: Config, files: FileProbe = realFiles): string[] {
  const out: string[] = [];
  if (config.sessionSecret.length < 32)
    out.push('SESSION_SECRET wajib di produksi (minimal 32 karakter acak: openssl rand -base64 48)');
  if (config.dataKey.length !== 32)
    out.push('DATA_KEY wajib di produksi (32 byte, base64: openssl rand -base64 32), sama di semua instans');
  if (!config.databaseUrl)
    out.push(
      'DATABASE_URL wajib di produksi: postgres://… ke server PostgreSQL (PGlite tertanam hanya untuk mencoba dan menguji)',
    );
  const { signingKeyPem, signingKeyDir, certificate } = config.letters;
  if (signingKeyPem) {
    if (!parsesAsPrivateKey(signingKeyPem))
      out.push('SIGNING_KEY_PEM bukan kunci privat PEM yang sah (kunci tanda tangan surat Ed25519)');
  } else {
    const active = join(signingKeyDir, 'active.pem');
    if (!files.readable(active))
      out.push(
        `SIGNING_KEY_DIR: kunci tanda tangan surat ${active} tidak ada atau tidak dapat dibaca oleh proses ini ` +
          '(buat sekali dengan `npx tsx scripts/rotate-signing-key.ts`, simpan salinannya di luar server, atau isi SIGNING_KEY_PEM)',
      );
    else if (!parsesAsPrivateKey(files.read(active)))
      out.push(`SIGNING_KEY_DIR: ${active} bukan kunci privat PEM yang sah`);
  }
  for (const [name, path] of [
    ['LETTER_CERT_FILE', certificate.certFile],
    ['LETTER_CERT_KEY_FILE', certificate.keyFile],
    ['LETTER_CERT_P12_FILE', certificate.p12File],
  ] as const)
    if (path && !files.readable(path))
      out.push(
        `${name}="${path}": berkas tidak ada atau tidak dapat dibaca oleh proses ini (periksa jalur dan izinnya)`,
      );
  if (!config.publicUrl.startsWith('https://'))
    out.push(
      `PUBLIC_URL="${config.publicUrl}" harus https:// di produksi (alamat publik pada QR surat dan email; cookie Secure)`,
    );
  if (!config.trustProxy)
    out.push(
      'TRUST_PROXY wajib di produksi: alamat IP atau CIDR load balancer/nginx di depan instans, mis. TRUST_PROXY=127.0.0.1 atau 10.0.0.5',
    );
  if (config.demoSeed)
    out.push('DEMO_SEED=true tidak boleh di produksi: kota demo membuat akun dengan kata sandi yang tercetak');
  return out;
}

function parsesAsPrivateKey(pem: string): boolean {
  try {
    createPrivateKey(pem);
    return true;
  } catch {
    return false;
  }
}

/** A comma-separated list of two-digit codes, `21` when not set. */
function codeList(name: string, str: (n: string, d: string) => string, problems: string[]): string[] {
  const codes = str(name, '21')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (!codes.length || codes.some((c) => !/^\d{2}$/.test(c)))
    problems.push(`${name} harus berisi kode dua angka dipisah koma, misalnya 21`);
  return codes;
}

/** ACTING_RESTRICTED_ACTIONS: names like `leave.decide` or `leave.decide:cuti_luar_tanggungan`, comma-separated; may be empty. */
function actionList(raw: string, problems: string[]): string[] {
  const list = raw
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (list.some((c) => !/^[a-z_]+\.[a-z_]+(:[a-z_]+)?$/.test(c)))
    problems.push(
      'ACTING_RESTRICTED_ACTIONS harus berisi nama tindakan dipisah koma, misalnya leave.decide:cuti_luar_tanggungan',
    );
  return list;
}

/** STAFF_NUMBER_PATTERN: a regular expression over the upper-case identifier; its example must match it. */
function staffNumber(str: (n: string, d: string) => string, problems: string[]) {
  const source = str('STAFF_NUMBER_PATTERN', '^[A-Z0-9][A-Z0-9._-]{2,29}$');
  const example = str('STAFF_NUMBER_EXAMPLE', 'THL-2024-017');
  let pattern = /^[A-Z0-9][A-Z0-9._-]{2,29}$/;
  try {
    pattern = new RegExp(source);
  } catch {
    problems.push('STAFF_NUMBER_PATTERN bukan ekspresi reguler yang sah, misalnya ^THL-[0-9]{4}-[0-9]{3}$');
  }
  if (!pattern.test(example) || !/^[A-Z0-9][A-Z0-9._-]{2,39}$/.test(example))
    problems.push(
      'STAFF_NUMBER_EXAMPLE harus cocok dengan STAFF_NUMBER_PATTERN dan hanya berisi 3–40 huruf besar, angka, titik, garis bawah atau tanda hubung',
    );
  return { pattern, example };
}

/** LETTER_CERT_*: PEM files or a PKCS#12 bundle, each one readable; certified only with one of them. */
function letterCertificate(
  str: (name: string, fallback: string) => string,
  bool: (name: string, fallback: boolean) => boolean,
  problems: string[],
): LetterCertificateConfig {
  const file = (name: string) => {
    const v = str(name, '');
    if (!v) return null;
    if (!existsSync(v)) problems.push(`${name}="${v}": berkas tidak ada (periksa jalurnya)`);
    return resolve(v);
  };
  const c: LetterCertificateConfig = {
    certFile: file('LETTER_CERT_FILE'),
    keyFile: file('LETTER_CERT_KEY_FILE'),
    p12File: file('LETTER_CERT_P12_FILE'),
    passphrase: str('LETTER_CERT_PASSPHRASE', '') || null,
    certified: bool('LETTER_CERT_CERTIFIED', false),
  };
  if (!c.certFile !== !c.keyFile)
    problems.push('LETTER_CERT_FILE dan LETTER_CERT_KEY_FILE harus diisi bersama (sertifikat PEM dan kunci privatnya)');
  if (c.p12File && c.certFile) problems.push('Isi LETTER_CERT_P12_FILE atau LETTER_CERT_FILE, bukan keduanya');
  if (c.certified && !c.p12File && !c.certFile)
    problems.push(
      'LETTER_CERT_CERTIFIED=true hanya untuk sertifikat dari penyelenggara tersertifikasi (BSrE/BSSN) yang diisi lewat LETTER_CERT_FILE atau LETTER_CERT_P12_FILE',
    );
  return c;
}

const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY lists the load balancers (addresses or CIDRs, comma-separated)
 * whose X-Forwarded-For/-Proto Fastify may believe. `true` (or a hop count)
 * would believe whatever any client writes there, so a client could pick its
 * own address and slip past every per-address limit: refused.
 */
export function parseTrustProxy(raw: string, problems: string[]): string[] | false {
  const v = raw.trim().toLowerCase();
  if (v === '' || v === 'false' || v === '0' || v === 'no') return false;
  if (v === 'true' || v === 'yes' || /^\d+$/.test(v)) {
    problems.push(
      `TRUST_PROXY="${raw}" tidak diizinkan: X-Forwarded-For dari klien mana pun akan dipercaya, sehingga alamat bisa dipalsukan. ` +
        'Isi dengan alamat IP atau CIDR load balancer, dipisah koma, mis. TRUST_PROXY=10.0.0.5,10.0.1.0/24 (kosongkan bila tanpa load balancer)',
    );
    return false;
  }
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const e of entries) {
    const [addr = '', bits, extra] = e.split('/');
    const family = isIP(addr);
    const max = family === 4 ? 32 : 128;
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max);
    if (!NAMED_RANGES.includes(e.toLowerCase()) && (!family || !bitsOk || extra !== undefined))
      problems.push(`TRUST_PROXY: "${e}" bukan alamat IP atau CIDR (mis. 10.0.0.5, 10.0.1.0/24, fd00::/8, loopback)`);
  }
  return entries.length ? entries : false;
}

/**
 * Outside production the secrets are generated once and kept in the data
 * folder, so `npm start` works on a fresh clone and restarts keep sessions
 * and encrypted data readable. Production must pass them in (see README).
 */
function devSecrets(dataDir: string): { sessionSecret: string; dataKey: string } {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const secrets = { sessionSecret: randomBytes(32).toString('base64url'), dataKey: randomBytes(32).toString('base64') };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

/** METRICS_TOKEN: empty (no /metrics) or a long random string (`openssl rand -base64 32`). */
function metricsToken(raw: string, problems: string[]): string | null {
  if (!raw) return null;
  if (raw.length < 32 || /\s/.test(raw)) {
    problems.push('METRICS_TOKEN harus minimal 32 karakter tanpa spasi (mis. openssl rand -base64 32)');
    return null;
  }
  return raw;
}
