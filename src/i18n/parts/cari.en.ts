// Messages of E-Surat search over the PDF's text layer (issue 15 item 3) (English). Keys must match cari.id.ts.
import type { cariId } from './cari.id.js';

export const cariEn: Record<keyof typeof cariId, string> = {
  'cari.found_in_text': 'Found in the document text',
  'cari.found_in_both': 'Found in the letter details and the document text',
  'cari.text_ada': 'The document text was read and is searched.',
  'cari.text_kosong': 'This PDF has no text layer (a scan): only the letter details are searched.',
  'cari.text_gagal': 'The text of this PDF could not be read: only the letter details are searched.',
};
