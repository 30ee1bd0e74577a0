import type { lettersVerifyId } from './letters-verify.id.js';
export const lettersVerifyEn: Record<keyof typeof lettersVerifyId, string> = {
  'f.code': 'Code',
  'letters.f_birth': 'Place and date of birth',
  'letters.f_sex': 'Sex',
  'letters.f_address': 'Address',
  'letters.f_purpose': 'Purpose',
  'letters.f_signer_position': 'Position of the signer',
  'letters.f_signer_rank': 'Rank/grade',
  'letters.f_signer_nip': 'NIP of the signer',
  'letters.content_title': 'Signed content of the letter',
  'letters.content_hint':
    'Compare each line with the letter you hold. Name and NIK are masked to protect personal data.',
  'letters.text_title': 'Statement',
  'letters.kind_title': 'Kind of signature',
  'letters.kind_uncertified':
    'Non-certified electronic signature (PP 71/2019): made with the city government’s own certificate, not one from a certified provider (BSrE/BSSN). It is still valid and can be checked on this page; PDF readers will call its issuer "unknown", which is expected.',
  'letters.kind_certified':
    'Certified electronic signature (PP 71/2019): made with a certificate from a certified provider (BSrE/BSSN).',
  'letters.kind_pdf':
    'The PDF file of this letter carries an electronic signature inside the file: PDF readers show when its content was changed after signing.',
  'letters.file_title': 'Check a PDF file of the letter',
  'letters.file_hint':
    'Upload the PDF file of the letter you received (at most 2 MB) to make sure it is exactly the letter issued with this code.',
  'letters.f_file': 'PDF file of the letter',
  'letters.file_submit': 'Check the file',
  'letters.file_result_title': 'Result of the file check',
  'letters.file_authentic': 'This file is exactly the letter issued with code {code}, unchanged since it was signed.',
  'letters.file_signed_at': 'Electronically signed on {date}.',
  'letters.file_changed':
    'This file was changed after it was signed. Do not accept it; ask the applicant or the issuing office for the original file.',
  'letters.file_bad_signature':
    'The electronic signature in this file is damaged or does not match its content. Do not accept it; ask the issuing office for the original file.',
  'letters.file_no_signature':
    'This file has no electronic signature, so it is not the file as issued (letters from this office are always signed inside the file). Ask for the original file, or compare the paper letter with the details on this page.',
  'letters.file_not_ours':
    'This file was not signed with this city government’s certificate, so it is not a letter it issued. Do not accept it.',
  'letters.file_other_letter':
    'This file is another letter, not the letter with code {code}. Check the code on that letter and open the check page for it.',
  'letters.file_record_invalid':
    'The stored record of the letter with this code no longer matches its signature, so no file can be declared authentic. Contact the issuing office.',
  'letters.file_empty': 'Choose the PDF file of the letter to check.',
  'letters.file_too_large':
    'The file is larger than 2 MB. Letters from this office are much smaller: make sure you chose the PDF file of the letter.',
  'letters.file_not_pdf':
    'This file is not a PDF. Choose the PDF file of the letter you received (not a photo or a scan of it).',
};
