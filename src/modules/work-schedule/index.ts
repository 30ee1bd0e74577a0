// Working hours (fixed and shift schedules, the holiday calendar) and the
// late/early bands with their pay cuts: pure rules shared by the staff
// register (which stores each unit's settings) and E-Presensi (which applies them).
export * from './schedule.js';
export * from './bands.js';
