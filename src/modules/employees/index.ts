// The public surface of the employees module for other modules.
export * from './rules.js';
export * from './tables.js';
export * from './acting-rules.js';
export type { ActingAs, ActingUseCases } from './acting-service.js';
