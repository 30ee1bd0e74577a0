// Every module's routes, registered in one place.
import type { Config } from '../config.js';
import type { App } from '../http/types.js';
import type { Services } from '../wiring.js';
import { registerAccountsPages } from './accounts/pages.js';
import { registerAccountsApi } from './accounts/routes.js';
import { registerAuditRoutes } from './audit/routes.js';
import { registerHomePages } from './home/pages.js';
import { registerRegionsPages } from './regions/pages.js';
import { registerRegionsApi } from './regions/routes.js';
import { registerResidentsPages } from './residents/pages.js';
import { registerResidentsApi } from './residents/routes.js';
import { registerRequestsApi } from './service-requests/routes.js';
// Module route registrations added by layanan warga work go below, one line each.
import { registerCatalogueRoutes } from './catalogue/routes.js';
import { registerOpen311Routes } from './open311/routes.js';
import { registerRequestsPages } from './service-requests/pages.js';
import { registerRequestFormPages } from './service-requests/pages-form.js';
import { registerCorrectionPages } from './service-requests/pages-correct.js';
import { registerPrivacyPage } from './service-requests/pages-privacy.js';
import { registerDashboardPages } from './dashboard/pages.js';
import { registerNotificationsRoutes } from './notifications/routes.js';
import { registerLettersPages } from './letters/pages.js';
import { registerOfficesPages } from './letters/pages-offices.js';
import { registerMonthlyReport } from './rtrw-programme/report-route.js';
import { registerRtRwProgrammeRoutes } from './rtrw-programme/routes.js';
import { registerRtRwRoutes } from './rt-rw/routes.js';
import { registerKinerjaRoutes } from './kinerja/routes.js';
import { registerCommunityRoutes } from './community/routes.js';
import { registerSkpRoutes } from './skp/routes.js';
import { registerEmployeesRoutes } from './employees/routes.js';
import { registerAttendanceRoutes } from './attendance/routes.js';
import { registerLeaveRoutes } from './attendance/leave-routes.js';
import { registerCorrespondenceRoutes } from './correspondence/routes.js';

export function registerAllRoutes(app: App, s: Services, config: Config) {
  registerAccountsApi(app, s, config);
  registerAccountsPages(app, s, config);
  registerHomePages(app, s);
  registerRegionsApi(app, s);
  registerRegionsPages(app, s);
  registerResidentsApi(app, s);
  registerResidentsPages(app, s);
  registerAuditRoutes(app, s);
  registerRequestsApi(app, s);
  // More registrations below, one line each.
  registerCatalogueRoutes(app, s);
  registerOpen311Routes(app, s);
  registerRequestsPages(app, s);
  registerRequestFormPages(app, s);
  registerCorrectionPages(app, s);
  registerPrivacyPage(app, s);
  registerDashboardPages(app, s);
  registerNotificationsRoutes(app, s);
  registerLettersPages(app, s, config);
  registerOfficesPages(app, s);
  registerRtRwProgrammeRoutes(app, s);
  registerMonthlyReport(app, s);
  registerRtRwRoutes(app, s, config);
  registerKinerjaRoutes(app, s);
  registerCommunityRoutes(app, s);
  registerSkpRoutes(app, s);
  registerEmployeesRoutes(app, s);
  registerAttendanceRoutes(app, s);
  registerLeaveRoutes(app, s, config);
  registerCorrespondenceRoutes(app, s);
}
