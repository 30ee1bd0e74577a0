// The catalogue's public surface: the stages of a route, the snapshot a request keeps of its letter type,
// and what the naskah needs from a type (kinds, identity block keys, the effect's NIK field, field value checks).
export {
  DEFAULT_IDENTITY_FIELDS,
  effectNikField,
  fieldValueProblem,
  IDENTITY_FIELDS,
  LETTER_KINDS,
  STAGES,
  type Stage,
} from './rules.js';
export { snapshotOf } from './repo.js';
