// GET /program-rtrw/laporan.pdf?bulan=YYYY-MM — the monthly report of the
// signed-in official's kelurahan (or any kelurahan under them with ?wilayah=).
import { Type } from 'typebox';
import type { App } from '../../http/types.js';
import { notFound } from '../../lib/errors.js';
import type { Services } from '../../wiring.js';
import { assertCovers } from '../../kernel/scope.js';
import { postCounts, renderMonthlyReport, type MonthlyReport } from './report.js';

const Query = Type.Object({
  bulan: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', maxLength: 7 })),
  wilayah: Type.Optional(Type.String({ pattern: '^\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{4}$', maxLength: 13 })),
});

export function registerMonthlyReport(app: App, s: Services) {
  app.get(
    '/program-rtrw/laporan.pdf',
    {
      config: { access: ['admin_kota', 'camat', 'staf_kecamatan', 'lurah', 'staf_kelurahan'] },
      schema: { querystring: Query },
    },
    async (req, reply) => {
      const ctx = req.ctx();
      const under =
        req.query.wilayah ?? (ctx.scope.regionCode.split('.').length === 4 ? ctx.scope.regionCode : undefined);
      if (!under) throw notFound();
      assertCovers(ctx.scope, under);
      const month = req.query.bulan ?? s.programme.currentMonth();
      const [region] = await s.regions.tree(ctx, ['kelurahan'], under);
      if (!region) throw notFound();
      const city = (await s.regions.get(ctx, under)).ancestors.find((a) => a.level === 'kabkota');
      const [overview, completion, bpjs, data, pay, kin] = await Promise.all([
        s.rtrw.overview(ctx),
        s.programme.completion(ctx, under),
        s.programme.bpjsMonthly(ctx, under),
        s.programme.dataList(ctx, month, under),
        s.programme.payList(ctx, month, under),
        s.kinerja.ranking(ctx, month),
      ]);
      // Everything below counts the kelurahan only: the overview covers the caller's whole scope.
      const inKel = (code: string) => code === under || code.startsWith(under + '.');
      const pact = overview.pact;
      const report: MonthlyReport = {
        cityName: city?.name ?? '',
        regionName: region.name,
        month,
        posts: postCounts(overview.regions, under),
        endingSoon: overview.endingSoon.filter((x) => inKel(x.region_code)).length,
        pactVersion: pact.current?.version ?? null,
        pactSigned: pact.signatures.filter((x) => inKel(x.region_code)).length,
        pactUnsigned: pact.unsigned.filter((x) => inKel(x.region_code)).length,
        trainingComplete: completion.filter((c) => !c.missing.length).length,
        trainingMissing: completion
          .filter((c) => c.missing.length)
          .map((c) => ({ name: c.head.full_name, topics: c.missing.map((m) => req.t(`prog.topic.${m}`)) })),
        bpjsMembers: bpjs.rows.length,
        bpjsTotal: bpjs.total,
        dataDistributed: data.distributed,
        dataUsedMb: data.rows.reduce((a, r) => a + r.usedMb, 0),
        allowanceRows: pay.rows.length,
        allowanceTotal: pay.total,
        allowancePaid: pay.totalPaid,
        ranking: kin.heads
          .filter((h) => inKel(h.regionCode))
          .map((h) => ({ name: h.name, region: h.regionName, score: h.score })),
      };
      const pdf = await renderMonthlyReport(report, req.t, req.locale);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="laporan-rtrw-${under}-${month}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}
