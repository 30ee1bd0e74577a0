// What the RT/RW programme asks of a head now, on their home page: the pact
// (with the link to sign it), the next training, this month's data package,
// the last honorarium and the BPJS status. Read through the owning modules'
// services (rt-rw: pactStatus; rtrw-programme: mine, nextTraining).
import type { Ctx } from '../../kernel/context.js';
import { formatTime } from '../../ui/format.js';
import type { PageCtx } from '../../ui/page.js';
import type { Services } from '../../wiring.js';

export async function loadProgrammeStatus(s: Services, ctx: Ctx) {
  const [pact, mine, training] = await Promise.all([
    s.rtrw.pactStatus(ctx),
    s.programme.mine(ctx),
    s.programme.nextTraining(ctx),
  ]);
  return { pact, mine, training };
}
type Status = Awaited<ReturnType<typeof loadProgrammeStatus>>;

const rupiah = (n: number) => n.toLocaleString('id-ID');

export function ProgrammeStatus(p: { pc: PageCtx; status: Status }) {
  const { pc } = p;
  const { pact, mine, training } = p.status;
  const t = pc.t;
  const signature = pact.signatures[0];
  const version = pact.current?.version ?? 0;
  const data = mine.allocations.find((a) => a.month === mine.month && a.distributed_at);
  const honor = mine.payments[0];
  const bpjs = mine.enrolment
    ? t(mine.enrolment.status === 'aktif' ? 'home.prog_bpjs_aktif' : 'home.prog_bpjs_nonaktif')
    : t('home.prog_bpjs_none');
  return (
    <section data-testid="home-programme">
      <h2>{t('home.prog_title')}</h2>
      <ul class="link-list">
        <li data-testid="home-pact" data-state={!pact.current ? 'none' : signature ? 'signed' : 'unsigned'}>
          {!pact.current ? (
            t('home.prog_pact_none')
          ) : signature ? (
            t(signature.countersigned_at ? 'home.prog_pact_countersigned' : 'home.prog_pact_signed', { version })
          ) : pact.unsigned.length ? (
            <>
              {t('home.prog_pact_unsigned', { version })}{' '}
              <a href="/rt-rw/pakta" class="button" data-testid="home-pact-sign">
                {t('home.prog_pact_sign')}
              </a>
            </>
          ) : (
            t('home.prog_pact_no_term')
          )}
        </li>
        <li data-testid="home-training">
          {training
            ? t('home.prog_training_next', {
                title: training.title,
                at: formatTime(training.starts_at, pc, 'long'),
                place: training.place,
              })
            : t('home.prog_training_none')}
        </li>
        <li data-testid="home-data" data-state={data ? 'received' : 'missing'}>
          {data
            ? t('home.prog_data_received', { month: mine.month, quota: data.quota_mb })
            : t('home.prog_data_missing', { month: mine.month })}
        </li>
        <li data-testid="home-honor" data-state={!honor ? 'none' : honor.paid_at ? 'paid' : 'unpaid'}>
          {!honor
            ? t('home.prog_honor_none')
            : honor.paid_at
              ? t('home.prog_honor_paid', { period: honor.period, amount: rupiah(honor.amount) })
              : t('home.prog_honor_unpaid', { period: honor.period })}
        </li>
        <li data-testid="home-bpjs" data-state={mine.enrolment?.status ?? 'none'}>
          {t('home.prog_bpjs', { status: bpjs })}
        </li>
      </ul>
      <p>
        <a href="/program-rtrw">{t('home.prog_more')}</a>
      </p>
    </section>
  );
}
