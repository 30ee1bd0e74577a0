import type { lettersId } from './letters.id.js';
export const lettersEn: Record<keyof typeof lettersId, string> = {
  'letters.verify_title': 'Letter authenticity check',
  'letters.status_authentic': 'AUTHENTIC (ASLI)',
  'letters.status_invalid': 'NOT VALID (TIDAK VALID)',
  'letters.authentic_hint':
    'This letter was issued by the city government and its content matches its electronic signature. Compare the details below with the letter you hold.',
  'letters.invalid_hint':
    'The stored content of this letter does not match its electronic signature. Do not accept this letter; contact the office that issued it.',
  'letters.not_found_title': 'Letter not found',
  'letters.not_found_hint':
    'There is no letter with this code. Check the code on the letter, or scan its QR code again. A letter whose code is not registered is not valid.',
  'letters.expired': 'This letter is no longer valid: its validity period has ended.',
  'letters.f_type': 'Letter type',
  'letters.f_number': 'Number',
  'letters.f_issued_at': 'Date of issue',
  'letters.f_valid_until': 'Valid until',
  'letters.f_unit': 'Issued by',
  'letters.f_resident_name': 'Name (masked)',
  'letters.f_nik': 'NIK (masked)',
  'letters.f_signer': 'Signed by',
  'letters.code': 'Verification code: {code}',
};
