// Pieces of the naskah keluar pages: the version diff (<ins>/<del>, with words for screen readers), the routing
// trail with both names when a Plt./Plh. acted, and the queues of the E-Surat home.
import type { PageCtx } from '../../ui/page.js';
import { TableWrap } from '../../ui/lists.js';
import type { DiffOp } from './keluar-diff.js';
import type { StepRow } from './keluar-repo.js';
import { formatWhen } from './page-parts.js';
import type { NaskahStatus } from './tables.js';

export function DiffView(p: { pc: PageCtx; ops: DiffOp[]; from: number; to: number }) {
  const { t } = p.pc;
  return (
    <section data-testid="version-diff" aria-labelledby="diff-title">
      <h3 id="diff-title">{t('keluar.diff_title', { from: p.from, to: p.to })}</h3>
      <p class="hint">{t('keluar.diff_hint')}</p>
      <div class="letter-text diff">
        {p.ops.map((o) =>
          o.op === 'eq' ? (
            o.text
          ) : o.op === 'ins' ? (
            <ins data-testid="diff-ins">
              <span class="visually-hidden">[{t('keluar.diff_added')}: </span>
              {o.text}
              <span class="visually-hidden">]</span>
            </ins>
          ) : (
            <del data-testid="diff-del">
              <span class="visually-hidden">[{t('keluar.diff_removed')}: </span>
              {o.text}
              <span class="visually-hidden">]</span>
            </del>
          ),
        )}
      </div>
    </section>
  );
}

const ACT_PREFIX: Record<string, string> = { plt: 'Plt.', plh: 'Plh.', an: 'a.n.', ub: 'u.b.' };

/** One round of the routing list: who, as what, what they did and when; a delegate's act names both people. */
export function RoutingTrail(p: { pc: PageCtx; steps: StepRow[]; currentId: number | null; round: number }) {
  const { t } = p.pc;
  return (
    <TableWrap label={t('keluar.routing_title')}>
      <table class="table" data-testid={`routing-round-${p.round}`}>
        <thead>
          <tr>
            <th>{t('keluar.col_step')}</th>
            <th>{t('keluar.col_person')}</th>
            <th>{t('keluar.col_state')}</th>
          </tr>
        </thead>
        <tbody>
          {p.steps.map((s) => (
            <tr data-testid={`step-${s.id}`} aria-current={s.id === p.currentId ? 'step' : undefined}>
              <td>
                {s.position}. {t(`keluar.role.${s.role}`)}
              </td>
              <td>
                {s.person_name}
                {s.person_position ? <span class="hint"> — {s.person_position}</span> : null}
              </td>
              <td data-testid={`step-state-${s.id}`}>
                {s.id === p.currentId ? <strong>{t('keluar.state_current')}</strong> : t(`keluar.status.${s.status}`)}
                {s.acted_at ? ` · ${formatWhen(s.acted_at, p.pc)}` : ''}
                {s.acting_kind && s.actor_name ? (
                  <span data-testid={`step-acting-${s.id}`}>
                    {' '}
                    ·{' '}
                    {t('keluar.acted_for', {
                      actor: s.actor_name,
                      kind: ACT_PREFIX[s.acting_kind] ?? '',
                      holder: s.person_name,
                    })}
                  </span>
                ) : null}
                {s.comment ? (
                  <p class="comment" data-testid={`step-comment-${s.id}`}>
                    {t('keluar.comment')}: {s.comment}
                  </p>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

type QueueRow = { id: number; perihal: string; status: NaskahStatus; letter_number: string | null; unit_name: string };
export function QueueList(p: { pc: PageCtx; rows: QueueRow[]; testid: string; title: string }) {
  const { t } = p.pc;
  return (
    <section id={p.testid}>
      <h2>
        {p.title} ({p.rows.length})
      </h2>
      {p.rows.length ? (
        <ul data-testid={p.testid}>
          {p.rows.map((r) => (
            <li data-testid={`${p.testid}-${r.id}`}>
              <a href={`/surat/keluar/${r.id}`}>{r.letter_number ?? t('keluar.no_number')}</a> — {r.perihal} (
              {r.unit_name}; {t(`keluar.nstatus.${r.status}`)})
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('keluar.queue_empty')}</p>
      )}
    </section>
  );
}
