// Scope/bad-input cases for the kinerja module's routes (see ../route-cases.ts).
import type { RouteCall, Target } from '../route-cases.js';
export const kinerjaCases: Record<string, (t: Target) => RouteCall> = {};
