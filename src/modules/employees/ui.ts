// Page pieces of the staff side that other modules embed: the warning that a
// year has no national calendar (the admin home shows it; so do the calendar
// and schedules pages). Data: CalendarService.warnings.
export { CalendarWarnings, type CalendarWarning } from './calendar-warning.js';
export { ActingNotice, actingDate } from './acting-notice.js';
