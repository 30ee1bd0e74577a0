// The demo city's RT/RW programme on day one: the demo RW and RT heads hold
// their posts (a term of the configured length from today, with a decree
// number) and the city has the default pact published, so the RT head can
// sign at once and the lurah countersign.
import type { Ctx } from '../kernel/context.js';
import { defaultPact } from '../modules/rt-rw/default-pact.js';
import type { Services } from '../wiring.js';

export async function seedDemoHeads(
  s: Services,
  admin: Ctx,
  a: { cityCode: string; heads: { regionCode: string; userId: number; name: string }[] },
) {
  await s.rtrw.publishPact(admin, a.cityCode, defaultPact());
  const start = s.rtrw.today();
  let n = 0;
  for (const h of a.heads) {
    n++;
    await s.rtrw.appoint(admin, h.regionCode, {
      position: 'ketua',
      name: h.name,
      userId: h.userId,
      startDate: start,
      // Keputusan lurah: classification 100.3.3.2 (Permendagri 83/2022), numbered per year.
      decreeNumber: `100.3.3.2/${String(n).padStart(3, '0')}/SK-LRH/${start.slice(0, 4)}`,
      decreeDate: start,
    });
  }
}
