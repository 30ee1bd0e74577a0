// Working hours (fixed and shift schedules, the holiday calendar) and the
// late/early bands with their pay cuts: pure rules shared by the staff
// register (which stores each unit's settings) and E-Presensi (which applies them).
// Service hours (service-hours.ts) count the clocks of layanan warga on the same calendar.
export * from './schedule.js';
export * from './bands.js';
export * from './service-hours.js';
