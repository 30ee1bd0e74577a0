// Issuing and verifying letters. A letter's number comes from the unit's
// counter inside the approving transaction; its content is signed with the
// city's Ed25519 key; verification re-checks the stored content against the
// signature, so an altered record says TIDAK VALID.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { LetterTypeSnapshot, Resident } from '../../db/schema.js';
import type { AuditRepo } from '../../kernel/audit.js';
import type { FileStorage } from '../../kernel/files/storage.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { PiiCipher } from '../../lib/pii.js';
import { formatIndonesianDate } from '../../lib/text.js';
import type { AccountsPort } from '../accounts/service.js';
import type { RegionsReader } from '../regions/service.js';
import type { ResidentsReader } from '../residents/service.js';
import { identityLabels, maskName } from '../residents/index.js';
import { effectNikField } from '../catalogue/index.js';
import { translator } from '../../i18n/index.js';
import { cityOf, formatRtRw, parentCode } from '../../kernel/regions.js';
import type { SigningKey } from '../../kernel/signing.js';
import { signText, verifyText } from '../../kernel/signing.js';
import { createLettersRepo, type LettersRepo } from './repo.js';
import { canonicalJson, formatLetterNumber, publicCode, renderLetterText } from './rules.js';
import { isoDate } from '../accounts/service.js';
import { normalizePublicCode } from '../../kernel/codes.js';
import type { PdfCertificateProvider } from '../../kernel/pdf-certificate.js';
import { createLetterPdfSignature, type LetterFileVerdict, type SignatureKind } from './sign-pdf.js';
import {
  closingOf,
  DEFAULT_IDENTITY,
  delegationInForce,
  displayFieldValues,
  headTitle,
  HEAD_ROLES,
  identityRows,
  kopContactLines,
  kopHeading,
  openingOf,
  pengantarNumber,
  pengantarSentence,
  signatureFoot,
  signatureHeading,
  signRight,
  type DelegationMode,
  type LetterKind,
  type PengantarRef,
  type PersonFacts,
  type Row,
} from './naskah.js';
import { createOfficesService } from './offices.js';

/** Register codes read as the letter prints them: an official document is in Bahasa Indonesia. */
const ID = translator('id');

/** What the register says, as the naskah prints it (masked NIK/KK; the PDF fills the full ones at print time). */
function personFacts(
  r: Resident & { kk_masked?: string | null },
  where: { rtRw: string; kelurahan: string; kecamatan: string },
): PersonFacts {
  const l = identityLabels(ID, r);
  return {
    name: r.full_name,
    nik: r.nik_masked,
    birthPlace: r.birth_place,
    birthDate: r.birth_date ? isoDate(r.birth_date) : '',
    sex: r.sex,
    religion: l.agama,
    maritalStatus: l.statusPerkawinan,
    citizenship: l.kewarganegaraan,
    occupation: l.pekerjaan,
    address: r.address,
    rtRw: where.rtRw,
    kelurahan: where.kelurahan,
    kecamatan: where.kecamatan,
    kk: r.kk_masked ?? '',
  };
}

export interface LettersDeps {
  db: Db;
  letters: LettersRepo;
  regions: RegionsReader;
  residents: ResidentsReader;
  accounts: Pick<AccountsPort, 'signerIdentity' | 'officialsOf'>;
  files: FileStorage;
  audit: AuditRepo;
  clock: Clock;
  pii: PiiCipher;
  signingKey: SigningKey;
  /** The X.509 certificate that signs letter PDFs (sign-pdf.ts). */
  pdfCertificate: PdfCertificateProvider;
  /** certifiedSignature: a BSrE/BSSN certificate is configured (LETTER_CERT_CERTIFIED). */
  config: { numberTemplate: string; timeZone: string; certifiedSignature?: boolean };
}

/** Version 1 letters (before issue 12) kept what they signed; they still verify and print. */
export interface LetterPayloadV1 {
  v: 1;
  verifyCode: string;
  number: string;
  issuedAt: string;
  validUntil: string;
  type: { code: string; name: string; classification: string };
  unit: { code: string; name: string; level: string; cityName: string };
  resident: {
    name: string;
    nikMasked: string;
    birthPlace: string;
    birthDate: string;
    sex: string;
    address: string;
    rtRw: string;
  };
  fields: Record<string, string>;
  purpose: string;
  text: string;
  signer: { name: string; position: string };
  requestCode: string;
}

