// Scope/bad-input cases for the letters module's routes (see ../route-cases.ts).
import type { RouteCall, Target } from '../route-cases.js';
export const lettersCases: Record<string, (t: Target) => RouteCall> = {};
