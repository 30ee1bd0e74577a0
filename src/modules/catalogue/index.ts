// The catalogue's public surface: the stages of a route and the snapshot a request keeps of its letter type.
export { STAGES, type Stage } from './rules.js';
export { snapshotOf } from './repo.js';