/** The naskah as signed (Permendagri 1/2023): every line the PDF prints comes from here. */
export interface LetterPayloadV2 extends Omit<LetterPayloadV1, 'v' | 'type' | 'signer'> {
  v: 2;
  type: { code: string; name: string; classification: string; kind: LetterKind };
  kop: { heading: string[]; contact: string[]; lambangSha256: string | null; lambangFileId: number | null };
  opening: string;
  /** Identity rows with the NIK and No. KK masked; the printed file shows them in full. */
  identity: Row[];
  addressee: string;
  pengantar: PengantarRef[];
  pengantarText: string;
  closing: string;
  place: string;
  /** When a kecamatan letter rests on the kelurahan's own letter ("Mengetahui"). */
  endorsement: { unit: string; number: string; at: string; heading: string[]; foot: string[] } | null;
  signer: {
    name: string;
    position: string;
    nip: string;
    jabatan: string;
    pangkat: string;
    mode: DelegationMode | null;
    heading: string[];
    foot: string[];
  };
}
export type LetterPayload = LetterPayloadV1 | LetterPayloadV2;

interface IssueRequest {
  id: number;
  tracking_code: string;
  resident_id: number;
  region_code: string;
  type_snapshot: LetterTypeSnapshot;
  field_values: Record<string, string>;
  purpose: string;
}
interface Approval {
  stage: string;
  actorName: string;
  at: Date;
}
type SignerIn = { id: number; name: string; role: string; regionCode: string };

