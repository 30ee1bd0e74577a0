// The roll-up table on the programme's lists for a camat or the city: one
// row per kecamatan (under a city) or kelurahan (under a kecamatan), each
// linking to the same list narrowed to it (?under=<code>).
import type { Ctx } from '../../kernel/context.js';
import type { PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';
import { qs } from './page-parts.js';
import { rollUp, rollupLevel, totalOf, type RollupRow } from './rollup.js';

type Completion = Awaited<ReturnType<Services['programme']['completion']>>;

/** Null when the list is already one kelurahan (or below). `completion`: the list the page shows, if it has it. */
export async function loadRollup(
  s: Services,
  ctx: Ctx,
  under: string | undefined,
  opts: { completion?: Completion; month?: string } = {},
) {
  const code = under || ctx.scope.regionCode;
  const level = rollupLevel(code);
  if (!level) return null;
  const month = opts.month ?? s.programme.currentMonth();
  const [completion, groups, overview, data, pay] = await Promise.all([
    opts.completion ?? s.programme.completion(ctx, code),
    s.regions.tree(ctx, [level], code),
    s.rtrw.overview(ctx),
    s.programme.dataList(ctx, month, code),
    s.programme.payList(ctx, month, code),
  ]);
  const signed = new Set(overview.pact.signatures.map((x) => x.term_id));
  const received = new Set(data.rows.filter((r) => r.allocation?.distributed_at).map((r) => r.head.id));
  const due = new Map(pay.rows.map((r) => [r.head.id, !!r.paidAt]));
  const rows = rollUp(groups, {
    posts: overview.regions.map((r) => ({
      code: r.code,
      filled: !!r.ketua,
      pactSigned: !!r.ketua && signed.has(r.ketua.id),
    })),
    heads: completion.map((c) => ({
      code: c.head.region_code,
      trained: !c.missing.length,
      dataReceived: received.has(c.head.id),
      honorDue: due.has(c.head.id),
      honorPaid: due.get(c.head.id) === true,
    })),
  });
  return { rows, month, level };
}

const of = (n: number, d: number) => `${n} / ${d}`;

export function RollupTable(p: {
  pc: PageCtx;
  r: NonNullable<Awaited<ReturnType<typeof loadRollup>>>;
  path: string;
  query: Record<string, string | undefined>;
}) {
  const t = p.pc.t;
  const cells = (x: Omit<RollupRow, 'code' | 'name'>) => [
    of(x.filled, x.posts),
    of(x.pactSigned, x.filled),
    of(x.trained, x.heads),
    of(x.dataReceived, x.heads),
    of(x.honorPaid, x.honorDue),
  ];
  const total = totalOf(p.r.rows);
  return (
    <section>
      <h2>{t('rollup.title')}</h2>
      <p class="hint">{t('rollup.hint')}</p>
      <div class="table-wrap" role="region" tabindex={0} aria-label={t('rollup.title')}>
        <table class="table" data-testid="rollup-table">
          <thead>
            <tr>
              <th>{t('rollup.col_region')}</th>
              <th>{t('rollup.col_posts')}</th>
              <th>{t('rollup.col_pact')}</th>
              <th>{t('rollup.col_trained')}</th>
              <th>{t('rollup.col_data', { month: p.r.month })}</th>
              <th>{t('rollup.col_honor', { period: p.r.month })}</th>
            </tr>
          </thead>
          <tbody>
            {p.r.rows.map((x) => (
              <tr data-testid={`rollup-${x.code}`}>
                <td>
                  <a href={`${p.path}?${qs({ ...p.query, under: x.code })}`}>
                    {t(p.r.level === 'kelurahan' ? 'home.region_kelurahan' : 'home.region_kecamatan', { name: x.name })}
                  </a>
                </td>
                {cells(x).map((c) => (
                  <td>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>{t('rollup.total')}</th>
              {cells(total).map((c) => (
                <th>{c}</th>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
