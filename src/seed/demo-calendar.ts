// The demo city's holiday calendar: every year of the national calendar
// shipped in reference/kalender-libur-YYYY.csv (the SKB 3 Menteri's libur
// nasional and cuti bersama, Ramadan from the isbat), imported as the city's
// BKPSDM would from /pegawai/kalender. So 25 December 2026 is a holiday in
// the demo and Ramadan days use the Ramadan hours.
import type { Ctx } from '../kernel/context.js';
import type { Services } from '../wiring.js';

export async function seedDemoCalendar(s: Services, admin: Ctx) {
  for (const { year } of await s.calendar.shippedYears()) await s.calendar.importShipped(admin, year);
}
