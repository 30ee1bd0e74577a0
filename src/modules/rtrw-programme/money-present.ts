// The finance office's payment list as a sheet (CSV/XLSX) and the data a
// kuitansi prints, from the honor use cases' answers.
import type { Translate } from '../../i18n/index.js';
import type { KuitansiData } from './honor-pdf.js';
import type { ProgrammeService } from './service.js';
import type { Sheet } from './rules.js';

type Res<K extends keyof ProgrammeService> = Awaited<ReturnType<ProgrammeService[K]>>;
const role = (t: Translate, r: string) => t(r === 'ketua_rw' ? 'role.ketua_rw' : 'role.ketua_rt');

export function paymentListSheet(t: Translate, r: Res<'paymentList'>): Sheet {
  const sum = (f: (x: Res<'paymentList'>['rows'][number]) => number) => r.rows.reduce((a, x) => a + f(x), 0);
  return {
    title: t('money.payment_list_title', { period: r.period }),
    header: [
      t('prog.name'),
      t('prog.role'),
      t('money.col_region'),
      t('money.col_kelurahan'),
      t('money.col_nik'),
      t('money.bank_name'),
      t('money.account_number'),
      t('money.col_holder'),
      t('money.gross'),
      t('money.tax'),
      t('money.net'),
    ],
    rows: r.rows.map((x) => [
      x.payment.full_name,
      role(t, x.payment.role),
      x.payment.region_name,
      x.kelurahan,
      x.nikMasked,
      x.bankName,
      x.account,
      x.accountHolder,
      x.payment.amount,
      x.payment.tax,
      x.payment.net,
    ]),
    total: [
      t('prog.total'),
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      sum((x) => x.payment.amount),
      sum((x) => x.payment.tax),
      sum((x) => x.payment.net),
    ],
  };
}

export function kuitansiData(t: Translate, k: Res<'kuitansi'>): KuitansiData {
  const p = k.payment;
  return {
    number: `HNR/${p.period}/${p.id}`,
    cityName: k.cityName,
    kelurahanName: k.kelurahanName,
    headName: p.full_name,
    roleLabel: role(t, p.role),
    regionName: p.region_name,
    nikMasked: k.nikMasked,
    npwpMasked: k.npwpMasked,
    bankName: k.bankName,
    accountMasked: k.accountMasked,
    period: p.period,
    gross: p.amount,
    tax: p.tax,
    net: p.net,
    taxRule: String((p.tax_rule as { version?: string } | null)?.version ?? '-'),
    day: k.day,
    timeZone: k.timeZone,
  };
}
