// The programme's lists as sheets (one shape for the page table, CSV and
// XLSX), and sending a sheet as a file. Numbers stay numbers in XLSX.
import type { Translate } from '../../i18n/index.js';
import { formatRtRwIn } from '../../kernel/regions.js';
import { formatIndonesianDate } from '../../lib/text.js';
import type { ProgrammeService } from './service.js';
import type { Sheet, Topic } from './rules.js';

type Res<K extends keyof ProgrammeService> = Awaited<ReturnType<ProgrammeService[K]>>;
const role = (t: Translate, r: string) => t(r === 'ketua_rw' ? 'role.ketua_rw' : 'role.ketua_rt');
/** 'RT 001 / RW 001, Kelurahan Ketapang': an RT named so it can be told apart across the city. */
export const regionOf = (h: { region_code: string; kelurahan_name: string | null }) =>
  formatRtRwIn(h.region_code, h.kelurahan_name);
/** "2 Desember 2026": a date column as people write it; an instant is read in the city's zone. */
const day = (d: Date | string | null | undefined, timeZone: string) =>
  d ? formatIndonesianDate(d instanceof Date ? d.toISOString() : d, timeZone) : null;

export function completionSheet(t: Translate, list: Res<'completion'>): Sheet {
  return {
    title: t('prog.completion'),
    header: [t('prog.region'), t('prog.name'), t('prog.role'), t('prog.trainings_attended'), t('prog.missing')],
    rows: list.map((r) => [
      regionOf(r.head),
      r.head.full_name,
      role(t, r.head.role),
      r.attended.length,
      r.missing.length ? r.missing.map((m: Topic) => t(`prog.topic.${m}`)).join('; ') : t('prog.complete'),
    ]),
  };
}

export function bpjsSheet(t: Translate, r: Res<'bpjsMonthly'>, timeZone: string): Sheet {
  return {
    title: t('prog.bpjs_monthly'),
    header: [
      t('prog.region'),
      t('prog.name'),
      t('prog.role'),
      t('prog.membership_number'),
      t('prog.start_date'),
      t('prog.contribution'),
    ],
    rows: r.rows.map((x) => [
      regionOf(x.head),
      x.head.full_name,
      role(t, x.head.role),
      x.enrolment.membership_number,
      day(x.enrolment.start_date, timeZone),
      x.enrolment.monthly_contribution,
    ]),
    total: [t('prog.total'), null, null, null, null, r.total],
  };
}

export function dataSheet(t: Translate, r: Res<'dataList'>, timeZone: string): Sheet {
  return {
    title: t('prog.data_list'),
    header: [
      t('prog.region'),
      t('prog.name'),
      t('prog.role'),
      t('prog.phone'),
      t('prog.operator'),
      t('prog.distributed_at'),
      t('prog.receipt'),
      t('prog.quota_mb'),
      t('prog.portal_mb'),
      t('prog.used_mb'),
    ],
    rows: r.rows.map((x) => [
      regionOf(x.head),
      x.head.full_name,
      role(t, x.head.role),
      x.allocation?.phone ?? null,
      x.allocation?.operator ?? null,
      day(x.allocation?.distributed_at, timeZone),
      x.allocation?.receipt_note ?? null,
      x.allocation ? x.quotaMb : null,
      x.allocation ? x.portalMb : null,
      x.usedMb,
    ]),
    total: [t('prog.total'), null, null, null, null, r.distributed, null, r.totalQuotaMb, null, null],
  };
}

export function allowanceSheet(t: Translate, r: Res<'payList'>, timeZone: string): Sheet {
  return {
    title: t('prog.allowance_list'),
    header: [
      t('prog.region'),
      t('prog.name'),
      t('prog.role'),
      t('prog.amount'),
      t('money.tax'),
      t('money.net'),
      t('prog.paid_at'),
    ],
    rows: r.rows.map((x) => [
      regionOf(x.head),
      x.head.full_name,
      role(t, x.head.role),
      x.amount,
      x.tax,
      x.net,
      day(x.paidAt, timeZone) ?? t('prog.unpaid'),
    ]),
    total: [t('prog.total'), null, null, r.total, r.totalTax, r.totalNet, null],
  };
}

export { sendSheet, toXlsx, type ExportFormat } from '../../kernel/export.js';
