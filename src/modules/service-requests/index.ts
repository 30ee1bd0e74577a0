// The public surface of layanan warga for other modules: the stages and
// clocks of a request (pure). Page pieces other pages embed are in ui.ts.
export {
  STAGES,
  clockState,
  needsServiceTime,
  requestClocks,
  type ClockedRequest,
  type ClockMode,
  type ClockState,
  type ClockView,
  type RequestClocks,
  type Stage,
} from './rules.js';
