// The letter's PDF signed inside the file (PAdES), and the check of a PDF
// someone uploads to /v/<code>. The PDF is rendered by pdf.ts and signed here,
// on every download, by the city's certificate (kernel/pdf-certificate.ts);
// the certificate is registered in letter_certificates before its first
// signature, so a file verifies on every instance and after a change of
// certificate. The letter's verification address (with its code) is the
// signature's ContactInfo: inside the signed bytes, so a file is tied to one
// letter whatever the layout of the page.
import type { Db } from '../../db/database.js';
import { normalizePublicCode } from '../../kernel/codes.js';
import type { PdfCertificate, PdfCertificateProvider } from '../../kernel/pdf-certificate.js';
import {
  signPdf,
  verifyPdfSignature,
  type PdfSignatureInfo,
  type PdfSignatureProblem,
} from '../../kernel/pdf-signature.js';
import type { LettersRepo } from './repo.js';

/**
 * PP 71/2019 art. 60: an electronic signature is certified when made with a
 * certificate from an Indonesian certified provider (PSrE, e.g. BSrE/BSSN),
 * non-certified otherwise. Both are legal; the letter says which it is.
 */
export type SignatureKind = 'certified' | 'uncertified';

/** "Kota Probolinggo" → "Pemerintah Kota Probolinggo" (the self-issued certificate's subject). */
export const governmentOf = (cityName: string) => `Pemerintah ${cityName.trim() || 'Daerah'}`;

/** What a PDF reader shows beside the signature: honest about its kind, pointing at the letter's check page. */
export function signatureFields(a: {
  cityName: string;
  unitName: string;
  certificate: Pick<PdfCertificate, 'certified' | 'commonName'>;
  verifyUrl: string;
}): PdfSignatureInfo {
  const government = governmentOf(a.cityName);
  return {
    reason: a.certificate.certified
      ? `Tanda tangan elektronik tersertifikasi (PP 71/2019) untuk ${government}`
      : `Tanda tangan elektronik tidak tersertifikasi (PP 71/2019) oleh ${government}`,
    name: a.certificate.commonName || government,
    location: [a.unitName, a.cityName].filter((s) => s.trim()).join(', '),
    contactInfo: a.verifyUrl,
  };
}

/** The letter code at the end of a verification address ("…/v/ABCD2345EFGH"), as signed. */
export function codeOfContactInfo(contactInfo: string): string | null {
  const m = /\/v\/([A-Za-z0-9-]{6,40})\/?\s*$/.exec(contactInfo);
  return m ? normalizePublicCode(m[1]!) : null;
}

export type LetterFileProblem =
  | PdfSignatureProblem
  /** Signed, but not by a certificate the city registered. */
  | 'not_ours'
  /** Signed by the city, but for another letter. */
  | 'other_letter'
  /** The stored record of the letter no longer matches its own signature: no file of it can be ASLI. */
  | 'record_invalid';

export type LetterFileVerdict =
  | { authentic: true; kind: SignatureKind; signedAt: Date | null; signer: string }
  | { authentic: false; problem: LetterFileProblem };

export function createLetterPdfSignature(d: { db: Db; letters: LettersRepo; certificate: PdfCertificateProvider }) {
  const registered = new Map<string, Promise<void>>();

  /** Registered once per process (and again after a failure), before its first signature leaves. */
  function register(cert: PdfCertificate) {
    let done = registered.get(cert.fingerprint);
    if (!done) {
      done = d.letters.registerCertificate(d.db, {
        fingerprint: cert.fingerprint,
        certificate_pem: cert.certificatePem,
        subject: cert.subject,
        certified: cert.certified,
      });
      done.catch(() => registered.delete(cert.fingerprint));
      registered.set(cert.fingerprint, done);
    }
    return done;
  }

  return {
    /**
     * Registers the city's PDF certificate (once per process, like a first signature does) without signing
     * anything. For a caller that signs inside its own transaction: registration runs on this module's connection,
     * so it must be done before that transaction opens (PGlite serves one connection; inside it, it would wait).
     */
    async ensureCertificateRegistered(cityName: string): Promise<void> {
      await register(d.certificate(governmentOf(cityName)));
    },

    /** Signs a rendered letter PDF: `signLetterPdf(await renderLetterPdf(…), …)`. */
    async signLetterPdf(
      pdf: Buffer,
      letter: { cityName: string; unitName: string; verifyUrl: string; signingTime?: Date },
    ): Promise<Buffer> {
      const certificate = d.certificate(governmentOf(letter.cityName));
      await register(certificate);
      return signPdf(pdf, certificate, {
        ...signatureFields({ ...letter, certificate }),
        ...(letter.signingTime ? { signingTime: letter.signingTime } : {}),
      });
    },

    /** Is this exact file the letter with this code, as issued? */
    async checkLetterFile(verifyCode: string, file: Buffer): Promise<LetterFileVerdict> {
      const check = verifyPdfSignature(file);
      if (!check.ok) return { authentic: false, problem: check.problem };
      const cert = await d.letters.certificate(d.db, check.fingerprint);
      if (!cert) return { authentic: false, problem: 'not_ours' };
      if (codeOfContactInfo(check.info.contactInfo) !== verifyCode)
        return { authentic: false, problem: 'other_letter' };
      return {
        authentic: true,
        kind: cert.certified ? 'certified' : 'uncertified',
        signedAt: check.info.signingTime,
        signer: cert.subject,
      };
    },
  };
}
