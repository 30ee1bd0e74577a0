// A unit's monthly recap as one sheet — the page's table, the CSV, the XLSX
// (numbers stay numbers) and the PDF for signing all carry the same rows —
// and sending it in a format, for the page and the API alike.
import type { FastifyReply } from 'fastify';
import { translator, type Translate } from '../../i18n/index.js';
import type { Services } from '../../wiring.js';
import { formatIndonesianDate } from '../../lib/text.js';
import { sendSheet } from '../../kernel/export.js';
import type { Sheet } from '../../kernel/export.js';
import { systemCtx } from './close-day.js';
import { renderRecapPdf } from './recap-pdf.js';
import { absenceStatus, ABSENCE_TYPES, type MonthSummary } from './rules.js';
import { employeeIdentity } from '../employees/index.js';

export type Recap = Awaited<ReturnType<Services['attendance']['recap']>>;
export type RecapFormat = 'csv' | 'xlsx' | 'pdf';
export const recapFormat = (f: unknown): RecapFormat | null => (f === 'csv' || f === 'xlsx' || f === 'pdf' ? f : null);

/** The day-status groups absences are counted in (every cuti_* type is cuti). */
export const ABSENCE_GROUPS = ['izin', 'sakit', 'cuti', 'dinas_luar', 'tugas_belajar'] as const;
/** The number (NIP, NI PPPK or nomor pegawai), name and unit are text; every other column is a number. */
export const RECAP_TEXT_COLUMNS = [0, 1, 2];

export function absenceCounts(s: MonthSummary): Record<(typeof ABSENCE_GROUPS)[number], number> {
  const out = { izin: 0, sakit: 0, cuti: 0, dinas_luar: 0, tugas_belajar: 0 };
  for (const type of ABSENCE_TYPES) out[absenceStatus(type)] += s.absences[type] ?? 0;
  return out;
}

export const monthLabel = (month: string, locale = 'id') =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));

export function recapSheet(t: Translate, r: Recap): Sheet {
  const bands = [...r.rules.lateBands, ...r.rules.earlyBands].map((b) => b.code);
  return {
    title: `${t('presensi.recap_title')} ${r.month}`,
    header: [
      t('presensi.recap.nip'),
      t('presensi.recap.name'),
      t('presensi.recap.unit'),
      t('presensi.recap.work_days'),
      t('presensi.recap.out_of_service'),
      t('presensi.recap.present'),
      t('presensi.recap.late_minutes'),
      ...bands,
      t('presensi.recap.permit_days'),
      ...ABSENCE_GROUPS.map((g) => t(`presensi.status.${g}`)),
      t('presensi.recap.tk'),
      t('presensi.recap.cut'),
    ],
    rows: r.rows.map(({ employee: e, summary: s }) => {
      const abs = absenceCounts(s);
      return [
        employeeIdentity(e).number,
        e.full_name,
        e.unit_name,
        s.workDays,
        s.outOfService,
        s.present,
        s.lateMinutes,
        ...bands.map((b) => s.bands[b] ?? 0),
        s.permitDays,
        ...ABSENCE_GROUPS.map((g) => abs[g]),
        s.absentWithoutReason,
        s.cutPercent,
      ];
    }),
  };
}

/** The signing copy: always in Indonesian, with the city, the unit's head and today's date in the city. */
async function recapPdf(s: Services, r: Recap): Promise<Buffer> {
  const city = r.unit.path.split('/')[0]!;
  // Region names are public national data; the caller may be a head of unit, whose scope covers no region.
  const cityName = await s.regions.get(systemCtx(city), city).then(
    (x) => x.region.name,
    () => city,
  );
  const head = r.rows.find((x) => x.employee.id === r.unit.head_employee_id)?.employee;
  const place = cityName.replace(/^(kota|kabupaten)\s+/i, '').trim();
  return renderRecapPdf({
    cityName,
    unitName: r.unit.name,
    monthLabel: monthLabel(r.month),
    sheet: recapSheet(translator('id'), r),
    textColumns: RECAP_TEXT_COLUMNS,
    signer: {
      position: `Kepala ${r.unit.name}`,
      name: head?.full_name ?? null,
      idLabel: translator('id')(head ? employeeIdentity(head).labelKey : 'pegawai.id.NIP'),
      number: head ? employeeIdentity(head).number : null,
    },
    placeDate: `${place}, ${formatIndonesianDate(s.attendance.localToday())}`,
  });
}

export async function sendRecap(reply: FastifyReply, s: Services, t: Translate, r: Recap, format: RecapFormat) {
  const name = `rekap-presensi-${r.unit.code}-${r.month}`;
  reply.header('cache-control', 'private, no-store');
  if (format !== 'pdf') return sendSheet(reply, recapSheet(t, r), format, name);
  const pdf = await recapPdf(s, r);
  return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`).send(pdf);
}
