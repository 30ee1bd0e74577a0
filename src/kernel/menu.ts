// The main menu. Each module contributes its items when it registers its
// routes (addMenu); the layout shows the ones the signed-in role may open.
// The kernel knows no module: it only keeps the list.
import type { MessageKey } from '../i18n/index.js';
import type { App } from '../http/types.js';
import type { Role } from './roles.js';

export interface MenuItem {
  href: string;
  key: MessageKey;
  roles: readonly Role[] | 'all';
  /** Position in the menu: lower first. */
  order: number;
}

export function addMenu(app: App, ...items: MenuItem[]) {
  app.menu.push(...items);
  app.menu.sort((a, b) => a.order - b.order);
}

export function menuFor(items: readonly MenuItem[], role: Role): MenuItem[] {
  return items.filter((n) => n.roles === 'all' || n.roles.includes(role));
}
