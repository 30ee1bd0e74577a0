// The signed-in person as every request sees them (the accounts module builds it from the session).
import type { Role } from './roles.js';
import type { Scope } from './scope.js';

export interface SessionUser {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  regionCode: string;
  residentId: number | null;
  mustChangePassword: boolean;
  tokenHash: Buffer;
  scope: Scope;
}
