// The public surface of the residents module for other modules.
import type { MessageKey, Translate } from '../../i18n/index.js';
import { registerLabelKey, type CodedField } from './register-rules.js';

export * from './rules.js';
export * from './register-rules.js';

/** The register fields a letter's identity block prints, as stored (codes) by `residentsReader().byId`. */
export interface IdentitySource {
  religion: string;
  marital_status: string;
  citizenship: string;
  education: string;
  occupation: string;
  father_name: string;
  mother_name: string;
  blood_type: string;
}

/**
 * The identity block's texts for a letter, labelled in the given language
 * (a letter uses `translator('id')`): '' for what the register does not know yet.
 */
export function identityLabels(t: Translate, r: IdentitySource) {
  const label = (field: CodedField, code: string) => {
    const key = registerLabelKey(field, code);
    return key ? t(key as MessageKey) : code;
  };
  return {
    agama: label('religion', r.religion),
    statusPerkawinan: label('maritalStatus', r.marital_status),
    kewarganegaraan: label('citizenship', r.citizenship),
    pendidikan: label('education', r.education),
    pekerjaan: r.occupation,
    namaAyah: r.father_name,
    namaIbu: r.mother_name,
    golonganDarah: r.blood_type,
  };
}
