import type { Db } from '../../db/database.js';
import type { Ctx } from '../../kernel/context.js';
import type { AuditRepo } from '../../kernel/audit.js';

export function createAuditService(d: { db: Db; audit: AuditRepo }) {
  return {
    list: (ctx: Ctx, page: number, action?: string) =>
      d.audit.list(d.db, ctx.scope, { limit: 100, offset: (page - 1) * 100, action }),
  };
}
