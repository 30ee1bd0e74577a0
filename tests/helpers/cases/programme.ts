// Scope/bad-input cases for the programme module's routes (see ../route-cases.ts).
import type { RouteCall, Target } from '../route-cases.js';
export const programmeCases: Record<string, (t: Target) => RouteCall> = {};
