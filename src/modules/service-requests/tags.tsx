// Small display pieces of a request shared by its pages: stage names, the
// status tag and the clock tag (time left, or late by).
import type { Translate } from '../../i18n/index.js';
import { formatDuration, STAGES, type ClockView, type Stage } from './rules.js';

const STATUS_TAG: Record<string, string> = {
  in_progress: 'tag--blue',
  returned: 'tag--yellow',
  rejected: 'tag--red',
  completed: 'tag--green',
};
const CLOCK_TAG: Record<ClockView['state'], string> = { ok: 'tag--grey', warning: 'tag--yellow', overdue: 'tag--red' };

export const stageName = (t: Translate, s: string | null) =>
  (STAGES as readonly string[]).includes(s ?? '') ? t(`req.stage.${s as Stage}`) : (s ?? '');
const statusName = (t: Translate, s: string) => (s in STATUS_TAG ? t(`req.status.${s as 'completed'}`) : s);

export function StatusTag(p: { t: Translate; status: string }) {
  return <span class={`tag ${STATUS_TAG[p.status] ?? 'tag--grey'}`}>{statusName(p.t, p.status)}</span>;
}

export function ClockTag(p: { t: Translate; clock: ClockView | null; label?: string; testid?: string }) {
  if (!p.clock) return null;
  const d = formatDuration(Math.abs(p.clock.remainingSeconds));
  const text = p.clock.remainingSeconds >= 0 ? p.t('req.clock.left', { d }) : p.t('req.clock.late', { d });
  return (
    <span class={`tag ${CLOCK_TAG[p.clock.state]}`} data-testid={p.testid} data-state={p.clock.state}>
      {p.label ? `${p.label}: ${text}` : text}
    </span>
  );
}
