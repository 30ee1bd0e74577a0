// Scope/bad-input cases for the catalogue module's routes (see ../route-cases.ts).
import type { RouteCall, Target } from '../route-cases.js';
export const catalogueCases: Record<string, (t: Target) => RouteCall> = {};
