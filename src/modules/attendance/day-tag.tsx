// A day's status as a coloured tag, with its TL/PSW bands.
import type { PageCtx } from '../../ui/page.js';
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
  return (
    <span class={`tag tag--${tone}`} data-testid="day-status">
      {p.pc.t(`presensi.status.${s.status}`)}
      {band ? ` (${band})` : ''}
    </span>
  );
}
