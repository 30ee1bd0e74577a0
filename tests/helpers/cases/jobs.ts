// Scope/bad-input cases for the jobs module's routes (see ../route-cases.ts).
import type { RouteCall, Target } from '../route-cases.js';
export const jobsCases: Record<string, (t: Target) => RouteCall> = {};
