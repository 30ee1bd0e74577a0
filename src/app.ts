// The composition root of the web app: the kernel's request pipeline
// (src/http/app.ts) with every module's routes and menu items.
import type { Config } from './config.js';
import { createHttpApp } from './http/app.js';
import { registerAllRoutes } from './modules/routes.js';
import type { Services } from './wiring.js';

export interface AppOptions {
  config: Config;
  services: Services;
  logger?: boolean;
}

export function createApp({ config, services, logger }: AppOptions) {
  return createHttpApp({ config, services, logger, routes: (app) => registerAllRoutes(app, services, config) });
}
