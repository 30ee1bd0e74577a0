import type { Db } from '../../db/database.js';
import type { Ctx } from '../context.js';
import type { AuditRepo } from './repo.js';

export function createAuditService(d: { db: Db; audit: AuditRepo }) {
  return {
    list: (ctx: Ctx, page: number, action?: string) =>
      d.audit.list(d.db, ctx.scope, { limit: 100, offset: (page - 1) * 100, action }),
  };
}
