// Messages of the signed SKP and evaluation documents (E-Kinerja, issue 16 item 5), English.
import type { skpDocId } from './skp-doc.id.js';

export const skpDocEn: Record<keyof typeof skpDocId, string> = {
  'skp.eval.err.signed': 'The evaluation of this period is signed and can no longer be changed.',
  'skpdoc.title': 'Electronically signed documents',
  'skpdoc.none': 'No document has been signed yet.',
  'skpdoc.kind.skp': 'SKP {year}',
  'skpdoc.kind.evaluasi': 'Performance evaluation, period {period}',
  'skpdoc.row': '{name}, signed by {signer} on {date}',
  'skpdoc.download': 'Download PDF',
  'skpdoc.sign_skp': 'Sign the SKP document',
  'skpdoc.sign_eval': 'Sign the evaluation document for {period}',
  'skpdoc.sign_hint':
    'The PDF is signed electronically in your name as the appraising official. A signed evaluation cannot be changed.',
  'skpdoc.sign_confirm': 'Sign this document? Once signed, its content cannot be changed.',
  'skpdoc.signed_flash': 'Document signed. Download its PDF below.',
  'skpdoc.err.not_agreed': 'The SKP is not agreed yet: its document is signed after agreement.',
  'skpdoc.err.no_evaluation': 'No evaluation is saved for this period yet. Save the evaluation first.',
  'skpdoc.err.no_number': 'The signer has no NIP in the staff register. Ask the admin to add it.',
};
