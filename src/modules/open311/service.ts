// Open311 GeoReport v2 read use cases: public, city-wide, without personal data.
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import type { Open311Repo, PublicRequestFilter } from './repo.js';

export const PAGE_SIZE = 100;
/** GeoReport v2: without dates, the most recent 90 days. */
const DEFAULT_WINDOW_MS = 90 * 24 * 3600_000;

export interface Open311Deps {
  db: Db;
  clock: Clock;
  open311: Open311Repo;
}

export function createOpen311Service(d: Open311Deps) {
  return {
    requests(f: Omit<PublicRequestFilter, 'limit' | 'offset' | 'publicId'> & { page: number }) {
      const start = f.start ?? (f.end ? undefined : new Date(d.clock.now().getTime() - DEFAULT_WINDOW_MS));
      return d.open311.listRequests(d.db, {
        serviceCode: f.serviceCode,
        status: f.status,
        start,
        end: f.end,
        limit: PAGE_SIZE,
        offset: (f.page - 1) * PAGE_SIZE,
      });
    },
    async request(publicId: string) {
      const rows = await d.open311.listRequests(d.db, { publicId, limit: 1, offset: 0 });
      if (!rows.length) throw notFound();
      return rows;
    },
  };
}
export type Open311Service = ReturnType<typeof createOpen311Service>;
