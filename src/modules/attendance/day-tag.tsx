// A day's status as a coloured tag, with its TL/PSW bands and any hourly permit that cancelled one.
import type { PageCtx } from '../../ui/page.js';
import { PERMIT_KINDS, type PermitKind } from './permits-rules.js';
import { OUT_OF_SERVICE, type DayStatus } from './rules.js';

export function DayTag(p: { pc: PageCtx; status: DayStatus }) {
  const s = p.status;
  const tone =
    s.status === 'hadir' || s.status === 'dinas_luar'
      ? 'green'
      : s.status === 'belum_berakhir' || s.status === 'libur' || OUT_OF_SERVICE.has(s.status)
        ? 'grey'
        : 'yellow';
  const band = [s.lateBand, s.earlyBand].filter(Boolean).join(' + ');
  const kind = (k: string) => (PERMIT_KINDS.includes(k as PermitKind) ? p.pc.t(`permit.kind.${k as PermitKind}`) : k);
  return (
    <>
      <span class={`tag tag--${tone}`} data-testid="day-status" data-bands={band}>
        {p.pc.t(`presensi.status.${s.status}`)}
        {band ? ` (${band})` : ''}
      </span>
      {s.permits?.map((x) => (
        <div class="hint" data-testid="day-permit" data-permit-id={String(x.id)}>
          {p.pc.t('permit.applied', { kind: kind(x.kind), band: x.band })}
        </div>
      ))}
    </>
  );
}