export function createLettersService(d: LettersDeps) {
  const { db } = d;
  const offices = createOfficesService(d);

  async function regionName(code: string) {
    return (await d.regions.namesOf(db, [code]))[0]?.name ?? code;
  }

  const pdfSignature = createLetterPdfSignature({ db, letters: d.letters, certificate: d.pdfCertificate });
  const signatureKind: SignatureKind = d.config.certifiedSignature ? 'certified' : 'uncertified';

  /** Public verification: ASLI only when the stored content still matches its signature. */
  async function verify(code: string) {
    const normalized = normalizePublicCode(code);
    const letter = normalized
      ? ((await d.letters.byVerifyCode(db, normalized)) ?? (await d.letters.documentByVerifyCode(db, normalized)))
      : undefined;
    if (!letter) return null;
    const key = await d.letters.publicKey(db, letter.kid);
    const payload = letter.payload as unknown as LetterPayload;
    const consistent = payload.number === letter.number && payload.verifyCode === letter.verify_code;
    const authentic = !!key && consistent && verifyText(key.public_key, canonicalJson(payload), letter.signature);
    return {
      authentic,
      verifyCode: letter.verify_code,
      number: letter.number,
      type: payload.type?.name ?? '',
      issuedAt: payload.issuedAt,
      validUntil: payload.validUntil,
      unit: payload.unit?.name ?? '',
      residentName: maskName(payload.resident?.name ?? ''),
      nikMasked: payload.resident?.nikMasked ?? '',
      signer: payload.signer,
      /** The whole signed content, to be shown only through verify-view.ts (which masks it). */
      payload: payload as unknown,
      signatureKind,
    };
  }

  const localDate = (at: Date) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: d.config.timeZone, dateStyle: 'short' }).format(at);
  const yearOf = (at: Date) =>
    Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: d.config.timeZone }).format(at));

  /**
   * Who signs, and how: the head of the office in their own right, anyone else only with a
   * delegation in force (a.n./u.b./Plt./Plh.); everyone with their NIP. Refused otherwise.
   */
  async function signerFor(trx: Db, signer: SignerIn, unit: { code: string; name: string; level: string }, at: Date) {
    const who = await d.accounts.signerIdentity(trx, signer.id);
    const isHead = (HEAD_ROLES as readonly string[]).includes(signer.role) && signer.regionCode === unit.code;
    const today = localDate(at);
    const delegation = isHead
      ? null
      : ((await d.letters.delegationsOf(trx, unit.code, signer.id)).find((x) =>
          delegationInForce({ valid_from: x.valid_from, valid_to: x.valid_to, revoked: !!x.revoked_at }, today),
        ) ?? null);
    const right = signRight({ role: signer.role, isHeadOfUnit: isHead, delegation, nip: who?.nip ?? null });
    if (!right.ok)
      throw new AppError(422, right.reason === 'no_nip' ? 'letters.signer_no_nip' : 'letters.signer_not_official');
    const head = headTitle(unit.level, unit.name);
    const identity = {
      name: who?.full_name ?? signer.name,
      nip: who?.nip ?? '',
      jabatan: right.mode === null ? head : (who?.jabatan ?? ''),
      pangkat: who?.pangkat_golongan ?? '',
    };
    const heading = signatureHeading({
      head,
      mode: right.mode,
      jabatan: identity.jabatan,
      via: delegation?.via_jabatan ?? '',
    });
    return { ...identity, mode: right.mode, heading, foot: signatureFoot(identity) };
  }

  async function numberFor(trx: Db, unitCode: string, classification: string, at: Date) {
    const year = yearOf(at);
    const seq = await d.letters.nextSequence(trx, unitCode, year);
    const office = (await d.letters.offices(trx, [unitCode]))[0];
    const number = formatLetterNumber(d.config.numberTemplate, {
      klasifikasi: classification,
      urut: seq,
      kode_unit: office?.kode_unit || unitCode,
      tahun: year,
    });
    return { year, seq, number };
  }

  /**
   * A death letter marks the deceased in the register when it is issued (by the NIK the type names).
   * Someone registered elsewhere, or already moved away, is not this register's to mark: the letter still issues.
   */
  async function markDeceased(
    trx: Db,
    a: { request: IssueRequest; signer: SignerIn; now: Date },
    type: LetterTypeSnapshot,
    number: string,
  ) {
    const field = effectNikField(type);
    const nik = field ? a.request.field_values[field] : undefined;
    if (!nik) return;
    const date = a.request.field_values.tanggal_meninggal ?? localDate(a.now);
    try {
      await d.residents.markDeceased(trx, {
        nik,
        date,
        note: `Surat Keterangan Kematian Nomor ${number}`,
        actorUserId: a.signer.id,
        actorName: a.signer.name,
        actorRole: a.signer.role,
      });
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 404 && err.status !== 409)) throw err;
    }
  }

  async function unitOf(trx: Db, code: string) {
    const row = (await d.regions.namesOf(trx, [code]))[0];
    return { code, name: row?.name ?? code, level: row?.level ?? '' };
  }

  return {
    ...offices,
    ...pdfSignature,
    verify,

    /** An uploaded PDF against the letter of this code: ASLI only for the file as issued, of a record still intact. */
    async checkFile(code: string, file: Buffer) {
      const letter = await verify(code);
      if (!letter) return null;
      const verdict: LetterFileVerdict = letter.authentic
        ? await pdfSignature.checkLetterFile(letter.verifyCode, file)
        : { authentic: false, problem: 'record_invalid' };
      return { letter, file: verdict };
    },

    async ensureKeyRegistered() {
      await d.letters.registerKey(db, d.signingKey.kid, d.signingKey.publicKeyPem);
    },

    /**
     * The kelurahan's own number when a request moves on to the kecamatan: the camat's letter
     * refers to it ("Mengetahui"). Runs inside the approving transaction, signer rules as for a letter.
     */
    async endorse(trx: Db, a: { request: IssueRequest; signer: SignerIn; now: Date }) {
      const unit = await unitOf(trx, a.signer.regionCode);
      const who = await signerFor(trx, a.signer, unit, a.now);
      const n = await numberFor(trx, unit.code, a.request.type_snapshot.classification, a.now);
      await d.letters.insertEndorsement(trx, {
        request_id: a.request.id,
        unit_code: unit.code,
        number: n.number,
        year: n.year,
        seq: n.seq,
        at: a.now,
        signer: JSON.stringify({ ...who, unit: unit.name, level: unit.level }),
      });
      return n.number;
    },

    /** Runs inside the approving transaction: number, content, signature, one row. */
    async issue(trx: Db, a: { request: IssueRequest; signer: SignerIn; now: Date; approvals?: Approval[] }) {
      // Snapshots taken before migration 0011 may lack kind, identity_fields and addressee.
      const type = a.request.type_snapshot as LetterTypeSnapshot &
        Partial<Pick<LetterTypeSnapshot, 'kind' | 'identity_fields' | 'addressee' | 'effect'>>;
      const unit = await unitOf(trx, a.signer.regionCode);
      const signer = await signerFor(trx, a.signer, unit, a.now);
      const { year, seq, number } = await numberFor(trx, unit.code, type.classification, a.now);
      const resident = await d.residents.byId(trx, a.request.resident_id);
      const cityCode = cityOf(unit.code);
      const kelCode = a.request.region_code.split('.').slice(0, 4).join('.');
      const kecCode = parentCode(kelCode) ?? kelCode;
      const names = await d.regions.namesOf(trx, [kelCode, kecCode, cityCode]);
      const nameOf = (c: string) => names.find((n) => n.code === c)?.name ?? c;
      const cityName = nameOf(cityCode);
      const rtRw = formatRtRw(a.request.region_code) ?? '';
      const birthDate = isoDate(resident.birth_date);
      const kind: LetterKind = type.kind ?? 'keterangan';
      const facts = personFacts(resident, { rtRw, kelurahan: nameOf(kelCode), kecamatan: nameOf(kecCode) });
      const shown = displayFieldValues(type.fields, a.request.field_values);
      const values: Record<string, string> = {
        ...shown,
        nama: resident.full_name,
        nik: resident.nik_masked,
        tempat_lahir: resident.birth_place,
        tanggal_lahir: birthDate ? formatIndonesianDate(birthDate) : '',
        jenis_kelamin: resident.sex === 'L' ? 'Laki-laki' : 'Perempuan',
        agama: facts.religion,
        status_perkawinan: facts.maritalStatus,
        kewarganegaraan: facts.citizenship,
        pekerjaan: facts.occupation,
        alamat: resident.address,
        rt_rw: rtRw,
        kelurahan: nameOf(kelCode),
        kecamatan: nameOf(kecCode),
        kota: cityName,
        keperluan: a.request.purpose,
      };
      const officeRows = await d.letters.offices(trx, [unit.code, cityCode]);
      const office = officeRows.find((o) => o.region_code === unit.code);
      const lambangId = officeRows.find((o) => o.region_code === cityCode)?.lambang_file_id ?? null;
      const lambang = lambangId ? await d.files.get(trx, lambangId) : undefined;
      const pengantar: PengantarRef[] = (a.approvals ?? [])
        .filter((x): x is Approval & { stage: 'rt' | 'rw' } => x.stage === 'rt' || x.stage === 'rw')
        .map((x) => {
          const label = x.stage === 'rt' ? rtRw.split(' / ')[0]! : (rtRw.split(' / ')[1] ?? 'RW');
          return {
            level: x.stage,
            unit: label,
            number: pengantarNumber(a.request.tracking_code, label, yearOf(x.at)),
            at: x.at.toISOString(),
            headName: x.actorName,
          };
        });
      const endorsed = (await d.letters.endorsements(trx, a.request.id)).find((e) => e.unit_code !== unit.code);
      const es = endorsed?.signer as { heading?: string[]; foot?: string[]; unit?: string } | undefined;
      const place = cityName.replace(/^(kota|kabupaten)\s+/i, '').trim();
      const payload: LetterPayloadV2 = {
        v: 2,
        verifyCode: publicCode(12),
        number,
        issuedAt: a.now.toISOString(),
        validUntil: isoDate(new Date(a.now.getTime() + type.validity_days * 86400_000)),
        type: { code: type.code, name: type.name, classification: type.classification, kind },
        unit: { code: unit.code, name: unit.name, level: unit.level, cityName },
        kop: {
          heading: kopHeading({
            city: cityName,
            kecamatan: nameOf(kecCode),
            kelurahan: unit.level === 'kelurahan' ? unit.name : null,
          }),
          contact: kopContactLines({
            address: office?.address ?? '',
            phone: office?.phone ?? '',
            postalCode: office?.postal_code ?? '',
            website: office?.website ?? '',
            email: office?.email ?? '',
          }),
          lambangSha256: lambang ? createHash('sha256').update(lambang.content).digest('hex') : null,
          lambangFileId: lambang ? lambangId : null,
        },
        opening: openingOf({
          kind,
          level: unit.level,
          unitName: unit.name,
          kecamatan: nameOf(kecCode),
          city: cityName,
        }),
        identity: identityRows(facts, type.identity_fields ?? DEFAULT_IDENTITY),
        addressee: type.addressee ? renderLetterText(type.addressee, values) : '',
        pengantar,
        pengantarText: pengantarSentence(pengantar, d.config.timeZone),
        closing: closingOf(kind),
        place,
        endorsement:
          endorsed && es
            ? {
                unit: es.unit ?? endorsed.unit_code,
                number: endorsed.number,
                at: endorsed.at.toISOString(),
                heading: es.heading ?? [],
                foot: es.foot ?? [],
              }
            : null,
        resident: {
          name: resident.full_name,
          nikMasked: resident.nik_masked,
          birthPlace: resident.birth_place,
          birthDate,
          sex: values.jenis_kelamin!,
          address: resident.address,
          rtRw,
        },
        fields: a.request.field_values,
        purpose: a.request.purpose,
        text: renderLetterText(type.template, values),
        signer: { ...signer, position: signer.heading.join(' ') },
        requestCode: a.request.tracking_code,
      };
      if (type.effect === 'mark_deceased') await markDeceased(trx, a, type, number);
      const signature = signText(d.signingKey, canonicalJson(payload));
      return d.letters.insert(trx, {
        request_id: a.request.id,
        verify_code: payload.verifyCode,
        number,
        unit_code: unit.code,
        year,
        seq,
        issued_at: a.now,
        valid_until: payload.validUntil,
        payload: JSON.stringify(payload),
        signature,
        kid: d.signingKey.kid,
      });
    },

    forRequest: (requestId: number) => d.letters.byRequest(db, requestId),

    /**
     * The signed record of another module's document (an outgoing naskah, an SKP or its evaluation), in the caller's
     * transaction: a payload shaped like a letter's (number, type, unit, signer, text) signed with the city's
     * Ed25519 key, kept in signed_documents so /v/<code> and the file check answer for it as for a letter. Its code
     * is 14 characters long (letters' are 12), so the two never collide; a taken code is drawn again anyway.
     */
    async issueSignedDocument(
      trx: Db,
      doc: {
        source: 'naskah_keluar' | 'skp' | 'skp_evaluasi';
        sourceId: number;
        number: string;
        issuedAt: Date;
        typeName: string;
        unit: { code: string; name: string; cityName: string };
        signer: { name: string; position: string; nip: string };
        text: string;
        details: Record<string, unknown>;
      },
    ) {
      await d.letters.registerKey(trx, d.signingKey.kid, d.signingKey.publicKeyPem);
      let verifyCode = publicCode(14);
      while (await d.letters.verifyCodeTaken(trx, verifyCode)) verifyCode = publicCode(14);
      const payload = {
        v: 'dokumen',
        source: doc.source,
        verifyCode,
        number: doc.number,
        issuedAt: doc.issuedAt.toISOString(),
        validUntil: '',
        type: { name: doc.typeName },
        unit: { code: doc.unit.code, name: doc.unit.name, level: '', cityName: doc.unit.cityName },
        signer: doc.signer,
        text: doc.text,
        ...doc.details,
      };
      const signature = signText(d.signingKey, canonicalJson(payload));
      return d.letters.insertDocument(trx, {
        verify_code: verifyCode,
        source: doc.source,
        source_id: doc.sourceId,
        number: doc.number,
        issued_at: doc.issuedAt,
        payload: JSON.stringify(payload),
        signature,
        kid: d.signingKey.kid,
      });
    },

    /** What the printed file adds to the signed payload: the full NIK, and the lambang whose hash the payload holds. */
    async printInputs(residentId: number, payload: LetterPayload) {
      const [enc, kkEnc] = await Promise.all([
        d.residents.nikEncOf(db, residentId),
        d.residents.kkEncOf(db, residentId),
      ]);
      const fileId = payload.v === 2 ? payload.kop.lambangFileId : null;
      const file = fileId ? await d.files.get(db, fileId) : undefined;
      return {
        fullNik: enc ? d.pii.decrypt(enc) : null,
        fullKk: kkEnc ? d.pii.decrypt(kkEnc) : null,
        lambang: file?.content ?? null,
      };
    },

    /** The full NIK for the printed letter, read from the register at print time (never stored in the letter record). */
    async fullNik(residentId: number) {
      const enc = await d.residents.nikEncOf(db, residentId);
      return enc ? d.pii.decrypt(enc) : null;
    },
    regionName,
  };
}
export type LettersService = ReturnType<typeof createLettersService>;

/** The public keys register, shared with the RT/RW pact signatures (only this module writes it). */
/** Signing keys for other signed documents (the RT/RW pact), and the offices' kop rows for their heading. */
export type LettersKeys = Pick<LettersRepo, 'publicKey' | 'registerKey' | 'offices'>;
export function lettersKeys(repo: LettersRepo = createLettersRepo()): LettersKeys {
  return { publicKey: repo.publicKey, registerKey: repo.registerKey, offices: repo.offices };
}
/** The naskah's kop lines (Permendagri 1/2023), for other documents printed by an office. */
export { kopContactLines, kopHeading } from './naskah.js';
/** Letter numbers from a template, for other documents an office numbers (the surat izin cuti). */
export { formatLetterNumber } from './rules.js';
