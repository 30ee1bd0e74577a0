// /presensi/disiplin?tahun=YYYY: the PP 94/2021 discipline counts of the
// caller's units (a head of unit: their unit and below; the city's admin,
// BKPSDM: the whole city) — each person with unexcused days that year, the
// longest run, the heaviest threshold crossed and its article — above the
// rules table itself with its source, so a reader can check the numbers.
import type { App } from '../../http/types.js';
import { ErrorSummary, TextField } from '../../ui/forms.js';
import { Layout } from '../../ui/layout.js';
import { pageCtx, sendPage, type PageCtx } from '../../ui/page.js';
import type { MessageKey } from '../../i18n/index.js';
import { isMessageKey } from '../../i18n/index.js';
import type { Services } from '../../wiring.js';
import type { DisciplineThreshold } from './discipline-rules.js';
import { attendancePolicy as P } from './policy.js';

const YEAR = /^(20\d\d|2100)$/;

/** The sanction's name from the catalogue; a city's own code without a name shows as written. */
const sanctionName = (pc: PageCtx, code: string) => {
  const key = `discipline.sanction.${code}`;
  return isMessageKey(key) ? pc.t(key) : code;
};
const severity = (pc: PageCtx, r: DisciplineThreshold) => pc.t(`discipline.severity.${r.severity}` as MessageKey);

export function registerDisciplinePage(app: App, s: Services) {
  const A = s.attendance;
  app.get('/presensi/disiplin', { config: { access: P.oversee } }, async (req, reply) => {
    const pc = pageCtx(req, reply);
    const t = pc.t;
    const q = (req.query ?? {}) as Record<string, string | undefined>;
    const bad = q.tahun !== undefined && q.tahun !== '' && !YEAR.test(q.tahun);
    const year = q.tahun && !bad ? Number(q.tahun) : A.thisYear();
    const r = await A.discipline(req.ctx(), year);
    const title = t('discipline.title', { year });
    return sendPage(
      reply,
      <Layout pc={pc} title={title}>
        <h1>{title}</h1>
        <ErrorSummary t={t} errors={bad ? [{ field: 'tahun', key: 'discipline.err.year' }] : undefined} />
        <p>{t('discipline.intro')}</p>
        <form method="get" action="/presensi/disiplin" class="filters">
          <TextField
            t={t}
            name="tahun"
            label="pegawai.f.year"
            inputmode="numeric"
            value={String(year)}
            errors={bad ? [{ field: 'tahun', key: 'discipline.err.year' }] : undefined}
            class="input--small"
          />
          <button type="submit" class="button button--secondary">
            {t('discipline.show')}
          </button>
        </form>
        {r.rows.length ? (
          <div class="table-wrap">
            <table class="table" data-testid="discipline-table">
              <thead>
                <tr>
                  <th>{t('discipline.col_employee')}</th>
                  <th>{t('discipline.col_unit')}</th>
                  <th class="num">{t('discipline.col_days')}</th>
                  <th class="num">{t('discipline.col_run')}</th>
                  <th>{t('discipline.col_sanction')}</th>
                  <th>{t('discipline.col_article')}</th>
                </tr>
              </thead>
              <tbody>
                {r.rows.map((x) => (
                  <tr data-testid={`discipline-row-${x.employee.id}`}>
                    <td>
                      <a href={`/presensi/bulan?pegawai=${x.employee.id}`}>{x.employee.full_name}</a>
                      <br />
                      <span class="hint">NIP {x.employee.nip}</span>
                    </td>
                    <td>{x.employee.unit_name}</td>
                    <td class="num" data-testid="discipline-days">
                      {x.days}
                    </td>
                    <td class="num">{x.longestRun}</td>
                    <td data-testid="discipline-sanction" data-code={x.threshold?.code ?? ''}>
                      {x.threshold ? (
                        <>
                          {sanctionName(pc, x.threshold.code)} ({severity(pc, x.threshold)})
                          {x.by === 'berturut' ? (
                            <div class="hint">{t('discipline.by_run', { n: x.longestRun })}</div>
                          ) : null}
                        </>
                      ) : (
                        t('discipline.none_crossed')
                      )}
                    </td>
                    <td>{x.threshold?.article ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p data-testid="discipline-empty">{t('discipline.empty', { year })}</p>
        )}
        <h2>{t('discipline.rules_title')}</h2>
        <ul data-testid="discipline-rules">
          {r.table.cumulative.map((x) => (
            <li>
              {t('discipline.rules_cumulative', { days: x.minDays })}: {sanctionName(pc, x.code)} ({severity(pc, x)}) —{' '}
              {x.article}
            </li>
          ))}
          {r.table.consecutive.map((x) => (
            <li>
              {t('discipline.rules_consecutive', { days: x.minDays })}: {sanctionName(pc, x.code)} ({severity(pc, x)}) —{' '}
              {x.article}
            </li>
          ))}
        </ul>
        <p class="hint">
          {t('discipline.source', { source: r.table.source })} {r.table.verification}
        </p>
      </Layout>,
      bad ? 400 : 200,
    );
  });
}
