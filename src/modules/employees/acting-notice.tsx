// The line on a person's own pages (presensi home) saying when they act for
// someone — "Anda Plh. Kepala Dinas X sampai 10 Desember 2026" — or when
// someone stands in for them. Data: employees.acting.mine(ctx).
import type { PageCtx } from '../../ui/page.js';
import { ACTING_PREFIX } from './acting-rules.js';
import type { ActingUseCases } from './acting-service.js';

type Mine = Awaited<ReturnType<ActingUseCases['mine']>>[number];

/** "10 Desember 2026" (or "10 December 2026"). */
export const actingDate = (pc: PageCtx, date: string) =>
  new Intl.DateTimeFormat(pc.locale === 'en' ? 'en-GB' : 'id-ID', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));

export function ActingNotice(p: { pc: PageCtx; items: readonly Mine[] }) {
  const { pc } = p;
  const t = pc.t;
  if (!p.items.length) return null;
  return (
    <div class="notice" role="status" data-testid="acting-notice">
      {p.items.map((a) => {
        const prefix = ACTING_PREFIX[a.kind];
        const text = !a.asDelegate
          ? t('acting.your_stand_in', {
              name: a.delegate.name,
              prefix,
              post: a.postTitle,
              from: actingDate(pc, a.startDate),
              to: actingDate(pc, a.endDate),
            })
          : a.state === 'upcoming'
            ? t('acting.you_will_act', {
                prefix,
                post: a.postTitle,
                from: actingDate(pc, a.startDate),
                to: actingDate(pc, a.endDate),
              })
            : a.holder
              ? t('acting.you_act_for', {
                  prefix,
                  post: a.postTitle,
                  holder: a.holder.name,
                  date: actingDate(pc, a.endDate),
                })
              : t('acting.you_act', { prefix, post: a.postTitle, date: actingDate(pc, a.endDate) });
        return <p data-testid={`acting-notice-${a.id}`}>{text}</p>;
      })}
    </div>
  );
}
