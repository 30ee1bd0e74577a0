// Issuing and verifying letters. A letter's number comes from the unit's
// counter inside the approving transaction; its content is signed with the
// city's Ed25519 key; verification re-checks the stored content against the
// signature, so an altered record says TIDAK VALID.
import type { Db } from '../../db/database.js';
import type { LetterTypeSnapshot } from '../../db/schema.js';
import type { PiiCipher } from '../../lib/pii.js';
import type { RegionsReader } from '../regions/service.js';
import type { ResidentsReader } from '../residents/service.js';
import { maskName } from '../residents/index.js';
import { cityOf, formatRtRw, parentCode } from '../../kernel/regions.js';
import type { SigningKey } from '../../kernel/signing.js';
import { signText, verifyText } from '../../kernel/signing.js';
import { createLettersRepo, type LettersRepo } from './repo.js';
import { canonicalJson, formatLetterNumber, publicCode, renderLetterText } from './rules.js';
import { isoDate } from '../accounts/service.js';
import { normalizePublicCode } from '../../kernel/codes.js';
import type { PdfCertificateProvider } from '../../kernel/pdf-certificate.js';
import { createLetterPdfSignature, type LetterFileVerdict, type SignatureKind } from './sign-pdf.js';

export interface LettersDeps {
  db: Db;
  letters: LettersRepo;
  regions: RegionsReader;
  residents: ResidentsReader;
  pii: PiiCipher;
  signingKey: SigningKey;
  /** The X.509 certificate that signs letter PDFs (sign-pdf.ts). */
  pdfCertificate: PdfCertificateProvider;
  /** certifiedSignature: a BSrE/BSSN certificate is configured (LETTER_CERT_CERTIFIED). */
  config: { numberTemplate: string; timeZone: string; certifiedSignature?: boolean };
}

const ROLE_TITLE: Record<string, string> = {
  lurah: 'Lurah',
  staf_kelurahan: 'a.n. Lurah',
  camat: 'Camat',
  staf_kecamatan: 'a.n. Camat',
  ketua_rw: 'Ketua RW',
  ketua_rt: 'Ketua RT',
};

export interface LetterPayload {
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

export function createLettersService(d: LettersDeps) {
  const { db } = d;

  async function regionName(code: string) {
    return (await d.regions.namesOf(db, [code]))[0]?.name ?? code;
  }

  const pdfSignature = createLetterPdfSignature({ db, letters: d.letters, certificate: d.pdfCertificate });
  const signatureKind: SignatureKind = d.config.certifiedSignature ? 'certified' : 'uncertified';

  /** Public verification: ASLI only when the stored content still matches its signature. */
  async function verify(code: string) {
    const normalized = normalizePublicCode(code);
    const letter = normalized ? await d.letters.byVerifyCode(db, normalized) : undefined;
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

  return {
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

    /** Runs inside the approving transaction: number, content, signature, one row. */
    async issue(
      trx: Db,
      a: {
        request: {
          id: number;
          tracking_code: string;
          resident_id: number;
          region_code: string;
          type_snapshot: LetterTypeSnapshot;
          field_values: Record<string, string>;
          purpose: string;
        };
        signer: { id: number; name: string; role: string; regionCode: string };
        now: Date;
      },
    ) {
      const type = a.request.type_snapshot;
      const unitCode = a.signer.regionCode;
      const year = Number(
        new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: d.config.timeZone }).format(a.now),
      );
      const seq = await d.letters.nextSequence(trx, unitCode, year);
      const number = formatLetterNumber(d.config.numberTemplate, {
        klasifikasi: type.classification,
        urut: seq,
        kode_unit: unitCode,
        tahun: year,
      });
      const resident = await d.residents.byId(trx, a.request.resident_id);
      const unitRow = (await d.regions.namesOf(trx, [unitCode]))[0];
      const cityCode = cityOf(unitCode);
      const cityName = (await d.regions.namesOf(trx, [cityCode]))[0]?.name ?? cityCode;
      const kelCode = a.request.region_code.split('.').slice(0, 4).join('.');
      const kecCode = parentCode(kelCode) ?? kelCode;
      const names = await d.regions.namesOf(trx, [kelCode, kecCode]);
      const nameOf = (c: string) => names.find((n) => n.code === c)?.name ?? c;
      const rtRw = formatRtRw(a.request.region_code) ?? '';
      const birthDate = isoDate(resident.birth_date);
      const values: Record<string, string> = {
        ...a.request.field_values,
        nama: resident.full_name,
        nik: resident.nik_masked,
        tempat_lahir: resident.birth_place,
        tanggal_lahir: birthDate,
        jenis_kelamin: resident.sex === 'L' ? 'Laki-laki' : 'Perempuan',
        agama: resident.religion,
        pekerjaan: resident.occupation,
        alamat: resident.address,
        rt_rw: rtRw,
        kelurahan: nameOf(kelCode),
        kecamatan: nameOf(kecCode),
        kota: cityName,
        keperluan: a.request.purpose,
      };
      const validUntil = isoDate(new Date(a.now.getTime() + type.validity_days * 86400_000));
      const payload: LetterPayload = {
        v: 1,
        verifyCode: publicCode(12),
        number,
        issuedAt: a.now.toISOString(),
        validUntil,
        type: { code: type.code, name: type.name, classification: type.classification },
        unit: { code: unitCode, name: unitRow?.name ?? unitCode, level: unitRow?.level ?? '', cityName },
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
        signer: {
          name: a.signer.name,
          position: `${ROLE_TITLE[a.signer.role] ?? a.signer.role} ${unitRow?.name ?? ''}`.trim(),
        },
        requestCode: a.request.tracking_code,
      };
      const signature = signText(d.signingKey, canonicalJson(payload));
      return d.letters.insert(trx, {
        request_id: a.request.id,
        verify_code: payload.verifyCode,
        number,
        unit_code: unitCode,
        year,
        seq,
        issued_at: a.now,
        valid_until: validUntil,
        payload: JSON.stringify(payload),
        signature,
        kid: d.signingKey.kid,
      });
    },

    forRequest: (requestId: number) => d.letters.byRequest(db, requestId),

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
export type LettersKeys = Pick<LettersRepo, 'publicKey' | 'registerKey'>;
export function lettersKeys(repo: LettersRepo = createLettersRepo()): LettersKeys {
  return { publicKey: repo.publicKey, registerKey: repo.registerKey };
}
