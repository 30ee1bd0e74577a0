// The public surface of the residents module for other modules.
export * from './rules.js';
