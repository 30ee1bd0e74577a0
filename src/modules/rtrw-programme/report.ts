// The monthly report of a kelurahan's RT/RW programme as an A4 PDF: heads
// and vacancies, pact, training, BPJS, data package, allowances and the
// performance ranking, with a bar chart of the scores. Built-in Helvetica only;
// every word from the message catalogue, every code as its label.
import PDFDocument from 'pdfkit';
import type { Translate } from '../../i18n/index.js';
import { pdfBuffer } from '../../lib/pdf.js';

export interface MonthlyReport {
  cityName: string;
  regionName: string;
  /** YYYY-MM */
  month: string;
  posts: PostCounts;
  endingSoon: number;
  pactVersion: number | null;
  pactSigned: number;
  pactUnsigned: number;
  trainingComplete: number;
  /** Topics already as labels. */
  trainingMissing: { name: string; topics: string[] }[];
  bpjsMembers: number;
  bpjsTotal: number;
  dataDistributed: number;
  dataUsedMb: number;
  allowanceRows: number;
  allowanceTotal: number;
  allowancePaid: number;
  ranking: { name: string; region: string; score: number }[];
}

export interface PostCounts {
  posts: number;
  active: number;
  vacant: number;
}

/**
 * Heads' posts of a kelurahan: every active RW and RT under it is one post of
 * ketua, filled when a ketua term is active there. Counted from the same rows,
 * so active + vacant = posts (head accounts are not posts: an account may
 * exist for a post with no term, or a term without an account).
 */
export function postCounts(regions: readonly { code: string; ketua: unknown }[], kelurahan: string): PostCounts {
  const mine = regions.filter((r) => r.code.startsWith(kelurahan + '.'));
  const active = mine.filter((r) => r.ketua).length;
  return { posts: mine.length, active, vacant: mine.length - active };
}

/** 'Desember 2026' from '2026-12'. */
export function monthName(month: string, locale: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));
}

/** The report's sections as lines of text (what the PDF prints, testable without reading a PDF). */
export function reportSections(r: MonthlyReport, t: Translate, locale = 'id'): { title: string; lines: string[] }[] {
  const rupiah = (n: number) => 'Rp ' + n.toLocaleString('id-ID');
  const decimal = (n: number) =>
    n.toLocaleString(locale === 'en' ? 'en-GB' : 'id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return [
    {
      title: t('report.heads'),
      lines: [
        t('report.posts', { n: r.posts.posts }),
        t('report.active', { n: r.posts.active }),
        t('report.vacant', { n: r.posts.vacant }),
        t('report.ending', { n: r.endingSoon }),
      ],
    },
    {
      title: t('report.pact'),
      lines: [
        r.pactVersion === null
          ? t('report.pact_none')
          : t('report.pact_counts', { version: r.pactVersion, signed: r.pactSigned, unsigned: r.pactUnsigned }),
      ],
    },
    {
      title: t('report.training'),
      lines: [
        t('report.training_complete', { n: r.trainingComplete }),
        ...r.trainingMissing
          .slice(0, 15)
          .map((m) => t('report.training_missing', { name: m.name, topics: m.topics.join(', ') })),
      ],
    },
    {
      title: t('report.bpjs'),
      lines: [t('report.bpjs_members', { n: r.bpjsMembers }), t('report.bpjs_total', { amount: rupiah(r.bpjsTotal) })],
    },
    {
      title: t('report.data'),
      lines: [
        t('report.data_distributed', { n: r.dataDistributed }),
        t('report.data_used', { mb: decimal(r.dataUsedMb) }),
      ],
    },
    {
      title: t('report.allowance'),
      lines: [
        t('report.allowance_rows', { n: r.allowanceRows }),
        t('report.allowance_total', { total: rupiah(r.allowanceTotal), paid: rupiah(r.allowancePaid) }),
      ],
    },
  ];
}

const MM = 72 / 25.4;

export function renderMonthlyReport(r: MonthlyReport, t: Translate, locale: string): Promise<Buffer> {
  const month = monthName(r.month, locale);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 20 * MM, bottom: 20 * MM, left: 20 * MM, right: 20 * MM },
    info: { Title: `${t('report.title', { region: r.regionName })} ${month}` },
  });
  const done = pdfBuffer(doc);
  const width = doc.page.width - 40 * MM;

  doc
    .font('Helvetica-Bold')
    .fontSize(13)
    .text(t('report.government', { city: r.cityName.toUpperCase() }), { align: 'center' });
  doc.fontSize(12).text(t('report.title', { region: r.regionName.toUpperCase() }), { align: 'center' });
  doc.font('Helvetica').fontSize(10).text(t('report.month', { month }), { align: 'center' }).moveDown();

  for (const s of reportSections(r, t, locale)) {
    doc.font('Helvetica-Bold').fontSize(11).text(s.title).font('Helvetica').fontSize(10);
    for (const l of s.lines) doc.text(`• ${l}`, { width });
    doc.moveDown(0.6);
  }

  doc.font('Helvetica-Bold').fontSize(11).text(t('report.kinerja')).font('Helvetica').fontSize(9);
  const top = r.ranking.slice(0, 20);
  const barMax = width - 70 * MM;
  for (const h of top) {
    const y = doc.y;
    doc.text(`${h.name} (${h.region})`.slice(0, 40), 20 * MM, y, { width: 60 * MM, lineBreak: false });
    doc
      .rect(20 * MM + 62 * MM, y + 1, Math.max(1, (h.score / 100) * barMax), 8)
      .fill('#1d3f72')
      .fillColor('#000000');
    doc.text(h.score.toFixed(1), 20 * MM + 62 * MM + barMax + 4, y, { lineBreak: false });
    doc.y = y + 12;
  }
  if (!top.length) doc.text(t('report.kinerja_none'));
  doc.end();
  return done;
}
