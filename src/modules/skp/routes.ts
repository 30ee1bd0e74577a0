// E-Kinerja (SKP): the HTML pages (pages.tsx) and the JSON API under /api/v1/skp.
import { IdParam, type App } from '../../http/types.js';
import type { Services } from '../../wiring.js';
import { registerSkpEvalPages } from './pages-eval.js';
import { registerSkpTppPages } from './pages-tpp.js';
import { registerSkpLogPages } from './pages-logs.js';
import { registerSkpPages } from './pages.js';
import { registerSkpApiRoutes } from './routes-api.js';
import { skpPolicy as P } from './policy.js';

export function registerSkpRoutes(app: App, s: Services) {
  app.get(
    '/api/v1/skp/:id',
    {
      config: { access: P.view },
      schema: { tags: ['skp'], summary: 'One SKP with its results, indicators and behaviours', params: IdParam },
    },
    async (req) => {
      const d = await s.skp.detail(req.ctx(), req.params.id);
      return {
        id: d.p.id,
        employee: { id: d.p.employee_id, name: d.p.employee_name, nip: d.p.employee_nip, position: d.p.position },
        unit: d.p.unit_name,
        appraiser: d.p.appraiser_name,
        year: d.p.year,
        version: d.p.version,
        status: d.p.status,
        results: d.results.map((r) => ({
          id: r.id,
          kind: r.kind,
          text: r.text,
          supports: r.parent_result_id,
          indicators: r.indicators.map((i) => ({
            text: i.text,
            aspect: i.aspect,
            target: Number(i.target),
            unit: i.unit_label,
          })),
        })),
        behaviours: d.behaviours,
      };
    },
  );
  registerSkpApiRoutes(app, s);
  registerSkpPages(app, s);
  registerSkpLogPages(app, s);
  registerSkpEvalPages(app, s);
  registerSkpTppPages(app, s);
}
