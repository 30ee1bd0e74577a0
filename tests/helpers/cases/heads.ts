// Scope/bad-input cases for the heads module's routes (see ../route-cases.ts).
import type { RouteCall, Target } from '../route-cases.js';
export const headsCases: Record<string, (t: Target) => RouteCall> = {};
