// "The national calendar for 2027 is missing": one notice per year without
// libur nasional or cuti bersama, saying what happens and what to do.
import type { Translate } from '../../i18n/index.js';

export interface CalendarWarning {
  year: number;
  /** A shipped file can fill the year at once. */
  shipped: boolean;
}

export function CalendarWarnings(p: { t: Translate; warnings: readonly CalendarWarning[]; link?: boolean }) {
  if (!p.warnings.length) return null;
  const t = p.t;
  return (
    <>
      {p.warnings.map((w) => (
        <div class="notice notice--warning" role="status" data-testid={`calendar-warning-${w.year}`}>
          <h2>{t('kalender.warning_title', { year: w.year })}</h2>
          <p>{t('kalender.warning_body', { year: w.year })}</p>
          {w.shipped ? <p>{t('kalender.warning_shipped', { year: w.year })}</p> : null}
          {p.link === false ? null : (
            <p>
              <a href={`/pegawai/kalender?year=${w.year}`}>{t('kalender.warning_link', { year: w.year })}</a>
            </p>
          )}
        </div>
      ))}
    </>
  );
}
