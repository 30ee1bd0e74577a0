// Scope/bad-input cases for the requests module's routes (see ../route-cases.ts).
import type { RouteCall, Target } from '../route-cases.js';
export const requestsCases: Record<string, (t: Target) => RouteCall> = {};
