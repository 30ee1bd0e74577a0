// The public surface of the employees module for other modules.
export * from './rules.js';
export * from './tables.js';
