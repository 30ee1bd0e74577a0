// The composition root of the web app: the kernel's request pipeline
// (src/http/app.ts) with every module's routes and menu items.
import type { Config } from './config.js';
import { createHttpApp, type AppOptions as HttpAppOptions } from './http/app.js';
import { registerAllRoutes } from './modules/routes.js';
import type { Services } from './wiring.js';

export interface AppOptions {
  config: Config;
  services: Services;
  /** false: no log; a sink: log lines go there (tests capture them); default: standard output. */
  logger?: HttpAppOptions['logger'];
}

export function createApp({ config, services, logger }: AppOptions) {
  return createHttpApp({ config, services, logger, routes: (app) => registerAllRoutes(app, services, config) });
}
