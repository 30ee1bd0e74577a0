// What every use case knows about who is asking: their scope, their name for
// the audit trail, and where the request came from.
import type { AuditEntry } from './audit.js';
import type { Scope } from './scope.js';

export interface Ctx {
  scope: Scope;
  actorName: string;
  ip: string;
}

export function auditFrom(ctx: Ctx, e: Omit<AuditEntry, 'actorUserId' | 'actorName' | 'actorRole' | 'ip'>): AuditEntry {
  return { actorUserId: ctx.scope.userId, actorName: ctx.actorName, actorRole: ctx.scope.role, ip: ctx.ip, ...e };
}
