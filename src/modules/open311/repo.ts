// SQL for the public Open311 feed. Selects only what may be published: the
// request's public id, the letter type, status, stage, times, and the names of the
// kelurahan and kecamatan handling it. No resident, no NIK, no address, no
// region below kelurahan, no officials' names, no reasons (they may name people),
// and never the tracking code (the key to the request's /lacak page).
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

export interface PublicRequestFilter {
  serviceCode?: string | undefined;
  status?: 'open' | 'closed' | undefined;
  start?: Date | undefined;
  end?: Date | undefined;
  publicId?: string | undefined;
  limit: number;
  offset: number;
}

const OPEN = ['in_progress', 'returned'] as const;
const CLOSED = ['rejected', 'completed'] as const;
/** Region codes are fixed-depth (PP.KK.CC.DDDD…): the kelurahan and kecamatan are prefixes of the request's region. */
const KEL_PREFIX = sql<string>`substring(sr.region_code from '^[^.]+[.][^.]+[.][^.]+[.][^.]+')`;
const KEC_PREFIX = sql<string>`substring(sr.region_code from '^[^.]+[.][^.]+[.][^.]+')`;

export function createOpen311Repo() {
  return {
    /** Newest first by id (the primary key), so paging walks an index; filters use the type, status and submission columns. */
    listRequests(db: Db, f: PublicRequestFilter) {
      let q = db
        .selectFrom('service_requests as sr')
        .leftJoin('regions as kel', (j) => j.on('kel.code', '=', KEL_PREFIX))
        .leftJoin('regions as kec', (j) => j.on('kec.code', '=', KEC_PREFIX))
        .select([
          'sr.public_id',
          'sr.status',
          'sr.stage',
          'sr.submitted_at',
          'sr.due_at',
          'sr.completed_at',
          'sr.stage_started_at',
          sql<string>`sr.type_snapshot->>'code'`.as('service_code'),
          sql<string>`sr.type_snapshot->>'name'`.as('service_name'),
          sql<string[]>`sr.type_snapshot->'route'`.as('route'),
          sql<Date | null>`(select max(t.at) from request_transitions t where t.request_id = sr.id)`.as('updated_at'),
          'kel.name as kelurahan_name',
          'kec.name as kecamatan_name',
        ]);
      if (f.publicId) q = q.where('sr.public_id', '=', f.publicId);
      if (f.serviceCode) {
        const code = f.serviceCode;
        q = q.where('sr.letter_type_id', 'in', (eb) =>
          eb.selectFrom('letter_types').select('id').where('code', '=', code),
        );
      }
      if (f.status) q = q.where('sr.status', 'in', f.status === 'open' ? [...OPEN] : [...CLOSED]);
      if (f.start) q = q.where('sr.submitted_at', '>=', f.start);
      if (f.end) q = q.where('sr.submitted_at', '<=', f.end);
      return q.orderBy('sr.id', 'desc').limit(f.limit).offset(f.offset).execute();
    },
  };
}
export type Open311Repo = ReturnType<typeof createOpen311Repo>;
export type PublicRequestRow = Awaited<ReturnType<Open311Repo['listRequests']>>[number];
