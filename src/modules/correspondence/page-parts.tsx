// Pieces of the E-Surat pages: dates as people write them, the names of reference codes, the naskah table.
import { TIME_ZONES } from '../../config.js';
import { TableWrap } from '../../ui/lists.js';
import type { PageCtx } from '../../ui/page.js';
import type { NaskahReference } from './reference.js';
import type { NaskahListRow } from './repo.js';

/** '2026-12-02' → '2 Desember 2026' (a calendar day: no zone shifts it). */
export function formatDay(day: string | null, locale: string): string {
  if (!day) return '';
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** Names of the reference codes (the data files' own names; an unknown code shows as written). */
export function names(ref: NaskahReference) {
  const kinds = new Map(ref.kinds.map((k) => [k.code, k.name]));
  const security = new Map<string, string>(ref.security.map((k) => [k.code, k.name]));
  const urgency = new Map<string, string>(ref.urgency.map((k) => [k.code, k.name]));
  return {
    kind: (c: string) => kinds.get(c) ?? c,
    security: (c: string) => security.get(c) ?? c,
    urgency: (c: string) => urgency.get(c) ?? c,
  };
}

export function NaskahTable(p: {
  pc: PageCtx;
  items: (NaskahListRow & { in_meta?: boolean; in_text?: boolean })[];
  ref: NaskahReference;
  testid: string;
}) {
  const { t } = p.pc;
  const n = names(p.ref);
  return (
    <TableWrap label={t('surat.incoming_title')}>
      <table class="table" data-testid={p.testid}>
        <thead>
          <tr>
            <th>{t('surat.col_agenda')}</th>
            <th>{t('surat.col_received')}</th>
            <th>{t('surat.col_sender')}</th>
            <th>{t('surat.col_perihal')}</th>
            <th>{t('surat.col_class')}</th>
            <th>{t('surat.col_urgency')}</th>
          </tr>
        </thead>
        <tbody>
          {p.items.map((r) => (
            <tr data-testid={`naskah-row-${r.id}`}>
              <td>
                {/* A search also finds naskah keluar the viewer may see (their unit's, routed or copied to them). */}
                {r.direction === 'keluar' ? (
                  <>
                    <a href={`/surat/keluar/${r.id}`}>{r.letter_number ?? t('keluar.no_number')}</a>{' '}
                    <small class="tag">{t('keluar.nav')}</small>
                  </>
                ) : (
                  <a href={`/surat/masuk/${r.id}`}>{r.agenda_number}</a>
                )}
                {r.read_at ? null : (
                  <>
                    {' '}
                    <strong class="tag" data-testid={`naskah-unread-${r.id}`}>
                      {t('surat.unread_tag')}
                    </strong>
                  </>
                )}
              </td>
              <td>{r.received_date ? formatDay(r.received_date, p.pc.locale) : ''}</td>
              <td>
                {r.sender_instansi}
                <br />
                <small>{r.sender_number}</small>
              </td>
              <td>
                {r.perihal}
                {r.in_text ? (
                  <>
                    <br />
                    <small class="tag" data-testid={`naskah-found-in-text-${r.id}`}>
                      {t(r.in_meta ? 'cari.found_in_both' : 'cari.found_in_text')}
                    </small>
                  </>
                ) : null}
              </td>
              <td>{n.security(r.security_class)}</td>
              <td>{n.urgency(r.urgency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** An instant as people write it in the city's zone: '2 Desember 2026 14.05 WIB'. */
export function formatWhen(d: Date | string | null, pc: Pick<PageCtx, 'locale' | 'timeZone'>): string {
  if (!d) return '';
  const at = new Date(d);
  const loc = pc.locale === 'en' ? 'en-GB' : 'id-ID';
  const date = new Intl.DateTimeFormat(loc, { day: 'numeric', month: 'long', year: 'numeric', timeZone: pc.timeZone });
  const time = new Intl.DateTimeFormat(loc, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: pc.timeZone,
  });
  return `${date.format(at)} ${time.format(at)} ${TIME_ZONES[pc.timeZone]}`;
}
