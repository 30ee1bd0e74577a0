// A naskah row as the API shows it.
import type { NaskahListRow, NaskahRow } from './repo.js';

type Found = { in_meta?: boolean; in_text?: boolean };
const where = (n: Found) => [...(n.in_meta ? ['metadata' as const] : []), ...(n.in_text ? ['isi' as const] : [])];

export const presentNaskah = (n: (NaskahRow | NaskahListRow) & Found) => ({
  id: n.id,
  unitId: n.unit_id,
  unitName: n.unit_name,
  direction: n.direction,
  status: n.status,
  kindCode: n.kind_code,
  agendaNumber: n.agenda_number,
  senderInstansi: n.sender_instansi,
  senderName: n.sender_name,
  senderNumber: n.sender_number,
  senderDate: n.sender_date,
  receivedDate: n.received_date,
  perihal: n.perihal,
  classification: { code: n.classification_code, name: n.classification_name },
  retention:
    n.retention_final && n.retention_source
      ? {
          activeYears: n.retention_active_years ?? 0,
          inactiveYears: n.retention_inactive_years ?? 0,
          final: n.retention_final,
          source: n.retention_source,
          verified: !!n.retention_verified,
        }
      : null,
  securityClass: n.security_class,
  urgency: n.urgency,
  fileSha256: n.file_sha256,
  pdfUrl: `/surat/${n.direction === 'keluar' ? 'keluar' : 'masuk'}/${n.id}/pdf`,
  registeredAt: new Date(n.created_at).toISOString(),
  ...('read_at' in n ? { read: n.read_at !== null } : {}),
  // A search result says where it matched: 'metadata' and/or 'isi' (the PDF's text layer, search-service.ts).
  ...(n.in_meta !== undefined ? { matchedIn: where(n) } : {}),
});
