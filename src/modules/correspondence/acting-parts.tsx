// Page parts of disposisi held by a Plh./Plt. (issue 15 item 1): the "a.n." mark on a disposition the caller
// holds for someone else, and the trail of acts done for someone else (who acted, on whose behalf).
import { ACTING_PREFIX, type ActingKind } from '../employees/index.js';
import type { PageCtx } from '../../ui/page.js';
import type { ActingAct } from './dispositions-service.js';
import { formatWhen } from './page-parts.js';

/** "Plh. — a.n. Budi": shown on a disposition the caller takes from the queue of the person they stand in for. */
export function OnBehalf(p: { pc: PageCtx; kind: string; name: string; id: number }) {
  const prefix = ACTING_PREFIX[p.kind as ActingKind] ?? p.kind;
  return (
    <p class="tag" data-testid={`disposition-on-behalf-${p.id}`}>
      {p.pc.t('tenggat.on_behalf', { prefix, name: p.name })}
    </p>
  );
}

const STEPS: Record<string, 'tenggat.step_baca' | 'tenggat.step_disposisi' | 'tenggat.step_lapor'> = {
  baca: 'tenggat.step_baca',
  disposisi: 'tenggat.step_disposisi',
  lapor: 'tenggat.step_lapor',
};

/** The acts on a disposition done by a Plh./Plt.: both names. */
export function ActsTrail(p: { pc: PageCtx; acts: ActingAct[]; id: number }) {
  if (!p.acts.length) return null;
  const { t } = p.pc;
  return (
    <ul class="acting-trail" data-testid={`disposition-acts-${p.id}`}>
      {p.acts.map((a) => (
        <li>
          {t('tenggat.act', {
            step: t(STEPS[a.step] ?? 'tenggat.step_baca'),
            actor: a.actor_name,
            prefix: ACTING_PREFIX[a.kind as ActingKind] ?? a.kind,
            holder: a.holder_name ?? a.post_title,
            when: formatWhen(a.acted_at, p.pc),
          })}
        </li>
      ))}
    </ul>
  );
}
